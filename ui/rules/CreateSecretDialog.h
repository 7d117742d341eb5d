#pragma once

#include "SecretsManagerClient.h"
#include "SubmitDialog.h"

class QLabel;
class QLineEdit;

namespace ecr {

class FormValidation;
class MessageBar;

// "Create Secret": a Secrets Manager secret for a rule's upstream credentials, in the registry's
// account and region. The name gets the ecr-pullthroughcache/ prefix ECR requires (shown, not
// typed); the access token is typed into a masked field, sent once and kept nowhere: the field
// is emptied as soon as the request is answered, and when the dialog closes.
class CreateSecretDialog final : public SubmitDialog
{
    Q_OBJECT

public:
    explicit CreateSecretDialog(QWidget* parent = nullptr);
    ~CreateSecretDialog() override;

    // Where the secret will be: "Account 123456789012, us-east-1".
    void setLocation(const QString& account, const QString& region);
    // A first name after the prefix ("docker-hub"), as the registry's default prefix.
    void setSuggestedName(const QString& name);
    CreateSecretRequest request() const;
    // Empties the token field (after the request was answered, or when the dialog closes).
    void clearToken();
    void done(int result) override;

Q_SIGNALS:
    void createRequested(const ecr::CreateSecretRequest& request);

private:
    enum class Input
    {
        Name,
        Username,
        Token,
        KmsKey,
    };
    void refresh();

    FormValidation* m_validation;
    QLabel* m_location = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_username = nullptr;
    QLineEdit* m_token = nullptr;
    QLineEdit* m_kmsKey = nullptr;
    QLineEdit* m_description = nullptr;
    MessageBar* m_messageBar = nullptr;
};

} // namespace ecr
