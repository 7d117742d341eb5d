// The main window as an admin's workbench, offscreen against the sandbox over loopback: whom it
// works as, the profile's band in confirmations, the details pane, the column chooser, the Copy
// menu's exact texts, deleting several rules, the quota, the form's checks against the
// registry, the table's states, the filter's keys, and the reasons of disabled actions.
#include "ConfirmDialog.h"
#include "CreateSecretDialog.h"
#include "ElidedLabel.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "RecordingPresenter.h"
#include "RegistryIcons.h"
#include "ReplaceTokenDialog.h"
#include "RuleDetailsPane.h"
#include "RuleFormDialog.h"
#include "RulesController.h"
#include "RulesFilterProxyModel.h"
#include "RulesTableModel.h"
#include "RulesView.h"
#include "SandboxHarness.h"
#include "SecretPickerDialog.h"
#include "SessionFactory.h"
#include "ShortcutsDialog.h"
#include "StsClient.h"
#include "UpdateCredentialsDialog.h"
#include "WidgetLookup.h"
#include "WorkbenchHarness.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCoroTimer>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTcpServer>
#include <QTime>
#include <QToolBar>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

const QString kAccount = u"123456789012"_s;

// The share (0–1) of an icon's outline, drawn at 24 px over `background`, that stands out from
// it: the outline is every opaque pixel next to a transparent one, so a dark shape on a dark
// window scores low however bright its inner text is.
double visibleOutline(const QIcon& icon, const QColor& background)
{
    QImage shape(24, 24, QImage::Format_ARGB32);
    shape.fill(Qt::transparent);
    QPainter painter(&shape);
    icon.paint(&painter, shape.rect());
    painter.end();
    QImage drawn(shape.size(), QImage::Format_ARGB32);
    drawn.fill(background);
    painter.begin(&drawn);
    painter.drawImage(0, 0, shape);
    painter.end();
    const auto opaque = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < shape.width() && y < shape.height()
            && qAlpha(shape.pixel(x, y)) > 128;
    };
    int outline = 0;
    int standsOut = 0;
    for (int y = 0; y < shape.height(); ++y) {
        for (int x = 0; x < shape.width(); ++x) {
            if (!opaque(x, y)
                || (opaque(x - 1, y) && opaque(x + 1, y) && opaque(x, y - 1) && opaque(x, y + 1)))
                continue;
            ++outline;
            if (qAbs(qGray(drawn.pixel(x, y)) - qGray(background.rgb())) > 50)
                ++standsOut;
        }
    }
    return outline == 0 ? 0.0 : double(standsOut) / outline;
}

} // namespace

class TestWorkbench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QSettings().clear(); }

    void identityIsShownPerProfileKind()
    {
        Bench b;
        b.open(u"sandbox"_s);
        auto* identity = child<ElidedLabel>(b.window.get(), u"identityLabel"_s);
        QVERIFY(identity);
        QTRY_VERIFY2(
            identity->fullText().contains(u"Local sandbox"_s), qPrintable(identity->fullText()));
        QVERIFY(identity->fullText().contains(u"Account 123456789012"_s));
        QVERIFY(identity->fullText().contains(u"us-east-1 (aws)"_s));
        QVERIFY(identity->isVisible()); // in the toolbar, not folded away

        // A real identity from STS: the user, for a profile without a known account.
        b.window->selectProfile(u"prod"_s);
        QTRY_VERIFY2(identity->fullText().contains(u"user sandbox-user"_s),
            qPrintable(identity->fullText()));
        QVERIFY(identity->fullText().contains(u"Account 123456789012"_s));
        QCOMPARE(identity->toolTip(),
            identity->fullText() + u"\narn:aws:iam::123456789012:user/sandbox-user"_s);
        // The account from STS fills the registry location the credentials did not know.
        QTRY_COMPARE(b.window->controller().location().accountId, kAccount);
    }

    void theProfileBandShowsAndGoesIntoConfirmations()
    {
        Bench b;
        b.add(rule(u"quay"_s));
        b.add(rule(u"kubernetes"_s, u"registry.k8s.io"_s));
        b.open(u"prod"_s);
        auto* band = child<QLabel>(b.window.get(), u"profileBandLabel"_s);
        QTRY_VERIFY(band->isVisible());
        QTRY_VERIFY2(band->text().startsWith(u"PRODUCTION"_s), qPrintable(band->text()));
        QVERIFY(band->text().contains(u"prod-admin"_s));
        QTRY_VERIFY(band->text().contains(kAccount));
        QCOMPARE(band->palette().color(QPalette::Window), QColor(u"#c62828"_s));

        QTRY_COMPARE(b.window->model().rowCount(), 2);
        b.select({u"kubernetes"_s, u"quay"_s});
        b.presenter.confirmAnswer = false;
        action(*b.window, "deleteAction")->trigger();
        QTRY_COMPARE(b.presenter.asked.size(), 1);
        const Confirmation& asked = b.presenter.asked.first();
        QCOMPARE(asked.bandText, u"PRODUCTION"_s);
        QCOMPARE(asked.bandColor, QColor(u"#c62828"_s));
        QCOMPARE(asked.target, u"Profile prod-admin · account 123456789012 · us-east-1"_s);
        QCOMPARE(asked.items, (QStringList{u"kubernetes"_s, u"quay"_s}));
        QCOMPARE(b.harness.service().requestCount(u"DeletePullThroughCacheRule"_s), 0);

        // A profile without a marker has no band, and its confirmations none either.
        b.window->selectProfile(u"sandbox"_s);
        QTRY_VERIFY(!band->isVisible());
    }

    void detailsPaneShowsEveryFieldInFull()
    {
        Bench b;
        b.add(rule(u"docker-hub"_s, u"registry-1.docker.io"_s, kSecretArn));
        b.open();
        QTRY_COMPARE(b.window->model().rowCount(), 1);
        b.select({u"docker-hub"_s});
        RuleDetailsPane* pane = b.window->rulesView().details();
        using I = RuleDetailsPane::Item;
        QTRY_COMPARE(pane->text(I::Prefix), u"docker-hub"_s);
        QCOMPARE(pane->text(I::Upstream), u"Docker Hub"_s);
        QCOMPARE(pane->text(I::UpstreamUrl), u"registry-1.docker.io"_s);
        QCOMPARE(pane->text(I::CredentialArn), kSecretArn); // the whole ARN, unshortened
        QCOMPARE(pane->text(I::RegistryId), kAccount);
        QCOMPARE(pane->text(I::RepositoryUri),
            u"123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub"_s);
        QCOMPARE(pane->text(I::PullReference),
            u"123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/<image>:<tag>"_s);
        QVERIFY(pane->text(I::Created).contains(u"T"_s)); // the ISO time beside the local one
        QCOMPARE(pane->text(I::CustomRoleArn), u"—"_s);

        // Enter on a row (and double-click: the same signal) moves into the pane.
        b.table()->setFocus();
        QTest::keyClick(b.table(), Qt::Key_Return);
        QTRY_VERIFY(pane->isAncestorOf(QApplication::focusWidget()));
    }

    void columnChoicesAreRemembered()
    {
        {
            Bench b;
            b.add(rule(u"quay"_s));
            b.open();
            QHeaderView* header = b.table()->horizontalHeader();
            QVERIFY(!header->isSectionHidden(RulesTableModel::UpstreamUrl));
            QVERIFY(header->isSectionHidden(RulesTableModel::RegistryId)); // hidden by default
            Q_EMIT header->customContextMenuRequested(QPoint(10, 5));
            QMenu* menu = nullptr;
            QTRY_VERIFY((menu = b.window->findChild<QMenu*>(u"columnsMenu"_s)) != nullptr);
            auto* url = menu->findChild<QAction*>(
                u"column%1Action"_s.arg(int(RulesTableModel::UpstreamUrl)));
            auto* registry = menu->findChild<QAction*>(
                u"column%1Action"_s.arg(int(RulesTableModel::RegistryId)));
            QVERIFY(url && registry && url->isChecked() && !registry->isChecked());
            url->trigger();
            registry->trigger();
            QVERIFY(header->isSectionHidden(RulesTableModel::UpstreamUrl));
            QVERIFY(!header->isSectionHidden(RulesTableModel::RegistryId));
            header->resizeSection(RulesTableModel::Prefix, 222);
            menu->close();
            b.window->close();
        }
        Bench again;
        again.open();
        QHeaderView* header = again.table()->horizontalHeader();
        QVERIFY(header->isSectionHidden(RulesTableModel::UpstreamUrl));
        QVERIFY(!header->isSectionHidden(RulesTableModel::RegistryId));
        QCOMPARE(header->sectionSize(RulesTableModel::Prefix), 222);
        QCOMPARE(again.table()->textElideMode(), Qt::ElideMiddle);
    }

    void hiddenColumnsSurviveAHeaderStateThatDoesNotRestore()
    {
        {
            QSettings settings;
            settings.setValue(u"rules/headerState"_s, QByteArray("not a header state"));
            settings.setValue(u"rules/hiddenColumns"_s,
                QStringList{QString::number(RulesTableModel::UpstreamUrl),
                    QString::number(RulesTableModel::Prefix)});
        }
        Bench b;
        b.open();
        QHeaderView* header = b.table()->horizontalHeader();
        QVERIFY(header->isSectionHidden(RulesTableModel::UpstreamUrl));
        QVERIFY(!header->isSectionHidden(RulesTableModel::RegistryId));
        QVERIFY(!header->isSectionHidden(RulesTableModel::Prefix)); // the prefix always shows
    }

    void defaultColumnsFit1280Pixels()
    {
        Bench b;
        b.open();
        b.window->resize(1280, 720);
        QTest::qWait(50);
        QHeaderView* header = b.table()->horizontalHeader();
        int width = 0;
        for (int column = 0; column < header->count(); ++column) {
            if (!header->isSectionHidden(column)
                && column != header->logicalIndex(header->count() - 1))
                width += header->sectionSize(column);
        }
        QVERIFY2(width < 1280 - 300, qPrintable(QString::number(width))); // room for the pane
    }

    void copyEntriesPasteIntoAShell()
    {
        Bench b;
        b.add(rule(u"docker-hub"_s, u"registry-1.docker.io"_s, kSecretArn));
        b.open();
        QTRY_COMPARE(b.window->model().rowCount(), 1);
        b.select({u"docker-hub"_s});
        QClipboard* clipboard = QGuiApplication::clipboard();

        action(*b.window, "copyRepositoryUriAction")->trigger();
        QCOMPARE(clipboard->text(), u"123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub"_s);
        action(*b.window, "copyCredentialArnAction")->trigger();
        QCOMPARE(clipboard->text(), kSecretArn);
        action(*b.window, "copyPullUrlAction")->trigger();
        QCOMPARE(clipboard->text(),
            u"123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/<image>:<tag>"_s);
        action(*b.window, "copyRuleJsonAction")->trigger();
        const QJsonObject json = QJsonDocument::fromJson(clipboard->text().toUtf8()).object();
        QCOMPARE(json.value(u"ecrRepositoryPrefix").toString(), u"docker-hub"_s);
        QCOMPARE(json.value(u"upstreamRegistryUrl").toString(), u"registry-1.docker.io"_s);
        QCOMPARE(json.value(u"credentialArn").toString(), kSecretArn);
        QCOMPARE(json.value(u"registryId").toString(), kAccount);

        // docker pull for an image the user names: Docker Hub's official images get library/.
        action(*b.window, "copyDockerPullAction")->trigger();
        QInputDialog* ask = nullptr;
        QTRY_VERIFY(
            (ask = b.window->findChild<QInputDialog*>(u"imageInputDialog"_s)) && ask->isVisible());
        QCOMPARE(ask->textValue(), u"library/alpine:3.20"_s); // the form that fits the registry
        ask->setTextValue(u"nginx:1.27"_s);
        ask->accept();
        QTRY_COMPARE(clipboard->text(),
            u"docker pull 123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx:1.27"_s);
        action(*b.window, "copyDockerPullAction")->trigger();
        QTRY_VERIFY(
            (ask = b.window->findChild<QInputDialog*>(u"imageInputDialog"_s)) && ask->isVisible());
        ask->setTextValue(u"bitnami/redis:7"_s);
        ask->accept();
        QTRY_COMPARE(clipboard->text(),
            u"docker pull 123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/bitnami/redis:7"_s);
    }

    void severalRulesAreDeletedWithOneConfirmation()
    {
        Bench b;
        for (const char* prefix : {"a-one", "b-two", "c-three"})
            b.add(rule(QString::fromLatin1(prefix)));
        b.open();
        QTRY_COMPARE(b.window->model().rowCount(), 3);
        b.select({u"a-one"_s, u"c-three"_s});
        action(*b.window, "deleteAction")->trigger();
        QTRY_COMPARE(b.window->model().rowCount(), 1);
        QCOMPARE(b.presenter.asked.size(), 1);
        QCOMPARE(b.presenter.asked.first().items, (QStringList{u"a-one"_s, u"c-three"_s}));
        QCOMPARE(b.window->model().ruleAt(0).ecrRepositoryPrefix, u"b-two"_s);
        auto* bar = child<MessageBar>(b.window.get(), u"messageBar"_s);
        QTRY_VERIFY(bar->isVisible() && bar->text().contains(u"Deleted 2 rules"_s));
        QVERIFY(bar->isNotice()); // a success goes away by itself

        // One of two fails: reported per rule, the other is gone.
        b.add(rule(u"d-four"_s));
        action(*b.window, "refreshAction")->trigger();
        QTRY_COMPARE(b.window->model().rowCount(), 2);
        b.harness.server().queueFaults(u"DeletePullThroughCacheRule"_s,
            {sandbox::SandboxServer::Fault::ServerError, sandbox::SandboxServer::Fault::ServerError,
                sandbox::SandboxServer::Fault::ServerError});
        b.select({u"b-two"_s, u"d-four"_s});
        action(*b.window, "deleteAction")->trigger();
        QTRY_COMPARE(b.presenter.errors.size(), 1);
        const ErrorText& report = b.presenter.errors.first();
        QCOMPARE(report.title, u"Not every rule was deleted"_s);
        QVERIFY2(report.details.contains(u"b-two: Amazon ECR service error"_s),
            qPrintable(report.details));
        QVERIFY(report.details.contains(u"d-four: deleted"_s));
        QTRY_COMPARE(b.window->model().rowCount(), 1);
    }

    void theQuotaIsCountedAndGuarded()
    {
        Bench b;
        for (int i = 0; i < 50; ++i)
            b.add(rule(u"rule-%1"_s.arg(i, 2, 10, QChar(u'0'))));
        b.open();
        QTRY_COMPARE(b.window->model().rowCount(), 50);
        auto* count = child<QLabel>(b.window.get(), u"ruleCountLabel"_s);
        QCOMPARE(count->text(), u"50 of 50 rules"_s);
        QAction* newRule = action(*b.window, "newRuleAction");
        QVERIFY(!newRule->isEnabled());
        QVERIFY2(newRule->toolTip().contains(u"quota"_s), qPrintable(newRule->toolTip()));
        QVERIFY(newRule->statusTip().contains(u"delete a rule first"_s));
        b.select({u"rule-00"_s});
        b.presenter.confirmAnswer = true;
        action(*b.window, "deleteAction")->trigger();
        QTRY_COMPARE(b.window->model().rowCount(), 49);
        QCOMPARE(count->text(), u"49 of 50 rules"_s);
        QVERIFY(newRule->isEnabled());
    }

    void theFormChecksWhatTheWindowKnows()
    {
        Bench b;
        b.add(rule(u"quay"_s));
        b.open();
        QTRY_COMPARE(b.window->model().rowCount(), 1);
        action(*b.window, "newRuleAction")->trigger();
        RuleFormDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = b.window->findChild<RuleFormDialog*>()) != nullptr);
        auto* registry = child<QComboBox>(dialog, u"registryComboBox"_s);
        QVERIFY(chooseText(registry, u"Quay"_s));
        auto* prefix = child<QLineEdit>(dialog, u"prefixLineEdit"_s);
        auto* prefixMessage = child<QLabel>(dialog, u"prefixErrorLabel"_s);
        // The default prefix "quay" is taken: flagged at once.
        QTRY_VERIFY(prefixMessage->isVisible());
        QVERIFY2(prefixMessage->text().contains(u"already has a rule with the prefix quay"_s),
            qPrintable(prefixMessage->text()));
        QVERIFY(!child<QPushButton>(dialog, u"createButton"_s)->isEnabled());
        prefix->selectAll();
        QTest::keyClicks(prefix, u"quay/"_s); // the same rule
        QVERIFY(prefixMessage->isVisible());
        prefix->selectAll();
        QTest::keyClicks(prefix, u"quay-2"_s);
        QTRY_VERIFY(!prefixMessage->isVisible());

        // ROOT says what it catches.
        prefix->selectAll();
        QTest::keyClicks(prefix, u"ROOT"_s);
        QTRY_VERIFY(child<QLabel>(dialog, u"rootHintLabel"_s)->isVisible());
        QVERIFY(
            child<QLabel>(dialog, u"rootHintLabel"_s)->text().contains(u"every repository name"_s));

        // A secret in another region, then in another account.
        QVERIFY(chooseText(registry, u"Docker Hub"_s));
        auto* arn = child<QLineEdit>(dialog, u"credentialArnLineEdit"_s);
        auto* arnMessage = child<QLabel>(dialog, u"credentialArnErrorLabel"_s);
        QTest::keyClicks(arn,
            u"arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/x-AbCdEf"_s);
        QTRY_VERIFY(arnMessage->isVisible());
        QVERIFY2(
            arnMessage->text().contains(u"region eu-west-1"_s), qPrintable(arnMessage->text()));
        arn->selectAll();
        QTest::keyClicks(arn,
            u"arn:aws:secretsmanager:us-east-1:999999999999:secret:ecr-pullthroughcache/x-AbCdEf"_s);
        QTRY_VERIFY(arnMessage->text().contains(u"account 999999999999"_s));

        // An upstream ECR registry in another account needs a role.
        QVERIFY(chooseText(registry, u"Amazon ECR (private)"_s));
        QTest::keyClicks(child<QLineEdit>(dialog, u"ecrAccountLineEdit"_s), u"444455556666"_s);
        auto* roleMessage = child<QLabel>(dialog, u"customRoleArnErrorLabel"_s);
        QTRY_VERIFY(roleMessage->isVisible());
        QVERIFY2(roleMessage->text().contains(u"another account (444455556666)"_s),
            qPrintable(roleMessage->text()));
        QTest::keyClicks(child<QLineEdit>(dialog, u"customRoleArnLineEdit"_s),
            u"arn:aws:iam::123456789012:role/ecr-pull-through-cache"_s);
        QTRY_VERIFY(!roleMessage->isVisible());
        dialog->reject();
    }

    // A Docker Hub rule whose secret is created inside the flow: Create Secret… in the form
    // makes the Secrets Manager secret (the token typed once, masked, then gone from the
    // dialog), fills in its ARN, and the rule is created with it; Choose… lists it afterwards.
    // The sandbox requires the secret to exist, as ECR does.
    void aDockerHubRuleWithItsSecretMadeInTheFlow()
    {
        HarnessOptions options;
        options.sandbox.secretsMustExist = true;
        Bench b(options);
        b.open();
        action(*b.window, "newRuleAction")->trigger();
        RuleFormDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = b.window->findChild<RuleFormDialog*>()) != nullptr);
        QVERIFY(chooseText(child<QComboBox>(dialog, u"registryComboBox"_s), u"Docker Hub"_s));
        auto* arn = child<QLineEdit>(dialog, u"credentialArnLineEdit"_s);
        QTRY_VERIFY(arn->isVisible());
        auto* createSecret = child<QPushButton>(dialog, u"createSecretButton"_s);
        QVERIFY(createSecret->isVisible());
        createSecret->click();
        CreateSecretDialog* secretDialog = nullptr;
        QTRY_VERIFY((secretDialog = dialog->findChild<CreateSecretDialog*>()) != nullptr);
        QTRY_VERIFY(secretDialog->isVisible());
        QVERIFY(child<QLabel>(secretDialog, u"locationLabel"_s)->text().contains(u"us-east-1"_s));
        QCOMPARE(
            child<QLabel>(secretDialog, u"namePrefixLabel"_s)->text(), u"ecr-pullthroughcache/"_s);
        QCOMPARE(child<QLineEdit>(secretDialog, u"nameLineEdit"_s)->text(), u"docker-hub"_s);
        auto* submit = child<QPushButton>(secretDialog, u"createSecretSubmitButton"_s);
        QVERIFY(!submit->isEnabled());
        QTest::keyClicks(child<QLineEdit>(secretDialog, u"usernameLineEdit"_s), u"example-user"_s);
        auto* token = child<QLineEdit>(secretDialog, u"tokenLineEdit"_s);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        const QString typedToken = u"dckr_pat_EXAMPLETOKENSENTINEL-docker-hub"_s;
        QTest::keyClicks(token, typedToken);
        QTRY_VERIFY(submit->isEnabled());
        QTest::mouseClick(submit, Qt::LeftButton);
        QTRY_VERIFY(arn->text().startsWith(
            u"arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-"_s));
        QTRY_VERIFY(!dialog->findChild<CreateSecretDialog*>() || !secretDialog->isVisible());
        const auto* stored = b.harness.service().secretsManager().find(u"us-east-1"_s, arn->text());
        QVERIFY(stored);
        QCOMPARE(stored->secretString,
            u"{\"username\":\"example-user\",\"accessToken\":\"%1\"}"_s.arg(typedToken));

        auto* create = child<QPushButton>(dialog, u"createButton"_s);
        QTRY_VERIFY(create->isEnabled());
        const QString createdArn = arn->text();
        create->click();
        QTRY_VERIFY(b.window->model().rowOfPrefix(u"docker-hub"_s) >= 0);
        const PullThroughCacheRule rule
            = b.window->model().ruleAt(b.window->model().rowOfPrefix(u"docker-hub"_s));
        QCOMPARE(rule.credentialArn, createdArn);
        QVERIFY(b.presenter.errors.isEmpty());

        // The same name again: the service refuses it, the dialog stays with the message under
        // the name, and the token typed for it is gone from the field all the same.
        action(*b.window, "newRuleAction")->trigger();
        RuleFormDialog* second = nullptr;
        QTRY_VERIFY(
            (second = b.window->findChild<RuleFormDialog*>()) != nullptr && second != dialog);
        QVERIFY(chooseText(child<QComboBox>(second, u"registryComboBox"_s), u"Docker Hub"_s));
        child<QPushButton>(second, u"createSecretButton"_s)->click();
        CreateSecretDialog* again = nullptr;
        QTRY_VERIFY((again = second->findChild<CreateSecretDialog*>()) != nullptr);
        QTest::keyClicks(child<QLineEdit>(again, u"usernameLineEdit"_s), u"example-user"_s);
        QTest::keyClicks(child<QLineEdit>(again, u"tokenLineEdit"_s), typedToken);
        QTRY_VERIFY(child<QPushButton>(again, u"createSecretSubmitButton"_s)->isEnabled());
        child<QPushButton>(again, u"createSecretSubmitButton"_s)->click();
        QTRY_VERIFY(child<QLabel>(again, u"nameErrorLabel"_s)->isVisible());
        QVERIFY(child<QLabel>(again, u"nameErrorLabel"_s)->text().contains(u"already exists"_s));
        QVERIFY(again->isVisible());
        QCOMPARE(child<QLineEdit>(again, u"tokenLineEdit"_s)->text(), QString());
        child<QLineEdit>(again, u"tokenLineEdit"_s)->undo(); // Ctrl+Z does not bring it back
        QCOMPARE(child<QLineEdit>(again, u"tokenLineEdit"_s)->text(), QString());
        QCOMPARE(child<QLineEdit>(again, u"tokenLineEdit"_s)->echoMode(), QLineEdit::Password);
        again->reject();
        second->reject();

        // Choose… in the edit-credentials dialog lists it (by name; no value is read).
        b.select({u"docker-hub"_s});
        action(*b.window, "editCredentialsAction")->trigger();
        UpdateCredentialsDialog* edit = nullptr;
        QTRY_VERIFY((edit = b.window->findChild<UpdateCredentialsDialog*>()) != nullptr);
        child<QPushButton>(edit, u"chooseSecretButton"_s)->click();
        SecretPickerDialog* picker = nullptr;
        QTRY_VERIFY((picker = edit->findChild<SecretPickerDialog*>()) != nullptr);
        auto* list = child<QListWidget>(picker, u"secretsList"_s);
        QTRY_COMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->text(), u"ecr-pullthroughcache/docker-hub"_s);
        QCOMPARE(picker->selectedArn(), createdArn); // the rule's own, preselected

        // Replace Token… puts new credentials in it, then verifies every rule that uses it.
        child<QPushButton>(picker, u"replaceTokenButton"_s)->click();
        ReplaceTokenDialog* replace = nullptr;
        QTRY_VERIFY((replace = picker->findChild<ReplaceTokenDialog*>()) != nullptr);
        QTest::keyClicks(child<QLineEdit>(replace, u"usernameLineEdit"_s), u"example-user"_s);
        const QString newToken = u"dckr_pat_EXAMPLETOKENSENTINEL-replaced"_s;
        QTest::keyClicks(child<QLineEdit>(replace, u"tokenLineEdit"_s), newToken);
        QTRY_VERIFY(child<QPushButton>(replace, u"replaceButton"_s)->isEnabled());
        child<QPushButton>(replace, u"replaceButton"_s)->click();
        QTRY_COMPARE(b.presenter.informations.size(), 1);
        QVERIFY2(b.presenter.informations.first().contains(
                     u"docker-hub: the upstream accepts the new credentials"_s),
            qPrintable(b.presenter.informations.first()));
        QVERIFY(!b.presenter.informations.first().contains(u"EXAMPLETOKENSENTINEL"_s));
        QCOMPARE(
            b.harness.service().secretsManager().find(u"us-east-1"_s, createdArn)->secretString,
            u"{\"username\":\"example-user\",\"accessToken\":\"%1\"}"_s.arg(newToken));
        QVERIFY(b.harness.service().requestCount(u"ValidatePullThroughCacheRule"_s) >= 1);
        child<QPushButton>(picker, u"okButton"_s)->click();
        QCOMPARE(child<QLineEdit>(edit, u"credentialArnLineEdit"_s)->text(), createdArn);
        edit->reject();
        // Nothing of the token stayed with the app: not in its settings.
        QSettings settings;
        for (const QString& key : settings.allKeys())
            QVERIFY(!settings.value(key).toString().contains(u"EXAMPLETOKENSENTINEL"_s));
    }

    void theTableSaysWhatStateItIsIn()
    {
        HarnessOptions slow;
        slow.faults.latencyMs = 1500;
        Bench b(slow);
        b.window = std::make_unique<MainWindow>(b.profiles, b.sessions, b.presenter);
        b.window->show();
        b.window->selectProfile(u"sandbox"_s);
        auto* title = child<QLabel>(b.window.get(), u"stateTitleLabel"_s);
        auto* button = child<QPushButton>(b.window.get(), u"stateButton"_s);
        QTRY_COMPARE(title->text(), u"Loading rules…"_s);
        QVERIFY(title->isVisible());
        // Cancelled: never mistaken for an empty registry.
        QTRY_VERIFY(b.window->controller().isBusy());
        QTRY_VERIFY(b.window->controller().session() != nullptr);
        QTest::qWait(100);
        child<QPushButton>(b.window.get(), u"cancelButton"_s)->click();
        QTRY_COMPARE(title->text(), u"Loading was cancelled"_s);
        QVERIFY(button->isVisible());
        QCOMPARE(button->text(), u"&Retry"_s);
        // Retry loads it: an empty registry says so, with New rule.
        button->click();
        QTRY_COMPARE_WITH_TIMEOUT(title->text(), u"No rules yet"_s, 10000);
        QTRY_VERIFY(button->isVisible());
        QCOMPARE(button->text(), u"&New rule…"_s);
        button->click();
        QTRY_VERIFY(b.window->findChild<RuleFormDialog*>() != nullptr);
        b.window->findChild<RuleFormDialog*>()->reject();

        // Failed: the error and Retry.
        Bench broken;
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        broken.profiles.endpoint = QUrl(u"http://127.0.0.1:%1"_s.arg(probe.serverPort()));
        probe.close();
        broken.window
            = std::make_unique<MainWindow>(broken.profiles, broken.sessions, broken.presenter);
        broken.window->show();
        broken.window->selectProfile(u"sandbox"_s);
        auto* failedTitle = child<QLabel>(broken.window.get(), u"stateTitleLabel"_s);
        QTRY_COMPARE_WITH_TIMEOUT(failedTitle->text(), u"The rules could not be loaded"_s, 15000);
        QVERIFY(
            child<QLabel>(broken.window.get(), u"stateTextLabel"_s)->text().contains(u"refused"_s));
        QCOMPARE(child<QPushButton>(broken.window.get(), u"stateButton"_s)->text(), u"&Retry"_s);
    }

    // Cancelling a connection says so (never "Connecting…" for good), and Retry connects again;
    // so does Retry after a failed connection.
    void aCancelledOrFailedConnectionCanBeRetried()
    {
        Bench b;
        b.gated.held = true;
        b.window = std::make_unique<MainWindow>(b.profiles, b.gated, b.presenter);
        b.window->show();
        b.window->selectProfile(u"sandbox"_s);
        auto* title = child<QLabel>(b.window.get(), u"stateTitleLabel"_s);
        auto* text = child<QLabel>(b.window.get(), u"stateTextLabel"_s);
        auto* button = child<QPushButton>(b.window.get(), u"stateButton"_s);
        auto* endpoint = child<QLabel>(b.window.get(), u"endpointLabel"_s);
        QTRY_VERIFY(b.window->controller().isBusy());
        QCOMPARE(endpoint->text(), u"Connecting…"_s);
        child<QPushButton>(b.window.get(), u"cancelButton"_s)->click();
        QTRY_COMPARE(title->text(), u"Loading was cancelled"_s);
        QVERIFY2(text->text().contains(u"Connecting was cancelled"_s), qPrintable(text->text()));
        QVERIFY(!b.window->controller().isBusy());
        QVERIFY(endpoint->text().isEmpty());
        QVERIFY(child<ElidedLabel>(b.window.get(), u"identityLabel"_s)
                    ->fullText()
                    .contains(u"not connected"_s));
        QVERIFY(b.presenter.errors.isEmpty()); // a cancel is no error
        QVERIFY(action(*b.window, "refreshAction")->isEnabled()); // F5 connects again too

        b.gated.held = false;
        b.gated.failNext = true;
        QCOMPARE(button->text(), u"&Retry"_s);
        button->click();
        QTRY_COMPARE(b.gated.opened, 2);
        QTRY_COMPARE(title->text(), u"Not connected"_s);
        QVERIFY(text->text().contains(u"refused"_s));
        QTRY_COMPARE(b.presenter.errors.size(), 1);
        QTRY_VERIFY(button->isVisible());
        button->click(); // Retry again: this time it works
        QTRY_COMPARE(b.gated.opened, 3);
        QTRY_VERIFY(b.window->controller().session() != nullptr);
        QTRY_COMPARE(title->text(), u"No rules yet"_s);
    }

    // Closing a dialog that waits for its request stops that request, not the others in flight.
    void closingADialogCancelsOnlyItsRequest()
    {
        Bench b;
        b.open();
        b.harness.server().setFaults({0, 0, 0, 0, 0, 600, 1});
        QSignalSpy loaded(&b.window->controller(), &RulesController::rulesLoaded);
        action(*b.window, "refreshAction")->trigger();
        QTRY_VERIFY(b.window->controller().isBusy());
        action(*b.window, "newRuleAction")->trigger();
        RuleFormDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = b.window->findChild<RuleFormDialog*>()) != nullptr);
        auto* registry = child<QComboBox>(dialog, u"registryComboBox"_s);
        QVERIFY(chooseText(registry, u"Quay"_s));
        QTRY_VERIFY(child<QPushButton>(dialog, u"createButton"_s)->isEnabled());
        child<QPushButton>(dialog, u"createButton"_s)->click();
        QTest::qWait(100);
        dialog->reject(); // while Create waits
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 5000); // the refresh went on
        QTRY_VERIFY(!b.window->controller().isBusy());
        QCOMPARE(b.window->model().rowCount(), 0);
        QVERIFY(b.presenter.errors.isEmpty());
    }

    // A window destroyed while its requests are in flight says nothing more to anyone.
    void destroyingTheWindowMidRequestIsQuiet()
    {
        Bench b;
        b.open();
        b.harness.server().setFaults({0, 0, 0, 0, 0, 2000, 1});
        action(*b.window, "refreshAction")->trigger();
        QTRY_VERIFY(b.window->controller().isBusy());
        QTest::qWait(50);
        b.window.reset();
        QTest::qWait(50);
        QVERIFY(b.presenter.errors.isEmpty());
    }

    void filterKeys()
    {
        Bench b;
        b.add(rule(u"quay"_s));
        b.add(rule(u"kubernetes"_s, u"registry.k8s.io"_s));
        b.open();
        QTRY_COMPARE(b.window->model().rowCount(), 2);
        b.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(b.window.get()));
        QTest::keyClick(b.window.get(), Qt::Key_F, Qt::ControlModifier);
        QLineEdit* filter = b.window->rulesView().filterEdit();
        QTRY_COMPARE(QApplication::focusWidget(), filter);
        QTest::keyClicks(filter, u"kube"_s);
        QCOMPARE(b.window->rulesView().proxy()->rowCount(), 1);
        QTest::keyClick(filter, Qt::Key_Down);
        QTRY_COMPARE(QApplication::focusWidget(), b.table());
        QCOMPARE(b.window->rulesView().currentRule()->ecrRepositoryPrefix, u"kubernetes"_s);
        QTest::keyClick(b.window.get(), Qt::Key_F, Qt::ControlModifier); // back to the filter
        QTRY_COMPARE(QApplication::focusWidget(), filter);
        QTest::keyClick(filter, Qt::Key_Escape);
        QCOMPARE(filter->text(), QString());
        QCOMPARE(b.window->rulesView().proxy()->rowCount(), 2);
        QTest::keyClicks(filter, u"quay"_s);
        QTest::keyClick(filter, Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), b.table());
    }

    void disabledActionsSayWhy()
    {
        Bench b;
        b.add(rule(u"quay"_s));
        b.open();
        QTRY_COMPARE(b.window->model().rowCount(), 1);
        QAction* edit = action(*b.window, "editCredentialsAction");
        QAction* verify = action(*b.window, "verifyAction");
        QVERIFY(!verify->isEnabled());
        QVERIFY2(
            verify->toolTip().contains(u"Select a rule first"_s), qPrintable(verify->toolTip()));
        b.select({u"quay"_s});
        QVERIFY(verify->isEnabled());
        QVERIFY(!verify->toolTip().contains(u"Select"_s));
        QVERIFY(!edit->isEnabled());
        QVERIFY2(
            edit->toolTip().contains(u"Quay needs no credentials"_s), qPrintable(edit->toolTip()));
        QVERIFY(!action(*b.window, "copyCredentialArnAction")->isEnabled());
        QVERIFY(action(*b.window, "copyCredentialArnAction")
                    ->statusTip()
                    .contains(u"no credential ARN"_s));
    }

    void keyboardShortcutsAreListed()
    {
        Bench b;
        b.open();
        action(*b.window, "shortcutsAction")->trigger();
        ShortcutsDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = b.window->findChild<ShortcutsDialog*>()) && dialog->isVisible());
        const QStringList rows = dialog->rows();
        int withShortcut = 0;
        for (const QAction* a : b.window->findChildren<QAction*>()) {
            if (a->shortcut().isEmpty())
                continue;
            ++withShortcut;
            QString text = a->text();
            text.remove(u'&');
            text.remove(u'…');
            const QString row = text + u'|' + a->shortcut().toString(QKeySequence::NativeText);
            QVERIFY2(rows.contains(row), qPrintable(row));
        }
        QVERIFY(withShortcut >= 8);
        QVERIFY(rows.contains(u"New rule|Ctrl+N"_s));
        QVERIFY(rows.contains(u"Refresh|F5"_s));
        QVERIFY(rows.contains(u"Show or hide the text of a secret field|Ctrl+H"_s));
        dialog->reject();
    }

    // The first window fits the screen; at 800×600 the Region selector and the identity stay in
    // the toolbar, and every toolbar action is also in a menu.
    void theWindowFitsSmallScreens()
    {
        Bench b;
        b.open();
        const QRect available = b.window->screen()->availableGeometry();
        QVERIFY(available.contains(b.window->frameGeometry()));
        b.window->resize(800, 600);
        QTRY_COMPARE(b.window->width(), 800);
        QTest::qWait(50);
        auto* region = child<QComboBox>(b.window.get(), u"regionComboBox"_s);
        auto* profile = child<QComboBox>(b.window.get(), u"profileComboBox"_s);
        auto* identity = child<ElidedLabel>(b.window.get(), u"identityLabel"_s);
        QVERIFY(region->isVisible() && profile->isVisible() && identity->isVisible());
        QVERIFY(identity->width() > 40);
        QVERIFY(
            b.window->rect().contains(region->mapTo(b.window.get(), region->rect().bottomRight())));
        QSet<QAction*> inMenus;
        for (QAction* top : b.window->menuBar()->actions()) {
            if (QMenu* menu = top->menu()) {
                for (QAction* a : menu->actions()) {
                    inMenus.insert(a);
                    if (a->menu())
                        inMenus.insert(a);
                }
            }
        }
        auto* toolBar = child<QToolBar>(b.window.get(), u"mainToolBar"_s);
        for (QAction* a : toolBar->actions()) {
            if (a->isSeparator())
                continue;
            QVERIFY2(inMenus.contains(a), qPrintable(a->text()));
            QVERIFY2(!a->icon().isNull(), qPrintable(a->text())); // icons, bundled if need be
        }
    }

    // Every toolbar icon and every registry icon reads on a dark window as on a light one.
    void iconsStayVisibleInADarkPalette()
    {
        Bench b;
        b.open();
        QList<std::pair<QString, QIcon>> icons;
        for (QAction* a : child<QToolBar>(b.window.get(), u"mainToolBar"_s)->actions()) {
            if (!a->isSeparator())
                icons.append({a->text(), a->icon()});
        }
        for (int r = 0; r <= int(UpstreamRegistry::Ecr); ++r) {
            const auto registry = static_cast<UpstreamRegistry>(r);
            icons.append({registryDisplayName(registry), registryIcon(registry)});
        }
        QVERIFY(icons.size() >= 15);
        for (const auto& [name, icon] : icons) {
            QVERIFY2(!icon.isNull(), qPrintable(name));
            const double onDark = visibleOutline(icon, QColor(0x1e, 0x1e, 0x1e));
            const double onLight = visibleOutline(icon, QColor(0xf5, 0xf5, 0xf5));
            QVERIFY2(onDark >= 0.6, qPrintable(u"%1 on dark: %2"_s.arg(name).arg(onDark)));
            QVERIFY2(onLight >= 0.6, qPrintable(u"%1 on light: %2"_s.arg(name).arg(onLight)));
        }
    }

    void successesGoAwayFailuresStay()
    {
        Bench b;
        b.add(rule(u"docker-hub"_s, u"registry-1.docker.io"_s, kSecretArn));
        b.open();
        QTRY_COMPARE(b.window->model().rowCount(), 1);
        b.select({u"docker-hub"_s});
        auto* bar = child<MessageBar>(b.window.get(), u"messageBar"_s);
        action(*b.window, "verifyAction")->trigger();
        QTRY_VERIFY(bar->isVisible() && bar->text().contains(u"works"_s));
        QVERIFY(bar->isNotice());
        // The next action clears it at once; F5 shows that it ran, even within the same minute.
        b.window->statusBar()->clearMessage();
        auto* refreshed = child<QLabel>(b.window.get(), u"lastRefreshedLabel"_s);
        refreshed->clear();
        const QString before = u"Last refreshed "_s + QTime::currentTime().toString(u"HH:mm"_s);
        QTest::keyClick(b.window.get(), Qt::Key_F5);
        QVERIFY(!bar->isVisible());
        QTRY_VERIFY(b.window->statusBar()->currentMessage().startsWith(u"Loaded 1 rule"_s));
        const QString after = u"Last refreshed "_s + QTime::currentTime().toString(u"HH:mm"_s);
        QVERIFY2(refreshed->text() == before || refreshed->text() == after,
            qPrintable(refreshed->text())); // (the minute may turn meanwhile)
        // A refresh that fails stays until dismissed.
        b.harness.server().setFaults({0, 1.0, 0, 0, 0, 0, 1});
        action(*b.window, "refreshAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible() && bar->type() == MessageBar::Type::Error, 10000);
        QVERIFY(!bar->isNotice());
        // "Last refreshed" says when the last good load was.
        QVERIFY(child<QLabel>(b.window.get(), u"lastRefreshedLabel"_s)
                    ->text()
                    .startsWith(u"Last refreshed "_s));
    }
};

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
