#include "MainWindow.h"

#include "ConnectionSelector.h"
#include "ErrorPresenter.h"
#include "MessageBar.h"
#include "MessagePresenter.h"
#include "RuleActions.h"
#include "RulesController.h"
#include "RulesFilterProxyModel.h"
#include "RulesTableModel.h"
#include "ui_MainWindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace ecr {

MainWindow::MainWindow(ProfileDirectory& profiles, SessionFactory& sessions,
    MessagePresenter& presenter, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_profiles(profiles)
    , m_presenter(presenter)
    , m_controller(new RulesController(sessions, this))
    , m_model(new RulesTableModel(this))
    , m_proxy(new RulesFilterProxyModel(this))
    , m_actions(new RuleActions(*m_controller, presenter, this))
{
    m_ui->setupUi(this);
    setWindowTitle(QApplication::applicationDisplayName());
    m_ui->messageBar->hideMessage();
    m_selector = new ConnectionSelector(m_settings, m_ui->mainToolBar, this);
    m_ui->mainToolBar->addSeparator();
    m_ui->mainToolBar->addActions({m_ui->newRuleAction, m_ui->editCredentialsAction,
        m_ui->verifyAction, m_ui->deleteAction, m_ui->copyPullUrlAction});
    m_ui->mainToolBar->addSeparator();
    m_ui->mainToolBar->addAction(m_ui->refreshAction);
    setUpStatusBar();
    setUpTable();
    connectActions();
    connectController();
    m_ui->pagesStackedWidget->setCurrentWidget(m_ui->rulesPage);
    updateActions();

    restoreGeometry(m_settings.windowGeometry());
    restoreState(m_settings.windowState());
}

MainWindow::~MainWindow() = default;

void MainWindow::setUpStatusBar()
{
    m_endpointLabel = new QLabel(this);
    m_busyLabel = new QLabel(this);
    m_busyProgress = new QProgressBar(this);
    m_busyProgress->setRange(0, 0);
    m_busyProgress->setMaximumWidth(140);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(u"cancelButton"_s);
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
    QHeaderView* header = view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    const std::pair<RulesTableModel::Column, int> widths[] = {{RulesTableModel::Prefix, 120},
        {RulesTableModel::Upstream, 200}, {RulesTableModel::UpstreamUrl, 190},
        {RulesTableModel::UpstreamPrefix, 90}, {RulesTableModel::CredentialArn, 220},
        {RulesTableModel::CustomRoleArn, 140}, {RulesTableModel::RegistryId, 105},
        {RulesTableModel::Created, 125}, {RulesTableModel::Updated, 125}};
    for (const auto& [column, width] : widths)
        header->resizeSection(column, width);
    view->addActions({m_ui->editCredentialsAction, m_ui->verifyAction, m_ui->copyPullUrlAction,
        m_ui->deleteAction, m_ui->refreshAction});
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &MainWindow::updateActions);
    connect(view, &QTableView::activated, this, &MainWindow::editCredentials);
    connect(m_ui->filterLineEdit, &QLineEdit::textChanged, m_proxy,
        &RulesFilterProxyModel::setFilterText);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &MainWindow::updateRuleCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateRuleCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateRuleCount);
}

void MainWindow::connectActions()
{
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->newRuleAction, &QAction::triggered, this, &MainWindow::newRule);
    connect(m_ui->editCredentialsAction, &QAction::triggered, this, &MainWindow::editCredentials);
    connect(m_ui->verifyAction, &QAction::triggered, this, [this] {
        if (const auto rule = selectedRule())
            m_actions->verify(rule->ecrRepositoryPrefix);
    });
    connect(m_ui->deleteAction, &QAction::triggered, this, [this] {
        if (const auto rule = selectedRule())
            m_actions->remove(rule->ecrRepositoryPrefix);
    });
    connect(m_ui->copyPullUrlAction, &QAction::triggered, this, [this] {
        if (const auto rule = selectedRule(); rule && m_controller->session())
            m_actions->copyPullReference(*rule, m_controller->location());
    });
    connect(m_actions, &RuleActions::notice, this,
        [this](const QString& text) { statusBar()->showMessage(text, 6000); });
    connect(m_actions, &RuleActions::information, this, [this](const QString& text) {
        m_ui->messageBar->showMessage(text, MessageBar::Type::Information);
    });
    connect(m_actions, &RuleActions::ruleCreated, this, &MainWindow::selectPrefix);
    const auto retry = [this] {
        m_ui->messageBar->hideMessage();
        m_controller->refresh();
    };
    connect(m_ui->refreshAction, &QAction::triggered, this, retry);
    connect(m_ui->messageBar, &MessageBar::actionTriggered, this, retry);
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
    connect(m_cancelButton, &QPushButton::clicked, m_controller, &RulesController::cancelAll);
    connect(&m_profiles, &ProfileDirectory::profilesChanged, this, &MainWindow::reloadProfiles);
    connect(m_selector, &ConnectionSelector::selectionChanged, this,
        [this](const QString& profileId, const QString& region) {
            m_settings.setLastProfile(profileId);
            m_controller->connectTo(profileId, region);
        });
}

void MainWindow::connectController()
{
    connect(m_controller, &RulesController::busyChanged, this, &MainWindow::onBusyChanged);
    connect(m_controller, &RulesController::connecting, this, [this] {
        m_ui->messageBar->hideMessage();
        m_endpointLabel->setText(tr("Connecting…"));
        updateActions();
    });
    connect(m_controller, &RulesController::connected, this, [this] {
        const EcrSession* session = m_controller->session();
        m_model->setRegistryLocation(m_controller->location());
        m_endpointLabel->setText(tr("%1 · %2 · %3")
                                     .arg(session->target().displayName, m_controller->region(),
                                         session->endpoint().url.toDisplayString()));
        updateActions();
    });
    connect(m_controller, &RulesController::connectFailed, this, [this](const AwsError& error) {
        m_endpointLabel->clear();
        if (error.kind == ErrorKind::Cancelled)
            statusBar()->showMessage(tr("Cancelled."), 4000);
        else
            m_presenter.showError(this, describeError(error, tr("Connecting")));
    });
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
        m_ui->messageBar->showMessage(
            inlineErrorText(describeError(error, tr("Loading the rules"))), MessageBar::Type::Error,
            tr("&Retry"));
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
}

QString MainWindow::currentProfileId() const
{
    return m_selector->profileId();
}

QString MainWindow::currentRegion() const
{
    return m_selector->region();
}

void MainWindow::reloadProfiles()
{
    const QList<ProfileEntry> entries = m_profiles.profiles();
    m_ui->pagesStackedWidget->setCurrentWidget(
        entries.isEmpty() ? m_ui->welcomePage : m_ui->rulesPage);
    // The entry in use stays selected; only if it is gone does the window move to another.
    if (m_selector->setProfiles(entries, m_controller->profileId())) {
        m_selector->choose(m_controller->profileId(), m_controller->region());
        return;
    }
    if (entries.isEmpty()) {
        m_controller->disconnectSession();
        m_endpointLabel->clear();
        updateActions();
        return;
    }
    selectProfile(m_selector->fallbackProfile());
}

void MainWindow::selectProfile(const QString& profileId, const QString& region)
{
    if (!m_selector->choose(profileId, region))
        return;
    m_settings.setLastProfile(profileId);
    m_controller->connectTo(profileId, m_selector->region());
}

void MainWindow::onBusyChanged(bool busy, const QString& description)
{
    m_busyLabel->setText(description);
    for (QWidget* widget : QList<QWidget*>{m_busyLabel, m_busyProgress, m_cancelButton})
        widget->setVisible(busy);
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

void MainWindow::newRule()
{
    if (!m_controller->session())
        return;
    RegistryLocation location = m_controller->location();
    if (location.accountId.isEmpty() && m_model->rowCount() > 0)
        location.accountId = m_model->ruleAt(0).registryId;
    m_actions->newRule(location);
}

void MainWindow::editCredentials()
{
    if (const auto rule = selectedRule(); rule && m_ui->editCredentialsAction->isEnabled())
        m_actions->editCredentials(*rule);
}

void MainWindow::showAbout()
{
    m_presenter.showInformation(this, tr("About %1").arg(QApplication::applicationDisplayName()),
        tr("%1 %2\nManage Amazon ECR pull-through cache rules.\nCredentials stay in your "
           "operating system's keychain.")
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
