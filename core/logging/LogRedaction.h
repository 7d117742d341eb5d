#pragma once

#include <QByteArray>
#include <QString>

// What the app may write to a log: nothing that signs a request or proves an identity. Secret
// access keys, session tokens, Authorization headers and signatures, SSO access, refresh and
// client tokens, Secrets Manager secret values and ECR authorization tokens become
// "<redacted>". Access key ids, account ids, ARNs and request ids stay: they identify, they do
// not authenticate, and support needs them.
namespace ecr::logging {

inline constexpr char kRedacted[] = "<redacted>";

// True for a header whose value is a credential (Authorization, X-Amz-Security-Token, the SSO
// portal's bearer token header, Cookie).
bool isSecretHeader(QByteArrayView name);

// True for a JSON member or XML element name whose value is a secret (secretAccessKey,
// SessionToken, accessToken, SecretString, authorizationToken, …), in any letter case.
bool isSecretField(QStringView name);

// A request or answer body made safe to log: JSON with the secret members' values replaced
// (nested objects too), other text through redactText. Long bodies are cut to maxChars.
QString redactBody(const QByteArray& body, qsizetype maxChars = 4096);

// The last line of defence, run on every line the log file writes: secret fields in JSON (also
// inside quoted, escaped JSON), XML and ini text, Authorization header values, SigV4
// credentials and signatures, and security tokens in URLs.
QString redactText(QString text);

} // namespace ecr::logging
