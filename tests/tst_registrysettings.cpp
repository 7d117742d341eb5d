// Repository creation templates and the registry policy over real loopback HTTP to the sandbox:
// every operation's success path and modeled errors, the client's own checks (nothing is sent
// for an invalid template), pages, and which template a rule's repositories get.
#include "EcrRegistryClient.h"
#include "SandboxHarness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

RepositoryCreationTemplate ptcTemplate(const QString& prefix)
{
    RepositoryCreationTemplate t;
    t.prefix = prefix;
    t.appliedFor = {u"PULL_THROUGH_CACHE"_s};
    return t;
}

struct Registry
{
    explicit Registry(HarnessOptions options = {})
        : harness(std::move(options))
        , client(harness.transport())
    { }
    Result<ServiceAnswer> raw(const QString& operation, const QJsonObject& body)
    {
        OperationRequest request;
        request.name = operation;
        request.body = body;
        return SandboxHarness::wait(harness.transport().call(request));
    }
    SandboxHarness harness;
    EcrRegistryClient client;
};

QString codeOf(const auto& result)
{
    return result ? QString() : result.error().code;
}

} // namespace

class TestRegistrySettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void templatesRoundTrip()
    {
        Registry r;
        RepositoryCreationTemplate t = ptcTemplate(u"docker-hub"_s);
        t.description = u"Docker Hub cache"_s;
        t.encryptionType = u"KMS"_s;
        t.kmsKey = u"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"_s;
        t.imageTagMutability = u"IMMUTABLE_WITH_EXCLUSION"_s;
        t.exclusionFilters = {{u"WILDCARD"_s, u"latest"_s}, {u"WILDCARD"_s, u"dev-*"_s}};
        t.resourceTags = {{u"team"_s, u"platform"_s}};
        t.repositoryPolicy = u"{\"Version\":\"2012-10-17\",\"Statement\":[]}"_s;
        t.lifecyclePolicy = lifecyclePresets().first().policy;
        t.customRoleArn = u"arn:aws:iam::123456789012:role/ecr-template"_s;
        const auto created = SandboxHarness::wait(r.client.createTemplate(t));
        QVERIFY2(created.ok(), qPrintable(codeOf(created)));
        QCOMPARE(created->registryId, u"123456789012"_s);
        QVERIFY(created->createdAt.isValid());
        RepositoryCreationTemplate expected = t;
        expected.createdAt = created->createdAt;
        expected.updatedAt = created->updatedAt;
        expected.registryId = created->registryId;
        QCOMPARE(created.value(), expected);

        QVERIFY(SandboxHarness::wait(r.client.createTemplate(ptcTemplate(u"ROOT"_s))).ok());
        const auto all = SandboxHarness::wait(r.client.describeAllTemplates());
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->first().kmsKey, t.kmsKey);
        // Defaults the service fills in.
        QCOMPARE(all->last().encryptionType, u"AES256"_s);
        QCOMPARE(all->last().imageTagMutability, u"MUTABLE"_s);
        const auto one = SandboxHarness::wait(r.client.describeAllTemplates({u"ROOT"_s}));
        QVERIFY(one.ok() && one->size() == 1 && one->first().prefix == u"ROOT"_s);

        // Update: a full template replaces; the last tag can be removed.
        RepositoryCreationTemplate changed = all->first();
        changed.resourceTags.clear();
        changed.imageTagMutability = u"MUTABLE"_s;
        changed.exclusionFilters.clear();
        const auto updated = SandboxHarness::wait(r.client.updateTemplate(changed));
        QVERIFY2(updated.ok(), qPrintable(codeOf(updated)));
        QVERIFY(updated->resourceTags.isEmpty());
        QCOMPARE(updated->imageTagMutability, u"MUTABLE"_s);
        QVERIFY(updated->updatedAt >= updated->createdAt);

        const auto deleted = SandboxHarness::wait(r.client.deleteTemplate(u"docker-hub"_s));
        QVERIFY(deleted.ok());
        QCOMPARE(deleted->prefix, u"docker-hub"_s);
        QCOMPARE(r.harness.service().registry().templates(u"us-east-1"_s).size(), 1);
    }

    void describePages()
    {
        Registry r;
        for (int i = 0; i < 5; ++i)
            QVERIFY(
                SandboxHarness::wait(r.client.createTemplate(ptcTemplate(u"t%1"_s.arg(i)))).ok());
        const Result<ServiceAnswer> first
            = r.raw(u"DescribeRepositoryCreationTemplates"_s, {{u"maxResults"_s, 2}});
        QVERIFY(first.ok());
        QCOMPARE(first->json.value(u"repositoryCreationTemplates"_s).toArray().size(), 2);
        const QString next = first->json.value(u"nextToken"_s).toString();
        QVERIFY(!next.isEmpty());
        const Result<ServiceAnswer> second = r.raw(u"DescribeRepositoryCreationTemplates"_s,
            {{u"maxResults"_s, 2}, {u"nextToken"_s, next}});
        QVERIFY(second.ok());
        QCOMPARE(second->json.value(u"repositoryCreationTemplates"_s)
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"prefix"_s)
                     .toString(),
            u"t2"_s);
        QCOMPARE(SandboxHarness::wait(r.client.describeAllTemplates())->size(), 5);
    }

    void theServicesErrors_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("code");
        const QJsonArray ptc{u"PULL_THROUGH_CACHE"_s};
        auto row = [](const char* name, const QString& op, const QJsonObject& body,
                       const QString& code) {
            QTest::newRow(name) << op << body << code;
        };
        const QString create = u"CreateRepositoryCreationTemplate"_s;
        row("create: taken", create, {{u"prefix"_s, u"taken"_s}, {u"appliedFor"_s, ptc}},
            u"TemplateAlreadyExistsException"_s);
        row("create: bad prefix", create, {{u"prefix"_s, u"Bad Prefix"_s}, {u"appliedFor"_s, ptc}},
            u"ValidationException"_s);
        row("create: no appliedFor", create, {{u"prefix"_s, u"x"_s}}, u"ValidationException"_s);
        row("create: unknown appliedFor", create,
            {{u"prefix"_s, u"x"_s}, {u"appliedFor"_s, QJsonArray{u"EVERYTHING"_s}}},
            u"InvalidParameterException"_s);
        row("create: KMS key without KMS", create,
            {{u"prefix"_s, u"x"_s}, {u"appliedFor"_s, ptc},
                {u"encryptionConfiguration"_s,
                    QJsonObject{{u"encryptionType"_s, u"AES256"_s},
                        {u"kmsKey"_s, u"arn:aws:kms:us-east-1:123456789012:key/abcd"_s}}}},
            u"InvalidParameterException"_s);
        row("create: filters without exclusion", create,
            {{u"prefix"_s, u"x"_s}, {u"appliedFor"_s, ptc}, {u"imageTagMutability"_s, u"MUTABLE"_s},
                {u"imageTagMutabilityExclusionFilters"_s,
                    QJsonArray{
                        QJsonObject{{u"filterType"_s, u"WILDCARD"_s}, {u"filter"_s, u"x"_s}}}}},
            u"InvalidParameterException"_s);
        row("create: role of another account", create,
            {{u"prefix"_s, u"x"_s}, {u"appliedFor"_s, ptc},
                {u"customRoleArn"_s, u"arn:aws:iam::999999999999:role/r"_s}},
            u"InvalidParameterException"_s);
        row("create: repository policy not JSON", create,
            {{u"prefix"_s, u"x"_s}, {u"appliedFor"_s, ptc}, {u"repositoryPolicy"_s, u"{nope"_s}},
            u"InvalidParameterException"_s);
        row("create: lifecycle policy without rules", create,
            {{u"prefix"_s, u"x"_s}, {u"appliedFor"_s, ptc}, {u"lifecyclePolicy"_s, u"{}"_s}},
            u"InvalidParameterException"_s);
        row("describe: maxResults", u"DescribeRepositoryCreationTemplates"_s,
            {{u"maxResults"_s, 1001}}, u"ValidationException"_s);
        row("describe: bad token", u"DescribeRepositoryCreationTemplates"_s,
            {{u"nextToken"_s, u"bogus"_s}}, u"InvalidParameterException"_s);
        row("update: none", u"UpdateRepositoryCreationTemplate"_s, {{u"prefix"_s, u"none"_s}},
            u"TemplateNotFoundException"_s);
        row("update: bad value", u"UpdateRepositoryCreationTemplate"_s,
            {{u"prefix"_s, u"taken"_s}, {u"imageTagMutability"_s, u"SOMETIMES"_s}},
            u"InvalidParameterException"_s);
        row("delete: none", u"DeleteRepositoryCreationTemplate"_s, {{u"prefix"_s, u"none"_s}},
            u"TemplateNotFoundException"_s);
        row("delete: bad prefix", u"DeleteRepositoryCreationTemplate"_s, {{u"prefix"_s, u"NO"_s}},
            u"ValidationException"_s);
        row("get policy: none", u"GetRegistryPolicy"_s, {}, u"RegistryPolicyNotFoundException"_s);
        row("put policy: not a policy", u"PutRegistryPolicy"_s, {{u"policyText"_s, u"[]"_s}},
            u"InvalidParameterException"_s);
        row("put policy: too long", u"PutRegistryPolicy"_s,
            {{u"policyText"_s, QString(10241, u' ')}}, u"ValidationException"_s);
        row("put policy: none", u"PutRegistryPolicy"_s, {}, u"ValidationException"_s);
    }
    void theServicesErrors()
    {
        QFETCH(QString, operation);
        QFETCH(QJsonObject, body);
        QFETCH(QString, code);
        Registry r;
        QVERIFY(SandboxHarness::wait(r.client.createTemplate(ptcTemplate(u"taken"_s))).ok());
        const Result<ServiceAnswer> answer = r.raw(operation, body);
        QVERIFY(!answer.ok());
        QCOMPARE(answer.error().code, code);
        QCOMPARE(answer.error().httpStatus, 400);
        QVERIFY(!answer.error().message.isEmpty());
    }

    void theQuotaIsFifty()
    {
        Registry r;
        for (int i = 0; i < 50; ++i)
            QVERIFY(
                SandboxHarness::wait(r.client.createTemplate(ptcTemplate(u"q%1"_s.arg(i)))).ok());
        const auto over = SandboxHarness::wait(r.client.createTemplate(ptcTemplate(u"q50"_s)));
        QCOMPARE(codeOf(over), u"LimitExceededException"_s);
    }

    // The client refuses what the model refuses, before sending anything.
    void invalidTemplatesAreNotSent()
    {
        Registry r;
        const int before = r.harness.service().totalRequestCount();
        RepositoryCreationTemplate t = ptcTemplate(u"UPPER"_s);
        const auto refused = SandboxHarness::wait(r.client.createTemplate(t));
        QCOMPARE(refused.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(refused.error().code, u"prefix"_s);
        t.prefix = u"fine"_s;
        t.appliedFor.clear();
        QCOMPARE(SandboxHarness::wait(r.client.createTemplate(t)).error().code, u"appliedFor"_s);
        QCOMPARE(r.harness.service().totalRequestCount(), before);
    }

    void registryPolicyRoundTrip()
    {
        Registry r;
        const auto none = SandboxHarness::wait(r.client.registryPolicy());
        QVERIFY(none.ok());
        QVERIFY(!none->has_value());
        const QString policy
            = u"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ptc\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":[\"ecr:CreateRepository\",\"ecr:BatchImportUpstreamImage\"],\"Resource\":\"arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/*\"}]}"_s;
        const auto put = SandboxHarness::wait(r.client.putRegistryPolicy(policy));
        QVERIFY2(put.ok(), qPrintable(codeOf(put)));
        const auto got = SandboxHarness::wait(r.client.registryPolicy());
        QVERIFY(got.ok() && got->has_value());
        QCOMPARE(*got.value(), policy);
    }

    void whichTemplateARuleGets()
    {
        QList<RepositoryCreationTemplate> templates{ptcTemplate(u"ROOT"_s),
            ptcTemplate(u"docker-hub"_s), ptcTemplate(u"docker-hub/library"_s)};
        RepositoryCreationTemplate replication;
        replication.prefix = u"quay"_s;
        replication.appliedFor = {u"REPLICATION"_s};
        templates.append(replication);
        QCOMPARE(templateForRule(u"docker-hub"_s, templates)->prefix, u"docker-hub"_s);
        QCOMPARE(
            templateForRule(u"docker-hub/library"_s, templates)->prefix, u"docker-hub/library"_s);
        QCOMPARE(templateForRule(u"docker-hub-2"_s, templates)->prefix, u"ROOT"_s);
        QCOMPARE(templateForRule(u"quay"_s, templates)->prefix, u"ROOT"_s); // not for PTC
        templates.removeFirst();
        QVERIFY(!templateForRule(u"quay"_s, templates));
        // A parent prefix covers the nested rule.
        QCOMPARE(templateForRule(u"docker-hub/extra"_s, templates)->prefix, u"docker-hub"_s);
    }

    void thePitfallsAreNamed()
    {
        RepositoryCreationTemplate t = ptcTemplate(u"ROOT"_s);
        QVERIFY(templateWarnings(t).isEmpty());
        t.resourceTags = {{u"team"_s, u"platform"_s}};
        QCOMPARE(templateWarnings(t).size(), 1);
        QVERIFY(templateWarnings(t).first().contains(u"resource tags"_s));
        t.encryptionType = u"KMS"_s;
        QVERIFY(templateWarnings(t).first().contains(u"tags and KMS"_s));
        t.customRoleArn = u"arn:aws:iam::123456789012:role/r"_s;
        QVERIFY(templateWarnings(t).isEmpty());
        t.imageTagMutability = u"IMMUTABLE"_s;
        QVERIFY(templateWarnings(t).first().contains(u"IMMUTABLE"_s));
        for (const LifecyclePreset& preset : lifecyclePresets()) {
            RepositoryCreationTemplate withPolicy = ptcTemplate(u"x"_s);
            withPolicy.lifecyclePolicy = preset.policy;
            QVERIFY2(validateTemplate(withPolicy).isEmpty(), qPrintable(preset.name));
        }
    }
};

QTEST_GUILESS_MAIN(TestRegistrySettings)
#include "tst_registrysettings.moc"
