#pragma once

#include "AwsError.h"
#include "SandboxHttp.h"

#include <QDateTime>
#include <QList>
#include <QString>

// Server-side SigV4 verification of a header-signed awsJson request, with the error codes and
// messages the real service uses.
namespace ecr::sandbox {

struct AccessKey
{
    QString accessKeyId;
    QString secretAccessKey;
};

// Who signed a verified request, and for which region (from the credential scope).
struct Caller
{
    QString accessKeyId;
    QString region;
};

// How far X-Amz-Date may be from the server's clock, either way.
inline constexpr qint64 kMaxSkewSeconds = 5 * 60;

// Checks, in this order: an Authorization header is present (MissingAuthenticationTokenException),
// it parses and X-Amz-Date is there and well formed (IncompleteSignatureException), the scope's
// date matches X-Amz-Date, its service is `ecr`, its region looks like a region and `host` is
// signed (InvalidSignatureException), the access key is known (UnrecognizedClientException),
// X-Amz-Date is within five minutes of `now` ("Signature expired" / "Signature not yet current")
// and the signature matches (InvalidSignatureException). All of these are HTTP 403.
// X-Amz-Security-Token is accepted and ignored: the sandbox has long-term keys only.
Result<Caller> authenticate(
    const HttpRequest& request, const QList<AccessKey>& keys, const QDateTime& now);

} // namespace ecr::sandbox
