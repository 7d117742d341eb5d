#pragma once

#include "AppSettings.h"
#include "ProfileDirectory.h"

#include <QCoroTask>
#include <QMainWindow>

#include <memory>

class QComboBox;
class QLabel;
class QNetworkAccessManager;
class QProgressBar;
class QPushButton;

namespace Ui {
class MainWindow;
}

namespace ecr {

class Clock;
class MessagePresenter;
class RulesController;
class RulesFilterProxyModel;
class RulesTableModel;
struct PullThroughCacheRule;

// The main window composes the widgets and routes user actions to the RulesController and the
// dialogs. It holds no protocol, validation or storage logic.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(ProfileDirectory& profiles, QNetworkAccessManager& network, const Clock& clock,
        MessagePresenter& presenter, QWidget* parent = nullptr);
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
    void setUpToolBar();
    void setUpStatusBar();
    void setUpTable();
    void connectActions();
    void reloadProfiles();
    void fillRegions(const QString& profileId, const QString& preferred);
    QCoro::Task<void> connectSelected();
    void onBusyChanged(bool busy, const QString& description);
    void updateActions();
    void updateRuleCount();
    void selectPrefix(const QString& prefix);
    std::optional<PullThroughCacheRule> selectedRule() const;
    QString pullUrlFor(const PullThroughCacheRule& rule) const;
    void showError(const AwsError& error, const QString& operation);

    void newRule();
    void editCredentials();
    QCoro::Task<void> verifySelected();
    QCoro::Task<void> deleteSelected();
    void copyPullUrl();
    void showAbout();

    std::unique_ptr<Ui::MainWindow> m_ui;
    ProfileDirectory& m_profiles;
    QNetworkAccessManager& m_network;
    const Clock& m_clock;
    MessagePresenter& m_presenter;
    AppSettings m_settings;
    RulesController* m_controller;
    RulesTableModel* m_model;
    RulesFilterProxyModel* m_proxy;
    QComboBox* m_profileCombo;
    QComboBox* m_regionCombo;
    QLabel* m_busyLabel;
    QProgressBar* m_busyProgress;
    QPushButton* m_cancelButton;
    QLabel* m_endpointLabel;
    quint64 m_selectGeneration = 0;
    bool m_updatingSelectors = false;
    bool m_started = false; // profiles are loaded after the first show
};

} // namespace ecr
