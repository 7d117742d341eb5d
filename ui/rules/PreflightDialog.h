#pragma once

#include "Cancellation.h"
#include "EcrTypes.h"
#include "Preflight.h"

#include <QCoroTask>
#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace ecr {

class MessagePresenter;
class RulesController;

// Check: the pre-flight findings of a rule (before Create, or of an existing one), each passed,
// warning, failed or not checked with one sentence; where the app can fix it, a button does:
// the registry policy's change is shown exactly and applied after confirmation here; the secret
// and the template are fixed in their own dialogs (fixRequested, handled by RuleActions), and
// the check runs again when the rule's credential or the templates change. Recheck runs it
// again; closing cancels a check in flight.
class PreflightDialog final : public QDialog
{
    Q_OBJECT

public:
    PreflightDialog(RulesController& controller, MessagePresenter& presenter,
        CreateRuleRequest rule, bool exists, QStringList existingPrefixes,
        QWidget* parent = nullptr);
    ~PreflightDialog() override;

    QTreeWidget* list() const { return m_list; }
    QPushButton* fixButton() const { return m_fix; }
    const CreateRuleRequest& rule() const { return m_rule; }
    QCoro::Task<void> check();
    // The rule's credential changed (a secret created or chosen for it): check again.
    void setCredentialArn(const QString& arn);
    void reject() override;

Q_SIGNALS:
    // A fix this dialog does not make itself: Fix::Secret or Fix::Template.
    void fixRequested(const ecr::PreflightFinding& finding);

private:
    QCoro::Task<void> fix();
    QCoro::Task<void> fixRegistryPolicy();
    void updateButtons();

    RulesController& m_controller;
    MessagePresenter& m_presenter;
    CreateRuleRequest m_rule;
    bool m_exists;
    QStringList m_prefixes;
    QList<PreflightFinding> m_findings;
    CancelToken m_cancel;
    QLabel* m_summary = nullptr;
    QTreeWidget* m_list = nullptr;
    QPushButton* m_fix = nullptr;
    QPushButton* m_recheck = nullptr;
};

} // namespace ecr
