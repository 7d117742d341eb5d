#pragma once

#include <QRegularExpression>
#include <QString>

// What SsoProfileDialog.cpp (behaviour) and SsoProfileDialogForm.cpp (widgets) share.
namespace ecr::sso_dialog {

enum AccountColumn
{
    AccountName,
    AccountId,
    AccountEmail,
};

// "Production Account" + "AdministratorAccess" → "production-account-AdministratorAccess".
inline QString suggestedName(const QString& accountName, const QString& roleName)
{
    QString base = accountName.trimmed().toLower();
    base.replace(QRegularExpression(QStringLiteral("[^a-z0-9._-]+")), QStringLiteral("-"));
    base.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    return base.isEmpty() ? roleName : base + u'-' + roleName;
}

} // namespace ecr::sso_dialog
