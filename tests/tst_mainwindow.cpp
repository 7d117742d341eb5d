// The main window end to end against the sandbox over loopback: create through the form → the
// row appears → edit credentials → verify → delete → the row is gone; the same create flow with
// the keyboard only; and one test per error family, read through the presenter's test seam.
#include "ErrorPresenter.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "RecordingPresenter.h"
#include "RuleForm.h"
#include "RuleFormDialog.h"
#include "RulesController.h"
#include "RulesTableModel.h"
#include "SandboxHarness.h"
#include "SessionFactory.h"
#include "TestDir.h"
#include "UpdateCredentialsDialog.h"
#include "WidgetLookup.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

// A directory with one sandbox profile, plus profiles whose resolution fails in chosen ways.
class TestProfiles final : public ProfileDirectory
{
public:
    explicit TestProfiles(SandboxHarness& harness)
        : m_harness(harness)
    { }
    QList<ProfileEntry> profiles() const override { return entries; }
    QCoro::Task<Result<ConnectionTarget>> resolve(QString id, QString region, CancelToken) override
    {
        if (const auto it = failures.constFind(id); it != failures.constEnd()) {
            AwsError error = it.value();
            co_return error;
        }
        ConnectionTarget target;
        target.displayName = id;
        target.region = region;
        target.customEndpoint
            = endpointOverride.isEmpty() ? m_harness.server().url() : endpointOverride;
        target.credentials
            = std::make_shared<StaticCredentialsProvider>(HarnessOptions::defaultCredentials());
        target.accountId = u"123456789012"_s;
        co_return target;
    }
    QList<ProfileEntry> entries{{u"sandbox"_s, u"Sandbox"_s, ProfileEntry::Kind::LocalSandbox,
        u"us-east-1"_s, u"aws"_s, {}, {}}};
    QMap<QString, AwsError> failures;
    QUrl endpointOverride;

private:
    SandboxHarness& m_harness;
};

const QString kArn = secretArn(u"docker-hub-AbCdEf"_s);
const QString kRotatedArn = secretArn(u"docker-hub-rotated-XyZ123"_s);

struct Fixture
{
    explicit Fixture(HarnessOptions options = {})
        : harness(std::move(options))
        , profiles(harness)
    { }
    void open()
    {
        window = std::make_unique<MainWindow>(profiles, sessions, presenter);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QTRY_VERIFY(window->controller().session() != nullptr);
        QTRY_VERIFY(!window->controller().isBusy());
    }
    SandboxHarness harness;
    SystemClock clock;
    RecordingPresenter presenter;
    TestProfiles profiles;
    DirectorySessionFactory sessions{profiles, harness.network(), clock};
    std::unique_ptr<MainWindow> window;
};

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QSettings().clear(); // no remembered profile, region or geometry between tests
    }

    void showsWithProductTitleAndOffersTheSandboxWithoutProfiles()
    {
        QApplication::setApplicationDisplayName(u"ECR Pull-Through Cache Admin"_s);
        Fixture f;
        f.profiles.entries.clear();
        MainWindow window(f.profiles, f.sessions, f.presenter);
        QSignalSpy sandboxRequested(&window, &MainWindow::localSandboxRequested);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.windowTitle().contains(u"ECR Pull-Through Cache Admin"_s));
        auto* useSandbox = child<QPushButton>(&window, "useSandboxButton");
        QVERIFY(useSandbox && useSandbox->isVisible());
        QVERIFY(!action(window, "newRuleAction")->isEnabled());
        QTest::mouseClick(useSandbox, Qt::LeftButton);
        QCOMPARE(sandboxRequested.size(), 1);
    }

    void createEditVerifyDeleteThroughTheWindow()
    {
        Fixture f;
        f.open();
        MainWindow& w = *f.window;
        QCOMPARE(w.model().rowCount(), 0);

        // Create through the form.
        action(w, "newRuleAction")->trigger();
        RuleFormDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = w.findChild<RuleFormDialog*>()) != nullptr);
        auto* registry = child<QComboBox>(dialog, "registryComboBox");
        registry->setCurrentIndex(registry->findText(u"Docker Hub"_s));
        auto* prefix = child<QLineEdit>(dialog, "prefixLineEdit");
        QCOMPARE(prefix->text(), u"docker-hub"_s);
        auto* createButton = child<QPushButton>(dialog, "createButton");
        QVERIFY(!createButton->isEnabled()); // Docker Hub needs a credential
        QTest::keyClicks(child<QLineEdit>(dialog, "credentialArnLineEdit"), kArn);
        QVERIFY(createButton->isEnabled());
        QTest::mouseClick(createButton, Qt::LeftButton);
        QTRY_COMPARE(w.model().rowCount(), 1);
        QTRY_VERIFY(w.findChild<RuleFormDialog*>() == nullptr);
        QCOMPARE(w.model().ruleAt(0).ecrRepositoryPrefix, u"docker-hub"_s);
        QCOMPARE(f.harness.service().rules(u"us-east-1"_s).size(), 1);
        auto* table = child<QTableView>(&w, "rulesTableView");
        QTRY_COMPARE(table->selectionModel()->selectedRows().size(), 1); // the new rule

        // Edit credentials.
        QVERIFY(action(w, "editCredentialsAction")->isEnabled());
        action(w, "editCredentialsAction")->trigger();
        UpdateCredentialsDialog* update = nullptr;
        QTRY_VERIFY((update = w.findChild<UpdateCredentialsDialog*>()) != nullptr);
        auto* arnEdit = child<QLineEdit>(update, "credentialArnLineEdit");
        arnEdit->selectAll();
        QTest::keyClicks(arnEdit, kRotatedArn);
        QTest::mouseClick(child<QPushButton>(update, "saveButton"), Qt::LeftButton);
        QTRY_COMPARE(f.harness.service().rules(u"us-east-1"_s).first().credentialArn, kRotatedArn);
        QTRY_COMPARE(w.model().ruleAt(0).credentialArn, kRotatedArn);

        // Verify authentication.
        QTRY_COMPARE(table->selectionModel()->selectedRows().size(), 1);
        action(w, "verifyAction")->trigger();
        auto* bar = child<MessageBar>(&w, "messageBar");
        QTRY_VERIFY(bar->isVisible() && bar->text().contains(u"works"_s));

        // Delete, confirming; the confirmation names the prefix and keeps cached images.
        action(w, "deleteAction")->trigger();
        QTRY_COMPARE(w.model().rowCount(), 0);
        QCOMPARE(f.presenter.confirmations.size(), 1);
        QVERIFY(f.presenter.confirmations.first().contains(u"docker-hub"_s));
        QVERIFY(f.presenter.confirmations.first().contains(u"cached"_s));
        QVERIFY(f.harness.service().rules(u"us-east-1"_s).isEmpty());
        QVERIFY(f.presenter.errors.isEmpty());
    }

    void deleteCanBeDeclined()
    {
        Fixture f;
        QVERIFY(f.harness
                    .wait(f.harness.client().createRule(
                        {u"quay"_s, u"quay.io"_s, {}, u"quay"_s, {}, {}, {}}))
                    .ok());
        f.open();
        MainWindow& w = *f.window;
        QTRY_COMPARE(w.model().rowCount(), 1);
        child<QTableView>(&w, "rulesTableView")->selectRow(0);
        QVERIFY(action(w, "deleteAction")->isEnabled());
        f.presenter.confirmAnswer = false;
        action(w, "deleteAction")->trigger();
        // The user was asked, about this rule, and said no: nothing was sent.
        QTRY_COMPARE(f.presenter.confirmations.size(), 1);
        QVERIFY(f.presenter.confirmations.first().contains(u"quay"_s));
        QTest::qWait(200);
        QCOMPARE(f.harness.service().requestCount(u"DeletePullThroughCacheRule"_s), 0);
        QCOMPARE(w.model().rowCount(), 1);
        QCOMPARE(f.harness.service().rules(u"us-east-1"_s).size(), 1);
        QVERIFY(f.presenter.errors.isEmpty());
    }

    void keyboardOnlyCreate()
    {
        Fixture f;
        f.open();
        MainWindow& w = *f.window;
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));

        QTest::keyClick(&w, Qt::Key_N, Qt::ControlModifier);
        RuleFormDialog* dialog = nullptr;
        QTRY_VERIFY(
            (dialog = qobject_cast<RuleFormDialog*>(QApplication::activeModalWidget())) != nullptr);
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        auto* registry = child<QComboBox>(dialog, "registryComboBox");
        QTRY_COMPARE(QApplication::focusWidget(), registry);
        // Choose Quay with the arrow keys (the list starts at "Choose an upstream registry…").
        while (registry->currentText() != u"Quay"_s
            && registry->currentIndex() < registry->count() - 1)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
        QCOMPARE(registry->currentText(), u"Quay"_s);

        // Tab to the prefix and type our own.
        auto* prefix = child<QLineEdit>(dialog, "prefixLineEdit");
        for (int i = 0; i < 10 && QApplication::focusWidget() != prefix; ++i)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), prefix);
        QTest::keyClick(prefix, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(prefix, u"quay-mirror"_s);
        QTest::keyClick(prefix, Qt::Key_Return); // the default button: Create

        QTRY_COMPARE(w.model().rowCount(), 1);
        QCOMPARE(w.model().ruleAt(0).ecrRepositoryPrefix, u"quay-mirror"_s);
        QCOMPARE(w.model().ruleAt(0).upstreamRegistryUrl, u"quay.io"_s);
        QTRY_VERIFY(QApplication::activeModalWidget() == nullptr);

        // Delete with the keyboard too: Del on the selected row, confirmed by the presenter.
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto* table = child<QTableView>(&w, "rulesTableView");
        table->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), table);
        QTest::keyClick(table, Qt::Key_Delete);
        QTRY_COMPARE(w.model().rowCount(), 0);
    }

    void createFailureKeepsTheDialogOpenWithTheFieldMessage()
    {
        Fixture f;
        f.open();
        MainWindow& w = *f.window;
        action(w, "newRuleAction")->trigger();
        RuleFormDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = w.findChild<RuleFormDialog*>()) != nullptr);
        auto* registry = child<QComboBox>(dialog, "registryComboBox");
        registry->setCurrentIndex(registry->findText(u"Docker Hub"_s));
        const QString missing = secretArn(u"missing-AbCdEf"_s);
        QTest::keyClicks(child<QLineEdit>(dialog, "credentialArnLineEdit"), missing);
        QTest::mouseClick(child<QPushButton>(dialog, "createButton"), Qt::LeftButton);
        auto* message = child<QLabel>(dialog, "credentialArnErrorLabel");
        QTRY_VERIFY(message->isVisible() && !message->text().isEmpty());
        QVERIFY2(message->text().contains(u"try again"_s, Qt::CaseInsensitive),
            qPrintable(message->text()));
        QVERIFY(dialog->isVisible());
        QCOMPARE(child<QLineEdit>(dialog, "credentialArnLineEdit")->text(), missing);
        QCOMPARE(w.model().rowCount(), 0);
        dialog->reject();
    }

    // One test per error family, read through the presenter seam (or the inline bar for
    // recoverable problems).
    void serviceErrorFamily()
    {
        Fixture f;
        QVERIFY(f.harness
                    .wait(f.harness.client().createRule(
                        {u"quay"_s, u"quay.io"_s, {}, u"quay"_s, {}, {}, {}}))
                    .ok());
        f.open();
        MainWindow& w = *f.window;
        QTRY_COMPARE(w.model().rowCount(), 1);
        child<QTableView>(&w, "rulesTableView")->selectRow(0);
        // Someone deletes the rule behind the window's back; then Verify.
        QVERIFY(f.harness.wait(f.harness.client().deleteRule({u"quay"_s, {}})).ok());
        action(w, "verifyAction")->trigger();
        QTRY_COMPARE(f.presenter.errors.size(), 1);
        const ErrorText& text = f.presenter.errors.first();
        QVERIFY2(text.title.contains(u"not found"_s, Qt::CaseInsensitive), qPrintable(text.title));
        QVERIFY(text.details.contains(u"PullThroughCacheRuleNotFoundException"_s));
        QVERIFY(text.details.contains(u"400"_s));
    }

    void networkErrorFamily()
    {
        Fixture f;
        QTcpServer probe; // a port nobody listens on
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        f.profiles.endpointOverride = QUrl(u"http://127.0.0.1:%1"_s.arg(probe.serverPort()));
        probe.close();
        f.window = std::make_unique<MainWindow>(f.profiles, f.sessions, f.presenter);
        f.window->show();
        auto* bar = child<MessageBar>(f.window.get(), "messageBar");
        // A failing refresh is recoverable: an inline bar with Retry, not a modal dialog.
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 15000);
        QVERIFY2(bar->text().contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(bar->text()));
        QVERIFY(f.presenter.errors.isEmpty());
    }

    void tlsErrorFamily()
    {
        // A sandbox serving HTTPS with a self-signed certificate the client does not trust.
        ecr::test::TestDir dir;
        QVERIFY(dir.isValid());
        const QString cert = dir.filePath(u"cert.pem"_s);
        const QString key = dir.filePath(u"key.pem"_s);
        QVERIFY(makeSelfSignedCertificate(cert, key));
        HarnessOptions options;
        options.tlsCertFile = cert;
        options.tlsKeyFile = key;
        Fixture f(options);
        QCOMPARE(f.harness.server().url().scheme(), u"https"_s);
        f.window = std::make_unique<MainWindow>(f.profiles, f.sessions, f.presenter);
        f.window->show();
        auto* bar = child<MessageBar>(f.window.get(), "messageBar");
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 15000);
        QVERIFY2(bar->text().contains(u"secure connection"_s, Qt::CaseInsensitive)
                || bar->text().contains(u"TLS"_s),
            qPrintable(bar->text()));
        QVERIFY(f.presenter.errors.isEmpty());
    }

    void credentialsErrorFamily()
    {
        Fixture f;
        f.profiles.failures.insert(u"sandbox"_s,
            makeError(ErrorKind::Credentials, u"NoCredentials"_s, u"No access key."_s, 0));
        f.window = std::make_unique<MainWindow>(f.profiles, f.sessions, f.presenter);
        f.window->show();
        QTRY_COMPARE(f.presenter.errors.size(), 1);
        const ErrorText& text = f.presenter.errors.first();
        QVERIFY(!text.title.isEmpty() && !text.what.isEmpty() && !text.action.isEmpty());
        QVERIFY2(text.what.contains(u"credential"_s, Qt::CaseInsensitive)
                || text.title.contains(u"credential"_s, Qt::CaseInsensitive),
            qPrintable(text.title + u' ' + text.what));
    }

    void keychainErrorFamily()
    {
        Fixture f;
        f.profiles.failures.insert(
            u"sandbox"_s, makeError(ErrorKind::Credentials, u"KeychainLocked"_s, u"locked"_s, 0));
        f.window = std::make_unique<MainWindow>(f.profiles, f.sessions, f.presenter);
        f.window->show();
        QTRY_COMPARE(f.presenter.errors.size(), 1);
        const ErrorText& text = f.presenter.errors.first();
        QVERIFY2(QString(text.title + text.what).contains(u"locked"_s, Qt::CaseInsensitive),
            qPrintable(text.title + u' ' + text.what));
        QVERIFY2(text.action.contains(u"unlock"_s, Qt::CaseInsensitive), qPrintable(text.action));
    }

    void staleAnswersNeverReachTheTable()
    {
        HarnessOptions slow;
        slow.faults.latencyMs = 800;
        Fixture f(slow);
        QVERIFY(f.harness
                    .wait(f.harness.client().createRule(
                        {u"quay"_s, u"quay.io"_s, {}, u"quay"_s, {}, {}, {}}))
                    .ok());
        f.profiles.entries.append({u"other"_s, u"Other"_s, ProfileEntry::Kind::Keychain,
            u"eu-west-1"_s, u"aws"_s, {}, {}});
        f.window = std::make_unique<MainWindow>(f.profiles, f.sessions, f.presenter);
        f.window->show();
        QTRY_VERIFY(f.window->controller().isBusy()); // loading us-east-1, slowly
        // Switch to the other profile (eu-west-1, no rules) while the first answer is on its way.
        f.window->selectProfile(u"other"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!f.window->controller().isBusy(), 10000);
        QTest::qWait(1000); // the us-east-1 answer has certainly arrived by now
        QCOMPARE(f.window->currentRegion(), u"eu-west-1"_s);
        QCOMPARE(f.window->model().rowCount(), 0);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
