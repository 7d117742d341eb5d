#pragma once

#include "Cancellation.h"
#include "Profile.h"
#include "SsoTypes.h"

#include <QCoroTask>
#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;

namespace ecr {

class CredentialProfileDirectory;

// "Add SSO profile": signs in to an access portal (a new one: name, URL and region; or an
// sso-session of ~/.aws/config or of another app profile), lists every account the user may
// reach (searchable by name, ID or e-mail) and the chosen account's roles, and saves an app
// profile for one role. Optionally it adds the profile — and its sso-session, when new — to
// ~/.aws/config in the AWS CLI's format, showing the exact text first. Every step can be
// cancelled; closing the dialog cancels what still runs.
class SsoProfileDialog final : public QDialog
{
    Q_OBJECT

public:
    SsoProfileDialog(CredentialProfileDirectory& directory, QWidget* parent = nullptr);
    ~SsoProfileDialog() override;

    // Settings the new profile starts from (custom endpoints for an emulator; tests).
    void setTemplate(const Profile& profile);
    // The profile as the form stands.
    Profile profile() const;
    void reject() override;

Q_SIGNALS:
    void saved(const QString& entryId, const QString& name);

private:
    void buildForm();
    void fillSessions();
    void sessionChosen();
    void accountChosen();
    void refresh();
    QString configText(QString* conflict) const;
    QCoro::Task<void> signIn();
    QCoro::Task<void> loadRoles(QString accountId);
    QCoro::Task<void> save();
    void setBusy(const QString& status);
    void cancelAll();

    CredentialProfileDirectory& m_directory;
    Profile m_template;
    QComboBox* m_sessionCombo = nullptr;
    QLineEdit* m_sessionName = nullptr;
    QLineEdit* m_startUrl = nullptr;
    QLineEdit* m_ssoRegion = nullptr;
    QPushButton* m_signInButton = nullptr;
    QLabel* m_status = nullptr;
    QLineEdit* m_accountFilter = nullptr;
    QTreeView* m_accounts = nullptr;
    QStandardItemModel* m_accountModel = nullptr;
    QSortFilterProxyModel* m_accountProxy = nullptr;
    QListWidget* m_roles = nullptr;
    QLineEdit* m_profileName = nullptr;
    QLineEdit* m_region = nullptr;
    QCheckBox* m_writeConfig = nullptr;
    QPlainTextEdit* m_configPreview = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_saveButton = nullptr;
    QList<SsoAccount> m_accountList;
    QString m_signedInKey; // the sign-in the accounts came from (startUrl + region + session)
    bool m_nameEdited = false;
    bool m_saving = false;
    CancelToken m_signInCancel;
    CancelToken m_rolesCancel;
};

} // namespace ecr
