// The profile manager end to end, against the real keychain (the Secret Service scripts/test
// starts), settings in a temporary folder, test ~/.aws files and the sandbox's STS over loopback:
// add, edit, import, test connection and delete, driven through the dialogs' widgets; the
// keychain states as the list shows them; and the keyboard.
#include "CredentialProfileDirectory.h"
#include "CredentialsTestSupport.h"
#include "DialogMfaPrompter.h"
#include "ImportProfilesDialog.h"
#include "MessageBar.h"
#include "MfaCodeDialog.h"
#include "ProfileEditDialog.h"
#include "ProfileEditor.h"
#include "ProfileListModel.h"
#include "ProfileManagerDialog.h"
#include "RecordingPresenter.h"
#include "SandboxServer.h"
#include "SandboxService.h"
#include "StaticKeyStore.h"
#include "TestDir.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

const QString kAccount = u"123456789012"_s;
const QString kUserArn = u"arn:aws:iam::123456789012:user/sandbox-user"_s;
// Replacement keys for the edit test; the secret carries the scan's sentinel too.
const QString kReplacedAccessKey = u"AKIAEXAMPLEREPLACED2"_s;
const QString kReplacedSecret = u"replaced-EXAMPLESECRETSENTINEL-2"_s;

sigv4::Credentials sentinelKeys()
{
    return {kSentinelAccessKey, kSentinelSecret, {}};
}

// Answers every read with one state (writes and removes succeed), for the keychain states the
// real daemon cannot be made to show on demand.
class ScriptedSecretStore final : public SecretStore
{
public:
    QCoro::Task<KeychainResult<QByteArray>> read(QString) override
    {
        ++reads;
        const KeychainState state = readState;
        co_return KeychainResult<QByteArray>::failure(state, u"scripted"_s);
    }
    QCoro::Task<KeychainResult<Unit>> write(QString, QByteArray) override
    {
        co_return KeychainResult<Unit>::success(Unit{});
    }
    QCoro::Task<KeychainResult<Unit>> remove(QString) override
    {
        co_return KeychainResult<Unit>::success(Unit{});
    }
    KeychainState readState = KeychainState::EntryMissing;
    int reads = 0;
};

// The sandbox (STS) on loopback, the real keychain under a test prefix, settings and a HOME with
// ~/.aws in a temporary folder, and a directory over them.
class Harness
{
public:
    explicit Harness(SecretStore* secrets = nullptr)
        : m_service(m_clock, sandboxConfig())
        , m_server(m_service)
        , m_keychain(KeychainStore::defaultService(), u"org.ecr-ptc-admin.profui-test/"_s)
        , m_counting(secrets ? *secrets : m_keychain)
        , m_settings(m_dir.filePath(u"settings.ini"_s), QSettings::IniFormat)
        , m_store(m_settings)
    {
        if (!m_server.listen())
            qFatal("sandbox failed to listen: %s", qPrintable(m_server.errorString()));
        QDir(m_dir.path()).mkpath(u"home/.aws"_s);
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, home());
        environment.insert(u"AWS_CONFIG_FILE"_s, configFile());
        environment.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, credentialsFile());
        CredentialResolverOptions options;
        options.stsRetry.backoffBase = std::chrono::milliseconds(2);
        options.stsRetry.backoffCap = std::chrono::milliseconds(20);
        m_directory = std::make_unique<CredentialProfileDirectory>(
            m_store, m_counting, m_network, m_clock, environment, options);
        m_directory->setMfaPrompter(&prompter);
    }

    // Leaves nothing of the test's in the keychain.
    ~Harness()
    {
        for (const Profile& profile : m_store.profiles())
            awaitTask(m_directory->removeProfile(profile.id));
    }

    CredentialProfileDirectory& directory() { return *m_directory; }
    ProfileStore& store() { return m_store; }
    CountingSecretStore& counting() { return m_counting; }
    // The access keys the directory stored for an app profile, read back from the store in use.
    Result<sigv4::Credentials> storedKeys(const QString& profileId)
    {
        StaticKeyStore keys(m_counting);
        return awaitTask(keys.read(profileId));
    }
    QUrl url() const { return m_server.url(); }
    void setLatency(int ms)
    {
        sandbox::FaultConfig faults;
        faults.latencyMs = ms;
        m_server.setFaults(faults);
    }
    QString home() const { return m_dir.filePath(u"home"_s); }
    QString configFile() const { return m_dir.filePath(u"home/.aws/config"_s); }
    QString credentialsFile() const { return m_dir.filePath(u"home/.aws/credentials"_s); }
    int sts(const char* action) const
    {
        return m_service.requestCount(QString::fromLatin1(action));
    }
    QString settingsText()
    {
        m_settings.sync();
        QFile file(m_settings.fileName());
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    Profile sandboxProfile(const QString& name) const
    {
        Profile p;
        p.name = name;
        p.region = u"us-east-1"_s;
        p.endpointUrl = m_server.url();
        p.stsEndpointUrl = m_server.url();
        return p;
    }
    Profile save(const Profile& p, std::optional<sigv4::Credentials> keys)
    {
        const Result<Profile> saved = awaitTask(m_directory->saveProfile(p, keys));
        if (!saved)
            qFatal("saving profile %s failed: %s", qPrintable(p.name),
                qPrintable(saved.error().message));
        return saved.value();
    }
    Profile addStatic(const QString& name, const sigv4::Credentials& keys = sentinelKeys())
    {
        return save(sandboxProfile(name), keys);
    }
    Profile addRole(const QString& name, const QString& sourceId)
    {
        Profile p = sandboxProfile(name);
        p.source = CredentialSource::AssumeRole;
        p.roleArn = u"arn:aws:iam::123456789012:role/Ops"_s;
        p.sourceProfile = sourceId;
        return save(p, std::nullopt);
    }
    void writeFile(const QString& path, const QByteArray& text)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        file.write(text);
        file.close();
        ecr::test::recordSecretFixture(path);
    }

    RecordingPresenter presenter;
    FakeMfaPrompter prompter;

private:
    static sandbox::SandboxConfig sandboxConfig()
    {
        sandbox::SandboxConfig config;
        config.account = kAccount;
        config.keys = {{kSentinelAccessKey, kSentinelSecret}};
        return config;
    }

    ecr::test::TestDir m_dir;
    SystemClock m_clock;
    sandbox::SandboxService m_service;
    sandbox::SandboxServer m_server;
    QNetworkAccessManager m_network;
    KeychainStore m_keychain;
    CountingSecretStore m_counting;
    QSettings m_settings;
    ProfileStore m_store;
    std::unique_ptr<CredentialProfileDirectory> m_directory;
};

template <typename T>
T* child(const QWidget* parent, const QString& name)
{
    return parent ? parent->findChild<T*>(name) : nullptr;
}

QLineEdit* lineEdit(const QWidget* parent, const QString& name)
{
    return child<QLineEdit>(parent, name);
}

void type(QLineEdit* edit, const QString& text)
{
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

void click(const QWidget* parent, const QString& buttonName)
{
    auto* button = child<QPushButton>(parent, buttonName);
    QVERIFY2(button, qPrintable(buttonName));
    QVERIFY2(button->isEnabled(), qPrintable(buttonName));
    QTest::mouseClick(button, Qt::LeftButton);
}

template <typename Dialog>
Dialog* waitForDialog(const QWidget& parent)
{
    Dialog* dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = parent.findChild<Dialog*>();
        return dialog && dialog->isVisible();
    });
    return shown ? dialog : nullptr;
}

struct Manager
{
    explicit Manager(Harness& h)
        : dialog(h.directory(), h.presenter)
        , tester(&dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest)
    { }
    void show()
    {
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    }
    int row(const Profile& p) const
    {
        return dialog.model().rowOfEntry(CredentialProfileDirectory::keychainEntryId(p.id));
    }
    KeychainStatus status(const Profile& p) const
    {
        const int r = row(p);
        return r < 0 ? KeychainStatus::NotApplicable : dialog.model().rowAt(r).keychain;
    }
    QString keychainText(const Profile& p) const
    {
        return dialog.model().index(row(p), ProfileListModel::Keychain).data().toString();
    }
    MessageBar* bar() const { return child<MessageBar>(&dialog, u"messageBar"_s); }

    ProfileManagerDialog dialog;
    QAbstractItemModelTester tester;
};

} // namespace

class TestProfileManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Cancelling a request whose credentials wait for an MFA code closes the real prompt, and
    // STS is never called.
    void cancellingWhileTheMfaPromptIsOpenClosesIt()
    {
        Harness h;
        Profile p = h.sandboxProfile(u"mfa"_s);
        p.mfaSerial = u"arn:aws:iam::123456789012:mfa/sandbox-user"_s;
        p = h.save(p, sentinelKeys());
        QWidget window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        DialogMfaPrompter dialogPrompter(&window);
        h.directory().setMfaPrompter(&dialogPrompter);

        const CancelToken cancel = Cancellation::create();
        auto resolving = h.directory().credentials(p.id, u"us-east-1"_s, cancel);
        MfaCodeDialog* prompt = waitForDialog<MfaCodeDialog>(window);
        QVERIFY(prompt);
        QPointer<MfaCodeDialog> watched(prompt);
        cancel->cancel();
        const Result<TemporaryCredentials> result = awaitTask(std::move(resolving));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::Cancelled);
        QTRY_VERIFY(!watched || !watched->isVisible());
        QTRY_VERIFY(window.findChild<MfaCodeDialog*>() == nullptr);
        QCOMPARE(h.sts("GetSessionToken"), 0);
        h.directory().setMfaPrompter(&h.prompter);
    }

    void addSavesSettingsAndKeysInTheKeychain()
    {
        Harness h;
        Manager m(h);
        m.show();
        click(&m.dialog, u"addButton"_s);
        auto* dialog = waitForDialog<ProfileEditDialog>(m.dialog);
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), u"Add Profile"_s);
        type(lineEdit(dialog, u"nameLineEdit"_s), u"prod"_s);
        type(child<QComboBox>(dialog, u"regionComboBox"_s)->lineEdit(), u"us-east-1"_s);
        type(lineEdit(dialog, u"endpointUrlLineEdit"_s), h.url().toString());
        type(lineEdit(dialog, u"stsEndpointUrlLineEdit"_s), h.url().toString());
        QVERIFY(!child<QPushButton>(dialog, u"saveButton"_s)->isEnabled()); // keys still missing
        type(lineEdit(dialog, u"accessKeyIdLineEdit"_s), kSentinelAccessKey);
        type(lineEdit(dialog, u"secretAccessKeyLineEdit"_s), kSentinelSecret);
        click(dialog, u"saveButton"_s);
        QTRY_VERIFY(m.dialog.findChild<ProfileEditDialog*>() == nullptr);

        const std::optional<Profile> saved = h.store().profileByName(u"prod"_s);
        QVERIFY(saved);
        QCOMPARE(saved->region, u"us-east-1"_s);
        QCOMPARE(saved->endpointUrl, h.url());
        QVERIFY(m.row(*saved) >= 0);
        QCOMPARE(
            m.dialog.selectedEntryId(), CredentialProfileDirectory::keychainEntryId(saved->id));
        QTRY_COMPARE(m.status(*saved), KeychainStatus::Stored);
        QCOMPARE(m.keychainText(*saved), u"Keys in keychain"_s);
        QVERIFY(m.bar()->text().contains(u"prod"_s));

        const Result<sigv4::Credentials> keys = (h.storedKeys(saved->id));
        QVERIFY(keys.ok());
        QVERIFY(keys->accessKeyId == kSentinelAccessKey);
        QVERIFY(keys->secretAccessKey == kSentinelSecret);
        const QString settings = h.settingsText();
        QVERIFY(settings.contains(u"prod"_s));
        QVERIFY(!settings.contains(kSentinelSecret));
        QVERIFY(!settings.contains(kSentinelAccessKey));
        QVERIFY(h.presenter.errors.isEmpty());
    }

    void editKeepsUntouchedKeysAndReplacesTypedOnes()
    {
        Harness h;
        const Profile prod = h.addStatic(u"prod"_s);
        Manager m(h);
        m.show();
        m.dialog.selectEntry(CredentialProfileDirectory::keychainEntryId(prod.id));
        QTRY_COMPARE(m.status(prod), KeychainStatus::Stored);

        // Change the region only: the keys stay.
        click(&m.dialog, u"editButton"_s);
        auto* dialog = waitForDialog<ProfileEditDialog>(m.dialog);
        QVERIFY(dialog);
        QLineEdit* secret = lineEdit(dialog, u"secretAccessKeyLineEdit"_s);
        QVERIFY(secret->text().isEmpty());
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QVERIFY(secret->placeholderText().contains(u"keychain"_s));
        QVERIFY(lineEdit(dialog, u"accessKeyIdLineEdit"_s)->text().isEmpty());
        QCOMPARE(lineEdit(dialog, u"nameLineEdit"_s)->text(), u"prod"_s);
        type(child<QComboBox>(dialog, u"regionComboBox"_s)->lineEdit(), u"us-west-2"_s);
        click(dialog, u"saveButton"_s);
        QTRY_COMPARE(h.store().profile(prod.id)->region, u"us-west-2"_s);
        QTRY_VERIFY(m.dialog.findChild<ProfileEditDialog*>() == nullptr);
        Result<sigv4::Credentials> keys = (h.storedKeys(prod.id));
        QVERIFY(keys.ok());
        QVERIFY(keys->accessKeyId == kSentinelAccessKey);
        QVERIFY(keys->secretAccessKey == kSentinelSecret);
        QCOMPARE(m.dialog.model().index(m.row(prod), ProfileListModel::Region).data().toString(),
            u"us-west-2"_s);

        // Type new keys: they replace the stored ones.
        m.dialog.selectEntry(CredentialProfileDirectory::keychainEntryId(prod.id));
        click(&m.dialog, u"editButton"_s);
        dialog = waitForDialog<ProfileEditDialog>(m.dialog);
        QVERIFY(dialog);
        type(lineEdit(dialog, u"accessKeyIdLineEdit"_s), kReplacedAccessKey);
        type(lineEdit(dialog, u"secretAccessKeyLineEdit"_s), kReplacedSecret);
        click(dialog, u"saveButton"_s);
        QTRY_VERIFY(m.dialog.findChild<ProfileEditDialog*>() == nullptr);
        keys = (h.storedKeys(prod.id));
        QVERIFY(keys.ok());
        QVERIFY(keys->accessKeyId == kReplacedAccessKey);
        QVERIFY(keys->secretAccessKey == kReplacedSecret);
        QCOMPARE(h.store().profiles().size(), 1);
        QVERIFY(!h.settingsText().contains(kReplacedSecret));
    }

    void duplicateCopiesTheKeys()
    {
        Harness h;
        const Profile prod = h.addStatic(u"prod"_s);
        Manager m(h);
        m.show();
        m.dialog.selectEntry(CredentialProfileDirectory::keychainEntryId(prod.id));
        click(&m.dialog, u"duplicateButton"_s);
        auto* dialog = waitForDialog<ProfileEditDialog>(m.dialog);
        QVERIFY(dialog);
        QCOMPARE(lineEdit(dialog, u"nameLineEdit"_s)->text(), u"prod copy"_s);
        QVERIFY(lineEdit(dialog, u"secretAccessKeyLineEdit"_s)->text().isEmpty());
        click(dialog, u"saveButton"_s); // valid without typing: the keys are copied
        QTRY_VERIFY(m.dialog.findChild<ProfileEditDialog*>() == nullptr);
        const std::optional<Profile> copy = h.store().profileByName(u"prod copy"_s);
        QVERIFY(copy);
        QVERIFY(copy->id != prod.id);
        const Result<sigv4::Credentials> keys = (h.storedKeys(copy->id));
        QVERIFY(keys.ok());
        QVERIFY(keys->secretAccessKey == kSentinelSecret);
        QTRY_COMPARE(m.status(*copy), KeychainStatus::Stored);
    }

    void saveErrorKeepsTheDialogOpen()
    {
        Harness h;
        h.addStatic(u"prod"_s);
        Manager m(h);
        m.show();
        click(&m.dialog, u"addButton"_s);
        auto* dialog = waitForDialog<ProfileEditDialog>(m.dialog);
        QVERIFY(dialog);
        type(lineEdit(dialog, u"nameLineEdit"_s), u"dev"_s);
        ProfileEditor* editor = dialog->editor();
        auto* source = child<QComboBox>(editor, u"sourceComboBox"_s);
        source->setCurrentIndex(source->findData(int(CredentialSource::Environment)));
        QVERIFY(child<QPushButton>(dialog, u"saveButton"_s)->isEnabled());
        // Another window took the name meanwhile: the save fails, the dialog stays.
        Profile taken = h.sandboxProfile(u"dev"_s);
        taken.source = CredentialSource::Environment;
        h.save(taken, std::nullopt);
        click(dialog, u"saveButton"_s);
        auto* bar = child<MessageBar>(dialog, u"messageBar"_s);
        QTRY_VERIFY(bar->isVisible());
        QVERIFY2(bar->text().contains(u"already exists"_s), qPrintable(bar->text()));
        QCOMPARE(bar->type(), MessageBar::Type::Error);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->isBusy());
        QCOMPARE(lineEdit(dialog, u"nameLineEdit"_s)->text(), u"dev"_s);
        dialog->reject();
    }

    void importCopiesTheChosenProfileAndNamesThePlaintextFile()
    {
        Harness h;
        h.writeFile(h.configFile(),
            "[profile dev]\nregion = eu-west-1\n"
            "[profile ops]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/Ops\n"
            "source_profile = dev\n"
            "[profile sso-x]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n"
            "this line is broken\n");
        h.writeFile(h.credentialsFile(),
            "[dev]\naws_access_key_id = " + kSentinelAccessKey.toUtf8()
                + "\naws_secret_access_key = " + kSentinelSecret.toUtf8() + "\n");
        h.directory().reloadSharedConfig();
        Manager m(h);
        m.show();

        // Shared-file profiles are listed read-only, greyed, with where they come from.
        const int devRow = m.dialog.model().rowOfEntry(u"shared:dev"_s);
        QVERIFY(devRow >= 0);
        QVERIFY(m.dialog.model().rowAt(devRow).isReadOnly());
        const QModelIndex devIndex = m.dialog.model().index(devRow, ProfileListModel::Name);
        QVERIFY(devIndex.data(Qt::ForegroundRole).isValid());
        const QString tooltip = devIndex.data(Qt::ToolTipRole).toString();
        QVERIFY2(
            tooltip.contains(u".aws/config"_s) && tooltip.contains(u"import to manage it here"_s),
            qPrintable(tooltip));
        m.dialog.selectEntry(u"shared:dev"_s);
        QVERIFY(!child<QPushButton>(&m.dialog, u"editButton"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(&m.dialog, u"deleteButton"_s)->isEnabled());
        QVERIFY(child<QPushButton>(&m.dialog, u"testConnectionButton"_s)->isEnabled());

        click(&m.dialog, u"importButton"_s);
        auto* import = waitForDialog<ImportProfilesDialog>(m.dialog);
        QVERIFY(import);
        auto* issues = child<QLabel>(import, u"issuesLabel"_s);
        QVERIFY(issues->isVisible());
        QVERIFY2(issues->text().contains(h.configFile() + u':'), qPrintable(issues->text()));
        QVERIFY(child<QLabel>(import, u"introLabel"_s)->text().contains(h.credentialsFile()));
        QVERIFY(child<QLabel>(import, u"introLabel"_s)->text().contains(u"plain text"_s));

        auto* tree = child<QTreeWidget>(import, u"profilesTreeWidget"_s);
        QCOMPARE(tree->topLevelItemCount(), 3);
        QTreeWidgetItem* sso = tree->findItems(u"sso-x"_s, Qt::MatchExactly).value(0);
        QVERIFY(sso);
        QVERIFY(!(sso->flags() & Qt::ItemIsEnabled));
        QVERIFY2(sso->text(1).contains(u"IAM Identity Center"_s) || sso->text(1).contains(u"SSO"_s),
            qPrintable(sso->text(1)));
        QCOMPARE(import->checkedNames(), (QStringList{u"dev"_s, u"ops"_s}));
        QTreeWidgetItem* ops = tree->findItems(u"ops"_s, Qt::MatchExactly).value(0);
        ops->setCheckState(0, Qt::Unchecked);
        QCOMPARE(import->checkedNames(), QStringList{u"dev"_s});

        QSignalSpy imported(import, &ImportProfilesDialog::profilesImported);
        click(import, u"importButton"_s);
        QTRY_COMPARE(imported.size(), 1);
        QCOMPARE(imported.first().first().toStringList(), QStringList{u"dev"_s});
        auto* summary = child<QLabel>(import, u"summaryLabel"_s);
        QVERIFY(summary->isVisible());
        QVERIFY2(summary->text().contains(h.credentialsFile()), qPrintable(summary->text()));
        QVERIFY(summary->text().contains(u"plain text"_s));
        QVERIFY(QFile::exists(h.credentialsFile())); // never edited

        const std::optional<Profile> dev = h.store().profileByName(u"dev"_s);
        QVERIFY(dev);
        QCOMPARE(dev->region, u"eu-west-1"_s);
        QVERIFY(!h.store().profileByName(u"ops"_s));
        QVERIFY(m.row(*dev) >= 0);
        QVERIFY(!m.dialog.model().rowAt(m.row(*dev)).isReadOnly());
        QTRY_COMPARE(m.status(*dev), KeychainStatus::Stored);
        const Result<sigv4::Credentials> keys = (h.storedKeys(dev->id));
        QVERIFY(keys.ok());
        QVERIFY(keys->secretAccessKey == kSentinelSecret);
        QVERIFY(!h.settingsText().contains(kSentinelSecret));
        // dev is the app's now: the dialog no longer offers it.
        QVERIFY(
            !(tree->findItems(u"dev"_s, Qt::MatchExactly).value(0)->flags() & Qt::ItemIsEnabled));
        import->reject();
    }

    void testConnectionShowsAccountAndArn()
    {
        Harness h;
        const Profile prod = h.addStatic(u"prod"_s);
        Manager m(h);
        m.show();
        m.dialog.selectEntry(CredentialProfileDirectory::keychainEntryId(prod.id));
        click(&m.dialog, u"testConnectionButton"_s);
        QTRY_VERIFY(m.bar()->text().contains(kUserArn));
        QVERIFY2(m.bar()->text().contains(kAccount), qPrintable(m.bar()->text()));
        QCOMPARE(m.bar()->type(), MessageBar::Type::Information);
        QCOMPARE(h.sts("GetCallerIdentity"), 1);
        QTRY_VERIFY(child<QPushButton>(&m.dialog, u"testConnectionButton"_s)->isEnabled());
        QVERIFY(h.presenter.errors.isEmpty());
    }

    // The test button turns into Cancel while the test runs; cancelling stops it at once, and
    // closing the manager stops it too.
    void testConnectionCancelsWithinASecond()
    {
        Harness h;
        const Profile prod = h.addStatic(u"prod"_s);
        h.setLatency(8000);
        Manager m(h);
        m.show();
        m.dialog.selectEntry(CredentialProfileDirectory::keychainEntryId(prod.id));
        auto* button = child<QPushButton>(&m.dialog, u"testConnectionButton"_s);
        click(&m.dialog, u"testConnectionButton"_s);
        QTRY_COMPARE(button->text(), u"&Cancel Test"_s);
        QVERIFY(button->isEnabled());
        QTest::qWait(200); // the request is on the wire
        QElapsedTimer timer;
        timer.start();
        click(&m.dialog, u"testConnectionButton"_s);
        QTRY_COMPARE_WITH_TIMEOUT(button->text(), u"&Test Connection"_s, 1000);
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(m.bar()->text().contains(u"stopped"_s), qPrintable(m.bar()->text()));
        QCOMPARE(m.bar()->type(), MessageBar::Type::Information);
        QVERIFY(h.presenter.errors.isEmpty());

        // Closing the manager while a test runs stops it as well.
        click(&m.dialog, u"testConnectionButton"_s);
        QTRY_COMPARE(button->text(), u"&Cancel Test"_s);
        QTest::qWait(200);
        timer.restart();
        m.dialog.reject();
        QTRY_COMPARE_WITH_TIMEOUT(button->text(), u"&Test Connection"_s, 1000);
        QVERIFY(timer.elapsed() < 1000);
    }

    void testConnectionShowsTheErrorInline()
    {
        Harness h;
        const sigv4::Credentials unknown{
            u"AKIAEXAMPLEUNKNOWN01"_s, u"unknown-EXAMPLESECRETSENTINEL"_s, {}};
        const Profile stranger = h.addStatic(u"stranger"_s, unknown);
        Manager m(h);
        m.show();
        m.dialog.selectEntry(CredentialProfileDirectory::keychainEntryId(stranger.id));
        click(&m.dialog, u"testConnectionButton"_s);
        QTRY_COMPARE(m.bar()->type(), MessageBar::Type::Error);
        QVERIFY2(m.bar()->text().contains(u"Testing the connection of stranger"_s),
            qPrintable(m.bar()->text()));
        QVERIFY(m.bar()->toolTip().contains(u"InvalidClientTokenId"_s));
        QVERIFY(!m.bar()->text().contains(u"EXAMPLESECRETSENTINEL"_s));
    }

    void deleteAsksThenRemovesSettingsAndKeys()
    {
        Harness h;
        const Profile prod = h.addStatic(u"prod"_s);
        h.addRole(u"ops"_s, prod.id);
        Manager m(h);
        m.show();
        m.dialog.selectEntry(CredentialProfileDirectory::keychainEntryId(prod.id));
        QVERIFY(h.settingsText().contains(u"name=prod"_s));

        h.presenter.confirmAnswer = false;
        click(&m.dialog, u"deleteButton"_s);
        QCOMPARE(h.presenter.confirmations.size(), 1);
        const QString question = h.presenter.confirmations.first();
        QVERIFY(question.contains(u"'prod'"_s));
        QVERIFY(question.contains(u"keychain"_s));
        QVERIFY(question.contains(u"ops"_s)); // it names the profiles that use it as source
        QTest::qWait(50);
        QVERIFY(h.store().profile(prod.id));

        h.presenter.confirmAnswer = true;
        auto* view = child<QTreeView>(&m.dialog, u"profilesTreeView"_s);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Delete); // the keyboard way
        QTRY_VERIFY(!h.store().profile(prod.id));
        QCOMPARE(h.presenter.confirmations.size(), 2);
        QTRY_COMPARE(m.row(prod), -1);
        QVERIFY(!h.settingsText().contains(u"name=prod"_s));
        const Result<sigv4::Credentials> keys = (h.storedKeys(prod.id));
        QVERIFY(!keys.ok());
        QCOMPARE(keys.error().code, u"KeychainEntryMissing"_s);
        QVERIFY(h.presenter.errors.isEmpty());
    }

    void keychainIsReadOnlyWhileTheDialogIsShown()
    {
        Harness h;
        const Profile prod = h.addStatic(u"prod"_s);
        Profile orphan = h.sandboxProfile(u"orphan"_s); // settings without keys
        const Result<Profile> stored = h.store().save(orphan);
        QVERIFY(stored.ok());
        orphan = stored.value();
        const int before = h.counting().reads;
        Manager m(h);
        QCOMPARE(h.counting().reads, before); // constructed, not shown: no keychain read
        QCOMPARE(m.status(prod), KeychainStatus::Checking);
        QCOMPARE(m.keychainText(prod), u"Checking…"_s);
        m.show();
        QTRY_COMPARE(m.status(prod), KeychainStatus::Stored);
        QTRY_COMPARE(m.status(orphan), KeychainStatus::Missing);
        QCOMPARE(m.keychainText(orphan), u"Keys missing"_s);
        QCOMPARE(h.counting().reads, before + 2);
    }

    void keychainStatesAsText_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("reads"); // for two profiles
        QTest::newRow("missing") << int(KeychainState::EntryMissing) << u"Keys missing"_s << 2;
        QTest::newRow("locked") << int(KeychainState::Locked) << u"Keychain locked"_s << 1;
        QTest::newRow("denied") << int(KeychainState::AccessDenied) << u"Access denied"_s << 1;
        QTest::newRow("unavailable")
            << int(KeychainState::Unavailable) << u"Keychain unavailable"_s << 1;
    }
    void keychainStatesAsText()
    {
        QFETCH(int, state);
        QFETCH(QString, text);
        QFETCH(int, reads);
        ScriptedSecretStore scripted;
        scripted.readState = KeychainState(state);
        Harness h(&scripted);
        const Profile a = h.addStatic(u"a"_s);
        const Profile b = h.addStatic(u"b"_s);
        Manager m(h);
        m.show();
        QTRY_VERIFY(
            m.status(a) != KeychainStatus::Checking && m.status(b) != KeychainStatus::Checking);
        QCOMPARE(m.keychainText(a), text);
        QCOMPARE(m.keychainText(b), text);
        QVERIFY(!m.dialog.model()
                     .index(m.row(a), ProfileListModel::Keychain)
                     .data(Qt::DecorationRole)
                     .isNull());
        // After a locked, refused or missing keychain the others are not asked again.
        QCOMPARE(scripted.reads, reads);
    }

    // A keychain that is locked, refuses the app or is gone: the list says so within two
    // seconds, the dialog offers to ask again, and asking again after the user fixed it shows
    // the new state (and the offer goes).
    void aBlockedKeychainCanBeAskedAgain_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("text");
        QTest::newRow("locked") << int(KeychainState::Locked) << u"Keychain locked"_s;
        QTest::newRow("denied") << int(KeychainState::AccessDenied) << u"Access denied"_s;
        QTest::newRow("gone") << int(KeychainState::Unavailable) << u"Keychain unavailable"_s;
    }
    void aBlockedKeychainCanBeAskedAgain()
    {
        QFETCH(int, state);
        QFETCH(QString, text);
        ScriptedSecretStore scripted;
        scripted.readState = KeychainState(state);
        Harness h(&scripted);
        const Profile a = h.addStatic(u"a"_s);
        Manager m(h);
        auto* again = child<QPushButton>(&m.dialog, u"recheckKeychainButton"_s);
        QVERIFY(!again->isVisible());
        QElapsedTimer timer;
        timer.start();
        m.show();
        QTRY_COMPARE_WITH_TIMEOUT(m.keychainText(a), text, 2000);
        QVERIFY2(timer.elapsed() <= 2000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(again->isVisible() && again->isEnabled());

        scripted.readState = KeychainState::EntryMissing; // unlocked, allowed, or back
        const int reads = scripted.reads;
        // Reachable by keyboard: Alt+K, and Tab reaches it like every button.
        QCOMPARE(QKeySequence::mnemonic(again->text()), QKeySequence(Qt::ALT | Qt::Key_K));
        QVERIFY(again->focusPolicy() & Qt::TabFocus);
        again->click();
        QTRY_COMPARE_WITH_TIMEOUT(m.keychainText(a), u"Keys missing"_s, 2000);
        QCOMPARE(scripted.reads, reads + 1);
        QVERIFY(!again->isVisible());
    }

    void keyboardOnly()
    {
        Harness h;
        const Profile prod = h.addStatic(u"prod"_s);
        Manager m(h);
        m.show();
        m.dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&m.dialog));
        auto* view = child<QTreeView>(&m.dialog, u"profilesTreeView"_s);
        QTRY_VERIFY(view->hasFocus());
        QCOMPARE(m.dialog.selectedEntryId(), CredentialProfileDirectory::keychainEntryId(prod.id));

        // Enter on a row edits it, and does not close the manager.
        QTest::keyClick(view, Qt::Key_Return);
        auto* dialog = waitForDialog<ProfileEditDialog>(m.dialog);
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), u"Edit Profile prod"_s);
        QVERIFY(m.dialog.isVisible());
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(m.dialog.findChild<ProfileEditDialog*>() == nullptr);

        // Alt+A adds.
        m.dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&m.dialog));
        QTest::keyClick(&m.dialog, Qt::Key_A, Qt::AltModifier);
        dialog = waitForDialog<ProfileEditDialog>(m.dialog);
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), u"Add Profile"_s);
        dialog->reject();
    }
};

QTEST_MAIN(TestProfileManager)
#include "tst_profilemanager.moc"
