// EcrClient against the sandbox over real loopback HTTP: every operation's success path, every
// modeled error of every operation, paging, the quota, auth errors, clock skew, timeouts,
// transport failures and cancellation.
#include "SandboxHarness.h"
#include "StsClient.h"
#include "TestDir.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// One raw awsJson call, for the tests that send what the typed client would refuse.
OperationRequest awsJson(const QString& operation, const QJsonObject& input)
{
    OperationRequest request;
    request.name = operation;
    request.body = input;
    return request;
}

CreateRuleRequest dockerHubRule(const QString& prefix = u"docker-hub"_s)
{
    return {prefix, u"registry-1.docker.io"_s, {}, u"docker-hub"_s, kSecretArn, {}, {}};
}

CreateRuleRequest publicRule(const QString& prefix)
{
    return {prefix, u"public.ecr.aws"_s, {}, u"ecr-public"_s, {}, {}, {}};
}

} // namespace

class TestEcrClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyOperationSucceeds()
    {
        SandboxHarness h;
        EcrClient& c = h.client();

        const auto created = h.wait(c.createRule(dockerHubRule()));
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
        QCOMPARE(created->value.ecrRepositoryPrefix, u"docker-hub"_s);
        QCOMPARE(created->value.upstreamRegistryUrl, u"registry-1.docker.io"_s);
        QCOMPARE(created->value.registryId, u"123456789012"_s);
        QCOMPARE(created->value.upstreamRegistry, u"docker-hub"_s);
        QCOMPARE(created->value.credentialArn, kSecretArn);
        QVERIFY(created->value.createdAt.has_value());
        QVERIFY(qAbs(toDateTime(*created->value.createdAt).secsTo(QDateTime::currentDateTimeUtc()))
            < 60);
        QVERIFY(!created->requestId.isEmpty());
        QCOMPARE(created->attempts, 1);
        QVERIFY(!created->reconciled);

        QVERIFY(h.wait(c.createRule(publicRule(u"ecr-public"_s))).ok());
        const CreateRuleRequest ecrToEcr{u"team-a"_s,
            u"444455556666.dkr.ecr.us-west-2.amazonaws.com"_s, {}, u"ecr"_s, {},
            u"arn:aws:iam::123456789012:role/ecr-ptc"_s, u"upstream-app"_s};
        const auto ecrRule = h.wait(c.createRule(ecrToEcr));
        QVERIFY(ecrRule.ok());
        QCOMPARE(ecrRule->value.customRoleArn, ecrToEcr.customRoleArn);
        QCOMPARE(ecrRule->value.upstreamRepositoryPrefix, u"upstream-app"_s);

        const auto all = h.wait(c.describeAllRules({}));
        QVERIFY(all.ok());
        QCOMPARE(all->value.size(), 3);
        QCOMPARE(all->value[0].ecrRepositoryPrefix, u"docker-hub"_s);
        QCOMPARE(all->value[1].ecrRepositoryPrefix, u"ecr-public"_s);
        QCOMPARE(all->value[2].ecrRepositoryPrefix, u"team-a"_s);

        DescribeRulesRequest filter;
        filter.ecrRepositoryPrefixes = {u"ecr-public"_s};
        const auto filtered = h.wait(c.describeRulesPage(filter));
        QVERIFY(filtered.ok());
        QCOMPARE(filtered->value.rules.size(), 1);
        QCOMPARE(filtered->value.rules.first().upstreamRegistry, u"ecr-public"_s);

        const QString newArn = secretArn(u"docker-hub-rotated-XyZ123"_s);
        const auto updated = h.wait(c.updateRule({u"docker-hub"_s, {}, newArn, {}}));
        QVERIFY(updated.ok());
        QCOMPARE(updated->value.credentialArn, newArn);
        QVERIFY(updated->value.updatedAt.has_value());
        QCOMPARE(h.service().rules(h.region()).first().credentialArn, newArn);

        const auto valid = h.wait(c.validateRule({u"docker-hub"_s, {}}));
        QVERIFY(valid.ok());
        QVERIFY(valid->value.isValid);
        QCOMPARE(valid->value.rule.upstreamRegistryUrl, u"registry-1.docker.io"_s);

        QVERIFY(h.wait(c.updateRule({u"docker-hub"_s, {}, secretArn(u"invalid-token-AbC"_s), {}}))
                    .ok());
        const auto invalid = h.wait(c.validateRule({u"docker-hub"_s, {}}));
        QVERIFY(invalid.ok());
        QVERIFY(!invalid->value.isValid);
        QVERIFY(!invalid->value.failure.isEmpty());

        const auto deleted = h.wait(c.deleteRule({u"docker-hub"_s, {}}));
        QVERIFY(deleted.ok());
        QCOMPARE(deleted->value.ecrRepositoryPrefix, u"docker-hub"_s);
        QCOMPARE(deleted->value.upstreamRegistryUrl, u"registry-1.docker.io"_s);
        QCOMPARE(h.service().rules(h.region()).size(), 2);
    }

    // Every modeled error of every operation, sent through the client (its own validation off
    // where the point is the server's answer).
    void modeledErrors_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QJsonObject>("input");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("status");

        const QString create = u"CreatePullThroughCacheRule"_s;
        const QString describe = u"DescribePullThroughCacheRules"_s;
        const QString del = u"DeletePullThroughCacheRule"_s;
        const QString update = u"UpdatePullThroughCacheRule"_s;
        const QString validate = u"ValidatePullThroughCacheRule"_s;
        const QString dockerBody = u"\"upstreamRegistryUrl\":\"registry-1.docker.io\","
                                   "\"credentialArn\":\"arn:aws:secretsmanager:us-east-1:"
                                   "123456789012:secret:ecr-pullthroughcache/"_s;
        auto row = [](const QString& name, const QString& op, const QJsonObject& in,
                       const char* code, int status) {
            QTest::newRow(qPrintable(name)) << op << in << QString::fromLatin1(code) << status;
        };
        auto docker = [&](const char* prefix, const char* secret) {
            return QJsonDocument::fromJson(
                (u"{\"ecrRepositoryPrefix\":\""_s + QString::fromLatin1(prefix) + u"\","_s
                    + dockerBody + QString::fromLatin1(secret) + u"\"}"_s)
                    .toUtf8())
                .object();
        };

        // The sandbox starts with the rule "existing" (docker-hub) for these rows.
        row(u"create InvalidParameter"_s, create, json(R"({"ecrRepositoryPrefix":"abc"})"),
            "InvalidParameterException", 400);
        row(u"create Validation"_s, create,
            json(R"({"ecrRepositoryPrefix":"Bad--","upstreamRegistryUrl":"public.ecr.aws"})"),
            "ValidationException", 400);
        row(u"create AlreadyExists"_s, create,
            json(R"({"ecrRepositoryPrefix":"existing","upstreamRegistryUrl":"public.ecr.aws"})"),
            "PullThroughCacheRuleAlreadyExistsException", 400);
        row(u"create Unsupported url"_s, create,
            json(R"({"ecrRepositoryPrefix":"harbor","upstreamRegistryUrl":"harbor.example.com"})"),
            "UnsupportedUpstreamRegistryException", 400);
        row(u"create Unsupported needs auth"_s, create,
            json(R"({"ecrRepositoryPrefix":"dh","upstreamRegistryUrl":"registry-1.docker.io"})"),
            "UnsupportedUpstreamRegistryException", 400);
        row(u"create UnableToAccessSecret"_s, create, docker("dh2", "denied-AbCdEf"),
            "UnableToAccessSecretException", 400);
        row(u"create SecretNotFound"_s, create, docker("dh3", "missing-AbCdEf"),
            "SecretNotFoundException", 400);
        row(u"create UnableToDecrypt"_s, create, docker("dh4", "undecryptable-AbCdEf"),
            "UnableToDecryptSecretValueException", 400);

        row(u"describe InvalidParameter"_s, describe, json(R"({"nextToken":"not-a-token"})"),
            "InvalidParameterException", 400);
        row(u"describe Validation"_s, describe, json(R"({"maxResults":0})"), "ValidationException",
            400);
        row(u"describe NotFound"_s, describe, json(R"({"ecrRepositoryPrefixes":["nope"]})"),
            "PullThroughCacheRuleNotFoundException", 400);

        row(u"delete InvalidParameter"_s, del, json("{}"), "InvalidParameterException", 400);
        row(u"delete Validation"_s, del, json(R"({"ecrRepositoryPrefix":"UPPER"})"),
            "ValidationException", 400);
        row(u"delete NotFound"_s, del, json(R"({"ecrRepositoryPrefix":"nope"})"),
            "PullThroughCacheRuleNotFoundException", 400);

        row(u"update InvalidParameter"_s, update, json(R"({"ecrRepositoryPrefix":"existing"})"),
            "InvalidParameterException", 400);
        row(u"update Validation"_s, update,
            json(R"({"ecrRepositoryPrefix":"existing","credentialArn":"not-an-arn"})"),
            "ValidationException", 400);
        row(u"update NotFound"_s, update, docker("nope", "docker-hub-AbCdEf"),
            "PullThroughCacheRuleNotFoundException", 400);
        row(u"update UnableToAccessSecret"_s, update, docker("existing", "denied-AbCdEf"),
            "UnableToAccessSecretException", 400);
        row(u"update SecretNotFound"_s, update, docker("existing", "missing-AbCdEf"),
            "SecretNotFoundException", 400);
        row(u"update UnableToDecrypt"_s, update, docker("existing", "undecryptable-AbCdEf"),
            "UnableToDecryptSecretValueException", 400);

        row(u"validate InvalidParameter"_s, validate, json("{}"), "InvalidParameterException", 400);
        row(u"validate Validation"_s, validate, json(R"({"ecrRepositoryPrefix":"a"})"),
            "ValidationException", 400);
        row(u"validate NotFound"_s, validate, json(R"({"ecrRepositoryPrefix":"nope"})"),
            "PullThroughCacheRuleNotFoundException", 400);
    }
    void modeledErrors()
    {
        QFETCH(QString, operation);
        QFETCH(QJsonObject, input);
        QFETCH(QString, code);
        QFETCH(int, status);

        SandboxHarness h;
        QVERIFY(h.wait(h.client().createRule(dockerHubRule(u"existing"_s))).ok());
        const int rulesBefore = int(h.service().rules(h.region()).size());

        const auto result = h.wait(h.transport().call(awsJson(operation, input)));
        QVERIFY2(!result.ok(), "the call should have failed");
        const AwsError& e = result.error();
        QCOMPARE(e.kind, ErrorKind::Service);
        QCOMPARE(e.code, code);
        QCOMPARE(e.httpStatus, status);
        QVERIFY(!e.message.isEmpty());
        QVERIFY(!e.requestId.isEmpty());
        QCOMPARE(e.attempts, 1); // none of these is retried
        QCOMPARE(h.service().rules(h.region()).size(), rulesBefore);
    }

    void validationMessagesNameTheField()
    {
        SandboxHarness h;
        const auto result = h.wait(h.transport().call(awsJson(u"CreatePullThroughCacheRule"_s,
            json(R"({"ecrRepositoryPrefix":"Bad--","upstreamRegistryUrl":"public.ecr.aws"})"))));
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(u"ecrRepositoryPrefix"_s),
            qPrintable(result.error().message));
    }

    void serverErrorsAreRetriedThenReported_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QJsonObject>("input");
        QTest::newRow("create")
            << u"CreatePullThroughCacheRule"_s
            << json(R"({"ecrRepositoryPrefix":"q1","upstreamRegistryUrl":"quay.io"})");
        QTest::newRow("describe") << u"DescribePullThroughCacheRules"_s << QJsonObject();
        QTest::newRow("delete") << u"DeletePullThroughCacheRule"_s
                                << json(R"({"ecrRepositoryPrefix":"existing"})");
        QTest::newRow("update")
            << u"UpdatePullThroughCacheRule"_s
            << json(
                   R"({"ecrRepositoryPrefix":"existing","customRoleArn":"arn:aws:iam::123456789012:role/r"})");
        QTest::newRow("validate") << u"ValidatePullThroughCacheRule"_s
                                  << json(R"({"ecrRepositoryPrefix":"existing"})");
    }
    void serverErrorsAreRetriedThenReported()
    {
        QFETCH(QString, operation);
        QFETCH(QJsonObject, input);
        HarnessOptions options;
        options.faults.serverErrorRate = 1.0;
        SandboxHarness h(options);
        const auto result = h.wait(h.transport().call(awsJson(operation, input)));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, u"ServerException"_s);
        QCOMPARE(result.error().httpStatus, 500);
        QCOMPARE(result.error().attempts, 3);
        QVERIFY(result.error().retried());
        QCOMPARE(h.service().totalRequestCount(), 0); // faults answer before the service runs
        QCOMPARE(h.server().faultsInjected(), 3);
    }

    void htmlBodiesBecomeReadableErrors()
    {
        HarnessOptions options;
        options.faults.html503Rate = 1.0;
        SandboxHarness h(options);
        const auto result = h.wait(h.client().describeAllRules({}));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::InvalidResponse);
        QCOMPARE(result.error().httpStatus, 503);
        QCOMPARE(result.error().attempts, 3);
        QVERIFY(result.error().message.contains(u"503"_s));
    }

    void pagingFollowsTokensToTheEnd()
    {
        SandboxHarness h;
        for (int i = 0; i < 25; ++i)
            QVERIFY(
                h.wait(h.client().createRule(publicRule(u"cache-%1"_s.arg(i, 2, 10, QChar(u'0')))))
                    .ok());
        DescribeRulesRequest request;
        request.maxResults = 10;
        QList<int> progress;
        const auto all = h.wait(h.client().describeAllRules(
            request, {}, [&progress](int loaded) { progress.append(loaded); }));
        QVERIFY(all.ok());
        QCOMPARE(all->value.size(), 25);
        QCOMPARE(progress, (QList<int>{10, 20, 25}));
        QCOMPARE(h.service().requestCount(u"DescribePullThroughCacheRules"_s), 3);
        for (int i = 0; i < 25; ++i)
            QCOMPARE(all->value[i].ecrRepositoryPrefix, u"cache-%1"_s.arg(i, 2, 10, QChar(u'0')));

        const auto first = h.wait(h.client().describeRulesPage(request));
        QVERIFY(first.ok());
        QCOMPARE(first->value.rules.size(), 10);
        QVERIFY(!first->value.nextToken.isEmpty());
        QVERIFY(!first->value.nextToken.contains(u"10"_s)); // opaque, not a bare offset
    }

    void quotaIsFinalNotThrottling()
    {
        SandboxHarness h;
        for (int i = 0; i < 50; ++i)
            QVERIFY(h.wait(h.client().createRule(publicRule(u"rule-%1"_s.arg(i)))).ok());
        const auto over = h.wait(h.client().createRule(publicRule(u"rule-50"_s)));
        QVERIFY(!over.ok());
        QCOMPARE(over.error().code, u"LimitExceededException"_s);
        QCOMPARE(over.error().attempts, 1);
        QCOMPARE(over.error().operation, u"CreatePullThroughCacheRule"_s); // named by the pipeline
        QCOMPARE(h.service().rules(h.region()).size(), 50);
    }

    void createMeetingItsOwnRuleIsReconciled()
    {
        SandboxHarness h;
        QVERIFY(h.wait(h.client().createRule(dockerHubRule())).ok());
        const auto again = h.wait(h.client().createRule(dockerHubRule()));
        QVERIFY(again.ok());
        QVERIFY(again->reconciled);
        CreateRuleRequest different = dockerHubRule();
        different.credentialArn = secretArn(u"other-AbCdEf"_s);
        const auto conflict = h.wait(h.client().createRule(different));
        QVERIFY(!conflict.ok());
        QCOMPARE(conflict.error().code, u"PullThroughCacheRuleAlreadyExistsException"_s);

        const auto deleted = h.wait(h.client().deleteRule({u"docker-hub"_s, {}}));
        QVERIFY(deleted.ok());
        QVERIFY(!deleted->reconciled);
        const auto deletedAgain = h.wait(h.client().deleteRule({u"docker-hub"_s, {}}));
        QVERIFY(deletedAgain.ok());
        QVERIFY(deletedAgain->reconciled);
    }

    void clientValidationStopsBadInputBeforeSending()
    {
        SandboxHarness h;
        const auto result = h.wait(h.client().createRule(publicRule(u"Bad Prefix"_s)));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(result.error().code, u"ecrRepositoryPrefix"_s);
        QCOMPARE(result.error().attempts, 0);
        QCOMPARE(h.service().totalRequestCount(), 0);
    }

    void authenticationErrors()
    {
        {
            HarnessOptions options;
            options.credentials.secretAccessKey = u"wrong-secret-EXAMPLE"_s;
            SandboxHarness h(options);
            const auto result = h.wait(h.client().describeAllRules({}));
            QVERIFY(!result.ok());
            QCOMPARE(result.error().code, u"InvalidSignatureException"_s);
            QCOMPARE(result.error().httpStatus, 403);
            QCOMPARE(result.error().attempts, 1); // no skew: not retried
        }
        {
            HarnessOptions options;
            options.credentials.accessKeyId = u"AKIDUNKNOWNEXAMPLE"_s;
            SandboxHarness h(options);
            const auto result = h.wait(h.client().describeAllRules({}));
            QVERIFY(!result.ok());
            QCOMPARE(result.error().code, u"UnrecognizedClientException"_s);
            QCOMPARE(result.error().httpStatus, 403);
        }
    }

    void clockSkewIsCorrectedWithOneRetry()
    {
        HarnessOptions options;
        options.serverClockOffset = std::chrono::minutes(10);
        SandboxHarness h(options);
        const auto first = h.wait(h.client().createRule(publicRule(u"skewed"_s)));
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
        QCOMPARE(first->attempts, 2);
        const qint64 offsetSeconds = h.transport().clockOffset().count() / 1000;
        QVERIFY2(qAbs(offsetSeconds - 600) <= 5, qPrintable(QString::number(offsetSeconds)));
        const auto second = h.wait(h.client().describeAllRules({}));
        QVERIFY(second.ok());
        QCOMPARE(second->attempts, 1);
        QCOMPARE(h.service().rules(h.region()).size(), 1);
    }

    void cancellationInFlight()
    {
        HarnessOptions options;
        options.faults.latencyMs = 10000;
        SandboxHarness h(options);
        const CancelToken cancel = Cancellation::create();
        QTimer::singleShot(100, cancel.get(), [cancel] { cancel->cancel(); });
        QElapsedTimer timer;
        timer.start();
        const auto result = h.wait(h.client().describeAllRules({}, cancel));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::Cancelled);
        // Far below the 10 s the answer would take: the cancel, not the answer, ended it.
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    void cancellationDuringBackoff()
    {
        HarnessOptions options;
        options.faults.throttleRate = 1.0;
        options.retry.backoffBase = std::chrono::seconds(10);
        options.retry.backoffCap = std::chrono::seconds(20);
        SandboxHarness h(options);
        h.transport().setRandomSeed(1); // a jitter well above the 200 ms below
        const CancelToken cancel = Cancellation::create();
        QTimer::singleShot(200, cancel.get(), [cancel] { cancel->cancel(); });
        QElapsedTimer timer;
        timer.start();
        const auto result = h.wait(h.client().describeAllRules({}, cancel));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::Cancelled);
        QVERIFY(timer.elapsed() < 2000);
    }

    void cancelledBeforeSendingSendsNothing()
    {
        SandboxHarness h;
        const CancelToken cancel = Cancellation::create();
        cancel->cancel();
        const auto result = h.wait(h.client().createRule(publicRule(u"never"_s), cancel));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::Cancelled);
        QCOMPARE(h.service().totalRequestCount(), 0);
    }

    void attemptTimeout()
    {
        HarnessOptions options;
        options.faults.latencyMs = 10000;
        options.attemptTimeout = std::chrono::milliseconds(200);
        options.retry.maxAttempts = 2;
        SandboxHarness h(options);
        QElapsedTimer timer;
        timer.start();
        const auto result = h.wait(h.client().describeAllRules({}));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::Timeout);
        QCOMPARE(result.error().attempts, 2);
        // Two 200 ms attempts, far below one 10 s answer.
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(h.transport().retryBucket().available(), 490); // a timeout retry costs 10
    }

    void connectionRefused()
    {
        QTcpServer probe; // find a port nobody listens on
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();

        SystemClock clock;
        QNetworkAccessManager network;
        StaticCredentialsProvider credentials(HarnessOptions::defaultCredentials());
        SigV4Auth auth(credentials, clock);
        ServiceClientConfig config;
        config.service = EcrClient::service();
        config.endpoint = {QUrl(u"http://127.0.0.1:%1"_s.arg(port)), u"us-east-1"_s, u"aws"_s};
        config.retry = HarnessOptions::fastRetries();
        ServiceClient transport(network, clock, config, &auth);
        EcrClient client(transport);
        const auto result = SandboxHarness::wait(client.describeAllRules({}));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::ConnectionRefused);
        QCOMPARE(result.error().attempts, 3);
    }

    void connectionResetIsRetried()
    {
        HarnessOptions options;
        options.faults.resetRate = 1.0;
        SandboxHarness h(options);
        const auto result = h.wait(h.client().describeAllRules({}));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::ConnectionReset);
        QCOMPARE(result.error().attempts, 3);
        // The server saw every attempt the client counted. Qt's HTTP layer may itself resend a
        // request once when a connection closes before any answer (docs/ARCHITECTURE.md), so
        // the server can see more sends than attempts, never fewer.
        QVERIFY(h.server().faultsInjected() >= 3);
    }

    void privateCaBundleIsTrusted()
    {
        ecr::test::TestDir dir;
        QVERIFY(dir.isValid());
        const QString cert = dir.filePath(u"cert.pem"_s);
        const QString key = dir.filePath(u"key.pem"_s);
        QVERIFY(makeSelfSignedCertificate(cert, key));
        HarnessOptions options;
        options.tlsCertFile = cert;
        options.tlsKeyFile = key;
        {
            SandboxHarness untrusted(options);
            QCOMPARE(untrusted.server().url().scheme(), u"https"_s);
            const auto refused = untrusted.wait(untrusted.client().describeAllRules({}));
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().kind, ErrorKind::Tls);
        }
        options.clientCaBundle = cert; // the profile's CA bundle
        SandboxHarness trusted(options);
        const auto listed = trusted.wait(trusted.client().describeAllRules({}));
        QVERIFY2(listed.ok(), qPrintable(listed.ok() ? QString() : listed.error().message));
    }

    void sessionTokenIsSent()
    {
        // Temporary credentials from the sandbox's STS: the sandbox accepts them only together
        // with their own X-Amz-Security-Token, so the call succeeds only if the token is sent.
        SandboxHarness h;
        SystemClock clock;
        StsConfig stsConfig;
        stsConfig.region = h.region();
        stsConfig.customEndpoint = h.server().url();
        stsConfig.retry = HarnessOptions::fastRetries();
        StsClient sts(h.network(), clock, stsConfig);
        const auto issued = h.wait(sts.getSessionToken(HarnessOptions::defaultCredentials(), {}));
        QVERIFY2(issued.ok(), qPrintable(issued.ok() ? QString() : issued.error().message));
        const sigv4::Credentials temporary = issued->credentials;
        QVERIFY(!temporary.sessionToken.isEmpty());

        auto describeWith = [&](const sigv4::Credentials& credentials) {
            StaticCredentialsProvider provider(credentials);
            SigV4Auth auth(provider, clock);
            ServiceClient transport(h.network(), clock, h.clientConfig(), &auth);
            EcrClient client(transport);
            return h.wait(client.describeAllRules({}));
        };
        const auto listed = describeWith(temporary);
        QVERIFY2(listed.ok(), qPrintable(listed.ok() ? QString() : listed.error().message));

        // The same keys with another token are refused: the server really checks it.
        sigv4::Credentials wrongToken = temporary;
        wrongToken.sessionToken = u"SANDBOXTOKEN-not-the-issued-one"_s;
        const auto refused = describeWith(wrongToken);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, u"UnrecognizedClientException"_s);
        sigv4::Credentials noToken = temporary;
        noToken.sessionToken.clear();
        const auto missing = describeWith(noToken);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, u"UnrecognizedClientException"_s);
    }

    // A Create whose answer is lost after the rule was made: the retry meets the rule and the
    // client confirms it is the one asked for. Every Create here loses its first answer.
    void lostCreateAnswersAreReconciled()
    {
        SandboxHarness h;
        const QString create = u"CreatePullThroughCacheRule"_s;
        for (int i = 0; i < 5; ++i) {
            const QString prefix = u"lost-create-%1"_s.arg(i);
            h.server().queueFaults(create, {sandbox::SandboxServer::Fault::CommitThenReset});
            const auto created = h.wait(h.client().createRule(publicRule(prefix)));
            QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
            QVERIFY(created->reconciled);
            QCOMPARE(created->value.ecrRepositoryPrefix, prefix);
            QCOMPARE(created->value.upstreamRegistryUrl, u"public.ecr.aws"_s);
            // The lost one and the one that met the rule (sent again by the client, or once by
            // Qt itself on a reused connection: docs/ARCHITECTURE.md).
            QCOMPARE(h.service().requestCount(create), 2 * (i + 1));
        }
        QCOMPARE(h.service().rules(h.region()).size(), 5);

        // A lost answer to a Create that meets a *different* rule is not success.
        h.server().queueFaults(create, {sandbox::SandboxServer::Fault::CommitThenReset});
        QVERIFY(h.wait(h.client().createRule(publicRule(u"taken"_s))).ok());
        CreateRuleRequest other = publicRule(u"taken"_s);
        other.upstreamRegistryUrl = u"quay.io"_s;
        other.upstreamRegistry = u"quay"_s;
        const auto conflict = h.wait(h.client().createRule(other));
        QVERIFY(!conflict.ok());
        QCOMPARE(conflict.error().code, u"PullThroughCacheRuleAlreadyExistsException"_s);
    }

    // A Delete whose answer is lost after the rule was removed: the retry finds it gone, which
    // is the outcome asked for. Every Delete here loses its first answer.
    void lostDeleteAnswersAreReconciled()
    {
        SandboxHarness h;
        for (int i = 0; i < 5; ++i)
            QVERIFY(h.wait(h.client().createRule(publicRule(u"lost-delete-%1"_s.arg(i)))).ok());
        const QString del = u"DeletePullThroughCacheRule"_s;
        for (int i = 0; i < 5; ++i) {
            const QString prefix = u"lost-delete-%1"_s.arg(i);
            h.server().queueFaults(del, {sandbox::SandboxServer::Fault::CommitThenReset});
            const auto deleted = h.wait(h.client().deleteRule({prefix, {}}));
            QVERIFY2(deleted.ok(), qPrintable(deleted.ok() ? QString() : deleted.error().message));
            QVERIFY(deleted->reconciled);
            QCOMPARE(deleted->value.ecrRepositoryPrefix, prefix);
            QCOMPARE(h.service().requestCount(del), 2 * (i + 1));
            QCOMPARE(h.service().rules(h.region()).size(), 4 - i);
        }
    }
};

QTEST_GUILESS_MAIN(TestEcrClient)
#include "tst_ecrclient.moc"
