// Tests of the ECR sandbox: SandboxService::handle without sockets (requests signed with the
// project's SigV4Signer, time from a ManualClock), then the SandboxServer transport over loopback
// (fault injection, latency, aborted connections).
#include "Clock.h"
#include "SandboxServer.h"
#include "SandboxService.h"
#include "SigV4Signer.h"
#include "TestDir.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace ecr;
using namespace ecr::sandbox;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QDateTime kStart(QDate(2026, 11, 27), QTime(12, 0, 0), Qt::UTC);
const QString kRegion = u"us-east-1"_s;
const QString kAccount = u"123456789012"_s;
const QString kPrefixPattern
    = uR"(^([a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*\/?|ROOT)$)"_s;
constexpr auto kCreate = "CreatePullThroughCacheRule"_L1;
constexpr auto kDescribe = "DescribePullThroughCacheRules"_L1;
constexpr auto kDelete = "DeletePullThroughCacheRule"_L1;
constexpr auto kUpdate = "UpdatePullThroughCacheRule"_L1;
constexpr auto kValidate = "ValidatePullThroughCacheRule"_L1;
const QString kEcrUrl = u"111122223333.dkr.ecr.us-west-2.amazonaws.com"_s;

QString secretArn(
    const QString& name, const QString& region = kRegion, const QString& account = kAccount)
{
    return u"arn:aws:secretsmanager:%1:%2:secret:ecr-pullthroughcache/%3"_s.arg(
        region, account, name);
}

sigv4::Credentials credentialsOf(const AccessKey& key)
{
    return {key.accessKeyId, key.secretAccessKey, {}};
}

struct SignOptions
{
    QString region = kRegion;
    QByteArray service = "ecr"_ba;
    sigv4::Credentials credentials = credentialsOf(SandboxService::defaultKey());
    const Clock* clock = nullptr; // the fixture's clock when null
    QByteArray host = "127.0.0.1:8080"_ba;
};

HttpRequest signedRequest(
    const Clock& clock, const QString& target, const QByteArray& body, const SignOptions& options)
{
    sigv4::Request request;
    request.method = "POST"_ba;
    request.path = "/"_ba;
    request.headers = {
        {"Host"_ba, options.host},
        {"Content-Type"_ba, "application/x-amz-json-1.1"_ba},
        {"X-Amz-Target"_ba, target.toLatin1()},
    };
    request.body = body;
    const SigV4Signer signer(clock);
    SigV4Signer::Options signing;
    signing.region = options.region.toLatin1();
    signing.service = options.service;
    const sigv4::Request out = signer.signHeaders(request, options.credentials, signing).request;
    return {out.method, out.path, out.query, out.headers, out.body};
}

QString target(QLatin1StringView operation)
{
    return u"AmazonEC2ContainerRegistry_V20150921."_s + operation;
}

// A request signed over `headers`, with `added` put on afterwards: its signature is right for
// what it covers, and `added` is not among its SignedHeaders.
HttpRequest signedThenAdded(
    const Clock& clock, sigv4::HeaderList headers, const sigv4::Header& added)
{
    sigv4::Request request;
    request.method = "POST"_ba;
    request.path = "/"_ba;
    request.headers = std::move(headers);
    request.body = "{}"_ba;
    SigV4Signer::Options options;
    options.region = "us-east-1"_ba;
    options.service = "ecr"_ba;
    sigv4::Request out
        = SigV4Signer(clock)
              .signHeaders(request, credentialsOf(SandboxService::defaultKey()), options)
              .request;
    out.headers.append(added);
    return {out.method, out.path, out.query, out.headers, out.body};
}

struct Reply
{
    int status = 0;
    QJsonObject json;
    QString code; // __type of an error
    QString message;
    HttpResponse raw;
};

Reply parse(const HttpResponse& response)
{
    Reply reply;
    reply.raw = response;
    reply.status = response.status;
    reply.json = QJsonDocument::fromJson(response.body).object();
    reply.code = reply.json.value("__type"_L1).toString();
    reply.message = reply.json.value("message"_L1).toString();
    return reply;
}

QStringList prefixesOf(const QJsonObject& describe)
{
    QStringList out;
    for (const QJsonValue& rule : describe.value("pullThroughCacheRules"_L1).toArray())
        out.append(rule.toObject().value("ecrRepositoryPrefix"_L1).toString());
    return out;
}

QStringList keysOf(const QJsonObject& json)
{
    QStringList keys = json.keys();
    keys.sort();
    return keys;
}

// A service with its own manual clock, and requests signed the way a client signs them.
class Fixture
{
public:
    explicit Fixture(SandboxConfig config = {})
        : service(clock, std::move(config))
    { }

    Reply call(QLatin1StringView operation, const QJsonObject& body, SignOptions options = {})
    {
        return callRaw(target(operation), QJsonDocument(body).toJson(QJsonDocument::Compact),
            std::move(options));
    }
    Reply callRaw(const QString& targetValue, const QByteArray& body, SignOptions options = {})
    {
        const Clock& signingClock = options.clock ? *options.clock : clock;
        return parse(service.handle(signedRequest(signingClock, targetValue, body, options)));
    }
    Reply create(
        const QString& prefix, const QString& url, QJsonObject extra = {}, SignOptions options = {})
    {
        extra.insert("ecrRepositoryPrefix"_L1, prefix);
        extra.insert("upstreamRegistryUrl"_L1, url);
        return call(kCreate, extra, std::move(options));
    }

    ManualClock clock{kStart};
    SandboxService service;
};

// One HTTP/1.1 exchange over a fresh loopback connection, closed by the server afterwards.
struct RawExchange
{
    QByteArray response; // everything received
    bool disconnected = false;
    int status() const
    {
        const QList<QByteArray> statusLine = response.left(response.indexOf("\r\n")).split(' ');
        return statusLine.size() >= 2 ? statusLine[1].toInt() : 0;
    }
    QByteArray body() const { return response.mid(response.indexOf("\r\n\r\n") + 4); }
};

QByteArray wireRequest(const HttpRequest& request, bool keepAlive = false)
{
    QByteArray out = request.method + ' ' + request.path + " HTTP/1.1\r\n";
    for (const sigv4::Header& header : request.headers)
        out += header.name + ": " + header.value + "\r\n";
    out += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    if (!keepAlive)
        out += "Connection: close\r\n";
    return out + "\r\n" + request.body;
}

RawExchange exchange(quint16 port, const QByteArray& wire, int timeoutMs = 5000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    socket.write(wire);
    RawExchange result;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() != QAbstractSocket::UnconnectedState && timer.elapsed() < timeoutMs) {
        QTest::qWait(5);
        result.response += socket.readAll();
    }
    result.response += socket.readAll();
    result.disconnected = socket.state() == QAbstractSocket::UnconnectedState;
    return result;
}

} // namespace

class TestSandboxService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- every response ------------------------------------------------------------------
    void responseHeaders()
    {
        Fixture f;
        const Reply ok = f.call(kDescribe, {});
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.raw.header("Date"), "Fri, 27 Nov 2026 12:00:00 GMT"_ba);
        QCOMPARE(ok.raw.header("content-type"), "application/x-amz-json-1.1"_ba);
        QVERIFY(
            !QUuid::fromString(QString::fromLatin1(ok.raw.header("x-amzn-RequestId"))).isNull());
        QVERIFY(ok.raw.header("x-amzn-ErrorType").isEmpty());

        const Reply error = f.call(kDelete, {{"ecrRepositoryPrefix"_L1, "nothing"_L1}});
        QCOMPARE(error.status, 400);
        QCOMPARE(error.code, u"PullThroughCacheRuleNotFoundException"_s);
        QCOMPARE(error.raw.header("x-amzn-ErrorType"), "PullThroughCacheRuleNotFoundException"_ba);
        QVERIFY(error.message.contains(u"'nothing'"_s));
        QVERIFY(error.raw.header("x-amzn-RequestId") != ok.raw.header("x-amzn-RequestId"));
    }

    // ---- authentication ------------------------------------------------------------------
    void missingAuthentication()
    {
        Fixture f;
        HttpRequest request = signedRequest(f.clock, target(kDescribe), "{}"_ba, {});
        request.headers.removeIf(
            [](const sigv4::Header& h) { return h.name == "Authorization"_ba; });
        const Reply reply = parse(f.service.handle(request));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.code, u"MissingAuthenticationTokenException"_s);
        QCOMPARE(reply.message, u"Missing Authentication Token"_s);
        QCOMPARE(f.service.totalRequestCount(), 1);
        QCOMPARE(f.service.requestCount(kDescribe), 0);
    }

    void authenticationErrors_data()
    {
        QTest::addColumn<QString>("accessKey");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QByteArray>("service");
        QTest::addColumn<int>("signedSecondsAgo");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        const QString id = SandboxService::defaultKey().accessKeyId;
        const QString secret = SandboxService::defaultKey().secretAccessKey;
        QTest::newRow("unknown key") << u"AKIDUNKNOWNEXAMPLE"_s << secret << "ecr"_ba << 0
                                     << u"UnrecognizedClientException"_s
                                     << u"The security token included in the request is invalid."_s;
        QTest::newRow("wrong secret")
            << id << u"not-the-secret"_s << "ecr"_ba << 0 << u"InvalidSignatureException"_s
            << u"The request signature we calculated does not match the signature you provided. "
               "Check your AWS Secret Access Key and signing method. Consult the service "
               "documentation for details."_s;
        QTest::newRow("expired") << id << secret << "ecr"_ba << 6 * 60
                                 << u"InvalidSignatureException"_s
                                 << u"Signature expired: 20261127T115400Z is now earlier than "
                                    "20261127T115500Z (20261127T120000Z - 5 min.)"_s;
        QTest::newRow("future") << id << secret << "ecr"_ba << -(5 * 60 + 1)
                                << u"InvalidSignatureException"_s
                                << u"Signature not yet current: 20261127T120501Z is still later "
                                   "than 20261127T120500Z (20261127T120000Z + 5 min.)"_s;
        QTest::newRow("other service")
            << id << secret << "s3"_ba << 0 << u"InvalidSignatureException"_s
            << u"Credential should be scoped to correct service: 'ecr'."_s;
    }
    void authenticationErrors()
    {
        QFETCH(QString, accessKey);
        QFETCH(QString, secret);
        QFETCH(QByteArray, service);
        QFETCH(int, signedSecondsAgo);
        QFETCH(QString, code);
        QFETCH(QString, message);
        Fixture f;
        const ManualClock signingClock(kStart.addSecs(-signedSecondsAgo));
        SignOptions options;
        options.credentials = {accessKey, secret, {}};
        options.service = service;
        options.clock = &signingClock;
        const Reply reply = f.call(kDescribe, {}, options);
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.code, code);
        QCOMPARE(reply.message, message);
        QCOMPARE(reply.raw.header("x-amzn-ErrorType"), code.toLatin1());
        QCOMPARE(f.service.requestCount(kDescribe), 0);
        QCOMPARE(f.service.totalRequestCount(), 1);
    }

    void skewWithinFiveMinutesIsAccepted()
    {
        Fixture f;
        for (int seconds : {5 * 60, -5 * 60}) {
            const ManualClock signingClock(kStart.addSecs(seconds));
            SignOptions options;
            options.clock = &signingClock;
            QCOMPARE(f.call(kDescribe, {}, options).status, 200);
        }
        // The sandbox clock decides: the same request is refused once that clock moves on.
        const HttpRequest request = signedRequest(f.clock, target(kDescribe), "{}"_ba, {});
        f.clock.advance(6min);
        QCOMPARE(parse(f.service.handle(request)).code, u"InvalidSignatureException"_s);
    }

    void tamperedRequestIsRefused()
    {
        Fixture f;
        HttpRequest request = signedRequest(f.clock, target(kDescribe), "{}"_ba, {});
        request.body = R"({"maxResults":1})"_ba;
        QCOMPARE(parse(f.service.handle(request)).code, u"InvalidSignatureException"_s);
    }

    void hostMustBeSigned()
    {
        Fixture f;
        // Sign without Host, then add it: the signature is right, but host is not signed.
        const Reply reply = parse(f.service.handle(
            signedThenAdded(f.clock, {{"X-Amz-Target"_ba, target(kDescribe).toLatin1()}},
                {"Host"_ba, "127.0.0.1:8080"_ba})));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.code, u"InvalidSignatureException"_s);
        QVERIFY(reply.message.contains(u"'Host'"_s));
    }

    // Signed without it, then added: the signature is right for what it covers, but the
    // operation, the date, the token or the content type would not be protected by it.
    void importantHeadersMustBeSigned_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("x-amz-target") << "X-Amz-Target"_ba << target(kDescribe).toLatin1();
        QTest::newRow("content-type") << "Content-Type"_ba
                                      << "application/x-amz-json-1.1"_ba;
        QTest::newRow("x-amz-security-token") << "X-Amz-Security-Token"_ba
                                              << "token"_ba;
    }

    void importantHeadersMustBeSigned()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        Fixture f;
        sigv4::HeaderList headers{{"Host"_ba, "127.0.0.1:8080"_ba},
            {"Content-Type"_ba, "application/x-amz-json-1.1"_ba},
            {"X-Amz-Target"_ba, target(kDescribe).toLatin1()}};
        headers.removeIf(
            [&](const sigv4::Header& h) { return h.name.compare(name, Qt::CaseInsensitive) == 0; });
        const Reply reply
            = parse(f.service.handle(signedThenAdded(f.clock, headers, {name, value})));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.code, u"InvalidSignatureException"_s);
        QVERIFY2(reply.message.contains(QString::fromLatin1(name)), qPrintable(reply.message));
    }

    void malformedAuthorization()
    {
        Fixture f;
        HttpRequest request = signedRequest(f.clock, target(kDescribe), "{}"_ba, {});
        for (sigv4::Header& header : request.headers) {
            if (header.name == "Authorization"_ba)
                header.value = "AWS4-HMAC-SHA256 Signature=abc"_ba;
        }
        const Reply reply = parse(f.service.handle(request));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.code, u"IncompleteSignatureException"_s);
    }

    void configuredKeys()
    {
        SandboxConfig config;
        config.keys = {{u"AKIDFIRSTEXAMPLE"_s, u"first-secret-EXAMPLE"_s},
            {u"AKIDSECONDEXAMPLE"_s, u"second-secret-EXAMPLE"_s}};
        Fixture f(config);
        for (const AccessKey& key : config.keys) {
            SignOptions options;
            options.credentials = credentialsOf(key);
            QCOMPARE(f.call(kDescribe, {}, options).status, 200);
        }
        // The default key is not accepted once keys are configured.
        QCOMPARE(f.call(kDescribe, {}).code, u"UnrecognizedClientException"_s);
    }

    // ---- routing and body ----------------------------------------------------------------
    void routing_data()
    {
        QTest::addColumn<QString>("targetValue");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::newRow("unknown operation")
            << target("PutImage"_L1) << "{}"_ba << u"UnknownOperationException"_s;
        QTest::newRow("other service prefix")
            << u"DynamoDB_20120810.ListTables"_s << "{}"_ba << u"UnknownOperationException"_s;
        QTest::newRow("no target") << QString() << "{}"_ba << u"UnknownOperationException"_s;
        QTest::newRow("empty body")
            << target(kDescribe) << QByteArray() << u"SerializationException"_s;
        QTest::newRow("not json") << target(kDescribe) << "ecr"_ba << u"SerializationException"_s;
        QTest::newRow("array") << target(kDescribe) << "[]"_ba << u"SerializationException"_s;
        QTest::newRow("member of wrong type")
            << target(kDelete) << R"({"ecrRepositoryPrefix":7})"_ba << u"SerializationException"_s;
        QTest::newRow("maxResults not integer")
            << target(kDescribe) << R"({"maxResults":2.5})"_ba << u"SerializationException"_s;
    }
    void routing()
    {
        QFETCH(QString, targetValue);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        Fixture f;
        const Reply reply = f.callRaw(targetValue, body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.code, code);
        QVERIFY(!reply.message.isEmpty());
    }

    void onlyPostToRoot()
    {
        Fixture f;
        HttpRequest request = signedRequest(f.clock, target(kDescribe), "{}"_ba, {});
        request.method = "GET"_ba; // the signature no longer matches: signed as POST
        QCOMPARE(parse(f.service.handle(request)).code, u"InvalidSignatureException"_s);

        sigv4::Request get;
        get.method = "GET"_ba;
        get.path = "/rules"_ba;
        get.headers
            = {{"Host"_ba, "127.0.0.1"_ba}, {"X-Amz-Target"_ba, target(kDescribe).toLatin1()}};
        SigV4Signer::Options options;
        options.region = "us-east-1"_ba;
        options.service = "ecr"_ba;
        const sigv4::Request out
            = SigV4Signer(f.clock)
                  .signHeaders(get, credentialsOf(SandboxService::defaultKey()), options)
                  .request;
        const Reply reply
            = parse(f.service.handle({out.method, out.path, out.query, out.headers, out.body}));
        QCOMPARE(reply.code, u"UnknownOperationException"_s);
    }

    // ---- CreatePullThroughCacheRule -------------------------------------------------------
    void createPublicUpstream()
    {
        Fixture f;
        f.clock.set(kStart.addMSecs(123));
        const Reply reply = f.create(u"ecr-public"_s, u"public.ecr.aws"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(keysOf(reply.json),
            (QStringList{u"createdAt"_s, u"ecrRepositoryPrefix"_s, u"registryId"_s,
                u"upstreamRegistry"_s, u"upstreamRegistryUrl"_s}));
        QCOMPARE(reply.json.value("upstreamRegistry"_L1).toString(), u"ecr-public"_s);
        QCOMPARE(reply.json.value("registryId"_L1).toString(), kAccount);
        QCOMPARE(
            reply.json.value("createdAt"_L1).toDouble(), double(kStart.toSecsSinceEpoch()) + 0.123);

        const QList<PullThroughCacheRule> rules = f.service.rules(kRegion);
        QCOMPARE(rules.size(), 1);
        QCOMPARE(rules.first(), PullThroughCacheRule::fromJson(reply.json));
        QCOMPARE(f.service.requestCount(kCreate), 1);
    }

    void createAuthenticatedAndEcrUpstreams()
    {
        Fixture f;
        const Reply docker = f.create(u"docker-hub"_s, u"registry-1.docker.io"_s,
            {{"credentialArn"_L1, secretArn(u"docker-hub-AbCdEf"_s)},
                {"upstreamRegistry"_L1, "docker-hub"_L1}});
        QCOMPARE(docker.status, 200);
        QCOMPARE(
            docker.json.value("credentialArn"_L1).toString(), secretArn(u"docker-hub-AbCdEf"_s));
        QVERIFY(!docker.json.contains("upstreamRepositoryPrefix"_L1));

        const Reply ecrDefault = f.create(u"team-a"_s, kEcrUrl);
        QCOMPARE(ecrDefault.status, 200);
        QCOMPARE(ecrDefault.json.value("upstreamRegistry"_L1).toString(), u"ecr"_s);
        QCOMPARE(ecrDefault.json.value("upstreamRepositoryPrefix"_L1).toString(), u"ROOT"_s);

        const QString role = u"arn:aws:iam::123456789012:role/ptc"_s;
        const Reply ecrMapped = f.create(u"my-app"_s, kEcrUrl,
            {{"upstreamRepositoryPrefix"_L1, "upstream-app"_L1}, {"customRoleArn"_L1, role}});
        QCOMPARE(ecrMapped.status, 200);
        QCOMPARE(ecrMapped.json.value("upstreamRepositoryPrefix"_L1).toString(), u"upstream-app"_s);
        QCOMPARE(ecrMapped.json.value("customRoleArn"_L1).toString(), role);
        QCOMPARE(f.service.rules(kRegion).size(), 3);
    }

    void createErrors_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message"); // exact, or a regular expression starting with ~

        const auto rule = [](const QString& prefix, const QString& url, QJsonObject extra = {}) {
            if (!prefix.isNull())
                extra.insert("ecrRepositoryPrefix"_L1, prefix);
            if (!url.isNull())
                extra.insert("upstreamRegistryUrl"_L1, url);
            return extra;
        };
        const QString docker = u"registry-1.docker.io"_s;
        QTest::newRow("prefix missing")
            << rule(QString(), u"quay.io"_s) << u"InvalidParameterException"_s
            << u"Invalid parameter at 'ecrRepositoryPrefix' failed to satisfy constraint: 'must "
               "not be null'"_s;
        QTest::newRow("url missing")
            << rule(u"quay"_s, QString()) << u"InvalidParameterException"_s
            << u"Invalid parameter at 'upstreamRegistryUrl' failed to satisfy constraint: 'must "
               "not be null'"_s;
        QTest::newRow("prefix pattern")
            << rule(u"Ab"_s, u"quay.io"_s) << u"ValidationException"_s
            << u"1 validation error detected: Value 'Ab' at 'ecrRepositoryPrefix' failed to "
               "satisfy constraint: Member must satisfy regular expression pattern: "_s
                + kPrefixPattern;
        QTest::newRow("prefix too short")
            << rule(u"a"_s, u"quay.io"_s) << u"ValidationException"_s
            << u"1 validation error detected: Value 'a' at 'ecrRepositoryPrefix' failed to "
               "satisfy constraint: Member must have length greater than or equal to 2"_s;
        QTest::newRow("prefix too long")
            << rule(QString(31, u'a'), u"quay.io"_s) << u"ValidationException"_s
            << u"1 validation error detected: Value '%1' at 'ecrRepositoryPrefix' failed to "
               "satisfy constraint: Member must have length less than or equal to 30"_s.arg(
                   QString(31, u'a'));
        QTest::newRow("two violations")
            << rule(u"a"_s, u"quay.io"_s, {{"registryId"_L1, "12"_L1}}) << u"ValidationException"_s
            << u"~^2 validation errors detected: Value 'a' at 'ecrRepositoryPrefix' .*; Value "
               "'12' at 'registryId' failed to satisfy constraint: Member must satisfy regular "
               "expression pattern: \\^\\[0-9\\]\\{12\\}\\$$"_s;
        QTest::newRow("upstreamRegistry not in enum")
            << rule(u"quay"_s, u"quay.io"_s, {{"upstreamRegistry"_L1, "harbor"_L1}})
            << u"ValidationException"_s << u"~at 'upstreamRegistry' failed to satisfy"_s;
        QTest::newRow("credentialArn too short")
            << rule(u"docker-hub"_s, docker, {{"credentialArn"_L1, "arn:aws:secretsmanager"_L1}})
            << u"ValidationException"_s
            << u"~Value 'arn:aws:secretsmanager' at 'credentialArn' failed to satisfy "
               "constraint: Member must have length greater than or equal to 50"_s;
        QTest::newRow("customRoleArn too long")
            << rule(u"team"_s, kEcrUrl, {{"customRoleArn"_L1, QString(2049, u'r')}})
            << u"ValidationException"_s
            << u"~at 'customRoleArn' failed to satisfy constraint: Member must have length less "
               "than or equal to 2048"_s;
        QTest::newRow("other account's registry")
            << rule(u"quay"_s, u"quay.io"_s, {{"registryId"_L1, "111122223333"_L1}})
            << u"InvalidParameterException"_s << u"~^Invalid parameter at 'registryId'"_s;
        QTest::newRow("unknown upstream url")
            << rule(u"harbor"_s, u"harbor.example.com"_s)
            << u"UnsupportedUpstreamRegistryException"_s
            << u"The upstream registry URL harbor.example.com is invalid. Specify a valid "
               "upstream registry URL and try again"_s;
        QTest::newRow("url of another upstream")
            << rule(u"quay"_s, u"quay.io"_s, {{"upstreamRegistry"_L1, "docker-hub"_L1}})
            << u"UnsupportedUpstreamRegistryException"_s
            << u"The upstream registry URL quay.io is invalid. Specify a valid upstream "
               "registry URL and try again"_s;
        QTest::newRow("needs a secret")
            << rule(u"docker-hub"_s, docker) << u"UnsupportedUpstreamRegistryException"_s
            << u"The specified upstream registry requires authentication. Specify a valid "
               "Secrets Manager ARN and try again"_s;
        QTest::newRow("secret for a public upstream")
            << rule(u"quay"_s, u"quay.io"_s, {{"credentialArn"_L1, secretArn(u"quay-AbCdEf"_s)}})
            << u"InvalidParameterException"_s << u"~^Invalid parameter at 'credentialArn'"_s;
        QTest::newRow("role for a non-ECR upstream")
            << rule(u"quay"_s, u"quay.io"_s, {{"customRoleArn"_L1, "arn:aws:iam::1:role/r"_L1}})
            << u"InvalidParameterException"_s << u"~^Invalid parameter at 'customRoleArn'"_s;
        QTest::newRow("upstream prefix for a non-ECR upstream")
            << rule(u"quay"_s, u"quay.io"_s, {{"upstreamRepositoryPrefix"_L1, "team"_L1}})
            << u"InvalidParameterException"_s
            << u"~^Invalid parameter at 'upstreamRepositoryPrefix'"_s;
        QTest::newRow("upstream prefix with ROOT")
            << rule(u"ROOT"_s, kEcrUrl, {{"upstreamRepositoryPrefix"_L1, "team"_L1}})
            << u"InvalidParameterException"_s
            << u"~^Invalid parameter at 'upstreamRepositoryPrefix'"_s;
        QTest::newRow("secret missing")
            << rule(u"docker-hub"_s, docker, {{"credentialArn"_L1, secretArn(u"missing-1"_s)}})
            << u"SecretNotFoundException"_s
            << u"The ARN of the secret specified in the pull through cache rule was not found. "
               "Update the pull through cache rule with a valid secret ARN and try again."_s;
        QTest::newRow("secret denied")
            << rule(u"docker-hub"_s, docker, {{"credentialArn"_L1, secretArn(u"denied-1"_s)}})
            << u"UnableToAccessSecretException"_s
            << u"The secret is unable to be accessed. Verify the resource permissions for the "
               "secret and try again."_s;
        QTest::newRow("secret undecryptable")
            << rule(
                   u"docker-hub"_s, docker, {{"credentialArn"_L1, secretArn(u"undecryptable-1"_s)}})
            << u"UnableToDecryptSecretValueException"_s
            << u"The secret is accessible but is unable to be decrypted. Verify the resource "
               "permisisons and try again."_s;
        QTest::newRow("secret in another region")
            << rule(u"docker-hub"_s, docker,
                   {{"credentialArn"_L1, secretArn(u"docker-hub-AbCdEf"_s, u"eu-west-1"_s)}})
            << u"UnableToAccessSecretException"_s << u"~unable to be accessed"_s;
        QTest::newRow("secret in another account") << rule(u"docker-hub"_s, docker,
            {{"credentialArn"_L1, secretArn(u"docker-hub-AbCdEf"_s, kRegion, u"111122223333"_s)}})
                                                   << u"UnableToAccessSecretException"_s
                                                   << u"~unable to be accessed"_s;
    }
    void createErrors()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, code);
        QFETCH(QString, message);
        Fixture f;
        const Reply reply = f.call(kCreate, body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.code, code);
        if (message.startsWith(u'~')) {
            const QRegularExpression re(message.mid(1));
            QVERIFY2(re.match(reply.message).hasMatch(), qPrintable(reply.message));
        } else {
            QCOMPARE(reply.message, message);
        }
        QVERIFY(f.service.rules(kRegion).isEmpty());
        QCOMPARE(f.service.requestCount(kCreate), 1);
    }

    void createDuplicate()
    {
        Fixture f;
        QCOMPARE(f.create(u"ecr-public"_s, u"public.ecr.aws"_s).status, 200);
        for (const QString& prefix : {u"ecr-public"_s, u"ecr-public/"_s}) {
            const Reply reply = f.create(prefix, u"quay.io"_s);
            QCOMPARE(reply.status, 400);
            QCOMPARE(reply.code, u"PullThroughCacheRuleAlreadyExistsException"_s);
            QVERIFY(reply.message.contains(prefix));
        }
        // The same prefix in another region is another rule.
        SignOptions west;
        west.region = u"us-west-2"_s;
        QCOMPARE(f.create(u"ecr-public"_s, u"public.ecr.aws"_s, {}, west).status, 200);
        QCOMPARE(f.service.rules(kRegion).size(), 1);
        QCOMPARE(f.service.rules(u"us-west-2"_s).size(), 1);
    }

    void createQuota()
    {
        SandboxConfig config;
        config.ruleQuota = 3;
        Fixture f(config);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(f.create(u"quay-%1"_s.arg(i), u"quay.io"_s).status, 200);
        const Reply reply = f.create(u"quay-3"_s, u"quay.io"_s);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.code, u"LimitExceededException"_s);
        QCOMPARE(reply.message,
            u"The operation did not succeed because it would have exceeded a service limit for "
            "your account."_s);
        QCOMPARE(f.service.rules(kRegion).size(), 3);
        // The quota is per region.
        SignOptions west;
        west.region = u"us-west-2"_s;
        QCOMPARE(f.create(u"quay-3"_s, u"quay.io"_s, {}, west).status, 200);
    }

    // ---- DescribePullThroughCacheRules ----------------------------------------------------
    void describe()
    {
        Fixture f;
        QCOMPARE(prefixesOf(f.call(kDescribe, {}).json), QStringList());
        for (const QString& prefix : {u"quay"_s, u"ecr-public"_s, u"k8s"_s})
            f.create(prefix,
                prefix == u"quay"_s      ? u"quay.io"_s
                    : prefix == u"k8s"_s ? u"registry.k8s.io"_s
                                         : u"public.ecr.aws"_s);
        const Reply all = f.call(kDescribe, {{"registryId"_L1, kAccount}});
        QCOMPARE(all.status, 200);
        QCOMPARE(prefixesOf(all.json), (QStringList{u"ecr-public"_s, u"k8s"_s, u"quay"_s}));
        QVERIFY(!all.json.contains("nextToken"_L1));
        const QJsonObject first = all.json.value("pullThroughCacheRules"_L1)[0].toObject();
        QCOMPARE(PullThroughCacheRule::fromJson(first), f.service.rules(kRegion).first());

        const Reply filtered = f.call(
            kDescribe, {{"ecrRepositoryPrefixes"_L1, QJsonArray{u"quay"_s, u"k8s/"_s, u"quay"_s}}});
        QCOMPARE(filtered.status, 200);
        QCOMPARE(prefixesOf(filtered.json), (QStringList{u"k8s"_s, u"quay"_s}));

        SignOptions west;
        west.region = u"eu-west-1"_s;
        QCOMPARE(prefixesOf(f.call(kDescribe, {}, west).json), QStringList());
        QCOMPARE(f.service.requestCount(kDescribe), 4);
    }

    void describeErrors_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QJsonArray tooMany;
        for (int i = 0; i < 101; ++i)
            tooMany.append(u"p%1"_s.arg(i));
        QTest::newRow("unknown prefix")
            << QJsonObject{{"ecrRepositoryPrefixes"_L1, QJsonArray{u"quay"_s, u"nothing"_s}}}
            << u"PullThroughCacheRuleNotFoundException"_s << u"'nothing'"_s;
        QTest::newRow("empty filter")
            << QJsonObject{{"ecrRepositoryPrefixes"_L1, QJsonArray()}} << u"ValidationException"_s
            << u"Value '[]' at 'ecrRepositoryPrefixes' failed to satisfy constraint: Member must "
               "have length greater than or equal to 1"_s;
        QTest::newRow("filter of 101")
            << QJsonObject{{"ecrRepositoryPrefixes"_L1, tooMany}} << u"ValidationException"_s
            << u"at 'ecrRepositoryPrefixes' failed to satisfy constraint: Member must have "
               "length less than or equal to 100"_s;
        QTest::newRow("bad prefix in filter")
            << QJsonObject{{"ecrRepositoryPrefixes"_L1, QJsonArray{u"quay"_s, u"Bad"_s}}}
            << u"ValidationException"_s
            << u"Value 'Bad' at 'ecrRepositoryPrefixes.2.member' failed to satisfy constraint"_s;
        QTest::newRow("maxResults 0")
            << QJsonObject{{"maxResults"_L1, 0}} << u"ValidationException"_s
            << u"1 validation error detected: Value '0' at 'maxResults' failed to satisfy "
               "constraint: Member must have value greater than or equal to 1"_s;
        QTest::newRow("maxResults 1001")
            << QJsonObject{{"maxResults"_L1, 1001}} << u"ValidationException"_s
            << u"Value '1001' at 'maxResults' failed to satisfy constraint: Member must have "
               "value less than or equal to 1000"_s;
        QTest::newRow("registry id pattern")
            << QJsonObject{{"registryId"_L1, "abc"_L1}} << u"ValidationException"_s
            << u"Value 'abc' at 'registryId'"_s;
        QTest::newRow("other registry")
            << QJsonObject{{"registryId"_L1, "111122223333"_L1}} << u"InvalidParameterException"_s
            << u"Invalid parameter at 'registryId'"_s;
        QTest::newRow("garbage token") << QJsonObject{{"nextToken"_L1, "not a token!"_L1}}
                                       << u"InvalidParameterException"_s << u"Invalid NextToken"_s;
        QTest::newRow("forged token") << QJsonObject{{"nextToken"_L1,
            QString::fromLatin1("v1:1:0000000000000000"_ba.toBase64(
                QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))}}
                                      << u"InvalidParameterException"_s << u"Invalid NextToken"_s;
    }
    void describeErrors()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, code);
        QFETCH(QString, message);
        Fixture f;
        f.create(u"quay"_s, u"quay.io"_s);
        const Reply reply = f.call(kDescribe, body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.code, code);
        QVERIFY2(reply.message.contains(message), qPrintable(reply.message));
    }

    void describePaging()
    {
        Fixture f;
        QStringList expected;
        for (int i = 7; i >= 1; --i) {
            const QString prefix = u"quay-%1"_s.arg(i);
            QCOMPARE(f.create(prefix, u"quay.io"_s).status, 200);
            expected.prepend(prefix);
        }
        QStringList seen;
        QStringList tokens;
        QString token;
        int pages = 0;
        do {
            QJsonObject body{{"maxResults"_L1, 3}};
            if (!token.isEmpty())
                body.insert("nextToken"_L1, token);
            const Reply page = f.call(kDescribe, body);
            QCOMPARE(page.status, 200);
            const QStringList prefixes = prefixesOf(page.json);
            QVERIFY(prefixes.size() <= 3);
            seen += prefixes;
            token = page.json.value("nextToken"_L1).toString();
            if (!token.isEmpty())
                tokens.append(token);
            ++pages;
        } while (!token.isEmpty() && pages < 10);
        QCOMPARE(pages, 3);
        QCOMPARE(seen, expected);
        QCOMPARE(tokens.size(), 2);
        for (const QString& t : tokens) {
            bool isNumber = false;
            t.toInt(&isNumber);
            QVERIFY2(!isNumber, "the token must be opaque, not a bare offset");
        }

        // A token belongs to its listing: another filter or region refuses it.
        const Reply otherFilter = f.call(kDescribe,
            {{"nextToken"_L1, tokens.first()},
                {"ecrRepositoryPrefixes"_L1, QJsonArray{u"quay-1"_s}}});
        QCOMPARE(otherFilter.code, u"InvalidParameterException"_s);
        QCOMPARE(otherFilter.message,
            u"Invalid parameter at 'nextToken' failed to satisfy "
            "constraint: 'Invalid NextToken'"_s);
        SignOptions west;
        west.region = u"us-west-2"_s;
        QCOMPARE(f.call(kDescribe, {{"nextToken"_L1, tokens.first()}}, west).code,
            u"InvalidParameterException"_s);

        // Without maxResults a page holds up to 100 rules.
        const Reply all = f.call(kDescribe, {});
        QCOMPARE(prefixesOf(all.json), expected);
        QVERIFY(!all.json.contains("nextToken"_L1));
    }

    void describeDefaultPageSize()
    {
        SandboxConfig config;
        config.ruleQuota = 150;
        Fixture f(config);
        for (int i = 0; i < 101; ++i)
            QCOMPARE(f.create(u"quay-%1"_s.arg(i, 3, 10, QChar(u'0')), u"quay.io"_s).status, 200);
        const Reply first = f.call(kDescribe, {});
        QCOMPARE(prefixesOf(first.json).size(), 100);
        const QString token = first.json.value("nextToken"_L1).toString();
        QVERIFY(!token.isEmpty());
        const Reply second = f.call(kDescribe, {{"nextToken"_L1, token}});
        QCOMPARE(prefixesOf(second.json), QStringList{u"quay-100"_s});
    }

    // ---- DeletePullThroughCacheRule -------------------------------------------------------
    void deleteRule()
    {
        Fixture f;
        const QString arn = secretArn(u"docker-hub-AbCdEf"_s);
        f.create(u"docker-hub"_s, u"registry-1.docker.io"_s, {{"credentialArn"_L1, arn}});
        f.create(u"quay"_s, u"quay.io"_s);
        const Reply reply = f.call(kDelete, {{"ecrRepositoryPrefix"_L1, "docker-hub"_L1}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(keysOf(reply.json),
            (QStringList{u"createdAt"_s, u"credentialArn"_s, u"ecrRepositoryPrefix"_s,
                u"registryId"_s, u"upstreamRegistryUrl"_s}));
        QCOMPARE(reply.json.value("credentialArn"_L1).toString(), arn);
        QCOMPARE(prefixesOf(f.call(kDescribe, {}).json), QStringList{u"quay"_s});

        const Reply again = f.call(kDelete, {{"ecrRepositoryPrefix"_L1, "docker-hub"_L1}});
        QCOMPARE(again.status, 400);
        QCOMPARE(again.code, u"PullThroughCacheRuleNotFoundException"_s);
        QCOMPARE(f.call(kDelete, {{"ecrRepositoryPrefix"_L1, "quay/"_L1}}).status, 200);
        QVERIFY(f.service.rules(kRegion).isEmpty());
        QCOMPARE(f.service.requestCount(kDelete), 3);
    }

    void deleteErrors()
    {
        Fixture f;
        f.create(u"quay"_s, u"quay.io"_s);
        Reply reply = f.call(kDelete, {});
        QCOMPARE(reply.code, u"InvalidParameterException"_s);
        QCOMPARE(reply.message,
            u"Invalid parameter at 'ecrRepositoryPrefix' failed to satisfy constraint: 'must not "
            "be null'"_s);
        reply = f.call(kDelete, {{"ecrRepositoryPrefix"_L1, "-quay"_L1}});
        QCOMPARE(reply.code, u"ValidationException"_s);
        QVERIFY(reply.message.contains(u"at 'ecrRepositoryPrefix'"_s));
        reply = f.call(
            kDelete, {{"ecrRepositoryPrefix"_L1, "quay"_L1}, {"registryId"_L1, "111122223333"_L1}});
        QCOMPARE(reply.code, u"InvalidParameterException"_s);
        QCOMPARE(f.service.rules(kRegion).size(), 1);
    }

    // ---- UpdatePullThroughCacheRule -------------------------------------------------------
    void updateRule()
    {
        Fixture f;
        f.create(u"docker-hub"_s, u"registry-1.docker.io"_s,
            {{"credentialArn"_L1, secretArn(u"docker-hub-AbCdEf"_s)}});
        f.clock.advance(90s);
        const QString newArn = secretArn(u"docker-hub-new-GhIjKl"_s);
        const Reply reply = f.call(
            kUpdate, {{"ecrRepositoryPrefix"_L1, "docker-hub"_L1}, {"credentialArn"_L1, newArn}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(keysOf(reply.json),
            (QStringList{
                u"credentialArn"_s, u"ecrRepositoryPrefix"_s, u"registryId"_s, u"updatedAt"_s}));
        QCOMPARE(reply.json.value("credentialArn"_L1).toString(), newArn);
        QCOMPARE(reply.json.value("updatedAt"_L1).toDouble(),
            double(kStart.addSecs(90).toSecsSinceEpoch()));

        const QJsonObject described
            = f.call(kDescribe, {}).json.value("pullThroughCacheRules"_L1)[0].toObject();
        QCOMPARE(described.value("createdAt"_L1).toDouble(), double(kStart.toSecsSinceEpoch()));
        QCOMPARE(described.value("updatedAt"_L1).toDouble(),
            double(kStart.addSecs(90).toSecsSinceEpoch()));
        QCOMPARE(described.value("credentialArn"_L1).toString(), newArn);

        // An ECR upstream takes a role; the response carries its upstream prefix.
        f.create(u"team-a"_s, kEcrUrl);
        const QString role = u"arn:aws:iam::123456789012:role/ptc"_s;
        const Reply ecr = f.call(
            kUpdate, {{"ecrRepositoryPrefix"_L1, "team-a"_L1}, {"customRoleArn"_L1, role}});
        QCOMPARE(ecr.status, 200);
        QCOMPARE(ecr.json.value("customRoleArn"_L1).toString(), role);
        QCOMPARE(ecr.json.value("upstreamRepositoryPrefix"_L1).toString(), u"ROOT"_s);
    }

    void updateErrors_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        const auto update = [](const QString& prefix, QJsonObject extra) {
            extra.insert("ecrRepositoryPrefix"_L1, prefix);
            return extra;
        };
        QTest::newRow("no credentials")
            << update(u"docker-hub"_s, {}) << u"InvalidParameterException"_s
            << u"Invalid input: Please set either credential arn or role arn to update the "
               "credentials"_s;
        QTest::newRow("prefix missing")
            << QJsonObject{{"credentialArn"_L1, secretArn(u"x-AbCdEf"_s)}}
            << u"InvalidParameterException"_s
            << u"Invalid parameter at 'ecrRepositoryPrefix' failed to satisfy constraint: 'must "
               "not be null'"_s;
        QTest::newRow("unknown prefix")
            << update(u"nothing"_s, {{"credentialArn"_L1, secretArn(u"x-AbCdEf"_s)}})
            << u"PullThroughCacheRuleNotFoundException"_s << u"'nothing'"_s;
        QTest::newRow("arn pattern")
            << update(u"docker-hub"_s,
                   {{"credentialArn"_L1,
                       u"arn:aws:secretsmanager:us-east-1:123456789012:secret:other/x-AbCdEf"_s}})
            << u"ValidationException"_s
            << u"at 'credentialArn' failed to satisfy constraint: Member must satisfy regular "
               "expression pattern"_s;
        QTest::newRow("role for docker hub")
            << update(u"docker-hub"_s, {{"customRoleArn"_L1, "arn:aws:iam::1:role/r"_L1}})
            << u"InvalidParameterException"_s << u"Invalid parameter at 'customRoleArn'"_s;
        QTest::newRow("secret missing")
            << update(u"docker-hub"_s, {{"credentialArn"_L1, secretArn(u"missing-x"_s)}})
            << u"SecretNotFoundException"_s << u"was not found"_s;
        QTest::newRow("secret denied")
            << update(u"docker-hub"_s, {{"credentialArn"_L1, secretArn(u"denied-x"_s)}})
            << u"UnableToAccessSecretException"_s << u"unable to be accessed"_s;
        QTest::newRow("secret undecryptable")
            << update(u"docker-hub"_s, {{"credentialArn"_L1, secretArn(u"undecryptable-x"_s)}})
            << u"UnableToDecryptSecretValueException"_s << u"unable to be decrypted"_s;
        QTest::newRow("other registry") << update(u"docker-hub"_s,
            {{"credentialArn"_L1, secretArn(u"x-AbCdEf"_s)}, {"registryId"_L1, "111122223333"_L1}})
                                        << u"InvalidParameterException"_s << u"'registryId'"_s;
    }
    void updateErrors()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, code);
        QFETCH(QString, message);
        Fixture f;
        const QString arn = secretArn(u"docker-hub-AbCdEf"_s);
        f.create(u"docker-hub"_s, u"registry-1.docker.io"_s, {{"credentialArn"_L1, arn}});
        const Reply reply = f.call(kUpdate, body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.code, code);
        QVERIFY2(reply.message.contains(message), qPrintable(reply.message));
        const PullThroughCacheRule rule = f.service.rules(kRegion).first();
        QCOMPARE(rule.credentialArn, arn);
        QVERIFY(!rule.updatedAt);
    }

    // ---- ValidatePullThroughCacheRule -----------------------------------------------------
    void validateRule()
    {
        Fixture f;
        const QString good = secretArn(u"docker-hub-AbCdEf"_s);
        const QString bad = secretArn(u"invalid-token-AbCdEf"_s);
        f.create(u"docker-hub"_s, u"registry-1.docker.io"_s, {{"credentialArn"_L1, good}});
        f.create(u"github"_s, u"ghcr.io"_s, {{"credentialArn"_L1, bad}});
        f.create(u"quay"_s, u"quay.io"_s);

        const Reply valid = f.call(kValidate, {{"ecrRepositoryPrefix"_L1, "docker-hub"_L1}});
        QCOMPARE(valid.status, 200);
        QCOMPARE(keysOf(valid.json),
            (QStringList{u"credentialArn"_s, u"ecrRepositoryPrefix"_s, u"isValid"_s,
                u"registryId"_s, u"upstreamRegistryUrl"_s}));
        QCOMPARE(valid.json.value("isValid"_L1).toBool(), true);

        const Reply invalid = f.call(kValidate, {{"ecrRepositoryPrefix"_L1, "github"_L1}});
        QCOMPARE(invalid.status, 200);
        QCOMPARE(invalid.json.value("isValid"_L1).toBool(), false);
        QCOMPARE(invalid.json.value("failure"_L1).toString(),
            u"Authentication to the upstream registry failed: 401 Unauthorized"_s);

        QCOMPARE(f.call(kValidate, {{"ecrRepositoryPrefix"_L1, "quay"_L1}})
                     .json.value("isValid"_L1)
                     .toBool(),
            true);
        const Reply missing = f.call(kValidate, {{"ecrRepositoryPrefix"_L1, "nothing"_L1}});
        QCOMPARE(missing.code, u"PullThroughCacheRuleNotFoundException"_s);
        QCOMPARE(f.call(kValidate, {}).code, u"InvalidParameterException"_s);
        QCOMPARE(
            f.call(kValidate, {{"ecrRepositoryPrefix"_L1, "x"_L1}}).code, u"ValidationException"_s);
        QCOMPARE(f.service.requestCount(kValidate), 6);
    }

    // ---- state, counters -----------------------------------------------------------------
    void stateFileRoundTrip()
    {
        ecr::test::TestDir dir;
        QVERIFY(dir.isValid());
        SandboxConfig config;
        config.statePath = dir.filePath(u"state.json"_s);
        config.keys = {{u"AKIDSTATEEXAMPLE"_s, u"state-secret-never-stored"_s}};
        SignOptions east;
        east.credentials = credentialsOf(config.keys.first());
        SignOptions west = east;
        west.region = u"us-west-2"_s;
        {
            Fixture f(config);
            QVERIFY(f.service.stateError().isEmpty());
            f.create(u"docker-hub"_s, u"registry-1.docker.io"_s,
                {{"credentialArn"_L1, secretArn(u"docker-hub-AbCdEf"_s)}}, east);
            f.create(u"quay"_s, u"quay.io"_s, {}, east);
            f.create(u"team-a"_s, kEcrUrl, {}, west);
            f.call(kUpdate,
                {{"ecrRepositoryPrefix"_L1, "docker-hub"_L1},
                    {"credentialArn"_L1, secretArn(u"docker-hub-2-AbCdEf"_s)}},
                east);
            f.call(kDelete, {{"ecrRepositoryPrefix"_L1, "quay"_L1}}, east);
            QCOMPARE(f.service.rules(kRegion).size(), 1);
        }
        QFile file(config.statePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray contents = file.readAll();
        QVERIFY(!contents.contains("state-secret-never-stored"));
        QVERIFY(!contents.contains("AKIDSTATEEXAMPLE"));
        QVERIFY(!contents.contains(SandboxService::defaultKey().secretAccessKey.toLatin1()));
        QVERIFY(contents.contains("docker-hub-2-AbCdEf"));

        Fixture reloaded(config);
        QVERIFY(reloaded.service.stateError().isEmpty());
        const QList<PullThroughCacheRule> east2 = reloaded.service.rules(kRegion);
        QCOMPARE(east2.size(), 1);
        QCOMPARE(east2.first().credentialArn, secretArn(u"docker-hub-2-AbCdEf"_s));
        QCOMPARE(east2.first().createdAt, std::optional<EpochSeconds>(kStart.toSecsSinceEpoch()));
        QVERIFY(east2.first().updatedAt);
        QCOMPARE(reloaded.service.rules(u"us-west-2"_s).size(), 1);
        QCOMPARE(reloaded.service.totalRequestCount(), 0);
        QCOMPARE(reloaded.create(u"quay"_s, u"quay.io"_s, {}, east).status, 200);
    }

    void stateFileErrors()
    {
        ecr::test::TestDir dir;
        SandboxConfig corrupt;
        corrupt.statePath = dir.filePath(u"corrupt.json"_s);
        {
            QFile file(corrupt.statePath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{ not json");
        }
        Fixture broken(corrupt);
        QVERIFY(!broken.service.stateError().isEmpty());
        QVERIFY(broken.service.rules(kRegion).isEmpty());
        // The unreadable file is left alone, not overwritten by the next change.
        QCOMPARE(broken.create(u"quay"_s, u"quay.io"_s).status, 200);
        QFile file(corrupt.statePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), "{ not json"_ba);

        // A state file that cannot be written: the change is refused and rolled back.
        SandboxConfig unwritable;
        unwritable.statePath = dir.filePath(u"no-such-dir/state.json"_s);
        Fixture f(unwritable);
        QVERIFY(f.service.stateError().isEmpty());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^cannot write .*state.json"_s));
        const Reply reply = f.create(u"quay"_s, u"quay.io"_s);
        QCOMPARE(reply.status, 500);
        QCOMPARE(reply.code, u"ServerException"_s);
        QVERIFY(f.service.rules(kRegion).isEmpty());
    }

    void countersAndReset()
    {
        Fixture f;
        f.create(u"quay"_s, u"quay.io"_s);
        f.create(u"quay"_s, u"quay.io"_s); // AlreadyExists still reached the operation
        f.call(kDescribe, {});
        SignOptions badKey;
        badKey.credentials = {u"AKIDNOPE"_s, u"nope"_s, {}};
        f.call(kDescribe, {}, badKey);
        QCOMPARE(f.service.requestCount(kCreate), 2);
        QCOMPARE(f.service.requestCount(kDescribe), 1);
        QCOMPARE(f.service.requestCount(kDelete), 0);
        QCOMPARE(f.service.totalRequestCount(), 4);
        f.service.reset();
        QCOMPARE(f.service.totalRequestCount(), 0);
        QCOMPARE(f.service.requestCount(kCreate), 0);
        QVERIFY(f.service.rules(kRegion).isEmpty());
    }

    // ---- SandboxServer over loopback -----------------------------------------------------
    void serverRoundTripWithNetworkAccessManager()
    {
        const SystemClock clock;
        SandboxService service(clock, {});
        SandboxServer server(service);
        QVERIFY2(server.listen(), qPrintable(server.errorString()));
        QVERIFY(server.port() != 0);
        QCOMPARE(server.url().toString(), u"http://127.0.0.1:%1"_s.arg(server.port()));

        SignOptions options;
        options.clock = &clock;
        options.host = "127.0.0.1:" + QByteArray::number(server.port());
        const HttpRequest request = signedRequest(clock, target(kCreate),
            R"({"ecrRepositoryPrefix":"ecr-public","upstreamRegistryUrl":"public.ecr.aws"})"_ba,
            options);
        QNetworkRequest networkRequest(server.url());
        for (const sigv4::Header& header : request.headers) {
            if (header.name != "Host"_ba)
                networkRequest.setRawHeader(header.name, header.value);
        }
        QNetworkAccessManager manager;
        std::unique_ptr<QNetworkReply> reply(manager.post(networkRequest, request.body));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->rawHeader("Content-Type"), "application/x-amz-json-1.1"_ba);
        QVERIFY(!reply->rawHeader("x-amzn-RequestId").isEmpty());
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(json.value("upstreamRegistry"_L1).toString(), u"ecr-public"_s);
        QCOMPARE(service.rules(kRegion).size(), 1);
        QCOMPARE(server.faultsInjected(), 0);
    }

    void serverFaults_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("status"); // 0: connection aborted without an answer
        QTest::addColumn<QByteArray>("bodyPart");
        QTest::addColumn<int>("rulesAfter");
        QTest::newRow("throttle") << u"throttle"_s << 400 << "ThrottlingException"_ba << 0;
        QTest::newRow("server error") << u"server"_s << 500 << "ServerException"_ba << 0;
        QTest::newRow("html 503") << u"html503"_s << 503
                                  << "<html><body><h1>503 Service Unavailable</h1></body></html>"_ba
                                  << 0;
        QTest::newRow("reset") << u"reset"_s << 0 << QByteArray() << 0;
        QTest::newRow("commit then reset") << u"commit"_s << 0 << QByteArray() << 1;
        QTest::newRow("reset after latency") << u"reset-latency"_s << 0 << QByteArray() << 0;
    }
    void serverFaults()
    {
        QFETCH(QString, fault);
        QFETCH(int, status);
        QFETCH(QByteArray, bodyPart);
        QFETCH(int, rulesAfter);
        const SystemClock clock;
        SandboxService service(clock, {});
        FaultConfig faults;
        if (fault == u"throttle"_s)
            faults.throttleRate = 1;
        else if (fault == u"server"_s)
            faults.serverErrorRate = 1;
        else if (fault == u"html503"_s)
            faults.html503Rate = 1;
        else if (fault == u"commit"_s)
            faults.commitThenResetRate = 1;
        else
            faults.resetRate = 1;
        if (fault == u"reset-latency"_s)
            faults.latencyMs = 100;
        SandboxServer server(service, faults);
        QVERIFY(server.listen());

        SignOptions options;
        options.clock = &clock;
        options.host = "127.0.0.1:" + QByteArray::number(server.port());
        const HttpRequest request = signedRequest(clock, target(kCreate),
            R"({"ecrRepositoryPrefix":"quay","upstreamRegistryUrl":"quay.io"})"_ba, options);
        const RawExchange result = exchange(server.port(), wireRequest(request));
        QVERIFY(result.disconnected);
        QCOMPARE(result.status(), status);
        if (status == 0)
            QVERIFY(result.response.isEmpty());
        QVERIFY(result.body().contains(bodyPart));
        if (status == 503)
            QVERIFY(result.response.contains("Content-Type: text/html\r\n"));
        if (status == 400)
            QVERIFY(result.response.contains("x-amzn-ErrorType: ThrottlingException\r\n"));
        QCOMPARE(service.rules(kRegion).size(), rulesAfter);
        QCOMPARE(service.requestCount(kCreate), rulesAfter);
        QCOMPARE(server.faultsInjected(), 1);

        // Whatever happened to that connection, the server goes on answering.
        server.setFaults({});
        const RawExchange next = exchange(
            server.port(), wireRequest(signedRequest(clock, target(kDescribe), "{}"_ba, options)));
        QCOMPARE(next.status(), 200);
    }

    void serverFaultsAreDeterministic()
    {
        const SystemClock clock;
        SandboxService service(clock, {});
        FaultConfig faults;
        faults.throttleRate = 0.3;
        faults.serverErrorRate = 0.3;
        faults.seed = 42;
        SandboxServer server(service, faults);
        QVERIFY(server.listen());
        SignOptions options;
        options.clock = &clock;
        options.host = "127.0.0.1:" + QByteArray::number(server.port());
        const auto run = [&] {
            QList<int> statuses;
            for (int i = 0; i < 12; ++i)
                statuses.append(exchange(server.port(),
                    wireRequest(signedRequest(clock, target(kDescribe), "{}"_ba, options)))
                                    .status());
            return statuses;
        };
        const QList<int> first = run();
        QVERIFY(first.contains(200));
        QVERIFY(first.contains(400));
        QVERIFY(first.contains(500));
        server.setFaults(faults); // reseeds
        QCOMPARE(run(), first);
        QCOMPARE(service.totalRequestCount(), 2 * int(first.count(200)));
    }

    void serverLatencyKeepsServing()
    {
        const SystemClock clock;
        SandboxService service(clock, {});
        FaultConfig faults;
        faults.latencyMs = 1000;
        SandboxServer server(service, faults);
        QVERIFY(server.listen());
        SignOptions options;
        options.clock = &clock;
        options.host = "127.0.0.1:" + QByteArray::number(server.port());
        const QByteArray wire
            = wireRequest(signedRequest(clock, target(kDescribe), "{}"_ba, options));

        // Two clients at once: each is answered about one latency after it asked, and the two
        // answers arrive close together. A server that held the second request until the first
        // was answered would put a whole latency (1 s) between them; the bound below leaves
        // half of that as margin for a loaded machine.
        QTcpSocket a;
        QTcpSocket b;
        QElapsedTimer timer;
        timer.start();
        qint64 answeredA = -1;
        qint64 answeredB = -1;
        connect(&a, &QTcpSocket::readyRead, this, [&] {
            if (answeredA < 0)
                answeredA = timer.elapsed();
        });
        connect(&b, &QTcpSocket::readyRead, this, [&] {
            if (answeredB < 0)
                answeredB = timer.elapsed();
        });
        for (QTcpSocket* socket : {&a, &b}) {
            socket->connectToHost(QHostAddress::LocalHost, server.port());
            socket->write(wire);
        }
        QTest::qWait(300);
        QCOMPARE(a.bytesAvailable() + b.bytesAvailable(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(answeredA >= 0 && answeredB >= 0, 10000);
        QVERIFY2(answeredA >= 950 && answeredB >= 950,
            qPrintable(u"%1 ms, %2 ms"_s.arg(answeredA).arg(answeredB)));
        QVERIFY2(qAbs(answeredA - answeredB) < 500,
            qPrintable(u"%1 ms apart"_s.arg(qAbs(answeredA - answeredB))));
        QTRY_VERIFY_WITH_TIMEOUT(a.state() == QAbstractSocket::UnconnectedState
                && b.state() == QAbstractSocket::UnconnectedState,
            5000);
        QVERIFY(a.readAll().startsWith("HTTP/1.1 200 OK"));
        QVERIFY(b.readAll().startsWith("HTTP/1.1 200 OK"));
    }

    void serverClientGoneDuringLatency()
    {
        const SystemClock clock;
        SandboxService service(clock, {});
        FaultConfig faults;
        faults.latencyMs = 200;
        SandboxServer server(service, faults);
        QVERIFY(server.listen());
        SignOptions options;
        options.clock = &clock;
        options.host = "127.0.0.1:" + QByteArray::number(server.port());
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, server.port());
            socket.write(wireRequest(signedRequest(clock, target(kDescribe), "{}"_ba, options)));
            QTRY_COMPARE_WITH_TIMEOUT(service.totalRequestCount(), 1, 5000);
            socket.abort(); // the client gives up before the delayed answer
        }
        QTest::qWait(400); // the delayed answer finds no socket: nothing may crash
        server.setFaults({});
        QCOMPARE(exchange(server.port(),
                     wireRequest(signedRequest(clock, target(kDescribe), "{}"_ba, options)))
                     .status(),
            200);
    }

    void serverKeepAlive()
    {
        const SystemClock clock;
        SandboxService service(clock, {});
        SandboxServer server(service);
        QVERIFY(server.listen());
        SignOptions options;
        options.clock = &clock;
        options.host = "127.0.0.1:" + QByteArray::number(server.port());
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.port());
        for (int i = 1; i <= 3; ++i) {
            socket.write(wireRequest(
                signedRequest(clock, target(kDescribe), "{}"_ba, options), /*keepAlive=*/true));
            QTRY_VERIFY_WITH_TIMEOUT(socket.bytesAvailable() > 0, 5000);
            QTest::qWait(20);
            QVERIFY(socket.readAll().startsWith("HTTP/1.1 200 OK"));
            QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
        }
        QCOMPARE(service.requestCount(kDescribe), 3);
    }

    void serverBusyPort()
    {
        const SystemClock clock;
        SandboxService service(clock, {});
        SandboxServer first(service);
        QVERIFY(first.listen());
        SandboxServer second(service);
        QVERIFY(!second.listen(QHostAddress::LocalHost, first.port()));
        QVERIFY(!second.errorString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSandboxService)
#include "tst_sandboxservice.moc"
