#pragma once

#include "EcrTypes.h"
#include "PtcValidation.h"
#include "PullCommand.h"

#include <QList>
#include <QStringList>

// What a rule means in the registry it is created in, beyond the model's field rules: checks
// the form runs as the user types, because the window knows the registry and its rules.
namespace ecr::ptc {

// The 50-rule quota per registry and region; it cannot be raised.
inline constexpr int kRuleQuota = 50;

// The prefix is free (a trailing '/' names the same rule); the secret is in the registry's
// account and region (ECR reads it there); an Amazon ECR upstream in another account needs a
// custom role, and the role is in the registry's account. Checks needing an unknown part of
// `location` (an empty account, say) are skipped.
QList<FieldError> checkInRegistry(const CreateRuleRequest& request,
    const RegistryLocation& location, const QStringList& existingPrefixes);
// The same credential checks for an update of an existing rule.
QList<FieldError> checkUpdateInRegistry(
    const UpdateRuleRequest& request, const RegistryLocation& location);

// "ecr-public/" and "ecr-public" name one rule.
QString normalizedPrefix(const QString& prefix);

} // namespace ecr::ptc
