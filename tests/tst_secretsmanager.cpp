// AWS Secrets Manager over real loopback HTTP to the sandbox: the client's four operations (the
// success paths, every page, the modeled errors) and what a rule's Create and Update now check of
// its secret. The test tokens carry the secret scan's sentinel.
#include "CredentialsTestSupport.h"
#include "RequestAuth.h"
#include "SandboxHarness.h"
#include "SecretsManagerClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

const UpstreamCredentials kCredentials{u"octocat"_s, u"ghp_EXAMPLETOKENSENTINEL-first"_s};

// A Secrets Manager client on the harness's sandbox, signed with the sandbox's keys.
struct Secrets
{
    explicit Secrets(HarnessOptions options = {})
        : harness(std::move(options))
        , provider(HarnessOptions::defaultCredentials())
        , auth(provider, harness.clock())
    {
        ServiceClientConfig config = harness.clientConfig();
        config.service = SecretsManagerClient::service();
        config.endpoint = secretsManagerEndpoint(harness.region(), harness.server().url());
        transport
            = std::make_unique<ServiceClient>(harness.network(), harness.clock(), config, &auth);
        client = std::make_unique<SecretsManagerClient>(*transport);
    }
    // One operation as sent, without the client's checks (for the service's own errors).
    Result<ServiceAnswer> raw(const QString& operation, const QJsonObject& body)
    {
        OperationRequest request;
        request.name = operation;
        request.body = body;
        return SandboxHarness::wait(transport->call(request));
    }
    Result<CreatedSecret> create(
        const QString& name, UpstreamCredentials credentials = kCredentials)
    {
        return SandboxHarness::wait(client->createSecret({name, {}, {}, credentials}));
    }

    SandboxHarness harness;
    StaticCredentialsProvider provider;
    SigV4Auth auth;
    std::unique_ptr<ServiceClient> transport;
    std::unique_ptr<SecretsManagerClient> client;
};

QString codeOf(const auto& result)
{
    return result ? QString() : result.error().code;
}

} // namespace

class TestSecretsManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theValueIsTheShapeEcrReads()
    {
        QCOMPARE(secretValueJson({u"user"_s, u"to\"ken"_s}),
            u"{\"username\":\"user\",\"accessToken\":\"to\\\"ken\"}"_s);
        QVERIFY(secretNameProblem(u"ecr-pullthroughcache/docker-hub"_s).isEmpty());
        QVERIFY(!secretNameProblem(u"docker-hub"_s).isEmpty());
        QVERIFY(!secretNameProblem(u"ecr-pullthroughcache/"_s).isEmpty());
        QVERIFY(!secretNameProblem(u"ecr-pullthroughcache/with space"_s).isEmpty());
        QVERIFY(!secretNameProblem(u"ecr-pullthroughcache/hub-AbC123"_s).isEmpty());
        QVERIFY(!credentialsProblem({u"user"_s, {}}).isEmpty());
        QVERIFY(!credentialsProblem({u" "_s, u"t"_s}).isEmpty());
        QCOMPARE(secretsManagerEndpoint(u"eu-west-1"_s).url,
            QUrl(u"https://secretsmanager.eu-west-1.amazonaws.com"_s));
        QCOMPARE(secretsManagerEndpoint(u"cn-north-1"_s).url,
            QUrl(u"https://secretsmanager.cn-north-1.amazonaws.com.cn"_s));
    }

    void createDescribeListAndReplace()
    {
        Secrets s;
        const Result<CreatedSecret> created = s.create(u"ecr-pullthroughcache/github"_s);
        QVERIFY2(created.ok(), qPrintable(codeOf(created)));
        QVERIFY(created->arn.startsWith(
            u"arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/github-"_s));
        QCOMPARE(created->name, u"ecr-pullthroughcache/github"_s);
        QVERIFY(!created->versionId.isEmpty());
        // What was stored is the JSON ECR reads; the sandbox shows it to tests only.
        const auto* stored
            = s.harness.service().secretsManager().find(u"us-east-1"_s, created->arn);
        QVERIFY(stored);
        QCOMPARE(stored->secretString, secretValueJson(kCredentials));
        // The request carried a ClientRequestToken (so that a retry is the same request).
        const QJsonObject sent
            = QJsonDocument::fromJson(s.harness.service().recentRequests().last().body).object();
        QCOMPARE(sent.value(u"ClientRequestToken"_s).toString().size(), 36);

        QVERIFY(s.create(u"other/not-ecr"_s).error().kind == ErrorKind::InvalidInput); // not sent
        QVERIFY(
            s.raw(u"CreateSecret"_s, {{u"Name"_s, u"other/not-ecr"_s}, {u"SecretString"_s, u"x"_s}})
                .ok());
        QVERIFY(s.create(u"ecr-pullthroughcache/quay"_s).ok());

        const auto listed = SandboxHarness::wait(s.client->listPtcSecrets());
        QVERIFY(listed.ok());
        QStringList names;
        for (const SecretSummary& summary : listed.value())
            names.append(summary.name);
        QCOMPARE(
            names, QStringList({u"ecr-pullthroughcache/github"_s, u"ecr-pullthroughcache/quay"_s}));
        QVERIFY(listed->first().createdDate.isValid());

        for (const QString& id : {created->arn, created->name, created->arn.chopped(7)}) {
            const auto described = SandboxHarness::wait(s.client->describeSecret(id));
            QVERIFY2(described.ok(), qPrintable(id));
            QCOMPARE(described->arn, created->arn);
        }
        // No answer carries a value.
        const Result<ServiceAnswer> describe
            = s.raw(u"DescribeSecret"_s, {{u"SecretId"_s, created->arn}});
        QVERIFY(describe.ok() && !describe->json.contains(u"SecretString"_s));

        const UpstreamCredentials replaced{u"octocat"_s, u"ghp_EXAMPLETOKENSENTINEL-second"_s};
        const auto put = SandboxHarness::wait(s.client->putSecretValue(created->arn, replaced));
        QVERIFY2(put.ok(), qPrintable(codeOf(put)));
        QVERIFY(put->versionId != created->versionId);
        const auto* after = s.harness.service().secretsManager().find(u"us-east-1"_s, created->arn);
        QCOMPARE(after->secretString, secretValueJson(replaced));
        QCOMPARE(after->versions.size(), 2);
    }

    void listingFollowsEveryPage()
    {
        Secrets s;
        for (int i = 0; i < 230; ++i)
            QVERIFY(s.create(u"ecr-pullthroughcache/s%1"_s.arg(i, 3, 10, QLatin1Char('0'))).ok());
        const int before = s.harness.service().requestCount(u"ListSecrets"_s);
        const auto listed = SandboxHarness::wait(s.client->listPtcSecrets());
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 230);
        QCOMPARE(listed->last().name, u"ecr-pullthroughcache/s229"_s);
        QCOMPARE(s.harness.service().requestCount(u"ListSecrets"_s) - before, 3); // 100+100+30
    }

    void theServicesErrors_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("code");
        const QString value = secretValueJson({u"u"_s, u"EXAMPLETOKENSENTINEL-errors"_s});
        const QString taken = u"ecr-pullthroughcache/taken"_s;
        const QString token = u"00000000-0000-0000-0000-000000000001"_s;
        auto row = [](const char* name, const QString& operation, const QJsonObject& body,
                       const QString& code) {
            QTest::newRow(name) << operation << body << code;
        };
        row("create: taken name", u"CreateSecret"_s,
            {{u"Name"_s, taken}, {u"SecretString"_s, value}}, u"ResourceExistsException"_s);
        row("create: bad name", u"CreateSecret"_s,
            {{u"Name"_s, u"has space"_s}, {u"SecretString"_s, value}},
            u"InvalidParameterException"_s);
        row("create: string and binary", u"CreateSecret"_s,
            {{u"Name"_s, u"ecr-pullthroughcache/b"_s}, {u"SecretBinary"_s, u"AA=="_s},
                {u"SecretString"_s, value}},
            u"InvalidParameterException"_s);
        row("create: no such KMS key", u"CreateSecret"_s,
            {{u"Name"_s, u"ecr-pullthroughcache/k"_s}, {u"KmsKeyId"_s, u"alias/missing-key"_s},
                {u"SecretString"_s, value}},
            u"ResourceNotFoundException"_s);
        row("create: short request token", u"CreateSecret"_s,
            {{u"Name"_s, u"ecr-pullthroughcache/t"_s}, {u"ClientRequestToken"_s, u"short"_s},
                {u"SecretString"_s, value}},
            u"InvalidParameterException"_s);
        row("describe: none", u"DescribeSecret"_s,
            {{u"SecretId"_s, u"ecr-pullthroughcache/none"_s}}, u"ResourceNotFoundException"_s);
        row("describe: empty id", u"DescribeSecret"_s, {{u"SecretId"_s, QString()}},
            u"InvalidParameterException"_s);
        row("list: bad token", u"ListSecrets"_s, {{u"NextToken"_s, u"bogus"_s}},
            u"InvalidNextTokenException"_s);
        row("list: bad filter key", u"ListSecrets"_s,
            {{u"Filters"_s,
                QJsonArray{
                    QJsonObject{{u"Key"_s, u"colour"_s}, {u"Values"_s, QJsonArray{u"x"_s}}}}}},
            u"InvalidParameterException"_s);
        row("list: too many results", u"ListSecrets"_s, {{u"MaxResults"_s, 101}},
            u"InvalidParameterException"_s);
        row("put: none", u"PutSecretValue"_s,
            {{u"SecretId"_s, u"ecr-pullthroughcache/none"_s}, {u"SecretString"_s, value}},
            u"ResourceNotFoundException"_s);
        row("put: no value", u"PutSecretValue"_s, {{u"SecretId"_s, taken}},
            u"InvalidRequestException"_s);
        row("create: a disabled KMS key", u"CreateSecret"_s,
            {{u"Name"_s, u"ecr-pullthroughcache/d"_s}, {u"KmsKeyId"_s, u"alias/disabled-key"_s},
                {u"SecretString"_s, value}},
            u"EncryptionFailure"_s);
        row("put: a key that cannot decrypt", u"PutSecretValue"_s,
            {{u"SecretId"_s, u"ecr-pullthroughcache/sealed"_s}, {u"SecretString"_s, value}},
            u"DecryptionFailure"_s);
        row("put: a version's token with another value", u"PutSecretValue"_s,
            {{u"SecretId"_s, taken}, {u"ClientRequestToken"_s, token},
                {u"SecretString"_s, u"other"_s}},
            u"ResourceExistsException"_s);
    }
    void theServicesErrors()
    {
        QFETCH(QString, operation);
        QFETCH(QJsonObject, body);
        QFETCH(QString, code);
        Secrets s;
        QVERIFY(s.raw(u"CreateSecret"_s,
                     {{u"Name"_s, u"ecr-pullthroughcache/taken"_s}, {u"SecretString"_s, u"v"_s},
                         {u"ClientRequestToken"_s, u"00000000-0000-0000-0000-000000000001"_s}})
                    .ok());
        // A secret under a key that can no longer decrypt it.
        QVERIFY(s.raw(u"CreateSecret"_s,
                     {{u"Name"_s, u"ecr-pullthroughcache/sealed"_s}, {u"SecretString"_s, u"v"_s},
                         {u"KmsKeyId"_s, u"alias/undecryptable"_s}})
                    .ok());
        const Result<ServiceAnswer> answer = s.raw(operation, body);
        QVERIFY(!answer.ok());
        QCOMPARE(answer.error().code, code);
        QCOMPARE(answer.error().kind, ErrorKind::Service);
        QCOMPARE(answer.error().httpStatus, 400);
        QVERIFY(!answer.error().message.isEmpty()); // read from Secrets Manager's "Message"
    }

    // The quota of secrets per region, and the service's own failure.
    void quotaAndInternalError()
    {
        Secrets s;
        s.harness.service().secretsManager().setQuota(2);
        QVERIFY(s.create(u"ecr-pullthroughcache/one"_s).ok());
        QVERIFY(s.create(u"ecr-pullthroughcache/two"_s).ok());
        QCOMPARE(codeOf(s.create(u"ecr-pullthroughcache/three"_s)), u"LimitExceededException"_s);
        // An internal error, retried by the pipeline, then answered as the service does.
        s.harness.server().queueFaults(u"ListSecrets"_s,
            {sandbox::SandboxServer::Fault::ServerError, sandbox::SandboxServer::Fault::ServerError,
                sandbox::SandboxServer::Fault::ServerError});
        const auto failed = SandboxHarness::wait(s.client->listPtcSecrets());
        QCOMPARE(codeOf(failed), u"InternalServiceError"_s);
        QCOMPARE(failed.error().httpStatus, 500);
        QCOMPARE(failed.error().attempts, 3);
    }

    // A Create whose answer was lost is retried with the same request token and meets the
    // secret it made: that secret is the answer.
    void aRetriedCreateFindsItsSecret()
    {
        Secrets s;
        s.harness.server().queueFaults(
            u"CreateSecret"_s, {sandbox::SandboxServer::Fault::CommitThenReset});
        const Result<CreatedSecret> created = s.create(u"ecr-pullthroughcache/lost"_s);
        QVERIFY2(created.ok(),
            qPrintable(codeOf(created) + u" after "_s
                + QString::number(created ? 0 : created.error().attempts)));
        QCOMPARE(created->name, u"ecr-pullthroughcache/lost"_s);
        QCOMPARE(s.harness.service().secretsManager().secrets(u"us-east-1"_s).size(), 1);
        // Someone else's secret of that name is no success.
        const Result<CreatedSecret> again = s.create(u"ecr-pullthroughcache/lost"_s);
        QCOMPARE(codeOf(again), u"ResourceExistsException"_s);
    }

    // With secretsMustExist, a rule's Create and Update check the secret as ECR does.
    void rulesNeedAnExistingSecret()
    {
        HarnessOptions options;
        options.sandbox.secretsMustExist = true;
        Secrets s(options);
        EcrClient& ecr = s.harness.client();
        const QString unknown = secretArn(u"docker-hub-AbCdEf"_s);
        const auto refused = SandboxHarness::wait(
            ecr.createRule({u"docker-hub"_s, u"registry-1.docker.io"_s, {}, {}, unknown, {}, {}}));
        QCOMPARE(codeOf(refused), u"SecretNotFoundException"_s);
        const Result<CreatedSecret> secret = s.create(u"ecr-pullthroughcache/docker-hub"_s);
        QVERIFY(secret.ok());
        const auto created = SandboxHarness::wait(ecr.createRule(
            {u"docker-hub"_s, u"registry-1.docker.io"_s, {}, {}, secret->arn, {}, {}}));
        QVERIFY2(created.ok(), qPrintable(codeOf(created)));
        QCOMPARE(created->value.credentialArn, secret->arn);
        const auto updated
            = SandboxHarness::wait(ecr.updateRule({u"docker-hub"_s, {}, unknown, {}}));
        QCOMPARE(codeOf(updated), u"SecretNotFoundException"_s);
        // In another region the secret does not exist for the rule (and cannot be accessed).
        const QString elsewhere = QString(secret->arn).replace(u"us-east-1"_s, u"eu-west-1"_s);
        const auto otherRegion
            = SandboxHarness::wait(ecr.updateRule({u"docker-hub"_s, {}, elsewhere, {}}));
        QCOMPARE(codeOf(otherRegion), u"UnableToAccessSecretException"_s);
    }
};

QTEST_GUILESS_MAIN(TestSecretsManager)
#include "tst_secretsmanager.moc"
