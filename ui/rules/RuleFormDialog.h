#pragma once

#include "AwsError.h"
#include "EcrTypes.h"

#include <QDialog>

#include <memory>

class QPushButton;

namespace Ui {
class RuleFormDialog;
}

namespace ecr {

class RuleForm;

// A thin dialog around RuleForm. Create asks the caller to create the rule (createRequested) and
// waits in a busy state; the caller answers with succeed() (the dialog accepts) or fail(error)
// (the dialog stays open with everything the user typed and shows the error under its field, or
// at the top when it belongs to no field).
class RuleFormDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit RuleFormDialog(QWidget* parent = nullptr);
    ~RuleFormDialog() override;

    RuleForm* form() const;
    void setRegistryContext(
        const QString& accountId, const QString& region, const QString& dnsSuffix);

    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

    // Closing while busy emits cancelRequested() before the dialog rejects.
    void reject() override;

public Q_SLOTS:
    void succeed();
    void fail(const ecr::AwsError& error);

Q_SIGNALS:
    void createRequested(const ecr::CreateRuleRequest& request);
    void cancelRequested();

private:
    void submit();
    void updateCreateButton();

    std::unique_ptr<Ui::RuleFormDialog> m_ui;
    QPushButton* m_createButton;
    bool m_busy = false;
};

} // namespace ecr
