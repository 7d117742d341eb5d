#pragma once

#include "EcrTypes.h"
#include "PtcValidation.h"
#include "UpstreamRegistry.h"

#include <QMap>
#include <QWidget>

#include <array>
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
class RuleForm final : public QWidget
{
    Q_OBJECT

public:
    explicit RuleForm(QWidget* parent = nullptr);
    ~RuleForm() override;

    CreateRuleRequest request() const;
    bool isValid() const;

    std::optional<UpstreamRegistry> registry() const;
    void setRegistry(UpstreamRegistry registry);

    // Where the rule is created: the pull preview, the credential hint and the default upstream
    // ECR region use it. An empty account shows as <account-id>.
    void setRegistryContext(
        const QString& accountId, const QString& region, const QString& dnsSuffix);

    // A server-side error shown under the field until the user edits that field. Errors about the
    // URL or the upstream registry show under the upstream URL.
    void setFieldError(ptc::Field field, const QString& message);
    void clearFieldErrors();
    // Whether the field is part of the form for the chosen registry.
    bool isFieldShown(ptc::Field field) const;
    // Shows the messages of untouched fields too (the user tried to submit).
    void markAllTouched();
    // Moves the focus to the first field that shows a message.
    void focusFirstMessage();

Q_SIGNALS:
    void validityChanged(bool valid);

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
    struct InputWidgets
    {
        QWidget* editor;
        QLabel* messageLabel;
    };

    void populateRegions();
    void connectInput(Input input);
    void onRegistryChanged();
    void onEdited(Input input);
    void onValueChanged(Input input);
    void refresh();
    void updateVisibility();
    void updateMessages();
    void updatePreview();
    void updateCredentialHint();

    QString inputText(Input input) const;
    bool isShown(Input input) const;
    QString upstreamUrl() const;
    QString upstreamUrlForDisplay() const;
    QMap<Input, QString> validationMessages() const;
    InputWidgets widgetsFor(Input input) const;
    static std::optional<Input> inputFor(ptc::Field field);

    std::unique_ptr<Ui::RuleForm> m_ui;
    std::array<bool, static_cast<int>(Input::Count)> m_touched{};
    bool m_allTouched = false;
    QMap<Input, QString> m_serverErrors; // until the input is edited
    QString m_urlServerError; // until the registry or a URL part changes
    QString m_accountId;
    QString m_region;
    QString m_dnsSuffix;
    QString m_lastDefaultPrefix;
    bool m_valid = false;
};

} // namespace ecr
