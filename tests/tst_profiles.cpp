// Profile validation rules and the ProfileStore (non-secret fields in QSettings).
#include "ProfileStore.h"
#include "TestDir.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

Profile roleProfile()
{
    Profile p;
    p.id = u"role-id"_s;
    p.name = u"admin"_s;
    p.region = u"eu-west-1"_s;
    p.source = CredentialSource::AssumeRole;
    p.roleArn = u"arn:aws:iam::123456789012:role/admin"_s;
    p.sourceProfile = u"base"_s;
    return p;
}

Profile baseProfile()
{
    Profile p;
    p.id = u"base-id"_s;
    p.name = u"base"_s;
    p.region = u"us-east-1"_s;
    return p;
}

QList<ProfileField> fields(const QList<ProfileIssue>& issues)
{
    QList<ProfileField> out;
    for (const ProfileIssue& issue : issues)
        out.append(issue.field);
    return out;
}

} // namespace

class TestProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validProfilesPass()
    {
        QVERIFY(validateProfile(baseProfile(), {}).isEmpty());
        QVERIFY(validateProfile(roleProfile(), {baseProfile()}).isEmpty());
        Profile process;
        process.name = u"sso-helper"_s;
        process.source = CredentialSource::CredentialProcess;
        process.credentialProcess = u"/usr/bin/aws-vault export --format=json dev"_s;
        QVERIFY(validateProfile(process, {}).isEmpty());
    }

    void eachRuleHasItsField_data()
    {
        QTest::addColumn<Profile>("profile");
        QTest::addColumn<ProfileField>("field");
        QTest::addColumn<QString>("messagePart");

        Profile p = baseProfile();
        p.name = QString();
        QTest::newRow("no name") << p << ProfileField::Name << u"name"_s;
        p = baseProfile();
        p.name = u" padded"_s;
        QTest::newRow("padded name") << p << ProfileField::Name << u"white space"_s;
        p = baseProfile();
        p.name = u"BASE"_s;
        p.id = u"other"_s;
        QTest::newRow("duplicate name") << p << ProfileField::Name << u"already exists"_s;
        p = baseProfile();
        p.region = u"moon-base-1"_s;
        QTest::newRow("unknown region") << p << ProfileField::Region << u"moon-base-1"_s;
        p = baseProfile();
        p.region = u"useast1"_s;
        QTest::newRow("region shape") << p << ProfileField::Region << u"useast1"_s;
        p = baseProfile();
        p.region = u"cn-north-1"_s;
        p.partition = u"aws"_s;
        QTest::newRow("partition mismatch") << p << ProfileField::Partition << u"aws-cn"_s;
        p = baseProfile();
        p.partition = u"aws-mars"_s;
        QTest::newRow("unknown partition") << p << ProfileField::Partition << u"aws-mars"_s;
        p = baseProfile();
        p.endpointUrl = QUrl(u"ftp://example.com"_s);
        QTest::newRow("endpoint scheme") << p << ProfileField::EndpointUrl << u"ftp"_s;
        p = baseProfile();
        p.caBundlePath = u"/nonexistent/ca.pem"_s;
        QTest::newRow("ca bundle") << p << ProfileField::CaBundlePath << u"/nonexistent/ca.pem"_s;
        p = baseProfile();
        p.mfaSerial = u"short"_s;
        QTest::newRow("mfa too short") << p << ProfileField::MfaSerial << u"MFA"_s;
        p = baseProfile();
        p.mfaSerial = u"arn:aws:iam::123456789012:mfa/with space"_s;
        QTest::newRow("mfa character") << p << ProfileField::MfaSerial << u"MFA"_s;

        p = roleProfile();
        p.roleArn = QString();
        QTest::newRow("no role") << p << ProfileField::RoleArn << u"ARN"_s;
        for (const QString& arn : {u"arn:aws:iam::12345:role/x"_s,
                 u"arn:aws:iam::123456789012:user/x"_s, u"arn:aws:sts::123456789012:role/x"_s,
                 u"arn:aws:iam::123456789012:role/"_s, u"role/admin"_s}) {
            p.roleArn = arn;
            QTest::addRow("role arn %s", qPrintable(arn)) << p << ProfileField::RoleArn << arn;
        }
        p = roleProfile();
        p.sourceProfile = QString();
        QTest::newRow("no source") << p << ProfileField::SourceProfile << u"Choose the profile"_s;
        p.sourceProfile = u"admin"_s;
        QTest::newRow("own source") << p << ProfileField::SourceProfile << u"own"_s;
        p.sourceProfile = u"nobody"_s;
        QTest::newRow("unknown source") << p << ProfileField::SourceProfile << u"nobody"_s;
        p = roleProfile();
        p.roleSourceIsEnvironment = true;
        QTest::newRow("both sources") << p << ProfileField::SourceProfile << u"not both"_s;
        p = roleProfile();
        p.durationSeconds = 899;
        QTest::newRow("duration low") << p << ProfileField::DurationSeconds << u"900"_s;
        p.durationSeconds = 43201;
        QTest::newRow("duration high") << p << ProfileField::DurationSeconds << u"43200"_s;
        p = roleProfile();
        p.externalId = u"x"_s;
        QTest::newRow("external id") << p << ProfileField::ExternalId << u"2 to 1224"_s;
        p = roleProfile();
        p.sessionName = u"has space"_s;
        QTest::newRow("session name") << p << ProfileField::SessionName << u"2 to 64"_s;
        p = baseProfile();
        p.source = CredentialSource::CredentialProcess;
        p.credentialProcess = u"   "_s;
        QTest::newRow("empty process") << p << ProfileField::CredentialProcess << u"command"_s;
        p.credentialProcess = u"helper 'unterminated"_s;
        QTest::newRow("open quote") << p << ProfileField::CredentialProcess << u"quote"_s;
    }
    void eachRuleHasItsField()
    {
        QFETCH(Profile, profile);
        QFETCH(ProfileField, field);
        QFETCH(QString, messagePart);
        const QList<ProfileIssue> issues = validateProfile(profile, {baseProfile()});
        QCOMPARE(fields(issues), QList<ProfileField>{field});
        QVERIFY2(issues.first().message.contains(messagePart, Qt::CaseInsensitive),
            qPrintable(issues.first().message));
    }

    void boundariesAreValid()
    {
        Profile p = roleProfile();
        p.durationSeconds = 900;
        QVERIFY(validateProfile(p, {baseProfile()}).isEmpty());
        p.durationSeconds = 43200;
        p.mfaSerial = u"GAHT12345678"_s;
        p.roleArn = u"arn:aws-cn:iam::123456789012:role/path/to/admin"_s;
        p.region = u"cn-north-1"_s;
        p.roleSourceIsEnvironment = true;
        p.sourceProfile = QString();
        QVERIFY(validateProfile(p, {}).isEmpty());
        QVERIFY(isValidRegionName(u"us-gov-west-1"_s));
        QVERIFY(isValidRegionName(u"eu-central-2"_s));
        QVERIFY(!isValidRegionName(QString()));
    }

    void storeRoundTripsEveryField()
    {
        ecr::test::TestDir dir;
        QSettings settings(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
        ProfileStore store(settings);
        QSignalSpy changed(&store, &ProfileStore::changed);

        const Result<Profile> base = store.save(baseProfile());
        QVERIFY(base.ok());
        Profile role = roleProfile();
        role.id = QString(); // the store assigns one
        role.partition = u"aws"_s;
        role.endpointUrl = QUrl(u"https://vpce-1.api.ecr.eu-west-1.vpce.amazonaws.com"_s);
        role.stsEndpointUrl = QUrl(u"https://sts.eu-west-1.amazonaws.com"_s);
        role.mfaSerial = u"arn:aws:iam::123456789012:mfa/alice"_s;
        role.externalId = u"ext-123"_s;
        role.durationSeconds = 7200;
        role.sessionName = u"me@example"_s;
        const Result<Profile> saved = store.save(role);
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
        QVERIFY(!saved->id.isEmpty());
        QCOMPARE(changed.size(), 2);

        ProfileStore reopened(settings);
        const std::optional<Profile> loaded = reopened.profile(saved->id);
        QVERIFY(loaded.has_value());
        role.id = saved->id;
        QVERIFY(*loaded == role);
        QCOMPARE(reopened.profileByName(u"base"_s)->id, u"base-id"_s);
        // Sorted by name.
        QCOMPARE(reopened.profiles().size(), 2);
        QCOMPARE(reopened.profiles().first().name, u"admin"_s);

        Profile process;
        process.name = u"proc"_s;
        process.source = CredentialSource::CredentialProcess;
        process.credentialProcess = u"helper --profile \"a b\""_s;
        const Result<Profile> savedProcess = store.save(process);
        QVERIFY(savedProcess.ok());
        QCOMPARE(store.profile(savedProcess->id)->credentialProcess, process.credentialProcess);
        QCOMPARE(store.profile(savedProcess->id)->source, CredentialSource::CredentialProcess);
    }

    void storeRefusesInvalidProfiles()
    {
        ecr::test::TestDir dir;
        QSettings settings(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
        ProfileStore store(settings);
        QVERIFY(store.save(baseProfile()).ok());
        QSignalSpy changed(&store, &ProfileStore::changed);
        Profile duplicate = baseProfile();
        duplicate.id = QString();
        duplicate.region = u"nowhere"_s;
        const Result<Profile> refused = store.save(duplicate);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::InvalidInput);
        QVERIFY(refused.error().message.contains(u"already exists"_s));
        QVERIFY(refused.error().message.contains(u"nowhere"_s));
        QCOMPARE(changed.size(), 0);
        QCOMPARE(store.profiles().size(), 1);
        Profile sharedId = baseProfile();
        sharedId.id = u"shared:x"_s;
        sharedId.name = u"x"_s;
        QVERIFY(!store.save(sharedId).ok());
    }

    void storeRemoves()
    {
        ecr::test::TestDir dir;
        QSettings settings(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
        ProfileStore store(settings);
        QVERIFY(store.save(baseProfile()).ok());
        QSignalSpy changed(&store, &ProfileStore::changed);
        QVERIFY(store.remove(u"base-id"_s));
        QVERIFY(!store.remove(u"base-id"_s));
        QCOMPARE(changed.size(), 1);
        QVERIFY(store.profiles().isEmpty());
        settings.sync();
        QFile file(dir.filePath(u"settings.ini"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("base"));
    }
};

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
