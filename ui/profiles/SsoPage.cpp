#include "SsoPage.h"

#include "FormValidation.h"
#include "ProfileFields.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

SsoPage::SsoPage(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(u"ssoPage"_s);
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_session = addRow(tr("SS&O session:"), u"ssoSessionLineEdit"_s,
        tr("Optional; for example my-sso (an [sso-session] of the AWS CLI)"), &m_sessionMessage);
    m_startUrl = addRow(tr("&Portal URL:"), u"ssoStartUrlLineEdit"_s,
        tr("https://my-company.awsapps.com/start"), &m_startUrlMessage);
    m_region = addRow(tr("Identity Center re&gion:"), u"ssoRegionLineEdit"_s,
        tr("For example eu-west-1"), &m_regionMessage);
    m_accountId = addRow(
        tr("Acco&unt ID:"), u"ssoAccountIdLineEdit"_s, tr("123456789012"), &m_accountIdMessage);
    m_roleName = addRow(tr("Role (permiss&ion set):"), u"ssoRoleNameLineEdit"_s,
        tr("For example AdministratorAccess"), &m_roleNameMessage);
    auto* note = new QLabel(tr("Signing in opens the access portal in your browser; the token is "
                               "kept where the AWS CLI keeps it (~/.aws/sso/cache), so `aws sso "
                               "login` and this app share the sign-in of an SSO session."),
        this);
    note->setWordWrap(true);
    form->addRow(note);
}

QLineEdit* SsoPage::addRow(
    const QString& title, const QString& objectName, const QString& placeholder, QLabel** message)
{
    auto* field = new QWidget(this);
    auto* column = new QVBoxLayout(field);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto* edit = new QLineEdit(field);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    QString accessible = title;
    edit->setAccessibleName(accessible.remove(u'&').remove(u':'));
    column->addWidget(edit);
    *message = new QLabel(field);
    (*message)->setObjectName(QString(objectName).replace(u"LineEdit"_s, u"ErrorLabel"_s));
    (*message)->setWordWrap(true);
    column->addWidget(*message);
    auto* label = new QLabel(title, this);
    label->setBuddy(edit);
    static_cast<QFormLayout*>(layout())->addRow(label, field);
    connect(edit, &QLineEdit::textChanged, this, &SsoPage::changed);
    return edit;
}

void SsoPage::addFields(FormValidation& validation, std::function<bool()> shown)
{
    validation.addFields({{int(ProfileInput::SsoSession), m_session, m_sessionMessage},
                             {int(ProfileInput::SsoStartUrl), m_startUrl, m_startUrlMessage},
                             {int(ProfileInput::SsoRegion), m_region, m_regionMessage},
                             {int(ProfileInput::SsoAccountId), m_accountId, m_accountIdMessage},
                             {int(ProfileInput::SsoRoleName), m_roleName, m_roleNameMessage}},
        shown);
}

void SsoPage::load(const Profile& profile)
{
    m_session->setText(profile.ssoSession);
    m_startUrl->setText(profile.ssoStartUrl);
    m_region->setText(profile.ssoRegion);
    m_accountId->setText(profile.ssoAccountId);
    m_roleName->setText(profile.ssoRoleName);
}

void SsoPage::store(Profile& profile) const
{
    profile.ssoSession = m_session->text().trimmed();
    // A session without scopes gets what `aws configure sso` offers, so that its client
    // registration (and file) is the CLI's and refresh tokens are granted.
    if (profile.ssoSession.isEmpty())
        profile.ssoRegistrationScopes.clear();
    else if (profile.ssoRegistrationScopes.isEmpty())
        profile.ssoRegistrationScopes = {QStringLiteral("sso:account:access")};
    profile.ssoStartUrl = m_startUrl->text().trimmed();
    profile.ssoRegion = m_region->text().trimmed();
    profile.ssoAccountId = m_accountId->text().trimmed();
    profile.ssoRoleName = m_roleName->text().trimmed();
}

} // namespace ecr
