#include "AppWiring.h"

#include "AppProfileDirectory.h"
#include "CredentialProfileDirectory.h"
#include "ErrorPresenter.h"
#include "ImportProfilesDialog.h"
#include "LocalSandbox.h"
#include "MainWindow.h"
#include "MessagePresenter.h"
#include "ProfileManagerDialog.h"

namespace ecr {

AppWiring::AppWiring(MainWindow& window, CredentialProfileDirectory& credentials,
    LocalSandbox& sandbox, MessagePresenter& presenter)
    : QObject(&window)
    , m_window(window)
    , m_credentials(credentials)
    , m_sandbox(sandbox)
    , m_presenter(presenter)
{
    connect(&window, &MainWindow::localSandboxRequested, this, &AppWiring::startSandbox);
    connect(&window, &MainWindow::manageProfilesRequested, this, [this] {
        auto* dialog = new ProfileManagerDialog(m_credentials, m_presenter, &m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    connect(&window, &MainWindow::importProfilesRequested, this, [this] {
        auto* dialog = new ImportProfilesDialog(m_credentials, &m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
}

void AppWiring::startSandbox()
{
    QString error;
    if (!m_sandbox.start(&error)) {
        m_presenter.showError(&m_window, describeSandboxStartFailure(error));
        return;
    }
    m_window.selectProfile(AppProfileDirectory::kSandboxId);
}

} // namespace ecr
