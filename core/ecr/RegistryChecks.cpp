#include "RegistryChecks.h"

#include "CallerIdentity.h"
#include "UpstreamRegistry.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace ecr::ptc {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::RegistryChecks)
};

void checkSecret(
    QList<FieldError>& errors, const QString& credentialArn, const RegistryLocation& location)
{
    const ArnParts arn = parseArn(credentialArn);
    if (!arn.isValid())
        return; // the pattern check says what is wrong with it
    if (!location.accountId.isEmpty() && arn.account != location.accountId)
        errors.append({Field::CredentialArn,
            Tr::tr("The secret is in account %1, but this registry is account %2: ECR reads the "
                   "secret only in the registry's own account.")
                .arg(arn.account, location.accountId)});
    else if (!location.region.isEmpty() && arn.region != location.region)
        errors.append({Field::CredentialArn,
            Tr::tr("The secret is in region %1, but this registry is in %2: ECR reads the secret "
                   "only in the registry's own region.")
                .arg(arn.region, location.region)});
}

void checkRoleAccount(
    QList<FieldError>& errors, const QString& customRoleArn, const RegistryLocation& location)
{
    const ArnParts role = parseArn(customRoleArn);
    if (role.isValid() && !location.accountId.isEmpty() && role.account != location.accountId)
        errors.append({Field::CustomRoleArn,
            Tr::tr("The role is in account %1; ECR assumes a role in the registry's own account "
                   "(%2).")
                .arg(role.account, location.accountId)});
}

} // namespace

QString normalizedPrefix(const QString& prefix)
{
    QString p = prefix.trimmed();
    while (p.endsWith(u'/'))
        p.chop(1);
    return p;
}

QList<FieldError> checkInRegistry(const CreateRuleRequest& request,
    const RegistryLocation& location, const QStringList& existingPrefixes)
{
    QList<FieldError> errors;
    const QString prefix = normalizedPrefix(request.ecrRepositoryPrefix);
    if (!prefix.isEmpty()) {
        for (const QString& existing : existingPrefixes) {
            if (normalizedPrefix(existing) == prefix) {
                errors.append({Field::EcrRepositoryPrefix,
                    Tr::tr("This registry already has a rule with the prefix %1; choose another "
                           "prefix, or edit that rule.")
                        .arg(existing)});
                break;
            }
        }
    }
    if (!request.credentialArn.isEmpty())
        checkSecret(errors, request.credentialArn, location);

    if (upstreamRegistryForUrl(request.upstreamRegistryUrl) == UpstreamRegistry::Ecr) {
        const QString upstreamAccount = request.upstreamRegistryUrl.section(u'.', 0, 0);
        if (request.customRoleArn.isEmpty() && !location.accountId.isEmpty()
            && upstreamAccount != location.accountId)
            errors.append({Field::CustomRoleArn,
                Tr::tr("The upstream registry is in another account (%1): ECR needs an IAM role in "
                       "this account (%2) that it can assume to pull from there.")
                    .arg(upstreamAccount, location.accountId)});
        else
            checkRoleAccount(errors, request.customRoleArn, location);
    }
    return errors;
}

QList<FieldError> checkUpdateInRegistry(
    const UpdateRuleRequest& request, const RegistryLocation& location)
{
    QList<FieldError> errors;
    if (!request.credentialArn.isEmpty())
        checkSecret(errors, request.credentialArn, location);
    checkRoleAccount(errors, request.customRoleArn, location);
    return errors;
}

} // namespace ecr::ptc
