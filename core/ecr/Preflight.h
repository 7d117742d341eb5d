#pragma once

#include "AwsError.h"
#include "EcrTypes.h"
#include "PullCommand.h"
#include "RepositoryTemplate.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The pre-flight check of a rule (before Create, or of an existing one): what makes it work on
// the first pull, as findings that passed, warn or failed — or were not checked, naming the
// permission the check needed. Pure: a runner gathers the registry's state (rules, templates,
// registry policy, the secret's description) and evaluatePreflight() judges it.
namespace ecr {

struct PreflightFinding
{
    enum class Status
    {
        Passed,
        Warning,
        Failed,
        NotChecked,
    };
    enum class Fix
    {
        None,
        RegistryPolicy, // mergedRegistryPolicy() + PutRegistryPolicy
        Secret, // create or choose the upstream secret (the rule's credential)
        Template, // edit the template `target` (a custom role for its tags or KMS key)
    };
    QString id; // "prefix", "quota", "region", "secret", "registry-policy", "template", …
    Status status = Status::Passed;
    QString sentence;
    Fix fix = Fix::None;
    QString target = {}; // what the fix works on: the template's prefix, the secret's name
};

// What is known of the registry; an unset optional with an error is "could not be read".
template <typename T>
struct Known
{
    std::optional<T> value;
    std::optional<AwsError> error; // set when reading it failed (AccessDenied: not checked)
};

struct SecretFacts
{
    QString arn;
    QString name;
    QString kmsKeyId;
};

struct PreflightInput
{
    CreateRuleRequest rule;
    bool ruleExists = false; // checking an existing rule (not a Create)
    RegistryLocation location;
    QStringList existingPrefixes;
    Known<QList<RepositoryCreationTemplate>> templates;
    // nullopt value with no error: the registry has no policy.
    Known<std::optional<QString>> registryPolicy;
    Known<SecretFacts> secret; // for registries that authenticate with a secret
};

QList<PreflightFinding> evaluatePreflight(const PreflightInput& input);

// Whether a registry policy lets pullers create repositories and import upstream images under
// `prefix` (an Allow statement with both actions, or ecr:*, on repository/<prefix>/* or wider).
bool registryPolicyCoversPrefix(
    const QString& policyText, const RegistryLocation& location, const QString& prefix);
// The policy with a statement added that grants ecr:CreateRepository and
// ecr:BatchImportUpstreamImage on the prefix's repositories to the account's principals; every
// existing statement is kept as it was (one with the same Sid is replaced). `policyText` empty:
// a new policy. Empty when the existing policy is not a JSON object, or the account is unknown:
// nothing to merge into safely.
QString mergedRegistryPolicy(
    const QString& policyText, const RegistryLocation& location, const QString& prefix);
// The statements `after` has that `before` has not, as indented JSON lines each marked "+ ":
// what a policy change adds, shown before it is applied.
QStringList addedStatementLines(const QString& before, const QString& after);
// Pull through cache is offered in every commercial region (not in China or GovCloud).
bool isPullThroughCacheRegion(const QString& region);

} // namespace ecr
