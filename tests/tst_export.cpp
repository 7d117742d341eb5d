// Export as code, golden: AWS CLI commands, Terraform (resources and import blocks) and
// CloudFormation for two sets — rules Debian's aws-cli 2.9 can express ("basic", which the
// awscli check runs against the sandbox to recreate the rules) and everything the models have
// ("full"). ECR_UPDATE_GOLDEN=1 writes the files instead (review the diff). The CloudFormation
// output is checked for the properties the resource schemas require.
#include "CodeExport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

PullThroughCacheRule makeRule(const QString& prefix, const QString& url, const QString& registry,
    const QString& secret = {}, const QString& role = {}, const QString& upstreamPrefix = {})
{
    PullThroughCacheRule r;
    r.ecrRepositoryPrefix = prefix;
    r.upstreamRegistryUrl = url;
    r.upstreamRegistry = registry;
    r.credentialArn = secret;
    r.customRoleArn = role;
    r.upstreamRepositoryPrefix = upstreamPrefix;
    return r;
}

ExportInput basic()
{
    return {{makeRule(u"ecr-public"_s, u"public.ecr.aws"_s, u"ecr-public"_s),
                makeRule(u"k8s"_s, u"registry.k8s.io"_s, u"k8s"_s),
                makeRule(u"quay"_s, u"quay.io"_s, u"quay"_s)},
        {}, u"us-east-1"_s};
}

ExportInput full()
{
    RepositoryCreationTemplate hub;
    hub.prefix = u"docker-hub"_s;
    hub.description = u"Docker Hub's cache: it's immutable"_s;
    hub.appliedFor = {u"PULL_THROUGH_CACHE"_s};
    hub.encryptionType = u"KMS"_s;
    hub.kmsKey = u"arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab"_s;
    hub.imageTagMutability = u"IMMUTABLE_WITH_EXCLUSION"_s;
    hub.exclusionFilters = {{u"WILDCARD"_s, u"latest"_s}};
    hub.resourceTags = {{u"cost-centre"_s, u"platform"_s}, {u"team"_s, u"${not-interpolated}"_s}};
    hub.lifecyclePolicy = u"{\"rules\": [{\"rulePriority\": 1, \"description\": \"Expire cached "
                          "images pushed more than 90 days ago\", \"selection\": {\"tagStatus\": "
                          "\"any\", \"countType\": \"sinceImagePushed\", \"countUnit\": \"days\", "
                          "\"countNumber\": 90}, \"action\": {\"type\": \"expire\"}}]}"_s;
    hub.customRoleArn = u"arn:aws:iam::111122223333:role/ecr-template"_s;
    RepositoryCreationTemplate root;
    root.prefix = u"ROOT"_s;
    root.appliedFor = {u"PULL_THROUGH_CACHE"_s, u"REPLICATION"_s};
    return {{makeRule(u"docker-hub"_s, u"registry-1.docker.io"_s, u"docker-hub"_s,
                 u"arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/"
                 "docker-hub-AbCdEf"_s),
                makeRule(u"team-a"_s, u"444455556666.dkr.ecr.us-east-1.amazonaws.com"_s, u"ecr"_s,
                    {}, u"arn:aws:iam::111122223333:role/ecr-pull-through-cache"_s, u"team"_s),
                makeRule(u"chainguard"_s, u"cgr.dev"_s, u"chainguard"_s,
                    u"arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/"
                    "chainguard-Zz9Yy8"_s)},
        {hub, root}, u"us-east-1"_s};
}

void compareGolden(const QString& name, const QString& actual)
{
    QFile file(QStringLiteral(ECR_TEST_DATA_DIR) + u"/export/"_s + name);
    if (qEnvironmentVariableIntValue("ECR_UPDATE_GOLDEN") == 1) {
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(actual.toUtf8());
        return;
    }
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QCOMPARE(actual, QString::fromUtf8(file.readAll()));
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void golden_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<ExportInput>("input");
        QTest::newRow("basic") << u"basic"_s << basic();
        QTest::newRow("full") << u"full"_s << full();
    }

    void golden()
    {
        QFETCH(QString, name);
        QFETCH(ExportInput, input);
        compareGolden(name + u".cli.sh"_s, exportAwsCli(input));
        compareGolden(name + u".tf"_s, exportTerraform(input));
        compareGolden(name + u".cfn.json"_s, exportCloudFormation(input));
    }

    void theCliSaysWhatItNeeds()
    {
        const QString b = exportAwsCli(basic());
        QVERIFY(b.contains(u"# requires aws-cli >= 2.4.3\n"_s));
        QVERIFY(!b.contains(u"--upstream-registry "_s)); // 2.9 knows only the 2021 flags
        const QString f = exportAwsCli(full());
        QVERIFY(f.contains(u"# requires aws-cli >= 2.27.57\n"_s)); // the exclusion filters
        QVERIFY(f.contains(u"--upstream-repository-prefix team"_s));
        QVERIFY(f.contains(u"--description 'Docker Hub'\\''s cache: it'\\''s immutable'"_s));
    }

    void terraformAdoptsWhatExists()
    {
        const QString tf = exportTerraform(full());
        QVERIFY(tf.contains(
            u"import {\n  to = aws_ecr_pull_through_cache_rule.docker_hub\n  id = \"docker-hub\"\n}\n"_s));
        QVERIFY(tf.contains(u"resource \"aws_ecr_repository_creation_template\" \"root\" {"_s));
        QVERIFY(tf.contains(u"\"$${not-interpolated}\""_s));
        QVERIFY(!tf.contains(u"upstream_registry "_s)); // no such argument
        QCOMPARE(terraformName(u"ecr-public/"_s), u"ecr_public"_s);
    }

    void cloudFormationHasWhatTheSchemasRequire()
    {
        const QJsonObject doc
            = QJsonDocument::fromJson(exportCloudFormation(full()).toUtf8()).object();
        const QJsonObject resources = doc.value(u"Resources"_s).toObject();
        QCOMPARE(resources.size(), 5);
        for (auto it = resources.begin(); it != resources.end(); ++it) {
            const QJsonObject r = it.value().toObject();
            const QJsonObject p = r.value(u"Properties"_s).toObject();
            if (r.value(u"Type"_s) == u"AWS::ECR::RepositoryCreationTemplate"_s) {
                QVERIFY(p.contains(u"Prefix"_s)); // required
                QVERIFY(!p.value(u"AppliedFor"_s).toArray().isEmpty()); // required
                if (p.contains(u"LifecyclePolicy"_s))
                    QVERIFY(p.value(u"LifecyclePolicy"_s).toString().size() >= 100);
                for (const QJsonValue& x :
                    p.value(u"ImageTagMutabilityExclusionFilters"_s).toArray())
                    QVERIFY(x.toObject().contains(u"ImageTagMutabilityExclusionFilterValue"_s));
            } else {
                QCOMPARE(r.value(u"Type"_s).toString(), u"AWS::ECR::PullThroughCacheRule"_s);
                QVERIFY(p.contains(u"EcrRepositoryPrefix"_s));
                QVERIFY(p.contains(u"UpstreamRegistryUrl"_s));
                QVERIFY(p.value(u"UpstreamRegistry"_s).toString() != u"chainguard"_s);
            }
        }
        QVERIFY(resources.contains(u"DockerHubPullThroughCacheRule"_s));
        QVERIFY(resources.contains(u"RootRepositoryCreationTemplate"_s));
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
