// The window as main.cpp composes it (credential profiles, the Local sandbox, the profile list
// with the sandbox in it): what the Profile box shows is always the session in use. Adding or
// importing a profile refills the list without moving the selection or the session; choosing
// another entry switches to it.
#include "AppProfileDirectory.h"
#include "AppWiring.h"
#include "CredentialProfileDirectory.h"
#include "CredentialsTestSupport.h"
#include "KeychainStore.h"
#include "LocalSandbox.h"
#include "MainWindow.h"
#include "RecordingPresenter.h"
#include "RulesController.h"
#include "RulesTableModel.h"
#include "SandboxServer.h"
#include "SandboxService.h"
#include "SessionFactory.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

class TestAppWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void theProfileBoxShowsTheSessionInUse()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings settings(home.filePath(u"settings.ini"_s), QSettings::IniFormat);
        ProfileStore store(settings);
        KeychainStore keychain(KeychainStore::defaultService(), u"org.ecr-ptc-admin.test/"_s);
        QNetworkAccessManager network;
        SystemClock clock;
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, home.path());
        // The keys an Environment-source profile resolves to (the other registry accepts them).
        environment.insert(u"AWS_ACCESS_KEY_ID"_s, kSentinelAccessKey);
        environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, kSentinelSecret);
        CredentialProfileDirectory credentials(store, keychain, network, clock, environment);
        LocalSandbox sandbox(clock);
        AppProfileDirectory profiles(credentials, sandbox);
        DirectorySessionFactory sessions(profiles, network, clock);
        RecordingPresenter presenter;
        MainWindow window(profiles, sessions, presenter);
        AppWiring wiring(window, credentials, sandbox, presenter);
        auto* profileBox = window.findChild<QComboBox*>(u"profileComboBox"_s);
        QVERIFY(profileBox);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // A second registry for the profile the user switches to later: it accepts the
        // environment keys that profile resolves to.
        sandbox::SandboxConfig otherConfig;
        otherConfig.keys = {{kSentinelAccessKey, kSentinelSecret}};
        sandbox::SandboxService otherService(clock, otherConfig);
        sandbox::SandboxServer otherServer(otherService);
        QVERIFY(otherServer.listen());

        // The Local sandbox, with a few rules.
        wiring.startSandbox();
        RulesController& controller = window.controller();
        QTRY_COMPARE(controller.profileId(), AppProfileDirectory::kSandboxId);
        QTRY_VERIFY(controller.session() && !controller.isBusy());
        for (const char* prefix : {"quay", "kubernetes", "ecr-public"}) {
            const QString name = QString::fromLatin1(prefix);
            const QString url = name == u"quay"_s ? u"quay.io"_s
                : name == u"kubernetes"_s         ? u"registry.k8s.io"_s
                                                  : u"public.ecr.aws"_s;
            QVERIFY(awaitTask(controller.createRule({name, url, {}, {}, {}, {}, {}})).ok());
        }
        QTRY_COMPARE(window.model().rowCount(), 3);
        const EcrSession* sandboxSession = controller.session();
        auto expectSandboxInUse = [&] {
            QCOMPARE(profileBox->currentData().toString(), AppProfileDirectory::kSandboxId);
            QCOMPARE(profileBox->currentText(), u"Local sandbox"_s);
            QCOMPARE(window.currentProfileId(), AppProfileDirectory::kSandboxId);
            QCOMPARE(controller.profileId(), AppProfileDirectory::kSandboxId);
            QCOMPARE(controller.session(), sandboxSession); // no reconnect, no other session
            QCOMPARE(controller.session()->target().displayName, u"Local sandbox"_s);
            QCOMPARE(window.model().rowCount(), 3);
        };

        // Add a profile: it is listed before the sandbox, which stays selected and in use.
        Profile added;
        added.name = u"added"_s;
        added.region = u"us-east-1"_s;
        added.source = CredentialSource::Environment;
        added.endpointUrl = otherServer.url();
        const Result<Profile> saved = awaitTask(credentials.saveProfile(added));
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
        const QString addedEntry = CredentialProfileDirectory::keychainEntryId(saved->id);
        QTRY_VERIFY(profileBox->findData(addedEntry) >= 0);
        QVERIFY(profileBox->findData(addedEntry)
            < profileBox->findData(AppProfileDirectory::kSandboxId));
        QTest::qWait(100);
        expectSandboxInUse();

        // Import one from the AWS CLI's config: the same.
        QDir(home.path()).mkpath(u".aws"_s);
        QFile config(home.filePath(u".aws/config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[profile imported]\nregion = eu-west-1\ncredential_process = /bin/false\n");
        config.close();
        credentials.reloadSharedConfig();
        const ImportReport report = awaitTask(credentials.importShared({u"imported"_s}));
        QCOMPARE(report.imported.size(), 1);
        QTRY_VERIFY(profileBox->findData(
                        CredentialProfileDirectory::keychainEntryId(report.imported.first().id))
            >= 0);
        QTest::qWait(100);
        expectSandboxInUse();

        // Choosing another entry switches to it: the box, the session and the table follow.
        profileBox->setCurrentIndex(profileBox->findData(addedEntry));
        QTRY_COMPARE(controller.profileId(), addedEntry);
        // (A new session may reuse the old one's address: compare what it is, not where.)
        QTRY_VERIFY2(
            controller.session() && controller.session()->target().displayName == u"added"_s,
            qPrintable(presenter.errors.isEmpty() ? QString() : presenter.errors.last().what));
        QTRY_VERIFY(!controller.isBusy());
        QCOMPARE(profileBox->currentText(), u"added"_s);
        QCOMPARE(controller.session()->target().displayName, u"added"_s);
        QCOMPARE(window.model().rowCount(), 0);
    }
};

QTEST_MAIN(TestAppWindow)
#include "tst_appwindow.moc"
