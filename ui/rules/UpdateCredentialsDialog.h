#pragma once

#include "EcrTypes.h"
#include "PtcValidation.h"
#include "PullCommand.h"
#include "SubmitDialog.h"

#include <memory>

namespace Ui {
class UpdateCredentialsDialog;
}

namespace ecr {

class FormValidation;
class SecretButtons;

// Changes the credentials of an existing rule (UpdatePullThroughCacheRule): the credential ARN
// for a registry that authenticates with a Secrets Manager secret, the custom role ARN for an
// Amazon ECR upstream. Save is enabled once the values are valid (ptc::validateUpdate) and
// differ from the rule's; the busy/succeed/fail behaviour is SubmitDialog's.
class UpdateCredentialsDialog final : public SubmitDialog
{
    Q_OBJECT

public:
    explicit UpdateCredentialsDialog(const PullThroughCacheRule& rule, QWidget* parent = nullptr);
    ~UpdateCredentialsDialog() override;

    // Where the rule lives: a secret or role in another account or region is flagged.
    void setRegistryLocation(const RegistryLocation& location);
    UpdateRuleRequest request() const;
    // Valid and changed: what Save needs.
    bool isValid() const;
    bool isChanged() const;
    const PullThroughCacheRule& rule() const { return m_rule; }
    // Choose… and Create Secret… beside the credential ARN (the caller answers them).
    SecretButtons* secretButtons() const { return m_secretButtons; }

Q_SIGNALS:
    void updateRequested(const ecr::UpdateRuleRequest& request);

private:
    enum class Input
    {
        CredentialArn,
        CustomRoleArn,
    };

    void refresh();
    bool isShown(Input input) const;
    QString inputText(Input input) const;
    QList<ptc::FieldError> validationErrors() const;
    static Input inputFor(ptc::Field field);

    std::unique_ptr<Ui::UpdateCredentialsDialog> m_ui;
    PullThroughCacheRule m_rule;
    FormValidation* m_validation;
    SecretButtons* m_secretButtons = nullptr;
    bool m_showCredentialArn = false;
    bool m_showCustomRoleArn = false;
    RegistryLocation m_location;
};

} // namespace ecr
