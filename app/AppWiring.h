#pragma once

#include <QObject>

namespace ecr {

class CredentialProfileDirectory;
class LocalSandbox;
class MainWindow;
class MessagePresenter;

// What the main window asks of the rest of the app, connected in one place: start the Local
// sandbox (and switch to it), open the profile manager, open the import dialog.
class AppWiring final : public QObject
{
    Q_OBJECT

public:
    AppWiring(MainWindow& window, CredentialProfileDirectory& credentials, LocalSandbox& sandbox,
        MessagePresenter& presenter);

    // Starts the Local sandbox and selects it; a failure is shown through the presenter.
    void startSandbox();
    // Local sandbox › Connection details (starting the sandbox first when it is not running).
    void showSandboxDetails();
    // Help › Documentation: the installed README (or the source tree's), else where it is.
    void openDocumentation();
    // Help › Open log folder: the folder of the log file, in the file manager.
    void openLogFolder();
    // Where the documentation is looked for, best first.
    static QStringList documentationCandidates();

private:
    MainWindow& m_window;
    CredentialProfileDirectory& m_credentials;
    LocalSandbox& m_sandbox;
    MessagePresenter& m_presenter;
};

} // namespace ecr
