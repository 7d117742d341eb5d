#include "ActionGate.h"

#include "RegistryChecks.h"
#include "RegistryIcons.h"

#include <QAction>

using namespace Qt::StringLiterals;

namespace ecr {

ActionGate::ActionGate(QObject* parent)
    : QObject(parent)
{ }

void ActionGate::add(QAction* action, Needs needs)
{
    m_entries.append({action, needs, action->toolTip(), action->statusTip()});
}

QString ActionGate::why(Needs needs, bool profileChosen, bool connected,
    const QList<PullThroughCacheRule>& selected, int ruleCount) const
{
    if (needs == Needs::Profile && profileChosen)
        return {};
    if (!connected)
        return tr("Not connected: choose a profile and a region, or start the Local sandbox.");
    switch (needs) {
    case Needs::Profile:
    case Needs::Connection:
        return {};
    case Needs::RoomForARule:
        return ruleCount >= ptc::kRuleQuota
            ? tr("The registry has %1 rules, its quota in this region, which cannot be raised: "
                 "delete a rule first.")
                  .arg(ruleCount)
            : QString();
    case Needs::SomeRules:
        return selected.isEmpty() ? tr("Select a rule first.") : QString();
    case Needs::OneRule:
    case Needs::OneRuleWithCredentials:
    case Needs::OneRuleWithSecret:
        break;
    }
    if (selected.isEmpty())
        return tr("Select a rule first.");
    if (selected.size() > 1)
        return tr("Select a single rule.");
    const PullThroughCacheRule& rule = selected.first();
    if (needs == Needs::OneRuleWithSecret && rule.credentialArn.isEmpty())
        return tr("The rule %1 has no credential ARN.").arg(rule.ecrRepositoryPrefix);
    if (needs == Needs::OneRuleWithCredentials) {
        const auto registry = rule.registry();
        if (registry && upstreamRegistryInfo(*registry).auth == UpstreamAuth::None)
            return tr("%1 needs no credentials.").arg(registryDisplayName(*registry));
    }
    return {};
}

void ActionGate::update(
    bool profileChosen, bool connected, const QList<PullThroughCacheRule>& selected, int ruleCount)
{
    m_reasons.clear();
    for (const Entry& entry : std::as_const(m_entries)) {
        const QString reason = why(entry.needs, profileChosen, connected, selected, ruleCount);
        entry.action->setEnabled(reason.isEmpty());
        const QString shortcut = entry.action->shortcut().toString(QKeySequence::NativeText);
        const QString tip
            = shortcut.isEmpty() ? entry.toolTip : tr("%1 (%2)").arg(entry.toolTip, shortcut);
        entry.action->setToolTip(reason.isEmpty() ? tip : tr("%1 — %2").arg(tip, reason));
        entry.action->setStatusTip(
            reason.isEmpty() ? entry.statusTip : tr("%1 — %2").arg(entry.statusTip, reason));
        if (!reason.isEmpty())
            m_reasons.insert(entry.action, reason);
    }
}

QString ActionGate::reason(const QAction* action) const
{
    return m_reasons.value(action);
}

} // namespace ecr
