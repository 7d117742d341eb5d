#include "SubmitDialog.h"

#include "AppIcon.h"
#include "FieldMessage.h"
#include "FormValidation.h"
#include "MessageBar.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>

namespace ecr {

SubmitDialog::SubmitDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowIcon(applicationIcon());
}

void SubmitDialog::initSubmit(QDialogButtonBox* buttons, const QString& submitText,
    const QString& submitObjectName, QLabel* busyLabel, MessageBar* messageBar,
    QList<QWidget*> content, FormValidation* validation, const QString& operationName)
{
    m_submitButton = buttons->addButton(submitText, QDialogButtonBox::AcceptRole);
    m_submitButton->setObjectName(submitObjectName);
    m_submitButton->setDefault(true);
    m_busyLabel = busyLabel;
    m_busyLabel->hide();
    m_messageBar = messageBar;
    m_content = std::move(content);
    m_validation = validation;
    m_operationName = operationName;
    connect(buttons, &QDialogButtonBox::accepted, this, &SubmitDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &SubmitDialog::reject);
    connect(validation, &FormValidation::validityChanged, this, &SubmitDialog::updateSubmitButton);
    updateSubmitButton();
}

void SubmitDialog::setSubmitCondition(std::function<bool()> condition)
{
    m_condition = std::move(condition);
    updateSubmitButton();
}

bool SubmitDialog::canSubmit() const
{
    return m_validation->isValid() && (!m_condition || m_condition());
}

void SubmitDialog::updateSubmitButton()
{
    if (m_submitButton)
        m_submitButton->setEnabled(!m_busy && canSubmit());
}

void SubmitDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget* widget : std::as_const(m_content))
        widget->setEnabled(!busy);
    m_busyLabel->setVisible(busy);
    updateSubmitButton();
}

void SubmitDialog::reject()
{
    if (m_busy) {
        setBusy(false);
        Q_EMIT cancelRequested();
    }
    QDialog::reject();
}

void SubmitDialog::succeed()
{
    setBusy(false);
    accept();
}

void SubmitDialog::fail(const AwsError& error)
{
    setBusy(false);
    const ErrorText text = describeError(error, m_operationName);
    if (m_validation->showServerError(error, fieldErrorText(text))) {
        m_messageBar->hideMessage();
        return;
    }
    m_messageBar->showMessage(inlineErrorText(text), MessageBar::Type::Error);
    m_messageBar->setToolTip(plainToolTip(text.details));
}

void SubmitDialog::submit()
{
    if (m_busy)
        return;
    if (!canSubmit()) {
        m_validation->markAllTouched();
        m_validation->focusFirstMessage();
        return;
    }
    m_messageBar->hideMessage();
    m_validation->clearServerErrors();
    setBusy(true);
    Q_EMIT submitted();
}

} // namespace ecr
