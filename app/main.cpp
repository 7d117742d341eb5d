#include "AppProfileDirectory.h"
#include "AppWiring.h"
#include "Clock.h"
#include "CredentialProfileDirectory.h"
#include "DialogMfaPrompter.h"
#include "KeychainStore.h"
#include "LocalSandbox.h"
#include "MainWindow.h"
#include "MessagePresenter.h"
#include "ProfileStore.h"
#include "SessionFactory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTimer>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ecr-ptc-admin"));
    QApplication::setOrganizationDomain(QStringLiteral("ecr-ptc-admin.example.org"));
    QApplication::setApplicationName(QStringLiteral("ecr-ptc-admin"));
    QApplication::setApplicationDisplayName(
        QApplication::translate("main", "ECR Pull-Through Cache Admin"));
    QApplication::setApplicationVersion(QStringLiteral(ECR_APP_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Manage Amazon ECR pull-through cache rules."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandboxOption(QStringLiteral("sandbox"),
        QApplication::translate("main",
            "Start straight into the Local sandbox (an in-process ECR emulator; no AWS account "
            "needed)."));
    parser.addOption(sandboxOption);
    parser.process(app);

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
    ecr::DialogMfaPrompter mfaPrompter(&window);
    credentialProfiles.setMfaPrompter(&mfaPrompter);
    ecr::AppWiring wiring(window, credentialProfiles, sandbox, presenter);

    window.show();
    if (parser.isSet(sandboxOption))
        QTimer::singleShot(0, &wiring, &ecr::AppWiring::startSandbox);
    return QApplication::exec();
}
