#pragma once

#include "EcrSession.h"
#include "Preflight.h"

#include <QCoroTask>

namespace ecr {

// Gathers what the pre-flight check judges, through the session: the templates, the registry
// policy and (for an upstream with a secret) the secret's description; each read that fails
// becomes "not checked" with the permission it needed. `existingPrefixes`: the registry's rules.
QCoro::Task<QList<PreflightFinding>> runPreflight(EcrSession& session, CreateRuleRequest rule,
    bool ruleExists, QStringList existingPrefixes, CancelToken cancel = {});

} // namespace ecr
