// Check, offscreen against the sandbox: from the rule form before Create and for an existing
// rule; the findings as the dialog lists them, and the registry-policy fix shown line by line,
// applied after confirmation, and checked again.
#include "PreflightDialog.h"
#include "RuleFormDialog.h"
#include "WidgetLookup.h"
#include "WorkbenchHarness.h"

#include <QLabel>
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
        check->reject();
    }
};

QTEST_MAIN(TestCheckDialog)
#include "tst_checkdialog.moc"
