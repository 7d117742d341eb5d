#pragma once

#include "SecretsManagerClient.h"
#include "SubmitDialog.h"

class QLabel;
class QLineEdit;

namespace ecr {

class FormValidation;
class MessageBar;

// "Replace Token": new upstream credentials for an existing secret (PutSecretValue). The token
// is typed into a masked field, sent once, and emptied as soon as the request is answered and
// when the dialog closes.
class ReplaceTokenDialog final : public SubmitDialog
{
    Q_OBJECT

public:
    explicit ReplaceTokenDialog(const QString& secretName, QWidget* parent = nullptr);
    ~ReplaceTokenDialog() override;

    UpstreamCredentials credentials() const;
    void clearToken();
    void done(int result) override;

Q_SIGNALS:
    void replaceRequested(const ecr::UpstreamCredentials& credentials);

private:
    void refresh();

    FormValidation* m_validation;
    QLineEdit* m_username = nullptr;
    QLineEdit* m_token = nullptr;
};

} // namespace ecr
