#pragma once

#include "SigV4.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <chrono>
#include <optional>

namespace ecr {

// Credentials with the moment they stop working: STS results, credential_process output, and
// static keys (which never expire: an invalid `expiration`).
struct TemporaryCredentials
{
    sigv4::Credentials credentials;
    QDateTime expiration; // UTC; invalid: does not expire
    QString accountId; // when the source said (credential_process AccountId, STS caller)

    bool expires() const { return expiration.isValid(); }
    // True while more than `margin` is left before the expiration (always, when it never expires).
    bool freshAt(const QDateTime& now, std::chrono::seconds margin) const
    {
        return !expires() || now.secsTo(expiration) > margin.count();
    }
};

// The JSON kept in the keychain: {"Version":1,"AccessKeyId","SecretAccessKey","SessionToken",
// "Expiration","AccountId","Fingerprint"}, the shape credential_process prints plus a
// fingerprint of the request that produced it (a cache entry for other parameters is stale).
QByteArray toKeychainJson(
    const TemporaryCredentials& credentials, const QByteArray& fingerprint = {});
struct StoredCredentials
{
    TemporaryCredentials credentials;
    QByteArray fingerprint;
};
std::optional<StoredCredentials> fromKeychainJson(const QByteArray& json);

// ISO 8601 with or without fractional seconds and with Z or an offset; invalid when unreadable.
QDateTime parseIsoTimestamp(const QString& text);

} // namespace ecr
