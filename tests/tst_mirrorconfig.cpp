// Golden tests of the node mirror configuration per registry (Docker Hub, Quay, GHCR,
// ECR-to-ECR with and without an upstream repository prefix): containerd's hosts.toml, the
// CRI-O/Podman registries.conf drop-in and the reference rewrite, compared byte for byte with
// tests/data/mirror/. ECR_UPDATE_GOLDEN=1 writes the files instead (review the diff). The
// ctest entry mirrorconfig.toml parses every golden TOML file with Python's tomllib.
#include "MirrorConfig.h"

#include <QFile>
#include <QTest>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

const RegistryLocation kLocation{u"111122223333"_s, u"us-east-1"_s, u"amazonaws.com"_s};

PullThroughCacheRule makeRule(const QString& prefix, const QString& url, const QString& registry,
    const QString& upstreamPrefix = {})
{
    PullThroughCacheRule rule;
    rule.ecrRepositoryPrefix = prefix;
    rule.upstreamRegistryUrl = url;
    rule.upstreamRegistry = registry;
    rule.upstreamRepositoryPrefix = upstreamPrefix;
    return rule;
}

QString golden(const QString& name)
{
    return QStringLiteral(ECR_TEST_DATA_DIR) + u"/mirror/"_s + name;
}

void compareGolden(const QString& name, const QString& actual)
{
    QFile file(golden(name));
    if (qEnvironmentVariableIntValue("ECR_UPDATE_GOLDEN") == 1) {
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(actual.toUtf8());
        return;
    }
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QCOMPARE(actual, QString::fromUtf8(file.readAll()));
}

QString rewriteText(const MirrorConfig& c)
{
    return u"%1/<path> -> %2/<path>\n%3 -> %4\n"_s.arg(
        c.rewriteFrom, c.rewriteTo, c.rewriteExampleFrom, c.rewriteExampleTo);
}

} // namespace

class TestMirrorConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void golden_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<PullThroughCacheRule>("rule");
        QTest::newRow("docker-hub")
            << u"docker-hub"_s
            << makeRule(u"docker-hub"_s, u"registry-1.docker.io"_s, u"docker-hub"_s);
        QTest::newRow("quay") << u"quay"_s << makeRule(u"quay"_s, u"quay.io"_s, u"quay"_s);
        QTest::newRow("ghcr") << u"ghcr"_s
                              << makeRule(
                                     u"github"_s, u"ghcr.io"_s, u"github-container-registry"_s);
        QTest::newRow("ecr") << u"ecr"_s
                             << makeRule(u"team-cache"_s,
                                    u"444455556666.dkr.ecr.eu-west-1.amazonaws.com"_s, u"ecr"_s);
        QTest::newRow("ecr-upstream-prefix")
            << u"ecr-upstream-prefix"_s
            << makeRule(u"team-cache"_s, u"444455556666.dkr.ecr.eu-west-1.amazonaws.com"_s,
                   u"ecr"_s, u"team"_s);
    }

    void golden()
    {
        QFETCH(QString, name);
        QFETCH(PullThroughCacheRule, rule);
        const MirrorConfig c = mirrorConfig(rule, kLocation);
        if (c.containerdToml.isEmpty())
            QVERIFY(!c.containerdWhyNot.isEmpty());
        else
            compareGolden(name + u".hosts.toml"_s, c.containerdToml);
        compareGolden(name + u".registries.conf"_s, c.registriesConf);
        compareGolden(name + u".rewrite.txt"_s, rewriteText(c));
    }

    void theFormatsThatMatter()
    {
        const MirrorConfig hub = mirrorConfig(
            makeRule(u"docker-hub/"_s, u"registry-1.docker.io"_s, u"docker-hub"_s), kLocation);
        // containerd: the upstream host's own directory, the API root with /v2 and the prefix.
        QCOMPARE(hub.containerdPath, u"/etc/containerd/certs.d/docker.io/hosts.toml"_s);
        QVERIFY(hub.containerdToml.contains(
            u"[host.\"https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/docker-hub\"]"_s));
        QVERIFY(hub.containerdToml.contains(u"override_path = true"_s));
        QVERIFY(hub.containerdToml.contains(u"server = \"https://registry-1.docker.io\""_s));
        QCOMPARE(hub.rewriteExampleFrom, u"docker.io/library/alpine"_s);
        QCOMPARE(hub.rewriteExampleTo,
            u"111122223333.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/alpine"_s);
        QVERIFY(hub.notes.join(u' ').contains(u"Docker Engine"_s));

        // An upstream repository prefix: containerd cannot strip it, registries.conf can.
        const MirrorConfig mapped = mirrorConfig(
            makeRule(u"team-cache"_s, u"444455556666.dkr.ecr.eu-west-1.amazonaws.com"_s, u"ecr"_s,
                u"team"_s),
            kLocation);
        QVERIFY(mapped.containerdToml.isEmpty());
        QVERIFY(mapped.containerdWhyNot.contains(u"team"_s));
        QVERIFY(mapped.registriesConf.contains(
            u"prefix = \"444455556666.dkr.ecr.eu-west-1.amazonaws.com/team\""_s));
        QCOMPARE(mapped.rewriteExampleTo,
            u"111122223333.dkr.ecr.us-east-1.amazonaws.com/team-cache/app"_s);

        // ROOT: the registry's root is the mirror.
        const MirrorConfig root = mirrorConfig(
            makeRule(u"ROOT"_s, u"444455556666.dkr.ecr.eu-west-1.amazonaws.com"_s, u"ecr"_s),
            kLocation);
        QCOMPARE(root.mirrorUrl, u"https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2"_s);
        QCOMPARE(root.rewriteTo, u"111122223333.dkr.ecr.us-east-1.amazonaws.com"_s);

        // China: the partition's suffix.
        const MirrorConfig china = mirrorConfig(makeRule(u"quay"_s, u"quay.io"_s, u"quay"_s),
            {u"111122223333"_s, u"cn-north-1"_s, u"amazonaws.com.cn"_s});
        QCOMPARE(china.rewriteTo, u"111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/quay"_s);
    }
};

QTEST_MAIN(TestMirrorConfig)
#include "tst_mirrorconfig.moc"
