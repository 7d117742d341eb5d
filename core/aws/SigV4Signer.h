#pragma once

#include "Clock.h"
#include "SigV4.h"

#include <QList>
#include <QMutex>

#include <chrono>

namespace ecr {

// Signs requests with AWS Signature Version 4, either in the Authorization header or as a
// presigned URL (query parameters). Time comes from the injected clock plus an optional offset
// (the clock-skew correction). Signing keys are cached per date/region/service/secret; the cache
// is keyed by a seeded hash of the secret, and neither keys nor secrets are ever logged.
class SigV4Signer final
{
public:
    struct Options
    {
        QByteArray region;
        QByteArray service;
        bool normalizePath = true;
        bool addContentSha256Header = false; // X-Amz-Content-Sha256, signed
        bool omitSessionTokenFromSignature = false; // token added after signing (some services)
        std::chrono::seconds expires{3600}; // presigned URLs only
        std::chrono::milliseconds clockOffset{0};
    };

    // The signed request plus the intermediate values, which tests and diagnostics compare.
    struct Result
    {
        sigv4::Request request;
        QByteArray canonicalRequest;
        QByteArray stringToSign;
        QByteArray signature;
    };

    explicit SigV4Signer(const Clock& clock);

    Result signHeaders(sigv4::Request request, const sigv4::Credentials& credentials,
        const Options& options) const;
    Result presign(sigv4::Request request, const sigv4::Credentials& credentials,
        const Options& options) const;

    // Verifies a header-signed request (the sandbox's side). Returns the expected signature,
    // computed from the request's own X-Amz-Date and the given secret.
    static QByteArray expectedSignature(const sigv4::Request& request,
        const sigv4::AuthorizationHeader& authorization, QByteArrayView secretAccessKey,
        bool normalizePath = true);

    qsizetype cachedKeyCount() const;

private:
    QByteArray signingKey(QStringView secret, QByteArrayView date, const QByteArray& region,
        const QByteArray& service) const;

    const Clock& m_clock;
    const size_t m_hashSeed;
    mutable QMutex m_cacheMutex;
    struct CachedKey
    {
        QByteArray date;
        QByteArray region;
        QByteArray service;
        size_t secretHash;
        QByteArray key;
    };
    mutable QList<CachedKey> m_keyCache; // a handful of entries: a linear scan beats hashing
};

} // namespace ecr
