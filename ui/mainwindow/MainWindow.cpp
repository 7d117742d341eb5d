// Over 400 lines on purpose: the window composes selectors, the rules view, the status bar and
// every action's wiring; what the actions do lives in RuleActions and the cache dialogs.
#include "MainWindow.h"

#include "ActionGate.h"
#include "ActivityDialog.h"
#include "AppIcon.h"
#include "CacheDialog.h"
#include "ConnectionSelector.h"
#include "CopyDialog.h"
#include "ErrorPresenter.h"
#include "FleetActions.h"
#include "FleetDialog.h"
#include "MessageBar.h"
#include "MessagePresenter.h"
#include "ProfileBand.h"
#include "RegistryPicker.h"
#include "RuleActions.h"
#include "RuleDetailsPane.h"
#include "RulesController.h"
#include "RulesTableModel.h"
#include "RulesView.h"
#include "ShortcutsDialog.h"
#include "WindowActions.h"
#include "ui_MainWindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>

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
    , m_actions(new RuleActions(*m_controller, presenter, this))
    , m_fleet(new FleetActions(profiles, *m_controller, this))
    , m_gate(new ActionGate(this))
{
    m_ui->setupUi(this);
    setWindowTitle(QApplication::applicationDisplayName());
    m_ui->messageBar->hideMessage();
    m_band = std::make_unique<ProfileBand>(m_ui->profileBandLabel);
    m_view = new RulesView(*m_model, m_settings, m_ui->rulesPage);
    m_ui->rulesLayout->addWidget(m_view);
    m_selector = new ConnectionSelector(m_settings, m_ui->connectionToolBar, this);
    setUpToolBars();
    setUpStatusBar();
    connectActions();
    connectController();
    m_ui->pagesStackedWidget->setCurrentWidget(m_ui->rulesPage);
    updateActions();
    fitToScreen();
    restoreState(m_settings.windowState());
}

MainWindow::~MainWindow() = default;

void MainWindow::openActivityLog()
{
    ActivityLog* log = m_controller->activityLog();
    if (!log) {
        m_ui->messageBar->showNotice(tr("This window keeps no activity log."));
        return;
    }
    if (auto* open = findChild<ActivityDialog*>()) {
        open->reload();
        open->raise();
        open->activateWindow();
        return;
    }
    auto* dialog = new ActivityDialog(*log, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::openCache(CacheView view)
{
    const std::optional<PullThroughCacheRule> rule = m_view->currentRule();
    if (!rule || !m_controller->session())
        return;
    // One window per rule: asking again brings it forward.
    CacheDialog* dialog = nullptr;
    for (CacheDialog* open : findChildren<CacheDialog*>()) {
        if (open->rule().ecrRepositoryPrefix == rule->ecrRepositoryPrefix)
            dialog = open;
    }
    if (!dialog) {
        QStringList others;
        for (const PullThroughCacheRule& r : m_model->rules()) {
            if (r.ecrRepositoryPrefix != rule->ecrRepositoryPrefix)
                others.append(r.ecrRepositoryPrefix);
        }
        dialog = new CacheDialog(*m_controller, m_presenter, *rule, others, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &CacheDialog::templateRequested, m_actions, &RuleActions::openTemplateFor);
        dialog->show();
        dialog->load();
    } else {
        dialog->raise();
        dialog->activateWindow();
    }
    if (view == CacheView::TestPull)
        dialog->openTestPull();
    else if (view == CacheView::MirrorConfig)
        dialog->openMirrorConfig();
}

void MainWindow::setUpToolBars()
{
    decorateActions(*m_ui);

    QToolBar* bar = m_ui->mainToolBar;
    bar->addActions({m_ui->newRuleAction, m_ui->editCredentialsAction, m_ui->verifyAction,
        m_ui->showDetailsAction, m_ui->copyMenu->menuAction(), m_ui->deleteAction});
    bar->addSeparator();
    bar->addAction(m_ui->refreshAction);
    if (auto* copyButton
        = qobject_cast<QToolButton*>(bar->widgetForAction(m_ui->copyMenu->menuAction())))
        copyButton->setPopupMode(QToolButton::InstantPopup);

    QTableView* table = m_view->table();
    table->addActions({m_ui->showDetailsAction, m_ui->editCredentialsAction, m_ui->verifyAction,
        m_ui->cachedRepositoriesAction, m_ui->testPullAction, m_ui->copyMenu->menuAction(),
        m_ui->deleteAction, m_ui->refreshAction});
    m_view->details()->setActions({m_ui->editCredentialsAction, m_ui->verifyAction,
        m_ui->copyMenu->menuAction(), m_ui->deleteAction});

    gateActions(*m_ui, *m_gate);
}

void MainWindow::setUpStatusBar()
{
    m_endpointLabel = new QLabel(this);
    m_endpointLabel->setObjectName(u"endpointLabel"_s);
    m_busyLabel = new QLabel(this);
    m_busyProgress = new QProgressBar(this);
    m_busyProgress->setRange(0, 0);
    m_busyProgress->setMaximumWidth(140);
    m_cancelButton
        = new QPushButton(actionIcon(u"process-stop"_s, u"cancel"_s), tr("Cancel"), this);
    m_cancelButton->setObjectName(u"cancelButton"_s);
    m_cancelButton->setToolTip(tr("Stop the request in flight (Esc)"));
    m_cancelButton->setShortcut(QKeySequence(Qt::Key_Escape));
    statusBar()->addWidget(m_endpointLabel, 1);
    statusBar()->addPermanentWidget(m_busyLabel);
    statusBar()->addPermanentWidget(m_busyProgress);
    statusBar()->addPermanentWidget(m_cancelButton);
    onBusyChanged(false, {});
}

void MainWindow::connectActions()
{
    // Whatever the user starts first clears what an earlier action left on screen.
    for (QAction* action : findChildren<QAction*>()) {
        if (action->objectName().endsWith(u"Action"_s))
            connect(action, &QAction::triggered, this, &MainWindow::beginAction);
    }
    m_actions->attach(*m_view);
    m_actions->setTemplateCopier([this](const RepositoryCreationTemplate& t, QWidget* parent) {
        m_fleet->copyTemplate(t, parent);
    });
    // Each rule action runs only while enabled (a shortcut may fire on a disabled one). Written
    // as one lambda per action: a table of member-function pointers called from a lambda made
    // GCC 12's AddressSanitizer build read outside the slot's stack frame.
    RuleActions* const actions = m_actions;
    const auto whenEnabled = [actions](QAction* action, auto run) {
        QObject::connect(action, &QAction::triggered, actions, [action, run, actions] {
            if (action->isEnabled())
                run(actions);
        });
    };
    whenEnabled(m_ui->newRuleAction, [](RuleActions* r) { r->newRuleInView(); });
    whenEnabled(m_ui->editCredentialsAction, [](RuleActions* r) { r->editSelected(); });
    whenEnabled(m_ui->verifyAction, [](RuleActions* r) { r->verifySelected(); });
    whenEnabled(m_ui->deleteAction, [](RuleActions* r) { r->deleteSelected(); });
    whenEnabled(
        m_ui->copyRepositoryUriAction, [](RuleActions* r) { r->copySelectedRepositoryUri(); });
    whenEnabled(m_ui->copyPullUrlAction, [](RuleActions* r) { r->copySelectedPullReference(); });
    whenEnabled(m_ui->copyDockerPullAction, [](RuleActions* r) { r->copySelectedDockerPull(); });
    whenEnabled(m_ui->copyRuleJsonAction, [](RuleActions* r) { r->copySelectedRuleJson(); });
    whenEnabled(
        m_ui->copyCredentialArnAction, [](RuleActions* r) { r->copySelectedCredentialArn(); });
    whenEnabled(m_ui->templatesAction, [](RuleActions* r) { r->openTemplates(); });
    whenEnabled(m_ui->checkAction, [](RuleActions* r) { r->checkSelected(); });
    whenEnabled(m_ui->exportAction, [](RuleActions* r) { r->exportSelected(); });
    const std::pair<QAction*, CacheView> cacheActions[] = {
        {m_ui->cachedRepositoriesAction, CacheView::Repositories},
        {m_ui->testPullAction, CacheView::TestPull},
        {m_ui->mirrorConfigAction, CacheView::MirrorConfig},
    };
    for (const auto& entry : cacheActions) {
        QAction* const action = entry.first;
        const CacheView view = entry.second;
        connect(action, &QAction::triggered, this, [this, action, view] {
            if (action->isEnabled())
                openCache(view);
        });
    }
    const std::pair<QAction*, void (MainWindow::*)()> windowActions[] = {
        {m_ui->showDetailsAction, &MainWindow::showDetails},
        {m_ui->activityLogAction, &MainWindow::openActivityLog},
        {m_ui->aboutAction, &MainWindow::showAbout},
        {m_ui->shortcutsAction, &MainWindow::showShortcuts},
        {m_ui->documentationAction, &MainWindow::documentationRequested},
        {m_ui->logFolderAction, &MainWindow::logFolderRequested},
        {m_ui->manageProfilesAction, &MainWindow::manageProfilesRequested},
        {m_ui->localSandboxAction, &MainWindow::localSandboxRequested},
        {m_ui->sandboxDetailsAction, &MainWindow::sandboxDetailsRequested},
    };
    for (const auto& [action, slot] : windowActions)
        connect(action, &QAction::triggered, this, slot);
    connect(m_ui->fleetViewAction, &QAction::triggered, m_fleet, &FleetActions::openFleet);
    connect(m_ui->copyToRegistriesAction, &QAction::triggered, m_fleet,
        [this] { m_fleet->copyRules(m_view->selectedRules()); });
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->refreshAction, &QAction::triggered, m_controller,
        [this] { m_controller->refresh(); });
    connect(m_ui->findAction, &QAction::triggered, this, [this] {
        m_view->filterEdit()->setFocus(Qt::ShortcutFocusReason);
        m_view->filterEdit()->selectAll();
    });
    connect(
        m_ui->useSandboxButton, &QPushButton::clicked, this, &MainWindow::localSandboxRequested);
    connect(
        m_ui->addProfileButton, &QPushButton::clicked, this, &MainWindow::manageProfilesRequested);
    connect(m_ui->importProfilesButton, &QPushButton::clicked, this,
        &MainWindow::importProfilesRequested);
    connect(m_ui->messageBar, &MessageBar::actionTriggered, this, [this] {
        beginAction();
        m_controller->refresh();
    });
    connect(m_view, &RulesView::retryRequested, m_ui->refreshAction, &QAction::trigger);
    connect(m_view, &RulesView::newRuleRequested, m_ui->newRuleAction, &QAction::trigger);
    connect(m_view, &RulesView::selectionChanged, this, &MainWindow::updateActions);
    connect(m_view, &RulesView::ruleActivated, this, &MainWindow::showDetails);
    connect(m_cancelButton, &QPushButton::clicked, m_controller, &RulesController::cancelAll);
    connect(&m_profiles, &ProfileDirectory::profilesChanged, this, &MainWindow::reloadProfiles);
    connect(m_selector, &ConnectionSelector::selectionChanged, this,
        [this](const QString& profileId, const QString& region) {
            beginAction();
            m_settings.setLastProfile(profileId);
            m_controller->connectTo(profileId, region);
        });
    connect(m_actions, &RuleActions::notice, this,
        [this](const QString& text) { m_ui->messageBar->showNotice(text); });
    connect(m_actions, &RuleActions::information, this,
        [this](const QString& text) { m_ui->messageBar->showNotice(text); });
    connect(m_actions, &RuleActions::ruleCreated, m_view, &RulesView::selectPrefix);
}

void MainWindow::connectController()
{
    RulesController* c = m_controller;
    m_view->follow(*c);
    connect(m_view, &RulesView::contentChanged, this, &MainWindow::updateActions);
    connect(c, &RulesController::busyChanged, this, &MainWindow::onBusyChanged);
    connect(c, &RulesController::connecting, this, [this](const QString& profileId) {
        m_connectedRevision = m_profiles.connectionRevision(profileId);
        m_endpointLabel->setText(tr("Connecting…"));
        showMarker();
    });
    connect(c, &RulesController::connected, this, [this] {
        const EcrSession* session = m_controller->session();
        m_endpointLabel->setText(tr("%1 · %2").arg(
            session->target().displayName, session->endpoint().url.toDisplayString()));
    });
    m_selector->followIdentity(*c);
    connect(c, &RulesController::identityKnown, this, &MainWindow::showMarker);
    connect(c, &RulesController::connectFailed, this, [this](const AwsError& error) {
        updateActions();
        m_endpointLabel->clear();
        if (error.kind == ErrorKind::Cancelled)
            statusBar()->showMessage(tr("Cancelled."), 4000);
        else
            m_presenter.showError(this, describeError(error, tr("Connecting")));
    });
    connect(
        c, &RulesController::rulesLoaded, this, [this](const QList<PullThroughCacheRule>& rules) {
            statusBar()->showMessage(tr("Loaded %n rule(s).", nullptr, int(rules.size())), 4000);
        });
    connect(c, &RulesController::loadProgress, this, [this](int loaded) {
        m_busyLabel->setText(tr("Loading rules… %n loaded", nullptr, loaded));
    });
    connect(c, &RulesController::activityLogFailed, this, [this](const QString& message) {
        m_ui->messageBar->showMessage(
            tr("The change was made, but the activity log could not record it: %1").arg(message),
            MessageBar::Type::Warning);
    });
    connect(c, &RulesController::refreshFailed, this, [this](const AwsError& error) {
        m_ui->messageBar->showMessage(
            inlineErrorText(describeError(error, tr("Loading the rules"))), MessageBar::Type::Error,
            tr("&Retry"));
    });
}

void MainWindow::fitToScreen()
{
    const QRect available
        = (screen() ? screen() : QApplication::primaryScreen())->availableGeometry();
    // The frame (title bar, borders) is known once shown; until then, room for a usual one.
    const QSize frame = isVisible() ? frameGeometry().size() - geometry().size() : QSize(16, 48);
    const QSize room = (available.size() - frame).expandedTo(QSize(200, 150));
    setMinimumSize(QSize(640, 420).boundedTo(room));
    if (restoreGeometry(m_settings.windowGeometry()) && available.contains(frameGeometry()))
        return;
    resize(QSize(1280, 720).boundedTo(room * 0.95));
    move(available.center() - QPoint(frameGeometry().width() / 2, frameGeometry().height() / 2));
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
        showMarker(); // its label or colour may have changed
        // Its settings, keys or source profiles changed: the open session is not theirs.
        if (m_profiles.connectionRevision(m_controller->profileId()) != m_connectedRevision)
            m_controller->connectTo(m_controller->profileId(), m_controller->region());
        return;
    }
    if (entries.isEmpty()) {
        m_controller->disconnectSession();
        m_endpointLabel->clear();
        showMarker();
        updateActions();
        return;
    }
    const QString startupProfile = std::exchange(m_startupProfile, QString());
    const QString startupRegion = std::exchange(m_startupRegion, QString());
    if (!startupProfile.isEmpty() && m_selector->choose(startupProfile, startupRegion)) {
        selectProfile(startupProfile, startupRegion);
        return;
    }
    selectProfile(m_selector->fallbackProfile(), startupRegion);
}

void MainWindow::setStartupChoice(const QString& profileId, const QString& region)
{
    m_startupProfile = profileId;
    m_startupRegion = region;
}

void MainWindow::selectProfile(const QString& profileId, const QString& region)
{
    if (!m_selector->choose(profileId, region))
        return;
    m_settings.setLastProfile(profileId);
    m_controller->connectTo(profileId, m_selector->region());
}

void MainWindow::showMarker()
{
    ProfileEntry entry;
    for (const ProfileEntry& e : m_profiles.profiles()) {
        if (e.id == m_controller->profileId())
            entry = e;
    }
    const ProfileBand::Marker marker = m_band->show(entry, m_controller->location());
    m_actions->setMarker(marker.text, marker.background, marker.foreground);
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
    m_gate->update(!m_controller->profileId().isEmpty(), m_controller->session() != nullptr,
        m_view->selectedRules(), m_model->rowCount());
    m_view->details()->setRule(m_view->currentRule(), m_controller->location());
}

void MainWindow::beginAction()
{
    if (!m_ui->messageBar->isHidden())
        m_ui->messageBar->hideMessage();
}

void MainWindow::showDetails()
{
    // The pane may have been collapsed with the splitter: open it again.
    if (auto* splitter = m_view->findChild<QSplitter*>(u"rulesSplitter"_s);
        splitter && splitter->sizes().value(1) == 0)
        splitter->setSizes({splitter->width() * 2 / 3, splitter->width() / 3});
    m_view->details()->focusFirstField();
}

void MainWindow::showShortcuts()
{
    auto* dialog = new ShortcutsDialog(findChildren<QAction*>(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
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
    m_view->saveLayout();
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    QMainWindow::closeEvent(event);
}

} // namespace ecr
