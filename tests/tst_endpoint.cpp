// ECR endpoint resolution against the vectors of the ECR endpoint rule set tests.
#include "EcrEndpoint.h"

#include <QTest>

using namespace ecr;
using namespace Qt::StringLiterals;

class TestEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolves_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<bool>("fips");
        QTest::addColumn<bool>("dualStack");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("partition");
        QTest::newRow("us-east-1") << u"us-east-1"_s << false << false
                                   << u"https://api.ecr.us-east-1.amazonaws.com/"_s << u"aws"_s;
        QTest::newRow("us-east-1 fips")
            << u"us-east-1"_s << true << false << u"https://api.ecr-fips.us-east-1.amazonaws.com/"_s
            << u"aws"_s;
        QTest::newRow("us-east-1 dualstack")
            << u"us-east-1"_s << false << true << u"https://ecr.us-east-1.api.aws/"_s << u"aws"_s;
        QTest::newRow("us-east-1 fips dualstack")
            << u"us-east-1"_s << true << true << u"https://ecr-fips.us-east-1.api.aws/"_s
            << u"aws"_s;
        QTest::newRow("cn-northwest-1")
            << u"cn-northwest-1"_s << false << false
            << u"https://api.ecr.cn-northwest-1.amazonaws.com.cn/"_s << u"aws-cn"_s;
        QTest::newRow("cn-northwest-1 dualstack")
            << u"cn-northwest-1"_s << false << true
            << u"https://ecr.cn-northwest-1.api.amazonwebservices.com.cn/"_s << u"aws-cn"_s;
        QTest::newRow("us-gov-west-1")
            << u"us-gov-west-1"_s << false << false
            << u"https://api.ecr.us-gov-west-1.amazonaws.com/"_s << u"aws-us-gov"_s;
        QTest::newRow("us-gov-west-1 fips")
            << u"us-gov-west-1"_s << true << false
            << u"https://api.ecr-fips.us-gov-west-1.amazonaws.com/"_s << u"aws-us-gov"_s;
        QTest::newRow("eusc-de-east-1")
            << u"eusc-de-east-1"_s << false << false
            << u"https://api.ecr.eusc-de-east-1.amazonaws.eu/"_s << u"aws-eusc"_s;
        QTest::newRow("us-iso-east-1")
            << u"us-iso-east-1"_s << false << false
            << u"https://api.ecr.us-iso-east-1.c2s.ic.gov/"_s << u"aws-iso"_s;
        QTest::newRow("unlisted region by regex")
            << u"eu-future-9"_s << false << false << u"https://api.ecr.eu-future-9.amazonaws.com/"_s
            << u"aws"_s;
    }
    void resolves()
    {
        QFETCH(QString, region);
        QFETCH(bool, fips);
        QFETCH(bool, dualStack);
        QFETCH(QString, url);
        QFETCH(QString, partition);
        const auto result = resolveEcrEndpoint({region, fips, dualStack, {}});
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->url.toString(), url);
        QCOMPARE(result->signingRegion, region);
        QCOMPARE(result->partitionId, partition);
    }

    void customEndpoint()
    {
        const QUrl custom(u"http://127.0.0.1:4566"_s);
        const auto result = resolveEcrEndpoint({u"us-east-1"_s, false, false, custom});
        QVERIFY(result.ok());
        QCOMPARE(result->url, custom);
        QCOMPARE(result->signingRegion, u"us-east-1"_s);
    }

    void customEndpointRejectsFipsAndDualStack()
    {
        const QUrl custom(u"https://ecr.example.internal"_s);
        const auto fips = resolveEcrEndpoint({u"us-east-1"_s, true, false, custom});
        QVERIFY(!fips.ok());
        QCOMPARE(fips.error().kind, ErrorKind::Configuration);
        QVERIFY(fips.error().message.contains(u"FIPS"_s));
        const auto dual = resolveEcrEndpoint({u"us-east-1"_s, false, true, custom});
        QVERIFY(!dual.ok());
        QVERIFY(dual.error().message.contains(u"dual-stack"_s));
    }

    void badInput()
    {
        QVERIFY(!resolveEcrEndpoint({QString(), false, false, {}}).ok());
        QVERIFY(!resolveEcrEndpoint({u"us-east-1.evil.com/"_s, false, false, {}}).ok());
        QVERIFY(!resolveEcrEndpoint({u"us-east-1"_s, false, false, QUrl(u"ftp://x"_s)}).ok());
    }

    void partitionsCarryTheirRegions()
    {
        QCOMPARE(partitionForRegion(u"us-gov-east-1"_s).id, u"aws-us-gov"_s);
        QVERIFY(partitionById(u"aws"_s)->regions.contains(u"eu-central-1"_s));
        QVERIFY(!partitionById(u"aws"_s)->regions.contains(u"aws-global"_s));
        QCOMPARE(partitions().size(), 8);
    }
};

QTEST_APPLESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
