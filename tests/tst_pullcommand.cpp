// The pull reference of an image cached by a rule (reference notes §6).
#include "PullCommand.h"

#include <QTest>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {
const QString kAccount = u"123456789012"_s;
const QString kHost = u"123456789012.dkr.ecr.us-east-1.amazonaws.com"_s;
} // namespace

class TestPullCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reference_data()
    {
        QTest::addColumn<QString>("registryId");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("dnsSuffix");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<int>("registry"); // -1: unknown
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("expected");

        const int dockerHub = int(UpstreamRegistry::DockerHub);
        const int quay = int(UpstreamRegistry::Quay);
        const int github = int(UpstreamRegistry::GitHubContainerRegistry);
        const int ecrPrivate = int(UpstreamRegistry::Ecr);
        const QString east = u"us-east-1"_s;
        const QString com = u"amazonaws.com"_s;

        QTest::newRow("docker-hub official image gets library/")
            << kAccount << east << com << u"docker-hub"_s << dockerHub << u"nginx:latest"_s
            << kHost + u"/docker-hub/library/nginx:latest"_s;
        QTest::newRow("docker-hub official image by digest")
            << kAccount << east << com << u"docker-hub"_s << dockerHub
            << u"alpine@sha256:0123abcd"_s
            << kHost + u"/docker-hub/library/alpine@sha256:0123abcd"_s;
        QTest::newRow("docker-hub user repository keeps its path")
            << kAccount << east << com << u"docker-hub"_s << dockerHub << u"bitnami/redis:7.2"_s
            << kHost + u"/docker-hub/bitnami/redis:7.2"_s;
        QTest::newRow("docker-hub pasted with docker.io host")
            << kAccount << east << com << u"docker-hub"_s << dockerHub
            << u"docker.io/library/nginx:1.27"_s << kHost + u"/docker-hub/library/nginx:1.27"_s;
        QTest::newRow("docker-hub pasted official image with host")
            << kAccount << east << com << u"docker-hub"_s << dockerHub
            << u"registry-1.docker.io/nginx"_s << kHost + u"/docker-hub/library/nginx"_s;
        QTest::newRow("quay single segment gets no library/")
            << kAccount << east << com << u"quay"_s << quay << u"coreos"_s
            << kHost + u"/quay/coreos"_s;
        QTest::newRow("github pasted with ghcr.io host")
            << kAccount << east << com << u"github"_s << github << u"ghcr.io/owner/app:1"_s
            << kHost + u"/github/owner/app:1"_s;
        QTest::newRow("ROOT omits the prefix segment")
            << kAccount << east << com << u"ROOT"_s << ecrPrivate << u"team-a/app:1"_s
            << kHost + u"/team-a/app:1"_s;
        QTest::newRow("trailing slash of the prefix")
            << kAccount << east << com << u"mirror/"_s << quay << u"org/img:2"_s
            << kHost + u"/mirror/org/img:2"_s;
        QTest::newRow("China partition suffix")
            << kAccount << u"cn-north-1"_s << u"amazonaws.com.cn"_s << u"quay"_s << quay
            << u"prometheus/node-exporter:v1"_s
            << u"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/quay/prometheus/node-exporter:v1"_s;
        QTest::newRow("template, docker-hub hint")
            << kAccount << east << com << u"docker-hub"_s << dockerHub << QString()
            << kHost + u"/docker-hub/library/<image>:<tag>"_s;
        QTest::newRow("template, other registry")
            << kAccount << east << com << u"github"_s << github << QString()
            << kHost + u"/github/<repository>/<image>:<tag>"_s;
        QTest::newRow("template, ROOT") << kAccount << east << com << u"ROOT"_s << ecrPrivate
                                        << QString() << kHost + u"/<repository>/<image>:<tag>"_s;
        QTest::newRow("template, unknown registry")
            << kAccount << east << com << u"legacy"_s << -1 << QString()
            << kHost + u"/legacy/<repository>/<image>:<tag>"_s;
        QTest::newRow("placeholders for unknown account, region and prefix")
            << QString() << QString() << QString() << QString() << quay << QString()
            << u"<account-id>.dkr.ecr.<region>.amazonaws.com/<prefix>/<repository>/<image>:<tag>"_s;
    }
    void reference()
    {
        QFETCH(QString, registryId);
        QFETCH(QString, region);
        QFETCH(QString, dnsSuffix);
        QFETCH(QString, prefix);
        QFETCH(int, registry);
        QFETCH(QString, image);
        QFETCH(QString, expected);
        const std::optional<UpstreamRegistry> upstream
            = registry < 0 ? std::nullopt : std::optional(UpstreamRegistry(registry));
        QCOMPARE(
            pullImageReference(registryId, region, dnsSuffix, prefix, upstream, image), expected);
        QCOMPARE(pullCommand(registryId, region, dnsSuffix, prefix, upstream, image),
            u"docker pull "_s + expected);
    }
};

QTEST_APPLESS_MAIN(TestPullCommand)
#include "tst_pullcommand.moc"
