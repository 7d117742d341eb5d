// The window as main.cpp composes it (credential profiles, the Local sandbox, the profile list
// with the sandbox in it): what the Profile box shows is always the session in use. Adding or
// importing a profile refills the list without moving the selection or the session; choosing
// another entry switches to it.
#include "AppHarness.h"
#include "AppProfileDirectory.h"
#include "AppWiring.h"
#include "CredentialProfileDirectory.h"
#include "CredentialsTestSupport.h"
#include "KeychainStore.h"
#include "LocalSandbox.h"
#include "LogFile.h"
#include "LogLevel.h"
#include "MainWindow.h"
#include "RecordingPresenter.h"
#include "RulesController.h"
#include "RulesTableModel.h"
#include "SandboxDetailsDialog.h"
#include "SandboxServer.h"
#include "SandboxService.h"
#include "SessionFactory.h"
#include "SsoSignInDialog.h"
#include "SsoTokenCache.h"
#include "TestDir.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

// Stands in for the desktop's file opener: records what the app asked to open.
class UrlRecorder final : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public Q_SLOTS:
    void open(const QUrl& url) { opened.append(url); }
};

// Stands in for the user's browser on the sandbox's device page: opens the page it is given and
// presses "Allow access", as a person would.
class DevicePageBrowser final : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;
    QByteArray page; // what the page showed
    int approved = 0;

public Q_SLOTS:
    void open(const QUrl& url)
    {
        opened.append(url);
        QNetworkReply* shown = m_network.get(QNetworkRequest(url));
        connect(shown, &QNetworkReply::finished, this, [this, shown, url] {
            page = shown->readAll();
            shown->deleteLater();
            QNetworkRequest post(url.adjusted(QUrl::RemoveQuery));
            post.setHeader(
                QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
            QUrlQuery form;
            form.addQueryItem(u"user_code"_s, QUrlQuery(url).queryItemValue(u"user_code"_s));
            form.addQueryItem(u"decision"_s, u"approve"_s);
            QNetworkReply* answer = m_network.post(post, form.query(QUrl::FullyEncoded).toUtf8());
            connect(answer, &QNetworkReply::finished, this, [this, answer] {
                approved += answer->error() == QNetworkReply::NoError ? 1 : 0;
                answer->deleteLater();
            });
        });
    }

private:
    QNetworkAccessManager m_network;
};

// The fresh HOME of an App: a base, so it exists before the app is composed over it.
struct FreshHome
{
    ecr::test::TestDir home;
};

// The app as main.cpp composes it and wires it, over a fresh HOME and the test keyring. The
// environment has keys, so that an Environment-source profile resolves (the test registries
// accept them).
struct App : FreshHome, ComposedApp
{
    App()
        : ComposedApp(home.path(), environmentFor(home))
        , wiring(window, credentials, sandbox, presenter)
    { }
    static QProcessEnvironment environmentFor(const QTemporaryDir& home)
    {
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, home.path());
        environment.insert(u"AWS_ACCESS_KEY_ID"_s, kSentinelAccessKey);
        environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, kSentinelSecret);
        return environment;
    }
    bool show()
    {
        window.show();
        return QTest::qWaitForWindowExposed(&window);
    }
    // Sign-ins open the sandbox's device page in `browser` and are answered there.
    void signInThrough(DevicePageBrowser& browser)
    {
        QDesktopServices::setUrlHandler(u"http"_s, &browser, "open");
        ssoPrompter = std::make_unique<DialogSsoPrompter>(&window);
        credentials.setSsoPrompter(ssoPrompter.get());
    }
    // Shown, with the Local sandbox started and its session open.
    bool showInTheSandbox()
    {
        if (!show())
            return false;
        wiring.startSandbox();
        return QTest::qWaitFor(
            [this] { return window.controller().session() && !window.controller().isBusy(); });
    }

    // Chooses the sandbox's SSO demo and waits until the sign-in was allowed on its page and
    // the session with the role credentials is open.
    bool openTheSsoDemo(DevicePageBrowser& browser)
    {
        window.selectProfile(AppProfileDirectory::kSandboxSsoId);
        RulesController& controller = window.controller();
        const bool open = QTest::qWaitFor(
            [&] {
                return browser.approved == 1
                    && controller.profileId() == AppProfileDirectory::kSandboxSsoId
                    && controller.session() && !controller.isBusy();
            },
            10000);
        QDesktopServices::unsetUrlHandler(u"http"_s);
        return open;
    }

    AppWiring wiring;
    std::unique_ptr<DialogSsoPrompter> ssoPrompter;
};

class TestAppWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
    }

    void theProfileBoxShowsTheSessionInUse()
    {
        App app;
        QVERIFY(app.home.isValid());
        auto* profileBox = app.window.findChild<QComboBox*>(u"profileComboBox"_s);
        QVERIFY(profileBox);
        app.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&app.window));

        // A second registry for the profile the user switches to later: it accepts the
        // environment keys that profile resolves to.
        sandbox::SandboxConfig otherConfig;
        otherConfig.keys = {{kSentinelAccessKey, kSentinelSecret}};
        sandbox::SandboxService otherService(app.clock, otherConfig);
        sandbox::SandboxServer otherServer(otherService);
        QVERIFY(otherServer.listen());

        // The Local sandbox, with a few rules.
        app.wiring.startSandbox();
        RulesController& controller = app.window.controller();
        QTRY_COMPARE(controller.profileId(), AppProfileDirectory::kSandboxId);
        QTRY_VERIFY(controller.session() && !controller.isBusy());
        for (const char* prefix : {"quay", "kubernetes", "ecr-public"}) {
            const QString name = QString::fromLatin1(prefix);
            const QString url = name == u"quay"_s ? u"quay.io"_s
                : name == u"kubernetes"_s         ? u"registry.k8s.io"_s
                                                  : u"public.ecr.aws"_s;
            QVERIFY(awaitTask(controller.createRule({name, url, {}, {}, {}, {}, {}})).ok());
        }
        QTRY_COMPARE(app.window.model().rowCount(), 3);
        const EcrSession* sandboxSession = controller.session();
        auto expectSandboxInUse = [&] {
            QCOMPARE(profileBox->currentData().toString(), AppProfileDirectory::kSandboxId);
            QCOMPARE(profileBox->currentText(), u"Local sandbox"_s);
            QCOMPARE(app.window.currentProfileId(), AppProfileDirectory::kSandboxId);
            QCOMPARE(controller.profileId(), AppProfileDirectory::kSandboxId);
            QCOMPARE(controller.session(), sandboxSession); // no reconnect, no other session
            QCOMPARE(controller.session()->target().displayName, u"Local sandbox"_s);
            QCOMPARE(app.window.model().rowCount(), 3);
        };

        // Add a profile: it is listed before the sandbox, which stays selected and in use.
        Profile added;
        added.name = u"added"_s;
        added.region = u"us-east-1"_s;
        added.source = CredentialSource::Environment;
        added.endpointUrl = otherServer.url();
        const Result<Profile> saved = awaitTask(app.credentials.saveProfile(added));
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
        const QString addedEntry = CredentialProfileDirectory::keychainEntryId(saved->id);
        QTRY_VERIFY(profileBox->findData(addedEntry) >= 0);
        QVERIFY(profileBox->findData(addedEntry)
            < profileBox->findData(AppProfileDirectory::kSandboxId));
        QTest::qWait(100);
        expectSandboxInUse();

        // Import one from the AWS CLI's config: the same.
        QDir(app.home.path()).mkpath(u".aws"_s);
        QFile config(app.home.filePath(u".aws/config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[profile imported]\nregion = eu-west-1\ncredential_process = /bin/false\n");
        config.close();
        app.credentials.reloadSharedConfig();
        const ImportReport report = awaitTask(app.credentials.importShared({u"imported"_s}));
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
            qPrintable(
                app.presenter.errors.isEmpty() ? QString() : app.presenter.errors.last().what));
        QTRY_VERIFY(!controller.isBusy());
        QCOMPARE(profileBox->currentText(), u"added"_s);
        QCOMPARE(controller.session()->target().displayName, u"added"_s);
        QCOMPARE(app.window.model().rowCount(), 0);
    }

    // Editing the profile in use reconnects with its new settings; changing only its label or
    // colour keeps the session (and shows the new band).
    void editingTheProfileInUseReconnects()
    {
        App app;
        QVERIFY(app.home.isValid());
        app.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&app.window));

        sandbox::SandboxConfig config;
        config.keys = {{kSentinelAccessKey, kSentinelSecret}};
        sandbox::SandboxService first(app.clock, config);
        sandbox::SandboxServer firstServer(first);
        QVERIFY(firstServer.listen());
        sandbox::SandboxService second(app.clock, config);
        sandbox::SandboxServer secondServer(second);
        QVERIFY(secondServer.listen());

        Profile profile;
        profile.name = u"ops"_s;
        profile.region = u"us-east-1"_s;
        profile.source = CredentialSource::Environment;
        profile.endpointUrl = firstServer.url();
        const Result<Profile> saved = awaitTask(app.credentials.saveProfile(profile));
        QVERIFY(saved.ok());
        const QString entry = CredentialProfileDirectory::keychainEntryId(saved->id);
        QTRY_VERIFY(app.window.findChild<QComboBox*>(u"profileComboBox"_s)->findData(entry) >= 0);
        app.window.selectProfile(entry);
        RulesController& controller = app.window.controller();
        QTRY_VERIFY(controller.session() && !controller.isBusy());
        QCOMPARE(controller.session()->endpoint().url, firstServer.url());
        const EcrSession* before = controller.session();

        Profile marked = saved.value();
        marked.label = u"ops"_s;
        marked.color = u"orange"_s;
        QVERIFY(awaitTask(app.credentials.saveProfile(marked)).ok());
        QTest::qWait(100);
        QCOMPARE(controller.session(), before); // only the marker changed
        QVERIFY(!controller.isBusy());

        Profile moved = marked;
        moved.endpointUrl = secondServer.url();
        QVERIFY(awaitTask(app.credentials.saveProfile(moved)).ok());
        QTRY_VERIFY(
            controller.session() && controller.session()->endpoint().url == secondServer.url());
        QTRY_VERIFY(!controller.isBusy());
        QCOMPARE(controller.profileId(), entry);
        QVERIFY(second.requestCount(u"DescribePullThroughCacheRules"_s) >= 1);
        QVERIFY(app.presenter.errors.isEmpty());
        QVERIFY(awaitTask(app.credentials.removeProfile(saved->id)).ok());
    }

    // Local sandbox › Connection details: the lines it shows, pasted into a shell, drive the
    // same sandbox with the real AWS CLI.
    void sandboxDetailsDriveTheAwsCli()
    {
        App app;
        QVERIFY(app.home.isValid());
        app.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&app.window));

        // The action starts the sandbox when it is not running yet.
        app.window.findChild<QAction*>(u"sandboxDetailsAction"_s)->trigger();
        SandboxDetailsDialog* details = nullptr;
        QTRY_VERIFY(
            (details = app.window.findChild<SandboxDetailsDialog*>()) && details->isVisible());
        QVERIFY(app.sandbox.isRunning());
        const QString text = details->exportText();
        QVERIFY(
            text.contains(u"export AWS_ACCESS_KEY_ID="_s + app.sandbox.credentials().accessKeyId));
        QVERIFY(text.contains(u"export AWS_ENDPOINT_URL="_s + app.sandbox.url().toString()));
        QTest::mouseClick(details->findChild<QPushButton*>(u"copyButton"_s), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), text);

        RulesController& controller = app.window.controller();
        QTRY_COMPARE(controller.profileId(), AppProfileDirectory::kSandboxId);
        QTRY_VERIFY(controller.session() && !controller.isBusy());
        // (The Local sandbox keeps its rules between runs: make one this test knows.)
        const QString prefix = u"cli-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(awaitTask(controller.createRule({prefix, u"quay.io"_s, {}, {}, {}, {}, {}})).ok());
        QTRY_VERIFY(app.window.model().rowOfPrefix(prefix) >= 0);

        const QString aws = QFile::exists(u"/usr/bin/aws"_s) ? u"/usr/bin/aws"_s : u"aws"_s;
        if (QStandardPaths::findExecutable(aws).isEmpty() && !QFile::exists(aws))
            QSKIP("the AWS CLI is not installed (scripts/install-deps installs Debian's awscli)");
        QProcess shell;
        QProcessEnvironment shellEnvironment;
        shellEnvironment.insert(u"HOME"_s, app.home.path()); // no configuration of the user's
        shellEnvironment.insert(u"PATH"_s,
            QFileInfo(aws).isAbsolute()
                ? u"/usr/bin:/bin"_s
                : QProcessEnvironment::systemEnvironment().value(u"PATH"_s));
        shellEnvironment.insert(u"AWS_SESSION_TOKEN"_s, u"stale-token-the-lines-unset"_s);
        shell.setProcessEnvironment(shellEnvironment);
        shell.start(u"bash"_s, {u"-euc"_s, text});
        QVERIFY(shell.waitForStarted());
        // The sandbox answers from this process's event loop: wait without blocking it.
        QTRY_VERIFY_WITH_TIMEOUT(shell.state() == QProcess::NotRunning, 60000);
        const QByteArray out = shell.readAllStandardOutput();
        QVERIFY2(shell.exitCode() == 0, shell.readAllStandardError().constData());
        const QJsonArray rules
            = QJsonDocument::fromJson(out).object().value(u"pullThroughCacheRules"_s).toArray();
        QStringList listed;
        for (const QJsonValue& rule : rules)
            listed.append(rule.toObject().value(u"ecrRepositoryPrefix"_s).toString());
        QVERIFY2(listed.contains(prefix), qPrintable(listed.join(u' ')));
        QCOMPARE(listed.size(), app.window.model().rowCount()); // the same registry as the window's
        QVERIFY(awaitTask(controller.deleteRule(prefix)).ok());
    }

    // The Local sandbox's SSO demo, as main.cpp wires it: choosing it opens the sign-in dialog,
    // which opens the sandbox's device page in the browser (QDesktopServices); allowing access
    // there signs in, and the rules of the sandbox account are listed with role credentials.
    void theSandboxsSsoDemoSignsInOnItsOwnPage()
    {
        DevicePageBrowser browser;
        App app;
        app.signInThrough(browser);
        RulesController& controller = app.window.controller();
        QVERIFY(app.showInTheSandbox());
        const QString prefix
            = u"sso-demo-"_s + QString::number(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(awaitTask(controller.createRule({prefix, u"quay.io"_s, {}, {}, {}, {}, {}})).ok());
        QTRY_VERIFY(app.window.model().rowOfPrefix(prefix) >= 0);
        const int rules = app.window.model().rowCount(); // the Local sandbox keeps its rules
        auto* profileBox = app.window.findChild<QComboBox*>(u"profileComboBox"_s);
        QTRY_VERIFY(profileBox->findData(AppProfileDirectory::kSandboxSsoId) >= 0);
        QCOMPARE(profileBox->itemText(profileBox->findData(AppProfileDirectory::kSandboxSsoId)),
            u"Local sandbox (SSO demo)"_s);

        QVERIFY(app.openTheSsoDemo(browser));
        QCOMPARE(browser.opened.size(), 1);
        QVERIFY(browser.opened.first().toString().startsWith(app.sandbox.url().toString()));
        const QString code = QUrlQuery(browser.opened.first()).queryItemValue(u"user_code"_s);
        QVERIFY(browser.page.contains(code.toUtf8()));
        QVERIFY(browser.page.contains("Allow access"));
        QTRY_VERIFY(!app.window.findChild<SsoSignInDialog*>()); // closed once signed in
        QTRY_COMPARE(app.window.model().rowCount(), rules); // the same account's rules
        QVERIFY(app.window.model().rowOfPrefix(prefix) >= 0);
        QVERIFY(app.presenter.errors.isEmpty());
        QVERIFY(awaitTask(controller.deleteRule(prefix)).ok()); // with the role credentials
        // The token went where the CLI keeps it; the role credentials did not.
        const QDir cache(SsoTokenCache::directoryFor(app.home.path()));
        QCOMPARE(cache.entryList(QDir::Files).size(), 2);
        QVERIFY(QFile::exists(cache.filePath(SsoSessionConfig{u"ecr-ptc-admin-local-sandbox"_s, {},
            {}, {}, {}, {}, {}, {}, {}}.tokenFileName())));
    }

    // Help › Documentation opens the README (the source tree's in a build, the installed one
    // in a package).
    // A whole session at debug level, with a secret created, a rule created, listed, updated and
    // deleted, and an SSO sign-in: the log file tells what went on the wire, with every key,
    // token and secret value replaced.
    void theDebugLogHoldsNoSecret()
    {
        const QString logPath = QDir(QDir::tempPath())
                                    .filePath(u"ecr-ptc-admin-log-test-%1.log"_s.arg(
                                        QCoreApplication::applicationPid()));
        QFile::remove(logPath);
        QStringList secrets;
        {
            logging::LogFile log(logPath, {4 * 1024 * 1024, 1, false});
            QLoggingCategory::setFilterRules(*logging::filterRulesFor(u"debug"_s));
            DevicePageBrowser browser;
            App app;
            app.signInThrough(browser);
            RulesController& controller = app.window.controller();
            QVERIFY(app.showInTheSandbox());
            secrets << app.sandbox.credentials().secretAccessKey;

            const QString token = u"dckr_pat_EXAMPLE0123456789abcdefSECRET"_s;
            secrets << token;
            const Result<CreatedSecret> secret = awaitTask(controller.createSecret(
                {u"ecr-pullthroughcache/log-test"_s, {}, {}, {u"example-user"_s, token}}));
            QVERIFY2(secret.ok(), qPrintable(secret.ok() ? QString() : secret.error().message));
            const QString prefix = u"log-test"_s;
            QVERIFY(awaitTask(controller.createRule({prefix, u"registry-1.docker.io"_s, {},
                                  u"docker-hub"_s, secret->arn, {}, {}}))
                        .ok());
            awaitTask(controller.refresh());
            QTRY_VERIFY(app.window.model().rowOfPrefix(prefix) >= 0);
            QVERIFY(awaitTask(controller.updateRule({prefix, {}, secret->arn, {}})).ok());
            QVERIFY(awaitTask(controller.deleteRule(prefix)).ok());

            QVERIFY(app.openTheSsoDemo(browser));
            awaitTask(controller.refresh());
            const Result<sigv4::Credentials> role
                = awaitTask(controller.session()->target().credentials->credentials({}));
            QVERIFY(role.ok());
            QVERIFY(!role->sessionToken.isEmpty());
            secrets << role->secretAccessKey << role->sessionToken;
            const QDir cache(SsoTokenCache::directoryFor(app.home.path()));
            for (const QString& file : cache.entryList(QDir::Files)) {
                QFile f(cache.filePath(file));
                QVERIFY(f.open(QIODevice::ReadOnly));
                const QJsonObject entry = QJsonDocument::fromJson(f.readAll()).object();
                for (const char* key : {"accessToken", "refreshToken", "clientSecret"}) {
                    const QString value = entry.value(QLatin1StringView(key)).toString();
                    if (!value.isEmpty())
                        secrets << value;
                }
            }
            QVERIFY(secrets.size() >= 6); // the sandbox key, the token, two role parts, SSO ones
            QLoggingCategory::setFilterRules(QString());
        }
        QFile file(logPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        file.close();
        QFile::remove(logPath);
        // It did log the traffic, at debug level, redacted.
        for (const char* expected : {"CreatePullThroughCacheRule", "UpdatePullThroughCacheRule",
                 "DeletePullThroughCacheRule", "DescribePullThroughCacheRules", "CreateSecret",
                 "CreateToken", "GetRoleCredentials", " debug ecr.aws.call: request ",
                 "answer body", "<redacted>"})
            QVERIFY2(text.contains(QLatin1StringView(expected)), expected);
        for (const QString& secret : std::as_const(secrets)) {
            QVERIFY(secret.size() >= 16);
            QVERIFY2(!text.contains(secret), "a secret reached the log");
            QVERIFY2(!text.contains(secret.left(16)), "part of a secret reached the log");
        }
        for (const char* forbidden : {"AWS4-HMAC-SHA256 Credential", "Signature=",
                 "X-Amz-Security-Token: A", "Authorization: AWS4", "Authorization: Basic"})
            QVERIFY2(!text.contains(QLatin1StringView(forbidden)), forbidden);
    }

    void documentationOpensTheReadme()
    {
        UrlRecorder recorder;
        QDesktopServices::setUrlHandler(u"file"_s, &recorder, "open");
        App app;
        app.window.findChild<QAction*>(u"documentationAction"_s)->trigger();
        QDesktopServices::unsetUrlHandler(u"file"_s);
        QCOMPARE(recorder.opened.size(), 1);
        QVERIFY(recorder.opened.first().isLocalFile());
        QCOMPARE(QFileInfo(recorder.opened.first().toLocalFile()).fileName(), u"README.md"_s);
        QVERIFY(QFile::exists(recorder.opened.first().toLocalFile()));
        QVERIFY(app.presenter.informations.isEmpty());
    }

    // Help › Open log folder opens the folder the log file is written to (made if missing).
    void helpOpensTheLogFolder()
    {
        UrlRecorder recorder;
        QDesktopServices::setUrlHandler(u"file"_s, &recorder, "open");
        App app;
        app.window.findChild<QAction*>(u"logFolderAction"_s)->trigger();
        QDesktopServices::unsetUrlHandler(u"file"_s);
        QCOMPARE(recorder.opened.size(), 1);
        QCOMPARE(recorder.opened.first().toLocalFile(), logging::LogFile::defaultDirectory());
        QVERIFY(QFileInfo(logging::LogFile::defaultDirectory()).isDir());
        QVERIFY(logging::LogFile::defaultPath().startsWith(logging::LogFile::defaultDirectory()));
    }
};

QTEST_MAIN(TestAppWindow)
#include "tst_appwindow.moc"
