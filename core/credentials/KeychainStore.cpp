#include "KeychainStore.h"

#include <QCoreApplication>
#include <QCoroSignal>
#include <QCryptographicHash>
#include <QPointer>
#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcKeychain, "ecr.keychain", QtInfoMsg)

namespace ecr {

namespace {

// Reads and deletes send no data: a named empty value, never a braced temporary inside a
// co_await expression (GCC 12 destroys those twice).
const QByteArray kNoData;

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::KeychainStore)
};

constexpr QByteArrayView kManifestTag = "chunks:";
constexpr int kMaxChunks = 64;

QByteArray digest(const QByteArray& value)
{
    return QCryptographicHash::hash(value, QCryptographicHash::Sha256).toHex().left(16);
}

QString chunkKey(const QString& storedKey, int index)
{
    return index == 0 ? storedKey : storedKey + u'.' + QString::number(index);
}

struct Manifest
{
    int chunks = 0;
    QByteArray digest;
    QByteArray firstPart;
};

// "chunks:<N>:<digest>\n<part 0>", or nullopt when chunk 0 is not a manifest.
std::optional<Manifest> parseManifest(const QByteArray& chunk0)
{
    if (!chunk0.startsWith(kManifestTag))
        return std::nullopt;
    const qsizetype newline = chunk0.indexOf('\n');
    if (newline < 0)
        return Manifest{}; // a broken manifest: zero chunks, reads as missing
    const QList<QByteArray> fields = chunk0.left(newline).split(':');
    Manifest manifest;
    if (fields.size() != 3)
        return manifest;
    bool ok = false;
    manifest.chunks = fields[1].toInt(&ok);
    if (!ok || manifest.chunks < 1 || manifest.chunks > kMaxChunks)
        manifest.chunks = 0;
    manifest.digest = fields[2];
    manifest.firstPart = chunk0.mid(newline + 1);
    return manifest;
}

bool mentionsMissingService(const QString& text)
{
    static const char* const markers[] = {"not provided by any .service", "ServiceUnknown",
        "Could not connect", "Cannot autolaunch D-Bus", "No such file or directory",
        "Connection refused", "org.freedesktop.DBus.Error.NoServer", "Failed to connect"};
    for (const char* marker : markers) {
        if (text.contains(QLatin1StringView(marker), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

struct KeychainStore::JobOutcome
{
    int error = QKeychain::NoError;
    QString errorString;
    QByteArray data;
};

SecretStore::~SecretStore() = default;

QString keychainStateName(KeychainState state)
{
    switch (state) {
    case KeychainState::Ok:
        return QStringLiteral("Ok");
    case KeychainState::EntryMissing:
        return QStringLiteral("EntryMissing");
    case KeychainState::AccessDenied:
        return QStringLiteral("AccessDenied");
    case KeychainState::Locked:
        return QStringLiteral("Locked");
    case KeychainState::Unavailable:
        return QStringLiteral("Unavailable");
    }
    return {};
}

AwsError keychainError(KeychainState state, const QString& detail)
{
    switch (state) {
    case KeychainState::Ok:
        break;
    case KeychainState::EntryMissing:
        return makeError(ErrorKind::Credentials, QStringLiteral("KeychainEntryMissing"),
            Tr::tr("The system keychain holds no saved credentials for this profile. Edit the "
                   "profile and enter its access key again."),
            0);
    case KeychainState::AccessDenied:
        return makeError(ErrorKind::Credentials, QStringLiteral("KeychainAccessDenied"),
            Tr::tr(
                "Access to the system keychain was refused. Allow ECR Pull-Through Cache Admin to "
                "use the keychain, then try again."),
            0);
    case KeychainState::Locked:
        return makeError(ErrorKind::Credentials, QStringLiteral("KeychainLocked"),
            Tr::tr("The system keychain is locked. Unlock it (for example in your keyring manager, "
                   "or by logging in again), then try again."),
            0);
    case KeychainState::Unavailable:
        return makeError(ErrorKind::Credentials, QStringLiteral("KeychainUnavailable"),
            detail.isEmpty() ? Tr::tr("The system keychain is not available.")
                             : Tr::tr("The system keychain is not available: %1").arg(detail),
            0);
    }
    return makeError(ErrorKind::Credentials, QStringLiteral("KeychainError"), detail, 0);
}

KeychainStore::KeychainStore(QObject* parent)
    : KeychainStore(defaultService(), defaultKeyPrefix(), parent)
{ }

KeychainStore::KeychainStore(QString service, QString keyPrefix, QObject* parent)
    : QObject(parent)
    , m_service(std::move(service))
    , m_keyPrefix(std::move(keyPrefix))
{ }

KeychainState KeychainStore::stateForError(int error, const QString& errorString)
{
    switch (error) {
    case QKeychain::NoError:
        return KeychainState::Ok;
    case QKeychain::EntryNotFound:
        return KeychainState::EntryMissing;
    case QKeychain::AccessDeniedByUser:
        return KeychainState::AccessDenied;
    case QKeychain::AccessDenied:
        // libsecret: a locked item or collection; macOS: interaction not allowed.
        return KeychainState::Locked;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return KeychainState::Unavailable;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
    default:
        Q_UNUSED(errorString)
        return KeychainState::Unavailable;
    }
}

namespace {

template <typename T>
KeychainResult<T> failureFor(int error, const QString& errorString)
{
    const KeychainState state = KeychainStore::stateForError(error, errorString);
    QString detail = errorString;
    if (state == KeychainState::Unavailable
        && (error == QKeychain::NoBackendAvailable || mentionsMissingService(errorString)))
        detail = Tr::tr("no keychain service (Secret Service, KWallet) is running (%1)")
                     .arg(errorString);
    return KeychainResult<T>::failure(state, detail);
}

} // namespace

QCoro::Task<KeychainStore::JobOutcome> KeychainStore::runJob(
    JobKind kind, QString storedKey, QByteArray data)
{
    QKeychain::Job* job = nullptr;
    switch (kind) {
    case JobKind::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case JobKind::Write: {
        auto* write = new QKeychain::WritePasswordJob(m_service);
        write->setBinaryData(data);
        job = write;
        break;
    }
    case JobKind::Delete:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    job->setKey(storedKey);
    // Awaiting starts (and connects) before the job does, so its finish cannot be missed.
    auto finished = qCoro(job, &QKeychain::Job::finished, m_jobTimeout);
    job->start();
    const auto done = co_await std::move(finished);
    JobOutcome outcome;
    if (!done) {
        // QtKeychain still owns the running job; let it delete the job when it ends.
        job->setAutoDelete(true);
        outcome.error = QKeychain::OtherError;
        outcome.errorString = Tr::tr("the keychain did not answer within %1 seconds")
                                  .arg(m_jobTimeout.count() / 1000);
        qCWarning(lcKeychain) << "keychain job timed out";
        co_return outcome;
    }
    outcome.error = job->error();
    outcome.errorString = job->errorString();
    if (kind == JobKind::Read && outcome.error == QKeychain::NoError)
        outcome.data = static_cast<QKeychain::ReadPasswordJob*>(job)->binaryData();
    job->deleteLater();
    co_return outcome;
}

QCoro::Task<KeychainResult<Unit>> KeychainStore::probeWritable()
{
    // Arguments are named locals: GCC 12 destroys some temporaries of a co_await expression twice.
    const QString probeKey = storedKey(QStringLiteral(".probe"));
    const QByteArray probeValue("1");
    const JobOutcome written = co_await runJob(JobKind::Write, probeKey, probeValue);
    if (written.error != QKeychain::NoError)
        co_return failureFor<Unit>(written.error, written.errorString);
    const JobOutcome removed = co_await runJob(JobKind::Delete, probeKey, kNoData);
    if (removed.error != QKeychain::NoError && removed.error != QKeychain::EntryNotFound)
        co_return failureFor<Unit>(removed.error, removed.errorString);
    co_return KeychainResult<Unit>::success(Unit{});
}

QCoro::Task<KeychainResult<QByteArray>> KeychainStore::read(QString key)
{
    const QString stored = storedKey(key);
    const JobOutcome first = co_await runJob(JobKind::Read, stored, kNoData);
    if (first.error == QKeychain::EntryNotFound) {
        // Not found, or hidden by a locked collection: only a write tells them apart.
        const KeychainResult<Unit> probe = co_await probeWritable();
        if (!probe.ok() && probe.state() != KeychainState::EntryMissing)
            co_return KeychainResult<QByteArray>::failureFrom(probe);
        qCDebug(lcKeychain) << "keychain read: missing" << key;
        co_return KeychainResult<QByteArray>::failure(KeychainState::EntryMissing, {});
    }
    if (first.error != QKeychain::NoError)
        co_return failureFor<QByteArray>(first.error, first.errorString);

    const std::optional<Manifest> manifest = parseManifest(first.data);
    if (!manifest) {
        QByteArray value = first.data;
        co_return KeychainResult<QByteArray>::success(std::move(value));
    }
    auto incomplete = [] {
        return KeychainResult<QByteArray>::failure(
            KeychainState::EntryMissing, Tr::tr("the stored value is incomplete"));
    };
    if (manifest->chunks == 0)
        co_return incomplete();
    QByteArray value = manifest->firstPart;
    for (int i = 1; i < manifest->chunks; ++i) {
        const QString partKey = chunkKey(stored, i);
        const JobOutcome part = co_await runJob(JobKind::Read, partKey, kNoData);
        if (part.error == QKeychain::EntryNotFound)
            co_return incomplete();
        if (part.error != QKeychain::NoError)
            co_return failureFor<QByteArray>(part.error, part.errorString);
        value += part.data;
    }
    if (digest(value) != manifest->digest)
        co_return incomplete();
    co_return KeychainResult<QByteArray>::success(std::move(value));
}

QCoro::Task<KeychainResult<int>> KeychainStore::storedChunkCount(QString key)
{
    const QString stored = storedKey(key);
    const JobOutcome first = co_await runJob(JobKind::Read, stored, kNoData);
    if (first.error == QKeychain::EntryNotFound)
        co_return KeychainResult<int>::success(0);
    if (first.error != QKeychain::NoError)
        co_return failureFor<int>(first.error, first.errorString);
    const std::optional<Manifest> manifest = parseManifest(first.data);
    // A broken manifest may still have left chunks behind: clean up as many as possible.
    co_return KeychainResult<int>::success(
        !manifest ? 1 : (manifest->chunks == 0 ? kMaxChunks : manifest->chunks));
}

QCoro::Task<KeychainResult<Unit>> KeychainStore::write(QString key, QByteArray value)
{
    const QString stored = storedKey(key);
    const KeychainResult<int> before = co_await storedChunkCount(key);
    const int oldChunks = before.ok() ? before.value() : 0;

    QList<QByteArray> chunks;
    if (value.size() <= kChunkSize && !value.startsWith(kManifestTag)) {
        chunks.append(value);
    } else {
        // Chunk 0 carries the manifest and must stay within kChunkSize as well.
        const qsizetype headerRoom = 40;
        const qsizetype firstSize = kChunkSize - headerRoom;
        const qsizetype rest = std::max<qsizetype>(0, value.size() - firstSize);
        const int count = 1 + int((rest + kChunkSize - 1) / kChunkSize);
        if (count > kMaxChunks)
            co_return KeychainResult<Unit>::failure(KeychainState::Unavailable,
                Tr::tr("the value is too large for the keychain (%1 bytes)").arg(value.size()));
        const QByteArray header
            = kManifestTag.toByteArray() + QByteArray::number(count) + ':' + digest(value) + '\n';
        chunks.append(header + value.left(firstSize));
        for (qsizetype offset = firstSize; offset < value.size(); offset += kChunkSize)
            chunks.append(value.mid(offset, kChunkSize));
    }

    // The other chunks first, chunk 0 (with the manifest) last.
    for (int i = int(chunks.size()) - 1; i >= 0; --i) {
        const QString partKey = chunkKey(stored, i);
        const QByteArray part = chunks[i];
        const JobOutcome outcome = co_await runJob(JobKind::Write, partKey, part);
        if (outcome.error != QKeychain::NoError)
            co_return failureFor<Unit>(outcome.error, outcome.errorString);
    }
    for (int i = int(chunks.size()); i < oldChunks; ++i) {
        const QString partKey = chunkKey(stored, i);
        const JobOutcome outcome = co_await runJob(JobKind::Delete, partKey, kNoData);
        if (outcome.error != QKeychain::NoError && outcome.error != QKeychain::EntryNotFound)
            qCWarning(lcKeychain) << "could not delete a stale chunk of" << key;
    }
    co_return KeychainResult<Unit>::success(Unit{});
}

QCoro::Task<KeychainResult<Unit>> KeychainStore::remove(QString key)
{
    // A locked Secret Service collection reports deletes as done without doing them.
    const KeychainResult<Unit> probe = co_await probeWritable();
    if (!probe.ok())
        co_return probe;
    const KeychainResult<int> count = co_await storedChunkCount(key);
    if (!count.ok())
        co_return KeychainResult<Unit>::failureFrom(count);
    const QString stored = storedKey(key);
    for (int i = 0; i < count.value(); ++i) {
        const QString partKey = chunkKey(stored, i);
        const JobOutcome outcome = co_await runJob(JobKind::Delete, partKey, kNoData);
        if (outcome.error != QKeychain::NoError && outcome.error != QKeychain::EntryNotFound)
            co_return failureFor<Unit>(outcome.error, outcome.errorString);
    }
    co_return KeychainResult<Unit>::success(Unit{});
}

} // namespace ecr
