// The one call pipeline (ServiceClient) over real loopback HTTP, per protocol adapter: awsJson1_1
// against the sandbox's ECR and awsQuery against its STS — success, a modeled error, a retried
// throttle and a cancel each — plus what the pipeline itself guarantees: the SDK headers, the
// response cap (against a server that streams far more), the bounded clock-skew correction, CA
// bundles that cannot be used, plain http only to loopback, and one-time requests never sent
// twice. restJson1 with bearer-token and Basic auth goes to a recording loopback server (no
// sandbox service speaks it yet).
#include "RequestAuth.h"
#include "SandboxHarness.h"
#include "StsClient.h"
#include "StsProtocol.h"
#include "TestDir.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTimer>
#include <QUuid>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

using Fault = sandbox::SandboxServer::Fault;

OperationRequest awsJson(const QString& name, const QJsonObject& body = {})
{
    OperationRequest request;
    request.name = name;
    request.body = body;
    return request;
}

OperationRequest awsQuery(const QString& name, QList<std::pair<QString, QString>> parameters = {})
{
    OperationRequest request;
    request.name = name;
    request.parameters = std::move(parameters);
    return request;
}

// STS of the harness's sandbox, with the harness's fast retries.
StsConfig sandboxSts(SandboxHarness& h)
{
    StsConfig config;
    config.region = h.region();
    config.customEndpoint = h.server().url();
    config.retry = HarnessOptions::fastRetries();
    return config;
}

// Cancels after 100 ms a call whose answer would take 10 s; returns how long it took.
template <typename Call>
qint64 cancelAfter100ms(Call call)
{
    const CancelToken cancel = Cancellation::create();
    QTimer::singleShot(100, cancel.get(), [cancel] { cancel->cancel(); });
    QElapsedTimer timer;
    timer.start();
    const auto result = SandboxHarness::wait(call(cancel));
    if (result.ok() || result.error().kind != ErrorKind::Cancelled)
        return -1;
    return timer.elapsed();
}

// GetSessionToken with an MFA code: a one-time request.
StsGetSessionTokenRequest mfaRequest(const QString& code = u"123456"_s,
    const QString& serial = u"arn:aws:iam::123456789012:mfa/sandbox-user"_s)
{
    StsGetSessionTokenRequest request;
    request.serialNumber = serial;
    request.tokenCode = code;
    return request;
}

ServiceClientConfig stsConfig(const SandboxHarness& h)
{
    ServiceClientConfig config = h.clientConfig();
    config.service = StsClient::service();
    return config;
}

QByteArray headerOf(const sandbox::HttpRequest& request, QByteArrayView name)
{
    for (const auto& header : request.headers) {
        if (QByteArrayView(header.name).compare(name, Qt::CaseInsensitive) == 0)
            return header.value;
    }
    return {};
}

// The requests the sandbox saw for one operation (ECR) or action (STS).
QList<sandbox::HttpRequest> requestsFor(SandboxHarness& h, const QString& operation)
{
    QList<sandbox::HttpRequest> out;
    for (const auto& request : h.service().recentRequests()) {
        if (sandbox::SandboxServer::operationOf(request) == operation)
            out.append(request);
    }
    return out;
}

// Resident memory of this process, from /proc (kB); -1 where there is none.
qint64 residentKb(const char* field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QString text = QString::fromLatin1(status.readAll());
    const QRegularExpression re(QString::fromLatin1(field) + u":\\s+(\\d+) kB"_s);
    const auto match = re.match(text);
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

// An HTTP server that answers every request with an endless 200 body (or a huge
// Content-Length), writing as fast as the client reads, and counts what it wrote.
class FloodServer final : public QObject
{
public:
    explicit FloodServer(bool announceLength)
        : m_announceLength(announceLength)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    socket->readAll();
                    if (socket->property("answered").toBool())
                        return;
                    socket->setProperty("answered", true);
                    QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
                    head += m_announceLength ? "Content-Length: 1073741824\r\n\r\n"
                                             : "Connection: close\r\n\r\n";
                    socket->write(head);
                    feed(socket);
                });
                connect(
                    socket, &QTcpSocket::bytesWritten, socket, [this, socket] { feed(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
                    m_clientGone = true;
                    socket->deleteLater();
                });
            }
        });
        m_server.listen(QHostAddress::LocalHost);
    }
    QUrl url() const { return QUrl(u"http://127.0.0.1:%1/"_s.arg(m_server.serverPort())); }
    qint64 written() const { return m_written; }
    bool clientGone() const { return m_clientGone; }
    static constexpr qint64 kLimit = 1024LL * 1024 * 1024; // stops after 1 GiB regardless

private:
    void feed(QTcpSocket* socket)
    {
        static const QByteArray chunk(64 * 1024, 'x');
        while (socket->state() == QAbstractSocket::ConnectedState
            && socket->bytesToWrite() < 1024 * 1024 && m_written < kLimit) {
            socket->write(chunk);
            m_written += chunk.size();
        }
    }
    QTcpServer m_server;
    bool m_announceLength;
    qint64 m_written = 0;
    bool m_clientGone = false;
};

// An HTTP server that records each request (request line, headers, body) and answers it with
// the next canned answer: for the protocols and auth strategies no sandbox service uses yet.
class RecordingServer final : public QObject
{
public:
    struct Answer
    {
        int status = 200;
        QByteArray headers; // extra header lines, each ending in \r\n
        QByteArray body;
    };
    struct Seen
    {
        QByteArray requestLine;
        QMap<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };

    RecordingServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost);
    }
    QUrl url(const QString& path = u"/"_s) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_server.serverPort()).arg(path));
    }
    QList<Answer> answers;
    QList<Seen> seen;

private:
    void read(QTcpSocket* socket)
    {
        QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            socket->setProperty("buffer", buffer);
            return;
        }
        Seen request;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        request.requestLine = lines.first().trimmed();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(
                    lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < end + 4 + length) {
            socket->setProperty("buffer", buffer);
            return;
        }
        request.body = buffer.mid(end + 4, length);
        socket->setProperty("buffer", buffer.mid(end + 4 + length));
        seen.append(request);
        const Answer answer = answers.isEmpty() ? Answer{} : answers.takeFirst();
        QByteArray out = "HTTP/1.1 " + QByteArray::number(answer.status) + " X\r\n"
            + "Content-Type: application/json\r\nContent-Length: "
            + QByteArray::number(answer.body.size()) + "\r\n" + answer.headers + "\r\n"
            + answer.body;
        socket->write(out);
    }
    QTcpServer m_server;
};

ServiceClientConfig restJsonConfig(const QUrl& url)
{
    ServiceClientConfig config;
    config.service = {u"AWS SSO"_s, "awsssoportal", Protocol::RestJson1, {}, {}};
    config.endpoint = {url, u"us-east-1"_s, u"aws"_s};
    config.retry = HarnessOptions::fastRetries();
    return config;
}

QCoro::Task<Result<QString>> tokenOf(QString token)
{
    co_return token;
}

QCoro::Task<Result<QString>> noToken()
{
    co_return makeError(ErrorKind::Credentials, u"SsoTokenExpired"_s, u"Sign in again."_s, 0);
}

} // namespace

class TestServiceClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- awsJson1_1 (ECR) -------------------------------------------------------------------

    void awsJsonSuccessCarriesTheSdkHeaders()
    {
        SandboxHarness h;
        QVERIFY(h.wait(h.client().createRule({u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}})).ok());
        const auto answer = h.wait(h.transport().call(awsJson(u"DescribePullThroughCacheRules"_s)));
        QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().message));
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->attempts, 1);
        QVERIFY(!answer->requestId.isEmpty());
        QCOMPARE(answer->json.value(u"pullThroughCacheRules").toArray().size(), 1);

        const auto sent = requestsFor(h, u"DescribePullThroughCacheRules"_s);
        QCOMPARE(sent.size(), 1);
        const sandbox::HttpRequest& request = sent.first();
        QCOMPARE(headerOf(request, "Content-Type"), "application/x-amz-json-1.1"_ba);
        QCOMPARE(headerOf(request, "X-Amz-Target"),
            "AmazonEC2ContainerRegistry_V20150921.DescribePullThroughCacheRules"_ba);
        QVERIFY(headerOf(request, "Authorization").startsWith("AWS4-HMAC-SHA256 Credential="));
        QVERIFY(!QUuid::fromString(QString::fromLatin1(headerOf(request, "amz-sdk-invocation-id")))
                     .isNull());
        QCOMPARE(headerOf(request, "amz-sdk-request"), "attempt=1; max=3"_ba);
        QVERIFY2(headerOf(request, "User-Agent").startsWith("ecr-ptc-admin/"),
            headerOf(request, "User-Agent").constData());
        QCOMPARE(request.body, "{}"_ba);
    }

    void awsJsonModeledError()
    {
        SandboxHarness h;
        const auto answer = h.wait(h.transport().call(
            awsJson(u"DeletePullThroughCacheRule"_s, {{u"ecrRepositoryPrefix"_s, u"nope"_s}})));
        QVERIFY(!answer.ok());
        QCOMPARE(answer.error().kind, ErrorKind::Service);
        QCOMPARE(answer.error().code, u"PullThroughCacheRuleNotFoundException"_s);
        QCOMPARE(answer.error().httpStatus, 400);
        QCOMPARE(answer.error().attempts, 1);
        QVERIFY(!answer.error().requestId.isEmpty());
        QVERIFY(answer.error().message.contains(u"nope"_s));
    }

    void awsJsonThrottleIsRetried()
    {
        SandboxHarness h;
        h.server().queueFaults(u"DescribePullThroughCacheRules"_s, {Fault::Throttle});
        const auto answer = h.wait(h.transport().call(awsJson(u"DescribePullThroughCacheRules"_s)));
        QVERIFY(answer.ok());
        QCOMPARE(answer->attempts, 2);
        QCOMPARE(h.server().faultsInjected(), 1);
        QCOMPARE(h.transport().retryBucket().available(), 500 - 5 + 5); // paid, then refunded
        const auto sent = requestsFor(h, u"DescribePullThroughCacheRules"_s);
        // The throttled attempt was answered by the fault injector before the service saw it.
        QCOMPARE(sent.size(), 1);
        QCOMPARE(headerOf(sent.first(), "amz-sdk-request"), "attempt=2; max=3"_ba);
    }

    void awsJsonCancel()
    {
        HarnessOptions options;
        options.faults.latencyMs = 10000;
        SandboxHarness h(options);
        const qint64 elapsed = cancelAfter100ms([&](CancelToken cancel) {
            return h.transport().call(awsJson(u"DescribePullThroughCacheRules"_s), cancel);
        });
        QVERIFY2(elapsed >= 0 && elapsed < 5000, qPrintable(QString::number(elapsed)));
    }

    // ---- awsQuery (STS) ---------------------------------------------------------------------

    // AWS's own documented answers (tests/data/sts), layout and all: keys and tokens wrapped over
    // lines come out whole, times with and without milliseconds are read.
    void stsDocumentedAnswersAreRead()
    {
        const auto fixture = [](const char* name) {
            QFile file(QStringLiteral(ECR_TEST_DATA_DIR "/sts/") + QLatin1StringView(name));
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        const auto role = sts::parseAssumeRole(fixture("assume-role.xml"));
        QVERIFY2(role.ok(), qPrintable(role.ok() ? QString() : role.error().message));
        QCOMPARE(role->credentials.credentials.accessKeyId, u"ASIAIOSFODNN7EXAMPLE"_s);
        QVERIFY(role->credentials.credentials.secretAccessKey
            == u"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"_s);
        const QString token = role->credentials.credentials.sessionToken;
        QVERIFY(token.startsWith(
            u"AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKW"_s));
        QVERIFY(token.endsWith(u"TJabIQwj2ICCR/oLxBA=="_s));
        QVERIFY(!token.contains(u' ') && !token.contains(u'\n'));
        QCOMPARE(role->credentials.expiration,
            QDateTime(QDate(2019, 11, 9), QTime(13, 34, 41), QTimeZone::utc()));
        QCOMPARE(role->assumedRoleArn, u"arn:aws:sts::123456789012:assumed-role/demo/TestAR"_s);
        QCOMPARE(role->assumedRoleId, u"ARO123EXAMPLE123:TestAR"_s);
        QCOMPARE(role->credentials.accountId, u"123456789012"_s);

        const auto session = sts::parseGetSessionToken(fixture("get-session-token.xml"));
        QVERIFY2(session.ok(), qPrintable(session.ok() ? QString() : session.error().message));
        QCOMPARE(session->credentials.accessKeyId, u"AKIAIOSFODNN7EXAMPLE"_s);
        QVERIFY(
            session->credentials.secretAccessKey == u"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"_s);
        QVERIFY(session->credentials.sessionToken.endsWith(u"l/+OtkIKGO7fAE"_s));
        QCOMPARE(session->expiration,
            QDateTime(QDate(2011, 7, 11), QTime(19, 55, 29, 611), QTimeZone::utc()));

        const auto identity = sts::parseGetCallerIdentity(fixture("get-caller-identity.xml"));
        QVERIFY(identity.ok());
        QCOMPARE(identity->account, u"123456789012"_s);
        QCOMPARE(identity->arn, u"arn:aws:iam::123456789012:user/Alice"_s);
        QCOMPARE(identity->userId, u"AKIAI44QH8DHBEXAMPLE"_s);

        const ServiceInfo service{u"AWS STS"_s, "sts", Protocol::AwsQuery, {}, "2011-06-15"};
        const AwsError denied
            = parseQueryError(service, HttpAnswer{403, {}, fixture("error-access-denied.xml"), {}});
        QCOMPARE(denied.kind, ErrorKind::Service);
        QCOMPARE(denied.code, u"AccessDenied"_s);
        QVERIFY(denied.message.startsWith(u"User: arn:aws:iam::123456789012:user/Alice is not"_s));
        QCOMPARE(denied.requestId, u"4c5a6e2f-8d3b-11e0-9c6a-0123456789ab"_s);
        QCOMPARE(denied.httpStatus, 403);
    }

    // Every way an STS answer can be unreadable is an InvalidResponse that says what was wrong.
    void stsInvalidAnswers_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("problem");
        const QByteArray creds = "<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId>"
                                 "<SecretAccessKey>EXAMPLESECRETSENTINEL</SecretAccessKey>"
                                 "<SessionToken>EXAMPLETOKENSENTINEL</SessionToken>";
        QTest::newRow("not XML") << "{\"json\": true}"_ba << u"not an AssumeRoleResponse"_s;
        QTest::newRow("another answer")
            << "<GetSessionTokenResponse><GetSessionTokenResult/></GetSessionTokenResponse>"_ba
            << u"not an AssumeRoleResponse"_s;
        QTest::newRow("no credentials")
            << "<AssumeRoleResponse><AssumeRoleResult/></AssumeRoleResponse>"_ba
            << u"no credentials"_s;
        QTest::newRow("no session token")
            << "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE"
               "</AccessKeyId><SecretAccessKey>EXAMPLESECRETSENTINEL</SecretAccessKey>"
               "<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult>"
               "</AssumeRoleResponse>"_ba
            << u"no credentials"_s;
        QTest::newRow("no expiration") << "<AssumeRoleResponse><AssumeRoleResult>" + creds
                + "</Credentials></AssumeRoleResult></AssumeRoleResponse>"
                                       << u"no valid Expiration"_s;
        QTest::newRow("bad expiration") << "<AssumeRoleResponse><AssumeRoleResult>" + creds
                + "<Expiration>soon</Expiration></Credentials></AssumeRoleResult>"
                  "</AssumeRoleResponse>"
                                        << u"no valid Expiration"_s;
        QTest::newRow("truncated")
            << "<AssumeRoleResponse><AssumeRoleResult>" + creds << u"not an AssumeRoleResponse"_s;
        QTest::newRow("a DTD") << "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e \"x\">]>"
                                  "<AssumeRoleResponse>&e;</AssumeRoleResponse>"_ba
                               << u"not an AssumeRoleResponse"_s;
        QByteArray deep = "<AssumeRoleResponse>";
        for (int i = 0; i < 40; ++i)
            deep += "<a>";
        QTest::newRow("nested 40 deep") << deep << u"not an AssumeRoleResponse"_s;
    }
    void stsInvalidAnswers()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, problem);
        const auto role = sts::parseAssumeRole(body);
        QVERIFY(!role.ok());
        QCOMPARE(role.error().kind, ErrorKind::InvalidResponse);
        QVERIFY2(role.error().message.contains(problem), qPrintable(role.error().message));
        QVERIFY(role.error().message.contains(u"STS"_s));
        QVERIFY(!role.error().message.contains(u"SENTINEL"_s));
        const auto identity = sts::parseGetCallerIdentity(
            "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1:user/a</Arn>"
            "</GetCallerIdentityResult></GetCallerIdentityResponse>"_ba);
        QVERIFY(!identity.ok());
        QVERIFY(identity.error().message.contains(u"no Account or Arn"_s));
        // An error answer that is not one of the two awsQuery shapes still says what came back.
        const ServiceInfo service{u"AWS STS"_s, "sts", Protocol::AwsQuery, {}, "2011-06-15"};
        const AwsError e = parseQueryError(service, HttpAnswer{500, {}, body, {}});
        QCOMPARE(e.kind, ErrorKind::InvalidResponse);
        QCOMPARE(e.httpStatus, 500);
    }

    void awsQuerySuccessCarriesTheSdkHeaders()
    {
        SandboxHarness h;
        StaticCredentialsProvider keys(HarnessOptions::defaultCredentials());
        SigV4Auth auth(keys, h.clock());
        ServiceClient sts(h.network(), h.clock(), stsConfig(h), &auth);
        const auto answer = h.wait(sts.call(awsQuery(u"GetCallerIdentity"_s)));
        QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().message));
        QCOMPARE(answer->attempts, 1);
        QVERIFY(answer->body.contains("<GetCallerIdentityResponse"));
        const auto identity = sts::parseGetCallerIdentity(answer->body);
        QVERIFY(identity.ok());
        QCOMPARE(identity->account, u"123456789012"_s);

        const auto sent = requestsFor(h, u"GetCallerIdentity"_s);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(headerOf(sent.first(), "Content-Type"),
            "application/x-www-form-urlencoded; charset=utf-8"_ba);
        QCOMPARE(sent.first().body, "Action=GetCallerIdentity&Version=2011-06-15"_ba);
        QVERIFY(headerOf(sent.first(), "Authorization").contains("/sts/aws4_request"));
        QCOMPARE(headerOf(sent.first(), "amz-sdk-request"), "attempt=1; max=3"_ba);
        QVERIFY(headerOf(sent.first(), "User-Agent").startsWith("ecr-ptc-admin/"));
        QVERIFY(!headerOf(sent.first(), "amz-sdk-invocation-id").isEmpty());
    }

    void awsQueryModeledError()
    {
        SandboxHarness h;
        StsClient sts(h.network(), h.clock(), sandboxSts(h));
        StsAssumeRoleRequest request;
        request.roleArn = u"arn:aws:iam::999999999999:role/Elsewhere"_s;
        request.roleSessionName = u"test"_s;
        const auto assumed = h.wait(sts.assumeRole(HarnessOptions::defaultCredentials(), request));
        QVERIFY(!assumed.ok());
        QCOMPARE(assumed.error().kind, ErrorKind::Service);
        QCOMPARE(assumed.error().code, u"AccessDenied"_s);
        QCOMPARE(assumed.error().httpStatus, 403);
        QCOMPARE(assumed.error().attempts, 1);
        QVERIFY(assumed.error().message.contains(u"not authorized to perform: sts:AssumeRole"_s));
    }

    void awsQueryThrottleIsRetried()
    {
        SandboxHarness h;
        StsClient sts(h.network(), h.clock(), sandboxSts(h));
        h.server().queueFaults(u"GetCallerIdentity"_s, {Fault::Throttle, Fault::ServerError});
        const auto identity = h.wait(sts.getCallerIdentity(HarnessOptions::defaultCredentials()));
        QVERIFY2(identity.ok(), qPrintable(identity.ok() ? QString() : identity.error().message));
        QCOMPARE(h.server().faultsInjected(), 2);
        const auto sent = requestsFor(h, u"GetCallerIdentity"_s);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(headerOf(sent.first(), "amz-sdk-request"), "attempt=3; max=3"_ba);
    }

    void awsQueryCancel()
    {
        HarnessOptions options;
        options.faults.latencyMs = 10000;
        SandboxHarness h(options);
        StsClient sts(h.network(), h.clock(), sandboxSts(h));
        const qint64 elapsed = cancelAfter100ms([&](CancelToken cancel) {
            return sts.getCallerIdentity(HarnessOptions::defaultCredentials(), cancel);
        });
        QVERIFY2(elapsed >= 0 && elapsed < 5000, qPrintable(QString::number(elapsed)));
    }

    // A request with a one-time MFA code is sent once: a lost or failed answer is not retried
    // with the same code.
    void oneTimeRequestsAreNotResent()
    {
        SandboxHarness h;
        StsClient sts(h.network(), h.clock(), sandboxSts(h));
        h.server().queueFaults(u"GetSessionToken"_s, {Fault::ServerError});
        const StsGetSessionTokenRequest request = mfaRequest();
        const auto session
            = h.wait(sts.getSessionToken(HarnessOptions::defaultCredentials(), request));
        QVERIFY(!session.ok());
        QCOMPARE(session.error().code, u"InternalFailure"_s);
        QCOMPARE(session.error().attempts, 1);
        QCOMPARE(h.server().faultsInjected(), 1);
        QCOMPARE(requestsFor(h, u"GetSessionToken"_s).size(), 0);

        // Without a code the same failure is retried as usual.
        h.server().queueFaults(u"GetSessionToken"_s, {Fault::ServerError});
        const auto plain = h.wait(sts.getSessionToken(HarnessOptions::defaultCredentials(), {}));
        QVERIFY(plain.ok());
        QCOMPARE(h.server().faultsInjected(), 2);
    }

    // The sandbox's STS takes an MFA code once, as STS does: the same code again within its
    // 30 s step is refused (tst_credentials shows the next step's code taken).
    void aReusedMfaCodeIsRefused()
    {
        HarnessOptions options;
        options.sandbox.mfaSerial = u"arn:aws:iam::123456789012:mfa/sandbox-user"_s;
        options.sandbox.mfaCode = u"246810"_s;
        SandboxHarness h(options);
        StsClient sts(h.network(), h.clock(), sandboxSts(h));
        const StsGetSessionTokenRequest request = mfaRequest(u"246810"_s);
        QVERIFY(h.wait(sts.getSessionToken(HarnessOptions::defaultCredentials(), request)).ok());
        const auto again
            = h.wait(sts.getSessionToken(HarnessOptions::defaultCredentials(), request));
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, u"AccessDenied"_s);
        QVERIFY(again.error().message.contains(u"one time pass code"_s));
        QCOMPARE(again.error().attempts, 1); // not retried with the same code either
    }

    // With STS's clock 4 minutes ahead, a session it says expires in an hour expires in an
    // hour of ours too: the expiry is moved onto the local clock by the answer's Date.
    void stsExpiryIsOnTheLocalClock()
    {
        HarnessOptions options;
        options.serverClockOffset = std::chrono::minutes(4);
        SandboxHarness h(options);
        StsClient sts(h.network(), h.clock(), sandboxSts(h));
        StsGetSessionTokenRequest request;
        request.durationSeconds = 3600;
        const QDateTime before = h.clock().now();
        const auto session
            = h.wait(sts.getSessionToken(HarnessOptions::defaultCredentials(), request));
        QVERIFY2(session.ok(), qPrintable(session.ok() ? QString() : session.error().message));
        const qint64 left = before.secsTo(session->expiration);
        QVERIFY2(left >= 3600 - 5 && left <= 3600 + 5, qPrintable(QString::number(left)));
    }

    // ---- restJson1, bearer tokens, Basic ----------------------------------------------------

    // The operation's method, path under the endpoint's, encoded query and header members; the
    // token in the header its service names; the JSON answer parsed.
    void restJsonGetWithABearerToken()
    {
        RecordingServer server;
        server.answers.append({200, {}, R"({"roleCredentials":{"accessKeyId":"ASIAEXAMPLE"}})"});
        QNetworkAccessManager network;
        SystemClock clock;
        BearerTokenAuth auth([](CancelToken) { return tokenOf(u"example-access-token"_s); },
            "x-amz-sso_bearer_token", "");
        ServiceClient client(network, clock, restJsonConfig(server.url(u"/base/"_s)), &auth);
        OperationRequest get;
        get.name = u"GetRoleCredentials"_s;
        get.method = "GET";
        get.path = "/federation/credentials";
        get.query = {{u"role_name"_s, u"Ops Admin"_s}, {u"account_id"_s, u"123456789012"_s}};
        const auto answer = SandboxHarness::wait(client.call(get));
        QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().message));
        QCOMPARE(
            answer->json.value(u"roleCredentials"_s).toObject().value(u"accessKeyId"_s).toString(),
            u"ASIAEXAMPLE"_s);
        QCOMPARE(server.seen.size(), 1);
        const auto& seen = server.seen.first();
        QCOMPARE(seen.requestLine,
            "GET /base/federation/credentials?role_name=Ops%20Admin&account_id=123456789012 HTTP/1.1"_ba);
        QCOMPARE(seen.headers.value("x-amz-sso_bearer_token"), "example-access-token"_ba);
        QVERIFY(!seen.headers.contains("authorization")); // no SigV4 besides the token
        QVERIFY(seen.headers.value("amz-sdk-request").startsWith("attempt=1"));
        QVERIFY(seen.body.isEmpty());
        QVERIFY(!seen.headers.contains("content-type"));
    }

    // A POST carries its members as JSON; an error's code comes from X-Amzn-Errortype (with its
    // ":http://…" suffix cut), and a throttle is retried like any other.
    void restJsonPostAndErrors()
    {
        RecordingServer server;
        server.answers.append({429, "X-Amzn-Errortype: TooManyRequestsException:http://x/\r\n",
            R"({"message":"slow down"})"});
        server.answers.append({401, "X-Amzn-Errortype: UnauthorizedException\r\n",
            R"({"message":"Session token not found or invalid"})"});
        QNetworkAccessManager network;
        SystemClock clock;
        NoAuth none;
        ServiceClient client(network, clock, restJsonConfig(server.url()), &none);
        OperationRequest post;
        post.name = u"Logout"_s;
        post.path = "/logout";
        post.body = {{u"clientId"_s, u"example-client"_s}};
        post.headers = {{"x-example-member", "value"}};
        const auto answer = SandboxHarness::wait(client.call(post));
        QVERIFY(!answer.ok());
        QCOMPARE(answer.error().code, u"UnauthorizedException"_s);
        QCOMPARE(answer.error().httpStatus, 401);
        QCOMPARE(answer.error().message, u"Session token not found or invalid"_s);
        QCOMPARE(answer.error().attempts, 2); // the 429 was retried, the 401 not
        QCOMPARE(server.seen.size(), 2);
        QCOMPARE(server.seen.first().requestLine, "POST /logout HTTP/1.1"_ba);
        QCOMPARE(server.seen.first().headers.value("content-type"), "application/json"_ba);
        QCOMPARE(server.seen.first().headers.value("x-example-member"), "value"_ba);
        QCOMPARE(QJsonDocument::fromJson(server.seen.first().body)
                     .object()
                     .value(u"clientId"_s)
                     .toString(),
            u"example-client"_s);
    }

    // A token that cannot be had is the call's error, and nothing is sent.
    void aMissingBearerTokenSendsNothing()
    {
        RecordingServer server;
        QNetworkAccessManager network;
        SystemClock clock;
        BearerTokenAuth auth([](CancelToken) { return noToken(); });
        ServiceClient client(network, clock, restJsonConfig(server.url()), &auth);
        OperationRequest get;
        get.name = u"ListAccounts"_s;
        get.method = "GET";
        get.path = "/assignment/accounts";
        const auto answer = SandboxHarness::wait(client.call(get));
        QVERIFY(!answer.ok());
        QCOMPARE(answer.error().code, u"SsoTokenExpired"_s);
        QCOMPARE(answer.error().attempts, 0);
        QTest::qWait(50);
        QVERIFY(server.seen.isEmpty());
    }

    // Basic auth: "Authorization: Basic base64(user:password)", and a default bearer header.
    void basicAndDefaultBearerHeaders()
    {
        RecordingServer server;
        server.answers = {{200, {}, "{}"}, {200, {}, "{}"}};
        QNetworkAccessManager network;
        SystemClock clock;
        BasicAuth basic(u"AWS"_s, u"example-registry-password"_s);
        ServiceClient withBasic(network, clock, restJsonConfig(server.url()), &basic);
        OperationRequest get;
        get.name = u"Ping"_s;
        get.method = "GET";
        get.path = "/v2/";
        QVERIFY(SandboxHarness::wait(withBasic.call(get)).ok());
        BearerTokenAuth bearer([](CancelToken) { return tokenOf(u"example-token"_s); });
        ServiceClient withBearer(network, clock, restJsonConfig(server.url()), &bearer);
        QVERIFY(SandboxHarness::wait(withBearer.call(get)).ok());
        QCOMPARE(server.seen.size(), 2);
        QCOMPARE(server.seen[0].headers.value("authorization"),
            "Basic " + QByteArray("AWS:example-registry-password").toBase64());
        QCOMPARE(server.seen[1].headers.value("authorization"), "Bearer example-token"_ba);
    }

    // ---- what the pipeline guarantees -------------------------------------------------------

    void answersOverTheCapAreAbortedWhileTheyArrive_data()
    {
        QTest::addColumn<bool>("announceLength");
        QTest::newRow("streamed, no length") << false;
        QTest::newRow("announced length") << true;
    }
    void answersOverTheCapAreAbortedWhileTheyArrive()
    {
        QFETCH(bool, announceLength);
        FloodServer flood(announceLength);
        SystemClock clock;
        QNetworkAccessManager network;
        StaticCredentialsProvider keys(HarnessOptions::defaultCredentials());
        SigV4Auth auth(keys, clock);
        ServiceClientConfig config;
        config.service = EcrClient::service();
        config.endpoint = {flood.url(), u"us-east-1"_s, u"aws"_s};
        config.maxResponseBytes = 1024 * 1024;
        config.attemptTimeout = std::chrono::seconds(60);
        config.retry.maxAttempts = 1;
        ServiceClient client(network, clock, config, &auth);

        const qint64 rssBefore = residentKb("VmRSS");
        const auto answer
            = SandboxHarness::wait(client.call(awsJson(u"DescribePullThroughCacheRules"_s)));
        QVERIFY(!answer.ok());
        QCOMPARE(answer.error().kind, ErrorKind::InvalidResponse);
        QCOMPARE(answer.error().code, u"ResponseTooLarge"_s);
        QVERIFY2(answer.error().message.contains(u"larger than 1.0 MiB"_s),
            qPrintable(answer.error().message));
        // The client stopped long before the server ran out of its 1 GiB: at most the cap plus
        // what was in flight in the socket buffers.
        QTRY_VERIFY(flood.clientGone());
        QVERIFY2(flood.written() < 64LL * 1024 * 1024,
            qPrintable(u"server wrote %1 bytes"_s.arg(flood.written())));
        const qint64 rssAfter = residentKb("VmRSS");
        if (rssBefore > 0 && rssAfter > 0)
            QVERIFY2(rssAfter - rssBefore < 64 * 1024,
                qPrintable(u"resident memory grew by %1 kB"_s.arg(rssAfter - rssBefore)));
    }

    void perCallCapOverridesTheClients()
    {
        SandboxHarness h;
        for (int i = 0; i < 20; ++i)
            QVERIFY(h.wait(h.client().createRule(
                               {u"rule-%1"_s.arg(i), u"quay.io"_s, {}, {}, {}, {}, {}}))
                        .ok());
        OperationRequest describe = awsJson(u"DescribePullThroughCacheRules"_s);
        describe.maxResponseBytes = 256; // 20 rules take far more
        const auto tooSmall = h.wait(h.transport().call(describe));
        QVERIFY(!tooSmall.ok());
        QCOMPARE(tooSmall.error().code, u"ResponseTooLarge"_s);
        QCOMPARE(tooSmall.error().attempts, 1); // not retried: it would be as large again
        QVERIFY(h.wait(h.transport().call(awsJson(u"DescribePullThroughCacheRules"_s))).ok());
    }

    void clockSkewWithinTheBoundIsCorrected()
    {
        HarnessOptions options;
        options.serverClockOffset = std::chrono::hours(2);
        SandboxHarness h(options);
        const auto answer = h.wait(h.transport().call(awsJson(u"DescribePullThroughCacheRules"_s)));
        QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().message));
        QCOMPARE(answer->attempts, 2);
        QVERIFY(qAbs(h.transport().clockOffset().count() - 2 * 3600 * 1000) < 10000);
    }

    // A computer whose clock runs ahead of the server's (a negative offset) is corrected the same
    // way, and so is STS (awsQuery: SignatureDoesNotMatch / RequestExpired in XML).
    void negativeClockSkewIsCorrected()
    {
        HarnessOptions options;
        options.serverClockOffset = -std::chrono::hours(2);
        SandboxHarness h(options);
        const auto answer = h.wait(h.transport().call(awsJson(u"DescribePullThroughCacheRules"_s)));
        QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().message));
        QCOMPARE(answer->attempts, 2);
        QVERIFY(qAbs(h.transport().clockOffset().count() + 2 * 3600 * 1000) < 10000);
        // Learnt once: the next call signs right at its first attempt.
        const auto next = h.wait(h.transport().call(awsJson(u"DescribePullThroughCacheRules"_s)));
        QVERIFY(next.ok());
        QCOMPARE(next->attempts, 1);
    }

    void clockSkewOnStsIsCorrected()
    {
        HarnessOptions options;
        options.serverClockOffset = std::chrono::minutes(30);
        SandboxHarness h(options);
        StsClient sts(h.network(), h.clock(), sandboxSts(h));
        const auto identity = h.wait(sts.getCallerIdentity(HarnessOptions::defaultCredentials()));
        QVERIFY2(identity.ok(), qPrintable(identity.ok() ? QString() : identity.error().message));
        QVERIFY(qAbs(sts.pipeline()->clockOffset().count() - 30 * 60 * 1000) < 10000);
        QCOMPARE(h.service().totalRequestCount(), 2);
    }

    void clockSkewBeyondTheBoundIsAnError()
    {
        HarnessOptions options;
        options.serverClockOffset = std::chrono::hours(3 * 24);
        SandboxHarness h(options);
        const auto answer = h.wait(h.transport().call(awsJson(u"DescribePullThroughCacheRules"_s)));
        QVERIFY(!answer.ok());
        QCOMPARE(answer.error().kind, ErrorKind::Configuration);
        QCOMPARE(answer.error().code, u"ClockSkewTooLarge"_s);
        QCOMPARE(answer.error().attempts, 1);
        QVERIFY2(answer.error().message.contains(u"3 days"_s), qPrintable(answer.error().message));
        QVERIFY(answer.error().message.contains(u"clock"_s));
        QVERIFY(answer.error().message.contains(u"endpoint"_s));
        QCOMPARE(h.transport().clockOffset().count(), 0); // nothing was corrected
        QCOMPARE(h.service().totalRequestCount(), 1);
    }

    // The bound holds for calls that are never retried too: one with a one-time MFA code, and
    // any call allowed a single attempt (Test connection).
    void clockSkewBeyondTheBoundIsAnErrorForOneTimeAndSingleAttemptCalls()
    {
        HarnessOptions options;
        options.serverClockOffset = std::chrono::hours(3 * 24);
        SandboxHarness h(options);
        StsClient sts(h.network(), h.clock(), sandboxSts(h));
        const StsGetSessionTokenRequest request = mfaRequest();
        const auto session
            = h.wait(sts.getSessionToken(HarnessOptions::defaultCredentials(), request));
        QVERIFY(!session.ok());
        QCOMPARE(session.error().code, u"ClockSkewTooLarge"_s);
        QCOMPARE(session.error().attempts, 1);

        StsConfig once = sandboxSts(h);
        once.retry.maxAttempts = 1;
        StsClient single(h.network(), h.clock(), once);
        const auto identity
            = h.wait(single.getCallerIdentity(HarnessOptions::defaultCredentials()));
        QVERIFY(!identity.ok());
        QCOMPARE(identity.error().code, u"ClockSkewTooLarge"_s);
        QCOMPARE(h.service().totalRequestCount(), 2);
    }

    // A one-time request that failed on the clock is not resent, but the client learnt the
    // offset: the next call signs with the server's time at the first attempt.
    void oneTimeRequestsStillTeachTheClock()
    {
        HarnessOptions options;
        options.serverClockOffset = std::chrono::hours(2);
        options.sandbox.mfaSerial = u"arn:aws:iam::123456789012:mfa/sandbox-user"_s;
        options.sandbox.mfaCode = u"654321"_s;
        SandboxHarness h(options);
        StsClient sts(h.network(), h.clock(), sandboxSts(h));
        const StsGetSessionTokenRequest request
            = mfaRequest(u"654321"_s, options.sandbox.mfaSerial);
        const auto first
            = h.wait(sts.getSessionToken(HarnessOptions::defaultCredentials(), request));
        QVERIFY(!first.ok());
        QCOMPARE(first.error().attempts, 1);
        QVERIFY(qAbs(sts.pipeline()->clockOffset().count() - 2 * 3600 * 1000) < 10000);
        const auto second
            = h.wait(sts.getSessionToken(HarnessOptions::defaultCredentials(), request));
        QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));
    }

    void unusableCaBundlesNameTheFile()
    {
        ecr::test::TestDir dir;
        QVERIFY(dir.isValid());
        const QString missing = dir.filePath(u"no-such-bundle.pem"_s);
        const QString empty = dir.filePath(u"not-a-bundle.pem"_s);
        QFile file(empty);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is no certificate\n");
        file.close();

        SandboxHarness h;
        for (const QString& path : {missing, empty, dir.path()}) {
            ServiceClientConfig config = h.clientConfig();
            config.caBundlePath = path;
            ServiceClient client(h.network(), h.clock(), config);
            QVERIFY(client.setupError().has_value());
            const auto answer = h.wait(client.call(awsJson(u"DescribePullThroughCacheRules"_s)));
            QVERIFY(!answer.ok());
            QCOMPARE(answer.error().kind, ErrorKind::Configuration);
            QVERIFY2(answer.error().message.contains(path), qPrintable(answer.error().message));
            QCOMPARE(answer.error().attempts, 0);
        }
        QCOMPARE(h.service().totalRequestCount(), 0);
    }

    void plainHttpOnlyToLoopback_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("127.0.0.1") << u"http://127.0.0.1:4566"_s << true;
        QTest::newRow("127.1.2.3") << u"http://127.1.2.3:4566"_s << true;
        QTest::newRow("localhost") << u"http://localhost:4566"_s << true;
        QTest::newRow("LOCALHOST") << u"http://LOCALHOST:4566"_s << true;
        QTest::newRow("::1") << u"http://[::1]:4566"_s << true;
        QTest::newRow("https anywhere") << u"https://ecr.example.com"_s << true;
        QTest::newRow("lan address") << u"http://192.168.1.20:4566"_s << false;
        QTest::newRow("host name") << u"http://ecr.example.com"_s << false;
        QTest::newRow("localhost lookalike") << u"http://localhost.example.com"_s << false;
        QTest::newRow("128.0.0.1") << u"http://128.0.0.1"_s << false;
        QTest::newRow("ftp") << u"ftp://127.0.0.1"_s << false;
    }
    void plainHttpOnlyToLoopback()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        SystemClock clock;
        QNetworkAccessManager network;
        ServiceClientConfig config;
        config.service = EcrClient::service();
        config.endpoint = {QUrl(url), u"us-east-1"_s, u"aws"_s};
        config.endpointOrigin = u"AWS_ENDPOINT_URL_ECR"_s;
        ServiceClient client(network, clock, config);
        QCOMPARE(!client.setupError().has_value(), allowed);
        if (!allowed) {
            QCOMPARE(client.setupError()->kind, ErrorKind::Configuration);
            QVERIFY(client.setupError()->message.contains(u"AWS_ENDPOINT_URL_ECR"_s));
        }
    }

    void serverTextIsSanitised()
    {
        QCOMPARE(sanitizeServerText(u"line one\nline\ttwo\u0007\u202Eevil"_s),
            u"line one line twoevil"_s);
        const QString longText(2000, u'a');
        const QString cut = sanitizeServerText(longText);
        QCOMPARE(cut.size(), 500);
        QVERIFY(cut.endsWith(u'…'));
        QCOMPARE(sanitizeErrorCode(u"Bad<script>Code"_s), u"BadscriptCode"_s);
        QCOMPARE(sanitizeErrorCode(QString(300, u'A')).size(), 128);

        const ServiceInfo service = EcrClient::service();
        const AwsError e = parseJsonError(service,
            {400, {}, R"({"__type":"ValidationException","message":"bad\u0000value\u202e!"})"_ba,
                {}});
        QCOMPARE(e.code, u"ValidationException"_s);
        QCOMPARE(e.message, u"badvalue!"_s);
    }

    // SSO OIDC answers errors the OAuth way: {"error": "slow_down", "error_description": …}.
    void oauthErrorBodiesNameTheModelsExceptions()
    {
        const ServiceInfo service{u"OIDC"_s, "sso-oauth", Protocol::RestJson1, {}, {}};
        const QList<std::pair<QByteArray, QString>> cases{
            {"authorization_pending", u"AuthorizationPendingException"_s},
            {"slow_down", u"SlowDownException"_s},
            {"expired_token", u"ExpiredTokenException"_s},
            {"access_denied", u"AccessDeniedException"_s},
            {"invalid_client", u"InvalidClientException"_s},
            {"server_error", u"InternalServerException"_s},
        };
        for (const auto& [oauth, exception] : cases) {
            const AwsError e = parseJsonError(
                service, {400, {}, R"({"error":")" + oauth + R"(","error_description":"d"})", {}});
            QCOMPARE(e.code, exception);
        }
    }
};

QTEST_GUILESS_MAIN(TestServiceClient)
#include "tst_serviceclient.moc"
