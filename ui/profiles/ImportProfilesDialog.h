#pragma once

#include "SharedConfigImport.h"

#include <QCoroTask>
#include <QDialog>
#include <QStringList>

#include <memory>
#include <optional>

class QPushButton;

namespace Ui {
class ImportProfilesDialog;
}

namespace ecr {

class CredentialProfileDirectory;

// Copies profiles of the AWS CLI's files (~/.aws/config, ~/.aws/credentials) into the app. It
// re-reads the files when it opens, shows their parse problems (file:line) above the list, and
// lists every profile with a check box and its notes: what the app skips or cannot use (SSO, web
// identity), names the app already has, keys that will go to the keychain. Import runs
// CredentialProfileDirectory::importShared and then shows the report, which names the files that
// still hold the keys in plain text. The dialog never edits those files.
class ImportProfilesDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ImportProfilesDialog(CredentialProfileDirectory& directory, QWidget* parent = nullptr);
    ~ImportProfilesDialog() override;

    QStringList checkedNames() const;
    // False when there is no such profile or it cannot be imported.
    bool setChecked(const QString& name, bool checked);
    bool isBusy() const { return m_busy; }
    // The last import's report, once one ran.
    const std::optional<ImportReport>& report() const { return m_report; }

Q_SIGNALS:
    // After an import; `names` are the profiles that were added to the app.
    void profilesImported(const QStringList& names);

private:
    void fill();
    void setBusy(bool busy);
    void updateImportButton();
    QCoro::Task<void> runImport();

    std::unique_ptr<Ui::ImportProfilesDialog> m_ui;
    CredentialProfileDirectory& m_directory;
    QPushButton* m_importButton;
    std::optional<ImportReport> m_report;
    bool m_busy = false;
};

} // namespace ecr
