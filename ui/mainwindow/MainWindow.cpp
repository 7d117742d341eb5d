#include "MainWindow.h"

#include "ActionGate.h"
#include "AppIcon.h"
#include "ConnectionSelector.h"
#include "ErrorPresenter.h"
#include "MessageBar.h"
#include "MessagePresenter.h"
#include "Profile.h"
#include "RuleActions.h"
#include "RuleDetailsPane.h"
#include "RulesController.h"
#include "RulesTableModel.h"
#include "RulesView.h"
#include "ShortcutsDialog.h"
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
    , m_gate(new ActionGate(this))
{
    m_ui->setupUi(this);
    setWindowTitle(QApplication::applicationDisplayName());
    m_ui->messageBar->hideMessage();
    m_ui->profileBandLabel->hide();
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

void MainWindow::setUpToolBars()
{
    const std::tuple<QAction*, const char*, const char*> icons[] = {
        {m_ui->newRuleAction, "list-add", "new-rule"},
        {m_ui->editCredentialsAction, "document-edit", "edit"},
        {m_ui->verifyAction, "security-high", "verify"},
        {m_ui->showDetailsAction, "view-list-details", "details"},
        {m_ui->deleteAction, "edit-delete", "delete"},
        {m_ui->refreshAction, "view-refresh", "refresh"},
        {m_ui->copyPullUrlAction, "edit-copy", "copy"},
        {m_ui->manageProfilesAction, "system-users", "profiles"},
        {m_ui->localSandboxAction, "package-x-generic", "sandbox"},
        {m_ui->shortcutsAction, "preferences-desktop-keyboard", "keyboard"},
        {m_ui->documentationAction, "help-contents", "documentation"},
    };
    for (const auto& [action, theme, fallback] : icons)
        action->setIcon(actionIcon(QString::fromLatin1(theme), QString::fromLatin1(fallback)));
    m_ui->copyMenu->setIcon(actionIcon(u"edit-copy"_s, u"copy"_s));

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
        m_ui->copyMenu->menuAction(), m_ui->deleteAction, m_ui->refreshAction});
    m_view->details()->setActions({m_ui->editCredentialsAction, m_ui->verifyAction,
        m_ui->copyMenu->menuAction(), m_ui->deleteAction});

    using N = ActionGate::Needs;
    const std::pair<QAction*, N> gates[] = {{m_ui->newRuleAction, N::RoomForARule},
        {m_ui->refreshAction, N::Connection},
        {m_ui->editCredentialsAction, N::OneRuleWithCredentials}, {m_ui->verifyAction, N::OneRule},
        {m_ui->showDetailsAction, N::OneRule}, {m_ui->copyRepositoryUriAction, N::OneRule},
        {m_ui->copyPullUrlAction, N::OneRule}, {m_ui->copyDockerPullAction, N::OneRule},
        {m_ui->copyRuleJsonAction, N::OneRule},
        {m_ui->copyCredentialArnAction, N::OneRuleWithSecret}, {m_ui->deleteAction, N::SomeRules}};
    for (const auto& [action, needs] : gates)
        m_gate->add(action, needs);
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
    const auto rule = [this] {
        return m_view->currentRule();
    };
    const std::pair<QAction*, std::function<void()>> handlers[] = {
        {m_ui->quitAction,
            [this] {
                close();
            }},
        {m_ui->newRuleAction,
            [this] {
                newRule();
            }},
        {m_ui->editCredentialsAction,
            [this] {
                editCredentials();
            }},
        {m_ui->showDetailsAction,
            [this] {
                showDetails();
            }},
        {m_ui->verifyAction,
            [this, rule] {
                if (const auto r = rule())
                    m_actions->verify(r->ecrRepositoryPrefix);
            }},
        {m_ui->deleteAction,
            [this] {
                QStringList prefixes;
                for (const PullThroughCacheRule& r : m_view->selectedRules())
                    prefixes.append(r.ecrRepositoryPrefix);
                m_actions->remove(prefixes);
            }},
        {m_ui->copyRepositoryUriAction,
            [this, rule] {
                if (const auto r = rule())
                    m_actions->copyRepositoryUri(*r, m_controller->location());
            }},
        {m_ui->copyPullUrlAction,
            [this, rule] {
                if (const auto r = rule())
                    m_actions->copyPullReference(*r, m_controller->location());
            }},
        {m_ui->copyDockerPullAction,
            [this, rule] {
                if (const auto r = rule())
                    m_actions->copyDockerPull(*r, m_controller->location());
            }},
        {m_ui->copyRuleJsonAction,
            [this, rule] {
                if (const auto r = rule())
                    m_actions->copyRuleJson(*r);
            }},
        {m_ui->copyCredentialArnAction,
            [this, rule] {
                if (const auto r = rule())
                    m_actions->copyCredentialArn(*r);
            }},
        {m_ui->refreshAction,
            [this] {
                m_controller->refresh();
            }},
        {m_ui->findAction,
            [this] {
                m_view->filterEdit()->setFocus(Qt::ShortcutFocusReason);
                m_view->filterEdit()->selectAll();
            }},
        {m_ui->aboutAction,
            [this] {
                showAbout();
            }},
        {m_ui->shortcutsAction,
            [this] {
                showShortcuts();
            }},
        {m_ui->documentationAction,
            [this] {
                Q_EMIT documentationRequested();
            }},
        {m_ui->manageProfilesAction,
            [this] {
                Q_EMIT manageProfilesRequested();
            }},
        {m_ui->localSandboxAction,
            [this] {
                Q_EMIT localSandboxRequested();
            }},
        {m_ui->sandboxDetailsAction,
            [this] {
                Q_EMIT sandboxDetailsRequested();
            }},
    };
    for (const auto& [action, handler] : handlers)
        connect(action, &QAction::triggered, this, [this, handler = handler] {
            beginAction();
            handler();
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
    connect(c, &RulesController::busyChanged, this, &MainWindow::onBusyChanged);
    connect(c, &RulesController::connecting, this, [this] {
        m_endpointLabel->setText(tr("Connecting…"));
        m_view->setState(RulesView::State::Loading, tr("Connecting…"));
        m_selector->setIdentity({}, tr("connecting…"), {});
        showMarker();
        updateActions();
    });
    connect(c, &RulesController::connected, this, [this] {
        const EcrSession* session = m_controller->session();
        m_model->setRegistryLocation(m_controller->location());
        m_endpointLabel->setText(tr("%1 · %2").arg(
            session->target().displayName, session->endpoint().url.toDisplayString()));
        m_selector->setIdentity(m_controller->location().accountId, tr("identity…"), {});
        updateActions();
    });
    connect(c, &RulesController::identityKnown, this, [this](const CallerIdentity& identity) {
        const bool sandbox = m_controller->profileId() == u"sandbox"_s;
        m_model->setRegistryLocation(m_controller->location());
        m_selector->setIdentity(identity.account,
            sandbox ? tr("Local sandbox") : describePrincipal(identity), identity.arn);
        showMarker();
    });
    connect(c, &RulesController::identityFailed, this, [this](const AwsError& error) {
        m_selector->setIdentity(m_controller->location().accountId, tr("identity unknown"),
            describeError(error, tr("Asking STS who this is")).what);
    });
    connect(c, &RulesController::connectFailed, this, [this](const AwsError& error) {
        m_endpointLabel->clear();
        m_selector->setIdentity({}, tr("not connected"), {});
        const ErrorText text = describeError(error, tr("Connecting"));
        m_view->setState(RulesView::State::NotConnected, inlineErrorText(text));
        if (error.kind == ErrorKind::Cancelled)
            statusBar()->showMessage(tr("Cancelled."), 4000);
        else
            m_presenter.showError(this, text);
    });
    connect(c, &RulesController::rulesCleared, this, [this] {
        m_model->setRules({});
        updateActions();
    });
    connect(c, &RulesController::refreshStarted, this,
        [this] { m_view->setState(RulesView::State::Loading); });
    connect(c, &RulesController::refreshCancelled, this,
        [this] { m_view->setState(RulesView::State::Cancelled); });
    connect(
        c, &RulesController::rulesLoaded, this, [this](const QList<PullThroughCacheRule>& rules) {
            const auto selected = m_view->currentRule();
            m_model->setRules(rules);
            m_view->setState(RulesView::State::Rows);
            m_view->setRefreshedAt(QDateTime::currentDateTime());
            statusBar()->showMessage(tr("Loaded %n rule(s).", nullptr, int(rules.size())), 4000);
            if (selected)
                m_view->selectPrefix(selected->ecrRepositoryPrefix);
            updateActions();
        });
    connect(c, &RulesController::loadProgress, this, [this](int loaded) {
        m_busyLabel->setText(tr("Loading rules… %n loaded", nullptr, loaded));
    });
    connect(c, &RulesController::refreshFailed, this, [this](const AwsError& error) {
        const QString text = inlineErrorText(describeError(error, tr("Loading the rules")));
        m_view->setState(RulesView::State::Failed, text);
        m_ui->messageBar->showMessage(text, MessageBar::Type::Error, tr("&Retry"));
    });
    connect(c, &RulesController::ruleChanged, this, [this](const PullThroughCacheRule& rule) {
        m_model->upsertRule(rule);
        m_view->setState(RulesView::State::Rows);
        updateActions();
    });
    connect(c, &RulesController::ruleRemoved, this, [this](const QString& prefix) {
        m_model->removeRule(prefix);
        updateActions();
    });
}

void MainWindow::fitToScreen()
{
    const QRect available
        = (screen() ? screen() : QApplication::primaryScreen())->availableGeometry();
    setMinimumSize(QSize(640, 420).boundedTo(available.size()));
    if (restoreGeometry(m_settings.windowGeometry()) && available.contains(frameGeometry()))
        return;
    resize(QSize(1280, 720).boundedTo(available.size() * 0.95));
    move(available.center() - QPoint(width() / 2, height() / 2));
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
        return;
    }
    if (entries.isEmpty()) {
        m_controller->disconnectSession();
        m_endpointLabel->clear();
        showMarker();
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

void MainWindow::showMarker()
{
    ProfileEntry entry;
    for (const ProfileEntry& e : m_profiles.profiles()) {
        if (e.id == m_controller->profileId())
            entry = e;
    }
    const ProfileColor* color = profileColor(entry.color);
    const QString label = entry.label.isEmpty() && color ? color->displayName : entry.label;
    QLabel* band = m_ui->profileBandLabel;
    band->setVisible(!label.isEmpty());
    if (label.isEmpty()) {
        m_actions->setMarker({}, {}, {});
        return;
    }
    const QColor background(color ? color->background : u"#546e7a"_s);
    const QColor foreground(color ? color->foreground : u"#ffffff"_s);
    const RegistryLocation where = m_controller->location();
    band->setText(tr("%1  ·  %2  ·  account %3  ·  %4")
                      .arg(label.toUpper(), entry.displayName,
                          where.accountId.isEmpty() ? tr("unknown") : where.accountId,
                          m_controller->region()));
    QPalette palette = band->palette();
    palette.setColor(QPalette::Window, background);
    palette.setColor(QPalette::WindowText, foreground);
    band->setPalette(palette);
    m_actions->setMarker(label.toUpper(), background, foreground);
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
    m_gate->update(
        m_controller->session() != nullptr, m_view->selectedRules(), m_model->rowCount());
    m_view->details()->setRule(m_view->currentRule(), m_controller->location());
}

void MainWindow::beginAction()
{
    if (!m_ui->messageBar->isHidden())
        m_ui->messageBar->hideMessage();
}

void MainWindow::newRule()
{
    if (!m_ui->newRuleAction->isEnabled())
        return;
    RegistryLocation location = m_controller->location();
    if (location.accountId.isEmpty() && m_model->rowCount() > 0)
        location.accountId = m_model->ruleAt(0).registryId;
    m_actions->newRule(location, m_model->rules());
}

void MainWindow::editCredentials()
{
    if (const auto rule = m_view->currentRule(); rule && m_ui->editCredentialsAction->isEnabled())
        m_actions->editCredentials(*rule, m_controller->location());
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
