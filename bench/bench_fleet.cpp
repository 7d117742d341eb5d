// The fleet listing: 2 profiles (two sandboxes, two accounts) × the 34 regions of the aws
// partition, one rule per registry, every answer delayed by the injected latency (default
// 100 ms). Times FleetFetch — resolve, sign, DescribePullThroughCacheRules over loopback — from
// start to the last registry read, with the default bounds (FleetOptions), and reports it next
// to the sequential floor (registries × latency) and, with --sequential, a measured run with one
// registry at a time.
// Usage: bench_fleet [latency-ms] [runs] [--sequential]
#include "FleetFetch.h"
#include "SandboxServer.h"
#include "SandboxService.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

#include <algorithm>
#include <cstdio>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

class Accounts final : public ProfileDirectory
{
public:
    Accounts(QUrl a, QUrl b)
        : m_a(std::move(a))
        , m_b(std::move(b))
    { }
    QList<ProfileEntry> profiles() const override { return {}; }
    QCoro::Task<Result<ConnectionTarget>> resolve(QString id, QString region, CancelToken) override
    {
        const auto key = sandbox::SandboxService::defaultKey();
        ConnectionTarget target;
        target.displayName = id;
        target.region = region;
        target.customEndpoint = id == u"a" ? m_a : m_b;
        target.credentials = std::make_shared<StaticCredentialsProvider>(
            sigv4::Credentials{key.accessKeyId, key.secretAccessKey, {}});
        target.accountId = id == u"a" ? u"123456789012"_s : u"444455556666"_s;
        co_return target;
    }

private:
    QUrl m_a;
    QUrl m_b;
};

double run(FleetFetch& fetch, const QList<FleetTarget>& targets, int* rules, int* failed)
{
    QEventLoop loop;
    QObject::connect(&fetch, &FleetFetch::finished, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    timer.start();
    fetch.start(targets);
    if (fetch.isRunning())
        loop.exec();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    *rules = 0;
    *failed = fetch.failedCount();
    for (const FleetRegistry& r : fetch.results())
        *rules += int(r.rules.size());
    return ms;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int latency = args.size() > 1 && !args.at(1).startsWith(u"--") ? args.at(1).toInt() : 100;
    const int runs = args.size() > 2 && !args.at(2).startsWith(u"--") ? args.at(2).toInt() : 5;
    const bool sequential = args.contains(u"--sequential"_s);

    SystemClock clock;
    sandbox::SandboxConfig configA;
    configA.account = u"123456789012"_s;
    sandbox::SandboxConfig configB;
    configB.account = u"444455556666"_s;
    configB.statePath.clear();
    sandbox::SandboxService serviceA(clock, configA);
    sandbox::SandboxService serviceB(clock, configB);
    sandbox::SandboxServer serverA(serviceA);
    sandbox::SandboxServer serverB(serviceB);
    if (!serverA.listen() || !serverB.listen()) {
        std::fprintf(stderr, "cannot listen\n");
        return 1;
    }
    auto gauge = std::make_shared<sandbox::InFlightGauge>();
    serverA.setGauge(gauge);
    serverB.setGauge(gauge);
    Accounts profiles(serverA.url(), serverB.url());

    const QStringList regions = FleetFetch::regionsOf({u"aws"_s});
    QList<FleetTarget> targets;
    for (const QString& id : {u"a"_s, u"b"_s}) {
        for (const QString& region : regions)
            targets.append({id, id, region, std::nullopt});
    }
    // One rule per registry, made through the client itself (before the latency is on).
    {
        FleetFetch seed(profiles, clock);
        int rules = 0;
        int failed = 0;
        run(seed, targets, &rules, &failed);
        for (int i = 0; i < seed.results().size(); ++i) {
            EcrSession* session = seed.session(i);
            const CreateRuleRequest request{u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}};
            auto task = session->client().createRule(request);
            QEventLoop wait;
            bool done = false;
            task.then([&](const auto&) {
                done = true;
                wait.quit();
            });
            if (!done)
                wait.exec();
        }
    }
    sandbox::FaultConfig slow;
    slow.latencyMs = latency;
    serverA.setFaults(slow);
    serverB.setFaults(slow);

    FleetOptions options;
    QList<double> times;
    int rules = 0;
    int failed = 0;
    int mostInFlight = 0;
    for (int i = 0; i < runs; ++i) {
        FleetFetch fetch(profiles, clock, options);
        times.append(run(fetch, targets, &rules, &failed));
        mostInFlight = std::max(mostInFlight, fetch.mostInFlight());
    }
    std::sort(times.begin(), times.end());
    const double median = times.at(times.size() / 2);
    const double floor = double(targets.size()) * latency;
    std::printf("fleet listing: %lld registries (2 profiles x %lld regions), %d ms latency, "
                "bounds %d overall / %d per region\n",
        static_cast<long long>(targets.size()), static_cast<long long>(regions.size()), latency,
        options.maxInFlight, options.maxPerRegion);
    std::printf("  wall: median %.1f ms, min %.1f ms, max %.1f ms over %d runs; %d rules, %d "
                "failed; most registries in flight %d, most requests in flight %d\n",
        median, times.first(), times.last(), runs, rules, failed, mostInFlight, gauge->max());
    std::printf("  sequential floor (registries x latency): %.0f ms -> %.1fx faster\n", floor,
        floor / median);
    if (sequential) {
        FleetOptions one;
        one.maxInFlight = 1;
        one.maxPerRegion = 1;
        FleetFetch fetch(profiles, clock, one);
        const double ms = run(fetch, targets, &rules, &failed);
        std::printf("  measured one registry at a time: %.1f ms\n", ms);
    }
    if (args.contains(u"--json"_s))
        std::printf("{\"registries\":%lld,\"latency_ms\":%d,\"runs\":%d,\"median_ms\":%.1f,"
                    "\"min_ms\":%.1f,\"max_ms\":%.1f,\"sequential_floor_ms\":%.0f,\"failed\":%d}\n",
            static_cast<long long>(targets.size()), latency, runs, median, times.first(),
            times.last(), floor, failed);
    return failed == 0 && rules == int(targets.size()) ? 0 : 1;
}
