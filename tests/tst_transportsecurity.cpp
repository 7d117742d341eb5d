// Plain http leaves this computer never: an http:// endpoint to another host is refused for ECR
// and for STS, from every place an endpoint can come from — the environment
// (AWS_ENDPOINT_URL_*), the AWS CLI's shared config (endpoint_url, [services] sections) and the
// app's own profiles — and the message names the setting. Also: "~" in a shared-config
// ca_bundle, and AWS_CA_BUNDLE. Nothing here touches the keychain.
#include "CredentialProfileDirectory.h"
#include "CredentialsTestSupport.h"
#include "EcrSession.h"
#include "KeychainStore.h"
#include "TestDir.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

const QString kRegion = u"us-east-1"_s;

void writeFile(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(text);
    file.close();
    ecr::test::recordSecretFixture(path);
}

// A directory over a temporary HOME and settings file; the keychain is never reached because
// every profile here gets its keys from the environment or the shared credentials file.
struct Fixture
{
    explicit Fixture(QProcessEnvironment extra = {})
        : settings(home.filePath(u"settings.ini"_s), QSettings::IniFormat)
        , store(settings)
        , keychain(KeychainStore::defaultService(), u"org.ecr-ptc-admin.test/"_s)
    {
        environment.insert(u"HOME"_s, home.path());
        environment.insert(u"AWS_ACCESS_KEY_ID"_s, kSentinelAccessKey);
        environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, kSentinelSecret);
        for (const QString& key : extra.keys())
            environment.insert(key, extra.value(key));
    }
    CredentialProfileDirectory& directory()
    {
        if (!m_directory) {
            CredentialResolverOptions options;
            options.stsRetry.backoffBase = std::chrono::milliseconds(2);
            options.stsRetry.backoffCap = std::chrono::milliseconds(20);
            m_directory = std::make_unique<CredentialProfileDirectory>(
                store, keychain, network, clock, environment, options);
        }
        return *m_directory;
    }
    // The ECR session the window would create for this profile, or its error.
    AwsError ecrError(const QString& entryId)
    {
        const Result<ConnectionTarget> target = awaitTask(directory().resolve(entryId, kRegion));
        if (!target)
            return target.error();
        const auto session = EcrSession::create(network, clock, target.value());
        if (session)
            return makeError(ErrorKind::Service, u"NoError"_s, u"the session was created"_s);
        return session.error();
    }
    // What STS says for this profile ("Test connection"), or its error.
    AwsError stsError(const QString& entryId)
    {
        const Result<CallerIdentity> identity
            = awaitTask(directory().testConnection(entryId, kRegion));
        if (identity)
            return makeError(ErrorKind::Service, u"NoError"_s, u"STS answered"_s);
        return identity.error();
    }

    ecr::test::TestDir home;
    QSettings settings;
    ProfileStore store;
    KeychainStore keychain;
    QNetworkAccessManager network;
    SystemClock clock;
    QProcessEnvironment environment;

private:
    std::unique_ptr<CredentialProfileDirectory> m_directory;
};

void expectRefused(const AwsError& error, const QString& setting)
{
    QCOMPARE(error.kind, ErrorKind::Configuration);
    QCOMPARE(error.code, u"InsecureEndpoint"_s);
    // The whole name: AWS_ENDPOINT_URL must not pass for AWS_ENDPOINT_URL_ECR.
    const QRegularExpression named(
        u"(?<!\\w)"_s + QRegularExpression::escape(setting) + u"(?!\\w)"_s);
    QVERIFY2(named.match(error.message).hasMatch(),
        qPrintable(u"'%1' not named in: %2"_s.arg(setting, error.message)));
    QCOMPARE(error.attempts, 0);
}

} // namespace

class TestTransportSecurity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromTheEnvironment()
    {
        QProcessEnvironment extra;
        extra.insert(u"AWS_ENDPOINT_URL_ECR"_s, u"http://192.0.2.10:4566"_s);
        extra.insert(u"AWS_ENDPOINT_URL_STS"_s, u"http://192.0.2.11:4566"_s);
        Fixture f(extra);
        expectRefused(f.ecrError(u"env"_s), u"AWS_ENDPOINT_URL_ECR"_s);
        expectRefused(f.stsError(u"env"_s), u"AWS_ENDPOINT_URL_STS"_s);
    }

    void fromTheGlobalEnvironmentVariable()
    {
        QProcessEnvironment extra;
        extra.insert(u"AWS_ENDPOINT_URL"_s, u"http://ecr.example.com"_s);
        Fixture f(extra);
        expectRefused(f.ecrError(u"env"_s), u"AWS_ENDPOINT_URL"_s);
        expectRefused(f.stsError(u"env"_s), u"AWS_ENDPOINT_URL"_s);
    }

    void fromTheSharedConfig()
    {
        Fixture f;
        const QString config = f.home.filePath(u".aws/config"_s);
        writeFile(config,
            "[profile dev]\nregion = us-east-1\nendpoint_url = http://192.0.2.20:4566\n"
            "[profile split]\nregion = us-east-1\nservices = lan\n"
            "[services lan]\nsts =\n  endpoint_url = http://192.0.2.21:4566\n"
            "ecr =\n  endpoint_url = http://192.0.2.22:4566\n");
        writeFile(f.home.filePath(u".aws/credentials"_s),
            "[dev]\naws_access_key_id = " + kSentinelAccessKey.toUtf8()
                + "\naws_secret_access_key = " + kSentinelSecret.toUtf8() + "\n[split]\n"
                + "aws_access_key_id = " + kSentinelAccessKey.toUtf8()
                + "\naws_secret_access_key = " + kSentinelSecret.toUtf8() + "\n");
        f.environment.remove(u"AWS_ACCESS_KEY_ID"_s);
        f.environment.remove(u"AWS_SECRET_ACCESS_KEY"_s);
        const QString globalSetting = u"endpoint_url of profile 'dev' in "_s + config;
        expectRefused(f.ecrError(u"shared:dev"_s), globalSetting);
        expectRefused(f.stsError(u"shared:dev"_s), globalSetting);
        expectRefused(f.ecrError(u"shared:split"_s), u"ecr.endpoint_url in [services lan]"_s);
        expectRefused(f.stsError(u"shared:split"_s), u"sts.endpoint_url in [services lan]"_s);
    }

    void fromAnAppProfile()
    {
        Fixture f;
        Profile profile;
        profile.name = u"legacy"_s;
        profile.region = kRegion;
        profile.source = CredentialSource::Environment;
        profile.endpointUrl = QUrl(u"http://192.0.2.30:4566"_s);
        // The editor refuses to save it...
        const Result<Profile> refused = f.store.save(profile);
        QVERIFY(!refused.ok());
        QVERIFY2(
            refused.error().message.contains(u"Plain http"_s), qPrintable(refused.error().message));
        // ...but settings written by hand (or by an older version) are refused at call time.
        profile.endpointUrl.clear();
        const Result<Profile> saved = f.store.save(profile);
        QVERIFY(saved.ok());
        const QString id = saved->id;
        f.settings.setValue(u"profiles/%1/endpointUrl"_s.arg(id), u"http://192.0.2.30:4566"_s);
        f.settings.setValue(u"profiles/%1/stsEndpointUrl"_s.arg(id), u"http://192.0.2.31:4566"_s);
        f.settings.sync();
        const QString entry = CredentialProfileDirectory::keychainEntryId(id);
        expectRefused(f.ecrError(entry), u"the ECR endpoint URL of profile 'legacy'"_s);
        expectRefused(f.stsError(entry), u"the STS endpoint URL of profile 'legacy'"_s);
    }

    void loopbackHttpStaysAllowed()
    {
        QProcessEnvironment extra;
        extra.insert(u"AWS_ENDPOINT_URL"_s, u"http://127.0.0.1:9"_s);
        Fixture f(extra);
        const AwsError ecr = f.ecrError(u"env"_s);
        QCOMPARE(ecr.code, u"NoError"_s); // the session is created; nothing listens there
        const AwsError sts = f.stsError(u"env"_s);
        QCOMPARE(sts.kind, ErrorKind::ConnectionRefused);
    }

    void caBundlePaths()
    {
        Fixture f;
        writeFile(f.home.filePath(u".aws/config"_s),
            "[profile tls]\nregion = us-east-1\nca_bundle = ~/certs/corp.pem\n"
            "aws_access_key_id = "
                + kSentinelAccessKey.toUtf8()
                + "\naws_secret_access_key = " + kSentinelSecret.toUtf8() + "\n");
        const std::optional<Profile> profile = f.directory().profileForEntry(u"shared:tls"_s);
        QVERIFY(profile.has_value());
        QCOMPARE(profile->caBundlePath, f.home.filePath(u"certs/corp.pem"_s));
        // The bundle does not exist: the error names the file before anything is sent.
        const AwsError missing = f.ecrError(u"shared:tls"_s);
        QCOMPARE(missing.kind, ErrorKind::Configuration);
        QVERIFY2(missing.message.contains(f.home.filePath(u"certs/corp.pem"_s)),
            qPrintable(missing.message));

        QProcessEnvironment extra;
        extra.insert(u"AWS_CA_BUNDLE"_s, u"/etc/ecr-test/none.pem"_s);
        Fixture g(extra);
        const std::optional<Profile> env = g.directory().profileForEntry(u"env"_s);
        QVERIFY(env.has_value());
        QCOMPARE(env->caBundlePath, u"/etc/ecr-test/none.pem"_s);
    }
};

QTEST_GUILESS_MAIN(TestTransportSecurity)
#include "tst_transportsecurity.moc"
