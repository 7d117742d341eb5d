// The app as a desktop program: its command line (the real binary for --help, --version and
// mistakes; the composed app for what --profile, --region and --endpoint-url select, against a
// sandbox), its German translation under LANG=de_DE.UTF-8, and the one-time move of the
// settings and data of 0.1.0 to the reverse-DNS locations.
#include "AppHarness.h"
#include "AppIdentity.h"
#include "AppProfileDirectory.h"
#include "Clock.h"
#include "CommandLine.h"
#include "CredentialProfileDirectory.h"
#include "CredentialsTestSupport.h"
#include "KeychainStore.h"
#include "LocalSandbox.h"
#include "MainWindow.h"
#include "ProfileStore.h"
#include "RecordingPresenter.h"
#include "RulesController.h"
#include "RulesTableModel.h"
#include "SandboxServer.h"
#include "SandboxService.h"
#include "SessionFactory.h"
#include "TestDir.h"
#include "Translations.h"

#include <QDir>
#include <QFile>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

const QString kAccessKey = u"AKIAIOSFODNN7EXAMPLE"_s;
const QString kSecretKey = u"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"_s;

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runApp(const QStringList& arguments, const QString& lang = u"C.UTF-8"_s)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LANG"_s, lang);
    environment.remove(u"LC_ALL"_s);
    environment.remove(u"LANGUAGE"_s);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(ECR_APP_BINARY), arguments);
    if (!process.waitForFinished(20000))
        return {};
    return {process.exitCode(), QString::fromLocal8Bit(process.readAllStandardOutput()),
        QString::fromLocal8Bit(process.readAllStandardError())};
}

} // namespace

class TestDesktopApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        identity::apply();
    }

    void helpListsEveryOption()
    {
        const Run run = runApp({u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        for (const char* option : {"--help", "--version", "--profile <NAME>", "--region <REGION>",
                 "--endpoint-url <URL>", "--sandbox", "--log-level <LEVEL>"})
            QVERIFY2(run.out.contains(QLatin1StringView(option)), option);
        QCOMPARE(run.out,
            CommandLine::helpText()
                .replace(u"tst_desktopapp"_s, u"ecr-ptc-admin"_s)
                .section(u'\n', 1)
                .prepend(run.out.section(u'\n', 0, 0) + u'\n'));
    }

    void versionIsTheProjects()
    {
        const Run run = runApp({u"--version"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, u"ecr-ptc-admin %1\n"_s.arg(QStringLiteral(ECR_APP_VERSION)));
    }

    void mistakesExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option") << QStringList{u"--bogus"_s} << u"Unknown option 'bogus'"_s;
        QTest::newRow("missing value") << QStringList{u"--profile"_s} << u"Missing value"_s;
        QTest::newRow("stray argument")
            << QStringList{u"extra"_s} << u"unexpected argument 'extra'"_s;
        QTest::newRow("region") << QStringList{u"--region"_s, u"moon-base-1x"_s}
                                << u"'moon-base-1x' is not an AWS region"_s;
        QTest::newRow("log level") << QStringList{u"--log-level"_s, u"loud"_s}
                                   << u"--log-level 'loud' is not one of error, warning"_s;
        QTest::newRow("endpoint scheme")
            << QStringList{u"--endpoint-url"_s, u"ftp://x.example"_s} << u"is not an http(s) URL"_s;
        QTest::newRow("endpoint in clear text") << QStringList{u"--endpoint-url"_s,
            u"http://ecr.example.com"_s} << u"uses plain http to another computer"_s;
        QTest::newRow("sandbox and profile")
            << QStringList{u"--sandbox"_s, u"--profile"_s, u"dev"_s} << u"give one of them"_s;
    }

    void mistakesExitWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = runApp(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(run.err.contains(u"Try 'ecr-ptc-admin --help'."_s));
        QVERIFY(run.out.isEmpty());
    }

    void mistakesAreGermanUnderAGermanLocale()
    {
        const Run run = runApp({u"--region"_s, u"x"_s}, u"de_DE.UTF-8"_s);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"'x' ist keine AWS-Region"_s), qPrintable(run.err));
    }

    // --profile beta --region eu-central-1 --endpoint-url <sandbox>: the window opens that
    // shared-file profile (not the first one), in that region, and its calls reach the sandbox.
    void profileRegionAndEndpointSelectWhatTheySay()
    {
        ecr::test::TestDir home;
        QVERIFY(home.isValid());
        QDir(home.path()).mkpath(u".aws"_s);
        QFile config(home.filePath(u".aws/config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[profile alpha]\nregion = us-east-1\n[profile beta]\nregion = us-west-2\n");
        config.close();
        QFile credentials(home.filePath(u".aws/credentials"_s));
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        for (const char* name : {"alpha", "beta"})
            credentials.write(QByteArray("[") + name
                + "]\naws_access_key_id = " + kAccessKey.toLatin1()
                + "\naws_secret_access_key = " + kSecretKey.toLatin1() + "\n");
        credentials.close();
        ecr::test::recordSecretFixture(credentials.fileName());

        SystemClock clock;
        sandbox::SandboxConfig sandboxConfig;
        sandboxConfig.keys = {{kAccessKey, kSecretKey}};
        sandbox::SandboxService service(clock, sandboxConfig);
        sandbox::SandboxServer server(service);
        QVERIFY(server.listen());

        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, home.path());
        // --endpoint-url is ECR's, as in the CLI; STS (who am I) goes to the sandbox this way.
        environment.insert(u"AWS_ENDPOINT_URL_STS"_s, server.url().toString());
        test::ComposedApp app(home.path(), environment);
        AppProfileDirectory& profiles = app.profiles;
        MainWindow& window = app.window;
        test::RecordingPresenter& presenter = app.presenter;

        int exitCode = 0;
        const std::optional<CommandLine> line = CommandLine::parse(
            {u"ecr-ptc-admin"_s, u"--profile"_s, u"beta"_s, u"--region"_s, u"eu-central-1"_s,
                u"--endpoint-url"_s, server.url().toString()},
            &exitCode);
        QVERIFY(line);
        QCOMPARE(applyCommandLine(*line, profiles, window), QString());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        RulesController& controller = window.controller();
        QTRY_VERIFY_WITH_TIMEOUT(controller.session() && !controller.isBusy(), 10000);
        QCOMPARE(controller.profileId(), u"shared:beta"_s);
        QCOMPARE(window.currentProfileId(), u"shared:beta"_s);
        QCOMPARE(controller.region(), u"eu-central-1"_s);
        QCOMPARE(controller.session()->target().customEndpoint, server.url());
        QCOMPARE(controller.session()->target().customEndpointOrigin, u"--endpoint-url"_s);
        const auto created
            = awaitTask(controller.createRule({u"from-cli"_s, u"quay.io"_s, {}, {}, {}, {}, {}}));
        QVERIFY(created.ok());
        QCOMPARE(service.rules(u"eu-central-1"_s).size(), 1);
        QTRY_COMPARE(controller.location().accountId, sandboxConfig.account); // STS answered
        QVERIFY(service.rules(u"us-west-2"_s).isEmpty());
        QVERIFY(presenter.errors.isEmpty());

        // A name that is no profile is refused before the window opens.
        MainWindow other(profiles, app.sessions, presenter);
        const std::optional<CommandLine> unknown
            = CommandLine::parse({u"ecr-ptc-admin"_s, u"--profile"_s, u"gamma"_s}, &exitCode);
        QVERIFY(unknown);
        QVERIFY(
            applyCommandLine(*unknown, profiles, other).contains(u"no profile named 'gamma'"_s));
    }

    // Run with LANG=de_DE.UTF-8 (see CMakeLists): the window speaks German.
    void theMainWindowIsGermanUnderAGermanLocale()
    {
        QCOMPARE(QLocale::system().language(), QLocale::German);
        const QStringList loaded = installTranslations();
        QVERIFY2(loaded.contains(u"ecr-ptc-admin_de"_s), qPrintable(loaded.join(u',')));
        QVERIFY(shippedLanguages().contains(u"de"_s));
        ecr::test::TestDir home;
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, home.path());
        test::ComposedApp app(home.path(), environment);
        MainWindow& window = app.window;
        QStringList menus;
        for (QAction* action : window.menuBar()->actions())
            menus.append(action->text());
        QCOMPARE(menus, (QStringList{u"&Datei"_s, u"&Regeln"_s, u"&Hilfe"_s}));
        // Qt's own strings too (qtbase_de), and the locale's dates in the table.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Abbrechen"_s);
        QCOMPARE(RulesTableModel::formatTime(QDateTime(QDate(2026, 3, 4), QTime(5, 6), Qt::UTC)),
            QLocale().toString(QDateTime(QDate(2026, 3, 4), QTime(5, 6), Qt::UTC).toLocalTime(),
                QLocale::ShortFormat));
    }

    void olderSettingsAndDataMoveOnce()
    {
        // Today's locations are empty in test mode; 0.1.0's are made here.
        QSettings(QSettings::NativeFormat, QSettings::UserScope, QString()).clear();
        QSettings current;
        current.clear();
        current.sync();
        QFile::remove(current.fileName());
        const QString newData = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir(newData).removeRecursively();
        {
            QSettings old(identity::legacySettingsFile(), QSettings::NativeFormat);
            old.setValue(u"window/lastProfile"_s, u"shared:dev"_s);
            old.setValue(u"profiles/a1/name"_s, u"prod"_s);
        }
        const QString oldData = identity::legacyDataDirectory();
        QVERIFY(QDir().mkpath(oldData));
        QFile marker(oldData + u"/activity.sqlite"_s);
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("example");
        marker.close();

        const identity::Migration moved = identity::migrateLegacyLocations();
        QVERIFY(moved.settingsMoved);
        QVERIFY(moved.dataMoved);
        QVERIFY2(moved.problem.isEmpty(), qPrintable(moved.problem));
        QSettings after;
        QCOMPARE(after.value(u"window/lastProfile"_s).toString(), u"shared:dev"_s);
        QCOMPARE(after.value(u"profiles/a1/name"_s).toString(), u"prod"_s);
        QVERIFY(after.fileName().contains(QLatin1StringView(identity::kAppId)));
        QVERIFY(QFile::exists(newData + u"/activity.sqlite"_s));
        QVERIFY(!QFile::exists(identity::legacySettingsFile()));
        QVERIFY(!QFileInfo::exists(oldData));

        // Once: with today's settings in place, a stray old file is left alone.
        {
            QSettings old(identity::legacySettingsFile(), QSettings::NativeFormat);
            old.setValue(u"window/lastProfile"_s, u"shared:other"_s);
        }
        const identity::Migration again = identity::migrateLegacyLocations();
        QVERIFY(!again.settingsMoved && !again.dataMoved);
        QCOMPARE(QSettings().value(u"window/lastProfile"_s).toString(), u"shared:dev"_s);
        QFile::remove(identity::legacySettingsFile());
    }
};

QTEST_MAIN(TestDesktopApp)
#include "tst_desktopapp.moc"
