#pragma once

#include "AwsError.h"

#include <QByteArray>
#include <QCoroTask>
#include <QLoggingCategory>
#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcKeychain)

namespace ecr {

// What a keychain call found. Each state has its own message and its own remedy; none of them
// means "logged out".
enum class KeychainState
{
    Ok,
    EntryMissing, // nothing stored under the key (or only part of a chunked value)
    AccessDenied, // the user refused access when asked
    Locked, // the collection or item is locked and was not unlocked
    Unavailable, // no keychain service, or it failed (the detail says how)
};

QString keychainStateName(KeychainState state); // "Ok", "EntryMissing", … (for logs and tests)

// A keychain call's outcome: a value with state Ok, or another state with a detail text (the
// backend's own words, never a secret).
template <typename T>
class KeychainResult
{
public:
    static KeychainResult success(T value)
    {
        KeychainResult result(KeychainState::Ok, {});
        result.m_value.emplace(std::move(value));
        return result;
    }
    static KeychainResult failure(KeychainState state, QString detail)
    {
        return KeychainResult(state, std::move(detail));
    }
    template <typename U>
    static KeychainResult failureFrom(const KeychainResult<U>& other)
    {
        return KeychainResult(other.state(), other.detail());
    }

    bool ok() const { return m_state == KeychainState::Ok; }
    explicit operator bool() const { return ok(); }
    KeychainState state() const { return m_state; }
    const QString& detail() const { return m_detail; }
    const T& value() const& { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    // For callers that speak AwsError: kind Credentials, code KeychainEntryMissing,
    // KeychainAccessDenied, KeychainLocked or KeychainUnavailable.
    AwsError toAwsError() const;

private:
    KeychainResult(KeychainState state, QString detail)
        : m_state(state)
        , m_detail(std::move(detail))
    { }
    KeychainState m_state;
    QString m_detail;
    std::optional<T> m_value;
};

AwsError keychainError(KeychainState state, const QString& detail);

template <typename T>
AwsError KeychainResult<T>::toAwsError() const
{
    return keychainError(m_state, m_detail);
}

// Where secrets are kept. KeychainStore is the real one; tests of other units may fake it.
class SecretStore
{
public:
    virtual ~SecretStore();
    virtual QCoro::Task<KeychainResult<QByteArray>> read(QString key) = 0;
    virtual QCoro::Task<KeychainResult<Unit>> write(QString key, QByteArray value) = 0;
    // Ok also when there was nothing to remove.
    virtual QCoro::Task<KeychainResult<Unit>> remove(QString key) = 0;
};

// The OS keychain through QtKeychain, asynchronously (each call is a QtKeychain job whose
// `finished` signal is awaited; QtKeychain runs its jobs one at a time).
//
// Keys are prefixed with the app id ("org.ecr-ptc-admin/<key>") because QtKeychain ignores the
// service name on Windows; the service is "ecr-ptc-admin". A value longer than kChunkSize bytes
// is split over `key`, `key.1`, `key.2`…; chunk 0 starts with a manifest line
// "chunks:<N>:<sha256 prefix>\n", the other chunks are written first and chunk 0 last, so a
// partly written or mixed value reads back as EntryMissing. The insecure plaintext fallback is
// never enabled, and nothing read or written is logged.
//
// The Secret Service (gnome-keyring) answers a read of a locked collection with "not found" and
// a delete with success (without deleting); a write fails with QKeychain::AccessDenied. So a
// read that finds nothing and every remove first probe with a small write: when that fails as
// locked, the answer is Locked, not EntryMissing.
class KeychainStore final : public QObject, public SecretStore
{
    Q_OBJECT

public:
    static constexpr qsizetype kChunkSize = 2000;
    static QString defaultService() { return QStringLiteral("ecr-ptc-admin"); }
    static QString defaultKeyPrefix() { return QStringLiteral("org.ecr-ptc-admin/"); }

    explicit KeychainStore(QObject* parent = nullptr);
    KeychainStore(QString service, QString keyPrefix, QObject* parent = nullptr);

    QCoro::Task<KeychainResult<QByteArray>> read(QString key) override;
    QCoro::Task<KeychainResult<Unit>> write(QString key, QByteArray value) override;
    QCoro::Task<KeychainResult<Unit>> remove(QString key) override;

    // How long one QtKeychain job may take (an unlock prompt the user answers counts).
    void setJobTimeout(std::chrono::milliseconds timeout) { m_jobTimeout = timeout; }
    QString service() const { return m_service; }
    QString storedKey(const QString& key) const { return m_keyPrefix + key; } // what the OS sees

    // Maps a QtKeychain error (QKeychain::Error as int, and its text) to a state. Public for tests.
    static KeychainState stateForError(int error, const QString& errorString);

private:
    struct JobOutcome;
    enum class JobKind
    {
        Read,
        Write,
        Delete,
    };
    QCoro::Task<JobOutcome> runJob(JobKind kind, QString storedKey, QByteArray data);
    // Ok when the collection takes writes, Locked when it is locked, or the failure.
    QCoro::Task<KeychainResult<Unit>> probeWritable();
    // Reads chunk 0 and returns how many chunks the stored value has (0: none stored).
    QCoro::Task<KeychainResult<int>> storedChunkCount(QString key);

    QString m_service;
    QString m_keyPrefix;
    std::chrono::milliseconds m_jobTimeout{120000};
};

} // namespace ecr
