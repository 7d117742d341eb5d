#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "EcrTypes.h"
#include "PullCommand.h"

#include <QCoroTask>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

// Copying rules to other regions or accounts: the plan per destination (what will be created,
// what exists identically, what conflicts, what needs a secret or role of the destination's
// own), and applying the creations only — nothing existing is touched. Pure planning; the
// apply goes through the destination's client.
namespace ecr {

class EcrClient;

struct CopyDestination
{
    QString label; // "prod-admin · eu-west-1", for the preview
    RegistryLocation location;
    QList<PullThroughCacheRule> rules; // what the destination has now
};

struct CopyPlanItem
{
    enum class Action
    {
        Create,
        Identical, // the same rule exists: nothing to do
        Conflict, // the prefix exists with other settings: left alone
        NeedsSecret, // the secret is in another account or region: map one of the destination's
        NeedsRole, // the custom role is in another account: the destination needs its own
    };
    CreateRuleRequest request; // what would be created (the secret mapped)
    Action action = Action::Create;
    QString reason; // one sentence for the preview
};

// `secretMap`: a source secret ARN → the destination's secret to use instead.
QList<CopyPlanItem> planCopy(const QList<PullThroughCacheRule>& rules,
    const CopyDestination& destination, const QHash<QString, QString>& secretMap = {});

struct CopyOutcome
{
    QString prefix;
    CopyPlanItem::Action action = CopyPlanItem::Action::Create;
    bool created = false;
    std::optional<AwsError> error; // a Create that failed
};

// Creates the plan's Create items one after another (the others are reported as they are);
// `cancel` stops between rules.
QCoro::Task<QList<CopyOutcome>> applyCopy(
    EcrClient& client, QList<CopyPlanItem> plan, CancelToken cancel = {});

} // namespace ecr
