// The credential chain against the sandbox over loopback HTTP and the real keychain: STS
// AssumeRole with MFA, the shared MFA session, cached sessions and their refresh,
// credential_process, the chain's order, shared-file profiles and their import, and temporary
// credentials used for ECR calls.
#include "CredentialProcess.h"
#include "CredentialProfileDirectory.h"
#include "CredentialsTestSupport.h"
#include "EcrSession.h"
#include "SandboxServer.h"
#include "SandboxService.h"
#include "SessionCache.h"
#include "StaticKeyStore.h"
#include "TestDir.h"

#include <QCoroTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

const QString kAccount = u"123456789012"_s;
const QString kMfaSerial = u"arn:aws:iam::123456789012:mfa/sandbox-user"_s;
const QString kMfaCode = u"123456"_s;
const QString kRegion = u"us-east-1"_s;

QString roleArn(const QString& name)
{
    return u"arn:aws:iam::123456789012:role/"_s + name;
}

sigv4::Credentials sentinelKeys()
{
    return {kSentinelAccessKey, kSentinelSecret, {}};
}

struct HarnessOptions
{
    bool requireMfaForRoles = false;
    std::optional<std::chrono::seconds> lifetime;
    QProcessEnvironment environment;
};

// The sandbox (ECR + STS) on loopback, the real keychain under a test prefix, settings in a
// temporary folder, and a directory over them.
class Harness
{
public:
    explicit Harness(HarnessOptions options = {})
        : m_service(m_clock, sandboxConfig(options))
        , m_server(m_service)
        , m_keychain(KeychainStore::defaultService(), u"org.ecr-ptc-admin.test/"_s)
        , m_counting(m_keychain)
        , m_settings(m_dir.filePath(u"settings.ini"_s), QSettings::IniFormat)
        , m_store(m_settings)
        , m_environment(options.environment)
    {
        if (!m_server.listen())
            qFatal("sandbox failed to listen: %s", qPrintable(m_server.errorString()));
        if (!m_environment.contains(u"HOME"_s))
            m_environment.insert(u"HOME"_s, m_dir.path()); // no ~/.aws unless a test writes one
        m_directory = newDirectory();
    }

    std::unique_ptr<CredentialProfileDirectory> newDirectory()
    {
        CredentialResolverOptions options;
        options.stsRetry.backoffBase = std::chrono::milliseconds(2);
        options.stsRetry.backoffCap = std::chrono::milliseconds(20);
        options.processTimeout = std::chrono::milliseconds(5000);
        auto directory = std::make_unique<CredentialProfileDirectory>(
            m_store, m_counting, m_network, m_clock, m_environment, options);
        directory->setMfaPrompter(&prompter);
        return directory;
    }

    CredentialProfileDirectory& directory() { return *m_directory; }
    sandbox::SandboxService& service() { return m_service; }
    sandbox::SandboxServer& server() { return m_server; }
    QUrl url() const { return m_server.url(); }
    QNetworkAccessManager& network() { return m_network; }
    const Clock& clock() const { return m_clock; }
    void advanceClock(std::chrono::milliseconds by) { m_clock.advance(by); }
    KeychainStore& keychain() { return m_keychain; }
    // The access keys the directory stored for an app profile, read back from the store in use.
    Result<sigv4::Credentials> storedKeys(const QString& profileId)
    {
        StaticKeyStore keys(m_counting);
        return awaitTask(keys.read(profileId));
    }
    CountingSecretStore& counting() { return m_counting; }
    ProfileStore& store() { return m_store; }
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString settingsText()
    {
        m_settings.sync();
        QFile file(m_settings.fileName());
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }
    int sts(const char* action) const
    {
        return m_service.requestCount(QString::fromLatin1(action));
    }

    Profile sandboxProfile(const QString& name) const
    {
        Profile p;
        p.name = name;
        p.region = kRegion;
        p.endpointUrl = m_server.url();
        p.stsEndpointUrl = m_server.url();
        return p;
    }
    Profile addStatic(const QString& name, const QString& mfaSerial = {})
    {
        Profile p = sandboxProfile(name);
        p.mfaSerial = mfaSerial;
        return save(p, sentinelKeys());
    }
    Profile addRole(const QString& name, const QString& source, const QString& role,
        const QString& mfaSerial = {})
    {
        Profile p = sandboxProfile(name);
        p.source = CredentialSource::AssumeRole;
        p.roleArn = roleArn(role);
        p.sourceProfile = source;
        p.mfaSerial = mfaSerial;
        return save(p, std::nullopt);
    }
    Profile save(const Profile& p, std::optional<sigv4::Credentials> keys)
    {
        const Result<Profile> saved = awaitTask(m_directory->saveProfile(p, keys));
        if (!saved)
            qFatal("saving profile %s failed: %s", qPrintable(p.name),
                qPrintable(saved.error().message));
        return saved.value();
    }

    FakeMfaPrompter prompter;

private:
    static sandbox::SandboxConfig sandboxConfig(const HarnessOptions& options)
    {
        sandbox::SandboxConfig config;
        config.account = kAccount;
        config.keys = {{kSentinelAccessKey, kSentinelSecret}};
        config.mfaSerial = kMfaSerial;
        config.mfaCode = kMfaCode;
        config.requireMfaForRoles = options.requireMfaForRoles;
        config.stsCredentialLifetime = options.lifetime;
        return config;
    }

    ecr::test::TestDir m_dir;
    SteppingClock m_clock;
    sandbox::SandboxService m_service;
    sandbox::SandboxServer m_server;
    QNetworkAccessManager m_network;
    KeychainStore m_keychain;
    CountingSecretStore m_counting;
    QSettings m_settings;
    ProfileStore m_store;
    QProcessEnvironment m_environment;
    std::unique_ptr<CredentialProfileDirectory> m_directory;
};

QString message(const AwsError& error)
{
    return error.code + u": "_s + error.message;
}

template <typename T>
QString messageOf(const Result<T>& result)
{
    return result.ok() ? QString() : message(result.error());
}

// A keychain in memory whose writes land 50 ms after they were asked for, as a busy Secret
// Service's do: what forget() does meanwhile.
class SlowWritingStore final : public SecretStore
{
public:
    QCoro::Task<KeychainResult<QByteArray>> read(QString key) override
    {
        if (!values.contains(key))
            co_return KeychainResult<QByteArray>::failure(KeychainState::EntryMissing, {});
        QByteArray value = values.value(key);
        co_return KeychainResult<QByteArray>::success(value);
    }
    QCoro::Task<KeychainResult<Unit>> write(QString key, QByteArray value) override
    {
        ++writing;
        co_await QCoro::sleepFor(std::chrono::milliseconds(50));
        values.insert(key, value);
        --writing;
        co_return KeychainResult<Unit>::success(Unit{});
    }
    QCoro::Task<KeychainResult<Unit>> remove(QString key) override
    {
        values.remove(key);
        co_return KeychainResult<Unit>::success(Unit{});
    }
    QHash<QString, QByteArray> values;
    int writing = 0;
};

// Writes an executable script.
QString writeScript(const QTemporaryDir& dir, const QString& name, const QByteArray& body)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write("#!/bin/sh\n" + body);
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    ecr::test::recordSecretFixture(path);
    return path;
}

// The PID a test script wrote to `path`, once it is there (0 after 10 s without).
qint64 waitForPidFile(const QString& path)
{
    qint64 pid = 0;
    [[maybe_unused]] const bool written = QTest::qWaitFor(
        [&] {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                pid = file.readAll().trimmed().toLongLong();
            return pid > 0;
        },
        10000);
    return pid;
}

QString isoIn(qint64 seconds)
{
    return QDateTime::currentDateTimeUtc().addSecs(seconds).toString(Qt::ISODate);
}

int lineCount(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? int(file.readAll().count('\n')) : 0;
}

} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void assumeRoleWithMfa()
    {
        Harness h({true, {}, {}});
        const Profile base = h.addStatic(u"base"_s);
        const Profile role = h.addRole(u"admin"_s, base.id, u"Admin"_s, kMfaSerial);
        h.prompter.codes = {kMfaCode};

        const Result<ConnectionTarget> target = awaitTask(
            h.directory().resolve(CredentialProfileDirectory::keychainEntryId(role.id), QString()));
        QVERIFY2(target.ok(), qPrintable(messageOf(target)));
        QCOMPARE(target->region, kRegion);
        QCOMPARE(target->displayName, u"admin"_s);
        QCOMPARE(target->customEndpoint, h.url());
        QCOMPARE(target->accountId, kAccount);
        const Result<sigv4::Credentials> credentials
            = awaitTask(target->credentials->credentials());
        QVERIFY(credentials.ok());
        QVERIFY(credentials->accessKeyId.startsWith(u"ASIA"_s));
        QVERIFY(!credentials->sessionToken.isEmpty());
        QVERIFY(credentials->secretAccessKey != kSentinelSecret);

        QCOMPARE(h.prompter.asked, QStringList{u"admin|"_s + kMfaSerial});
        QCOMPARE(h.sts("GetSessionToken"), 1); // the MFA session of the source keys
        QCOMPARE(h.sts("AssumeRole"), 1);

        const Result<CallerIdentity> identity = awaitTask(
            h.directory().testConnection(CredentialProfileDirectory::keychainEntryId(role.id)));
        QVERIFY2(identity.ok(), qPrintable(messageOf(identity)));
        QCOMPARE(identity->account, kAccount);
        QVERIFY2(identity->arn.startsWith(
                     u"arn:aws:sts::123456789012:assumed-role/Admin/ecr-ptc-admin-"_s),
            qPrintable(identity->arn));
        QCOMPARE(h.sts("AssumeRole"), 1); // test connection used the cached role session
    }

    // Removing a profile removes every session made for it or with it: the role's own, the MFA
    // session of its source keys with the role's serial, and (for a source) its roles' sessions.
    void removingAProfileRemovesItsSessions()
    {
        Harness h;
        const Profile base = h.addStatic(u"base"_s);
        const Profile role = h.addRole(u"admin"_s, base.id, u"Admin"_s, kMfaSerial);
        const Profile reader = h.addRole(u"reader"_s, base.id, u"Reader"_s);
        h.prompter.codes = {kMfaCode};
        for (const Profile& p : {role, reader})
            QVERIFY(awaitTask(h.directory().credentials(p.id, kRegion)).ok());
        const QString roleSession
            = CredentialResolver::sessionKey(u"sts.AssumeRole"_s, role.id, kMfaSerial);
        const QString mfaSession
            = CredentialResolver::sessionKey(u"sts.GetSessionToken"_s, base.id, kMfaSerial);
        const QString readerSession
            = CredentialResolver::sessionKey(u"sts.AssumeRole"_s, reader.id, QString());
        for (const QString& key : {roleSession, mfaSession, readerSession})
            QVERIFY2(awaitTask(h.keychain().read(key)).ok(), qPrintable(key));

        QVERIFY(awaitTask(h.directory().removeProfile(role.id)).ok());
        QCOMPARE(awaitTask(h.keychain().read(roleSession)).state(), KeychainState::EntryMissing);
        QCOMPARE(awaitTask(h.keychain().read(mfaSession)).state(), KeychainState::EntryMissing);
        QVERIFY(awaitTask(h.keychain().read(readerSession)).ok()); // not made with admin

        // A chain of roles (base → reader → chained): removing base removes chained's too.
        const Profile chained = h.addRole(u"chained"_s, reader.id, u"Writer"_s);
        QVERIFY(awaitTask(h.directory().credentials(chained.id, kRegion)).ok());
        const QString chainedSession
            = CredentialResolver::sessionKey(u"sts.AssumeRole"_s, chained.id, QString());
        QVERIFY(awaitTask(h.keychain().read(chainedSession)).ok());

        QVERIFY(awaitTask(h.directory().removeProfile(base.id)).ok());
        QCOMPARE(awaitTask(h.keychain().read(readerSession)).state(), KeychainState::EntryMissing);
        QCOMPARE(awaitTask(h.keychain().read(chainedSession)).state(), KeychainState::EntryMissing);
    }

    void aSessionForgottenWhileStoredIsNotKept()
    {
        SteppingClock clock;
        SlowWritingStore store;
        SessionCache cache(store, clock, std::chrono::seconds(300));
        const SessionCache::Fetch fetch
            = [&clock](CancelToken) -> QCoro::Task<Result<TemporaryCredentials>> {
            TemporaryCredentials session;
            session.credentials = sentinelKeys();
            session.credentials.sessionToken = u"EXAMPLETOKENSENTINEL"_s;
            session.expiration = clock.now().addSecs(3600);
            co_return session;
        };
        // Undisturbed, the session lands in the keychain.
        const QString kept = SessionCache::keyFor(u"sts.AssumeRole"_s, u"p1"_s, {});
        QVERIFY(awaitTask(cache.get(kept, QByteArray("fp"), fetch, CancelToken())).ok());
        QVERIFY(store.values.contains(kept));

        // forget() while the write is on its way: the entry must not stay behind.
        const QString key = SessionCache::keyFor(u"sts.AssumeRole"_s, u"p2"_s, {});
        auto pending = cache.get(key, QByteArray("fp"), fetch, CancelToken());
        QTRY_VERIFY(store.writing > 0);
        QVERIFY(awaitTask(cache.forget({key})).ok());
        awaitTask(std::move(pending));
        QTRY_VERIFY(store.writing == 0);
        QTest::qWait(20);
        QVERIFY2(!store.values.contains(key), "a forgotten session stayed in the keychain");
        QVERIFY(store.values.contains(kept));
    }

    void roleWithoutMfaIsRefusedWhenTheRoleNeedsIt()
    {
        Harness h({true, {}, {}});
        const Profile base = h.addStatic(u"base"_s);
        const Profile role = h.addRole(u"admin"_s, base.id, u"Admin"_s);
        const Result<TemporaryCredentials> result
            = awaitTask(h.directory().credentials(role.id, kRegion));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, u"AccessDenied"_s);
        QCOMPARE(result.error().httpStatus, 403);
        QVERIFY(result.error().message.contains(u"sts:AssumeRole"_s));
        QVERIFY(h.prompter.asked.isEmpty());
    }

    void wrongMfaCodeIsAnError()
    {
        Harness h({true, {}, {}});
        const Profile base = h.addStatic(u"base"_s);
        const Profile role = h.addRole(u"admin"_s, base.id, u"Admin"_s, kMfaSerial);
        h.prompter.codes = {u"000000"_s};
        const Result<TemporaryCredentials> wrong
            = awaitTask(h.directory().credentials(role.id, kRegion));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().kind, ErrorKind::Service);
        QCOMPARE(wrong.error().code, u"AccessDenied"_s);
        QCOMPARE(wrong.error().message,
            u"MultiFactorAuthentication failed with invalid MFA one time pass code."_s);
        QVERIFY(!wrong.error().requestId.isEmpty());
        QCOMPARE(h.sts("AssumeRole"), 0);

        // Nothing bad was cached: the right code works.
        h.prompter.codes = {kMfaCode};
        const Result<TemporaryCredentials> right
            = awaitTask(h.directory().credentials(role.id, kRegion));
        QVERIFY2(right.ok(), qPrintable(messageOf(right)));
        QCOMPARE(h.prompter.asked.size(), 2);
    }

    void cancelledOrMalformedMfaCode()
    {
        Harness h;
        const Profile base = h.addStatic(u"base"_s);
        const Profile role = h.addRole(u"admin"_s, base.id, u"Admin"_s, kMfaSerial);
        const Result<TemporaryCredentials> cancelled
            = awaitTask(h.directory().credentials(role.id, kRegion));
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().kind, ErrorKind::Cancelled);
        QCOMPARE(cancelled.error().code, u"MfaCancelled"_s);
        h.prompter.codes = {u"12345"_s};
        const Result<TemporaryCredentials> malformed
            = awaitTask(h.directory().credentials(role.id, kRegion));
        QCOMPARE(malformed.error().code, u"InvalidMfaCode"_s);
        QCOMPARE(h.sts("GetSessionToken"), 0);
        h.directory().setMfaPrompter(nullptr);
        const Result<TemporaryCredentials> noPrompt
            = awaitTask(h.directory().credentials(role.id, kRegion));
        QCOMPARE(noPrompt.error().code, u"MfaPromptUnavailable"_s);
    }

    void mfaOnAssumeRoleWhenTheSourceIsTemporary()
    {
        // Session credentials (no MFA) in the environment: the MFA code goes on AssumeRole.
        QNetworkAccessManager network;
        Harness bootstrap({true, {}, {}});
        StsConfig config;
        config.region = kRegion;
        config.customEndpoint = bootstrap.url();
        StsClient sts(bootstrap.network(), bootstrap.clock(), config);
        const Result<TemporaryCredentials> session
            = awaitTask(sts.getSessionToken(sentinelKeys(), {}));
        QVERIFY2(session.ok(), qPrintable(messageOf(session)));
        QCOMPARE(bootstrap.sts("GetSessionToken"), 1);

        QProcessEnvironment env;
        env.insert(u"AWS_ACCESS_KEY_ID"_s, session->credentials.accessKeyId);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, session->credentials.secretAccessKey);
        env.insert(u"AWS_SESSION_TOKEN"_s, session->credentials.sessionToken);
        HarnessOptions options{true, {}, env};
        Harness h(options);
        // The second harness has its own sandbox: point the role at the first one.
        Profile role = bootstrap.sandboxProfile(u"env-admin"_s);
        role.source = CredentialSource::AssumeRole;
        role.roleArn = roleArn(u"Admin"_s);
        role.roleSourceIsEnvironment = true;
        role.mfaSerial = kMfaSerial;
        role = h.save(role, std::nullopt);
        h.prompter.codes = {kMfaCode};
        const Result<TemporaryCredentials> assumed
            = awaitTask(h.directory().credentials(role.id, kRegion));
        QVERIFY2(assumed.ok(), qPrintable(messageOf(assumed)));
        QCOMPARE(h.prompter.asked.size(), 1);
        QCOMPARE(bootstrap.sts("AssumeRole"), 1);
        QCOMPARE(bootstrap.sts("GetSessionToken"), 1); // none from the resolver
    }

    void cachedSessionIsReused()
    {
        Harness h;
        const Profile base = h.addStatic(u"base"_s);
        const Profile role = h.addRole(u"reader"_s, base.id, u"Reader"_s);
        const QString entry = CredentialProfileDirectory::keychainEntryId(role.id);
        const Result<ConnectionTarget> first = awaitTask(h.directory().resolve(entry, kRegion));
        QVERIFY2(first.ok(), qPrintable(messageOf(first)));
        const Result<ConnectionTarget> second = awaitTask(h.directory().resolve(entry, kRegion));
        QVERIFY(second.ok());
        QCOMPARE(h.sts("AssumeRole"), 1);

        // The session is in the keychain with its expiry...
        const KeychainResult<QByteArray> stored = awaitTask(h.keychain().read(
            CredentialResolver::sessionKey(u"sts.AssumeRole"_s, role.id, QString())));
        QVERIFY(stored.ok());
        const std::optional<StoredCredentials> parsed = fromKeychainJson(stored.value());
        QVERIFY(parsed.has_value());
        QVERIFY(parsed->credentials.expires());
        QVERIFY(parsed->credentials.credentials.accessKeyId.startsWith(u"ASIA"_s));

        // ...so a fresh directory (an app restart) uses it without calling STS.
        const auto restarted = h.newDirectory();
        const int readsBefore = h.counting().reads;
        const Result<ConnectionTarget> third = awaitTask(restarted->resolve(entry, kRegion));
        QVERIFY2(third.ok(), qPrintable(messageOf(third)));
        QCOMPARE(h.sts("AssumeRole"), 1);
        QVERIFY(h.counting().reads > readsBefore);
        const Result<sigv4::Credentials> a = awaitTask(first->credentials->credentials());
        const Result<sigv4::Credentials> b = awaitTask(third->credentials->credentials());
        QVERIFY(a->accessKeyId == b->accessKeyId);

        // A changed role must not reuse the old role's session.
        Profile changed = role;
        changed.roleArn = roleArn(u"Writer"_s);
        h.save(changed, std::nullopt);
        const Result<TemporaryCredentials> writer
            = awaitTask(restarted->credentials(role.id, kRegion));
        QVERIFY(writer.ok());
        QCOMPARE(h.sts("AssumeRole"), 2);

        // Nor a session another STS issued: the same role, its sessions now from another
        // endpoint (here the same sandbox by another name), is assumed again there.
        Profile moved = changed;
        QUrl elsewhere = moved.stsEndpointUrl;
        elsewhere.setHost(u"localhost"_s);
        moved.stsEndpointUrl = elsewhere;
        h.save(moved, std::nullopt);
        const Result<TemporaryCredentials> issuedThere
            = awaitTask(restarted->credentials(role.id, kRegion));
        QVERIFY2(issuedThere.ok(), qPrintable(messageOf(issuedThere)));
        QCOMPARE(h.sts("AssumeRole"), 3);
        const Result<TemporaryCredentials> reused
            = awaitTask(restarted->credentials(role.id, kRegion));
        QVERIFY(reused.ok());
        QCOMPARE(h.sts("AssumeRole"), 3); // and cached for that issuer
    }

    void refreshesNearExpiry()
    {
        // 303 s of life: fresh for 3 s, then inside the 5-minute refresh margin.
        Harness h({false, std::chrono::seconds(303), {}});
        const Profile base = h.addStatic(u"base"_s);
        const Profile role = h.addRole(u"reader"_s, base.id, u"Reader"_s);
        const Result<ConnectionTarget> target = awaitTask(
            h.directory().resolve(CredentialProfileDirectory::keychainEntryId(role.id), kRegion));
        QVERIFY2(target.ok(), qPrintable(messageOf(target)));
        const Result<sigv4::Credentials> first = awaitTask(target->credentials->credentials());
        const Result<sigv4::Credentials> again = awaitTask(target->credentials->credentials());
        QVERIFY(first->accessKeyId == again->accessKeyId);
        QCOMPARE(h.sts("AssumeRole"), 1);

        h.advanceClock(std::chrono::milliseconds(3500));
        const Result<sigv4::Credentials> renewed = awaitTask(target->credentials->credentials());
        QVERIFY(renewed.ok());
        QVERIFY(renewed->accessKeyId != first->accessKeyId);
        QCOMPARE(h.sts("AssumeRole"), 2);

        // The renewed credentials work for ECR through the same provider.
        const auto session = EcrSession::create(h.network(), h.clock(), target.value());
        QVERIFY(session.ok());
        const auto rules = awaitTask(session.value()->client().describeAllRules({}));
        QVERIFY2(rules.ok(), qPrintable(messageOf(rules)));
    }

    void oneMfaSessionForEveryProfileWithTheDevice()
    {
        Harness h({true, {}, {}});
        const Profile base = h.addStatic(u"base"_s);
        const Profile admin = h.addRole(u"admin"_s, base.id, u"Admin"_s, kMfaSerial);
        const Profile reader = h.addRole(u"reader"_s, base.id, u"Reader"_s, kMfaSerial);
        h.prompter.codes = {kMfaCode, kMfaCode};
        QVERIFY(awaitTask(h.directory().credentials(admin.id, kRegion)).ok());
        QVERIFY(awaitTask(h.directory().credentials(reader.id, kRegion)).ok());
        QCOMPARE(h.prompter.asked.size(), 1);
        QCOMPARE(h.sts("GetSessionToken"), 1);
        QCOMPARE(h.sts("AssumeRole"), 2);

        // Concurrent requests share one fetch and one prompt as well.
        Harness c({true, {}, {}});
        const Profile cBase = c.addStatic(u"base"_s);
        const Profile one = c.addRole(u"one"_s, cBase.id, u"One"_s, kMfaSerial);
        const Profile two = c.addRole(u"two"_s, cBase.id, u"Two"_s, kMfaSerial);
        c.prompter.codes = {kMfaCode, kMfaCode};
        auto first = c.directory().credentials(one.id, kRegion);
        auto second = c.directory().credentials(two.id, kRegion);
        QVERIFY(awaitTask(std::move(first)).ok());
        QVERIFY(awaitTask(std::move(second)).ok());
        QCOMPARE(c.prompter.asked.size(), 1);
        QCOMPARE(c.sts("GetSessionToken"), 1);

        // A restarted app finds the MFA session in the keychain: no prompt at all.
        Harness& same = h;
        const auto restarted = same.newDirectory();
        const Profile third = same.addRole(u"third"_s, base.id, u"Third"_s, kMfaSerial);
        QVERIFY(awaitTask(restarted->credentials(third.id, kRegion)).ok());
        QCOMPARE(same.prompter.asked.size(), 1);
        QCOMPARE(same.sts("GetSessionToken"), 1);
    }

    void staticKeysWithMfaMakeAnMfaSession()
    {
        Harness h;
        const Profile base = h.addStatic(u"mfa-user"_s, kMfaSerial);
        h.prompter.codes = {kMfaCode};
        const Result<TemporaryCredentials> session
            = awaitTask(h.directory().credentials(base.id, kRegion));
        QVERIFY2(session.ok(), qPrintable(messageOf(session)));
        QVERIFY(session->credentials.accessKeyId.startsWith(u"ASIA"_s));
        QVERIFY(session->expires());
        QCOMPARE(h.sts("GetSessionToken"), 1);
    }

    void commandLinesSplitLikeAShell_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("plain") << u"aws-vault export --format=json dev"_s
                               << QStringList{
                                      u"aws-vault"_s, u"export"_s, u"--format=json"_s, u"dev"_s};
        QTest::newRow("double") << u"\"/opt/my tools/helper\" \"a \\\"b\\\" c\""_s
                                << QStringList{u"/opt/my tools/helper"_s, u"a \"b\" c"_s};
        QTest::newRow("single") << u"sh -c 'echo \"$HOME\" | cat'"_s
                                << QStringList{u"sh"_s, u"-c"_s, u"echo \"$HOME\" | cat"_s};
        QTest::newRow("escapes") << u"a\\ b c\\\\d"_s << QStringList{u"a b"_s, u"c\\d"_s};
        QTest::newRow("joined") << u"--x='1 2'\"3\"4"_s << QStringList{u"--x=1 234"_s};
        QTest::newRow("empty quotes")
            << u"cmd '' \"\""_s << QStringList{u"cmd"_s, QString(), QString()};
        QTest::newRow("blank") << u"   "_s << QStringList();
    }
    void commandLinesSplitLikeAShell()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, words);
        const std::optional<QStringList> split = CredentialProcess::splitCommandLine(line);
        QVERIFY(split.has_value());
        QCOMPARE(*split, words);
        QVERIFY(!CredentialProcess::splitCommandLine(u"cmd 'open"_s));
        QVERIFY(!CredentialProcess::splitCommandLine(u"cmd \"open"_s));
        QVERIFY(!CredentialProcess::splitCommandLine(u"cmd \\"_s));
    }

    void credentialProcessOutputs()
    {
        ecr::test::TestDir dir;
        CredentialProcessOptions options;
        options.timeout = std::chrono::milliseconds(5000);
        const QString expiry = isoIn(3600);
        const QString good = writeScript(dir, u"good.sh"_s,
            "printf '%s' '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCESSEXAMPLE01\", "
            "\"SecretAccessKey\": \"process-EXAMPLESECRETSENTINEL\", \"SessionToken\": "
            "\"EXAMPLETOKENSENTINEL-process\", "
            "\"Expiration\": \""
                + expiry.toUtf8() + "\", \"AccountId\": \"123456789012\"}'\n");
        // Quoting as a shell splits it, but no shell runs: "$(id)" stays literal.
        const QString echo = writeScript(dir, u"echo args.sh"_s,
            "printf '{\"Version\": 1, \"AccessKeyId\": \"%s\", \"SecretAccessKey\": "
            "\"EXAMPLESECRETSENTINEL\"}' "
            "\"$1\"\n");
        const Result<TemporaryCredentials> ok = awaitTask(CredentialProcess::run(good, options));
        QVERIFY2(ok.ok(), qPrintable(messageOf(ok)));
        QCOMPARE(ok->credentials.accessKeyId, u"AKIAPROCESSEXAMPLE01"_s);
        QVERIFY(ok->credentials.secretAccessKey == u"process-EXAMPLESECRETSENTINEL"_s);
        QVERIFY(ok->credentials.sessionToken == u"EXAMPLETOKENSENTINEL-process"_s);
        QCOMPARE(ok->expiration, parseIsoTimestamp(expiry));
        QCOMPARE(ok->accountId, kAccount);
        const Result<TemporaryCredentials> quoted
            = awaitTask(CredentialProcess::run(u"\""_s + echo + u"\" '$(id) a b'"_s, options));
        QVERIFY2(quoted.ok(), qPrintable(messageOf(quoted)));
        QCOMPARE(quoted->credentials.accessKeyId, u"$(id) a b"_s);
        QVERIFY(!quoted->expires());

        const QString version2 = writeScript(dir, u"v2.sh"_s,
            "echo '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": "
            "\"EXAMPLESECRETSENTINEL\"}'\n");
        const Result<TemporaryCredentials> v2
            = awaitTask(CredentialProcess::run(version2, options));
        QVERIFY(!v2.ok());
        QVERIFY2(v2.error().message.contains(u"Version 2"_s), qPrintable(v2.error().message));

        const QString failing = writeScript(dir, u"fail.sh"_s,
            "echo 'partial output'\necho '  Error: profile \"dev\" not found in vault  ' >&2\n"
            "exit 1\n");
        const Result<TemporaryCredentials> failed
            = awaitTask(CredentialProcess::run(failing, options));
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, u"CredentialProcessFailed"_s);
        QVERIFY2(
            failed.error().message.contains(u"status 1"_s), qPrintable(failed.error().message));
        QVERIFY(failed.error().message.contains(
            u"It said: Error: profile \"dev\" not found in vault"_s));
        QVERIFY(!failed.error().message.contains(u"partial output"_s));

        const QString noisy = writeScript(dir, u"noisy.sh"_s,
            "i=0; while [ $i -lt 300 ]; do printf 'noise ' >&2; i=$((i+1)); done\nexit 3\n");
        const Result<TemporaryCredentials> capped
            = awaitTask(CredentialProcess::run(noisy, options));
        QVERIFY(capped.error().message.size() < CredentialProcess::kMaxStderr + 200);

        const QString badJson = writeScript(dir, u"bad.sh"_s, "echo 'not json'\n");
        QVERIFY(awaitTask(CredentialProcess::run(badJson, options))
                    .error()
                    .message.contains(u"JSON"_s));

        const QString sleeper = writeScript(dir, u"sleep.sh"_s, "exec sleep 30\n");
        options.timeout = std::chrono::milliseconds(400);
        QElapsedTimer timer;
        timer.start();
        const Result<TemporaryCredentials> slow
            = awaitTask(CredentialProcess::run(sleeper, options));
        QVERIFY(!slow.ok());
        QCOMPARE(slow.error().kind, ErrorKind::Timeout);
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));

        const Result<TemporaryCredentials> missing
            = awaitTask(CredentialProcess::run(dir.filePath(u"nope"_s), options));
        QVERIFY(missing.error().message.contains(u"could not be started"_s));
        QVERIFY(awaitTask(CredentialProcess::run(u"  "_s, options))
                    .error()
                    .message.contains(u"empty"_s));
    }

    // Each part of the output the app needs, missing or malformed, is named in the error; an
    // output that is fine apart from an unknown member still works.
    void credentialProcessOutputProblems_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<QString>("message");
        QTest::newRow("no Version")
            << R"({"AccessKeyId": "AKIAPROCESSEXAMPLE01", "SecretAccessKey": "EXAMPLESECRETSENTINEL"})"_ba
            << u"has no Version"_s;
        QTest::newRow("Version as text")
            << R"({"Version": "1", "AccessKeyId": "AKIAPROCESSEXAMPLE01", "SecretAccessKey": "EXAMPLESECRETSENTINEL"})"_ba
            << u"Version that is not a number"_s;
        QTest::newRow("no AccessKeyId")
            << R"({"Version": 1, "SecretAccessKey": "EXAMPLESECRETSENTINEL"})"_ba
            << u"has no AccessKeyId"_s;
        QTest::newRow("empty AccessKeyId")
            << R"({"Version": 1, "AccessKeyId": "", "SecretAccessKey": "EXAMPLESECRETSENTINEL"})"_ba
            << u"has no AccessKeyId"_s;
        QTest::newRow("no SecretAccessKey")
            << R"({"Version": 1, "AccessKeyId": "AKIAPROCESSEXAMPLE01"})"_ba
            << u"has no SecretAccessKey"_s;
        QTest::newRow("Expiration not a time")
            << R"({"Version": 1, "AccessKeyId": "AKIAPROCESSEXAMPLE01", "SecretAccessKey": "EXAMPLESECRETSENTINEL", "Expiration": "tomorrow"})"_ba
            << u"Expiration that is not an ISO 8601"_s;
        QTest::newRow("Expiration a number")
            << R"({"Version": 1, "AccessKeyId": "AKIAPROCESSEXAMPLE01", "SecretAccessKey": "EXAMPLESECRETSENTINEL", "Expiration": 1718000000})"_ba
            << u"Expiration that is not an ISO 8601"_s;
        QTest::newRow("an array") << "[1]"_ba << u"did not print a JSON object"_s;
        QTest::newRow("nothing") << QByteArray() << u"did not print a JSON object"_s;
    }
    void credentialProcessOutputProblems()
    {
        QFETCH(QByteArray, output);
        QFETCH(QString, message);
        const Result<TemporaryCredentials> parsed = CredentialProcess::parseOutput(output);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, u"CredentialProcessFailed"_s);
        QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
        QVERIFY(!parsed.error().message.contains(u"EXAMPLESECRETSENTINEL"_s));

        const Result<TemporaryCredentials> extra = CredentialProcess::parseOutput(
            R"({"Version": 1, "AccessKeyId": "AKIAPROCESSEXAMPLE01", "SecretAccessKey": "EXAMPLESECRETSENTINEL", "Unknown": {"a": 1}})"_ba);
        QVERIFY(extra.ok());
        QVERIFY(!extra->expires());
    }

    // A command that dies on a signal is a crash, named as one, with what it wrote to stderr.
    void credentialProcessCrash()
    {
        ecr::test::TestDir dir;
        CredentialProcessOptions options;
        options.timeout = std::chrono::milliseconds(5000);
        const QString crashing
            = writeScript(dir, u"crash.sh"_s, "echo 'about to fail' >&2\nkill -SEGV $$\nsleep 5\n");
        const Result<TemporaryCredentials> crashed
            = awaitTask(CredentialProcess::run(crashing, options));
        QVERIFY(!crashed.ok());
        QCOMPARE(crashed.error().code, u"CredentialProcessFailed"_s);
        QVERIFY2(
            crashed.error().message.contains(u"crashed"_s), qPrintable(crashed.error().message));
        QVERIFY2(crashed.error().message.contains(u"about to fail"_s),
            qPrintable(crashed.error().message));
    }

    void credentialProcessProfilesAreCachedWhenTheyExpire()
    {
        Harness h;
        ecr::test::TestDir dir;
        const QString counter = dir.filePath(u"runs"_s);
        const QString expiring = writeScript(dir, u"expiring.sh"_s,
            "echo run >> \"$1\"\nprintf '%s' '{\"Version\": 1, \"AccessKeyId\": "
            "\"AKIAPROCESSEXAMPLE02\", "
            "\"SecretAccessKey\": \"p-EXAMPLESECRETSENTINEL\", \"Expiration\": \""
                + isoIn(3600).toUtf8() + "\"}'\n");
        const QString forever = writeScript(dir, u"forever.sh"_s,
            "echo run >> \"$1\"\nprintf '%s' '{\"Version\": 1, \"AccessKeyId\": "
            "\"AKIAPROCESSEXAMPLE03\", "
            "\"SecretAccessKey\": \"p-EXAMPLESECRETSENTINEL\"}'\n");
        Profile p = h.sandboxProfile(u"process"_s);
        p.source = CredentialSource::CredentialProcess;
        p.credentialProcess = expiring + u' ' + counter;
        p = h.save(p, std::nullopt);
        Profile q = h.sandboxProfile(u"forever"_s);
        q.source = CredentialSource::CredentialProcess;
        q.credentialProcess = forever + u' ' + counter + u"2"_s;
        q = h.save(q, std::nullopt);

        QVERIFY(awaitTask(h.directory().credentials(p.id)).ok());
        QVERIFY(awaitTask(h.directory().credentials(p.id)).ok());
        QVERIFY(awaitTask(h.newDirectory()->credentials(p.id)).ok());
        QCOMPARE(lineCount(counter), 1); // cached in memory, then in the keychain

        QVERIFY(awaitTask(h.directory().credentials(q.id)).ok());
        QVERIFY(awaitTask(h.newDirectory()->credentials(q.id)).ok());
        QCOMPARE(lineCount(counter + u"2"_s), 2); // no expiry: not cached across restarts

        // A failing process names the profile.
        Profile broken = h.sandboxProfile(u"broken"_s);
        broken.source = CredentialSource::CredentialProcess;
        broken.credentialProcess = dir.filePath(u"missing-helper"_s);
        broken = h.save(broken, std::nullopt);
        const Result<TemporaryCredentials> failed = awaitTask(h.directory().credentials(broken.id));
        QVERIFY(failed.error().message.startsWith(u"Profile 'broken':"_s));
    }

    // Cancelling while credential_process runs kills the command, directly and through the
    // chain (a profile whose resolution the user abandons), and nothing is cached.
    void cancellingKillsTheCredentialProcess()
    {
        ecr::test::TestDir dir;
        const QString pidFile = dir.filePath(u"pid"_s);
        // exec keeps the PID: the one written is the sleeping process itself.
        const QString hanging = writeScript(dir, u"hang.sh"_s, "echo $$ > \"$1\"\nexec sleep 60\n");
        auto waitForPid = [&] {
            return waitForPidFile(pidFile);
        };
        auto isRunning = [](qint64 pid) {
            return ::kill(pid_t(pid), 0) == 0;
        };

        // Directly.
        CredentialProcessOptions options;
        options.timeout = std::chrono::seconds(60);
        const CancelToken cancel = Cancellation::create();
        auto task = CredentialProcess::run(hanging + u' ' + pidFile, options, cancel);
        const qint64 pid = waitForPid();
        QVERIFY(pid > 0);
        QVERIFY(isRunning(pid));
        QElapsedTimer timer;
        timer.start();
        cancel->cancel();
        const Result<TemporaryCredentials> stopped = awaitTask(std::move(task));
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().kind, ErrorKind::Cancelled);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QTRY_VERIFY_WITH_TIMEOUT(!isRunning(pid), 5000);

        // Through the chain: the provider's caller cancels.
        QFile::remove(pidFile);
        Harness h;
        Profile p = h.sandboxProfile(u"hanging"_s);
        p.source = CredentialSource::CredentialProcess;
        p.credentialProcess = hanging + u' ' + pidFile;
        p = h.save(p, std::nullopt);
        const CancelToken chainCancel = Cancellation::create();
        auto resolving = h.directory().credentials(p.id, kRegion, chainCancel);
        const qint64 chainPid = waitForPid();
        QVERIFY(chainPid > 0);
        QVERIFY(isRunning(chainPid));
        chainCancel->cancel();
        const Result<TemporaryCredentials> abandoned = awaitTask(std::move(resolving));
        QCOMPARE(abandoned.error().kind, ErrorKind::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(!isRunning(chainPid), 5000);
        const KeychainResult<QByteArray> cached = awaitTask(h.keychain().read(
            CredentialResolver::sessionKey(u"credential_process"_s, p.id, QString())));
        QCOMPARE(cached.state(), KeychainState::EntryMissing);
    }

    // Two askers share one fetch; the fetch is stopped only when both have cancelled.
    void aSharedFetchStopsWhenEveryAskerCancelled()
    {
        ecr::test::TestDir dir;
        const QString pidFile = dir.filePath(u"pid"_s);
        const QString hanging = writeScript(dir, u"hang.sh"_s, "echo $$ > \"$1\"\nexec sleep 60\n");
        Harness h;
        Profile p = h.sandboxProfile(u"shared-fetch"_s);
        p.source = CredentialSource::CredentialProcess;
        p.credentialProcess = hanging + u' ' + pidFile;
        p = h.save(p, std::nullopt);
        const CancelToken first = Cancellation::create();
        const CancelToken second = Cancellation::create();
        auto a = h.directory().credentials(p.id, kRegion, first);
        auto b = h.directory().credentials(p.id, kRegion, second);
        const qint64 pid = waitForPidFile(pidFile);
        QVERIFY(pid > 0);
        first->cancel();
        QCOMPARE(awaitTask(std::move(a)).error().kind, ErrorKind::Cancelled);
        QTest::qWait(300);
        QVERIFY(::kill(pid_t(pid), 0) == 0); // still needed by the second asker
        second->cancel();
        QCOMPARE(awaitTask(std::move(b)).error().kind, ErrorKind::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(pid), 0) != 0, 5000);
    }

    void chainOrderFollowsTheSdk()
    {
        ecr::test::TestDir home;
        QDir(home.path()).mkpath(u".aws"_s);
        QFile config(home.filePath(u"aws-config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[default]\nregion = us-west-1\ncredential_process = /bin/false\n"
                     "[profile dev]\ncredential_process = /bin/false\nregion = eu-central-1\n"
                     "endpoint_url = http://shared.example\n"
                     "[profile ci]\ncredential_process = /bin/false\n"
                     "[profile sso]\nsso_session = corp\n");
        config.close();

        QProcessEnvironment env;
        env.insert(u"HOME"_s, home.path());
        env.insert(u"AWS_CONFIG_FILE"_s, config.fileName());
        env.insert(u"AWS_ACCESS_KEY_ID"_s, kSentinelAccessKey);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, kSentinelSecret);
        env.insert(u"AWS_PROFILE"_s, u"ci"_s);
        env.insert(u"AWS_REGION"_s, u"eu-west-1"_s);
        env.insert(u"AWS_ENDPOINT_URL_ECR"_s, u"http://ecr.example:4566"_s);
        Harness h({false, {}, env});
        Profile beta = h.sandboxProfile(u"beta"_s);
        beta.region = u"us-east-2"_s;
        Profile alpha = h.sandboxProfile(u"alpha"_s);
        QVERIFY(h.store().save(beta).ok());
        QVERIFY(h.store().save(alpha).ok());

        const auto directory = h.newDirectory();
        const QList<ProfileEntry> entries = directory->profiles();
        QStringList ids;
        for (const ProfileEntry& e : entries)
            ids.append(e.id.startsWith(u"keychain:"_s)
                    ? u"keychain:"_s + h.store().profile(e.id.mid(9))->name
                    : e.id);
        QCOMPARE(ids,
            QStringList({u"env"_s, u"shared:ci"_s, u"keychain:alpha"_s, u"keychain:beta"_s,
                u"shared:default"_s, u"shared:dev"_s}));
        QCOMPARE(entries[0].kind, ProfileEntry::Kind::Environment);
        QCOMPARE(entries[0].defaultRegion, u"eu-west-1"_s);
        QCOMPARE(entries[1].kind, ProfileEntry::Kind::Environment); // chosen by AWS_PROFILE
        QCOMPARE(entries[1].defaultRegion, u"eu-west-1"_s); // AWS_REGION beats the file
        QCOMPARE(entries[2].kind, ProfileEntry::Kind::Keychain);
        QCOMPARE(entries[3].defaultRegion, u"us-east-2"_s); // app profiles keep their own
        QCOMPARE(entries[5].kind, ProfileEntry::Kind::SharedConfig);
        QCOMPARE(directory->profileForEntry(u"shared:dev"_s)->endpointUrl,
            QUrl(u"http://ecr.example:4566"_s));
        QVERIFY(!directory->profileForEntry(u"shared:sso"_s)); // listed nowhere: SSO

        // Listing never touched the keychain; the environment entry does not need it either.
        QCOMPARE(h.counting().calls(), 0);
        const Result<ConnectionTarget> fromEnv = awaitTask(directory->resolve(u"env"_s, QString()));
        QVERIFY2(fromEnv.ok(), qPrintable(messageOf(fromEnv)));
        QCOMPARE(fromEnv->region, u"eu-west-1"_s);
        QCOMPARE(fromEnv->customEndpoint, QUrl(u"http://ecr.example:4566"_s));
        QVERIFY(awaitTask(fromEnv->credentials->credentials())->secretAccessKey == kSentinelSecret);
        QCOMPARE(h.counting().calls(), 0);
        const Result<ConnectionTarget> keychainProfile = awaitTask(directory->resolve(
            CredentialProfileDirectory::keychainEntryId(h.store().profileByName(u"alpha"_s)->id),
            QString()));
        QVERIFY(!keychainProfile.ok()); // saved without keys
        QCOMPARE(keychainProfile.error().code, u"KeychainEntryMissing"_s);
        QVERIFY(h.counting().calls() > 0);

        // AWS_DEFAULT_PROFILE when AWS_PROFILE is not set; no keys, no environment entry.
        QProcessEnvironment fallback;
        fallback.insert(u"HOME"_s, home.path());
        fallback.insert(u"AWS_CONFIG_FILE"_s, config.fileName());
        fallback.insert(u"AWS_DEFAULT_PROFILE"_s, u"dev"_s);
        Harness f({false, {}, fallback});
        const QList<ProfileEntry> fallbackEntries = f.directory().profiles();
        QCOMPARE(fallbackEntries.first().id, u"shared:dev"_s);
        QCOMPARE(fallbackEntries.first().defaultRegion, u"eu-central-1"_s);
        QCOMPARE(f.directory().profileForEntry(u"shared:dev"_s)->endpointUrl,
            QUrl(u"http://shared.example"_s));
    }

    void temporaryCredentialsCallEcr()
    {
        Harness h;
        const Profile base = h.addStatic(u"base"_s);
        const Profile role = h.addRole(u"admin"_s, base.id, u"Admin"_s);
        const Result<ConnectionTarget> target = awaitTask(
            h.directory().resolve(CredentialProfileDirectory::keychainEntryId(role.id), kRegion));
        QVERIFY2(target.ok(), qPrintable(messageOf(target)));
        auto session = EcrSession::create(h.network(), h.clock(), target.value());
        QVERIFY(session.ok());
        const CreateRuleRequest rule{
            u"ecr-public"_s, u"public.ecr.aws"_s, {}, u"ecr-public"_s, {}, {}, {}};
        const auto created = awaitTask(session.value()->client().createRule(rule));
        QVERIFY2(created.ok(), qPrintable(messageOf(created)));
        const auto described = awaitTask(session.value()->client().describeAllRules({}));
        QVERIFY(described.ok());
        QCOMPARE(described->value.size(), 1);
        QCOMPARE(h.service().rules(kRegion).size(), 1);

        // The same key without its session token is refused.
        const Result<sigv4::Credentials> credentials
            = awaitTask(target->credentials->credentials());
        ConnectionTarget tokenless = target.value();
        tokenless.credentials = std::make_shared<StaticCredentialsProvider>(
            sigv4::Credentials{credentials->accessKeyId, credentials->secretAccessKey, {}});
        auto refused = EcrSession::create(h.network(), h.clock(), tokenless);
        const auto denied = awaitTask(refused.value()->client().describeAllRules({}));
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().code, u"UnrecognizedClientException"_s);
        QCOMPARE(denied.error().httpStatus, 403);
    }

    void refusedSessionsAreRenewedOnce()
    {
        Harness h;
        const Profile base = h.addStatic(u"base"_s);
        const Profile reader = h.addRole(u"reader"_s, base.id, u"Reader"_s);
        const Profile chained = h.addRole(u"chained"_s, reader.id, u"Writer"_s);
        const Result<ConnectionTarget> target = awaitTask(h.directory().resolve(
            CredentialProfileDirectory::keychainEntryId(chained.id), kRegion));
        QVERIFY2(target.ok(), qPrintable(messageOf(target)));
        auto session = EcrSession::create(h.network(), h.clock(), target.value());
        QVERIFY(session.ok());
        QVERIFY(awaitTask(session.value()->client().describeAllRules({})).ok());
        QCOMPARE(h.sts("AssumeRole"), 2); // reader, then chained with reader's session

        // The service ends every session early, while the app still thinks them fresh: the ECR
        // call is refused (ExpiredTokenException), the chained role's session is dropped, and
        // assuming it again meets STS's ExpiredToken for reader's session, which is dropped too.
        h.service().sts().expireSessions(h.clock().now());
        const auto renewed = awaitTask(session.value()->client().describeAllRules({}));
        QVERIFY2(renewed.ok(), qPrintable(messageOf(renewed)));
        QCOMPARE(renewed->attempts, 2);
        // Answered AssumeRoles (a refused one is not counted): reader again, chained again.
        QCOMPARE(h.sts("AssumeRole"), 4);

        // Sessions this issuer never made (the Local sandbox's, sent to real AWS) are unknown:
        // UnrecognizedClientException, purged, fetched again.
        h.service().sts().reset();
        const auto purged = awaitTask(session.value()->client().describeAllRules({}));
        QVERIFY2(purged.ok(), qPrintable(messageOf(purged)));
        QCOMPARE(h.sts("AssumeRole"), 6);
        // The keychain holds the new sessions: a restart uses them without STS.
        const auto restarted = h.newDirectory();
        const Result<ConnectionTarget> again = awaitTask(
            restarted->resolve(CredentialProfileDirectory::keychainEntryId(chained.id), kRegion));
        QVERIFY(again.ok());
        auto restartedSession = EcrSession::create(h.network(), h.clock(), again.value());
        QVERIFY(awaitTask(restartedSession.value()->client().describeAllRules({})).ok());
        QCOMPARE(h.sts("AssumeRole"), 6);

        // Renewed once per call: when the new session is refused as well, the error shows.
        ConnectionTarget fixed = target.value();
        const Result<sigv4::Credentials> keys = awaitTask(target->credentials->credentials());
        fixed.credentials = std::make_shared<StaticCredentialsProvider>(keys.value());
        h.service().sts().reset();
        auto fixedSession = EcrSession::create(h.network(), h.clock(), fixed);
        const auto refused = awaitTask(fixedSession.value()->client().describeAllRules({}));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, u"UnrecognizedClientException"_s);
        QCOMPARE(refused.error().attempts, 1); // fixed keys have nothing to renew
    }

    void expiredTemporaryCredentialsAreRefused()
    {
        Harness h({false, std::chrono::seconds(1), {}});
        StsConfig config;
        config.region = kRegion;
        config.customEndpoint = h.url();
        StsClient sts(h.network(), h.clock(), config);
        const Result<TemporaryCredentials> session
            = awaitTask(sts.getSessionToken(sentinelKeys(), {}));
        QVERIFY(session.ok());
        h.advanceClock(std::chrono::milliseconds(1500));
        ConnectionTarget target;
        target.region = kRegion;
        target.customEndpoint = h.url();
        target.credentials = std::make_shared<StaticCredentialsProvider>(session->credentials);
        auto ecr = EcrSession::create(h.network(), h.clock(), target);
        const auto expired = awaitTask(ecr.value()->client().describeAllRules({}));
        QCOMPARE(expired.error().code, u"ExpiredTokenException"_s);
        QCOMPARE(expired.error().httpStatus, 400);
        const Result<CallerIdentity> stsExpired
            = awaitTask(sts.getCallerIdentity(session->credentials));
        QCOMPARE(stsExpired.error().code, u"ExpiredToken"_s);
    }

    void profileLoopsAreRefused()
    {
        Harness h;
        Profile a = h.sandboxProfile(u"a"_s);
        a.source = CredentialSource::AssumeRole;
        a.roleArn = roleArn(u"A"_s);
        a.sourceProfile = u"shared:placeholder"_s; // saved first, pointed at b below
        a = h.save(a, std::nullopt);
        const Profile b = h.addRole(u"b"_s, a.id, u"B"_s);
        a.sourceProfile = b.id;
        a = h.save(a, std::nullopt);
        const Result<TemporaryCredentials> looped = awaitTask(h.directory().credentials(a.id));
        QVERIFY(!looped.ok());
        QCOMPARE(looped.error().code, u"ProfileLoop"_s);
        QVERIFY2(
            looped.error().message.contains(u"a → b → a"_s), qPrintable(looped.error().message));
        QCOMPARE(h.sts("AssumeRole"), 0);
        QCOMPARE(awaitTask(h.directory().resolve(u"keychain:nobody"_s, kRegion)).error().code,
            u"UnknownProfile"_s);
    }

    void sharedFileProfilesResolveAndImport()
    {
        Harness probe;
        ecr::test::TestDir home;
        QDir(home.path()).mkpath(u".aws"_s);
        const QString url = probe.url().toString();
        QFile config(home.filePath(u".aws/config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        const QString text = u"[profile base]\nregion = us-east-1\nendpoint_url = "_s + url
            + u"\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\n"
              "source_profile = base\nmfa_serial = "_s
            + kMfaSerial + u"\nregion = us-east-1\nendpoint_url = "_s + url
            + u"\n[profile sso-x]\nsso_start_url = https://x.awsapps.com/start\n"_s;
        config.write(text.toUtf8());
        config.close();
        QFile credentials(home.filePath(u".aws/credentials"_s));
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        credentials.write("[base]\naws_access_key_id = " + kSentinelAccessKey.toUtf8()
            + "\naws_secret_access_key = " + kSentinelSecret.toUtf8() + "\n");
        credentials.close();
        ecr::test::recordSecretFixture(credentials.fileName());

        QProcessEnvironment env;
        env.insert(u"HOME"_s, home.path());
        Harness& h = probe;
        const auto directory = [&] {
            CredentialResolverOptions options;
            auto d = std::make_unique<CredentialProfileDirectory>(
                h.store(), h.counting(), h.network(), h.clock(), env, options);
            d->setMfaPrompter(&h.prompter);
            return d;
        }();
        h.prompter.codes = {kMfaCode, kMfaCode};
        const Result<ConnectionTarget> shared
            = awaitTask(directory->resolve(u"shared:admin"_s, QString()));
        QVERIFY2(shared.ok(), qPrintable(messageOf(shared)));
        QCOMPARE(h.sts("GetSessionToken"), 1);
        QCOMPARE(h.sts("AssumeRole"), 1);

        const ImportReport report
            = awaitTask(directory->importShared({u"admin"_s, u"base"_s, u"sso-x"_s}));
        QCOMPARE(report.imported.size(), 2);
        QCOMPARE(report.skipped.size(), 1);
        QCOMPARE(report.skipped.first().name, u"sso-x"_s);
        QVERIFY(report.skipped.first().reason.contains(u"IAM Identity Center"_s));
        QCOMPARE(report.plaintextFiles, QStringList{credentials.fileName()});
        QVERIFY(report.summary().contains(credentials.fileName()));
        QVERIFY(report.summary().contains(u"plain text"_s));
        QVERIFY(QFile::exists(credentials.fileName())); // never edited

        const std::optional<Profile> base = h.store().profileByName(u"base"_s);
        const std::optional<Profile> admin = h.store().profileByName(u"admin"_s);
        QVERIFY(base && admin);
        QCOMPARE(admin->sourceProfile, base->id);
        QCOMPARE(admin->source, CredentialSource::AssumeRole);
        QCOMPARE(admin->mfaSerial, kMfaSerial);
        QCOMPARE(admin->endpointUrl, probe.url());
        const Result<sigv4::Credentials> keys = (h.storedKeys(base->id));
        QVERIFY(keys.ok());
        QVERIFY(keys->accessKeyId == kSentinelAccessKey);
        QVERIFY(keys->secretAccessKey == kSentinelSecret);
        const QString settings = h.settingsText();
        QVERIFY(settings.contains(u"admin"_s));
        QVERIFY(!settings.contains(kSentinelSecret));
        QVERIFY(!settings.contains(kSentinelAccessKey));

        // The imported profile asks for a code of its own: the device's next one (STS takes a
        // code once, so the same code within its 30 s step would be refused).
        h.advanceClock(std::chrono::seconds(30));
        const Result<TemporaryCredentials> imported
            = awaitTask(directory->credentials(admin->id, QString()));
        QVERIFY2(imported.ok(), qPrintable(messageOf(imported)));

        // Importing again skips names the app already has.
        const ImportReport again = awaitTask(directory->importShared({u"base"_s}));
        QVERIFY(again.imported.isEmpty());
        QVERIFY(again.skipped.first().reason.contains(u"already"_s));
    }

    void testConnectionWithStaticKeys()
    {
        Harness h;
        const Profile base = h.addStatic(u"base"_s);
        const Result<CallerIdentity> identity = awaitTask(
            h.directory().testConnection(CredentialProfileDirectory::keychainEntryId(base.id)));
        QVERIFY2(identity.ok(), qPrintable(messageOf(identity)));
        QCOMPARE(identity->arn, u"arn:aws:iam::123456789012:user/sandbox-user"_s);
        QCOMPARE(identity->account, kAccount);
        QVERIFY(!identity->userId.isEmpty());
        QCOMPARE(h.sts("GetCallerIdentity"), 1);
    }

    // Test connection sends each STS call once, however the profile's calls are retried
    // otherwise, and its STS clients are pooled like every other's: one per configuration.
    void testConnectionTriesOnceAndClientsArePooled()
    {
        Harness h;
        const Profile base = h.addStatic(u"base"_s);
        const Profile role = h.addRole(u"ops"_s, base.id, u"Ops"_s);
        const QString roleEntry = CredentialProfileDirectory::keychainEntryId(role.id);
        h.server().queueFaults(u"AssumeRole"_s, {sandbox::SandboxServer::Fault::ServerError});
        const Result<CallerIdentity> failed = awaitTask(h.directory().testConnection(roleEntry));
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().attempts, 1);
        QCOMPARE(h.server().faultsInjected(), 1);
        QCOMPARE(h.sts("AssumeRole"), 0);
        QCOMPARE(h.directory().stsClientCount(), 1); // the quick one

        // The same fault on a normal resolution is retried, by one shared client.
        h.server().queueFaults(u"AssumeRole"_s, {sandbox::SandboxServer::Fault::ServerError});
        const Result<TemporaryCredentials> resolved
            = awaitTask(h.directory().credentials(roleEntry));
        QVERIFY2(resolved.ok(), qPrintable(messageOf(resolved)));
        QCOMPARE(h.sts("AssumeRole"), 1);
        const Result<CallerIdentity> identity = awaitTask(h.directory().testConnection(roleEntry));
        QVERIFY2(identity.ok(), qPrintable(messageOf(identity)));
        QCOMPARE(h.directory().stsClientCount(), 2); // quick and normal, reused
    }

    void saveAndRemoveProfiles()
    {
        Harness h;
        const Profile base = h.addStatic(u"base"_s);
        QVERIFY((h.storedKeys(base.id)).ok());
        QVERIFY(!h.settingsText().contains(kSentinelSecret));
        QVERIFY(!h.settingsText().contains(kSentinelAccessKey));

        Profile keyless = h.sandboxProfile(u"keyless"_s);
        const Result<Profile> refused = awaitTask(h.directory().saveProfile(keyless, std::nullopt));
        QCOMPARE(refused.error().kind, ErrorKind::InvalidInput);
        Profile invalid = h.sandboxProfile(u"base"_s);
        QVERIFY(!awaitTask(h.directory().saveProfile(invalid, sentinelKeys())).ok());

        // Keys stay when an existing profile is saved without new ones.
        Profile renamed = base;
        renamed.name = u"renamed"_s;
        QVERIFY(awaitTask(h.directory().saveProfile(renamed, std::nullopt)).ok());
        QVERIFY((h.storedKeys(base.id)).ok());

        const Profile user = h.addRole(u"user"_s, base.id, u"User"_s);
        QCOMPARE(h.directory().profilesUsingSource(base.id).size(), 1);
        QCOMPARE(h.directory().profilesUsingSource(base.id).first().id, user.id);
        QVERIFY(awaitTask(h.directory().removeProfile(user.id)).ok());
        QVERIFY(h.directory().profilesUsingSource(base.id).isEmpty());
        QVERIFY(awaitTask(
            h.directory().removeProfile(CredentialProfileDirectory::keychainEntryId(base.id)))
                    .ok());
        QVERIFY(h.store().profiles().isEmpty());
        const Result<sigv4::Credentials> gone = (h.storedKeys(base.id));
        QCOMPARE(gone.error().code, u"KeychainEntryMissing"_s);
        QCOMPARE(awaitTask(h.directory().removeProfile(base.id)).error().code, u"UnknownProfile"_s);
    }

    void stsRetriesTransientErrors()
    {
        Harness h;
        StsConfig config;
        config.region = kRegion;
        config.customEndpoint = h.url();
        config.retry.maxAttempts = 8;
        config.retry.backoffBase = std::chrono::milliseconds(1);
        config.retry.backoffCap = std::chrono::milliseconds(5);
        StsClient client(h.network(), h.clock(), config);
        sandbox::FaultConfig faults;
        faults.throttleRate = 0.25;
        faults.serverErrorRate = 0.25;
        faults.resetRate = 0.1;
        faults.seed = 11;
        h.server().setFaults(faults);
        for (int i = 0; i < 10; ++i) {
            const Result<CallerIdentity> identity
                = awaitTask(client.getCallerIdentity(sentinelKeys()));
            QVERIFY2(identity.ok(), qPrintable(messageOf(identity)));
        }
        QVERIFY(h.server().faultsInjected() > 0);
        QCOMPARE(h.sts("GetCallerIdentity"), 10);

        faults.throttleRate = 1.0;
        faults.serverErrorRate = 0;
        faults.resetRate = 0;
        h.server().setFaults(faults);
        config.retry.maxAttempts = 3;
        StsClient limited(h.network(), h.clock(), config);
        const Result<CallerIdentity> throttled
            = awaitTask(limited.getCallerIdentity(sentinelKeys()));
        QCOMPARE(throttled.error().code, u"Throttling"_s);
        QCOMPARE(throttled.error().attempts, 3);

        // Cancelled before sending: no request at all.
        h.server().setFaults({});
        const CancelToken cancel = Cancellation::create();
        cancel->cancel();
        const int before = h.service().totalRequestCount();
        const Result<CallerIdentity> cancelled
            = awaitTask(client.getCallerIdentity(sentinelKeys(), cancel));
        QCOMPARE(cancelled.error().kind, ErrorKind::Cancelled);
        QCOMPARE(h.service().totalRequestCount(), before);
    }

    void stsClientErrorsAndWireFormat()
    {
        QCOMPARE(
            queryFormBody(u"AssumeRole"_s, "2011-06-15", {{u"RoleSessionName"_s, u"a b+c/d="_s}}),
            "Action=AssumeRole&Version=2011-06-15&RoleSessionName=a%20b%2Bc%2Fd%3D"_ba);
        QCOMPARE(sts::endpoint(u"eu-west-1"_s, {}).value(),
            QUrl(u"https://sts.eu-west-1.amazonaws.com/"_s));
        QCOMPARE(sts::endpoint(u"cn-north-1"_s, {}).value(),
            QUrl(u"https://sts.cn-north-1.amazonaws.com.cn/"_s));
        QVERIFY(!sts::endpoint(QString(), {}).ok());
        const ServiceInfo service = StsClient::service();
        const AwsError parsed = parseQueryError(service,
            {403, {},
                "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>"
                "Sender</Type><Code>AccessDenied</Code><Message>No &amp; no</Message></Error>"
                "<RequestId>rid-1</RequestId></ErrorResponse>",
                {}});
        QCOMPARE(parsed.code, u"AccessDenied"_s);
        QCOMPARE(parsed.message, u"No & no"_s);
        QCOMPARE(parsed.requestId, u"rid-1"_s);
        QCOMPARE(parseQueryError(service, {502, {}, "<html>bad gateway</html>", {}}).kind,
            ErrorKind::InvalidResponse);

        Harness h;
        StsConfig config;
        config.region = kRegion;
        config.customEndpoint = h.url();
        StsClient client(h.network(), h.clock(), config);
        const Result<CallerIdentity> wrongSecret = awaitTask(
            client.getCallerIdentity({kSentinelAccessKey, u"wrong-EXAMPLESECRETSENTINEL"_s, {}}));
        QCOMPARE(wrongSecret.error().code, u"SignatureDoesNotMatch"_s);
        QCOMPARE(wrongSecret.error().httpStatus, 403);
        const Result<CallerIdentity> unknown
            = awaitTask(client.getCallerIdentity({u"AKIAUNKNOWN000000001"_s, u"x"_s, {}}));
        QCOMPARE(unknown.error().code, u"InvalidClientTokenId"_s);
        const Result<TemporaryCredentials> session
            = awaitTask(client.getSessionToken(sentinelKeys(), {}));
        QVERIFY(session.ok());
        QVERIFY(session->expiration > QDateTime::currentDateTimeUtc().addSecs(43000));
        const Result<TemporaryCredentials> nested
            = awaitTask(client.getSessionToken(session->credentials, {}));
        QCOMPARE(nested.error().code, u"AccessDenied"_s);
        QVERIFY(nested.error().message.contains(u"session credentials"_s));
        StsAssumeRoleRequest otherAccount;
        otherAccount.roleArn = u"arn:aws:iam::999999999999:role/X"_s;
        otherAccount.roleSessionName = u"s1"_s;
        const Result<StsAssumeRoleResult> denied
            = awaitTask(client.assumeRole(sentinelKeys(), otherAccount));
        QCOMPARE(denied.error().code, u"AccessDenied"_s);
        StsAssumeRoleRequest ok;
        ok.roleArn = roleArn(u"Deploy"_s);
        ok.roleSessionName = u"deploy-1"_s;
        ok.durationSeconds = 900;
        ok.externalId = u"ext-1"_s;
        const Result<StsAssumeRoleResult> assumed
            = awaitTask(client.assumeRole(sentinelKeys(), ok));
        QVERIFY2(assumed.ok(), qPrintable(messageOf(assumed)));
        QCOMPARE(
            assumed->assumedRoleArn, u"arn:aws:sts::123456789012:assumed-role/Deploy/deploy-1"_s);
        QVERIFY(assumed->assumedRoleId.endsWith(u":deploy-1"_s));
        QCOMPARE(assumed->credentials.accountId, kAccount);
        const qint64 lifetime
            = QDateTime::currentDateTimeUtc().secsTo(assumed->credentials.expiration);
        QVERIFY2(lifetime > 880 && lifetime <= 900, qPrintable(QString::number(lifetime)));
        // Role chaining is limited to an hour.
        StsAssumeRoleRequest chained = ok;
        chained.durationSeconds = 7200;
        QCOMPARE(
            awaitTask(client.assumeRole(assumed->credentials.credentials, chained)).error().code,
            u"ValidationError"_s);
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
