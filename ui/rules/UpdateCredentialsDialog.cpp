#include "UpdateCredentialsDialog.h"

#include "ErrorPresenter.h"
#include "FieldMessage.h"
#include "MessageBar.h"
#include "AppIcon.h"
#include "RegistryIcons.h"
#include "ui_UpdateCredentialsDialog.h"

#include <QPushButton>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace ecr {

UpdateCredentialsDialog::UpdateCredentialsDialog(const PullThroughCacheRule& rule, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::UpdateCredentialsDialog>())
    , m_rule(rule)
{
    m_ui->setupUi(this);
    setWindowIcon(applicationIcon());
    m_saveButton = m_ui->buttonBox->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    m_saveButton->setObjectName(u"saveButton"_s);
    m_saveButton->setDefault(true);
    m_ui->busyLabel->hide();
    initFieldMessageLabel(m_ui->credentialArnErrorLabel);
    initFieldMessageLabel(m_ui->customRoleArnErrorLabel);

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

    connect(m_ui->credentialArnLineEdit, &QLineEdit::textChanged, this, [this] {
        m_serverErrors[slot(Input::CredentialArn)].clear();
        refresh();
    });
    connect(m_ui->customRoleArnLineEdit, &QLineEdit::textChanged, this, [this] {
        m_serverErrors[slot(Input::CustomRoleArn)].clear();
        refresh();
    });
    connect(m_ui->credentialArnLineEdit, &QLineEdit::textEdited, this,
        [this] { markTouched(Input::CredentialArn); });
    connect(m_ui->customRoleArnLineEdit, &QLineEdit::textEdited, this,
        [this] { markTouched(Input::CustomRoleArn); });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &UpdateCredentialsDialog::submit);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &UpdateCredentialsDialog::reject);
    refresh();
}

UpdateCredentialsDialog::~UpdateCredentialsDialog() = default;

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

void UpdateCredentialsDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->credentialArnFieldWidget->setEnabled(!busy);
    m_ui->customRoleArnFieldWidget->setEnabled(!busy);
    m_ui->busyLabel->setVisible(busy);
    refresh();
}

void UpdateCredentialsDialog::reject()
{
    if (m_busy) {
        setBusy(false);
        Q_EMIT cancelRequested();
    }
    QDialog::reject();
}

void UpdateCredentialsDialog::succeed()
{
    setBusy(false);
    accept();
}

void UpdateCredentialsDialog::fail(const AwsError& error)
{
    setBusy(false);
    const ErrorText text = describeError(error, tr("Updating the credentials"));
    bool shownAtField = false;
    for (ptc::Field field : fieldsForError(error)) {
        if (field != ptc::Field::CredentialArn && field != ptc::Field::CustomRoleArn)
            continue;
        const Input input = inputFor(field);
        if (!isShown(input))
            continue;
        m_serverErrors[slot(input)] = fieldErrorText(text);
        shownAtField = true;
    }
    if (shownAtField) {
        m_ui->messageBar->hideMessage();
    } else {
        m_ui->messageBar->showMessage(
            tr("%1: %2 %3").arg(text.title, text.what, text.action), MessageBar::Type::Error);
        m_ui->messageBar->setToolTip(text.details);
    }
    refresh();
}

void UpdateCredentialsDialog::submit()
{
    if (m_busy)
        return;
    if (!isValid()) {
        m_allTouched = true;
        refresh();
        return;
    }
    m_ui->messageBar->hideMessage();
    m_serverErrors = {};
    setBusy(true);
    Q_EMIT updateRequested(request());
}

void UpdateCredentialsDialog::refresh()
{
    std::array<QString, 2> messages;
    for (const ptc::FieldError& error : validationErrors()) {
        if (error.field != ptc::Field::CredentialArn && error.field != ptc::Field::CustomRoleArn)
            continue; // the prefix and registry ID come from the rule itself
        Input input = inputFor(error.field);
        if (!isShown(input)) // "enter one of the two" lands on the field that is shown
            input = input == Input::CredentialArn ? Input::CustomRoleArn : Input::CredentialArn;
        QString& message = messages[slot(input)];
        if (message.isEmpty())
            message = error.message;
    }
    for (Input input : {Input::CredentialArn, Input::CustomRoleArn}) {
        const int i = slot(input);
        QString text = m_serverErrors[i];
        if (text.isEmpty() && (m_allTouched || m_touched[i] || !inputText(input).isEmpty()))
            text = messages[i];
        if (input == Input::CredentialArn)
            setFieldMessage(m_ui->credentialArnErrorLabel, m_ui->credentialArnLineEdit, text);
        else
            setFieldMessage(m_ui->customRoleArnErrorLabel, m_ui->customRoleArnLineEdit, text);
    }
    m_saveButton->setEnabled(!m_busy && isValid());
}

void UpdateCredentialsDialog::markTouched(Input input)
{
    m_touched[slot(input)] = true;
    refresh();
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
    return ptc::validateUpdate(request());
}

int UpdateCredentialsDialog::slot(Input input)
{
    return input == Input::CredentialArn ? 0 : 1;
}

UpdateCredentialsDialog::Input UpdateCredentialsDialog::inputFor(ptc::Field field) const
{
    return field == ptc::Field::CustomRoleArn ? Input::CustomRoleArn : Input::CredentialArn;
}

} // namespace ecr
