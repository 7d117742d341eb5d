#include "AppProfileDirectory.h"
#include "Clock.h"
#include "CredentialProfileDirectory.h"
#include "DialogMfaPrompter.h"
#include "ImportProfilesDialog.h"
#include "KeychainStore.h"
#include "LocalSandbox.h"
#include "MainWindow.h"
#include "MessagePresenter.h"
#include "ProfileManagerDialog.h"
#include "ProfileStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
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
    ecr::MainWindow window(profiles, network, clock, presenter);
    ecr::DialogMfaPrompter mfaPrompter(&window);
    credentialProfiles.setMfaPrompter(&mfaPrompter);

    auto startSandbox = [&] {
        QString error;
        if (!sandbox.start(&error)) {
            QMessageBox::warning(&window, QApplication::translate("main", "Local sandbox"),
                QApplication::translate("main", "The Local sandbox could not start: %1")
                    .arg(error));
            return;
        }
        window.selectProfile(ecr::AppProfileDirectory::kSandboxId);
    };
    QObject::connect(&window, &ecr::MainWindow::localSandboxRequested, &window, startSandbox);
    QObject::connect(&window, &ecr::MainWindow::manageProfilesRequested, &window, [&] {
        auto* dialog = new ecr::ProfileManagerDialog(credentialProfiles, presenter, &window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    QObject::connect(&window, &ecr::MainWindow::importProfilesRequested, &window, [&] {
        auto* dialog = new ecr::ImportProfilesDialog(credentialProfiles, &window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });

    window.show();
    if (parser.isSet(sandboxOption))
        QTimer::singleShot(0, &window, startSandbox);
    return QApplication::exec();
}
