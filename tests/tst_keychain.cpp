// KeychainStore against a real Secret Service (gnome-keyring, started unlocked by scripts/test in
// a private D-Bus session with a throwaway HOME): round trips, chunking of long values, missing
// entries, a locked collection, and (as its own ctest entry) no daemon at all.
#include "CredentialsTestSupport.h"

#include <QCoroSignal>
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDBusVariant>
#include <QDir>
#include <QElapsedTimer>
#include <QTest>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <csignal>
#include <sys/types.h>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

// org.freedesktop.Secret.Secret: (session, parameters, value, content type).
struct SecretValue
{
    QDBusObjectPath session;
    QByteArray parameters;
    QByteArray value;
    QString contentType;
};

} // namespace

Q_DECLARE_METATYPE(SecretValue)

namespace {

QDBusArgument& operator<<(QDBusArgument& argument, const SecretValue& secret)
{
    argument.beginStructure();
    argument << secret.session << secret.parameters << secret.value << secret.contentType;
    argument.endStructure();
    return argument;
}

const QDBusArgument& operator>>(const QDBusArgument& argument, SecretValue& secret)
{
    argument.beginStructure();
    argument >> secret.session >> secret.parameters >> secret.value >> secret.contentType;
    argument.endStructure();
    return argument;
}

const QString kSecrets = u"org.freedesktop.secrets"_s;
const QString kServicePath = u"/org/freedesktop/secrets"_s;
const QString kKeyringPassword = u"test-keyring-password"_s;

// The Secret Service's default collection, driven over D-Bus (locking needs no prompt; unlocking
// uses gnome-keyring's prompt-less master-password call, so nothing can hang without a display).
// Plain method calls, no QDBusInterface: no introspection round trip.
class SecretService
{
public:
    SecretService()
        : m_bus(QDBusConnection::sessionBus())
    {
        qDBusRegisterMetaType<SecretValue>();
    }

    bool waitUntilRunning(int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (m_bus.isConnected() && m_bus.interface()->isServiceRegistered(kSecrets).value())
                return true;
            QTest::qWait(100);
        }
        return false;
    }

    QDBusObjectPath defaultCollection()
    {
        const QDBusMessage reply = call(
            kServicePath, u"org.freedesktop.Secret.Service"_s, u"ReadAlias"_s, {u"default"_s});
        return reply.arguments().value(0).value<QDBusObjectPath>();
    }

    std::optional<bool> isLocked(const QDBusObjectPath& collection)
    {
        const QDBusMessage reply = call(collection.path(), u"org.freedesktop.DBus.Properties"_s,
            u"Get"_s, {u"org.freedesktop.Secret.Collection"_s, u"Locked"_s});
        if (reply.type() != QDBusMessage::ReplyMessage)
            return std::nullopt;
        return reply.arguments().value(0).value<QDBusVariant>().variant().toBool();
    }

    bool lock(const QDBusObjectPath& collection)
    {
        const QDBusMessage reply = call(kServicePath, u"org.freedesktop.Secret.Service"_s,
            u"Lock"_s, {QVariant::fromValue(QList<QDBusObjectPath>{collection})});
        return reply.type() == QDBusMessage::ReplyMessage;
    }

    QString unlock(const QDBusObjectPath& collection, const QString& password)
    {
        const QDBusMessage opened = call(kServicePath, u"org.freedesktop.Secret.Service"_s,
            u"OpenSession"_s, {u"plain"_s, QVariant::fromValue(QDBusVariant(QString()))});
        if (opened.type() != QDBusMessage::ReplyMessage)
            return opened.errorMessage();
        const auto session = opened.arguments().value(1).value<QDBusObjectPath>();
        const QDBusMessage reply = call(kServicePath,
            u"org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"_s,
            u"UnlockWithMasterPassword"_s,
            {QVariant::fromValue(collection),
                QVariant::fromValue(SecretValue{session, {}, password.toUtf8(), u"text/plain"_s})});
        return reply.type() == QDBusMessage::ReplyMessage ? QString() : reply.errorMessage();
    }

private:
    QDBusMessage call(const QString& path, const QString& interface, const QString& method,
        const QVariantList& arguments)
    {
        QDBusMessage message = QDBusMessage::createMethodCall(kSecrets, path, interface, method);
        message.setArguments(arguments);
        return m_bus.call(message, QDBus::Block, 5000);
    }

    QDBusConnection m_bus;
};

struct RawRead
{
    int error = 0;
    QByteArray data;
};

// A QtKeychain read that bypasses KeychainStore, to look at what is really stored.
QCoro::Task<RawRead> rawRead(QString storedKey)
{
    auto* job = new QKeychain::ReadPasswordJob(KeychainStore::defaultService());
    job->setAutoDelete(false);
    job->setKey(storedKey);
    auto finished = qCoro(job, &QKeychain::Job::finished);
    job->start();
    co_await std::move(finished);
    RawRead out{int(job->error()), job->binaryData()};
    job->deleteLater();
    co_return out;
}

// Runs a QtKeychain job on its own (no KeychainStore) and returns its error.
QCoro::Task<int> rawJob(QKeychain::Job* job, QString storedKey)
{
    job->setAutoDelete(false);
    job->setKey(storedKey);
    auto finished = qCoro(job, &QKeychain::Job::finished);
    job->start();
    co_await std::move(finished);
    const int error = job->error();
    job->deleteLater();
    co_return error;
}

QCoro::Task<int> rawDelete(QString storedKey)
{
    return rawJob(new QKeychain::DeletePasswordJob(KeychainStore::defaultService()), storedKey);
}

QCoro::Task<int> rawWrite(QString storedKey, QByteArray data)
{
    auto* job = new QKeychain::WritePasswordJob(KeychainStore::defaultService());
    job->setBinaryData(data);
    return rawJob(job, storedKey);
}

bool expectUnavailable()
{
    return qEnvironmentVariableIsSet("ECR_KEYCHAIN_EXPECT_UNAVAILABLE");
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (expectUnavailable())
            return;
        // gnome-keyring may still be starting when the first test runs.
        QVERIFY2(m_service.waitUntilRunning(5000),
            "no Secret Service on the session bus: run the tests with scripts/test");
        m_collection = m_service.defaultCollection();
        QVERIFY2(!m_collection.path().isEmpty() && m_collection.path() != u"/",
            "the Secret Service has no default collection");
        const std::optional<bool> locked = m_service.isLocked(m_collection);
        QVERIFY(locked.has_value());
        if (*locked && isThrowawayHome())
            QCOMPARE(m_service.unlock(m_collection, kKeyringPassword), QString());
        QCOMPARE(m_service.isLocked(m_collection), std::optional<bool>(false));
    }

    void stateForEveryQtKeychainError_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("text");
        QTest::addColumn<KeychainState>("state");
        QTest::newRow("none") << int(QKeychain::NoError) << QString() << KeychainState::Ok;
        QTest::newRow("not found")
            << int(QKeychain::EntryNotFound) << u"Entry not found"_s << KeychainState::EntryMissing;
        QTest::newRow("user said no")
            << int(QKeychain::AccessDeniedByUser) << QString() << KeychainState::AccessDenied;
        QTest::newRow("locked") << int(QKeychain::AccessDenied)
                                << u"Cannot create an item in a locked collection"_s
                                << KeychainState::Locked;
        QTest::newRow("no backend")
            << int(QKeychain::NoBackendAvailable) << QString() << KeychainState::Unavailable;
        QTest::newRow("no daemon")
            << int(QKeychain::OtherError) << u"Could not connect: No such file or directory"_s
            << KeychainState::Unavailable;
        QTest::newRow("not provided")
            << int(QKeychain::OtherError)
            << u"The name org.freedesktop.secrets was not provided by any .service files"_s
            << KeychainState::Unavailable;
        QTest::newRow("other") << int(QKeychain::OtherError) << u"something odd"_s
                               << KeychainState::Unavailable;
    }
    void stateForEveryQtKeychainError()
    {
        QFETCH(int, error);
        QFETCH(QString, text);
        QFETCH(KeychainState, state);
        QCOMPARE(KeychainStore::stateForError(error, text), state);
    }

    void errorCodesForCallers()
    {
        const auto code = [](KeychainState state) {
            return KeychainResult<Unit>::failure(state, u"detail"_s).toAwsError();
        };
        QCOMPARE(code(KeychainState::Locked).code, u"KeychainLocked"_s);
        QCOMPARE(code(KeychainState::AccessDenied).code, u"KeychainAccessDenied"_s);
        QCOMPARE(code(KeychainState::Unavailable).code, u"KeychainUnavailable"_s);
        QCOMPARE(code(KeychainState::EntryMissing).code, u"KeychainEntryMissing"_s);
        QCOMPARE(code(KeychainState::Locked).kind, ErrorKind::Credentials);
        QVERIFY(code(KeychainState::Unavailable).message.contains(u"detail"_s));
        QVERIFY(!code(KeychainState::Locked).message.contains(u"logged out"_s));
    }

    void saveLoadUpdateDelete()
    {
        skipWithoutDaemon();
        KeychainStore store;
        const QString key = u"test/round-trip"_s;
        const QByteArray first = kSentinelSecret.toUtf8();
        QVERIFY(awaitTask(store.write(key, first)).ok());
        const KeychainResult<QByteArray> read = awaitTask(store.read(key));
        QCOMPARE(read.state(), KeychainState::Ok);
        QVERIFY(read.value() == first);

        const QByteArray second = "updated-" + first;
        QVERIFY(awaitTask(store.write(key, second)).ok());
        const KeychainResult<QByteArray> updated = awaitTask(store.read(key));
        QVERIFY(updated.ok());
        QVERIFY(updated.value() == second);

        QVERIFY(awaitTask(store.remove(key)).ok());
        QCOMPARE(awaitTask(store.read(key)).state(), KeychainState::EntryMissing);
        // Removing what is not there is fine.
        QVERIFY(awaitTask(store.remove(key)).ok());
    }

    void storesUnderTheAppPrefixAndService()
    {
        skipWithoutDaemon();
        KeychainStore store;
        QCOMPARE(store.service(), u"ecr-ptc-admin"_s);
        QCOMPARE(store.storedKey(u"k"_s), u"org.ecr-ptc-admin/k"_s);
        QVERIFY(awaitTask(store.write(u"test/prefix"_s, "v"_ba)).ok());
        const RawRead raw = awaitTask(rawRead(u"org.ecr-ptc-admin/test/prefix"_s));
        QCOMPARE(raw.error, int(QKeychain::NoError));
        QCOMPARE(raw.data, "v"_ba);
        QCOMPARE(awaitTask(rawRead(u"test/prefix"_s)).error, int(QKeychain::EntryNotFound));
        QVERIFY(awaitTask(store.remove(u"test/prefix"_s)).ok());
    }

    void missingEntry()
    {
        skipWithoutDaemon();
        KeychainStore store;
        const KeychainResult<QByteArray> read = awaitTask(store.read(u"test/never-written"_s));
        QCOMPARE(read.state(), KeychainState::EntryMissing);
        QCOMPARE(read.toAwsError().code, u"KeychainEntryMissing"_s);
    }

    void longValueIsChunked()
    {
        skipWithoutDaemon();
        KeychainStore store;
        const QString key = u"test/long-token"_s;
        const QByteArray token = sentinelToken(5000).toUtf8();
        QCOMPARE(token.size(), 5000);
        QVERIFY(awaitTask(store.write(key, token)).ok());

        const RawRead chunk0 = awaitTask(rawRead(store.storedKey(key)));
        QCOMPARE(chunk0.error, int(QKeychain::NoError));
        QVERIFY2(chunk0.data.size() < 2001, qPrintable(QString::number(chunk0.data.size())));
        QVERIFY(chunk0.data.startsWith("chunks:3:"));
        for (int i = 1; i < 3; ++i) {
            const RawRead chunk
                = awaitTask(rawRead(store.storedKey(key) + u'.' + QString::number(i)));
            QCOMPARE(chunk.error, int(QKeychain::NoError));
            QVERIFY(chunk.data.size() <= KeychainStore::kChunkSize);
        }
        QCOMPARE(awaitTask(rawRead(store.storedKey(key) + u".3"_s)).error,
            int(QKeychain::EntryNotFound));

        const KeychainResult<QByteArray> read = awaitTask(store.read(key));
        QVERIFY(read.ok());
        QVERIFY(read.value() == token);

        QVERIFY(awaitTask(store.remove(key)).ok());
        for (int i = 0; i < 3; ++i) {
            const QString stored
                = i == 0 ? store.storedKey(key) : store.storedKey(key) + u'.' + QString::number(i);
            QCOMPARE(awaitTask(rawRead(stored)).error, int(QKeychain::EntryNotFound));
        }
    }

    // The edges of chunking: 2,000 bytes is one entry, 2,001 two; a short value that starts like
    // a manifest is stored as a chunked value (and reads back as itself); a chunk changed behind
    // the app's back fails the digest and reads as missing; a manifest naming more chunks than
    // allowed reads as missing; a value needing more than 64 chunks is refused before writing.
    void chunkingEdges()
    {
        skipWithoutDaemon();
        KeychainStore store;
        const QString key = u"test/edges"_s;
        const QByteArray exact = sentinelToken(2000).toUtf8();
        QVERIFY(awaitTask(store.write(key, exact)).ok());
        QVERIFY(awaitTask(rawRead(store.storedKey(key))).data == exact);
        QCOMPARE(awaitTask(rawRead(store.storedKey(key) + u".1"_s)).error,
            int(QKeychain::EntryNotFound));

        const QByteArray oneMore = sentinelToken(2001).toUtf8();
        QVERIFY(awaitTask(store.write(key, oneMore)).ok());
        QVERIFY(awaitTask(rawRead(store.storedKey(key))).data.startsWith("chunks:2:"));
        QVERIFY(awaitTask(store.read(key)).value() == oneMore);

        const QByteArray lookalike = "chunks:3:0123\nnot a manifest"_ba;
        QVERIFY(awaitTask(store.write(key, lookalike)).ok());
        QVERIFY(awaitTask(rawRead(store.storedKey(key))).data.startsWith("chunks:1:"));
        const KeychainResult<QByteArray> readBack = awaitTask(store.read(key));
        QVERIFY(readBack.ok());
        QCOMPARE(readBack.value(), lookalike);
        QCOMPARE(awaitTask(rawRead(store.storedKey(key) + u".1"_s)).error,
            int(QKeychain::EntryNotFound)); // the shorter value took back the 2,001's chunk

        QVERIFY(awaitTask(store.write(key, sentinelToken(4500).toUtf8())).ok());
        QByteArray tampered = awaitTask(rawRead(store.storedKey(key) + u".1"_s)).data;
        tampered[10] = tampered[10] == 'x' ? 'y' : 'x';
        QCOMPARE(
            awaitTask(rawWrite(store.storedKey(key) + u".1"_s, tampered)), int(QKeychain::NoError));
        const KeychainResult<QByteArray> mismatch = awaitTask(store.read(key));
        QCOMPARE(mismatch.state(), KeychainState::EntryMissing);
        QVERIFY2(mismatch.detail().contains(u"incomplete"_s), qPrintable(mismatch.detail()));

        QCOMPARE(awaitTask(rawWrite(store.storedKey(key), "chunks:65:abc\npart"_ba)),
            int(QKeychain::NoError));
        QCOMPARE(awaitTask(store.read(key)).state(), KeychainState::EntryMissing);
        QVERIFY(awaitTask(store.remove(key)).ok());

        const QByteArray huge(KeychainStore::kChunkSize * 64 + 1, 'a');
        const KeychainResult<Unit> refused = awaitTask(store.write(u"test/huge"_s, huge));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.detail().contains(u"too large"_s), qPrintable(refused.detail()));
        QCOMPARE(awaitTask(rawRead(store.storedKey(u"test/huge"_s))).error,
            int(QKeychain::EntryNotFound));
    }

    void partialChunkedValueReadsAsMissing()
    {
        skipWithoutDaemon();
        KeychainStore store;
        const QString key = u"test/partial"_s;
        QVERIFY(awaitTask(store.write(key, sentinelToken(4500).toUtf8())).ok());
        QCOMPARE(awaitTask(rawDelete(store.storedKey(key) + u".2"_s)), int(QKeychain::NoError));
        QCOMPARE(awaitTask(store.read(key)).state(), KeychainState::EntryMissing);
        QVERIFY(awaitTask(store.remove(key)).ok());
        QCOMPARE(awaitTask(rawRead(store.storedKey(key) + u".1"_s)).error,
            int(QKeychain::EntryNotFound));
    }

    void shorterValueReplacesChunks()
    {
        skipWithoutDaemon();
        KeychainStore store;
        const QString key = u"test/shrink"_s;
        QVERIFY(awaitTask(store.write(key, sentinelToken(4100).toUtf8())).ok());
        QVERIFY(awaitTask(store.write(key, "short"_ba)).ok());
        const KeychainResult<QByteArray> read = awaitTask(store.read(key));
        QVERIFY(read.ok());
        QCOMPARE(read.value(), "short"_ba);
        QCOMPARE(awaitTask(rawRead(store.storedKey(key) + u".1"_s)).error,
            int(QKeychain::EntryNotFound));
        QVERIFY(awaitTask(store.remove(key)).ok());
    }

    // The Secret Service killed while a long value is being written: the write ends with a clear
    // keychain state within two seconds (no hang on a dead daemon), and a read afterwards never
    // gives half a value. It kills its daemon, so ctest runs it as keychain.daemon_gone, in a
    // D-Bus session of its own (tests/tools/private-keyring.sh).
    void daemonGoneMidOperation()
    {
        if (!qEnvironmentVariableIsSet("ECR_KEYCHAIN_PRIVATE_DAEMON"))
            QSKIP("kills its Secret Service: ctest runs it as keychain.daemon_gone, in a D-Bus "
                  "session of its own");
        const QDBusReply<uint> pid
            = QDBusConnection::sessionBus().interface()->servicePid(kSecrets);
        QVERIFY(pid.isValid() && pid.value() > 0);
        KeychainStore store;
        store.setJobTimeout(std::chrono::milliseconds(1500));
        const QString key = u"test/daemon-gone"_s;
        const QByteArray value = sentinelToken(60000).toUtf8(); // 31 chunks, one call each
        QElapsedTimer timer;
        timer.start();
        // Killed once the write is under way: after its first keychain call went out.
        const auto daemon = pid_t(pid.value());
        QTimer::singleShot(0, [daemon] { ::kill(daemon, SIGKILL); });
        const KeychainResult<Unit> written = awaitTask(store.write(key, value));
        const qint64 writeTook = timer.elapsed();
        QVERIFY(!written.ok());
        QVERIFY2(writeTook <= 2000, qPrintable(QString::number(writeTook)));
        const AwsError shown = written.toAwsError();
        QVERIFY2(shown.code.startsWith(u"Keychain"_s), qPrintable(shown.code));
        QVERIFY(!shown.message.contains(u"SENTINEL"_s));

        timer.restart();
        const KeychainResult<QByteArray> read = awaitTask(store.read(key));
        QVERIFY2(timer.elapsed() <= 2000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!read.ok() || read.value() == value);
    }

    // Last of the daemon tests: it locks the default collection and unlocks it again.
    void lockedCollectionIsLocked()
    {
        skipWithoutDaemon();
        if (!isThrowawayHome())
            QSKIP("locks the default keyring: runs only with a throwaway HOME (scripts/test)");
        KeychainStore store;
        const QString key = u"test/locked"_s;
        QVERIFY(awaitTask(store.write(key, "kept"_ba)).ok());

        QVERIFY(m_service.lock(m_collection));
        QCOMPARE(m_service.isLocked(m_collection), std::optional<bool>(true));
        QElapsedTimer timer;
        timer.start();
        const KeychainResult<QByteArray> read = awaitTask(store.read(key));
        const KeychainResult<Unit> written = awaitTask(store.write(u"test/locked-new"_s, "x"_ba));
        const KeychainResult<Unit> removed = awaitTask(store.remove(key));
        const KeychainResult<QByteArray> missing = awaitTask(store.read(u"test/never-written"_s));
        const qint64 elapsed = timer.elapsed();
        const QString unlockError = m_service.unlock(m_collection, kKeyringPassword);

        QCOMPARE(read.state(), KeychainState::Locked);
        QCOMPARE(read.toAwsError().code, u"KeychainLocked"_s);
        QCOMPARE(written.state(), KeychainState::Locked);
        QCOMPARE(removed.state(), KeychainState::Locked);
        QCOMPARE(missing.state(), KeychainState::Locked);
        QVERIFY2(elapsed < 10000, qPrintable(QString::number(elapsed))); // no prompt hung
        QCOMPARE(unlockError, QString());
        QCOMPARE(m_service.isLocked(m_collection), std::optional<bool>(false));

        // The refused remove left the value alone.
        const KeychainResult<QByteArray> after = awaitTask(store.read(key));
        QVERIFY(after.ok());
        QCOMPARE(after.value(), "kept"_ba);
        QVERIFY(awaitTask(store.remove(key)).ok());
    }

    // Its own ctest entry (keychain.unavailable) runs this with DBUS_SESSION_BUS_ADDRESS
    // pointing nowhere.
    void unavailableWithoutDaemon()
    {
        if (!expectUnavailable())
            QSKIP("runs as the ctest entry keychain.unavailable, without a D-Bus session");
        KeychainStore store;
        QElapsedTimer timer;
        timer.start();
        const KeychainResult<QByteArray> read = awaitTask(store.read(u"test/any"_s));
        const qint64 readElapsed = timer.elapsed();
        const KeychainResult<Unit> written = awaitTask(store.write(u"test/any"_s, "x"_ba));
        const KeychainResult<Unit> removed = awaitTask(store.remove(u"test/any"_s));
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(read.state(), KeychainState::Unavailable);
        QCOMPARE(written.state(), KeychainState::Unavailable);
        QCOMPARE(removed.state(), KeychainState::Unavailable);
        QCOMPARE(read.toAwsError().code, u"KeychainUnavailable"_s);
        QVERIFY2(read.detail().contains(u"no keychain service"_s), qPrintable(read.detail()));
        QVERIFY2(readElapsed < 2000, qPrintable(QString::number(readElapsed)));
        QVERIFY2(elapsed < 2000 * 3, qPrintable(QString::number(elapsed)));
    }

private:
    void skipWithoutDaemon() const
    {
        if (expectUnavailable())
            QSKIP("this entry runs without a D-Bus session");
    }
    static bool isThrowawayHome()
    {
        const QString home = QDir::cleanPath(qEnvironmentVariable("HOME"));
        return home.startsWith(QDir::cleanPath(QDir::tempPath()) + u'/');
    }

    SecretService m_service;
    QDBusObjectPath m_collection;
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
