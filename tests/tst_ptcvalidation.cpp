// Client-side validation with the ECR model's exact constraints, and the registry rules.
#include "PtcValidation.h"

#include <QTest>

using namespace ecr;
using namespace ecr::ptc;
using namespace Qt::StringLiterals;

namespace {

const QString kArn
    = u"arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/docker-hub-AbCdEf"_s;

bool hasError(const QList<FieldError>& errors, Field field)
{
    return std::any_of(
        errors.cbegin(), errors.cend(), [field](const FieldError& e) { return e.field == field; });
}

} // namespace

class TestPtcValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prefix_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        // Accepted and rejected examples from the reference notes (checked there with Python
        // re.fullmatch against the model pattern).
        for (const char* ok : {"ecr-public", "docker-hub", "ROOT", "k8s", "my_ns/sub",
                 "thirdparty/registry.k8s.io", "foo/", "foo__bar", "foo--bar", "root"})
            QTest::newRow(ok) << QString::fromLatin1(ok) << true;
        for (const char* bad : {"Ab", "foo//bar", "foo___bar", "foo.-bar", "-foo", "foo-", "a",
                 "abcdefghijklmnopqrstuvwxyz01234", "with space"})
            QTest::newRow(bad) << QString::fromLatin1(bad) << false;
    }
    void prefix()
    {
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QCOMPARE(!checkField(Field::EcrRepositoryPrefix, value).has_value(), valid);
        QCOMPARE(!checkField(Field::UpstreamRepositoryPrefix, value).has_value(), valid);
    }

    void lengthMessagesSayTheLimit()
    {
        const auto tooShort = checkField(Field::EcrRepositoryPrefix, u"a"_s);
        QVERIFY(tooShort);
        QVERIFY(tooShort->message.contains(u"2"_s));
        const auto tooLong = checkField(Field::EcrRepositoryPrefix, QString(31, u'a'));
        QVERIFY(tooLong);
        QVERIFY(tooLong->message.contains(u"30"_s));
        QVERIFY(tooLong->message.contains(u"31"_s));
    }

    void registryId_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("12 digits") << u"123456789012"_s << true;
        QTest::newRow("11 digits") << u"12345678901"_s << false;
        QTest::newRow("13 digits (anchored)") << u"1234567890123"_s << false;
        QTest::newRow("letters") << u"12345678901a"_s << false;
    }
    void registryId()
    {
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QCOMPARE(!checkField(Field::RegistryId, value).has_value(), valid);
    }

    void credentialArn_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("aws") << kArn << true;
        QTest::newRow("china partition")
            << u"arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:ecr-pullthroughcache/x-AbCdEf"_s
            << true;
        QTest::newRow("wrong secret name")
            << u"arn:aws:secretsmanager:us-east-1:111122223333:secret:dockerhub-creds-AbCdEf1234"_s
            << false;
        QTest::newRow("too short") << u"arn:aws:secretsmanager:x"_s << false;
        QTest::newRow("too long") << kArn + QString(600, u'a') << false;
        QTest::newRow("iam role") << u"arn:aws:iam::111122223333:role/ecr-pull-through-cache-role"_s
                                  << false;
    }
    void credentialArn()
    {
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QCOMPARE(!checkField(Field::CredentialArn, value).has_value(), valid);
    }

    void customRoleArnHasOnlyAMaximum()
    {
        QVERIFY(!checkField(Field::CustomRoleArn, u"arn:aws:iam::111122223333:role/x"_s));
        QVERIFY(checkField(Field::CustomRoleArn, QString(2049, u'a')));
    }

    void createRules()
    {
        CreateRuleRequest ok{
            u"docker-hub"_s, u"registry-1.docker.io"_s, {}, u"docker-hub"_s, kArn, {}, {}};
        QVERIFY(validateCreate(ok).isEmpty());

        CreateRuleRequest noSecret = ok;
        noSecret.credentialArn.clear();
        QVERIFY(hasError(validateCreate(noSecret), Field::CredentialArn));

        CreateRuleRequest wrongUrl = ok;
        wrongUrl.upstreamRegistryUrl = u"docker.io"_s;
        QVERIFY(hasError(validateCreate(wrongUrl), Field::UpstreamRegistryUrl));

        CreateRuleRequest unsupported{u"harbor"_s, u"harbor.example.com"_s, {}, {}, {}, {}, {}};
        QVERIFY(hasError(validateCreate(unsupported), Field::UpstreamRegistryUrl));

        CreateRuleRequest publicWithSecret{
            u"ecr-public"_s, u"public.ecr.aws"_s, {}, u"ecr-public"_s, kArn, {}, {}};
        QVERIFY(hasError(validateCreate(publicWithSecret), Field::CredentialArn));

        CreateRuleRequest roleOnQuay{u"quay"_s, u"quay.io"_s, {}, u"quay"_s, {},
            u"arn:aws:iam::111122223333:role/r"_s, u"team-a"_s};
        const auto errors = validateCreate(roleOnQuay);
        QVERIFY(hasError(errors, Field::CustomRoleArn));
        QVERIFY(hasError(errors, Field::UpstreamRepositoryPrefix));

        CreateRuleRequest ecr{u"team-a"_s, u"111122223333.dkr.ecr.us-west-2.amazonaws.com"_s, {},
            u"ecr"_s, {}, u"arn:aws:iam::444455556666:role/r"_s, u"upstream-app"_s};
        QVERIFY(validateCreate(ecr).isEmpty());
        ecr.ecrRepositoryPrefix = u"ROOT"_s;
        QVERIFY(hasError(validateCreate(ecr), Field::UpstreamRepositoryPrefix));

        CreateRuleRequest azure{u"azure"_s, u"myregistry.azurecr.io"_s, {},
            u"azure-container-registry"_s, kArn, {}, {}};
        QVERIFY(validateCreate(azure).isEmpty());
        azure.upstreamRegistryUrl = u"<registry-name>.azurecr.io"_s;
        QVERIFY(hasError(validateCreate(azure), Field::UpstreamRegistryUrl));

        CreateRuleRequest missing;
        const auto required = validateCreate(missing);
        QVERIFY(hasError(required, Field::EcrRepositoryPrefix));
        QVERIFY(hasError(required, Field::UpstreamRegistryUrl));
    }

    void updateNeedsAnArn()
    {
        QVERIFY(hasError(validateUpdate({u"docker-hub"_s, {}, {}, {}}), Field::CredentialArn));
        QVERIFY(validateUpdate({u"docker-hub"_s, {}, kArn, {}}).isEmpty());
    }

    void describeLimits()
    {
        DescribeRulesRequest r;
        r.maxResults = 0;
        QVERIFY(hasError(validateDescribe(r), Field::MaxResults));
        r.maxResults = 1000;
        QVERIFY(validateDescribe(r).isEmpty());
        r.ecrRepositoryPrefixes = QStringList(101, u"ab"_s);
        QVERIFY(hasError(validateDescribe(r), Field::EcrRepositoryPrefix));
    }

    void everyRegistryHasAWorkingDefault()
    {
        QCOMPARE(upstreamRegistries().size(), 9);
        for (const auto& info : upstreamRegistries()) {
            QVERIFY(!checkField(Field::EcrRepositoryPrefix, info.defaultPrefix));
            QVERIFY(!checkField(Field::UpstreamRegistry, info.wireName));
            if (!info.defaultUrl.contains(u'<')) {
                QCOMPARE(upstreamRegistryForUrl(info.defaultUrl), info.registry);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestPtcValidation)
#include "tst_ptcvalidation.moc"
