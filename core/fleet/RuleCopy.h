#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "EcrTypes.h"
#include "PullCommand.h"
#include "RepositoryTemplate.h"

#include <QCoroTask>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

// Copying rules and repository creation templates to other regions or accounts: the plan per
// destination (what will be created, what exists identically, what conflicts, what needs a
// secret, role or key of the destination's own), and applying it: the creations, and a
// conflict only where the user chose to overwrite it. Pure planning; the apply goes through the
// destination's clients.
namespace ecr {

class EcrClient;
class EcrRegistryClient;

struct CopyDestination
{
    QString label; // "prod-admin · eu-west-1", for the preview
    RegistryLocation location;
    QList<PullThroughCacheRule> rules; // what the destination has now
    QList<RepositoryCreationTemplate> templates; // … and its templates
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
        NeedsKey, // (templates) the KMS key is in another account or region
    };
    CreateRuleRequest request; // what would be created (the secret mapped)
    Action action = Action::Create;
    QString reason; // one sentence for the preview
    // A Conflict is left alone unless the user chose to overwrite it: an update when only the
    // credential or role differ, else the rule is deleted and created again (the repositories
    // it cached stay).
    bool overwrite = false;
    std::optional<PullThroughCacheRule> existing;
    bool replaces() const; // overwriting means delete and create
    bool changes() const { return makesChange(action, overwrite); } // applying it changes AWS
    static bool makesChange(Action action, bool overwrite)
    {
        return action == Action::Create || (action == Action::Conflict && overwrite);
    }
};

struct TemplateCopyItem
{
    RepositoryCreationTemplate request;
    CopyPlanItem::Action action = CopyPlanItem::Action::Create;
    QString reason;
    bool overwrite = false; // a Conflict: update the destination's template to this one
    bool changes() const { return CopyPlanItem::makesChange(action, overwrite); }
};

// `secretMap`: a source secret ARN → the destination's secret to use instead.
QList<CopyPlanItem> planCopy(const QList<PullThroughCacheRule>& rules,
    const CopyDestination& destination, const QHash<QString, QString>& secretMap = {});

// `templates` to `destination` (whose templates are known): create, identical, conflict (what
// differs), or the custom role / KMS key belongs to another account or region.
QList<TemplateCopyItem> planTemplateCopy(
    const QList<RepositoryCreationTemplate>& templates, const CopyDestination& destination);

struct CopyOutcome
{
    QString prefix;
    CopyPlanItem::Action action = CopyPlanItem::Action::Create;
    bool created = false;
    bool updated = false; // an overwritten conflict
    std::optional<AwsError> error; // a change that failed
    QString requestId; // of the change's last call, when it made one
    bool changed() const { return created || updated; }
};

// Makes the plan's changes one after another — the Create items and the conflicts chosen for
// overwriting — and reports every item; `cancel` stops between rules.
QCoro::Task<QList<CopyOutcome>> applyCopy(
    EcrClient& client, QList<CopyPlanItem> plan, CancelToken cancel = {});
QCoro::Task<QList<CopyOutcome>> applyTemplateCopy(
    EcrRegistryClient& client, QList<TemplateCopyItem> plan, CancelToken cancel = {});

} // namespace ecr
