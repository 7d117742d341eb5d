// Repository creation templates in the window, offscreen against the sandbox over loopback: the
// rules table shows the template each rule's repositories get (ROOT included); Repository ›
// Templates creates (with each field's invalid input refused under that field), edits and
// deletes them, and the table follows.
#include "CopyDialog.h"
#include "EcrRegistryClient.h"
#include "ExportDialog.h"
#include "RegistryPicker.h"
#include "RuleFormDialog.h"
#include "RulesTableModel.h"
#include "TemplateEditDialog.h"
#include "TemplatesDialog.h"
#include "WidgetLookup.h"
#include "WorkbenchHarness.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTableWidget>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

QString templateOf(Bench& b, const QString& prefix)
{
    const int row = b.window->model().rowOfPrefix(prefix);
    return row < 0 ? u"<no rule>"_s
                   : b.window->model().index(row, RulesTableModel::Template).data().toString();
}

RepositoryCreationTemplate ptcTemplate(const QString& prefix)
{
    RepositoryCreationTemplate t;
    t.prefix = prefix;
    t.appliedFor = {u"PULL_THROUGH_CACHE"_s};
    return t;
}

} // namespace

class TestTemplates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QSettings().clear(); }

    void theTableShowsEachRulesTemplate()
    {
        Bench b;
        b.add(rule(u"docker-hub"_s, u"registry-1.docker.io"_s, secretArn(u"docker-hub-AbCdEf"_s)));
        b.add(rule(u"quay"_s));
        EcrRegistryClient registry(b.harness.transport());
        QVERIFY(b.harness.wait(registry.createTemplate(ptcTemplate(u"docker-hub"_s))).ok());
        b.open();
        QTRY_COMPARE(templateOf(b, u"quay"_s), u"None"_s);
        QCOMPARE(templateOf(b, u"docker-hub"_s), u"docker-hub"_s);
        QVERIFY(b.window->model()
                    .headerData(RulesTableModel::Template, Qt::Horizontal)
                    .toString()
                    .contains(u"Template"_s));
        // A ROOT template covers the rest.
        QVERIFY(b.harness.wait(registry.createTemplate(ptcTemplate(u"ROOT"_s))).ok());
        action(*b.window, "refreshAction")->trigger();
        QTRY_COMPARE(templateOf(b, u"quay"_s), u"ROOT"_s);
        QCOMPARE(templateOf(b, u"docker-hub"_s), u"docker-hub"_s);
        const int quay = b.window->model().rowOfPrefix(u"quay"_s);
        QVERIFY(b.window->model()
                    .index(quay, RulesTableModel::Template)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"Encryption: AES256"_s));
    }

    // The create-rule flow can go on to the rule's template: the editor opens with its prefix.
    void aTemplateRightAfterTheRule()
    {
        Bench b;
        b.open();
        action(*b.window, "newRuleAction")->trigger();
        RuleFormDialog* form = nullptr;
        QTRY_VERIFY((form = b.window->findChild<RuleFormDialog*>()) != nullptr);
        QVERIFY(chooseText(child<QComboBox>(form, u"registryComboBox"_s), u"Quay"_s));
        child<QCheckBox>(form, u"createTemplateCheckBox"_s)->setChecked(true);
        QTRY_VERIFY(child<QPushButton>(form, u"createButton"_s)->isEnabled());
        child<QPushButton>(form, u"createButton"_s)->click();
        TemplateEditDialog* edit = nullptr;
        QTRY_VERIFY((edit = b.window->findChild<TemplateEditDialog*>()) != nullptr);
        QCOMPARE(child<QLineEdit>(edit, u"prefixLineEdit"_s)->text(), u"quay"_s);
        QVERIFY(child<QCheckBox>(edit, u"pullThroughCacheCheckBox"_s)->isChecked());
        QTRY_VERIFY(child<QPushButton>(edit, u"saveTemplateButton"_s)->isEnabled());
        child<QPushButton>(edit, u"saveTemplateButton"_s)->click();
        QTRY_COMPARE(templateOf(b, u"quay"_s), u"quay"_s);
        QCOMPARE(b.harness.service().registry().templates(u"us-east-1"_s).size(), 1);
    }

    // Rules › Export as code: the selected rules and the templates their repositories get.
    void exportTheSelectedRulesWithTheirTemplates()
    {
        Bench b;
        b.add(rule(u"quay"_s));
        b.add(rule(u"k8s"_s, u"registry.k8s.io"_s));
        EcrRegistryClient registry(b.harness.transport());
        QVERIFY(b.harness.wait(registry.createTemplate(ptcTemplate(u"ROOT"_s))).ok());
        b.open();
        QTRY_COMPARE(templateOf(b, u"quay"_s), u"ROOT"_s);
        b.select({u"quay"_s, u"k8s"_s});
        QAction* exportAction = action(*b.window, "exportAction");
        QTRY_VERIFY(exportAction->isEnabled());
        exportAction->trigger();
        ExportDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = b.window->findChild<ExportDialog*>()) != nullptr);
        const QString cli = dialog->currentText();
        QVERIFY(cli.contains(u"--ecr-repository-prefix quay"_s));
        QVERIFY(cli.contains(u"--ecr-repository-prefix k8s"_s));
        QCOMPARE(cli.count(u"create-repository-creation-template"_s), 1); // ROOT, once
        dialog->tabs()->setCurrentIndex(1);
        QVERIFY(dialog->currentText().contains(
            u"resource \"aws_ecr_repository_creation_template\" \"root\""_s));
        dialog->tabs()->setCurrentIndex(2);
        QVERIFY(dialog->currentText().contains(u"\"AWS::ECR::PullThroughCacheRule\""_s));
        dialog->reject();
    }

    // Copy to other registries, for rules with their templates and for one template from the
    // templates dialog: the copy dialog opens with what was chosen; copied into another region
    // of the sandbox, the template is created there.
    void copyTemplatesToAnotherRegion()
    {
        Bench b;
        b.add(rule(u"quay"_s));
        EcrRegistryClient registry(b.harness.transport());
        QVERIFY(b.harness.wait(registry.createTemplate(ptcTemplate(u"quay"_s))).ok());
        b.open();
        QTRY_COMPARE(templateOf(b, u"quay"_s), u"quay"_s);
        b.select({u"quay"_s});
        QAction* copy = action(*b.window, "copyToRegistriesAction");
        QTRY_VERIFY(copy->isEnabled());
        copy->trigger();
        CopyDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = b.window->findChild<CopyDialog*>()) != nullptr);
        QVERIFY(dialog->picker()->setProfileChecked(u"sandbox"_s, false));
        QVERIFY(dialog->picker()->setRegionChecked(u"eu-west-1"_s));
        dialog->previewButton()->click();
        QTRY_VERIFY(!dialog->isBusy() && dialog->destinations().size() == 1);
        QCOMPARE(dialog->destinations().first().templates.size(), 1);
        QCOMPARE(dialog->destinations().first().rules.size(), 1);
        dialog->applyButton()->click();
        QTRY_VERIFY(!dialog->isBusy() && dialog->destinations().first().applied);
        QCOMPARE(b.harness.service().registry().templates(u"eu-west-1"_s).size(), 1);
        QCOMPARE(b.harness.service().rules(u"eu-west-1"_s).size(), 1);
        dialog->reject();

        // From the templates dialog: one template, no rule.
        action(*b.window, "templatesAction")->trigger();
        TemplatesDialog* templates = nullptr;
        QTRY_VERIFY((templates = b.window->findChild<TemplatesDialog*>()) != nullptr);
        QTRY_COMPARE(templates->table()->rowCount(), 1);
        templates->table()->selectRow(0);
        auto* copyButton = child<QPushButton>(templates, u"copyTemplateButton"_s);
        QTRY_VERIFY(copyButton->isEnabled());
        copyButton->click();
        CopyDialog* fromTemplates = nullptr;
        QTRY_VERIFY((fromTemplates = templates->findChild<CopyDialog*>()) != nullptr);
        QVERIFY(fromTemplates->picker()->setProfileChecked(u"sandbox"_s, false));
        QVERIFY(fromTemplates->picker()->setRegionChecked(u"eu-west-2"_s));
        fromTemplates->previewButton()->click();
        QTRY_VERIFY(!fromTemplates->isBusy() && fromTemplates->destinations().size() == 1);
        QCOMPARE(fromTemplates->destinations().first().rules.size(), 0);
        QCOMPARE(fromTemplates->destinations().first().templates.first().action,
            CopyPlanItem::Action::Create);
        fromTemplates->applyButton()->click();
        QTRY_VERIFY(!fromTemplates->isBusy() && fromTemplates->destinations().first().applied);
        QCOMPARE(b.harness.service().registry().templates(u"eu-west-2"_s).size(), 1);
        QCOMPARE(b.harness.service().rules(u"eu-west-2"_s).size(), 0);
    }

    void createEditAndDeleteInTheDialog()
    {
        Bench b;
        b.add(rule(u"quay"_s));
        b.add(rule(u"k8s"_s, u"registry.k8s.io"_s));
        b.open();
        QTRY_COMPARE(templateOf(b, u"quay"_s), u"None"_s);
        action(*b.window, "templatesAction")->trigger();
        TemplatesDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = b.window->findChild<TemplatesDialog*>()) != nullptr);
        QTRY_VERIFY(child<QLabel>(dialog, u"statusLabel"_s)->text().contains(u"No templates"_s));

        child<QPushButton>(dialog, u"newTemplateButton"_s)->click();
        TemplateEditDialog* edit = nullptr;
        QTRY_VERIFY((edit = dialog->findChild<TemplateEditDialog*>()) != nullptr);
        auto* save = child<QPushButton>(edit, u"saveTemplateButton"_s);
        auto* prefix = child<QLineEdit>(edit, u"prefixLineEdit"_s);
        auto message = [&](const QString& name) {
            return child<QLabel>(edit, name)->text();
        };

        QVERIFY(!save->isEnabled()); // an empty prefix
        // A new draft opens without complaints: nothing was typed yet.
        QCOMPARE(message(u"prefixErrorLabel"_s), QString());
        // Each field's invalid input, refused under that field.
        QTest::keyClicks(prefix, u"Bad Prefix"_s);
        QVERIFY(message(u"prefixErrorLabel"_s).contains(u"lower-case"_s));
        QVERIFY(!save->isEnabled());
        prefix->setText(u"quay"_s);
        QCOMPARE(message(u"prefixErrorLabel"_s), QString());
        child<QLineEdit>(edit, u"descriptionLineEdit"_s)->setText(QString(257, u'd'));
        QVERIFY(message(u"descriptionErrorLabel"_s).contains(u"256"_s));
        child<QLineEdit>(edit, u"descriptionLineEdit"_s)->setText(u"Quay cache"_s);
        child<QCheckBox>(edit, u"pullThroughCacheCheckBox"_s)->setChecked(false);
        QVERIFY(message(u"appliedForErrorLabel"_s).contains(u"applies to"_s));
        child<QCheckBox>(edit, u"pullThroughCacheCheckBox"_s)->setChecked(true);
        auto* encryption = child<QComboBox>(edit, u"encryptionComboBox"_s);
        auto* kms = child<QLineEdit>(edit, u"kmsKeyLineEdit"_s);
        QVERIFY(!kms->isEnabled()); // AES-256 takes no key
        encryption->setCurrentIndex(encryption->findData(u"KMS"_s));
        QVERIFY(kms->isEnabled());
        kms->setText(u"not-an-arn"_s);
        QVERIFY(message(u"kmsKeyErrorLabel"_s).contains(u"key ARN"_s));
        kms->setText(
            u"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"_s);
        QCOMPARE(message(u"kmsKeyErrorLabel"_s), QString());
        auto* mutability = child<QComboBox>(edit, u"mutabilityComboBox"_s);
        mutability->setCurrentIndex(mutability->findData(u"IMMUTABLE_WITH_EXCLUSION"_s));
        QVERIFY(message(u"mutabilityErrorLabel"_s).isEmpty());
        QVERIFY(message(u"exclusionFiltersErrorLabel"_s).contains(u"1 to 5"_s));
        auto* filters = child<QLineEdit>(edit, u"exclusionFiltersLineEdit"_s);
        filters->setText(u"bad tag!"_s);
        QVERIFY(message(u"exclusionFiltersErrorLabel"_s).contains(u"128"_s));
        filters->setText(u"latest, dev-*"_s);
        QCOMPARE(message(u"exclusionFiltersErrorLabel"_s), QString());
        auto* tags = child<QPlainTextEdit>(edit, u"resourceTagsEdit"_s);
        tags->setPlainText(u"aws:reserved=1"_s);
        QVERIFY(message(u"resourceTagsErrorLabel"_s).contains(u"aws:"_s));
        tags->setPlainText(u"team=platform"_s);
        auto* warnings = child<QLabel>(edit, u"warningsLabel"_s);
        QVERIFY(warnings->isVisible());
        QVERIFY(warnings->text().contains(u"tags and KMS encryption"_s));
        auto* repositoryPolicy = child<QPlainTextEdit>(edit, u"repositoryPolicyEdit"_s);
        repositoryPolicy->setPlainText(u"{nope"_s);
        QVERIFY(message(u"repositoryPolicyErrorLabel"_s).contains(u"not valid JSON"_s));
        repositoryPolicy->setPlainText(u"{\"Version\":\"2012-10-17\",\"Statement\":[]}"_s);
        auto* lifecycle = child<QPlainTextEdit>(edit, u"lifecyclePolicyEdit"_s);
        lifecycle->setPlainText(u"{}"_s);
        QVERIFY(message(u"lifecyclePolicyErrorLabel"_s).contains(u"rules"_s));
        auto* presets = child<QComboBox>(edit, u"lifecyclePresetComboBox"_s);
        presets->setCurrentIndex(1);
        Q_EMIT presets->activated(1); // what choosing it from the list does
        QVERIFY(lifecycle->toPlainText().contains(u"sinceImagePushed"_s));
        QCOMPARE(message(u"lifecyclePolicyErrorLabel"_s), QString());
        auto* role = child<QLineEdit>(edit, u"customRoleLineEdit"_s);
        role->setText(u"arn:aws:iam::999999999999:role/ecr-template"_s);
        QVERIFY(message(u"customRoleErrorLabel"_s).contains(u"registry's account"_s));
        role->setText(u"arn:aws:iam::123456789012:role/ecr-template"_s);
        QVERIFY(!warnings->isVisible());
        QTRY_VERIFY(save->isEnabled());
        save->click();
        QTRY_VERIFY(!dialog->findChild<TemplateEditDialog*>());
        const QList<RepositoryCreationTemplate> stored
            = b.harness.service().registry().templates(u"us-east-1"_s);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().imageTagMutability, u"IMMUTABLE_WITH_EXCLUSION"_s);
        QCOMPARE(stored.first().exclusionFilters.size(), 2);
        QCOMPARE(stored.first().resourceTags.first().key, u"team"_s);
        QTRY_COMPARE(child<QTableWidget>(dialog, u"templatesTable"_s)->rowCount(), 1);
        QTRY_COMPARE(templateOf(b, u"quay"_s), u"quay"_s);
        QCOMPARE(templateOf(b, u"k8s"_s), u"None"_s);

        // Edit: the prefix stays; the change reaches the registry.
        auto* table = child<QTableWidget>(dialog, u"templatesTable"_s);
        table->selectRow(0);
        child<QPushButton>(dialog, u"editTemplateButton"_s)->click();
        QTRY_VERIFY((edit = dialog->findChild<TemplateEditDialog*>()) != nullptr);
        QVERIFY(child<QLineEdit>(edit, u"prefixLineEdit"_s)->isReadOnly());
        QCOMPARE(child<QLineEdit>(edit, u"prefixLineEdit"_s)->text(), u"quay"_s);
        // Invalid input while editing is refused too.
        auto* editRole = child<QLineEdit>(edit, u"customRoleLineEdit"_s);
        editRole->setText(u"not-a-role"_s);
        QVERIFY(child<QLabel>(edit, u"customRoleErrorLabel"_s)->text().contains(u"IAM role ARN"_s));
        QVERIFY(!child<QPushButton>(edit, u"saveTemplateButton"_s)->isEnabled());
        editRole->setText(u"arn:aws:iam::123456789012:role/ecr-template"_s);
        auto* editMutability = child<QComboBox>(edit, u"mutabilityComboBox"_s);
        editMutability->setCurrentIndex(editMutability->findData(u"MUTABLE"_s));
        child<QLineEdit>(edit, u"exclusionFiltersLineEdit"_s)->clear();
        QTRY_VERIFY(child<QPushButton>(edit, u"saveTemplateButton"_s)->isEnabled());
        child<QPushButton>(edit, u"saveTemplateButton"_s)->click();
        QTRY_VERIFY(!dialog->findChild<TemplateEditDialog*>());
        QTRY_COMPARE(
            b.harness.service().registry().templates(u"us-east-1"_s).first().imageTagMutability,
            u"MUTABLE"_s);

        // Delete, asked first; the rule's repositories fall back to ECR's defaults.
        QTRY_COMPARE(table->rowCount(), 1);
        table->selectRow(0);
        child<QPushButton>(dialog, u"deleteTemplateButton"_s)->click();
        QTRY_COMPARE(table->rowCount(), 0);
        QCOMPARE(b.presenter.asked.size(), 1);
        QCOMPARE(b.presenter.asked.first().items, QStringList{u"quay"_s});
        QTRY_COMPARE(templateOf(b, u"quay"_s), u"None"_s);
        QVERIFY(b.presenter.errors.isEmpty());

        // A template someone else deleted meanwhile: the error says so.
        EcrRegistryClient registry(b.harness.transport());
        QVERIFY(b.harness.wait(registry.createTemplate(ptcTemplate(u"gone"_s))).ok());
        action(*b.window, "refreshAction")->trigger();
        QTRY_COMPARE(table->rowCount(), 1);
        QVERIFY(b.harness.wait(registry.deleteTemplate(u"gone"_s)).ok());
        table->selectRow(0);
        child<QPushButton>(dialog, u"deleteTemplateButton"_s)->click();
        QTRY_COMPARE(b.presenter.errors.size(), 1);
        QCOMPARE(b.presenter.errors.first().title, u"Template not found"_s);
    }
};

QTEST_MAIN(TestTemplates)
#include "tst_templates.moc"
