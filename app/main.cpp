#include "ActivityLog.h"
#include "AppProfileDirectory.h"
#include "AppWiring.h"
#include "Clock.h"
#include "CommandLine.h"
#include "CredentialProfileDirectory.h"
#include "DialogMfaPrompter.h"
#include "KeychainStore.h"
#include "LocalSandbox.h"
#include "MainWindow.h"
#include "MessagePresenter.h"
#include "ProfileStore.h"
#include "RulesController.h"
#include "SessionFactory.h"
#include "SsoSignInDialog.h"

#include <QApplication>
#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTimer>

#include <optional>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("ecr-ptc-admin"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("ecr-ptc-admin.example.org"));
    QCoreApplication::setApplicationName(QStringLiteral("ecr-ptc-admin"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ECR_APP_VERSION));
}

} // namespace

int main(int argc, char* argv[])
{
    // The command line first, without a display: --help, --version and mistakes need none.
    std::optional<ecr::CommandLine> commandLine;
    {
        QCoreApplication probe(argc, argv);
        setIdentity();
        int exitCode = 0;
        commandLine = ecr::CommandLine::parse(QCoreApplication::arguments(), &exitCode);
        if (!commandLine)
            return exitCode;
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(
        QApplication::translate("main", "ECR Pull-Through Cache Admin"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));

    ecr::SystemClock clock;
    QNetworkAccessManager network;
    ecr::QMessageBoxPresenter presenter;
    QSettings settings;
    ecr::ProfileStore profileStore(settings);
    ecr::KeychainStore keychain;
    ecr::CredentialProfileDirectory credentialProfiles(profileStore, keychain, network, clock);
    ecr::LocalSandbox sandbox(clock);
    ecr::AppProfileDirectory profiles(credentialProfiles, sandbox);
    ecr::DirectorySessionFactory sessions(profiles, network, clock);
    ecr::MainWindow window(profiles, sessions, presenter);
    ecr::ActivityLog activity(ecr::ActivityLog::defaultPath());
    window.controller().setActivityLog(&activity);
    ecr::DialogMfaPrompter mfaPrompter(&window);
    credentialProfiles.setMfaPrompter(&mfaPrompter);
    ecr::DialogSsoPrompter ssoPrompter(&window);
    credentialProfiles.setSsoPrompter(&ssoPrompter);
    ecr::AppWiring wiring(window, credentialProfiles, sandbox, presenter);

    window.show();
    if (commandLine->sandbox)
        QTimer::singleShot(0, &wiring, &ecr::AppWiring::startSandbox);
    return QApplication::exec();
}
