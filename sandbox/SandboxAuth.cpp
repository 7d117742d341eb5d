#include "SandboxAuth.h"

#include "SigV4Signer.h"

#include <QRegularExpression>

namespace ecr::sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr int kForbidden = 403;
constexpr int kBadRequest = 400;

AwsError invalidSignature(AuthService service, const QString& message)
{
    return serviceError(kForbidden,
        service == AuthService::Sts ? u"SignatureDoesNotMatch"_s : u"InvalidSignatureException"_s,
        message);
}

AwsError incompleteSignature(AuthService service, const QString& message)
{
    return service == AuthService::Sts
        ? serviceError(kBadRequest, u"IncompleteSignature"_s, message)
        : serviceError(kForbidden, u"IncompleteSignatureException"_s, message);
}

AwsError invalidToken(AuthService service)
{
    return serviceError(kForbidden,
        service == AuthService::Sts ? u"InvalidClientTokenId"_s : u"UnrecognizedClientException"_s,
        u"The security token included in the request is invalid."_s);
}

AwsError expiredToken(AuthService service)
{
    return serviceError(kBadRequest,
        service == AuthService::Sts ? u"ExpiredToken"_s : u"ExpiredTokenException"_s,
        u"The security token included in the request is expired"_s);
}

// 20260101T120000Z, or an invalid QDateTime.
QDateTime parseAmzDate(QByteArrayView value)
{
    if (value.size() != 16 || value.at(8) != 'T' || value.at(15) != 'Z')
        return {};
    const QDate date = QDate::fromString(QString::fromLatin1(value.first(8)), u"yyyyMMdd"_s);
    const QTime time = QTime::fromString(QString::fromLatin1(value.sliced(9, 6)), u"HHmmss"_s);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

// Compares without an early exit, so the time taken says nothing about where they differ.
bool equalSignatures(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

const AccessKey* findKey(const QList<AccessKey>& keys, const QString& accessKeyId)
{
    for (const AccessKey& key : keys) {
        if (key.accessKeyId == accessKeyId)
            return &key;
    }
    return nullptr;
}

} // namespace

Result<Caller> authenticate(const HttpRequest& request, const QList<AccessKey>& keys,
    const QList<SessionKey>& sessions, const QDateTime& now, AuthService service)
{
    const sigv4::Request signedRequest{
        request.method, request.path, request.query, request.headers, request.body};
    const QByteArray authorization = signedRequest.header("Authorization");
    if (authorization.isEmpty())
        return service == AuthService::Sts
            ? serviceError(kForbidden, u"MissingAuthenticationToken"_s,
                u"Request is missing Authentication Token"_s)
            : serviceError(kForbidden, u"MissingAuthenticationTokenException"_s,
                u"Missing Authentication Token"_s);

    const std::optional<sigv4::AuthorizationHeader> auth
        = sigv4::parseAuthorizationHeader(authorization);
    if (!auth)
        return incompleteSignature(service,
            u"Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' "
            "parameters of the AWS4-HMAC-SHA256 algorithm."_s);

    const QByteArray amzDate = signedRequest.header("X-Amz-Date").trimmed();
    if (amzDate.isEmpty())
        return incompleteSignature(
            service, u"Authorization header requires existence of a 'X-Amz-Date' header."_s);
    const QDateTime signedAt = parseAmzDate(amzDate);
    if (!signedAt.isValid())
        return incompleteSignature(service,
            u"Date must be in ISO-8601 'basic format'. Got '%1'."_s.arg(
                QString::fromLatin1(amzDate)));
    if (auth->date != amzDate.first(8))
        return invalidSignature(service,
            u"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
            "from HTTP: '%1' != '%2', from '%3'."_s.arg(QString::fromLatin1(auth->date),
                QString::fromLatin1(amzDate.first(8)), QString::fromLatin1(amzDate)));
    const QByteArray expectedService = service == AuthService::Sts ? "sts"_ba
        : service == AuthService::SecretsManager                   ? "secretsmanager"_ba
                                                                   : "ecr"_ba;
    if (auth->service != expectedService)
        return invalidSignature(service,
            u"Credential should be scoped to correct service: '%1'."_s.arg(
                QString::fromLatin1(expectedService)));
    static const QRegularExpression regionPattern(u"^[a-z]{2,}(-[a-z0-9]+)*-[0-9]+$"_s);
    const QString region = QString::fromLatin1(auth->region);
    if (!regionPattern.match(region).hasMatch())
        return invalidSignature(service, u"Credential should be scoped to a valid region."_s);
    if (!auth->signedHeaders.contains("host"))
        return invalidSignature(service,
            u"'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."_s);
    // Every x-amz-* header that is sent (the date, the operation, the session token) and the
    // content type must be signed, as SigV4 requires: otherwise anyone on the way could change
    // which operation a signature authorises.
    for (const sigv4::Header& header : request.headers) {
        const QByteArray name = header.name.toLower();
        if ((name.startsWith("x-amz-") || name == "content-type")
            && !auth->signedHeaders.contains(name))
            return invalidSignature(service,
                u"The request has the header '%1', which is not among the SignedHeaders of the "
                "AWS Authorization; sign it."_s.arg(QString::fromLatin1(header.name)));
    }

    const QString accessKeyId = QString::fromUtf8(auth->accessKeyId);
    const AccessKey* key = findKey(keys, accessKeyId);
    const SessionKey* session = nullptr;
    if (!key) {
        for (const SessionKey& candidate : sessions) {
            if (candidate.accessKeyId == accessKeyId)
                session = &candidate;
        }
        if (!session)
            return invalidToken(service);
        const QByteArray token = signedRequest.header("X-Amz-Security-Token");
        if (token.isEmpty() || !equalSignatures(token, session->sessionToken.toUtf8()))
            return invalidToken(service);
        if (now >= session->expiration)
            return expiredToken(service);
    }
    const QString secret = key ? key->secretAccessKey : session->secretAccessKey;

    const QByteArray earliest = sigv4::amzDate(now.addSecs(-kMaxSkewSeconds));
    const QByteArray latest = sigv4::amzDate(now.addSecs(kMaxSkewSeconds));
    const QString nowText = QString::fromLatin1(sigv4::amzDate(now));
    if (signedAt < now.addSecs(-kMaxSkewSeconds))
        return invalidSignature(service,
            u"Signature expired: %1 is now earlier than %2 (%3 - 5 min.)"_s.arg(
                QString::fromLatin1(amzDate), QString::fromLatin1(earliest), nowText));
    if (signedAt > now.addSecs(kMaxSkewSeconds))
        return invalidSignature(service,
            u"Signature not yet current: %1 is still later than %2 (%3 + 5 min.)"_s.arg(
                QString::fromLatin1(amzDate), QString::fromLatin1(latest), nowText));

    const QByteArray expected
        = SigV4Signer::expectedSignature(signedRequest, *auth, secret.toUtf8());
    if (!equalSignatures(expected, auth->signature))
        return invalidSignature(service,
            u"The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. Consult the service "
            "documentation for details."_s);
    Caller caller{accessKeyId, region, std::nullopt};
    if (session)
        caller.session = *session;
    return caller;
}

} // namespace ecr::sandbox
