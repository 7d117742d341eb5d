#include "ActivityLog.h"
#include "AppIdentity.h"
#include "AppProfileDirectory.h"
#include "AppWiring.h"
#include "Clock.h"
#include "CommandLine.h"
#include "CredentialProfileDirectory.h"
#include "DesktopAppearance.h"
#include "DialogMfaPrompter.h"
#include "KeychainStore.h"
#include "LocalSandbox.h"
#include "LogFile.h"
#include "LogLevel.h"
#include "MainWindow.h"
#include "MessagePresenter.h"
#include "ProfileStore.h"
#include "Proxy.h"
#include "RulesController.h"
#include "SessionFactory.h"
#include "SsoSignInDialog.h"
#include "StartupProbe.h"
#include "Translations.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <optional>

Q_LOGGING_CATEGORY(lcApp, "ecr.app", QtInfoMsg)

int main(int argc, char* argv[])
{
    // The command line first, without a display: --help, --version and mistakes need none.
    std::optional<ecr::CommandLine> commandLine;
    {
        QCoreApplication probe(argc, argv);
        ecr::identity::apply();
        ecr::installTranslations();
        int exitCode = 0;
        commandLine = ecr::CommandLine::parse(QCoreApplication::arguments(), &exitCode);
        if (!commandLine)
            return exitCode;
    }

    QApplication app(argc, argv);
    ecr::identity::apply();
    QGuiApplication::setDesktopFileName(QString::fromLatin1(ecr::identity::kAppId));
    const QStringList translations = ecr::installTranslations();
    QApplication::setApplicationDisplayName(
        QApplication::translate("main", "ECR Pull-Through Cache Admin"));
    QApplication::setWindowIcon(QIcon::fromTheme(
        QString::fromLatin1(ecr::identity::kAppId), QIcon(QStringLiteral(":/icons/app.svg"))));

    // The log: --log-level sets the app's categories; QT_LOGGING_RULES, read later, refines it.
    if (const auto rules = ecr::logging::filterRulesFor(
            commandLine->logLevel.isEmpty() ? QStringLiteral("info") : commandLine->logLevel))
        QLoggingCategory::setFilterRules(*rules);
    const ecr::identity::Migration moved = ecr::identity::migrateLegacyLocations();
    ecr::logging::LogFile log(ecr::logging::LogFile::defaultPath());
    qCInfo(lcApp).noquote() << QStringLiteral("%1 %2 starting (Qt %3, locale %4, translations: %5)")
                                   .arg(QCoreApplication::applicationName(),
                                       QCoreApplication::applicationVersion(),
                                       QString::fromLatin1(qVersion()), QLocale::system().name(),
                                       translations.isEmpty() ? QStringLiteral("none")
                                                              : translations.join(u", "));
    if (moved.settingsMoved || moved.dataMoved)
        qCInfo(lcApp) << "moved the settings and data of an older version to"
                      << QSettings().fileName();
    if (!moved.problem.isEmpty())
        qCWarning(lcApp).noquote() << "could not move the older settings or data:" << moved.problem;
    if (!log.isOpen())
        qCWarning(lcApp).noquote() << "no log file:" << log.errorString();

    // Light or dark, as the desktop prefers (and when it changes).
    ecr::DesktopAppearance appearance;
    appearance.start();

    // The system's proxy, unless HTTPS_PROXY / HTTP_PROXY / NO_PROXY say otherwise.
    ecr::AwsProxyFactory::install();

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

    if (const QString problem = ecr::applyCommandLine(*commandLine, profiles, window);
        !problem.isEmpty()) {
        const QByteArray message = problem.toLocal8Bit();
        std::fwrite(message.constData(), 1, size_t(message.size()), stderr);
        return 2;
    }

    ecr::StartupProbe::installIfRequested(
        window.findChild<QAbstractItemView*>(QStringLiteral("rulesTableView")));
    window.show();
    if (commandLine->sandbox)
        QTimer::singleShot(0, &wiring, &ecr::AppWiring::startSandbox);
    return QApplication::exec();
}
