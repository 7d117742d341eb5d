// Create → describe → delete cycles through the whole client stack (validation, signing,
// QNetworkAccessManager, loopback HTTP, JSON) against an ecr-sandbox, one cycle at a time and
// with several cycles in flight. The sandbox runs in its own process (--url), so this
// process's user+system time is the client's own CPU; without --url an in-process sandbox is
// started (the CPU figure then includes it, and the output says so).
// Usage: bench_loopback [--url http://127.0.0.1:PORT] [--cycles N] [--in-flight K] [--json]
#include "EcrClient.h"
#include "RequestAuth.h"
#include "SandboxServer.h"
#include "SandboxService.h"
#include "ServiceClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <sys/resource.h>
#include <vector>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) {
        return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Run
{
    int cycles = 0; // to do
    int started = 0;
    int finished = 0;
    int failed = 0;
    QString firstError;
    QList<qint64> cycleMicros;
};

// One worker: cycles until the run has started all of them. Each cycle uses its own prefix.
QCoro::Task<> worker(EcrClient& client, Run& run, int id, QEventLoop& loop)
{
    while (run.started < run.cycles) {
        const int cycle = run.started++;
        const QString prefix = u"bench-%1-%2"_s.arg(id).arg(cycle);
        QElapsedTimer timer;
        timer.start();
        CreateRuleRequest create{prefix, u"public.ecr.aws"_s, {}, {}, {}, {}, {}};
        const auto created = co_await client.createRule(create);
        DescribeRulesRequest describe;
        describe.ecrRepositoryPrefixes = {prefix};
        const auto described = co_await client.describeRulesPage(describe);
        RuleKey key{prefix, {}};
        const auto deleted = co_await client.deleteRule(key);
        run.cycleMicros.append(timer.nsecsElapsed() / 1000);
        for (const AwsError* error : {created ? nullptr : &created.error(),
                 described ? nullptr : &described.error(), deleted ? nullptr : &deleted.error()}) {
            if (error) {
                ++run.failed;
                if (run.firstError.isEmpty())
                    run.firstError = error->code + u": "_s + error->message;
            }
        }
        ++run.finished;
    }
    if (run.finished == run.cycles)
        loop.quit();
}

QJsonObject measure(EcrClient& client, int cycles, int inFlight)
{
    Run run;
    run.cycles = cycles;
    QEventLoop loop;
    std::vector<QCoro::Task<>> workers;
    const double cpuBefore = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < inFlight; ++i)
        workers.push_back(worker(client, run, i, loop));
    if (run.finished < run.cycles)
        loop.exec();
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;
    std::sort(run.cycleMicros.begin(), run.cycleMicros.end());
    const auto at = [&](double q) {
        return double(run.cycleMicros[qsizetype(q * double(run.cycleMicros.size() - 1))]) / 1000.0;
    };
    const int operations = cycles * 3;
    return QJsonObject{
        {u"in_flight"_s, inFlight},
        {u"cycles"_s, cycles},
        {u"operations"_s, operations},
        {u"failed"_s, run.failed},
        {u"first_error"_s, run.firstError},
        {u"wall_s"_s, seconds},
        {u"ops_per_s"_s, operations / seconds},
        {u"cycle_p50_ms"_s, at(0.50)},
        {u"cycle_p99_ms"_s, at(0.99)},
        {u"cpu_us_per_op"_s, cpu * 1e6 / operations},
    };
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({
        {u"url"_s, u"The sandbox to use (default: one in this process)."_s, u"URL"_s},
        {u"cycles"_s, u"Cycles per measurement (default 500)."_s, u"N"_s, u"500"_s},
        {u"in-flight"_s, u"Cycles in flight in the second measurement (default 8)."_s, u"K"_s,
            u"8"_s},
        {u"json"_s, u"Print one JSON object."_s},
    });
    parser.process(app);
    const int cycles = std::max(10, parser.value(u"cycles"_s).toInt());
    const int inFlight = std::max(1, parser.value(u"in-flight"_s).toInt());

    SystemClock clock;
    std::unique_ptr<sandbox::SandboxService> service;
    std::unique_ptr<sandbox::SandboxServer> server;
    QUrl url(parser.value(u"url"_s));
    if (url.isEmpty()) {
        service = std::make_unique<sandbox::SandboxService>(clock, sandbox::SandboxConfig{});
        server = std::make_unique<sandbox::SandboxServer>(*service);
        if (!server->listen())
            return 1;
        url = server->url();
    }
    const auto key = sandbox::SandboxService::defaultKey();
    QNetworkAccessManager network;
    StaticCredentialsProvider credentials({key.accessKeyId, key.secretAccessKey, {}});
    SigV4Auth auth(credentials, clock);
    ServiceClientConfig config;
    config.service = EcrClient::service();
    config.endpoint = {url, u"us-east-1"_s, u"aws"_s};
    ServiceClient transport(network, clock, config, &auth);
    EcrClient client(transport);

    measure(client, 20, 1); // warm-up: connections, the signing key, first allocations
    const QJsonObject sequential = measure(client, cycles, 1);
    const QJsonObject parallel = measure(client, cycles, inFlight);
    const QJsonObject out{
        {u"sandbox"_s, server ? u"in-process"_s : u"separate process"_s},
        {u"sequential"_s, sequential},
        {u"parallel"_s, parallel},
    };
    if (parser.isSet(u"json"_s)) {
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    } else {
        for (const QJsonObject& m : {sequential, parallel})
            std::printf("%d in flight: %.0f ops/s, cycle p50 %.3f ms p99 %.3f ms, client CPU %.1f "
                        "us/op (%s sandbox), %d failed\n",
                m.value(u"in_flight"_s).toInt(), m.value(u"ops_per_s"_s).toDouble(),
                m.value(u"cycle_p50_ms"_s).toDouble(), m.value(u"cycle_p99_ms"_s).toDouble(),
                m.value(u"cpu_us_per_op"_s).toDouble(),
                qPrintable(out.value(u"sandbox"_s).toString()), m.value(u"failed"_s).toInt());
    }
    return sequential.value(u"failed"_s).toInt() + parallel.value(u"failed"_s).toInt() ? 3 : 0;
}
