#include "TemplatesDialog.h"

#include "AppIcon.h"
#include "ErrorPresenter.h"
#include "MessagePresenter.h"
#include "RulesController.h"
#include "TemplateEditDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

enum TemplateColumn
{
    PrefixColumn,
    AppliedForColumn,
    EncryptionColumn,
    MutabilityColumn,
    TagsColumn,
    PoliciesColumn,
    RoleColumn,
    ColumnCount,
};

} // namespace

TemplatesDialog::TemplatesDialog(
    RulesController& controller, MessagePresenter& presenter, QWidget* parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_presenter(presenter)
{
    setObjectName(u"templatesDialog"_s);
    setWindowTitle(tr("Repository Creation Templates"));
    setWindowIcon(applicationIcon());
    auto* layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto* row = new QHBoxLayout;
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(u"templatesTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Prefix"), tr("Applies to"), tr("Encryption"),
        tr("Tag mutability"), tr("Tags"), tr("Policies"), tr("Role")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    row->addWidget(m_table, 1);
    auto* buttons = new QVBoxLayout;
    m_new = new QPushButton(tr("&New…"), this);
    m_new->setObjectName(u"newTemplateButton"_s);
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_edit->setObjectName(u"editTemplateButton"_s);
    m_delete = new QPushButton(tr("&Delete…"), this);
    m_delete->setObjectName(u"deleteTemplateButton"_s);
    m_copy = new QPushButton(tr("&Copy to…"), this);
    m_copy->setObjectName(u"copyTemplateButton"_s);
    m_copy->setToolTip(
        tr("Copy the selected template to other regions or accounts, with a preview"));
    for (QPushButton* b : {m_new, m_edit, m_delete, m_copy}) {
        b->setAutoDefault(false);
        buttons->addWidget(b);
    }
    buttons->addStretch();
    row->addLayout(buttons);
    layout->addLayout(row, 1);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_new, &QPushButton::clicked, this, [this] { newTemplate(QString()); });
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (const auto t = selected())
            openEditor(*t, true);
    });
    connect(m_table, &QTableWidget::itemActivated, m_edit, &QPushButton::click);
    connect(m_delete, &QPushButton::clicked, this, [this] { deleteSelected(); });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        if (const auto t = selected())
            Q_EMIT copyRequested(*t);
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &TemplatesDialog::updateButtons);
    connect(&m_controller, &RulesController::templatesLoaded, this, &TemplatesDialog::fill);
    connect(
        &m_controller, &RulesController::templatesUnavailable, this, [this](const AwsError& error) {
            const ErrorText text = describeError(error, tr("Listing the templates"), false);
            m_status->setText(text.what + u' ' + text.action);
            m_table->setRowCount(0);
            m_templates.clear();
            updateButtons();
        });
    resize(900, 420);
    if (m_controller.templates())
        fill(*m_controller.templates());
    else
        m_status->setText(tr("Loading the templates…"));
    m_controller.loadTemplates();
}

void TemplatesDialog::fill(const QList<RepositoryCreationTemplate>& templates)
{
    const std::optional<RepositoryCreationTemplate> before = selected();
    m_templates = templates;
    m_table->setRowCount(int(templates.size()));
    for (int r = 0; r < templates.size(); ++r) {
        const RepositoryCreationTemplate& t = templates.at(r);
        QStringList tags;
        for (const ResourceTag& tag : t.resourceTags)
            tags.append(tag.key + u'=' + tag.value);
        QStringList policies;
        if (!t.repositoryPolicy.isEmpty())
            policies.append(tr("repository"));
        if (!t.lifecyclePolicy.isEmpty())
            policies.append(tr("lifecycle"));
        const QStringList cells{t.prefix, t.appliedFor.join(u", "_s),
            t.kmsKey.isEmpty() ? t.encryptionType
                               : t.encryptionType + u' ' + t.kmsKey.section(u'/', -1),
            t.imageTagMutability, tags.join(u", "_s), policies.join(u", "_s),
            t.customRoleArn.section(u'/', -1)};
        for (int c = 0; c < ColumnCount; ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            const QStringList warnings = templateWarnings(t);
            if (!warnings.isEmpty())
                item->setToolTip(warnings.join(u'\n'));
            m_table->setItem(r, c, item);
        }
        if (before && before->prefix == t.prefix)
            m_table->selectRow(r);
    }
    m_table->resizeColumnsToContents();
    m_status->setText(templates.isEmpty()
            ? tr("No templates: cached repositories get ECR's defaults (AES-256, mutable tags, no "
                 "policies). New… adds one; ROOT covers every prefix without its own.")
            : tr("%n template(s). A rule's repositories get the template of the rule's prefix, "
                 "else ROOT's.",
                nullptr, int(templates.size())));
    updateButtons();
    if (!m_pendingEdit.isEmpty())
        editTemplate(m_pendingEdit);
}

void TemplatesDialog::newTemplate(const QString& prefix)
{
    RepositoryCreationTemplate draft;
    draft.prefix = prefix;
    draft.appliedFor = {u"PULL_THROUGH_CACHE"_s};
    openEditor(draft, false);
}

void TemplatesDialog::editTemplate(const QString& prefix)
{
    for (const RepositoryCreationTemplate& t : std::as_const(m_templates)) {
        if (t.prefix == prefix) {
            m_pendingEdit.clear();
            openEditor(t, true);
            return;
        }
    }
    m_pendingEdit = prefix;
}

std::optional<RepositoryCreationTemplate> TemplatesDialog::selected() const
{
    const QList<QTableWidgetItem*> items = m_table->selectedItems();
    if (items.isEmpty() || items.first()->row() >= m_templates.size())
        return std::nullopt;
    return m_templates.at(items.first()->row());
}

void TemplatesDialog::updateButtons()
{
    const bool one = selected().has_value();
    m_edit->setEnabled(one);
    m_delete->setEnabled(one);
    m_copy->setEnabled(one && receivers(SIGNAL(copyRequested(RepositoryCreationTemplate))) > 0);
}

void TemplatesDialog::openEditor(const RepositoryCreationTemplate& t, bool editing)
{
    auto* dialog = new TemplateEditDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAccountId(m_controller.location().accountId);
    dialog->setTemplate(t, editing);
    connect(dialog, &TemplateEditDialog::saveRequested, this,
        [this, dialog = QPointer<TemplateEditDialog>(dialog)](
            const RepositoryCreationTemplate& t) { save(dialog, t); });
    dialog->open();
}

QCoro::Task<void> TemplatesDialog::save(
    QPointer<TemplateEditDialog> dialog, RepositoryCreationTemplate t)
{
    QPointer<TemplatesDialog> self(this);
    const CancelToken cancel = Cancellation::create();
    if (dialog)
        connect(dialog, &SubmitDialog::cancelRequested, cancel.get(),
            [token = cancel.get()] { token->cancel(); });
    const bool editing = dialog && dialog->isEditing();
    Result<RepositoryCreationTemplate> saved = makeError(ErrorKind::Cancelled, QString(), {}, 0);
    if (editing)
        saved = co_await m_controller.updateTemplate(t, cancel);
    else
        saved = co_await m_controller.createTemplate(t, cancel);
    if (!self || !dialog)
        co_return;
    if (saved)
        dialog->succeed();
    else
        dialog->fail(saved.error());
}

QCoro::Task<void> TemplatesDialog::deleteSelected()
{
    const std::optional<RepositoryCreationTemplate> t = selected();
    if (!t)
        co_return;
    QPointer<TemplatesDialog> self(this);
    Confirmation confirmation;
    confirmation.title = tr("Delete Template");
    confirmation.text = tr("Delete the repository creation template %1? Repositories it made "
                           "keep their settings; new ones under this prefix get another "
                           "template's, or ECR's defaults.")
                            .arg(t->prefix);
    confirmation.acceptLabel = tr("&Delete");
    confirmation.items = {t->prefix};
    const bool confirmed = co_await m_presenter.confirm(this, confirmation);
    if (!self || !confirmed)
        co_return;
    const QString prefix = t->prefix;
    const CancelToken none;
    const Result<RepositoryCreationTemplate> deleted
        = co_await m_controller.deleteTemplate(prefix, none);
    if (!self)
        co_return;
    if (!deleted) {
        const ErrorText text = describeError(deleted.error(), tr("Deleting the template"));
        co_await m_presenter.showError(this, text);
    }
}

} // namespace ecr
