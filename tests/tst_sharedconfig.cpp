// The AWS CLI's ~/.aws/config and ~/.aws/credentials: real-world files (tests/data/aws-config),
// conversion to app profiles, malformed input with line numbers, and where the files are.
#include "SharedConfig.h"

#include <QTest>

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

    void ssoIsSkippedWithANote()
    {
        const SharedConfig config = loadData(u"realworld"_s);
        const SharedProfile* sso = config.profile(u"sso-user"_s);
        QVERIFY(sso);
        QVERIFY(sso->usesSso());
        QCOMPARE(sso->notes.size(), 1);
        QVERIFY(sso->notes.first().contains(u"IAM Identity Center (SSO)"_s));
        for (const QString& key : sso->settings.keys())
            QVERIFY2(!key.startsWith(u"sso_"_s), qPrintable(key));
        QCOMPARE(sso->value(u"region"_s), u"us-east-1"_s);
        const Result<Profile> converted = config.toProfile(u"sso-user"_s);
        QVERIFY(!converted.ok());
        QVERIFY(converted.error().message.contains(u"IAM Identity Center"_s));
        // The sso-session section is not a profile.
        QVERIFY(!config.profile(u"corp"_s));
        QVERIFY(config.profile(u"dev"_s)->notes.isEmpty());
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
