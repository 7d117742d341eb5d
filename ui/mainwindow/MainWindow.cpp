#include "MainWindow.h"

#include "Endpoint.h"
#include "ErrorPresenter.h"
#include "MessagePresenter.h"
#include "PullCommand.h"
#include "RuleForm.h"
#include "RuleFormDialog.h"
#include "RulesController.h"
#include "RulesFilterProxyModel.h"
#include "RulesTableModel.h"
#include "UpdateCredentialsDialog.h"
#include "ui_MainWindow.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace ecr {

MainWindow::MainWindow(ProfileDirectory& profiles, QNetworkAccessManager& network,
    const Clock& clock, MessagePresenter& presenter, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_profiles(profiles)
    , m_network(network)
    , m_clock(clock)
    , m_presenter(presenter)
    , m_controller(new RulesController(this))
    , m_model(new RulesTableModel(this))
    , m_proxy(new RulesFilterProxyModel(this))
{
    m_ui->setupUi(this);
    setWindowTitle(QApplication::applicationDisplayName());
    m_ui->messageBar->hideMessage();
    setUpToolBar();
    setUpStatusBar();
    setUpTable();
    connectActions();
    m_ui->pagesStackedWidget->setCurrentWidget(m_ui->rulesPage);
    updateActions();

    restoreGeometry(m_settings.windowGeometry());
    restoreState(m_settings.windowState());
}

MainWindow::~MainWindow() = default;

void MainWindow::setUpToolBar()
{
    QToolBar* bar = m_ui->mainToolBar;
    auto* profileLabel = new QLabel(tr("&Profile:"), bar);
    m_profileCombo = new QComboBox(bar);
    m_profileCombo->setObjectName(QStringLiteral("profileComboBox"));
    m_profileCombo->setMinimumContentsLength(16);
    m_profileCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    profileLabel->setBuddy(m_profileCombo);
    auto* regionLabel = new QLabel(tr("Re&gion:"), bar);
    m_regionCombo = new QComboBox(bar);
    m_regionCombo->setObjectName(QStringLiteral("regionComboBox"));
    m_regionCombo->setMinimumContentsLength(32);
    m_regionCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    regionLabel->setBuddy(m_regionCombo);

    bar->addWidget(profileLabel);
    bar->addWidget(m_profileCombo);
    bar->addSeparator();
    bar->addWidget(regionLabel);
    bar->addWidget(m_regionCombo);
    bar->addSeparator();
    bar->addAction(m_ui->newRuleAction);
    bar->addAction(m_ui->editCredentialsAction);
    bar->addAction(m_ui->verifyAction);
    bar->addAction(m_ui->deleteAction);
    bar->addAction(m_ui->copyPullUrlAction);
    bar->addSeparator();
    bar->addAction(m_ui->refreshAction);
}

void MainWindow::setUpStatusBar()
{
    m_endpointLabel = new QLabel(this);
    m_busyLabel = new QLabel(this);
    m_busyProgress = new QProgressBar(this);
    m_busyProgress->setRange(0, 0);
    m_busyProgress->setMaximumWidth(140);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setToolTip(tr("Stop the request in flight (Esc)"));
    m_cancelButton->setShortcut(QKeySequence(Qt::Key_Escape));
    statusBar()->addWidget(m_endpointLabel, 1);
    statusBar()->addPermanentWidget(m_busyLabel);
    statusBar()->addPermanentWidget(m_busyProgress);
    statusBar()->addPermanentWidget(m_cancelButton);
    onBusyChanged(false, {});
}

void MainWindow::setUpTable()
{
    m_proxy->setSourceModel(m_model);
    QTableView* view = m_ui->rulesTableView;
    view->setModel(m_proxy);
    view->sortByColumn(RulesTableModel::Prefix, Qt::AscendingOrder);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    QHeaderView* header = view->horizontalHeader();
    header->resizeSection(RulesTableModel::Prefix, 120);
    header->resizeSection(RulesTableModel::Upstream, 200);
    header->resizeSection(RulesTableModel::UpstreamUrl, 190);
    header->resizeSection(RulesTableModel::UpstreamPrefix, 90);
    header->resizeSection(RulesTableModel::CredentialArn, 220);
    header->resizeSection(RulesTableModel::CustomRoleArn, 140);
    header->resizeSection(RulesTableModel::RegistryId, 105);
    header->resizeSection(RulesTableModel::Created, 125);
    header->resizeSection(RulesTableModel::Updated, 125);
    view->addActions({m_ui->editCredentialsAction, m_ui->verifyAction, m_ui->copyPullUrlAction,
        m_ui->deleteAction, m_ui->refreshAction});
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &MainWindow::updateActions);
    connect(view, &QTableView::activated, this, &MainWindow::editCredentials);
    connect(m_ui->filterLineEdit, &QLineEdit::textChanged, m_proxy,
        &RulesFilterProxyModel::setFilterText);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateRuleCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateRuleCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateRuleCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateRuleCount);
}

void MainWindow::connectActions()
{
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->newRuleAction, &QAction::triggered, this, &MainWindow::newRule);
    connect(m_ui->editCredentialsAction, &QAction::triggered, this, &MainWindow::editCredentials);
    connect(m_ui->verifyAction, &QAction::triggered, this, [this] { verifySelected(); });
    connect(m_ui->deleteAction, &QAction::triggered, this, [this] { deleteSelected(); });
    connect(m_ui->copyPullUrlAction, &QAction::triggered, this, &MainWindow::copyPullUrl);
    connect(m_ui->refreshAction, &QAction::triggered, this, [this] {
        m_ui->messageBar->hideMessage();
        m_controller->refresh();
    });
    connect(m_ui->findAction, &QAction::triggered, this, [this] {
        m_ui->filterLineEdit->setFocus(Qt::ShortcutFocusReason);
        m_ui->filterLineEdit->selectAll();
    });
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->manageProfilesAction, &QAction::triggered, this,
        &MainWindow::manageProfilesRequested);
    connect(
        m_ui->localSandboxAction, &QAction::triggered, this, &MainWindow::localSandboxRequested);
    connect(
        m_ui->useSandboxButton, &QPushButton::clicked, this, &MainWindow::localSandboxRequested);
    connect(
        m_ui->addProfileButton, &QPushButton::clicked, this, &MainWindow::manageProfilesRequested);
    connect(m_ui->importProfilesButton, &QPushButton::clicked, this,
        &MainWindow::importProfilesRequested);
    connect(m_ui->messageBar, &MessageBar::actionTriggered, this, [this] {
        m_ui->messageBar->hideMessage();
        m_controller->refresh();
    });
    connect(m_cancelButton, &QPushButton::clicked, m_controller, &RulesController::cancelAll);

    connect(m_controller, &RulesController::busyChanged, this, &MainWindow::onBusyChanged);
    connect(m_controller, &RulesController::rulesLoaded, this,
        [this](const QList<PullThroughCacheRule>& rules) {
            const auto selected = selectedRule();
            m_model->setRules(rules);
            if (selected)
                selectPrefix(selected->ecrRepositoryPrefix);
            updateActions();
        });
    connect(m_controller, &RulesController::loadProgress, this, [this](int loaded) {
        m_busyLabel->setText(tr("Loading rules… %n loaded", nullptr, loaded));
    });
    connect(m_controller, &RulesController::refreshFailed, this, [this](const AwsError& error) {
        const ErrorText text = describeError(error, tr("Loading the rules"));
        m_ui->messageBar->showMessage(text.title + u": "_s + text.what + u' ' + text.action,
            MessageBar::Type::Error, tr("&Retry"));
    });
    connect(m_controller, &RulesController::ruleChanged, this,
        [this](const PullThroughCacheRule& rule) {
            m_model->upsertRule(rule);
            updateActions();
        });
    connect(m_controller, &RulesController::ruleRemoved, this, [this](const QString& prefix) {
        m_model->removeRule(prefix);
        updateActions();
    });

    connect(&m_profiles, &ProfileDirectory::profilesChanged, this, &MainWindow::reloadProfiles);
    connect(m_profileCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_updatingSelectors)
            return;
        const QString id = currentProfileId();
        fillRegions(id, m_settings.regionForProfile(id));
        connectSelected();
    });
    connect(m_regionCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_updatingSelectors)
            return;
        m_settings.setRegionForProfile(currentProfileId(), currentRegion());
        connectSelected();
    });
}

QString MainWindow::currentProfileId() const
{
    return m_profileCombo->currentData().toString();
}

QString MainWindow::currentRegion() const
{
    return m_regionCombo->currentData().toString();
}

void MainWindow::reloadProfiles()
{
    const QString previous = currentProfileId();
    const QList<ProfileEntry> entries = m_profiles.profiles();
    m_updatingSelectors = true;
    m_profileCombo->clear();
    for (const ProfileEntry& entry : entries)
        m_profileCombo->addItem(entry.displayName, entry.id);
    m_updatingSelectors = false;
    m_ui->pagesStackedWidget->setCurrentWidget(
        entries.isEmpty() ? m_ui->welcomePage : m_ui->rulesPage);
    if (entries.isEmpty()) {
        m_controller->setSession(nullptr);
        m_regionCombo->clear();
        updateActions();
        return;
    }
    QString wanted = previous;
    if (wanted.isEmpty() || m_profileCombo->findData(wanted) < 0)
        wanted = m_settings.lastProfile();
    if (m_profileCombo->findData(wanted) < 0)
        wanted = entries.first().id;
    if (wanted != previous || m_controller->session() == nullptr)
        selectProfile(wanted);
}

void MainWindow::selectProfile(const QString& profileId, const QString& region)
{
    const int index = m_profileCombo->findData(profileId);
    if (index < 0)
        return;
    m_updatingSelectors = true;
    m_profileCombo->setCurrentIndex(index);
    m_updatingSelectors = false;
    fillRegions(profileId, region.isEmpty() ? m_settings.regionForProfile(profileId) : region);
    connectSelected();
}

void MainWindow::fillRegions(const QString& profileId, const QString& preferred)
{
    ProfileEntry entry;
    for (const ProfileEntry& e : m_profiles.profiles()) {
        if (e.id == profileId)
            entry = e;
    }
    const Partition* partition = partitionById(entry.partition);
    if (!partition)
        partition = partitionById(QStringLiteral("aws"));
    m_updatingSelectors = true;
    m_regionCombo->clear();
    for (qsizetype i = 0; i < partition->regions.size(); ++i) {
        m_regionCombo->addItem(
            partition->regions[i] + u"  —  "_s + partition->regionDescriptions.value(i),
            partition->regions[i]);
    }
    QString region = preferred.isEmpty() ? entry.defaultRegion : preferred;
    if (region.isEmpty())
        region = QStringLiteral("us-east-1");
    int index = m_regionCombo->findData(region);
    if (index < 0) { // a region this build's partition table does not know yet
        m_regionCombo->addItem(region, region);
        index = m_regionCombo->count() - 1;
    }
    m_regionCombo->setCurrentIndex(index);
    m_updatingSelectors = false;
}

QCoro::Task<void> MainWindow::connectSelected()
{
    const quint64 generation = ++m_selectGeneration;
    const QString profileId = currentProfileId();
    const QString region = currentRegion();
    m_controller->setSession(nullptr);
    m_ui->messageBar->hideMessage();
    m_endpointLabel->setText(tr("Connecting…"));
    if (profileId.isEmpty())
        co_return;
    m_settings.setLastProfile(profileId);

    QPointer<MainWindow> self(this);
    const CancelToken cancel = Cancellation::create();
    Result<ConnectionTarget> target = co_await m_profiles.resolve(profileId, region, cancel);
    if (!self || generation != m_selectGeneration)
        co_return; // the user picked something else meanwhile
    if (!target) {
        m_endpointLabel->clear();
        showError(target.error(), tr("Connecting"));
        co_return;
    }
    auto session = EcrSession::create(m_network, m_clock, target.value());
    if (!session) {
        m_endpointLabel->clear();
        showError(session.error(), tr("Connecting"));
        co_return;
    }
    const QString account = target->accountId;
    m_model->setRegistryContext(account, region, session.value()->dnsSuffix());
    m_endpointLabel->setText(
        tr("%1 · %2 · %3")
            .arg(target->displayName, region, session.value()->endpoint().url.toDisplayString()));
    m_controller->setSession(std::move(session.value()));
    updateActions();
    co_await m_controller->refresh();
}

void MainWindow::onBusyChanged(bool busy, const QString& description)
{
    m_busyLabel->setText(description);
    m_busyLabel->setVisible(busy);
    m_busyProgress->setVisible(busy);
    m_cancelButton->setVisible(busy);
    m_cancelButton->setEnabled(busy);
}

void MainWindow::updateActions()
{
    const bool connected = m_controller->session() != nullptr;
    const auto rule = selectedRule();
    const bool hasRule = connected && rule.has_value();
    bool hasCredentials = false;
    if (rule) {
        const auto registry = rule->registry();
        hasCredentials = registry && upstreamRegistryInfo(*registry).auth != UpstreamAuth::None;
    }
    m_ui->newRuleAction->setEnabled(connected);
    m_ui->refreshAction->setEnabled(connected);
    m_ui->editCredentialsAction->setEnabled(hasRule && hasCredentials);
    m_ui->verifyAction->setEnabled(hasRule);
    m_ui->deleteAction->setEnabled(hasRule);
    m_ui->copyPullUrlAction->setEnabled(hasRule);
    updateRuleCount();
}

void MainWindow::updateRuleCount()
{
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    m_ui->ruleCountLabel->setText(shown == total
            ? tr("%n rule(s)", nullptr, total)
            : tr("%1 of %n rule(s)", nullptr, total).arg(shown));
}

std::optional<PullThroughCacheRule> MainWindow::selectedRule() const
{
    const QModelIndexList rows = m_ui->rulesTableView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const QModelIndex source = m_proxy->mapToSource(rows.first());
    if (!source.isValid() || source.row() >= m_model->rowCount())
        return std::nullopt;
    return m_model->ruleAt(source.row());
}

void MainWindow::selectPrefix(const QString& prefix)
{
    const int row = m_model->rowOfPrefix(prefix);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return;
    m_ui->rulesTableView->selectionModel()->select(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_ui->rulesTableView->setCurrentIndex(index);
    m_ui->rulesTableView->scrollTo(index);
}

QString MainWindow::pullUrlFor(const PullThroughCacheRule& rule) const
{
    const EcrSession* session = m_controller->session();
    const QString account
        = !rule.registryId.isEmpty() ? rule.registryId : session->target().accountId;
    return pullImageReference(account, session->target().region, session->dnsSuffix(),
        rule.ecrRepositoryPrefix, rule.registry().value_or(UpstreamRegistry::EcrPublic));
}

void MainWindow::showError(const AwsError& error, const QString& operation)
{
    if (error.kind == ErrorKind::Cancelled) {
        statusBar()->showMessage(tr("Cancelled."), 4000);
        return;
    }
    m_presenter.showError(this, describeError(error, operation));
}

void MainWindow::newRule()
{
    EcrSession* session = m_controller->session();
    if (!session)
        return;
    auto* dialog = new RuleFormDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QString account = session->target().accountId;
    if (account.isEmpty() && m_model->rowCount() > 0)
        account = m_model->ruleAt(0).registryId;
    dialog->setRegistryContext(account, session->target().region, session->dnsSuffix());
    connect(dialog, &RuleFormDialog::cancelRequested, m_controller, &RulesController::cancelAll);
    connect(dialog, &RuleFormDialog::createRequested, this,
        [this, dialog = QPointer<RuleFormDialog>(dialog)](const CreateRuleRequest& request) {
            m_controller->createRule(request).then(
                [this, dialog, prefix = request.ecrRepositoryPrefix](
                    const Result<EcrReply<PullThroughCacheRule>>& result) {
                    if (!dialog)
                        return;
                    if (!result) {
                        dialog->fail(result.error());
                        return;
                    }
                    dialog->succeed();
                    selectPrefix(prefix);
                    statusBar()->showMessage(result->reconciled
                            ? tr("The rule %1 already existed with these settings.").arg(prefix)
                            : tr("Created the rule %1.").arg(prefix),
                        6000);
                });
        });
    dialog->open();
}

void MainWindow::editCredentials()
{
    const auto rule = selectedRule();
    if (!rule || !m_ui->editCredentialsAction->isEnabled())
        return;
    auto* dialog = new UpdateCredentialsDialog(*rule, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UpdateCredentialsDialog::cancelRequested, m_controller,
        &RulesController::cancelAll);
    connect(dialog, &UpdateCredentialsDialog::updateRequested, this,
        [this, dialog = QPointer<UpdateCredentialsDialog>(dialog)](
            const UpdateRuleRequest& request) {
            m_controller->updateRule(request).then(
                [this, dialog, prefix = request.ecrRepositoryPrefix](
                    const Result<EcrReply<PullThroughCacheRule>>& result) {
                    if (!dialog)
                        return;
                    if (!result) {
                        dialog->fail(result.error());
                        return;
                    }
                    dialog->succeed();
                    statusBar()->showMessage(
                        tr("Updated the credentials of %1.").arg(prefix), 6000);
                });
        });
    dialog->open();
}

QCoro::Task<void> MainWindow::verifySelected()
{
    const auto rule = selectedRule();
    if (!rule)
        co_return;
    const QString prefix = rule->ecrRepositoryPrefix;
    QPointer<MainWindow> self(this);
    const auto result = co_await m_controller->validateRule(prefix);
    if (!self)
        co_return;
    if (!result) {
        showError(result.error(), tr("Verifying authentication"));
        co_return;
    }
    if (result->value.isValid) {
        m_ui->messageBar->showMessage(
            tr("Authentication for %1 works: ECR reached the upstream registry and signed in.")
                .arg(prefix),
            MessageBar::Type::Information);
        co_return;
    }
    ErrorText text;
    text.title = tr("Authentication failed");
    text.what = tr("ECR could not sign in to the upstream registry of %1: %2")
                    .arg(prefix, result->value.failure);
    text.action = tr("Check the user name and access token stored in the secret, then use Edit "
                     "credentials if the rule should use another secret.");
    text.details = tr("Request ID: %1").arg(result->requestId);
    m_presenter.showError(this, text);
}

QCoro::Task<void> MainWindow::deleteSelected()
{
    const auto rule = selectedRule();
    if (!rule)
        co_return;
    const QString prefix = rule->ecrRepositoryPrefix;
    if (!m_presenter.confirm(this, tr("Delete rule"),
            tr("Delete the pull-through cache rule '%1'?\n\nImages already cached stay in their "
               "repositories; only future caching from the upstream stops.")
                .arg(prefix),
            tr("&Delete")))
        co_return;
    QPointer<MainWindow> self(this);
    const auto result = co_await m_controller->deleteRule(prefix);
    if (!self)
        co_return;
    if (!result) {
        showError(result.error(), tr("Deleting the rule"));
        co_return;
    }
    statusBar()->showMessage(tr("Deleted the rule %1.").arg(prefix), 6000);
}

void MainWindow::copyPullUrl()
{
    const auto rule = selectedRule();
    if (!rule || !m_controller->session())
        return;
    const QString url = pullUrlFor(*rule);
    QGuiApplication::clipboard()->setText(url);
    statusBar()->showMessage(tr("Copied %1").arg(url), 6000);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About %1").arg(QApplication::applicationDisplayName()),
        tr("<b>%1</b> %2<br>Manage Amazon ECR pull-through cache rules.<br>Credentials stay in "
           "your operating system's keychain.")
            .arg(QApplication::applicationDisplayName(), QApplication::applicationVersion()));
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (m_started)
        return;
    m_started = true;
    // Profiles are resolved (and the keychain first touched) only once the window is on screen.
    QTimer::singleShot(0, this, &MainWindow::reloadProfiles);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_controller->cancelAll();
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    QMainWindow::closeEvent(event);
}

} // namespace ecr
