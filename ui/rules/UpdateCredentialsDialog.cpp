#include "UpdateCredentialsDialog.h"

#include "ErrorPresenter.h"
#include "FormValidation.h"
#include "MessageBar.h"
#include "RegistryChecks.h"
#include "RegistryIcons.h"
#include "SecretButtons.h"
#include "ui_UpdateCredentialsDialog.h"

#include <QPushButton>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace ecr {

UpdateCredentialsDialog::UpdateCredentialsDialog(const PullThroughCacheRule& rule, QWidget* parent)
    : SubmitDialog(parent)
    , m_ui(std::make_unique<Ui::UpdateCredentialsDialog>())
    , m_rule(rule)
    , m_validation(new FormValidation(this))
{
    m_ui->setupUi(this);
    m_secretButtons = new SecretButtons(m_ui->credentialArnLineEdit);

    m_ui->prefixValueLabel->setText(rule.ecrRepositoryPrefix);
    const std::optional<UpstreamRegistry> registry = rule.registry();
    if (registry) {
        const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
        m_ui->upstreamIconLabel->setPixmap(registryIcon(*registry).pixmap(size));
        m_ui->upstreamValueLabel->setText(
            tr("%1 (%2)").arg(registryDisplayName(*registry), rule.upstreamRegistryUrl));
        const UpstreamRegistryInfo& info = upstreamRegistryInfo(*registry);
        m_showCredentialArn = info.auth == UpstreamAuth::SecretsManager;
        m_showCustomRoleArn = *registry == UpstreamRegistry::Ecr;
    } else {
        // An upstream this app does not know: offer what the rule already uses, else both.
        m_ui->upstreamIconLabel->hide();
        m_ui->upstreamValueLabel->setText(rule.upstreamRegistryUrl);
        m_showCredentialArn = !rule.credentialArn.isEmpty() || rule.customRoleArn.isEmpty();
        m_showCustomRoleArn = !rule.customRoleArn.isEmpty() || rule.credentialArn.isEmpty();
    }
    m_ui->fieldsFormLayout->setRowVisible(m_ui->credentialArnFieldWidget, m_showCredentialArn);
    m_ui->fieldsFormLayout->setRowVisible(m_ui->customRoleArnFieldWidget, m_showCustomRoleArn);
    m_ui->credentialArnLineEdit->setText(rule.credentialArn);
    m_ui->customRoleArnLineEdit->setText(rule.customRoleArn);
    if (!m_showCredentialArn && !m_showCustomRoleArn)
        m_ui->messageBar->showMessage(
            tr("%1 needs no credentials, so this rule has none to change.")
                .arg(registryDisplayName(*registry)),
            MessageBar::Type::Information);

    for (const auto& [input, edit, label] :
        {std::tuple{
             Input::CredentialArn, m_ui->credentialArnLineEdit, m_ui->credentialArnErrorLabel},
            std::tuple{Input::CustomRoleArn, m_ui->customRoleArnLineEdit,
                m_ui->customRoleArnErrorLabel}}) {
        FormValidation::Field field;
        field.editor = edit;
        field.messageLabel = label;
        field.shown = [this, input = input] {
            return isShown(input);
        };
        m_validation->addField(int(input), field);
        m_validation->watch(int(input), edit, [this] { refresh(); });
    }
    m_validation->setErrorFields([](const AwsError& error) {
        QList<int> ids;
        for (ptc::Field field : fieldsForError(error)) {
            if (field == ptc::Field::CredentialArn || field == ptc::Field::CustomRoleArn)
                ids.append(int(inputFor(field)));
        }
        return ids;
    });
    initSubmit(m_ui->buttonBox, tr("&Save"), u"saveButton"_s, m_ui->busyLabel, m_ui->messageBar,
        {m_ui->credentialArnFieldWidget, m_ui->customRoleArnFieldWidget}, m_validation,
        tr("Updating the credentials"));
    setSubmitCondition([this] { return isChanged(); });
    connect(this, &SubmitDialog::submitted, this, [this] { Q_EMIT updateRequested(request()); });
    refresh();
}

UpdateCredentialsDialog::~UpdateCredentialsDialog() = default;

void UpdateCredentialsDialog::setRegistryLocation(const RegistryLocation& location)
{
    m_location = location;
    refresh();
}

UpdateRuleRequest UpdateCredentialsDialog::request() const
{
    UpdateRuleRequest request;
    request.ecrRepositoryPrefix = m_rule.ecrRepositoryPrefix;
    request.registryId = m_rule.registryId;
    if (m_showCredentialArn)
        request.credentialArn = inputText(Input::CredentialArn);
    if (m_showCustomRoleArn)
        request.customRoleArn = inputText(Input::CustomRoleArn);
    return request;
}

bool UpdateCredentialsDialog::isValid() const
{
    return isChanged() && validationErrors().isEmpty();
}

bool UpdateCredentialsDialog::isChanged() const
{
    return (m_showCredentialArn && inputText(Input::CredentialArn) != m_rule.credentialArn)
        || (m_showCustomRoleArn && inputText(Input::CustomRoleArn) != m_rule.customRoleArn);
}

void UpdateCredentialsDialog::refresh()
{
    QMap<int, QString> messages;
    for (const ptc::FieldError& error : validationErrors()) {
        if (error.field != ptc::Field::CredentialArn && error.field != ptc::Field::CustomRoleArn)
            continue; // the prefix and registry ID come from the rule itself
        Input input = inputFor(error.field);
        if (!isShown(input)) // "enter one of the two" lands on the field that is shown
            input = input == Input::CredentialArn ? Input::CustomRoleArn : Input::CredentialArn;
        if (!messages.contains(int(input)))
            messages.insert(int(input), error.message);
    }
    m_validation->show(messages);
    updateSubmitButton(); // "changed" is part of the condition
}

bool UpdateCredentialsDialog::isShown(Input input) const
{
    return input == Input::CredentialArn ? m_showCredentialArn : m_showCustomRoleArn;
}

QString UpdateCredentialsDialog::inputText(Input input) const
{
    const QLineEdit* lineEdit
        = input == Input::CredentialArn ? m_ui->credentialArnLineEdit : m_ui->customRoleArnLineEdit;
    return lineEdit->text().trimmed();
}

QList<ptc::FieldError> UpdateCredentialsDialog::validationErrors() const
{
    if (!m_showCredentialArn && !m_showCustomRoleArn)
        return {ptc::FieldError{ptc::Field::CredentialArn, QString()}};
    QList<ptc::FieldError> errors = ptc::validateUpdate(request());
    if (isChanged())
        errors.append(ptc::checkUpdateInRegistry(request(), m_location));
    return errors;
}

UpdateCredentialsDialog::Input UpdateCredentialsDialog::inputFor(ptc::Field field)
{
    return field == ptc::Field::CustomRoleArn ? Input::CustomRoleArn : Input::CredentialArn;
}

} // namespace ecr
