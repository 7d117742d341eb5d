#include "SandboxSecrets.h"

#include "SandboxHttp.h"
#include "SandboxSecretsManager.h"

#include <QStringList>

namespace ecr::sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr int kBadRequest = 400;

} // namespace

QString secretName(const QString& credentialArn)
{
    constexpr auto kSecretPrefix = "ecr-pullthroughcache/"_L1;
    const qsizetype at = credentialArn.indexOf(kSecretPrefix);
    return at < 0 ? QString() : credentialArn.sliced(at + kSecretPrefix.size());
}

std::optional<AwsError> checkSecret(const QString& credentialArn, const QString& account,
    const QString& region, const SandboxSecretsManager* existing)
{
    // arn:aws:secretsmanager:<region>:<account>:secret:ecr-pullthroughcache/<name>
    const QStringList parts = credentialArn.split(u':');
    const QString name = secretName(credentialArn);
    if (parts.size() < 7 || name.isEmpty())
        return serviceError(kBadRequest, u"InvalidParameterException"_s,
            u"Invalid parameter at 'credentialArn' failed to satisfy constraint: 'must be the "
            "ARN of a Secrets Manager secret'"_s);
    const AwsError cannotAccess = serviceError(kBadRequest, u"UnableToAccessSecretException"_s,
        u"The secret is unable to be accessed. Verify the resource permissions for the secret "
        "and try again."_s);
    if (parts[3] != region || parts[4] != account)
        return cannotAccess;
    if (name.startsWith("missing"_L1) || (existing && !existing->find(region, credentialArn)))
        return serviceError(kBadRequest, u"SecretNotFoundException"_s,
            u"The ARN of the secret specified in the pull through cache rule was not found. "
            "Update the pull through cache rule with a valid secret ARN and try again."_s);
    if (name.startsWith("denied"_L1))
        return cannotAccess;
    if (name.startsWith("undecryptable"_L1))
        // "permisisons" (sic) is the service's own spelling.
        return serviceError(kBadRequest, u"UnableToDecryptSecretValueException"_s,
            u"The secret is accessible but is unable to be decrypted. Verify the resource "
            "permisisons and try again."_s);
    return std::nullopt;
}

bool secretFailsUpstreamLogin(const QString& credentialArn)
{
    return secretName(credentialArn).startsWith("invalid"_L1);
}

} // namespace ecr::sandbox
