#pragma once

#include "AppSettings.h"
#include "AwsError.h"
#include "EcrTypes.h"
#include "ProfileDirectory.h"

#include <QCoroTask>
#include <QMainWindow>

#include <memory>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Ui {
class MainWindow;
}

namespace ecr {

class ConnectionSelector;
class MessagePresenter;
class RuleActions;
class RulesController;
class RulesFilterProxyModel;
class RulesTableModel;
class SessionFactory;

// The main window composes the widgets and routes user actions to the RulesController and the
// dialogs. It holds no protocol, validation or storage logic; the session in use is the
// controller's, and the selectors always show it.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(ProfileDirectory& profiles, SessionFactory& sessions, MessagePresenter& presenter,
        QWidget* parent = nullptr);
    ~MainWindow() override;

    // Selects a profile (and its remembered or given region) and loads its rules.
    void selectProfile(const QString& profileId, const QString& region = {});
    RulesController& controller() const { return *m_controller; }
    RulesTableModel& model() const { return *m_model; }
    QString currentProfileId() const;
    QString currentRegion() const;

Q_SIGNALS:
    void localSandboxRequested();
    void manageProfilesRequested();
    void importProfilesRequested();

protected:
    void showEvent(QShowEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void setUpStatusBar();
    void setUpTable();
    void connectActions();
    void connectController();
    void reloadProfiles();
    void onBusyChanged(bool busy, const QString& description);
    void updateActions();
    void updateRuleCount();
    void selectPrefix(const QString& prefix);
    std::optional<PullThroughCacheRule> selectedRule() const;
    void newRule();
    void editCredentials();
    void showAbout();

    std::unique_ptr<Ui::MainWindow> m_ui;
    ProfileDirectory& m_profiles;
    MessagePresenter& m_presenter;
    AppSettings m_settings;
    ConnectionSelector* m_selector;
    RulesController* m_controller;
    RulesTableModel* m_model;
    RulesFilterProxyModel* m_proxy;
    RuleActions* m_actions;
    QLabel* m_busyLabel;
    QProgressBar* m_busyProgress;
    QPushButton* m_cancelButton;
    QLabel* m_endpointLabel;
    bool m_started = false; // profiles are loaded after the first show
};

} // namespace ecr
