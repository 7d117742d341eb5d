#pragma once

#include "EcrTypes.h"
#include "PtcValidation.h"
#include "PullCommand.h"
#include "UpstreamRegistry.h"
#include "UpstreamUrl.h"

#include <QMap>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;

namespace Ui {
class RuleForm;
}

namespace ecr {

// The create-rule form: the upstream registry, only the free parts of its URL, and the fields
// that apply to it, validated as the user types with the model's rules (ptc::validateCreate), each
// field with its own message line, and a live preview of the resulting pull command. Hidden
// fields contribute neither to the request nor to validation.
class FormValidation;

class SecretButtons;

class RuleForm final : public QWidget
{
    Q_OBJECT

public:
    explicit RuleForm(QWidget* parent = nullptr);
    ~RuleForm() override;

    CreateRuleRequest request() const;
    // Messages, touched state, server errors, focus and validity (validityChanged()).
    FormValidation& validation() const { return *m_validation; }

    std::optional<UpstreamRegistry> registry() const;
    void setRegistry(UpstreamRegistry registry);

    // Where the rule is created: the pull preview, the credential hint and the default upstream
    // ECR region use it. An empty account shows as <account-id>.
    void setRegistryLocation(const RegistryLocation& location);
    // The registry's rules: a prefix already taken is flagged as the user types.
    void setExistingPrefixes(const QStringList& prefixes);

    // A server-side error shown under the field until the user edits that field. Errors about the
    // URL or the upstream registry show under the upstream URL.
    void setFieldError(ptc::Field field, const QString& message);
    // Whether the field is part of the form for the chosen registry.
    bool isFieldShown(ptc::Field field) const;
    // Choose… and Create Secret… beside the credential ARN (the caller answers them).
    SecretButtons* secretButtons() const { return m_secretButtons; }

private:
    // Everything the user can type into or choose, in form order.
    enum class Input
    {
        Registry,
        AzureName,
        EcrAccount,
        EcrRegion,
        Url, // the composed upstream URL: no editor of its own, but a message line
        Prefix,
        CredentialArn,
        CustomRoleArn,
        UpstreamPrefix,
        RegistryId,
        Count,
    };
    void populateRegions();
    void onRegistryChanged();
    void onValueChanged(Input input);
    void refresh();
    void updateVisibility();
    void updatePreview();
    void updateCredentialHint();

    QString inputText(Input input) const;
    bool isShown(Input input) const;
    UpstreamUrlParts urlParts() const;
    QString upstreamUrl() const;
    // `eager`: the fields whose messages come from another field (see FormValidation::show).
    QMap<int, QString> validationMessages(QSet<int>* eager = nullptr) const;
    static std::optional<Input> inputFor(ptc::Field field);

    std::unique_ptr<Ui::RuleForm> m_ui;
    FormValidation* m_validation;
    RegistryLocation m_location;
    SecretButtons* m_secretButtons = nullptr;
    QStringList m_existingPrefixes;
    QLabel* m_rootHint = nullptr;
    QString m_lastDefaultPrefix;
};

} // namespace ecr
