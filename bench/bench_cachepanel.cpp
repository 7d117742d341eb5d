// Time to a filled Cached Repositories panel: the sandbox holds N repositories under the rule's
// prefix (default 5,000, each with one image), the panel lists them (DescribeRepositories,
// 1,000 a page) and reads each one's usage (DescribeImages, at most CacheDialog::kUsageInFlight
// in flight) over loopback HTTP, through the whole client stack. Reports the time until the
// table shows every row, until every row's usage is in, and the requests made.
// Usage: QT_QPA_PLATFORM=offscreen bench_cachepanel [repositories] [latency-ms]
#include "CacheDialog.h"
#include "MessagePresenter.h"
#include "RequestAuth.h"
#include "RulesController.h"
#include "SandboxServer.h"
#include "SandboxService.h"
#include "SessionFactory.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTableView>
#include <QTimer>

#include <cstdio>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

class BenchSessions final : public SessionFactory
{
public:
    BenchSessions(QNetworkAccessManager& network, const Clock& clock, QUrl endpoint)
        : m_network(network)
        , m_clock(clock)
        , m_endpoint(std::move(endpoint))
    { }
    QCoro::Task<Result<std::unique_ptr<EcrSession>>> open(
        QString, QString region, CancelToken) override
    {
        const auto key = sandbox::SandboxService::defaultKey();
        ConnectionTarget target;
        target.displayName = u"bench"_s;
        target.region = region;
        target.customEndpoint = m_endpoint;
        target.accountId = u"123456789012"_s;
        target.credentials = std::make_shared<StaticCredentialsProvider>(
            sigv4::Credentials{key.accessKeyId, key.secretAccessKey, {}});
        co_return EcrSession::create(m_network, m_clock, target);
    }

private:
    QNetworkAccessManager& m_network;
    const Clock& m_clock;
    QUrl m_endpoint;
};

bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return done();
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    const int count = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5000;
    const int latency = argc > 2 ? std::max(0, std::atoi(argv[2])) : 0;
    SystemClock clock;
    sandbox::SandboxService service(clock, {});
    sandbox::FaultConfig faults;
    faults.latencyMs = latency;
    sandbox::SandboxServer server(service, faults);
    if (!server.listen())
        return 1;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < count; ++i) {
        sandbox::SandboxRepository r;
        r.name = u"docker-hub/library/image-%1"_s.arg(i, 5, 10, QChar(u'0'));
        r.createdAt = now.addDays(-(i % 400));
        sandbox::SandboxImage image;
        image.digest = u"sha256:%1"_s.arg(QString::number(i, 16).rightJustified(64, u'0'));
        image.mediaType = u"application/vnd.oci.image.manifest.v1+json"_s;
        image.tags = {u"latest"_s};
        image.size = 1'000'000 + i;
        image.pushedAt = r.createdAt;
        image.lastPull = now.addDays(-(i % 120));
        r.images.append(image);
        service.repositories().addRepository(u"us-east-1"_s, r);
    }
    QNetworkAccessManager network;
    BenchSessions sessions(network, clock, server.url());
    RulesController controller(sessions);
    controller.connectTo(u"bench"_s, u"us-east-1"_s);
    if (!waitFor([&] { return controller.session() != nullptr && !controller.isBusy(); }, 10000))
        return 2;
    QMessageBoxPresenter presenter;
    PullThroughCacheRule rule;
    rule.ecrRepositoryPrefix = u"docker-hub"_s;
    rule.upstreamRegistryUrl = u"registry-1.docker.io"_s;
    rule.upstreamRegistry = u"docker-hub"_s;
    CacheDialog panel(controller, presenter, rule, {});
    panel.show();
    bool loaded = false;
    QObject::connect(&panel, &CacheDialog::loaded, [&] { loaded = true; });
    QElapsedTimer timer;
    timer.start();
    panel.load();
    if (!waitFor([&] { return panel.model().rowCount() == count; }, 120000))
        return 3;
    panel.table()->viewport()->repaint();
    const qint64 listed = timer.elapsed();
    if (!waitFor([&] { return loaded; }, 600000))
        return 4;
    panel.table()->viewport()->repaint();
    const qint64 filled = timer.elapsed();
    std::printf("repositories %d, latency %d ms, %d DescribeImages in flight at most\n", count,
        latency, CacheDialog::kUsageInFlight);
    std::printf("rows shown      %6lld ms  (%d DescribeRepositories)\n",
        static_cast<long long>(listed), service.requestCount(u"DescribeRepositories"_s));
    std::printf("usage filled in %6lld ms  (%d DescribeImages, %d usage known, max %d in flight)\n",
        static_cast<long long>(filled), service.requestCount(u"DescribeImages"_s),
        panel.model().usageKnown(), server.maxInFlight());
    return panel.model().usageKnown() == count ? 0 : 5;
}
