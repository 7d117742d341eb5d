#include "MfaCodeDialog.h"

#include "AppIcon.h"
#include "MfaPrompter.h"
#include "ui_MfaCodeDialog.h"

#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>

using namespace Qt::StringLiterals;

namespace ecr {

MfaCodeDialog::MfaCodeDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::MfaCodeDialog>())
{
    m_ui->setupUi(this);
    setWindowIcon(applicationIcon());
    m_okButton = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    m_okButton->setObjectName(u"okButton"_s);
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    m_ui->codeLineEdit->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"[0-9]{0,6}"_s), m_ui->codeLineEdit));

    connect(m_ui->codeLineEdit, &QLineEdit::textChanged, this, &MfaCodeDialog::updateOkButton);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, [this] {
        if (isCodeComplete())
            accept();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &MfaCodeDialog::reject);
    setRequest(QString(), QString());
}

MfaCodeDialog::~MfaCodeDialog() = default;

void MfaCodeDialog::setRequest(const QString& profileName, const QString& mfaSerial)
{
    m_ui->promptLabel->setText(profileName.isEmpty()
            ? tr("Enter the current code of the MFA device %1.").arg(mfaSerial)
            : tr("Profile %1 needs the current code of the MFA device %2.")
                  .arg(profileName, mfaSerial));
    m_ui->codeLineEdit->clear();
    m_ui->codeLineEdit->setFocus(Qt::OtherFocusReason);
    updateOkButton();
}

QString MfaCodeDialog::code() const
{
    return m_ui->codeLineEdit->text();
}

bool MfaCodeDialog::isCodeComplete() const
{
    return isValidMfaCode(code());
}

void MfaCodeDialog::updateOkButton()
{
    m_okButton->setEnabled(isCodeComplete());
}

} // namespace ecr
