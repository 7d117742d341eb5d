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
// warning, failed or not checked with one sentence; where the app can fix it (the registry
// policy), Fix… shows the exact change and applies it after confirmation, then checks again.
// Recheck runs it again; closing cancels a check in flight.
class PreflightDialog final : public QDialog
{
    Q_OBJECT

public:
    PreflightDialog(RulesController& controller, MessagePresenter& presenter,
        CreateRuleRequest rule, bool exists, QStringList existingPrefixes,
        QWidget* parent = nullptr);
    ~PreflightDialog() override;

    QTreeWidget* list() const { return m_list; }
    QCoro::Task<void> check();
    void reject() override;

private:
    QCoro::Task<void> fix();
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
