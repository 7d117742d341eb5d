#pragma once

#include "AwsError.h"
#include "EcrTypes.h"
#include "PullCommand.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>

class QWidget;

namespace ecr {

class MessagePresenter;
class RuleFormDialog;
class RulesController;
class UpdateCredentialsDialog;

// What the user can do to a rule, with its dialogs and confirmations: create (the form), edit
// credentials, verify authentication, delete (after a confirmation), copy the pull reference.
// It runs the operations through the controller, answers the dialogs, and tells the window what
// to show: a brief notice, an inline message, a rule to select.
class RuleActions final : public QObject
{
    Q_OBJECT

public:
    RuleActions(RulesController& controller, MessagePresenter& presenter, QWidget* window);

    void newRule(const RegistryLocation& location);
    void editCredentials(const PullThroughCacheRule& rule);
    QCoro::Task<void> verify(QString prefix);
    QCoro::Task<void> remove(QString prefix);
    void copyPullReference(const PullThroughCacheRule& rule, const RegistryLocation& location);

Q_SIGNALS:
    void notice(const QString& text); // brief, for the status bar
    void information(const QString& text); // stays until dismissed or replaced
    void ruleCreated(const QString& prefix);

private:
    QCoro::Task<void> create(QPointer<RuleFormDialog> dialog, CreateRuleRequest request);
    QCoro::Task<void> update(QPointer<UpdateCredentialsDialog> dialog, UpdateRuleRequest request);
    void showError(const AwsError& error, const QString& operation);

    RulesController& m_controller;
    MessagePresenter& m_presenter;
    QWidget* m_window;
};

} // namespace ecr
