#include "RuleFormDialog.h"

#include "ErrorPresenter.h"
#include "MessageBar.h"
#include "AppIcon.h"
#include "RegistryIcons.h"
#include "RuleForm.h"
#include "ui_RuleFormDialog.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace ecr {

RuleFormDialog::RuleFormDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::RuleFormDialog>())
{
    m_ui->setupUi(this);
    setWindowIcon(applicationIcon());
    m_createButton = m_ui->buttonBox->addButton(tr("Crea&te"), QDialogButtonBox::AcceptRole);
    m_createButton->setObjectName(u"createButton"_s);
    m_createButton->setDefault(true);
    m_ui->busyLabel->hide();

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &RuleFormDialog::submit);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &RuleFormDialog::reject);
    connect(m_ui->ruleForm, &RuleForm::validityChanged, this, &RuleFormDialog::updateCreateButton);
    updateCreateButton();
}

RuleFormDialog::~RuleFormDialog() = default;

RuleForm* RuleFormDialog::form() const
{
    return m_ui->ruleForm;
}

void RuleFormDialog::setRegistryContext(
    const QString& accountId, const QString& region, const QString& dnsSuffix)
{
    m_ui->ruleForm->setRegistryContext(accountId, region, dnsSuffix);
}

void RuleFormDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->ruleForm->setEnabled(!busy);
    m_ui->busyLabel->setVisible(busy);
    updateCreateButton();
}

void RuleFormDialog::reject()
{
    if (m_busy) {
        setBusy(false);
        Q_EMIT cancelRequested();
    }
    QDialog::reject();
}

void RuleFormDialog::succeed()
{
    setBusy(false);
    accept();
}

void RuleFormDialog::fail(const AwsError& error)
{
    setBusy(false);
    const ErrorText text = describeError(error, tr("Creating the rule"));
    bool shownAtField = false;
    for (ptc::Field field : fieldsForError(error)) {
        if (!m_ui->ruleForm->isFieldShown(field))
            continue;
        m_ui->ruleForm->setFieldError(field, fieldErrorText(text));
        shownAtField = true;
    }
    if (shownAtField) {
        m_ui->messageBar->hideMessage();
        m_ui->ruleForm->focusFirstMessage();
    } else {
        m_ui->messageBar->showMessage(
            tr("%1: %2 %3").arg(text.title, text.what, text.action), MessageBar::Type::Error);
        m_ui->messageBar->setToolTip(text.details);
    }
}

void RuleFormDialog::submit()
{
    if (m_busy)
        return;
    if (!m_ui->ruleForm->isValid()) {
        m_ui->ruleForm->markAllTouched();
        m_ui->ruleForm->focusFirstMessage();
        return;
    }
    m_ui->messageBar->hideMessage();
    m_ui->ruleForm->clearFieldErrors();
    setBusy(true);
    Q_EMIT createRequested(m_ui->ruleForm->request());
}

void RuleFormDialog::updateCreateButton()
{
    m_createButton->setEnabled(!m_busy && m_ui->ruleForm->isValid());
}

} // namespace ecr
