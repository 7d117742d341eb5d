#pragma once

#include "AwsError.h"
#include "SandboxHttp.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

// Server-side SigV4 verification of a header-signed awsJson request, with the error codes and
// messages the real service uses.
namespace ecr::sandbox {

struct AccessKey
{
    QString accessKeyId;
    QString secretAccessKey;
};

// Temporary credentials the sandbox's STS issued: valid only with their session token and
// until they expire.
struct SessionKey
{
    QString accessKeyId; // ASIA…
    QString secretAccessKey;
    QString sessionToken;
    QDateTime expiration;
    QString arn; // the identity GetCallerIdentity reports
    QString userId;
    bool mfaAuthenticated = false; // obtained with an MFA code (directly or through its source)
};

// Which service's signature rules and error codes apply.
enum class AuthService
{
    Ecr, // awsJson errors: MissingAuthenticationTokenException, InvalidSignatureException, …
    Sts, // Query errors: MissingAuthenticationToken, SignatureDoesNotMatch, InvalidClientTokenId…
    SecretsManager, // the awsJson errors of Ecr, scope service `secretsmanager`
};

// Who signed a verified request, and for which region (from the credential scope).
struct Caller
{
    QString accessKeyId;
    QString region;
    std::optional<SessionKey> session; // set when the key is a temporary one
};

// How far X-Amz-Date may be from the server's clock, either way.
inline constexpr qint64 kMaxSkewSeconds = 5 * 60;

// Checks, in this order: an Authorization header is present (MissingAuthenticationTokenException),
// it parses and X-Amz-Date is there and well formed (IncompleteSignatureException), the scope's
// date matches X-Amz-Date, its service is `ecr`, its region looks like a region and `host` is
// signed (InvalidSignatureException), the access key is known (UnrecognizedClientException),
// X-Amz-Date is within five minutes of `now` ("Signature expired" / "Signature not yet current")
// and the signature matches (InvalidSignatureException). All of these are HTTP 403.
// A long-term key ignores X-Amz-Security-Token. A temporary key (from `sessions`) needs its own
// token in X-Amz-Security-Token (else UnrecognizedClientException, for STS InvalidClientTokenId)
// and must not have expired (400 ExpiredTokenException, for STS ExpiredToken).
// With AuthService::Sts the scope's service must be `sts` and the codes are STS's:
// MissingAuthenticationToken, IncompleteSignature (400), SignatureDoesNotMatch,
// InvalidClientTokenId, ExpiredToken.
Result<Caller> authenticate(const HttpRequest& request, const QList<AccessKey>& keys,
    const QList<SessionKey>& sessions, const QDateTime& now,
    AuthService service = AuthService::Ecr);
inline Result<Caller> authenticate(
    const HttpRequest& request, const QList<AccessKey>& keys, const QDateTime& now)
{
    return authenticate(request, keys, {}, now, AuthService::Ecr);
}

} // namespace ecr::sandbox
