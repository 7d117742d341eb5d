// Check, offscreen against the sandbox: from the rule form before Create and for an existing
// rule; the findings as the dialog lists them, and the fixes: the registry policy shown line by
// line and applied after confirmation, a missing secret created from the check, the template
// pitfall fixed in the template editor, a rule's credential replaced — each checked again.
#include "CreateSecretDialog.h"
#include "PreflightDialog.h"
#include "RuleFormDialog.h"
#include "TemplateEditDialog.h"
#include "TemplatesDialog.h"
#include "UpdateCredentialsDialog.h"
#include "WidgetLookup.h"
#include "WorkbenchHarness.h"

#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTreeWidget>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

QString resultOf(QTreeWidget* list, const QString& id)
{
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->data(0, Qt::UserRole).toString() == id)
            return list->topLevelItem(i)->text(0);
    }
    return u"<none>"_s;
}

// Makes the finding the current one, as a click in the list does; the Fix button follows it.
void selectFinding(QTreeWidget* list, const QString& id)
{
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->data(0, Qt::UserRole).toString() == id)
            list->setCurrentItem(list->topLevelItem(i));
    }
}

} // namespace

class TestCheckDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QSettings().clear(); }

    void checkBeforeCreateAndFixThePolicy()
    {
        Bench b;
        b.open();
        action(*b.window, "newRuleAction")->trigger();
        RuleFormDialog* form = nullptr;
        QTRY_VERIFY((form = b.window->findChild<RuleFormDialog*>()) != nullptr);
        QVERIFY(chooseText(child<QComboBox>(form, u"registryComboBox"_s), u"Quay"_s));
        child<QPushButton>(form, u"checkButton"_s)->click();
        PreflightDialog* check = nullptr;
        QTRY_VERIFY((check = form->findChild<PreflightDialog*>()) != nullptr);
        QTRY_VERIFY(check->list()->topLevelItemCount() > 0);
        QCOMPARE(resultOf(check->list(), u"prefix"_s), u"✓ Passed"_s);
        QCOMPARE(resultOf(check->list(), u"region"_s), u"✓ Passed"_s);
        QCOMPARE(resultOf(check->list(), u"registry-policy"_s), u"⚠ Warning"_s);
        QVERIFY(child<QLabel>(check, u"summaryLabel"_s)->text().contains(u"warning"_s));
        auto* fix = child<QPushButton>(check, u"fixButton"_s);
        QVERIFY(fix->isEnabled()); // the fixable finding is selected
        fix->click();
        QTRY_COMPARE(resultOf(check->list(), u"registry-policy"_s), u"✓ Passed"_s);
        QCOMPARE(b.presenter.asked.size(), 1);
        const QStringList added = b.presenter.asked.first().items;
        QVERIFY2(added.join(u'\n').contains(u"repository/quay/*"_s), qPrintable(added.join(u'\n')));
        for (const QString& line : added)
            QVERIFY(line.startsWith(u"+ "_s));
        QVERIFY(added.join(u'\n').contains(u"\"Effect\": \"Allow\""_s)); // the whole statement
        const std::optional<QString> policy
            = b.harness.service().registry().registryPolicy(u"us-east-1"_s);
        QVERIFY(policy && policy->contains(u"ecr:BatchImportUpstreamImage"_s));
        check->reject();
        // Nothing was created by checking.
        QCOMPARE(b.harness.service().requestCount(u"CreatePullThroughCacheRule"_s), 0);
        form->reject();
    }

    void checkAnExistingRule()
    {
        Bench b;
        b.add(rule(u"docker-hub"_s, u"registry-1.docker.io"_s, secretArn(u"docker-hub-AbCdEf"_s)));
        b.open();
        QTRY_COMPARE(b.window->model().rowCount(), 1);
        b.select({u"docker-hub"_s});
        QAction* checkAction = action(*b.window, "checkAction");
        QTRY_VERIFY(checkAction->isEnabled());
        checkAction->trigger();
        PreflightDialog* check = nullptr;
        QTRY_VERIFY((check = b.window->findChild<PreflightDialog*>()) != nullptr);
        QTRY_VERIFY(check->list()->topLevelItemCount() > 0);
        QCOMPARE(resultOf(check->list(), u"prefix"_s), u"✓ Passed"_s); // it is the rule itself
        QCOMPARE(resultOf(check->list(), u"secret"_s), u"✗ Failed"_s);
        QCOMPARE(resultOf(check->list(), u"docker-library"_s), u"✓ Passed"_s);
        QVERIFY(child<QLabel>(check, u"summaryLabel"_s)->text().contains(u"failed"_s));

        // The fix: Edit Credentials over the check; a new secret saved into the rule, and the
        // check runs again by itself.
        selectFinding(check->list(), u"secret"_s);
        auto* fix = child<QPushButton>(check, u"fixButton"_s);
        QVERIFY(fix->isEnabled());
        QVERIFY(fix->text().contains(u"Edit Credentials"_s));
        fix->click();
        UpdateCredentialsDialog* edit = nullptr;
        QTRY_VERIFY((edit = check->findChild<UpdateCredentialsDialog*>()) != nullptr);
        QTRY_VERIFY(edit->isVisible());
        child<QPushButton>(edit, u"createSecretButton"_s)->click();
        CreateSecretDialog* secret = nullptr;
        QTRY_VERIFY((secret = edit->findChild<CreateSecretDialog*>()) != nullptr);
        QTest::keyClicks(child<QLineEdit>(secret, u"usernameLineEdit"_s), u"example-user"_s);
        QTest::keyClicks(
            child<QLineEdit>(secret, u"tokenLineEdit"_s), u"dckr_pat_EXAMPLETOKENSENTINEL-fix"_s);
        QTRY_VERIFY(child<QPushButton>(secret, u"createSecretSubmitButton"_s)->isEnabled());
        child<QPushButton>(secret, u"createSecretSubmitButton"_s)->click();
        auto* arn = child<QLineEdit>(edit, u"credentialArnLineEdit"_s);
        QTRY_VERIFY(arn->text().contains(u"secret:ecr-pullthroughcache/docker-hub-"_s)
            && !arn->text().endsWith(u"-AbCdEf"_s));
        const QString created = arn->text();
        auto* save = child<QPushButton>(edit, u"saveButton"_s);
        QTRY_VERIFY(save->isEnabled());
        save->click();
        QTRY_COMPARE(b.harness.service().requestCount(u"UpdatePullThroughCacheRule"_s), 1);
        QTRY_COMPARE(check->rule().credentialArn, created);
        QTRY_COMPARE(resultOf(check->list(), u"secret"_s), u"✓ Passed"_s);
        check->reject();
    }

    // Before Create, with no secret yet: Create Secret… from the check puts the new ARN in the
    // form, and the check passes it.
    void createTheMissingSecretFromTheCheck()
    {
        Bench b;
        b.open();
        action(*b.window, "newRuleAction")->trigger();
        RuleFormDialog* form = nullptr;
        QTRY_VERIFY((form = b.window->findChild<RuleFormDialog*>()) != nullptr);
        QVERIFY(chooseText(child<QComboBox>(form, u"registryComboBox"_s), u"Docker Hub"_s));
        child<QPushButton>(form, u"checkButton"_s)->click();
        PreflightDialog* check = nullptr;
        QTRY_VERIFY((check = form->findChild<PreflightDialog*>()) != nullptr);
        QTRY_COMPARE(resultOf(check->list(), u"secret"_s), u"✗ Failed"_s);
        selectFinding(check->list(), u"secret"_s);
        auto* fix = child<QPushButton>(check, u"fixButton"_s);
        QVERIFY(fix->text().contains(u"Create Secret"_s));
        fix->click();
        CreateSecretDialog* secret = nullptr;
        QTRY_VERIFY((secret = check->findChild<CreateSecretDialog*>()) != nullptr);
        QTRY_VERIFY(secret->isVisible());
        QTest::keyClicks(child<QLineEdit>(secret, u"nameLineEdit"_s), u"docker-hub"_s);
        QTest::keyClicks(child<QLineEdit>(secret, u"usernameLineEdit"_s), u"example-user"_s);
        QTest::keyClicks(
            child<QLineEdit>(secret, u"tokenLineEdit"_s), u"dckr_pat_EXAMPLETOKENSENTINEL-chk"_s);
        QTRY_VERIFY(child<QPushButton>(secret, u"createSecretSubmitButton"_s)->isEnabled());
        child<QPushButton>(secret, u"createSecretSubmitButton"_s)->click();
        auto* arn = child<QLineEdit>(form, u"credentialArnLineEdit"_s);
        QTRY_VERIFY(arn->text().contains(u"secret:ecr-pullthroughcache/docker-hub-"_s));
        QTRY_COMPARE(resultOf(check->list(), u"secret"_s), u"✓ Passed"_s);
        QCOMPARE(check->rule().credentialArn, arn->text());
        QCOMPARE(b.harness.service().requestCount(u"CreatePullThroughCacheRule"_s), 0);
        check->reject();
        form->reject();
    }

    // The known pitfall (a template with tags but no role) fixed in the template editor that
    // the check opens; saving checks again.
    void fixTheTemplatePitfall()
    {
        Bench b;
        b.add(rule(u"quay"_s));
        RepositoryCreationTemplate root;
        root.prefix = u"ROOT"_s;
        root.appliedFor = {u"PULL_THROUGH_CACHE"_s};
        root.resourceTags = {{u"team"_s, u"platform"_s}};
        QVERIFY(b.harness.service()
                    .registry()
                    .handle(u"us-east-1"_s, u"CreateRepositoryCreationTemplate"_s, root.toJson(),
                        QDateTime::currentDateTimeUtc())
                    .ok());
        b.open();
        QTRY_COMPARE(b.window->model().rowCount(), 1);
        b.select({u"quay"_s});
        QAction* checkAction = action(*b.window, "checkAction");
        QTRY_VERIFY(checkAction->isEnabled());
        checkAction->trigger();
        PreflightDialog* check = nullptr;
        QTRY_VERIFY((check = b.window->findChild<PreflightDialog*>()) != nullptr);
        QTRY_COMPARE(resultOf(check->list(), u"template"_s), u"✗ Failed"_s);
        selectFinding(check->list(), u"template"_s);
        auto* fix = child<QPushButton>(check, u"fixButton"_s);
        QVERIFY(fix->text().contains(u"Edit Template"_s));
        fix->click();
        TemplateEditDialog* edit = nullptr;
        QTRY_VERIFY((edit = check->findChild<TemplateEditDialog*>()) != nullptr);
        QTRY_VERIFY(edit->isVisible());
        QVERIFY(edit->isEditing());
        QCOMPARE(child<QLineEdit>(edit, u"prefixLineEdit"_s)->text(), u"ROOT"_s);
        QTest::keyClicks(child<QLineEdit>(edit, u"customRoleLineEdit"_s),
            u"arn:aws:iam::123456789012:role/ecr-template"_s);
        auto* save = child<QPushButton>(edit, u"saveTemplateButton"_s);
        QTRY_VERIFY(save->isEnabled());
        save->click();
        QTRY_COMPARE(resultOf(check->list(), u"template"_s), u"✓ Passed"_s);
        const QList<RepositoryCreationTemplate> stored
            = b.harness.service().registry().templates(u"us-east-1"_s);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().customRoleArn, u"arn:aws:iam::123456789012:role/ecr-template"_s);
        check->reject();
    }
};

QTEST_MAIN(TestCheckDialog)
#include "tst_checkdialog.moc"
