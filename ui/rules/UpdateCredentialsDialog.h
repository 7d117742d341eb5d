#pragma once

#include "AwsError.h"
#include "EcrTypes.h"
#include "PtcValidation.h"

#include <QDialog>

#include <array>
#include <memory>

class QPushButton;

namespace Ui {
class UpdateCredentialsDialog;
}

namespace ecr {

// Changes the credentials of an existing rule (UpdatePullThroughCacheRule): the credential ARN
// for a registry that authenticates with a Secrets Manager secret, the custom role ARN for an
// Amazon ECR upstream. Save is enabled once the values are valid (ptc::validateUpdate) and
// differ from the rule's. Same busy/succeed/fail pattern as RuleFormDialog.
class UpdateCredentialsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit UpdateCredentialsDialog(const PullThroughCacheRule& rule, QWidget* parent = nullptr);
    ~UpdateCredentialsDialog() override;

    UpdateRuleRequest request() const;
    // Valid and changed: what Save needs.
    bool isValid() const;
    bool isChanged() const;
    const PullThroughCacheRule& rule() const { return m_rule; }

    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

    // Closing while busy emits cancelRequested() before the dialog rejects.
    void reject() override;

public Q_SLOTS:
    void succeed();
    void fail(const ecr::AwsError& error);

Q_SIGNALS:
    void updateRequested(const ecr::UpdateRuleRequest& request);
    void cancelRequested();

private:
    enum class Input
    {
        CredentialArn,
        CustomRoleArn,
    };

    void submit();
    void refresh();
    void markTouched(Input input);
    bool isShown(Input input) const;
    QString inputText(Input input) const;
    QList<ptc::FieldError> validationErrors() const;
    Input inputFor(ptc::Field field) const;
    static int slot(Input input); // index into m_touched and m_serverErrors

    std::unique_ptr<Ui::UpdateCredentialsDialog> m_ui;
    PullThroughCacheRule m_rule;
    QPushButton* m_saveButton;
    bool m_showCredentialArn = false;
    bool m_showCustomRoleArn = false;
    std::array<bool, 2> m_touched{};
    bool m_allTouched = false;
    std::array<QString, 2> m_serverErrors;
    bool m_busy = false;
};

} // namespace ecr
