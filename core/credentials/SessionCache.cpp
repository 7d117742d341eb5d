#include "SessionCache.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcSessionCache, "ecr.credentials.sessions", QtInfoMsg)

namespace ecr {

using namespace Qt::StringLiterals;

namespace {

QString b64url(const QString& text)
{
    return QString::fromLatin1(
        text.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

AwsError cancelledError()
{
    return makeError(ErrorKind::Cancelled, QString(),
        QCoreApplication::translate("ecr::SessionCache", "Getting the credentials was cancelled."),
        0);
}

} // namespace

SessionCache::SessionCache(
    SecretStore& secrets, const Clock& clock, std::chrono::seconds refreshMargin, QObject* parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_clock(clock)
    , m_refreshMargin(refreshMargin)
{ }

SessionCache::~SessionCache()
{
    // Nobody can use what is still being fetched: close prompts, abort calls, kill processes.
    const auto pending = m_pending;
    for (const auto& fetch : pending)
        fetch->cancel->cancel();
}

QString SessionCache::keyFor(
    const QString& type, const QString& profileId, const QString& mfaSerial)
{
    return u"session/"_s + type + u'/' + b64url(profileId) + u'/' + b64url(mfaSerial);
}

bool SessionCache::isFresh(const TemporaryCredentials& credentials) const
{
    return credentials.freshAt(m_clock.now(), m_refreshMargin);
}

QCoro::Task<Result<TemporaryCredentials>> SessionCache::get(
    QString key, QByteArray fingerprint, Fetch fetch, CancelToken cancel)
{
    if (cancel && cancel->isCancelled())
        co_return cancelledError();
    if (const auto it = m_memory.constFind(key);
        it != m_memory.cend() && it->fingerprint == fingerprint && isFresh(it->credentials)) {
        TemporaryCredentials copy = it->credentials;
        co_return copy;
    }
    std::shared_ptr<Pending> pending = m_pending.value(key);
    if (!pending || pending->fingerprint != fingerprint || pending->cancel->isCancelled()) {
        pending = std::make_shared<Pending>();
        pending->fingerprint = fingerprint;
        m_pending.insert(key, pending);
        run(key, fingerprint, fetch, pending); // runs on by itself; askers wait for `done`
    }
    const AwsError cancelled = cancelledError();
    Result<TemporaryCredentials> result = co_await Pending::wait(pending, cancel, cancelled);
    co_return result;
}

QCoro::Task<void> SessionCache::run(
    QString key, QByteArray fingerprint, Fetch fetch, std::shared_ptr<Pending> pending)
{
    QPointer<SessionCache> self(this);
    const quint64 generation = m_generation.value(key);
    std::optional<Result<TemporaryCredentials>> result;

    const KeychainResult<QByteArray> stored = co_await m_secrets.read(key);
    if (!self) {
        pending->finish(cancelledError());
        co_return;
    }
    if (stored) {
        const std::optional<StoredCredentials> parsed = fromKeychainJson(stored.value());
        if (parsed && parsed->fingerprint == fingerprint && isFresh(parsed->credentials)) {
            qCDebug(lcSessionCache) << "using the cached session" << key;
            result.emplace(parsed->credentials);
        }
    } else if (stored.state() != KeychainState::EntryMissing) {
        qCInfo(lcSessionCache) << "session cache not readable:"
                               << keychainStateName(stored.state());
    }

    if (!result) {
        const CancelToken fetchCancel = pending->cancel;
        if (fetchCancel->isCancelled()) {
            result.emplace(cancelledError());
        } else {
            Result<TemporaryCredentials> fetched = co_await fetch(fetchCancel);
            result.emplace(std::move(fetched));
        }
        const bool keep = self && result->ok() && !fetchCancel->isCancelled()
            && generation == m_generation.value(key);
        if (keep && result->value().expires()) {
            const QByteArray json = toKeychainJson(result->value(), fingerprint);
            const KeychainResult<Unit> written = co_await m_secrets.write(key, json);
            if (self && !written)
                qCInfo(lcSessionCache)
                    << "session not cached in the keychain:" << keychainStateName(written.state());
            if (self && written && generation != m_generation.value(key)) {
                // forget() ran while the entry was being written: it must not outlive it.
                qCDebug(lcSessionCache) << "removing a session forgotten while stored" << key;
                const KeychainResult<Unit> removed = co_await m_secrets.remove(key);
                if (self && !removed)
                    qCWarning(lcSessionCache) << "a forgotten session could not be removed:"
                                              << keychainStateName(removed.state());
            }
        }
    }
    if (self) {
        if (result->ok() && generation == m_generation.value(key))
            m_memory.insert(key, {result->value(), fingerprint});
        if (m_pending.value(key) == pending)
            m_pending.remove(key);
    }
    pending->finish(std::move(*result));
}

QCoro::Task<KeychainResult<Unit>> SessionCache::forget(QStringList keys)
{
    QPointer<SessionCache> self(this);
    for (const QString& key : std::as_const(keys)) {
        m_memory.remove(key);
        ++m_generation[key];
        if (const auto pending = m_pending.take(key))
            pending->cancel->cancel();
    }
    for (const QString& key : std::as_const(keys)) {
        const KeychainResult<Unit> removed = co_await m_secrets.remove(key);
        if (!self || !removed)
            co_return removed;
    }
    co_return KeychainResult<Unit>::success(Unit{});
}

} // namespace ecr
