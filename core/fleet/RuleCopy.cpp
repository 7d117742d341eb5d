#include "RuleCopy.h"

#include "EcrClient.h"

#include <QCoreApplication>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ecr::RuleCopy", text);
}

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
                item.reason = tr("The secret is in account %1, %2: ECR reads a secret only in "
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
                item.reason = tr("The custom role is in account %1; the rule needs a role in %2.")
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
            item.reason = tr("Will be created.");
        } else {
            QStringList differs;
            if (existing->upstreamRegistryUrl != item.request.upstreamRegistryUrl)
                differs.append(tr("upstream %1").arg(existing->upstreamRegistryUrl));
            if (existing->credentialArn != item.request.credentialArn)
                differs.append(
                    tr("credential %1")
                        .arg(existing->credentialArn.isEmpty() ? tr("none")
                                                               : existing->credentialArn));
            if (existing->customRoleArn != item.request.customRoleArn)
                differs.append(tr("role %1").arg(
                    existing->customRoleArn.isEmpty() ? tr("none") : existing->customRoleArn));
            const bool ecrUpstream = !item.request.upstreamRepositoryPrefix.isEmpty()
                || !existing->upstreamRepositoryPrefix.isEmpty();
            if (ecrUpstream
                && upstreamPrefixOf(existing->upstreamRepositoryPrefix)
                    != upstreamPrefixOf(item.request.upstreamRepositoryPrefix))
                differs.append(tr("upstream prefix %1").arg(existing->upstreamRepositoryPrefix));
            item.action = differs.isEmpty() ? CopyPlanItem::Action::Identical
                                            : CopyPlanItem::Action::Conflict;
            item.reason = differs.isEmpty()
                ? tr("Exists with the same settings.")
                : tr("Exists with other settings (%1): left as it is.").arg(differs.join(u", "_s));
        }
        out.append(item);
    }
    return out;
}

QCoro::Task<QList<CopyOutcome>> applyCopy(
    EcrClient& client, QList<CopyPlanItem> plan, CancelToken cancel)
{
    QList<CopyOutcome> out;
    const CancelToken uninterrupted; // a Create that started finishes (it reconciles lost answers)
    for (const CopyPlanItem& item : std::as_const(plan)) {
        CopyOutcome outcome;
        outcome.prefix = item.request.ecrRepositoryPrefix;
        outcome.action = item.action;
        if (item.action == CopyPlanItem::Action::Create) {
            if (cancel && cancel->isCancelled())
                break;
            const CreateRuleRequest request = item.request;
            const auto created = co_await client.createRule(request, uninterrupted);
            outcome.created = created.ok();
            if (!created)
                outcome.error = created.error();
        }
        out.append(outcome);
    }
    co_return out;
}

} // namespace ecr
