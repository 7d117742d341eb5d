#include "CacheDialog.h"

#include "AppIcon.h"
#include "CleanupDialog.h"
#include "EcrSession.h"
#include "ErrorPresenter.h"
#include "MirrorConfig.h"
#include "MirrorConfigDialog.h"
#include "RulesController.h"
#include "TestPullDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

QString withoutSlash(QString prefix)
{
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    return prefix;
}

} // namespace

CacheDialog::CacheDialog(RulesController& controller, MessagePresenter& presenter,
    PullThroughCacheRule rule, QStringList otherPrefixes, QWidget* parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_presenter(presenter)
    , m_rule(std::move(rule))
    , m_otherPrefixes(std::move(otherPrefixes))
    , m_session(controller.sharedSession())
    , m_model(new CachedRepositoriesModel(this))
{
    setObjectName(u"cacheDialog"_s);
    const QString prefix = withoutSlash(m_rule.ecrRepositoryPrefix);
    setWindowTitle(tr("Cached Repositories of %1").arg(prefix));
    setWindowIcon(applicationIcon());
    auto* layout = new QVBoxLayout(this);
    const RegistryLocation location = m_controller.location();
    auto* header = new QLabel(
        tr("What the rule %1 (from %2) has cached in account %3, %4.")
            .arg(prefix, m_rule.upstreamRegistryUrl, location.accountId, location.region),
        this);
    header->setWordWrap(true);
    layout->addWidget(header);
    auto* filterRow = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(u"filterLineEdit"_s);
    m_filter->setPlaceholderText(tr("Filter by repository name"));
    m_filter->setClearButtonEnabled(true);
    auto* filterLabel = new QLabel(tr("&Filter:"), this);
    filterLabel->setBuddy(m_filter);
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_filter, 1);
    layout->addLayout(filterRow);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(CachedRepositoriesModel::SortRole);
    m_proxy->setFilterKeyColumn(CachedRepositoriesModel::NameColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table = new QTableView(this);
    m_table->setObjectName(u"repositoriesTable"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CachedRepositoriesModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(
        CachedRepositoriesModel::NameColumn, QHeaderView::Stretch);
    m_table->setAccessibleName(tr("Cached repositories"));
    layout->addWidget(m_table, 1);
    auto* statusRow = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"progressBar"_s);
    m_progress->setMaximumWidth(200);
    m_stop = new QPushButton(tr("&Stop"), this);
    m_stop->setObjectName(u"stopButton"_s);
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_stop);
    layout->addLayout(statusRow);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* testPull = buttons->addButton(tr("Test &Pull…"), QDialogButtonBox::ActionRole);
    testPull->setObjectName(u"testPullButton"_s);
    m_cleanup = buttons->addButton(tr("&Clean Up…"), QDialogButtonBox::ActionRole);
    m_cleanup->setObjectName(u"cleanupButton"_s);
    auto* mirror = buttons->addButton(tr("&Mirror Config…"), QDialogButtonBox::ActionRole);
    mirror->setObjectName(u"mirrorConfigButton"_s);
    m_refresh = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    m_refresh->setObjectName(u"refreshButton"_s);
    for (QPushButton* b : {testPull, m_cleanup, mirror, m_refresh})
        b->setAutoDefault(false);
    layout->addWidget(buttons);
    m_flush = new QTimer(this);
    m_flush->setInterval(100);
    connect(m_flush, &QTimer::timeout, this, &CacheDialog::flushUsage);
    connect(buttons, &QDialogButtonBox::rejected, this, &CacheDialog::reject);
    connect(
        m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_filter, &QLineEdit::textChanged, this, &CacheDialog::updateStatus);
    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (m_cancel)
            m_cancel->cancel();
    });
    connect(m_refresh, &QPushButton::clicked, this, [this] { load(); });
    connect(testPull, &QPushButton::clicked, this, &CacheDialog::openTestPull);
    connect(m_cleanup, &QPushButton::clicked, this, &CacheDialog::openCleanup);
    connect(mirror, &QPushButton::clicked, this, &CacheDialog::openMirrorConfig);
    // Another profile or region: these repositories are not the window's any more.
    connect(&m_controller, &RulesController::sessionChanged, this, &CacheDialog::reject);
    resize(980, 560);
    updateStatus();
}

CacheDialog::~CacheDialog()
{
    if (m_cancel)
        m_cancel->cancel();
}

void CacheDialog::reject()
{
    if (m_cancel)
        m_cancel->cancel();
    QDialog::reject();
}

bool CacheDialog::owns(const QString& name) const
{
    // A repository belongs to the rule with the longest prefix that covers it (ECR's reading);
    // a ROOT rule owns what no other rule's prefix covers.
    const QString own = withoutSlash(m_rule.ecrRepositoryPrefix);
    const qsizetype ownLength = own == u"ROOT" ? 0 : own.size();
    for (const QString& other : m_otherPrefixes) {
        const QString p = withoutSlash(other);
        if (p != u"ROOT" && p.size() > ownLength && name.startsWith(p + u'/'))
            return false;
    }
    return true;
}

QCoro::Task<void> CacheDialog::load()
{
    QPointer<CacheDialog> self(this);
    if (!m_session)
        co_return;
    if (m_cancel)
        m_cancel->cancel();
    m_cancel = Cancellation::create();
    const CancelToken cancel = m_cancel;
    m_error.clear();
    m_failed = 0;
    m_pending.clear();
    m_model->setRepositories({});
    m_progress->setRange(0, 0);
    updateStatus();
    const std::shared_ptr<EcrSession> session = m_session;
    const QString rulePrefix = withoutSlash(m_rule.ecrRepositoryPrefix);
    const QString prefix = rulePrefix == u"ROOT" ? QString() : rulePrefix;
    std::function<void(int)> progress = [self](int listed) {
        if (self)
            self->m_status->setText(tr("Listing repositories… %1").arg(QLocale().toString(listed)));
    };
    const Result<QList<CachedRepository>> listed
        = co_await session->repositories().describeRepositories(prefix, progress, cancel);
    if (!self || cancel != m_cancel)
        co_return;
    if (!listed) {
        m_cancel.reset();
        if (listed.error().kind != ErrorKind::Cancelled) {
            const ErrorText text
                = describeError(listed.error(), tr("Listing the repositories"), false);
            m_error = text.what + u' ' + text.action;
        } else {
            m_error = tr("Stopped.");
        }
        updateStatus();
        co_return;
    }
    QList<CachedRepository> owned;
    QStringList names;
    for (const CachedRepository& r : listed.value()) {
        if (owns(r.name)) {
            owned.append(r);
            names.append(r.name);
        }
    }
    m_model->setRepositories(owned);
    m_progress->setRange(0, int(names.size()));
    m_progress->setValue(0);
    updateStatus();
    m_flush->start();
    // A superseded or stopped load says nothing any more.
    std::function<void(const QString&, const RepositoryUsage&)> done
        = [self, cancel](const QString& name, const RepositoryUsage& usage) {
              if (self && cancel == self->m_cancel)
                  self->m_pending.insert(name, usage);
          };
    std::function<void(const QString&, const AwsError&)> failed
        = [self, cancel](const QString& name, const AwsError& error) {
              if (!self || cancel != self->m_cancel || error.kind == ErrorKind::Cancelled)
                  return;
              ++self->m_failed;
              self->m_model->setUsageError(
                  name, describeError(error, tr("Reading the images"), false).what);
          };
    co_await fetchUsage(session->repositories(), names, kUsageInFlight, done, failed, cancel);
    if (!self || cancel != m_cancel)
        co_return;
    const bool stopped = cancel->isCancelled();
    m_cancel.reset();
    m_flush->stop();
    flushUsage();
    if (stopped)
        m_error = tr("Stopped: the usage of some repositories was not read.");
    updateStatus();
    Q_EMIT loaded();
}

void CacheDialog::flushUsage()
{
    if (!m_pending.isEmpty()) {
        m_model->setUsage(m_pending);
        m_pending.clear();
    }
    updateStatus();
}

void CacheDialog::updateStatus()
{
    const QLocale locale;
    const int rows = m_model->rowCount();
    const int known = m_model->usageKnown();
    const bool loading = bool(m_cancel);
    m_progress->setVisible(loading);
    m_stop->setVisible(loading);
    m_refresh->setEnabled(!loading && m_session);
    // A ROOT rule's repositories cannot be told from ones pushed to the registry: no cleanup.
    const bool root = withoutSlash(m_rule.ecrRepositoryPrefix) == u"ROOT";
    m_cleanup->setEnabled(!loading && known > 0 && !root);
    m_cleanup->setToolTip(root ? tr("A ROOT rule's cache cannot be told from repositories pushed "
                                    "to this registry, so the app deletes none of them.")
                               : QString());
    if (loading && rows > 0)
        m_progress->setValue(known + m_failed);
    if (!m_error.isEmpty()) {
        m_status->setText(m_error);
        return;
    }
    if (loading) {
        if (rows > 0)
            m_status->setText(tr("%1 repositories; reading images: %2 of %1…")
                                  .arg(locale.toString(rows), locale.toString(known + m_failed)));
        return;
    }
    qint64 bytes = 0;
    for (const CachedRepositoryRow& row : m_model->rows())
        bytes += row.usage ? row.usage->totalBytes : 0;
    QString text = rows == 0
        ? tr("Nothing cached yet: the first pull through the rule creates a repository (Test "
             "Pull…).")
        : tr("%n repository(ies), %1 in all.", nullptr, rows)
              .arg(locale.formattedDataSize(bytes, 2, QLocale::DataSizeSIFormat));
    if (m_proxy->rowCount() != rows)
        text += u' ' + tr("%1 shown.").arg(locale.toString(m_proxy->rowCount()));
    if (m_failed > 0)
        text += u' ' + tr("%n could not be read (hover for why).", nullptr, m_failed);
    m_status->setText(text);
}

void CacheDialog::openTestPull()
{
    if (!m_session)
        return;
    auto* dialog = new TestPullDialog(m_session, m_rule, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TestPullDialog::pulled, this, [this](const QString& name) {
        // A new repository appears; an existing one gets its new pull time.
        if (m_model->rowOf(name) < 0 || !isLoading())
            load();
    });
    dialog->open();
}

void CacheDialog::openCleanup()
{
    if (!m_session)
        return;
    auto* dialog = new CleanupDialog(
        m_session, m_presenter, withoutSlash(m_rule.ecrRepositoryPrefix), m_model->rows(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CleanupDialog::repositoryDeleted, this, [this](const QString& name) {
        m_model->removeRepository(name);
        updateStatus();
    });
    connect(dialog, &CleanupDialog::deletionTried, this, [this](const CleanupOutcome& o) {
        AwsError error = makeError(ErrorKind::Service, o.errorCode, o.detail);
        m_controller.recordActivity(u"DeleteRepository"_s, o.name,
            o.result == CleanupOutcome::Result::Deleted ? nullptr : &error, o.requestId);
    });
    connect(dialog, &CleanupDialog::lifecycleRequested, this, [this, dialog] {
        dialog->reject();
        Q_EMIT templateRequested(m_rule.ecrRepositoryPrefix);
    });
    dialog->open();
}

void CacheDialog::openMirrorConfig()
{
    auto* dialog = new MirrorConfigDialog(mirrorConfig(m_rule, m_controller.location()),
        withoutSlash(m_rule.ecrRepositoryPrefix), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace ecr
