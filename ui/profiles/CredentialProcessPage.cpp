#include "CredentialProcessPage.h"

#include "FormValidation.h"
#include "ProfileFields.h"
#include "ui_CredentialProcessPage.h"

namespace ecr {

CredentialProcessPage::CredentialProcessPage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::CredentialProcessPage>())
{
    m_ui->setupUi(this);
    connect(m_ui->credentialProcessLineEdit, &QLineEdit::textChanged, this,
        &CredentialProcessPage::changed);
}

CredentialProcessPage::~CredentialProcessPage() = default;

void CredentialProcessPage::addFields(FormValidation& validation, std::function<bool()> shown)
{
    validation.addFields({{int(ProfileInput::CredentialProcess), m_ui->credentialProcessLineEdit,
                             m_ui->credentialProcessErrorLabel}},
        shown);
}

void CredentialProcessPage::load(const Profile& profile)
{
    m_ui->credentialProcessLineEdit->setText(profile.credentialProcess);
}

void CredentialProcessPage::store(Profile& profile) const
{
    profile.credentialProcess = m_ui->credentialProcessLineEdit->text().trimmed();
}

} // namespace ecr
