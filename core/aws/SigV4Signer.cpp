#include "SigV4Signer.h"

#include <QHashFunctions>
#include <QMutexLocker>

namespace ecr {

using namespace sigv4;

namespace {

constexpr qsizetype kMaxCachedKeys = 64;

QByteArray payloadHashOf(const Request& request)
{
    return sha256Hex(request.body);
}

} // namespace

SigV4Signer::SigV4Signer(const Clock& clock)
    : m_clock(clock)
    , m_hashSeed(QHashSeed::globalSeed()) // random per process
{ }

QByteArray SigV4Signer::signingKey(QStringView secret, QByteArrayView date,
    const QByteArray& region, const QByteArray& service) const
{
    // The cache key holds a seeded 64-bit hash of the secret, never the secret itself: cheap
    // enough to compute on every request (a SHA-256 of the secret cost more than the rest of a
    // warm signature), and a collision could only make one request's signature fail.
    const size_t secretHash = qHash(secret, m_hashSeed);
    QMutexLocker lock(&m_cacheMutex);
    for (const CachedKey& entry : std::as_const(m_keyCache)) {
        if (entry.secretHash == secretHash && entry.date == date && entry.region == region
            && entry.service == service)
            return entry.key;
    }
    if (m_keyCache.size() >= kMaxCachedKeys)
        m_keyCache.clear();
    QByteArray secretBytes = secret.toUtf8();
    const QByteArray key = deriveSigningKey(secretBytes, date, region, service);
    secretBytes.fill('\0');
    m_keyCache.append({date.toByteArray(), region, service, secretHash, key});
    return key;
}

qsizetype SigV4Signer::cachedKeyCount() const
{
    QMutexLocker lock(&m_cacheMutex);
    return m_keyCache.size();
}

SigV4Signer::Result SigV4Signer::signHeaders(
    Request request, const Credentials& credentials, const Options& options) const
{
    // Every header name is a QByteArrayLiteral (static data, nothing allocated) and every string
    // put together from parts is one allocation (concat): a warm signature is a few µs, and each
    // allocation is a noticeable part of it.
    const QDateTime now = m_clock.now().addMSecs(options.clockOffset.count());
    const QByteArray date = amzDate(now);
    const QByteArrayView day = QByteArrayView(date).first(8);
    const QByteArray payloadHash = payloadHashOf(request);
    const QByteArray token = credentials.sessionToken.toUtf8();

    request.headers.reserve(request.headers.size() + 4); // date, token, hash, Authorization
    request.setHeader(QByteArrayLiteral("X-Amz-Date"), date);
    if (options.addContentSha256Header)
        request.setHeader(QByteArrayLiteral("x-amz-content-sha256"), payloadHash);
    if (!token.isEmpty() && !options.omitSessionTokenFromSignature)
        request.setHeader(QByteArrayLiteral("X-Amz-Security-Token"), token);

    const CanonicalHeaders headers = canonicalHeaders(request.headers);
    Result result;
    result.canonicalRequest
        = canonicalRequest(request.method, canonicalUri(request.path, options.normalizePath),
            canonicalQueryString(request.query), headers, payloadHash);
    const QByteArray scope = credentialScope(day, options.region, options.service);
    result.stringToSign = stringToSign(date, scope, result.canonicalRequest);
    result.signature = signatureHex(
        signingKey(credentials.secretAccessKey, day, options.region, options.service),
        result.stringToSign);

    if (!token.isEmpty() && options.omitSessionTokenFromSignature)
        request.setHeader(QByteArrayLiteral("X-Amz-Security-Token"), token);
    request.setHeader(QByteArrayLiteral("Authorization"),
        concat({kAlgorithm, " Credential=", credentials.accessKeyId.toUtf8(), "/", scope,
            ", SignedHeaders=", headers.signedHeaders, ", Signature=", result.signature}));
    result.request = std::move(request);
    return result;
}

SigV4Signer::Result SigV4Signer::presign(
    Request request, const Credentials& credentials, const Options& options) const
{
    const QDateTime now = m_clock.now().addMSecs(options.clockOffset.count());
    const QByteArray date = amzDate(now);
    const QByteArray day = dateStamp(now);
    const QByteArray scope = credentialScope(day, options.region, options.service);
    const QByteArray token = credentials.sessionToken.toUtf8();
    const CanonicalHeaders headers = canonicalHeaders(request.headers);

    auto appendParam = [&request](QByteArrayView name, QByteArrayView value) {
        if (!request.query.isEmpty())
            request.query.append('&');
        request.query.append(uriEncode(name)).append('=').append(uriEncode(value));
    };
    appendParam("X-Amz-Algorithm", kAlgorithm);
    appendParam("X-Amz-Credential", QByteArray(credentials.accessKeyId.toUtf8() + '/' + scope));
    appendParam("X-Amz-Date", date);
    appendParam("X-Amz-SignedHeaders", headers.signedHeaders);
    appendParam("X-Amz-Expires", QByteArray::number(qint64(options.expires.count())));
    if (!token.isEmpty() && !options.omitSessionTokenFromSignature)
        appendParam("X-Amz-Security-Token", token);

    Result result;
    result.canonicalRequest
        = canonicalRequest(request.method, canonicalUri(request.path, options.normalizePath),
            canonicalQueryString(request.query), headers, payloadHashOf(request));
    result.stringToSign = stringToSign(date, scope, result.canonicalRequest);
    result.signature = signatureHex(
        signingKey(credentials.secretAccessKey, day, options.region, options.service),
        result.stringToSign);

    if (!token.isEmpty() && options.omitSessionTokenFromSignature)
        appendParam("X-Amz-Security-Token", token);
    appendParam("X-Amz-Signature", result.signature);
    result.request = std::move(request);
    return result;
}

QByteArray SigV4Signer::expectedSignature(const Request& request,
    const AuthorizationHeader& authorization, QByteArrayView secretAccessKey, bool normalizePath)
{
    HeaderList signedOnly;
    for (const Header& h : request.headers) {
        if (authorization.signedHeaders.contains(h.name.trimmed().toLower()))
            signedOnly.append(h);
    }
    const QByteArray payloadHash = payloadHashOf(request);
    const QByteArray canonical
        = canonicalRequest(request.method, canonicalUri(request.path, normalizePath),
            canonicalQueryString(request.query), canonicalHeaders(signedOnly), payloadHash);
    const QByteArray scope
        = credentialScope(authorization.date, authorization.region, authorization.service);
    const QByteArray sts = stringToSign(request.header("X-Amz-Date"), scope, canonical);
    const QByteArray key = deriveSigningKey(
        secretAccessKey, authorization.date, authorization.region, authorization.service);
    return signatureHex(key, sts);
}

} // namespace ecr
