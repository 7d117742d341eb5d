#include "FleetDialog.h"

#include "CopyDialog.h"
#include "ErrorPresenter.h"
#include "RegistryPicker.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

constexpr int kFlushMs = 100; // results arrive in bursts: the table is rebuilt at most this often

} // namespace

FleetDialog::FleetDialog(
    ProfileDirectory& profiles, const Clock& clock, FleetOptions options, QWidget* parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_clock(clock)
    , m_options(options)
    , m_picker(new RegistryPicker(profiles, this))
    , m_fetch(new FleetFetch(profiles, clock, options, this))
    , m_model(new FleetModel(this))
    , m_proxy(new FleetProxyModel(this))
    , m_view(new QTreeView(this))
    , m_filter(new QLineEdit(this))
    , m_grouping(new QComboBox(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_fetchButton(new QPushButton(tr("&Read registries"), this))
    , m_stopButton(new QPushButton(tr("&Stop"), this))
    , m_copyButton(new QPushButton(tr("&Copy to…"), this))
    , m_flush(new QTimer(this))
{
    setWindowTitle(tr("Fleet view"));
    setWindowFlag(Qt::WindowMaximizeButtonHint);
    resize(1200, 700);

    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FleetModel::PrefixColumn, Qt::AscendingOrder);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAccessibleName(tr("Rules of the fleet"));
    m_view->header()->setStretchLastSection(true);

    m_filter->setPlaceholderText(tr("Filter: prefix, upstream, account, region, error…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter"));
    auto* find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &FleetProxyModel::setFilterText);

    m_grouping->addItem(tr("Flat"), int(FleetModel::Grouping::None));
    m_grouping->addItem(tr("By prefix"), int(FleetModel::Grouping::Prefix));
    m_grouping->addItem(tr("By account"), int(FleetModel::Grouping::Account));
    m_grouping->addItem(tr("By region"), int(FleetModel::Grouping::Region));
    auto* groupingLabel = new QLabel(tr("&Group:"), this);
    groupingLabel->setBuddy(m_grouping);
    connect(m_grouping, &QComboBox::currentIndexChanged, this, [this] {
        const auto grouping = FleetModel::Grouping(m_grouping->currentData().toInt());
        m_model->setGrouping(grouping);
        m_view->setRootIsDecorated(grouping != FleetModel::Grouping::None);
        m_view->expandAll();
    });

    m_fetchButton->setShortcut(QKeySequence::Refresh);
    m_fetchButton->setToolTip(tr("Read the rules of every picked registry (F5)"));
    m_stopButton->setToolTip(tr("Stop reading; what was read stays"));
    m_copyButton->setToolTip(tr("Copy the selected rules to other regions or accounts"));
    m_progress->setTextVisible(true);
    auto* fetchRow = new QHBoxLayout;
    fetchRow->addWidget(m_fetchButton);
    fetchRow->addWidget(m_stopButton);
    auto* tools = new QHBoxLayout;
    tools->addWidget(m_filter, 1);
    tools->addWidget(groupingLabel);
    tools->addWidget(m_grouping);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_copyButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &FleetDialog::reject);
    layOutPickerDialog(this, m_picker, fetchRow, tools, m_view, m_progress, m_status, buttons);

    m_flush->setInterval(kFlushMs);
    connect(m_flush, &QTimer::timeout, this, &FleetDialog::flush);
    connect(m_fetchButton, &QPushButton::clicked, this, [this] { fetch(); });
    connect(m_stopButton, &QPushButton::clicked, this, &FleetDialog::stop);
    connect(m_copyButton, &QPushButton::clicked, this, &FleetDialog::copySelected);
    connect(m_picker, &RegistryPicker::changed, this, &FleetDialog::updateButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &FleetDialog::updateButtons);
    connect(m_fetch, &FleetFetch::progress, this, [this](int finished, int total) {
        m_progress->setRange(0, std::max(1, total));
        m_progress->setValue(finished);
        if (!m_flush->isActive())
            m_flush->start();
        updateStatus();
    });
    connect(m_fetch, &FleetFetch::finished, this, [this](bool cancelled) {
        m_flush->stop();
        m_stopped = cancelled;
        flush();
        updateButtons();
        Q_EMIT fetched();
    });
    updateStatus();
    updateButtons();
}

FleetDialog::~FleetDialog()
{
    if (m_expandCancel)
        m_expandCancel->cancel();
}

void FleetDialog::reject()
{
    stop();
    QDialog::reject();
}

QCoro::Task<void> FleetDialog::fetch()
{
    QPointer<FleetDialog> self(this);
    if (m_expandCancel)
        m_expandCancel->cancel();
    m_expandCancel = Cancellation::create();
    const CancelToken cancel = m_expandCancel;
    m_stopped = false;
    m_expansionFailures.clear();
    m_expanding = true;
    m_model->setRegistries({});
    m_progress->setRange(0, 0);
    updateButtons();
    updateStatus();
    std::function<void(const QString&)> status = [self](const QString& text) {
        if (self)
            self->m_status->setText(text);
    };
    const RegistryPicker::Targets picked = co_await m_picker->targets(cancel, status);
    if (!self || cancel != m_expandCancel)
        co_return;
    m_expansionFailures = picked.failures;
    const QList<FleetTarget> targets = picked.targets;
    m_expanding = false;
    if (cancel->isCancelled()) {
        m_stopped = true;
        flush();
        updateButtons();
        Q_EMIT fetched();
        co_return;
    }
    m_fetch->start(targets);
}

void FleetDialog::stop()
{
    if (m_expandCancel)
        m_expandCancel->cancel();
    m_fetch->cancel();
}

void FleetDialog::flush()
{
    QList<FleetRegistry> all = m_fetch->results();
    all.append(m_expansionFailures);
    m_model->setRegistries(all);
    m_view->expandAll();
    for (int c = 0; c < FleetModel::ConsistencyColumn; ++c)
        m_view->resizeColumnToContents(c);
    updateStatus();
}

void FleetDialog::updateStatus()
{
    const int total = int(m_fetch->results().size());
    const int finished = m_fetch->finishedCount();
    const int failed = m_fetch->failedCount() + int(m_expansionFailures.size());
    if (m_expanding)
        return; // the listing's own text stays
    if (total == 0 && m_expansionFailures.isEmpty()) {
        m_status->setText(m_picker->hasChoice()
                ? tr("Pick profiles and regions, then Read registries (F5).")
                : tr("Pick at least one profile and one region."));
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        return;
    }
    QString text = m_fetch->isRunning()
        ? tr("Reading… %1 of %2 registries")
              .arg(QLocale().toString(finished), QLocale().toString(total))
        : m_stopped
        ? tr("Stopped: %1 of %2 registries read")
              .arg(QLocale().toString(finished - m_fetch->failedCount()), QLocale().toString(total))
        : tr("%1 registries read").arg(QLocale().toString(total));
    text += tr(" · %n rule(s)", nullptr, m_model->ruleCount());
    if (failed > 0)
        text += tr(" · %n failed (shown in red)", nullptr, failed);
    if (m_model->differingPrefixCount() > 0)
        text += tr(
            " · %n prefix(es) not the same everywhere", nullptr, m_model->differingPrefixCount());
    m_status->setText(text);
}

void FleetDialog::updateButtons()
{
    const bool busy = isFetching();
    m_fetchButton->setEnabled(!busy && m_picker->hasChoice());
    m_stopButton->setEnabled(busy);
    m_copyButton->setEnabled(!busy && !selectedRules().isEmpty());
    if (!busy)
        updateStatus();
}

QList<std::pair<const FleetRegistry*, PullThroughCacheRule>> FleetDialog::selectedRules() const
{
    QList<std::pair<const FleetRegistry*, PullThroughCacheRule>> out;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        const QModelIndex source = m_proxy->mapToSource(index);
        if (const PullThroughCacheRule* rule = m_model->ruleAt(source))
            out.append({m_model->registryAt(source), *rule});
    }
    return out;
}

void FleetDialog::copySelected()
{
    const auto selected = selectedRules();
    if (selected.isEmpty())
        return;
    // One rule per prefix: the first selected wins (two registries' rules for one prefix
    // cannot both be copied to the same place).
    CopySource source;
    QStringList labels;
    for (const auto& [registry, rule] : selected) {
        const bool taken = std::any_of(
            source.rules.cbegin(), source.rules.cend(), [&rule](const PullThroughCacheRule& r) {
                return r.ecrRepositoryPrefix == rule.ecrRepositoryPrefix;
            });
        if (taken)
            continue;
        source.rules.append(rule);
        const QString label = registry->target.label();
        if (!labels.contains(label))
            labels.append(label);
    }
    source.label
        = labels.size() == 1 ? labels.first() : tr("%n registry(s)", nullptr, int(labels.size()));
    auto* dialog = new CopyDialog(m_profiles, m_clock, source, m_options, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setActivityLog(m_activityLog);
    dialog->open();
}

} // namespace ecr
