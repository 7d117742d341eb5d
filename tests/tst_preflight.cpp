// The pre-flight check on crafted sandbox states over loopback: each finding fails (or warns)
// when it should and passes once the state is fixed; the registry-policy fix merges into an
// existing policy without dropping its statements; what cannot be read is "not checked".
#include "EcrSession.h"
#include "PreflightRun.h"
#include "SandboxHarness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

using Status = PreflightFinding::Status;

const QString kAccount = u"123456789012"_s;

struct Preflight
{
    Preflight()
        : harness(options())
    {
        ConnectionTarget target;
        target.displayName = u"sandbox"_s;
        target.region = harness.region();
        target.customEndpoint = harness.server().url();
        target.credentials
            = std::make_shared<StaticCredentialsProvider>(HarnessOptions::defaultCredentials());
        target.accountId = kAccount;
        session = std::move(EcrSession::create(harness.network(), clock, target).value());
    }
    static HarnessOptions options()
    {
        HarnessOptions o;
        o.sandbox.secretsMustExist = true;
        return o;
    }
    QList<PreflightFinding> run(const CreateRuleRequest& rule, const QStringList& prefixes = {})
    {
        return SandboxHarness::wait(runPreflight(*session, rule, false, prefixes));
    }
    SandboxHarness harness;
    SystemClock clock;
    std::unique_ptr<EcrSession> session;
};

PreflightFinding finding(const QList<PreflightFinding>& findings, const QString& id)
{
    for (const PreflightFinding& f : findings) {
        if (f.id == id)
            return f;
    }
    return {u"<missing>"_s, Status::NotChecked, u"no such finding"_s};
}

CreateRuleRequest dockerHub(const QString& arn)
{
    return {u"docker-hub"_s, u"registry-1.docker.io"_s, {}, u"docker-hub"_s, arn, {}, {}};
}

} // namespace

class TestPreflight : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prefixAndQuota()
    {
        Preflight p;
        const CreateRuleRequest quay{u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}};
        QCOMPARE(finding(p.run(quay), u"prefix"_s).status, Status::Passed);
        QCOMPARE(finding(p.run(quay, {u"quay"_s}), u"prefix"_s).status, Status::Failed);
        QStringList many;
        for (int i = 0; i < 46; ++i)
            many.append(u"r%1"_s.arg(i));
        QCOMPARE(finding(p.run(quay, many), u"quota"_s).status, Status::Warning);
        for (int i = 46; i < 50; ++i)
            many.append(u"r%1"_s.arg(i));
        const PreflightFinding full = finding(p.run(quay, many), u"quota"_s);
        QCOMPARE(full.status, Status::Failed);
        QVERIFY(full.sentence.contains(u"cannot be raised"_s));
        QCOMPARE(finding(p.run(quay, {u"a"_s}), u"quota"_s).status, Status::Passed);
        QCOMPARE(finding(p.run(quay), u"region"_s).status, Status::Passed);
    }

    void theSecret()
    {
        Preflight p;
        const QString missing = secretArn(u"docker-hub-AbCdEf"_s);
        const PreflightFinding absent = finding(p.run(dockerHub(missing)), u"secret"_s);
        QCOMPARE(absent.status, Status::Failed);
        QVERIFY2(absent.sentence.contains(u"does not exist"_s), qPrintable(absent.sentence));
        // Fixable: a secret of that name (without Secrets Manager's six-character suffix).
        QCOMPARE(absent.fix, PreflightFinding::Fix::Secret);
        QCOMPARE(absent.target, u"ecr-pullthroughcache/docker-hub"_s);
        const PreflightFinding none = finding(p.run(dockerHub({})), u"secret"_s);
        QCOMPARE(none.status, Status::Failed);
        QCOMPARE(none.fix, PreflightFinding::Fix::Secret);
        // Fixed: the secret exists.
        SecretsManagerClient& sm = p.session->secrets();
        const auto created
            = SandboxHarness::wait(sm.createSecret({u"ecr-pullthroughcache/docker-hub"_s, {}, {},
                {u"u"_s, u"EXAMPLETOKENSENTINEL-pre"_s}}));
        QVERIFY(created.ok());
        const PreflightFinding present = finding(p.run(dockerHub(created->arn)), u"secret"_s);
        QCOMPARE(present.status, Status::Passed);
        QCOMPARE(present.fix, PreflightFinding::Fix::None);
        // Under a customer-managed key: ECR's role must be allowed to decrypt.
        const auto keyed = SandboxHarness::wait(sm.createSecret(
            {u"ecr-pullthroughcache/keyed"_s, {}, u"arn:aws:kms:us-east-1:123456789012:key/abcd"_s,
                {u"u"_s, u"EXAMPLETOKENSENTINEL-k"_s}}));
        QVERIFY(keyed.ok());
        QCOMPARE(finding(p.run(dockerHub(keyed->arn)), u"secret"_s).status, Status::Warning);
        // Quay needs no secret: no finding about one.
        QCOMPARE(finding(p.run({u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}}), u"secret"_s).id,
            u"<missing>"_s);
    }

    void theRegistryPolicyAndItsFix()
    {
        Preflight p;
        const CreateRuleRequest quay{u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}};
        const PreflightFinding none = finding(p.run(quay), u"registry-policy"_s);
        QCOMPARE(none.status, Status::Warning);
        QCOMPARE(none.fix, PreflightFinding::Fix::RegistryPolicy);
        // An existing policy for replication: the fix keeps its statement.
        const QString replication
            = u"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Replicate\","
              "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
              "210987654321:root\"},\"Action\":\"ecr:ReplicateImage\","
              "\"Resource\":\"*\"}]}"_s;
        QVERIFY(SandboxHarness::wait(p.session->registry().putRegistryPolicy(replication)).ok());
        QCOMPARE(finding(p.run(quay), u"registry-policy"_s).status, Status::Warning);
        const QString merged = mergedRegistryPolicy(replication, p.session->location(), u"quay"_s);
        QVERIFY(SandboxHarness::wait(p.session->registry().putRegistryPolicy(merged)).ok());
        QCOMPARE(finding(p.run(quay), u"registry-policy"_s).status, Status::Passed);
        const QJsonArray statements = QJsonDocument::fromJson(
            p.harness.service().registry().registryPolicy(u"us-east-1"_s)->toUtf8())
                                          .object()
                                          .value(u"Statement"_s)
                                          .toArray();
        QCOMPARE(statements.size(), 2);
        QCOMPARE(statements.first().toObject(),
            QJsonDocument::fromJson(replication.toUtf8())
                .object()
                .value(u"Statement"_s)
                .toArray()
                .first()
                .toObject());
        QCOMPARE(statements.last().toObject().value(u"Resource"_s).toString(),
            u"arn:aws:ecr:us-east-1:123456789012:repository/quay/*"_s);
        // Another prefix is not covered by it.
        const CreateRuleRequest k8s{u"k8s"_s, u"registry.k8s.io"_s, {}, {}, {}, {}, {}};
        QCOMPARE(finding(p.run(k8s), u"registry-policy"_s).status, Status::Warning);
        // ecr:* on every repository covers all.
        QVERIFY(registryPolicyCoversPrefix(
            u"{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}}"_s,
            p.session->location(), u"k8s"_s));
        QVERIFY(!registryPolicyCoversPrefix(
            u"{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}}"_s,
            p.session->location(), u"k8s"_s));
    }

    // The fix never loses a statement and never repeats itself.
    void mergingIsSafe()
    {
        const RegistryLocation location{kAccount, u"us-east-1"_s, u"amazonaws.com"_s};
        QVERIFY(mergedRegistryPolicy(u"{not json"_s, location, u"quay"_s).isEmpty());
        QVERIFY(mergedRegistryPolicy({}, {QString(), u"us-east-1"_s, u"amazonaws.com"_s}, u"quay"_s)
                    .isEmpty());
        const QString once = mergedRegistryPolicy({}, location, u"quay"_s);
        const QString twice = mergedRegistryPolicy(once, location, u"quay"_s);
        QCOMPARE(
            QJsonDocument::fromJson(twice.toUtf8()).object().value(u"Statement"_s).toArray().size(),
            1);
        const QStringList added = addedStatementLines({}, once);
        QVERIFY(added.join(u'\n').contains(u"\"Effect\": \"Allow\""_s));
        QVERIFY(added.join(u'\n').contains(u"ecr:BatchImportUpstreamImage"_s));
        QVERIFY(addedStatementLines(once, twice).isEmpty()); // nothing new the second time
        // Without the account there is nothing to merge safely: no fix offered.
        PreflightInput input;
        input.rule = {u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}};
        input.location = {QString(), u"us-east-1"_s, u"amazonaws.com"_s};
        input.registryPolicy.value = std::optional<QString>();
        const PreflightFinding policy = finding(evaluatePreflight(input), u"registry-policy"_s);
        QCOMPARE(policy.status, Status::Warning);
        QCOMPARE(policy.fix, PreflightFinding::Fix::None);
    }

    void theTemplatePitfall()
    {
        Preflight p;
        const CreateRuleRequest quay{u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}};
        QCOMPARE(finding(p.run(quay), u"template"_s).status, Status::Passed); // none applies
        RepositoryCreationTemplate root;
        root.prefix = u"ROOT"_s;
        root.appliedFor = {u"PULL_THROUGH_CACHE"_s};
        root.resourceTags = {{u"team"_s, u"platform"_s}};
        QVERIFY(SandboxHarness::wait(p.session->registry().createTemplate(root)).ok());
        const PreflightFinding broken = finding(p.run(quay), u"template"_s);
        QCOMPARE(broken.status, Status::Failed);
        QVERIFY(broken.sentence.contains(u"ROOT"_s));
        QCOMPARE(broken.fix, PreflightFinding::Fix::Template); // in the editor of that template
        QCOMPARE(broken.target, u"ROOT"_s);
        root.customRoleArn = u"arn:aws:iam::123456789012:role/ecr-template"_s;
        QVERIFY(SandboxHarness::wait(p.session->registry().updateTemplate(root)).ok());
        QCOMPARE(finding(p.run(quay), u"template"_s).status, Status::Passed);
    }

    void ecrUpstreamsAndDockerHub()
    {
        Preflight p;
        CreateRuleRequest ecr{u"team-a"_s, u"444455556666.dkr.ecr.us-east-1.amazonaws.com"_s, {},
            u"ecr"_s, {}, {}, {}};
        QCOMPARE(finding(p.run(ecr), u"ecr-upstream"_s).status, Status::Failed);
        ecr.customRoleArn = u"arn:aws:iam::123456789012:role/ecr-ptc"_s;
        QCOMPARE(finding(p.run(ecr), u"ecr-upstream"_s).status, Status::Warning); // its policy
        const PreflightFinding library
            = finding(p.run(dockerHub(secretArn(u"x-AbCdEf"_s))), u"docker-library"_s);
        QVERIFY2(library.sentence.contains(
                     u"123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx"_s),
            qPrintable(library.sentence));
    }

    // What cannot be read is not checked, naming the permission; China has no pull through cache.
    void notCheckedAndRegions()
    {
        PreflightInput input;
        input.rule = {u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}};
        input.location = {kAccount, u"cn-north-1"_s, u"amazonaws.com.cn"_s};
        input.templates.error = makeError(ErrorKind::Service, u"AccessDeniedException"_s,
            u"not authorized to perform: ecr:DescribeRepositoryCreationTemplates"_s, 0);
        input.registryPolicy.error
            = makeError(ErrorKind::Service, u"AccessDeniedException"_s, u"denied"_s, 0);
        const QList<PreflightFinding> findings = evaluatePreflight(input);
        QCOMPARE(finding(findings, u"region"_s).status, Status::Failed);
        const PreflightFinding templates = finding(findings, u"template"_s);
        QCOMPARE(templates.status, Status::NotChecked);
        QVERIFY(templates.sentence.contains(u"ecr:DescribeRepositoryCreationTemplates"_s));
        QVERIFY(
            finding(findings, u"registry-policy"_s).sentence.contains(u"ecr:GetRegistryPolicy"_s));
        // A secret in another region than the registry's.
        input.location.region = u"us-east-1"_s;
        input.rule = dockerHub(
            u"arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/x-AbCdEf"_s);
        input.secret.value = SecretFacts{input.rule.credentialArn, u"ecr-pullthroughcache/x"_s, {}};
        const PreflightFinding secret = finding(evaluatePreflight(input), u"secret"_s);
        QCOMPARE(secret.status, Status::Failed);
        QVERIFY(secret.sentence.contains(u"eu-west-1"_s));
    }
};

QTEST_GUILESS_MAIN(TestPreflight)
#include "tst_preflight.moc"
