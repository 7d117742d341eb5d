// IAM Identity Center end to end, offscreen, against the sandbox over loopback, the real
// keychain (the Secret Service scripts/test starts) and a fresh HOME: "Add SSO Profile" signs in
// through the sign-in dialog (approved by the sandbox's switch when the dialog opens the
// browser), lists the accounts and roles, saves the profile, and the main window lists the rules
// with it. Then the chain's own promises: cancelling a sign-in leaves no token file and no
// keychain entry; one sign-in serves every call that waits for it; the config file preview.
#include "CredentialProfileDirectory.h"
#include "CredentialsTestSupport.h"
#include "FleetDialog.h"
#include "KeychainStore.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "ProfileListModel.h"
#include "ProfileManagerDialog.h"
#include "RecordingPresenter.h"
#include "RegistryPicker.h"
#include "RulesController.h"
#include "RulesTableModel.h"
#include "SandboxHarness.h"
#include "SessionFactory.h"
#include "SharedConfigWriter.h"
#include "SsoProfileDialog.h"
#include "SsoSignInDialog.h"
#include "SsoTokenCache.h"
#include "TestDir.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

const QString kStartUrl = u"https://sandbox-sso.awsapps.com/start"_s;
const QString kKeychainPrefix = u"org.ecr-ptc-admin.test/"_s;

HarnessOptions ssoSandbox()
{
    HarnessOptions options;
    options.sandbox.sso.pollIntervalSeconds = 1;
    return options;
}

CredentialResolverOptions quickSso()
{
    CredentialResolverOptions options;
    options.sso.intervalUnit = std::chrono::milliseconds(20); // a poll "second" lasts 20 ms
    return options;
}

QProcessEnvironment environmentFor(const QTemporaryDir& home)
{
    QProcessEnvironment environment;
    environment.insert(u"HOME"_s, home.path());
    return environment;
}

// The app's pieces as main.cpp composes them, over the sandbox, a fresh HOME and the test
// keyring; the sign-in dialog's "browser" approves the code through the sandbox's switch.
struct App
{
    App()
        : settings(home.filePath(u"settings.ini"_s), QSettings::IniFormat)
        , store(settings)
        , keychain(KeychainStore::defaultService(), kKeychainPrefix)
        , credentials(store, keychain, harness.network(), clock, environmentFor(home), quickSso())
        , sessions(credentials, harness.network(), clock)
        , window(credentials, sessions, presenter)
        , prompter(&window)
    {
        credentials.setSsoPrompter(&prompter);
        prompter.setUrlOpener([this](const QUrl& url) {
            opened.append(url);
            if (onOpen)
                onOpen();
            if (approveInBrowser)
                QTimer::singleShot(0, [this] { harness.service().sso().approve(); });
            return true;
        });
    }
    // Settings "Add SSO Profile" starts from: every service at the sandbox.
    Profile sandboxTemplate()
    {
        Profile p;
        const QUrl url = harness.server().url();
        p.endpointUrl = url;
        p.stsEndpointUrl = url;
        p.ssoEndpointUrl = url;
        p.ssoOidcEndpointUrl = url;
        return p;
    }
    // An SSO profile of the sandbox's portal, in us-east-1.
    Profile ssoProfile(
        const QString& name, const QString& session, const QString& account, const QString& role)
    {
        Profile p = sandboxTemplate();
        p.name = name;
        p.region = u"us-east-1"_s;
        p.source = CredentialSource::Sso;
        p.ssoSession = session;
        p.ssoStartUrl = kStartUrl;
        p.ssoRegion = u"us-east-1"_s;
        p.ssoAccountId = account;
        p.ssoRoleName = role;
        return p;
    }
    QStringList cacheFiles() const
    {
        return QDir(SsoTokenCache::directoryFor(home.path())).entryList(QDir::Files | QDir::Hidden);
    }

    SandboxHarness harness{ssoSandbox()};
    ecr::test::TestDir home;
    QSettings settings;
    ProfileStore store;
    KeychainStore keychain;
    SystemClock clock;
    CredentialProfileDirectory credentials;
    DirectorySessionFactory sessions;
    RecordingPresenter presenter;
    MainWindow window;
    DialogSsoPrompter prompter;
    QList<QUrl> opened;
    std::function<void()> onOpen; // while the sign-in dialog is on screen, before approval
    bool approveInBrowser = true;
};

template <typename T>
T* find(QObject* parent, const QString& name)
{
    T* child = parent ? parent->findChild<T*>(name) : nullptr;
    if (!child)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return child;
}

} // namespace

class TestSsoProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
    }

    void addSsoProfileSignsInListsAndSaves()
    {
        App app;
        QVERIFY(app.home.isValid());
        // Rules in the sandbox account, made with the sandbox's own keys.
        QVERIFY(app.harness
                    .wait(app.harness.client().createRule(
                        {u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}}))
                    .ok());
        QVERIFY(app.harness
                    .wait(app.harness.client().createRule(
                        {u"k8s"_s, u"registry.k8s.io"_s, {}, {}, {}, {}, {}}))
                    .ok());
        app.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&app.window));

        ProfileManagerDialog manager(app.credentials, app.presenter, &app.window);
        manager.setNewProfileTemplate(app.sandboxTemplate());
        manager.show();
        QVERIFY(QTest::qWaitForWindowExposed(&manager));
        auto* addSso = find<QPushButton>(&manager, u"addSsoButton"_s);
        QVERIFY(addSso);
        addSso->click();
        SsoProfileDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = manager.findChild<SsoProfileDialog*>()) && dialog->isVisible());

        auto* signIn = find<QPushButton>(dialog, u"signInButton"_s);
        auto* save = find<QPushButton>(dialog, u"saveButton"_s);
        auto* problem = find<QLabel>(dialog, u"problemLabel"_s);
        QVERIFY(signIn && save && problem);
        QVERIFY(!save->isEnabled());
        QTest::keyClicks(find<QLineEdit>(dialog, u"sessionNameLineEdit"_s), u"sandbox-sso"_s);
        QTest::keyClicks(find<QLineEdit>(dialog, u"startUrlLineEdit"_s), u"not a url"_s);
        QVERIFY(problem->text().contains(u"not an https URL"_s));
        QVERIFY(!signIn->isEnabled());
        find<QLineEdit>(dialog, u"startUrlLineEdit"_s)->setText(kStartUrl);
        QTest::keyClicks(find<QLineEdit>(dialog, u"ssoRegionLineEdit"_s), u"us-east-1"_s);
        QVERIFY(signIn->isEnabled());
        QCOMPARE(problem->text(), u"Sign in to list the accounts and roles you may use."_s);

        // Sign in: the code is shown and the browser opened; the sandbox approves it.
        QPointer<SsoSignInDialog> signInDialog;
        QString shownCode;
        QString promptCode;
        int secondsLeft = 0;
        bool shown = false;
        app.onOpen = [&] {
            signInDialog = app.window.findChild<SsoSignInDialog*>();
            if (!signInDialog)
                return;
            shown = signInDialog->isVisible() && signInDialog->parent() == dialog;
            shownCode = find<QLabel>(signInDialog, u"userCodeLabel"_s)->text();
            promptCode = signInDialog->prompt().userCode;
            secondsLeft = find<QProgressBar>(signInDialog, u"timeLeftBar"_s)->value();
        };
        QTest::mouseClick(signIn, Qt::LeftButton);
        auto* accounts = find<QTreeView>(dialog, u"accountsView"_s);
        QTRY_COMPARE(accounts->model()->rowCount(), 3);
        QCOMPARE(app.opened.size(), 1);
        QVERIFY(shown); // over the Add SSO Profile dialog
        QVERIFY(!promptCode.isEmpty());
        QCOMPARE(shownCode, promptCode);
        QVERIFY(app.opened.first().toString().contains(u"/device?user_code="_s));
        QVERIFY(app.opened.first().toString().endsWith(promptCode));
        QVERIFY(secondsLeft > 500); // the sandbox's codes last 600 s
        QTRY_VERIFY(!signInDialog); // closed once signed in
        QVERIFY(find<QLabel>(dialog, u"statusLabel"_s)->text().contains(u"3 account"_s));
        QCOMPARE(app.cacheFiles().size(), 2); // the token and the client registration, as the CLI

        // Searchable: by name, by ID, by e-mail.
        auto* filter = find<QLineEdit>(dialog, u"accountFilterLineEdit"_s);
        QTest::keyClicks(filter, u"STAGING"_s);
        QCOMPARE(accounts->model()->rowCount(), 1);
        QCOMPARE(accounts->model()->index(0, 1).data().toString(), u"210987654321"_s);
        filter->setText(u"production@"_s);
        QCOMPARE(accounts->model()->rowCount(), 1);
        filter->setText(u"123456789012"_s);
        QCOMPARE(accounts->model()->rowCount(), 1);
        accounts->setCurrentIndex(accounts->model()->index(0, 0));
        auto* roles = find<QListWidget>(dialog, u"rolesList"_s);
        QTRY_COMPARE(roles->count(), 2);
        QCOMPARE(problem->text(), u"Choose a role."_s);
        const QList<QListWidgetItem*> admin
            = roles->findItems(u"AdministratorAccess"_s, Qt::MatchExactly);
        QCOMPARE(admin.size(), 1);
        roles->setCurrentItem(admin.first());
        QCOMPARE(find<QLineEdit>(dialog, u"profileNameLineEdit"_s)->text(),
            u"sandbox-AdministratorAccess"_s);
        QCOMPARE(find<QLineEdit>(dialog, u"regionLineEdit"_s)->text(), u"us-east-1"_s);
        // A profile at the sandbox cannot go to the CLI's file: it would point at AWS.
        QVERIFY(!find<QCheckBox>(dialog, u"writeConfigCheckBox"_s)->isEnabled());
        QVERIFY2(save->isEnabled(), qPrintable(problem->text()));

        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(!dialog || !dialog->isVisible());
        const std::optional<Profile> saved
            = app.credentials.appProfileNamed(u"sandbox-AdministratorAccess"_s);
        QVERIFY(saved);
        QCOMPARE(saved->source, CredentialSource::Sso);
        QCOMPARE(saved->ssoSession, u"sandbox-sso"_s);
        QCOMPARE(saved->ssoAccountId, u"123456789012"_s);
        QCOMPARE(saved->ssoRoleName, u"AdministratorAccess"_s);
        QCOMPARE(saved->ssoRegistrationScopes, QStringList{u"sso:account:access"_s});
        const QString entry = CredentialProfileDirectory::keychainEntryId(saved->id);
        QCOMPARE(manager.selectedEntryId(), entry);
        QVERIFY(find<MessageBar>(&manager, u"messageBar"_s)->isVisible());
        manager.close();

        // The main window lists the rules with it: no second sign-in (the token is cached).
        const int signIns = app.harness.service().requestCount(u"StartDeviceAuthorization"_s);
        app.window.selectProfile(entry);
        RulesController& controller = app.window.controller();
        QTRY_VERIFY(controller.session() && !controller.isBusy());
        QTRY_COMPARE(app.window.model().rowCount(), 2);
        QCOMPARE(app.harness.service().requestCount(u"StartDeviceAuthorization"_s), signIns);
        QCOMPARE(app.harness.service().requestCount(u"GetRoleCredentials"_s), 1);
        QVERIFY(app.presenter.errors.isEmpty());
        // The role credentials are kept in the keychain, not in a file.
        QStringList files;
        for (const QFileInfo& file : QDir(app.home.path()).entryInfoList(QDir::Files))
            files.append(file.fileName());
        QCOMPARE(files, QStringList{u"settings.ini"_s});
    }

    // Cancel in the sign-in window: the sign-in stops, nothing is cached (no token file, no
    // registration, no keychain entry for the role credentials), and the error says so.
    void cancellingTheSignInLeavesNothing()
    {
        App app;
        app.approveInBrowser = false;
        const Profile p
            = app.ssoProfile(u"sso"_s, u"cancelled-sso"_s, u"123456789012"_s, u"ReadOnlyAccess"_s);
        const Result<Profile> saved = awaitTask(app.credentials.saveProfile(p));
        QVERIFY(saved.ok());
        const QString entry = CredentialProfileDirectory::keychainEntryId(saved->id);
        QTimer::singleShot(0, [&] {
            QTRY_VERIFY_WITH_TIMEOUT(app.window.findChild<SsoSignInDialog*>(), 5000);
            QTest::qWait(100); // it polls meanwhile
            find<QPushButton>(app.window.findChild<SsoSignInDialog*>(), u"cancelButton"_s)->click();
        });
        const Result<TemporaryCredentials> credentials
            = awaitTask(app.credentials.credentials(entry));
        QVERIFY(!credentials.ok());
        QCOMPARE(credentials.error().kind, ErrorKind::Cancelled);
        QVERIFY(credentials.error().message.contains(u"cancelled"_s));
        QTRY_VERIFY(!app.window.findChild<SsoSignInDialog*>());
        QVERIFY2(app.cacheFiles().isEmpty(), qPrintable(app.cacheFiles().join(u' ')));
        const QString key
            = CredentialResolver::sessionKey(u"sso.GetRoleCredentials"_s, saved->id, {});
        const KeychainResult<QByteArray> stored = awaitTask(app.keychain.read(key));
        QCOMPARE(stored.state(), KeychainState::EntryMissing);
        const int polls = app.harness.service().requestCount(u"CreateToken"_s);
        QTest::qWait(200);
        QCOMPARE(app.harness.service().requestCount(u"CreateToken"_s), polls); // no poll goes on
    }

    // The token is revoked after a first sign-in; two more profiles of the session resolve at
    // once: the portal refuses the token for both, yet there is one sign-in window, one device
    // flow, and both get their role's credentials.
    void oneSignInForEveryWaitingProfile()
    {
        App app;
        QList<QString> entries;
        const QList<std::pair<QString, QString>> roles{
            {u"123456789012"_s, u"AdministratorAccess"_s}, {u"123456789012"_s, u"ReadOnlyAccess"_s},
            {u"210987654321"_s, u"ReadOnlyAccess"_s}};
        for (const auto& [account, role] : roles) {
            const Profile p = app.ssoProfile(account + u'-' + role, u"shared-sso"_s, account, role);
            const Result<Profile> saved = awaitTask(app.credentials.saveProfile(p));
            QVERIFY(saved.ok());
            entries.append(CredentialProfileDirectory::keychainEntryId(saved->id));
        }
        QVERIFY(awaitTask(app.credentials.credentials(entries.first())).ok());
        QCOMPARE(app.opened.size(), 1);
        // The service forgets every token and refresh token: a silent refresh cannot help.
        app.harness.service().sso().revokeAccessTokens();
        std::optional<Result<TemporaryCredentials>> first;
        std::optional<Result<TemporaryCredentials>> second;
        auto a
            = app.credentials.credentials(entries.at(1)).then([&](Result<TemporaryCredentials> r) {
                  first = std::move(r);
              });
        auto b
            = app.credentials.credentials(entries.at(2)).then([&](Result<TemporaryCredentials> r) {
                  second = std::move(r);
              });
        QTRY_VERIFY_WITH_TIMEOUT(first && second, 10000);
        QVERIFY2(first->ok(), qPrintable(first->ok() ? QString() : first->error().message));
        QVERIFY2(second->ok(), qPrintable(second->ok() ? QString() : second->error().message));
        QCOMPARE(app.opened.size(), 2); // one more sign-in, for both
        QCOMPARE(app.harness.service().requestCount(u"StartDeviceAuthorization"_s), 2);
        QCOMPARE(first->value().accountId, u"123456789012"_s);
        QCOMPARE(second->value().accountId, u"210987654321"_s);
    }

    // The fleet view's "every account and role it reaches": one sign-in, ListAccounts and
    // ListAccountRoles, then every account and role's registry in the picked region, each with
    // its own role credentials.
    void theFleetReachesEveryAccountAndRole()
    {
        App app;
        const Profile p
            = app.ssoProfile(u"org-sso"_s, u"org"_s, u"123456789012"_s, u"AdministratorAccess"_s);
        const Result<Profile> saved = awaitTask(app.credentials.saveProfile(p));
        QVERIFY(saved.ok());
        const QString entry = CredentialProfileDirectory::keychainEntryId(saved->id);
        const auto entries = app.credentials.profiles();
        QVERIFY(std::any_of(entries.cbegin(), entries.cend(),
            [&entry](const ProfileEntry& e) { return e.id == entry && e.sso; }));

        int expected = 0;
        for (const sandbox::SandboxSsoAccount& account :
            app.harness.service().config().sso.accounts)
            expected += int(account.roles.size());
        QVERIFY(expected >= 2);

        const int before = app.harness.service().requestCount(u"GetRoleCredentials"_s);
        FleetDialog fleet(app.credentials, app.clock);
        QVERIFY(fleet.picker()->setProfileChecked(entry, true));
        QVERIFY(fleet.picker()->setRegionChecked(u"us-west-2"_s));
        fleet.fetch();
        QTRY_VERIFY_WITH_TIMEOUT(!fleet.isFetching(), 20000);
        QCOMPARE(app.opened.size(), 1); // one sign-in for all of them
        const QList<FleetRegistry>& read = fleet.fetcher().results();
        QCOMPARE(read.size(), expected);
        QSet<QString> reached;
        for (const FleetRegistry& r : read) {
            QVERIFY2(!r.error, qPrintable(r.error ? r.error->message : QString()));
            QVERIFY(r.target.role);
            QCOMPARE(r.accountId, r.target.role->accountId);
            QCOMPARE(r.target.region, u"us-west-2"_s);
            reached.insert(r.target.role->accountId + u'/' + r.target.role->roleName);
        }
        QCOMPARE(reached.size(), expected);
        // Each account and role got credentials of its own (at least one GetRoleCredentials each).
        QVERIFY(app.harness.service().requestCount(u"GetRoleCredentials"_s) - before >= expected);
        // The profile's own account and role stay as they were.
        QCOMPARE(app.credentials.appProfile(saved->id)->ssoRoleName, u"AdministratorAccess"_s);
    }

    // With the CLI's file as the target the dialog shows exactly what it will append.
    void thePreviewIsTheTextWritten()
    {
        App app;
        SsoProfileDialog dialog(app.credentials);
        find<QLineEdit>(&dialog, u"sessionNameLineEdit"_s)->setText(u"corp"_s);
        find<QLineEdit>(&dialog, u"startUrlLineEdit"_s)
            ->setText(u"https://corp.awsapps.com/start"_s);
        find<QLineEdit>(&dialog, u"ssoRegionLineEdit"_s)->setText(u"eu-west-1"_s);
        find<QLineEdit>(&dialog, u"profileNameLineEdit"_s)->setText(u"corp-admin"_s);
        find<QLineEdit>(&dialog, u"regionLineEdit"_s)->setText(u"eu-central-1"_s);
        auto* write = find<QCheckBox>(&dialog, u"writeConfigCheckBox"_s);
        auto* preview = find<QPlainTextEdit>(&dialog, u"configPreview"_s);
        QVERIFY(write->isEnabled());
        QVERIFY(preview->isHidden());
        write->setChecked(true);
        QVERIFY(!preview->isHidden());
        const QString config = app.credentials.sharedConfig().paths().config;
        QCOMPARE(preview->toPlainText(),
            u"# Added to %1:"_s.arg(config) + ssoConfigText(dialog.profile(), true));
        QVERIFY(preview->toPlainText().contains(u"[sso-session corp]\nsso_start_url = "
                                                "https://corp.awsapps.com/start\n"_s));
        // A profile of that name in the file already: said before anything is written.
        QVERIFY(appendToConfigFile(config, u"[profile corp-admin]\nregion = eu-west-1\n"_s).ok());
        app.credentials.reloadSharedConfig();
        find<QLineEdit>(&dialog, u"regionLineEdit"_s)->setText(u"eu-west-1"_s);
        QVERIFY(!find<QPushButton>(&dialog, u"saveButton"_s)->isEnabled());
        // The CLI has a session of that name for another portal: signing in under it would
        // share (and overwrite) its token, so the dialog says so and will not sign in.
        QVERIFY(find<QPushButton>(&dialog, u"signInButton"_s)->isEnabled());
        QVERIFY(appendToConfigFile(config,
            u"[sso-session corp]\nsso_start_url = https://elsewhere.awsapps.com/start\n"
            "sso_region = eu-west-1\n"_s)
                    .ok());
        app.credentials.reloadSharedConfig();
        find<QLineEdit>(&dialog, u"ssoRegionLineEdit"_s)->setText(u"eu-west-2"_s);
        QVERIFY(find<QLabel>(&dialog, u"problemLabel"_s)->text().contains(u"another portal"_s));
        QVERIFY(!find<QPushButton>(&dialog, u"signInButton"_s)->isEnabled());
    }
};

QTEST_MAIN(TestSsoProfile)
#include "tst_ssoprofile.moc"
