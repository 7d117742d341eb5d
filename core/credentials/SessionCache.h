#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "Clock.h"
#include "KeychainStore.h"
#include "SharedFetch.h"
#include "TemporaryCredentials.h"

#include <QCoroTask>
#include <QHash>
#include <QObject>

#include <chrono>
#include <functional>
#include <memory>

namespace ecr {

// Temporary credentials (STS sessions, credential_process output) kept in memory and in the
// keychain until `refreshMargin` before they expire, each under a key with a fingerprint of what
// produced it (an entry made for other settings is not used). Concurrent askers for one key
// share one fetch — and one MFA prompt. An asker that cancels stops waiting at once; the fetch
// itself is cancelled (its prompt closed, its STS call aborted, its process killed) when every
// asker has cancelled. forget() drops entries, and a fetch still in flight for them is not
// stored when it finishes.
class SessionCache final : public QObject
{
    Q_OBJECT

public:
    using Fetch = std::function<QCoro::Task<Result<TemporaryCredentials>>(CancelToken)>;

    SessionCache(SecretStore& secrets, const Clock& clock, std::chrono::seconds refreshMargin,
        QObject* parent = nullptr);
    ~SessionCache() override;

    // "session/<type>/<b64url(profile id)>/<b64url(mfa serial)>"; type: sts.AssumeRole,
    // sts.GetSessionToken, credential_process.
    static QString keyFor(const QString& type, const QString& profileId, const QString& mfaSerial);

    QCoro::Task<Result<TemporaryCredentials>> get(
        QString key, QByteArray fingerprint, Fetch fetch, CancelToken cancel);
    // Removes the entries from memory and the keychain; stops at the first keychain failure.
    QCoro::Task<KeychainResult<Unit>> forget(QStringList keys);

    bool isFresh(const TemporaryCredentials& credentials) const;
    const Clock& clock() const { return m_clock; }

private:
    using Pending = PendingFetch<TemporaryCredentials>;
    QCoro::Task<void> run(
        QString key, QByteArray fingerprint, Fetch fetch, std::shared_ptr<Pending> pending);

    SecretStore& m_secrets;
    const Clock& m_clock;
    std::chrono::seconds m_refreshMargin;
    struct MemoryEntry
    {
        TemporaryCredentials credentials;
        QByteArray fingerprint;
    };
    QHash<QString, MemoryEntry> m_memory;
    QHash<QString, std::shared_ptr<Pending>> m_pending;
    QHash<QString, quint64> m_generation; // bumped by forget(): late results are dropped
};

} // namespace ecr
