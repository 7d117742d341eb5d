#include "RuleCopy.h"

#include "EcrClient.h"
#include "EcrRegistryClient.h"

#include <QCoreApplication>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::RuleCopy)
};

QString normalized(QString prefix)
{
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    return prefix;
}

QString upstreamPrefixOf(const QString& prefix)
{
    const QString p = normalized(prefix);
    return p.isEmpty() ? u"ROOT"_s : p;
}

} // namespace

QList<CopyPlanItem> planCopy(const QList<PullThroughCacheRule>& rules,
    const CopyDestination& destination, const QHash<QString, QString>& secretMap)
{
    const RegistryLocation& to = destination.location;
    QList<CopyPlanItem> out;
    for (const PullThroughCacheRule& rule : rules) {
        CopyPlanItem item;
        item.request = {normalized(rule.ecrRepositoryPrefix), rule.upstreamRegistryUrl, {},
            rule.upstreamRegistry, rule.credentialArn, rule.customRoleArn,
            rule.upstreamRepositoryPrefix};
        if (!rule.credentialArn.isEmpty()) {
            // arn:aws:secretsmanager:<region>:<account>:secret:<name>
            const QStringList parts = rule.credentialArn.split(u':');
            const bool elsewhere = parts.size() > 4
                && (parts.at(3) != to.region
                    || (!to.accountId.isEmpty() && parts.at(4) != to.accountId));
            if (secretMap.contains(rule.credentialArn))
                item.request.credentialArn = secretMap.value(rule.credentialArn);
            else if (elsewhere) {
                item.action = CopyPlanItem::Action::NeedsSecret;
                item.reason = Tr::tr("The secret is in account %1, %2: ECR reads a secret only in "
                                     "the rule's own account and region. Choose one of %3's.")
                                  .arg(parts.at(4), parts.at(3), destination.label);
                out.append(item);
                continue;
            }
        }
        if (!rule.customRoleArn.isEmpty() && !to.accountId.isEmpty()) {
            const QString roleAccount = rule.customRoleArn.section(u':', 4, 4);
            if (roleAccount != to.accountId) {
                item.action = CopyPlanItem::Action::NeedsRole;
                item.reason
                    = Tr::tr("The custom role is in account %1; the rule needs a role in %2.")
                          .arg(roleAccount, to.accountId);
                out.append(item);
                continue;
            }
        }
        const auto existing = std::find_if(destination.rules.cbegin(), destination.rules.cend(),
            [&item](const PullThroughCacheRule& r) {
                return normalized(r.ecrRepositoryPrefix) == item.request.ecrRepositoryPrefix;
            });
        if (existing == destination.rules.cend()) {
            item.action = CopyPlanItem::Action::Create;
            item.reason = Tr::tr("Will be created.");
        } else {
            QStringList differs;
            if (existing->upstreamRegistryUrl != item.request.upstreamRegistryUrl)
                differs.append(Tr::tr("upstream %1").arg(existing->upstreamRegistryUrl));
            if (existing->credentialArn != item.request.credentialArn)
                differs.append(
                    Tr::tr("credential %1")
                        .arg(existing->credentialArn.isEmpty() ? Tr::tr("none")
                                                               : existing->credentialArn));
            if (existing->customRoleArn != item.request.customRoleArn)
                differs.append(Tr::tr("role %1").arg(
                    existing->customRoleArn.isEmpty() ? Tr::tr("none") : existing->customRoleArn));
            const bool ecrUpstream = !item.request.upstreamRepositoryPrefix.isEmpty()
                || !existing->upstreamRepositoryPrefix.isEmpty();
            if (ecrUpstream
                && upstreamPrefixOf(existing->upstreamRepositoryPrefix)
                    != upstreamPrefixOf(item.request.upstreamRepositoryPrefix))
                differs.append(
                    Tr::tr("upstream prefix %1").arg(existing->upstreamRepositoryPrefix));
            item.existing = *existing;
            item.action = differs.isEmpty() ? CopyPlanItem::Action::Identical
                                            : CopyPlanItem::Action::Conflict;
            item.reason = differs.isEmpty()
                ? Tr::tr("Exists with the same settings.")
                : Tr::tr("Exists with other settings (%1): left as it is.")
                      .arg(differs.join(u", "_s));
        }
        out.append(item);
    }
    return out;
}

bool CopyPlanItem::replaces() const
{
    if (!existing)
        return false;
    return existing->upstreamRegistryUrl != request.upstreamRegistryUrl
        || upstreamPrefixOf(existing->upstreamRepositoryPrefix)
        != upstreamPrefixOf(request.upstreamRepositoryPrefix);
}

namespace {

QString accountOf(const QString& arn)
{
    return arn.section(u':', 4, 4);
}

QString regionOf(const QString& arn)
{
    return arn.section(u':', 3, 3);
}

} // namespace

QList<TemplateCopyItem> planTemplateCopy(
    const QList<RepositoryCreationTemplate>& templates, const CopyDestination& destination)
{
    const RegistryLocation& to = destination.location;
    QList<TemplateCopyItem> out;
    for (const RepositoryCreationTemplate& source : templates) {
        TemplateCopyItem item;
        item.request = source;
        item.request.createdAt = {};
        item.request.updatedAt = {};
        item.request.registryId.clear();
        if (!source.customRoleArn.isEmpty() && !to.accountId.isEmpty()
            && accountOf(source.customRoleArn) != to.accountId) {
            item.action = CopyPlanItem::Action::NeedsRole;
            item.reason
                = Tr::tr("The custom role is in account %1; the template needs a role in %2.")
                      .arg(accountOf(source.customRoleArn), to.accountId);
            out.append(item);
            continue;
        }
        if (source.kmsKey.startsWith(u"arn:")
            && (regionOf(source.kmsKey) != to.region
                || (!to.accountId.isEmpty() && accountOf(source.kmsKey) != to.accountId))) {
            item.action = CopyPlanItem::Action::NeedsKey;
            item.reason
                = Tr::tr("The KMS key is in account %1, %2: a repository can use a key of "
                         "its own account and region only. Choose one of %3's.")
                      .arg(accountOf(source.kmsKey), regionOf(source.kmsKey), destination.label);
            out.append(item);
            continue;
        }
        const auto existing = std::find_if(destination.templates.cbegin(),
            destination.templates.cend(),
            [&source](const RepositoryCreationTemplate& t) { return t.prefix == source.prefix; });
        if (existing == destination.templates.cend()) {
            item.action = CopyPlanItem::Action::Create;
            item.reason = Tr::tr("Will be created.");
        } else if (sameTemplateSettings(*existing, item.request)) {
            item.action = CopyPlanItem::Action::Identical;
            item.reason = Tr::tr("Exists with the same settings.");
        } else {
            QStringList differs;
            if (existing->encryptionType != source.encryptionType
                || existing->kmsKey != source.kmsKey)
                differs.append(Tr::tr("encryption"));
            if (existing->imageTagMutability != source.imageTagMutability
                || existing->exclusionFilters != source.exclusionFilters)
                differs.append(Tr::tr("tag mutability"));
            if (existing->resourceTags != source.resourceTags)
                differs.append(Tr::tr("tags"));
            if (existing->repositoryPolicy != source.repositoryPolicy)
                differs.append(Tr::tr("repository policy"));
            if (existing->lifecyclePolicy != source.lifecyclePolicy)
                differs.append(Tr::tr("lifecycle policy"));
            if (existing->customRoleArn != source.customRoleArn)
                differs.append(Tr::tr("role"));
            if (differs.isEmpty())
                differs.append(Tr::tr("description or use"));
            item.action = CopyPlanItem::Action::Conflict;
            item.reason = Tr::tr("Exists with other settings (%1): left as it is.")
                              .arg(differs.join(u", "_s));
        }
        out.append(item);
    }
    return out;
}

QCoro::Task<QList<CopyOutcome>> applyCopy(
    EcrClient& client, QList<CopyPlanItem> plan, CancelToken cancel)
{
    QList<CopyOutcome> out;
    const CancelToken uninterrupted; // a change that started finishes (it reconciles lost answers)
    for (const CopyPlanItem& item : std::as_const(plan)) {
        CopyOutcome outcome;
        outcome.prefix = item.request.ecrRepositoryPrefix;
        outcome.action = item.action;
        const bool overwrite = item.action == CopyPlanItem::Action::Conflict && item.overwrite;
        if (item.changes() && cancel && cancel->isCancelled())
            break;
        if (item.action == CopyPlanItem::Action::Create) {
            const CreateRuleRequest request = item.request;
            const auto created = co_await client.createRule(request, uninterrupted);
            outcome.created = created.ok();
            if (created)
                outcome.requestId = created->requestId;
            else
                outcome.error = created.error();
        } else if (overwrite && !item.replaces()) {
            UpdateRuleRequest update;
            update.ecrRepositoryPrefix = item.request.ecrRepositoryPrefix;
            update.credentialArn = item.request.credentialArn;
            update.customRoleArn = item.request.customRoleArn;
            const auto updated = co_await client.updateRule(update, uninterrupted);
            outcome.updated = updated.ok();
            if (updated)
                outcome.requestId = updated->requestId;
            else
                outcome.error = updated.error();
        } else if (overwrite) {
            // The upstream cannot be updated: the rule goes and comes back with the new one.
            const RuleKey key{item.request.ecrRepositoryPrefix, {}};
            const auto deleted = co_await client.deleteRule(key, uninterrupted);
            if (!deleted) {
                outcome.error = deleted.error();
            } else {
                const CreateRuleRequest request = item.request;
                const auto created = co_await client.createRule(request, uninterrupted);
                outcome.updated = created.ok();
                if (created)
                    outcome.requestId = created->requestId;
                else
                    outcome.error = created.error();
            }
        }
        out.append(outcome);
    }
    co_return out;
}

QCoro::Task<QList<CopyOutcome>> applyTemplateCopy(
    EcrRegistryClient& client, QList<TemplateCopyItem> plan, CancelToken cancel)
{
    QList<CopyOutcome> out;
    const CancelToken uninterrupted;
    for (const TemplateCopyItem& item : std::as_const(plan)) {
        CopyOutcome outcome;
        outcome.prefix = item.request.prefix;
        outcome.action = item.action;
        const bool overwrite = item.action == CopyPlanItem::Action::Conflict && item.overwrite;
        if (item.changes() && cancel && cancel->isCancelled())
            break;
        if (item.action == CopyPlanItem::Action::Create) {
            const RepositoryCreationTemplate request = item.request;
            const auto created = co_await client.createTemplate(request, uninterrupted);
            outcome.created = created.ok();
            if (!created)
                outcome.error = created.error();
        } else if (overwrite) {
            const RepositoryCreationTemplate request = item.request;
            const auto updated = co_await client.updateTemplate(request, uninterrupted);
            outcome.updated = updated.ok();
            if (!updated)
                outcome.error = updated.error();
        }
        out.append(outcome);
    }
    co_return out;
}

} // namespace ecr
