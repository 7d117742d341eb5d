// Micro-benchmarks (Google Benchmark): signing one ECR request, parsing full answer pages, and
// the fleet view's and the rules table's models with 100,000 rows: loading, sorting (a header
// click) and filtering (one keystroke), each with a shown view painting on the offscreen
// platform. Run by scripts/bench; by hand:
//   QT_QPA_PLATFORM=offscreen build/bench/bench/bench_micro [--benchmark_filter=Sign]
#include "BenchData.h"
#include "Clock.h"
#include "EcrTypes.h"
#include "FleetModel.h"
#include "FleetProxyModel.h"
#include "RepositoryTypes.h"
#include "RulesFilterProxyModel.h"
#include "RulesTableModel.h"
#include "SigV4Signer.h"
#include "StartupProbe.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableView>
#include <QTreeView>

#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdio>
#include <cstring>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

constexpr int kFleetProfiles = 2;
constexpr int kFleetRegions = 34;
constexpr int kRulesPerRegistry = 1471; // 2 × 34 × 1,471 = 100,028 rows

// The request the app sends most: CreatePullThroughCacheRule as ServiceClient builds it.
sigv4::Request ecrRequest()
{
    return {"POST", "/", {},
        {{"Content-Type", "application/x-amz-json-1.1"},
            {"X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.CreatePullThroughCacheRule"},
            {"Host", "api.ecr.us-east-1.amazonaws.com"}},
        R"({"ecrRepositoryPrefix":"docker-hub","upstreamRegistryUrl":"registry-1.docker.io","credentialArn":"arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf"})"};
}

const sigv4::Credentials& exampleCredentials()
{
    static const sigv4::Credentials credentials{
        u"AKIDEXAMPLE"_s, u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s, {}};
    return credentials;
}

void BM_SignWarmKey(benchmark::State& state)
{
    const ManualClock clock(QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC));
    const SigV4Signer signer(clock);
    const SigV4Signer::Options options{"us-east-1", "ecr"};
    const sigv4::Request request = ecrRequest();
    signer.signHeaders(request, exampleCredentials(), options); // the key is now cached
    for (auto _ : state) {
        SigV4Signer::Result result = signer.signHeaders(request, exampleCredentials(), options);
        benchmark::DoNotOptimize(result.signature.data());
    }
}
BENCHMARK(BM_SignWarmKey);

void BM_SignColdKey(benchmark::State& state)
{
    const ManualClock clock(QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC));
    const SigV4Signer::Options options{"us-east-1", "ecr"};
    const sigv4::Request request = ecrRequest();
    for (auto _ : state) {
        const SigV4Signer signer(clock); // an empty key cache: the key is derived
        SigV4Signer::Result result = signer.signHeaders(request, exampleCredentials(), options);
        benchmark::DoNotOptimize(result.signature.data());
    }
}
BENCHMARK(BM_SignColdKey);

void BM_ParseDescribeRulesPage(benchmark::State& state)
{
    const QByteArray body = bench::describeRulesPage(int(state.range(0)));
    for (auto _ : state) {
        const DescribeRulesPage page
            = DescribeRulesPage::fromJson(QJsonDocument::fromJson(body).object());
        benchmark::DoNotOptimize(page.rules.constData());
    }
    state.SetBytesProcessed(state.iterations() * body.size());
    state.counters["rules"] = double(state.range(0));
}
BENCHMARK(BM_ParseDescribeRulesPage)->Arg(1000)->Unit(benchmark::kMicrosecond);

void BM_ParseDescribeRepositoriesPage(benchmark::State& state)
{
    const QByteArray body = bench::describeRepositoriesPage(int(state.range(0)));
    for (auto _ : state) {
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        QList<CachedRepository> repositories;
        for (const QJsonValue& v : json.value(u"repositories"_s).toArray())
            repositories.append(CachedRepository::fromJson(v.toObject()));
        benchmark::DoNotOptimize(repositories.constData());
    }
    state.SetBytesProcessed(state.iterations() * body.size());
    state.counters["repositories"] = double(state.range(0));
}
BENCHMARK(BM_ParseDescribeRepositoriesPage)->Arg(1000)->Unit(benchmark::kMicrosecond);

// Lets the shown view lay out and paint what changed.
void settle()
{
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
}

// The fleet view's model, proxy and tree as FleetDialog sets them up, 100,028 rows.
struct FleetView
{
    FleetModel model;
    FleetProxyModel proxy;
    QTreeView view;
    QList<FleetRegistry> registries
        = bench::fleet(kFleetProfiles, kFleetRegions, kRulesPerRegistry);

    FleetView()
    {
        proxy.setSourceModel(&model);
        view.setModel(&proxy);
        view.setSortingEnabled(true);
        view.sortByColumn(FleetModel::PrefixColumn, Qt::AscendingOrder);
        view.setRootIsDecorated(false);
        view.setUniformRowHeights(true);
        view.resize(1200, 700);
        view.show();
        settle();
    }
};

void BM_FleetLoad(benchmark::State& state)
{
    FleetView fleet;
    for (auto _ : state) {
        fleet.model.setRegistries(fleet.registries);
        settle();
    }
    state.counters["rows"] = double(fleet.proxy.rowCount());
}
BENCHMARK(BM_FleetLoad)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_FleetSort(benchmark::State& state)
{
    FleetView fleet;
    fleet.model.setRegistries(fleet.registries);
    settle();
    // Each iteration is one header click: another column, so every sort does the work.
    const int columns[] = {FleetModel::UpstreamColumn, FleetModel::PrefixColumn,
        FleetModel::RegionColumn, FleetModel::ConsistencyColumn};
    int i = 0;
    for (auto _ : state) {
        const Qt::SortOrder order = i % 3 ? Qt::AscendingOrder : Qt::DescendingOrder;
        fleet.view.sortByColumn(columns[i++ % 4], order);
        settle();
    }
    state.counters["rows"] = double(fleet.proxy.rowCount());
}
BENCHMARK(BM_FleetSort)->Unit(benchmark::kMillisecond)->UseRealTime();

// Typing "docker" one key at a time, then deleting it one key at a time: each iteration is one
// keystroke (narrowing or widening the filter) with the view repainted.
template <typename SetFilter>
void keystrokes(benchmark::State& state, SetFilter setFilter)
{
    const QString word = u"docker"_s;
    QList<QString> steps;
    for (qsizetype n = 1; n <= word.size(); ++n)
        steps.append(word.left(n));
    for (qsizetype n = word.size() - 1; n >= 0; --n)
        steps.append(word.left(n));
    double worst = 0;
    int i = 0;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        setFilter(steps.at(i++ % steps.size()));
        settle();
        worst = std::max(worst,
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
    }
    state.counters["worst_ms"] = worst;
}

void BM_FleetFilterKeystroke(benchmark::State& state)
{
    FleetView fleet;
    fleet.model.setRegistries(fleet.registries);
    settle();
    keystrokes(state, [&](const QString& text) { fleet.proxy.setFilterText(text); });
    state.counters["rows"] = double(fleet.model.rowCount());
}
BENCHMARK(BM_FleetFilterKeystroke)->Unit(benchmark::kMillisecond)->UseRealTime();

// The main window's rules table with 100,000 rules in one registry (far over ECR's quota: the
// worst case the model must bear).
struct RulesView
{
    RulesTableModel model;
    RulesFilterProxyModel proxy;
    QTableView view;
    QList<PullThroughCacheRule> rules = bench::rules(100000, u"us-east-1"_s, u"123456789012"_s);

    RulesView()
    {
        proxy.setSourceModel(&model);
        view.setModel(&proxy);
        view.setSortingEnabled(true);
        view.sortByColumn(RulesTableModel::Prefix, Qt::AscendingOrder);
        view.resize(1200, 700);
        view.show();
        settle();
    }
};

void BM_RulesLoad(benchmark::State& state)
{
    RulesView rules;
    for (auto _ : state) {
        rules.model.setRules(rules.rules);
        settle();
    }
    state.counters["rows"] = double(rules.proxy.rowCount());
}
BENCHMARK(BM_RulesLoad)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_RulesSort(benchmark::State& state)
{
    RulesView rules;
    rules.model.setRules(rules.rules);
    settle();
    const int columns[] = {RulesTableModel::Upstream, RulesTableModel::Prefix,
        RulesTableModel::Created, RulesTableModel::CredentialArn};
    int i = 0;
    for (auto _ : state) {
        const Qt::SortOrder order = i % 3 ? Qt::AscendingOrder : Qt::DescendingOrder;
        rules.view.sortByColumn(columns[i++ % 4], order);
        settle();
    }
    state.counters["rows"] = double(rules.proxy.rowCount());
}
BENCHMARK(BM_RulesSort)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_RulesFilterKeystroke(benchmark::State& state)
{
    RulesView rules;
    rules.model.setRules(rules.rules);
    settle();
    keystrokes(state, [&](const QString& text) { rules.proxy.setFilterText(text); });
    state.counters["rows"] = double(rules.model.rowCount());
}
BENCHMARK(BM_RulesFilterKeystroke)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "--rss-fleet") == 0) {
        // Resident memory of the fleet view's model, proxy and tree with 100,028 rows shown
        // (the rows' data itself included), next to the process before it loads them.
        const long before = StartupProbe::residentKilobytes();
        FleetView fleet;
        fleet.model.setRegistries(fleet.registries);
        settle();
        fleet.view.sortByColumn(FleetModel::RegionColumn, Qt::AscendingOrder);
        fleet.proxy.setFilterText(u"docker"_s);
        settle();
        fleet.proxy.setFilterText({});
        settle();
        std::printf("{\"rows\":%d,\"rss_before_kb\":%ld,\"rss_loaded_kb\":%ld}\n",
            fleet.proxy.rowCount(), before, StartupProbe::residentKilobytes());
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
