#include "CleanupDialog.h"

#include "AppIcon.h"
#include "EcrSession.h"
#include "MessagePresenter.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

enum Column
{
    NameColumn,
    SizeColumn,
    LastPullColumn,
    ResultColumn
};

} // namespace

CleanupDialog::CleanupDialog(std::shared_ptr<EcrSession> session, MessagePresenter& presenter,
    QString prefix, QList<CachedRepositoryRow> rows, QWidget* parent)
    : QDialog(parent)
    , m_session(std::move(session))
    , m_presenter(presenter)
    , m_prefix(std::move(prefix))
    , m_rows(std::move(rows))
{
    setObjectName(u"cleanupDialog"_s);
    setWindowTitle(tr("Clean Up the Cache of %1").arg(m_prefix));
    setWindowIcon(applicationIcon());
    auto* layout = new QVBoxLayout(this);
    auto* criteria = new QGridLayout;
    m_byAge = new QCheckBox(tr("Not pulled for at &least"), this);
    m_byAge->setObjectName(u"byAgeCheckBox"_s);
    m_byAge->setChecked(true);
    m_days = new QSpinBox(this);
    m_days->setObjectName(u"daysSpinBox"_s);
    m_days->setRange(1, 3650);
    m_days->setValue(90);
    m_days->setSuffix(tr(" days"));
    m_bySize = new QCheckBox(tr("At least as lar&ge as"), this);
    m_bySize->setObjectName(u"bySizeCheckBox"_s);
    m_megabytes = new QSpinBox(this);
    m_megabytes->setObjectName(u"megabytesSpinBox"_s);
    m_megabytes->setRange(0, 1'000'000);
    m_megabytes->setValue(100);
    m_megabytes->setSuffix(tr(" MB"));
    criteria->addWidget(m_byAge, 0, 0);
    criteria->addWidget(m_days, 0, 1);
    criteria->addWidget(m_bySize, 1, 0);
    criteria->addWidget(m_megabytes, 1, 1);
    m_dryRun = new QPushButton(tr("&Dry Run"), this);
    m_dryRun->setObjectName(u"dryRunButton"_s);
    criteria->addWidget(m_dryRun, 0, 2, 2, 1);
    criteria->setColumnStretch(3, 1);
    layout->addLayout(criteria);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"plannedList"_s);
    m_list->setAccessibleName(tr("Repositories that would be deleted"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Repository"), tr("Size"), tr("Last pull"), tr("Result")});
    m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    layout->addWidget(m_list, 1);
    m_summary
        = new QLabel(tr("Choose what to clean up, then Dry Run: nothing is deleted yet."), this);
    m_summary->setObjectName(u"summaryLabel"_s);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    auto* typedRow = new QHBoxLayout;
    m_typeLabel = new QLabel(this);
    m_typed = new QLineEdit(this);
    m_typed->setObjectName(u"typedPrefixLineEdit"_s);
    m_typeLabel->setBuddy(m_typed);
    typedRow->addWidget(m_typeLabel);
    typedRow->addWidget(m_typed, 1);
    layout->addLayout(typedRow);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"progressBar"_s);
    m_progress->hide();
    layout->addWidget(m_progress);
    auto* lifecycle = new QLabel(tr("<a href=\"lifecycle\">Use a lifecycle policy instead</a>: ECR "
                                    "then expires unused images itself, in every repository "
                                    "the rule's template shapes."),
        this);
    lifecycle->setObjectName(u"lifecycleLink"_s);
    lifecycle->setWordWrap(true);
    lifecycle->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    layout->addWidget(lifecycle);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_delete = buttons->addButton(tr("D&elete…"), QDialogButtonBox::DestructiveRole);
    m_delete->setObjectName(u"deleteButton"_s);
    m_cancelButton = buttons->addButton(tr("&Stop"), QDialogButtonBox::ActionRole);
    m_cancelButton->setObjectName(u"stopButton"_s);
    m_cancelButton->setToolTip(tr("Stop after the repository being deleted"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &CleanupDialog::reject);
    connect(m_dryRun, &QPushButton::clicked, this, &CleanupDialog::dryRun);
    connect(m_delete, &QPushButton::clicked, this, [this] { deletePlanned(); });
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_cancel)
            m_cancel->cancel();
        m_summary->setText(tr("Stopping after the repository being deleted…"));
    });
    connect(lifecycle, &QLabel::linkActivated, this, [this] { Q_EMIT lifecycleRequested(); });
    connect(m_typed, &QLineEdit::textChanged, this, &CleanupDialog::updateButtons);
    // A changed criterion makes the dry run stale: Delete waits for a new one.
    for (QCheckBox* box : {m_byAge, m_bySize})
        connect(box, &QCheckBox::toggled, this, [this] {
            m_plan = {};
            m_list->clear();
            updateButtons();
        });
    for (QSpinBox* spin : {m_days, m_megabytes})
        connect(spin, &QSpinBox::valueChanged, this, [this] {
            m_plan = {};
            m_list->clear();
            updateButtons();
        });
    resize(720, 480);
    updateButtons();
}

CleanupDialog::~CleanupDialog()
{
    if (m_cancel)
        m_cancel->cancel();
}

void CleanupDialog::reject()
{
    if (m_cancel)
        m_cancel->cancel();
    QDialog::reject();
}

CleanupCriteria CleanupDialog::criteria() const
{
    CleanupCriteria c;
    if (m_byAge->isChecked())
        c.notPulledForDays = m_days->value();
    if (m_bySize->isChecked())
        c.minBytes = qint64(m_megabytes->value()) * 1000 * 1000;
    return c;
}

void CleanupDialog::dryRun()
{
    m_planned = criteria();
    m_plan = planCleanup(m_rows, m_planned, m_session->clock().now());
    m_list->clear();
    const QLocale locale;
    for (const CachedRepositoryRow& row : std::as_const(m_plan.repositories)) {
        const RepositoryUsage& u = *row.usage;
        auto* item = new QTreeWidgetItem(m_list,
            {row.repository.name,
                locale.formattedDataSize(u.totalBytes, 2, QLocale::DataSizeSIFormat),
                u.lastPull ? locale.toString(u.lastPull->toLocalTime(), QLocale::ShortFormat)
                           : tr("never"),
                QString()});
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
    }
    int unknown = 0;
    for (const CachedRepositoryRow& row : std::as_const(m_rows))
        unknown += row.usage ? 0 : 1;
    QString text = m_plan.repositories.isEmpty()
        ? tr("Dry run: no repository meets these criteria.")
        : tr("Dry run: %n repository(ies) would be deleted, freeing %1. Nothing is deleted yet.",
            nullptr, int(m_plan.repositories.size()))
              .arg(locale.formattedDataSize(m_plan.freedBytes, 2, QLocale::DataSizeSIFormat));
    if (unknown > 0)
        text += u' '
            + tr("%n repository(ies) whose usage could not be read are never included.", nullptr,
                unknown);
    m_summary->setText(text);
    m_typed->clear();
    updateButtons();
}

void CleanupDialog::updateButtons()
{
    const qsizetype count = m_plan.repositories.size();
    const bool typedNeeded = count > kTypedConfirmationAbove;
    m_typeLabel->setVisible(typedNeeded && !m_running);
    m_typed->setVisible(typedNeeded && !m_running);
    m_typeLabel->setText(
        tr("Type %1 to delete %n repositories:", nullptr, int(count)).arg(m_prefix));
    const bool typedOk = !typedNeeded || m_typed->text().trimmed() == m_prefix;
    m_delete->setEnabled(!m_running && count > 0 && typedOk);
    m_delete->setText(count > 0 ? tr("D&elete %n…", nullptr, int(count)) : tr("D&elete…"));
    m_dryRun->setEnabled(!m_running && (m_byAge->isChecked() || m_bySize->isChecked()));
    m_cancelButton->setEnabled(m_running);
    for (QWidget* w : std::initializer_list<QWidget*>{m_byAge, m_days, m_bySize, m_megabytes})
        w->setEnabled(!m_running);
}

QCoro::Task<void> CleanupDialog::deletePlanned()
{
    QPointer<CleanupDialog> self(this);
    const CleanupPlan plan = m_plan;
    if (plan.repositories.isEmpty())
        co_return;
    QStringList names;
    for (const CachedRepositoryRow& row : plan.repositories)
        names.append(row.repository.name);
    const RegistryLocation location = m_session->location();
    Confirmation confirmation;
    confirmation.title = tr("Delete Cached Repositories");
    confirmation.text
        = tr("Delete %n cached repository(ies) with their images, freeing %1? A "
             "later pull through the rule fetches an image from the upstream "
             "again.",
            nullptr, int(names.size()))
              .arg(QLocale().formattedDataSize(plan.freedBytes, 2, QLocale::DataSizeSIFormat));
    confirmation.acceptLabel = tr("&Delete");
    confirmation.target = tr("Account %1 · %2").arg(location.accountId, location.region);
    confirmation.items = names;
    const bool confirmed = co_await m_presenter.confirm(this, confirmation);
    if (!self || !confirmed)
        co_return;
    m_running = true;
    m_cancel = Cancellation::create();
    const CancelToken cancel = m_cancel;
    updateButtons();
    m_progress->setRange(0, int(names.size()));
    m_progress->setValue(0);
    m_progress->show();
    m_summary->setText(tr("Deleting… Stop ends after the repository being deleted."));
    QPointer<CleanupDialog> guard(this);
    int done = 0;
    auto each = [guard, &done](const CleanupOutcome& o) {
        if (!guard)
            return;
        ++done;
        guard->m_progress->setValue(done);
        const QList<QTreeWidgetItem*> items
            = guard->m_list->findItems(o.name, Qt::MatchExactly, NameColumn);
        const QString result = o.result == CleanupOutcome::Result::Deleted ? tr("Deleted")
            : o.result == CleanupOutcome::Result::Skipped ? tr("Kept: %1").arg(o.detail)
                                                          : tr("Failed: %1").arg(o.detail);
        for (QTreeWidgetItem* item : items)
            item->setText(ResultColumn, result);
        if (o.result != CleanupOutcome::Result::Skipped)
            Q_EMIT guard->deletionTried(o);
        if (o.result == CleanupOutcome::Result::Deleted)
            Q_EMIT guard->repositoryDeleted(o.name);
    };
    const CleanupCriteria planned = m_planned;
    const std::shared_ptr<EcrSession> session = m_session;
    std::function<QDateTime()> now = [session] {
        return session->clock().now();
    };
    std::function<void(const CleanupOutcome&)> report = each;
    const QList<CleanupOutcome> outcomes
        = co_await runCleanup(session->repositories(), plan, planned, now, report, cancel);
    if (!self)
        co_return;
    m_running = false;
    m_cancel.reset();
    int deleted = 0;
    int failed = 0;
    int kept = 0;
    qint64 freed = 0;
    for (const CleanupOutcome& o : outcomes) {
        deleted += o.result == CleanupOutcome::Result::Deleted ? 1 : 0;
        failed += o.result == CleanupOutcome::Result::Failed ? 1 : 0;
        kept += o.result == CleanupOutcome::Result::Skipped ? 1 : 0;
        freed += o.freedBytes;
    }
    const int notStarted = int(names.size() - outcomes.size());
    QStringList parts{tr("Deleted %n repository(ies), freeing %1.", nullptr, deleted)
                          .arg(QLocale().formattedDataSize(freed, 2, QLocale::DataSizeSIFormat))};
    if (failed > 0)
        parts.append(tr("%n failed (see the list).", nullptr, failed));
    if (kept > 0)
        parts.append(tr("%n kept: pulled since the dry run.", nullptr, kept));
    if (notStarted > 0)
        parts.append(tr("Stopped: %n not deleted.", nullptr, notStarted));
    m_summary->setText(parts.join(u' '));
    // What was deleted is gone from the rows; a new dry run starts from what is left.
    QList<CachedRepositoryRow> left;
    for (const CachedRepositoryRow& row : std::as_const(m_rows)) {
        const bool gone = std::any_of(
            outcomes.cbegin(), outcomes.cend(), [&](const CleanupOutcome& o) {
                return o.name == row.repository.name && o.result == CleanupOutcome::Result::Deleted;
            });
        if (!gone)
            left.append(row);
    }
    m_rows = left;
    m_plan = {};
    updateButtons();
}

} // namespace ecr
