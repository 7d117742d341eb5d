// What the log may say: the redaction of every kind of secret the app handles (headers, JSON
// and XML bodies, escaped JSON inside a message, SigV4 values, URLs, ini text), the file's
// rotation by size, and --log-level as filter rules.
#include "LogFile.h"
#include "LogLevel.h"
#include "LogRedaction.h"
#include "TestDir.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

using namespace ecr::logging;
using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTest, "ecr.test", QtInfoMsg)

namespace {

const QString kSecretKey = u"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"_s;
const QString kToken = u"IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN0123456789"_s;

} // namespace

class TestLogging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secretsAreRedacted_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("kept"); // what must stay readable
        QTest::newRow("authorization header")
            << u"Authorization: AWS4-HMAC-SHA256 "
               u"Credential=AKIAIOSFODNN7EXAMPLE/20261202/us-east-1/"
               "ecr/aws4_request, SignedHeaders=host;x-amz-date, Signature="
               "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024"_s
            << u"Authorization: "_s;
        QTest::newRow("security token header")
            << u"X-Amz-Security-Token: %1; User-Agent: ecr-ptc-admin"_s.arg(kToken)
            << u"User-Agent: ecr-ptc-admin"_s;
        QTest::newRow("sso bearer header")
            << u"x-amz-sso_bearer_token: %1"_s.arg(kToken) << u"x-amz-sso_bearer_token"_s;
        QTest::newRow("role credentials json")
            << u"{\"roleCredentials\":{\"accessKeyId\":\"ASIAEXAMPLE\",\"secretAccessKey\":\"%1\","
               "\"sessionToken\":\"%2\",\"expiration\":1764700000000}}"_s.arg(kSecretKey, kToken)
            << u"ASIAEXAMPLE"_s;
        QTest::newRow("create token json")
            << u"{\"accessToken\":\"%1\",\"refreshToken\":\"%2\",\"expiresIn\":28800}"_s.arg(
                   kToken, kSecretKey)
            << u"expiresIn"_s;
        QTest::newRow("escaped json in a quoted message")
            << u"body \"{\\\"SecretString\\\":\\\"{\\\\\\\"username\\\\\\\":\\\\\\\"u\\\\\\\","
               "\\\\\\\"accessToken\\\\\\\":\\\\\\\"%1\\\\\\\"}\\\",\\\"Name\\\":\\\"ecr-pullthroughcache/x\\\"}\""_s
                   .arg(kToken)
            << u"ecr-pullthroughcache/x"_s;
        QTest::newRow("sts xml")
            << u"<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>%1"
               "</SecretAccessKey><SessionToken>%2</SessionToken></Credentials>"_s.arg(
                   kSecretKey, kToken)
            << u"<AccessKeyId>ASIAEXAMPLE</AccessKeyId>"_s;
        QTest::newRow("presigned url")
            << u"GET https://x.example/?X-Amz-Credential=AKIA%2F1&X-Amz-Security-Token=%1"
               "&X-Amz-Signature=abcdef0123456789abcdef"_s.arg(kToken)
            << u"https://x.example/"_s;
        QTest::newRow("ini text")
            << u"aws_secret_access_key = %1\naws_session_token=%2\nregion = eu-west-1"_s.arg(
                   kSecretKey, kToken)
            << u"region = eu-west-1"_s;
        QTest::newRow("basic auth of a test pull")
            << u"Authorization: Basic %1"_s.arg(kToken) << u"Authorization"_s;
        QTest::newRow("bearer token")
            << u"sending Bearer %1 to the portal"_s.arg(kToken) << u"to the portal"_s;
    }

    void secretsAreRedacted()
    {
        QFETCH(QString, line);
        QFETCH(QString, kept);
        const QString safe = redactText(line);
        QVERIFY2(!safe.contains(kToken), qPrintable(safe));
        QVERIFY2(!safe.contains(kSecretKey), qPrintable(safe));
        QVERIFY2(!safe.contains(u"fe5f80f77d5fa3be"_s), qPrintable(safe));
        QVERIFY2(!safe.contains(u"abcdef0123456789"_s), qPrintable(safe));
        QVERIFY2(safe.contains(QLatin1StringView(kRedacted)), qPrintable(safe));
        QVERIFY2(safe.contains(kept), qPrintable(safe));
    }

    void plainTextIsLeftAlone()
    {
        for (const QString& text : {u"authorization failed for the rule quay in us-east-1"_s,
                 u"calling GetAuthorizationToken; nextToken present"_s,
                 u"{\"nextToken\":\"abc\",\"pullThroughCacheRules\":[]}"_s,
                 u"the SSO session token of dev expires at 18:00"_s})
            QCOMPARE(redactText(text), text);
    }

    void bodiesAreRedactedFieldByField()
    {
        const QJsonObject body{{u"Name"_s, u"ecr-pullthroughcache/docker"_s},
            {u"SecretString"_s, u"{\"username\":\"u\",\"accessToken\":\"%1\"}"_s.arg(kToken)},
            {u"nested"_s, QJsonObject{{u"Password"_s, kSecretKey}, {u"keep"_s, u"me"_s}}}};
        const QString safe = redactBody(QJsonDocument(body).toJson());
        QVERIFY(!safe.contains(kToken));
        QVERIFY(!safe.contains(kSecretKey));
        QVERIFY(safe.contains(u"ecr-pullthroughcache/docker"_s));
        QVERIFY(safe.contains(u"\"keep\":\"me\""_s));
        const QJsonObject parsed = QJsonDocument::fromJson(safe.toUtf8()).object();
        QCOMPARE(parsed.value(u"SecretString"_s).toString(), QLatin1StringView(kRedacted));
        QVERIFY(isSecretHeader("AUTHORIZATION"));
        QVERIFY(!isSecretHeader("X-Amz-Date"));
        QVERIFY(redactBody(QByteArray(10000, 'a'), 100).size() < 200);
    }

    void theFileRotatesBySize()
    {
        ecr::test::TestDir dir;
        const QString path = dir.filePath(u"logs/app.log"_s);
        {
            LogFile log(path, {2000, 2, false});
            QVERIFY(log.isOpen());
            for (int i = 0; i < 100; ++i)
                qCInfo(lcTest) << "line" << i << QString(40, u'x');
        }
        QVERIFY(QFile::exists(path));
        QVERIFY(QFile::exists(path + u".1"_s));
        QVERIFY(QFile::exists(path + u".2"_s));
        QVERIFY(!QFile::exists(path + u".3"_s)); // keep = 2
        for (const QString& file : QStringList{path, path + u".1"_s, path + u".2"_s})
            QVERIFY(QFileInfo(file).size() <= 2000);
        QFile current(path);
        QVERIFY(current.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(current.readAll());
        QVERIFY(text.contains(u" info ecr.test: line 99 "_s));
        QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
            QFileDevice::Permissions());
    }

    void theHandlerRedactsEveryLine()
    {
        ecr::test::TestDir dir;
        const QString path = dir.filePath(u"app.log"_s);
        {
            LogFile log(path, {1 << 20, 1, false});
            qCWarning(lcTest).noquote() << "answer" << u"{\"sessionToken\":\"%1\"}"_s.arg(kToken);
            qCInfo(lcTest) << "quoted" << u"{\"secretAccessKey\":\"%1\"}"_s.arg(kSecretKey);
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("warning ecr.test: answer"));
        QVERIFY(!text.contains(kToken.toUtf8()));
        QVERIFY(!text.contains(kSecretKey.toUtf8()));
        QCOMPARE(text.count("<redacted>"), 2);
    }

    void levelsBecomeFilterRules()
    {
        QVERIFY(!filterRulesFor(u"loud"_s));
        QCOMPARE(logLevelNames(), (QStringList{u"error"_s, u"warning"_s, u"info"_s, u"debug"_s}));
        QLoggingCategory::setFilterRules(*filterRulesFor(u"debug"_s));
        QVERIFY(lcTest().isDebugEnabled());
        QLoggingCategory::setFilterRules(*filterRulesFor(u"warning"_s));
        QVERIFY(!lcTest().isInfoEnabled());
        QVERIFY(lcTest().isWarningEnabled());
        QLoggingCategory::setFilterRules(*filterRulesFor(u"ERROR"_s));
        QVERIFY(!lcTest().isWarningEnabled());
        QVERIFY(lcTest().isCriticalEnabled());
        QLoggingCategory::setFilterRules(*filterRulesFor(u"info"_s));
        QVERIFY(lcTest().isInfoEnabled());
        QVERIFY(!lcTest().isDebugEnabled());
        QLoggingCategory::setFilterRules(QString());
    }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
