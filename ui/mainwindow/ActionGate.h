#pragma once

#include "EcrTypes.h"

#include <QHash>
#include <QObject>

class QAction;

namespace ecr {

// Enables the window's actions for what is selected, and says why an action is disabled: its
// tooltip and status tip end with the reason ("Select a rule first."), so a greyed button is
// never a riddle.
class ActionGate final : public QObject
{
    Q_OBJECT

public:
    enum class Needs
    {
        Profile, // a chosen profile (refreshing without a session connects again)
        Connection, // a session
        RoomForARule, // a session and fewer rules than the quota
        OneRule, // exactly one selected rule
        OneRuleWithCredentials, // one rule whose upstream authenticates
        OneRuleWithSecret, // one rule that has a credential ARN
        SomeRules, // at least one selected rule
    };

    explicit ActionGate(QObject* parent = nullptr);

    void add(QAction* action, Needs needs);
    // Applies the state: whether a profile is chosen and connected, the selected rules, how
    // many rules the registry has.
    void update(bool profileChosen, bool connected, const QList<PullThroughCacheRule>& selected,
        int ruleCount);
    // Why `action` is disabled now; empty when it is enabled.
    QString reason(const QAction* action) const;

private:
    QString why(Needs needs, bool profileChosen, bool connected,
        const QList<PullThroughCacheRule>& selected, int ruleCount) const;

    struct Entry
    {
        QAction* action;
        Needs needs;
        QString toolTip; // the action's own
        QString statusTip;
    };
    QList<Entry> m_entries;
    QHash<const QAction*, QString> m_reasons;
};

} // namespace ecr
