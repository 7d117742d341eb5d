#pragma once

#include "Cancellation.h"
#include "Profile.h"
#include "ProfileEditDialog.h"

#include <QCoroTask>
#include <QDialog>
#include <QPointer>

#include <memory>
#include <optional>

namespace Ui {
class ProfileManagerDialog;
}

namespace ecr {

class CredentialProfileDirectory;
class MessagePresenter;
class ProfileListModel;
struct ProfileRow;

// Lists the app's profiles with the state of their keys in the keychain, and read-only (greyed)
// the shared-file and environment profiles the directory finds. Add, Edit and Duplicate open a
// ProfileEditDialog; Delete asks through the presenter and removes the settings and the keys;
// Import opens ImportProfilesDialog; Add SSO Profile opens SsoProfileDialog; Test connection
// resolves the selected profile's credentials and shows whom STS GetCallerIdentity names.
//
// The keychain is read only while the dialog is shown (from its first showEvent on, and after
// each change of the list), asynchronously, one profile at a time; after a locked, refused or
// missing keychain the remaining profiles take the same state instead of asking again.
class ProfileManagerDialog final : public QDialog
{
    Q_OBJECT

public:
    ProfileManagerDialog(CredentialProfileDirectory& directory, MessagePresenter& presenter,
        QWidget* parent = nullptr);
    ~ProfileManagerDialog() override;

    ProfileListModel& model() const { return *m_model; }
    // Selects the row of a directory entry id ("keychain:<id>", "shared:<name>", "env").
    void selectEntry(const QString& entryId);
    QString selectedEntryId() const;

    void reject() override;
    // What "Add SSO Profile…" starts from (custom endpoints of an emulator).
    void setNewProfileTemplate(const Profile& profile) { m_newProfileTemplate = profile; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void reload();
    void updateButtons();
    const ProfileRow* selectedRow() const;
    void openEditor(ProfileEditDialog::Mode mode);
    void openImport();
    void openAddSso();
    QCoro::Task<void> checkKeychain();
    QCoro::Task<void> save(QPointer<ProfileEditDialog> dialog);
    QCoro::Task<void> deleteSelected();
    QCoro::Task<void> testSelected();
    QString originText(const QString& sharedName) const;

    std::unique_ptr<Ui::ProfileManagerDialog> m_ui;
    CredentialProfileDirectory& m_directory;
    MessagePresenter& m_presenter;
    ProfileListModel* m_model;
    quint64 m_checkGeneration = 0;
    quint64 m_testGeneration = 0;
    bool m_testing = false;
    CancelToken m_testCancel; // the test in flight: Cancel test, or closing the dialog
    bool m_shown = false;
    Profile m_newProfileTemplate;
};

} // namespace ecr
