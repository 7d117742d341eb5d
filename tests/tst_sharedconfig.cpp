// The AWS CLI's ~/.aws/config and ~/.aws/credentials: real-world files (tests/data/aws-config),
// conversion to app profiles, malformed input with line numbers, and where the files are.
#include "SharedConfig.h"
#include "SharedConfigWriter.h"
#include "TestDir.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

QString dataPath(const QString& relative)
{
    return QStringLiteral(ECR_TEST_DATA_DIR) + u"/aws-config/"_s + relative;
}

SharedConfig loadData(const QString& directory)
{
    return SharedConfig::load(SharedConfigPaths{
        dataPath(directory + u"/config"_s), dataPath(directory + u"/credentials"_s), {}});
}

QStringList names(const SharedConfig& config)
{
    QStringList out;
    for (const SharedProfile& p : config.profiles())
        out.append(p.name);
    return out;
}

QStringList issueTexts(const SharedConfig& config)
{
    QStringList out;
    for (const SharedConfigIssue& issue : config.issues())
        out.append(issue.toString());
    return out;
}

} // namespace

class TestSharedConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsRealWorldFiles()
    {
        const SharedConfig config = loadData(u"realworld"_s);
        QVERIFY(config.configFileExists());
        QVERIFY(config.credentialsFileExists());
        QVERIFY2(config.issues().isEmpty(), qPrintable(issueTexts(config).join(u'\n')));
        QCOMPARE(names(config),
            QStringList({u"default"_s, u"dev"_s, u"admin"_s, u"chained"_s, u"ci"_s, u"vault"_s,
                u"sso-user"_s, u"local"_s, u"web"_s, u"self"_s, u"notes"_s, u"empty"_s,
                u"creds-only"_s}));
        QCOMPARE(config.ssoSessions(), QStringList{u"corp"_s});

        const SharedProfile* def = config.profile(u"default"_s);
        QVERIFY(def);
        QCOMPARE(def->value(u"region"_s), u"us-east-1"_s);
        QCOMPARE(def->value(u"output"_s), u"json"_s);
        QVERIFY(def->hasStaticKeys());
        QCOMPARE(def->staticKeys().accessKeyId, u"AKIAIOSFODNN7EXAMPLE"_s);
    }

    void commentsAndInlineComments()
    {
        const SharedConfig config = loadData(u"realworld"_s);
        const SharedProfile* admin = config.profile(u"admin"_s);
        QVERIFY(admin);
        QCOMPARE(admin->value(u"external_id"_s), u"partner-42"_s); // "; issued by…" dropped
        // The credentials file wins, inline "# Ireland" would otherwise be in the config value.
        const SharedProfile* dev = config.profile(u"dev"_s);
        QCOMPARE(dev->value(u"region"_s), u"eu-central-1"_s);
        QCOMPARE(dev->credentialsFileKeys,
            QStringList({u"aws_access_key_id"_s, u"aws_secret_access_key"_s, u"region"_s}));
        const SharedConfig configOnly = SharedConfig::parse(
            "[profile dev]\nregion = eu-west-1   # Ireland\nurl = http://x/#frag\n", {},
            SharedConfigPaths{u"config"_s, u"credentials"_s, {}});
        QCOMPARE(configOnly.profile(u"dev"_s)->value(u"region"_s), u"eu-west-1"_s);
        QCOMPARE(configOnly.profile(u"dev"_s)->value(u"url"_s), u"http://x/#frag"_s);
    }

    void caseInsensitiveKeys()
    {
        const SharedConfig config = loadData(u"realworld"_s);
        const SharedProfile* ci = config.profile(u"ci"_s);
        QCOMPARE(ci->value(u"role_arn"_s), u"arn:aws:iam::123456789012:role/CI"_s);
        QCOMPARE(ci->value(u"credential_source"_s), u"Environment"_s);
    }

    void continuationLines()
    {
        const SharedConfig config = loadData(u"realworld"_s);
        const SharedProfile* dev = config.profile(u"dev"_s);
        QCOMPARE(dev->value(u"s3.max_concurrent_requests"_s), u"10"_s);
        QCOMPARE(dev->value(u"s3.multipart_threshold"_s), u"64MB"_s);
        QCOMPARE(dev->value(u"s3"_s), QString());
        QVERIFY(dev->settings.contains(u"cli_pager"_s));
        QCOMPARE(config.profile(u"notes"_s)->value(u"description"_s), u"first line\nsecond line"_s);
        QCOMPARE(config.services(u"local-ecr"_s).value(u"ecr.endpoint_url"_s),
            u"http://127.0.0.1:4566"_s);
    }

    // `aws configure sso` output: the profile takes its sign-in from its [sso-session].
    void ssoProfilesUseTheirSession()
    {
        const SharedConfig config = loadData(u"realworld"_s);
        const SharedProfile* sso = config.profile(u"sso-user"_s);
        QVERIFY(sso);
        QVERIFY(sso->usesSso());
        QVERIFY(sso->notes.isEmpty());
        QCOMPARE(sso->value(u"region"_s), u"us-east-1"_s);
        const Result<Profile> converted = config.toProfile(u"sso-user"_s);
        QVERIFY2(converted.ok(), qPrintable(converted ? QString() : converted.error().message));
        QCOMPARE(converted->source, CredentialSource::Sso);
        QCOMPARE(converted->ssoSession, u"corp"_s);
        QCOMPARE(converted->ssoStartUrl, u"https://corp.awsapps.com/start"_s);
        QCOMPARE(converted->ssoRegion, u"us-east-1"_s);
        QCOMPARE(converted->ssoRegistrationScopes, QStringList{u"sso:account:access"_s});
        QCOMPARE(converted->ssoAccountId, u"123456789012"_s);
        QCOMPARE(converted->ssoRoleName, u"Admin"_s);
        QVERIFY(validateProfile(converted.value(), {}).isEmpty());
        // The sso-session section is not a profile, but its values are there.
        QVERIFY(!config.profile(u"corp"_s));
        QCOMPARE(config.ssoSessions(), QStringList{u"corp"_s});
        QCOMPARE(config.ssoSession(u"corp"_s).value(u"sso_region"_s), u"us-east-1"_s);
    }

    void ssoProfileShapes_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("error"); // a part of the message; empty: converts
        QTest::addColumn<QString>("startUrl");
        const QByteArray session = "[sso-session s]\nsso_start_url = https://s.awsapps.com/start\n"
                                   "sso_region = eu-west-1\n";
        QTest::newRow("legacy") << QByteArray("[profile p]\nsso_start_url = "
                                              "https://l.awsapps.com/start\nsso_region = "
                                              "eu-west-1\nsso_account_id = 111122223333\n"
                                              "sso_role_name = Dev\n")
                                << QString() << u"https://l.awsapps.com/start"_s;
        QTest::newRow("session values repeated") << QByteArray("[profile p]\nsso_session = s\n"
                                                               "sso_start_url = https://"
                                                               "s.awsapps.com/start\n"
                                                               "sso_account_id = 111122223333\n"
                                                               "sso_role_name = Dev\n")
                + session << QString() << u"https://s.awsapps.com/start"_s;
        QTest::newRow("inconsistent start URL")
            << QByteArray("[profile p]\nsso_session = s\nsso_start_url = https://other/start\n"
                          "sso_account_id = 111122223333\nsso_role_name = Dev\n")
                + session
            << u"sets sso_start_url 'https://other/start', but its sso-session 's'"_s << QString();
        QTest::newRow("inconsistent region")
            << QByteArray("[profile p]\nsso_session = s\nsso_region = us-east-1\n"
                          "sso_account_id = 111122223333\nsso_role_name = Dev\n")
                + session
            << u"sets sso_region 'us-east-1'"_s << QString();
        QTest::newRow("no such session")
            << QByteArray("[profile p]\nsso_session = gone\nsso_account_id = 111122223333\n"
                          "sso_role_name = Dev\n")
            << u"has no [sso-session gone] section"_s << QString();
        QTest::newRow("no role") << QByteArray("[profile p]\nsso_session = s\n"
                                               "sso_account_id = 111122223333\n")
                + session << u"lacks sso_account_id or sso_role_name"_s
                                 << QString();
        QTest::newRow("legacy without region")
            << QByteArray("[profile p]\nsso_start_url = https://l.awsapps.com/start\n"
                          "sso_account_id = 111122223333\nsso_role_name = Dev\n")
            << u"neither sso_session nor both sso_start_url and sso_region"_s << QString();
    }
    void ssoProfileShapes()
    {
        QFETCH(QByteArray, config);
        QFETCH(QString, error);
        QFETCH(QString, startUrl);
        const SharedConfig parsed
            = SharedConfig::parse(config, {}, SharedConfigPaths{u"config"_s, u"creds"_s, {}});
        const Result<Profile> profile = parsed.toProfile(u"p"_s);
        if (error.isEmpty()) {
            QVERIFY2(profile.ok(), qPrintable(profile ? QString() : profile.error().message));
            QCOMPARE(profile->source, CredentialSource::Sso);
            QCOMPARE(profile->ssoStartUrl, startUrl);
            QCOMPARE(profile->ssoRegion, u"eu-west-1"_s);
            QCOMPARE(profile->ssoAccountId, u"111122223333"_s);
        } else {
            QVERIFY(!profile.ok());
            QVERIFY2(profile.error().message.contains(error), qPrintable(profile.error().message));
        }
    }

    // Endpoints for the portal and OIDC come from [services] (sso, sso_oidc) or endpoint_url.
    void ssoEndpoints()
    {
        const SharedConfig parsed = SharedConfig::parse(
            "[profile p]\nsso_session = s\nsso_account_id = 111122223333\nsso_role_name = Dev\n"
            "services = emu\n[sso-session s]\nsso_start_url = https://s.awsapps.com/start\n"
            "sso_region = eu-west-1\n[services emu]\nsso =\n  endpoint_url = "
            "http://127.0.0.1:1\nsso_oidc =\n  endpoint_url = http://127.0.0.1:2\n",
            {}, SharedConfigPaths{u"config"_s, u"creds"_s, {}});
        const Result<Profile> profile = parsed.toProfile(u"p"_s);
        QVERIFY(profile.ok());
        QCOMPARE(profile->ssoEndpointUrl, QUrl(u"http://127.0.0.1:1"_s));
        QCOMPARE(profile->ssoOidcEndpointUrl, QUrl(u"http://127.0.0.1:2"_s));
        QVERIFY(profile->ssoOidcEndpointUrlOrigin.contains(u"sso_oidc.endpoint_url"_s));
    }

    // What "Add SSO profile" writes is what `aws configure sso` writes, and reads back the same.
    void ssoConfigTextIsTheClis()
    {
        Profile p;
        p.name = u"dev-admin"_s;
        p.region = u"eu-central-1"_s;
        p.source = CredentialSource::Sso;
        p.ssoSession = u"my-sso"_s;
        p.ssoStartUrl = u"https://my-sso-portal.awsapps.com/start"_s;
        p.ssoRegion = u"us-east-1"_s;
        p.ssoRegistrationScopes = {u"sso:account:access"_s};
        p.ssoAccountId = u"123456789011"_s;
        p.ssoRoleName = u"AdministratorAccess"_s;
        const QString text = ssoConfigText(p, true);
        QCOMPARE(text,
            u"\n[profile dev-admin]\nsso_session = my-sso\nsso_account_id = 123456789011\n"
            "sso_role_name = AdministratorAccess\nregion = eu-central-1\n\n[sso-session my-sso]\n"
            "sso_start_url = https://my-sso-portal.awsapps.com/start\nsso_region = us-east-1\n"
            "sso_registration_scopes = sso:account:access\n"_s);
        const SharedConfig parsed
            = SharedConfig::parse(text.toUtf8(), {}, SharedConfigPaths{u"config"_s, u"c"_s, {}});
        QVERIFY(parsed.issues().isEmpty());
        Result<Profile> back = parsed.toProfile(u"dev-admin"_s);
        QVERIFY(back.ok());
        for (auto field : {&Profile::ssoSession, &Profile::ssoStartUrl, &Profile::ssoRegion,
                 &Profile::ssoAccountId, &Profile::ssoRoleName, &Profile::region})
            QCOMPARE(back.value().*field, p.*field);
        QCOMPARE(back->ssoRegistrationScopes, p.ssoRegistrationScopes);

        // Once the session is in the file, only the profile is added; a clash is refused.
        bool withSession = true;
        p.name = u"dev-read"_s;
        QCOMPARE(ssoConfigConflict(parsed, p, &withSession), QString());
        QVERIFY(!withSession);
        QVERIFY(!ssoConfigText(p, withSession).contains(u"[sso-session"_s));
        p.name = u"dev-admin"_s;
        QVERIFY(ssoConfigConflict(parsed, p, &withSession).contains(u"'dev-admin' already"_s));
        p.name = u"other"_s;
        p.ssoRegion = u"eu-west-1"_s;
        QVERIFY(ssoConfigConflict(parsed, p, &withSession).contains(u"another portal or region"_s));
        // A legacy profile carries its own start URL and region.
        p.ssoSession.clear();
        const QString legacy = ssoConfigText(p, true);
        QVERIFY(legacy.contains(u"sso_start_url = https://my-sso-portal.awsapps.com/start\n"_s));
        QVERIFY(!legacy.contains(u"sso_session"_s));
    }

    void appendingKeepsTheFile()
    {
        ecr::test::TestDir home;
        const QString path = home.filePath(u"config"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[default]\r\nregion = us-east-1 # mine");
        file.close();
        QVERIFY(QFile::setPermissions(
            path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
        QVERIFY(appendToConfigFile(path, u"\n[profile x]\nregion = eu-west-1\n"_s).ok());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(),
            QByteArray(
                "[default]\r\nregion = us-east-1 # mine\n\n[profile x]\nregion = eu-west-1\n"));
        namespace fs = std::filesystem;
        QCOMPARE(fs::status(path.toStdString()).permissions() & fs::perms::mask,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
        // No file yet: made 0600, in a 0700 folder.
        const QString fresh = home.filePath(u"new/.aws/config"_s);
        QVERIFY(appendToConfigFile(fresh, u"\n[profile y]\n"_s).ok());
        QCOMPARE(fs::status(fresh.toStdString()).permissions() & fs::perms::mask,
            fs::perms::owner_read | fs::perms::owner_write);
        QCOMPARE(
            fs::status(home.filePath(u"new/.aws"_s).toStdString()).permissions() & fs::perms::mask,
            fs::perms::owner_all);
        QCOMPARE(
            QDir(home.filePath(u"new/.aws"_s)).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void convertsToProfiles()
    {
        const SharedConfig config = loadData(u"realworld"_s);

        const Result<Profile> dev = config.toProfile(u"dev"_s);
        QVERIFY(dev.ok());
        QCOMPARE(dev->id, u"shared:dev"_s);
        QCOMPARE(dev->source, CredentialSource::StaticKeys);
        QCOMPARE(dev->region, u"eu-central-1"_s);
        QCOMPARE(dev->mfaSerial, u"arn:aws:iam::123456789012:mfa/alice"_s);

        const Result<Profile> admin = config.toProfile(u"admin"_s);
        QVERIFY(admin.ok());
        QCOMPARE(admin->source, CredentialSource::AssumeRole);
        QCOMPARE(admin->roleArn, u"arn:aws:iam::123456789012:role/Admin"_s);
        QCOMPARE(admin->sourceProfile, u"shared:dev"_s);
        QCOMPARE(admin->durationSeconds, 7200);
        QCOMPARE(admin->sessionName, u"alice-admin"_s);
        QCOMPARE(admin->externalId, u"partner-42"_s);
        QCOMPARE(admin->mfaSerial, u"arn:aws:iam::123456789012:mfa/alice"_s);

        const Result<Profile> chained = config.toProfile(u"chained"_s);
        QCOMPARE(chained->sourceProfile, u"shared:admin"_s);
        QCOMPARE(chained->durationSeconds, Profile::kDefaultDurationSeconds);

        const Result<Profile> ci = config.toProfile(u"ci"_s);
        QVERIFY(ci->roleSourceIsEnvironment);
        QVERIFY(ci->sourceProfile.isEmpty());

        const Result<Profile> vault = config.toProfile(u"vault"_s);
        QCOMPARE(vault->source, CredentialSource::CredentialProcess);
        QCOMPARE(vault->credentialProcess,
            u"/usr/local/bin/aws-vault export --format=json \"dev profile\""_s);

        const Result<Profile> local = config.toProfile(u"local"_s);
        QCOMPARE(local->endpointUrl, QUrl(u"http://127.0.0.1:4566"_s));
        QCOMPARE(local->stsEndpointUrl, QUrl(u"http://127.0.0.1:4567"_s));

        const Result<Profile> self = config.toProfile(u"self"_s);
        QCOMPARE(self->sourceProfile, u"shared:self#keys"_s);

        const Result<Profile> credsOnly = config.toProfile(u"creds-only"_s);
        QCOMPARE(credsOnly->source, CredentialSource::StaticKeys);
        QCOMPARE(
            config.profile(u"creds-only"_s)->staticKeys().sessionToken, u"legacy-token-example"_s);

        const Result<Profile> web = config.toProfile(u"web"_s);
        QVERIFY(!web.ok());
        QVERIFY(web.error().message.contains(u"web_identity_token_file"_s));
        const Result<Profile> empty = config.toProfile(u"empty"_s);
        QVERIFY(!empty.ok());
        QVERIFY(empty.error().message.contains(u"no credentials"_s));
        QCOMPARE(config.toProfile(u"nobody"_s).error().code, u"UnknownProfile"_s);
        // Every converted profile the app can keep passes the app's own validation.
        QVERIFY(validateProfile(admin.value(), {}).isEmpty());
    }

    void crlfAndByteOrderMark()
    {
        const SharedConfig config = loadData(u"crlf"_s);
        QVERIFY2(config.issues().isEmpty(), qPrintable(issueTexts(config).join(u'\n')));
        QCOMPARE(names(config), QStringList({u"default"_s, u"crlf"_s}));
        QCOMPARE(config.profile(u"default"_s)->value(u"region"_s), u"eu-west-3"_s);
        QCOMPARE(config.profile(u"default"_s)->staticKeys().accessKeyId, u"AKIACRLFEXAMPLE00001"_s);
        QCOMPARE(config.profile(u"crlf"_s)->value(u"s3.max_concurrent_requests"_s), u"4"_s);
        QCOMPARE(config.toProfile(u"crlf"_s)->sourceProfile, u"shared:default"_s);
    }

    void malformedInputHasLineNumbers()
    {
        const SharedConfig config = loadData(u"malformed"_s);
        const QString file = dataPath(u"malformed/config"_s);
        const QList<SharedConfigIssue>& issues = config.issues();
        QCOMPARE(issues.size(), 5);
        QCOMPARE(issues[0].file, file);
        QCOMPARE(issues[0].line, 1);
        QVERIFY(issues[0].message.contains(u"outside a section"_s));
        QCOMPARE(issues[1].line, 4);
        QVERIFY(issues[1].message.contains(u"no closing ']'"_s));
        QCOMPARE(issues[2].line, 8);
        QVERIFY(issues[2].message.contains(u"this line has no equals sign"_s));
        QCOMPARE(issues[3].line, 10);
        QVERIFY(issues[3].message.contains(u"no name"_s));
        QCOMPARE(issues[4].line, 12);
        QVERIFY(issues[4].message.contains(u"[profile staging]"_s));
        QCOMPARE(issues[2].toString(), file + u":8: "_s + issues[2].message);
        // The rest still parses.
        QCOMPARE(names(config), QStringList({u"default"_s, u"ok"_s}));
        QCOMPARE(config.profile(u"default"_s)->value(u"region"_s), u"us-west-2"_s);
        QCOMPARE(config.profile(u"ok"_s)->value(u"region"_s), u"eu-north-1"_s);
        QCOMPARE(config.profile(u"ok"_s)->value(u"output"_s), u"text"_s);
    }

    void credentialsFileSections()
    {
        const SharedConfig config = SharedConfig::parse({},
            "[profile odd]\naws_access_key_id = A\naws_secret_access_key = B\n[plain]\nx = 1\n",
            SharedConfigPaths{u"config"_s, u"creds"_s, {}});
        QCOMPARE(names(config), QStringList({u"profile odd"_s, u"plain"_s}));
        QCOMPARE(config.issues().size(), 1);
        QCOMPARE(config.issues().first().line, 1);
        QCOMPARE(config.issues().first().file, u"creds"_s);
    }

    void duplicateKeysAndSections()
    {
        const SharedConfig config
            = SharedConfig::parse("[default]\nregion = a\nregion = b\n[default]\noutput = json\n",
                {}, SharedConfigPaths{u"config"_s, u"creds"_s, {}});
        QCOMPARE(config.profile(u"default"_s)->value(u"region"_s), u"b"_s);
        QCOMPARE(config.profile(u"default"_s)->value(u"output"_s), u"json"_s);
        QCOMPARE(config.issues().size(), 2);
        QCOMPARE(config.issues()[0].line, 3);
        QCOMPARE(config.issues()[1].line, 4);
    }

    void pathsFromTheEnvironment()
    {
        QProcessEnvironment env;
        env.insert(u"HOME"_s, u"/home/alice"_s);
        SharedConfigPaths paths = SharedConfigPaths::fromEnvironment(env);
        QCOMPARE(paths.config, u"/home/alice/.aws/config"_s);
        QCOMPARE(paths.credentials, u"/home/alice/.aws/credentials"_s);

        env.insert(u"AWS_CONFIG_FILE"_s, u"~/work/aws.ini"_s);
        env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, u"/etc/aws/credentials"_s);
        paths = SharedConfigPaths::fromEnvironment(env);
        QCOMPARE(paths.config, u"/home/alice/work/aws.ini"_s);
        QCOMPARE(paths.credentials, u"/etc/aws/credentials"_s);

        QProcessEnvironment windows;
        windows.insert(u"USERPROFILE"_s, u"C:/Users/bob"_s);
        QCOMPARE(SharedConfigPaths::fromEnvironment(windows).config, u"C:/Users/bob/.aws/config"_s);
        QProcessEnvironment drive;
        drive.insert(u"HOMEDRIVE"_s, u"D:"_s);
        drive.insert(u"HOMEPATH"_s, u"/Users/carol"_s);
        QCOMPARE(SharedConfigPaths::fromEnvironment(drive).credentials,
            u"D:/Users/carol/.aws/credentials"_s);
    }

    void missingFilesAreNoError()
    {
        const SharedConfig config = SharedConfig::load(
            SharedConfigPaths{u"/nonexistent/config"_s, u"/nonexistent/cr"_s, {}});
        QVERIFY(!config.configFileExists());
        QVERIFY(!config.credentialsFileExists());
        QVERIFY(config.profiles().isEmpty());
        QVERIFY(config.issues().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSharedConfig)
#include "tst_sharedconfig.moc"
