#include "PreflightRun.h"

namespace ecr {

QCoro::Task<QList<PreflightFinding>> runPreflight(EcrSession& session, CreateRuleRequest rule,
    bool ruleExists, QStringList existingPrefixes, CancelToken cancel)
{
    PreflightInput input;
    input.rule = rule;
    input.ruleExists = ruleExists;
    input.location = session.location();
    input.existingPrefixes = existingPrefixes;

    const QStringList all;
    const Result<QList<RepositoryCreationTemplate>> templates
        = co_await session.registry().describeAllTemplates(all, cancel);
    if (templates)
        input.templates.value = templates.value();
    else
        input.templates.error = templates.error();

    const Result<std::optional<QString>> policy
        = co_await session.registry().registryPolicy(cancel);
    if (policy)
        input.registryPolicy.value = policy.value();
    else
        input.registryPolicy.error = policy.error();

    if (!rule.credentialArn.isEmpty()) {
        const QString arn = rule.credentialArn;
        const Result<SecretSummary> secret = co_await session.secrets().describeSecret(arn, cancel);
        if (secret)
            input.secret.value = SecretFacts{secret->arn, secret->name, secret->kmsKeyId};
        else
            input.secret.error = secret.error();
    }
    co_return evaluatePreflight(input);
}

} // namespace ecr
