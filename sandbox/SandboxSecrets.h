#pragma once

#include "AwsError.h"

#include <QString>

#include <optional>

// Secrets Manager as the sandbox simulates it: the secret's name (after "ecr-pullthroughcache/"
// in a credentialArn) decides the outcome, so every secret error can be provoked on purpose.
namespace ecr::sandbox {

// The secret's name after "ecr-pullthroughcache/", empty if the ARN has none.
QString secretName(const QString& credentialArn);

// What Create and Update answer for a credentialArn: missing… is SecretNotFoundException,
// denied… UnableToAccessSecretException, undecryptable… UnableToDecryptSecretValueException; a
// secret in another region or account than the rule's cannot be accessed either.
// With `existing` (SandboxConfig::secretsMustExist) the secret must also be one the sandbox's
// Secrets Manager holds, as the service checks: else SecretNotFoundException.
std::optional<AwsError> checkSecret(const QString& credentialArn, const QString& account,
    const QString& region, const class SandboxSecretsManager* existing = nullptr);

// Whether Validate reports a failed upstream login for the secret (its name starts with invalid…).
bool secretFailsUpstreamLogin(const QString& credentialArn);

} // namespace ecr::sandbox
