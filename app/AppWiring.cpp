#include "AppWiring.h"

#include "AppProfileDirectory.h"
#include "CredentialProfileDirectory.h"
#include "ErrorPresenter.h"
#include "ImportProfilesDialog.h"
#include "LocalSandbox.h"
#include "LogFile.h"
#include "MainWindow.h"
#include "MessagePresenter.h"
#include "ProfileManagerDialog.h"
#include "SandboxDetailsDialog.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QUrl>

using namespace Qt::StringLiterals;

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
    connect(&window, &MainWindow::sandboxDetailsRequested, this, &AppWiring::showSandboxDetails);
    connect(&window, &MainWindow::documentationRequested, this, &AppWiring::openDocumentation);
    connect(&window, &MainWindow::logFolderRequested, this, &AppWiring::openLogFolder);
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

void AppWiring::showSandboxDetails()
{
    if (!m_sandbox.isRunning())
        startSandbox();
    if (!m_sandbox.isRunning())
        return;
    auto* dialog = new SandboxDetailsDialog(m_sandbox, &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

QStringList AppWiring::documentationCandidates()
{
    const QString binary = QCoreApplication::applicationDirPath();
    return {binary + u"/../share/doc/ecr-ptc-admin/README.md"_s,
        QStringLiteral(ECR_SOURCE_DIR) + u"/README.md"_s};
}

void AppWiring::openDocumentation()
{
    for (const QString& candidate : documentationCandidates()) {
        if (QFileInfo::exists(candidate)) {
            QDesktopServices::openUrl(
                QUrl::fromLocalFile(QFileInfo(candidate).canonicalFilePath()));
            return;
        }
    }
    m_presenter.showInformation(&m_window, tr("Documentation"),
        tr("The documentation was not found on this computer. A package installs it in "
           "share/doc/ecr-ptc-admin (README.md, docs/ARCHITECTURE.md, docs/CREDENTIALS.md)."));
}

void AppWiring::openLogFolder()
{
    const QString folder = logging::LogFile::defaultDirectory();
    QDir().mkpath(folder);
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
        m_presenter.showInformation(&m_window, tr("Log folder"),
            tr("No file manager could be opened. The log files are in %1.").arg(folder));
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
