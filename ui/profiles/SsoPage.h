#pragma once

#include "Profile.h"

#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;

namespace ecr {

class FormValidation;

// The profile editor's page for IAM Identity Center: the sign-in (an sso-session name, the
// access portal URL, the Identity Center region) and the account and role it gives credentials
// for. "Add SSO profile…" in the profile manager fills it by signing in and listing accounts.
class SsoPage final : public QWidget
{
    Q_OBJECT

public:
    explicit SsoPage(QWidget* parent = nullptr);

    void load(const Profile& profile);
    void store(Profile& profile) const;
    void addFields(FormValidation& validation, std::function<bool()> shown);

Q_SIGNALS:
    void changed();

private:
    QLineEdit* addRow(const QString& title, const QString& objectName, const QString& placeholder,
        QLabel** message);

    QLineEdit* m_session = nullptr;
    QLineEdit* m_startUrl = nullptr;
    QLineEdit* m_region = nullptr;
    QLineEdit* m_accountId = nullptr;
    QLineEdit* m_roleName = nullptr;
    QLabel* m_sessionMessage = nullptr;
    QLabel* m_startUrlMessage = nullptr;
    QLabel* m_regionMessage = nullptr;
    QLabel* m_accountIdMessage = nullptr;
    QLabel* m_roleNameMessage = nullptr;
};

} // namespace ecr
