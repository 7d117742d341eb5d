#pragma once

#include "AppSettings.h"
#include "AwsError.h"
#include "EcrTypes.h"
#include "ProfileDirectory.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Ui {
class MainWindow;
}

namespace ecr {

class ActionGate;
class ConnectionSelector;
class MessagePresenter;
class ProfileBand;
class FleetActions;
class RuleActions;
class RulesController;
class RulesTableModel;
class RulesView;
class SessionFactory;

// The main window composes the widgets and routes user actions to the RulesController, the
// rule actions and the dialogs. It holds no protocol, validation or storage logic; the session
// in use is the controller's, and the selectors, the identity and the profile's band always
// show it.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(ProfileDirectory& profiles, SessionFactory& sessions, MessagePresenter& presenter,
        QWidget* parent = nullptr);
    ~MainWindow() override;

    // Selects a profile (and its remembered or given region) and loads its rules.
    void selectProfile(const QString& profileId, const QString& region = {});
    // What to open when the profiles are first read (--profile, --region), instead of the
    // last one used; an empty profile keeps the usual choice and opens it in `region`.
    void setStartupChoice(const QString& profileId, const QString& region);
    RulesController& controller() const { return *m_controller; }
    RulesTableModel& model() const { return *m_model; }
    RulesView& rulesView() const { return *m_view; }
    QString currentProfileId() const;
    QString currentRegion() const;

Q_SIGNALS:
    void localSandboxRequested();
    void sandboxDetailsRequested();
    void manageProfilesRequested();
    void importProfilesRequested();
    void documentationRequested();
    void logFolderRequested(); // Help › Open log folder

protected:
    void showEvent(QShowEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void setUpToolBars();
    void setUpStatusBar();
    void connectActions();
    void connectController();
    void fitToScreen();
    void reloadProfiles();
    void showMarker();
    void onBusyChanged(bool busy, const QString& description);
    void updateActions();
    void showDetails();
    // Cached Repositories of the selected rule, and what it opens from there.
    enum class CacheView
    {
        Repositories,
        TestPull,
        MirrorConfig,
    };
    void openCache(CacheView view);
    void openActivityLog();
    void showShortcuts();
    void showAbout();
    // Starts what the user asked for: nothing of an earlier action stays on screen.
    void beginAction();

    std::unique_ptr<Ui::MainWindow> m_ui;
    ProfileDirectory& m_profiles;
    MessagePresenter& m_presenter;
    AppSettings m_settings;
    ConnectionSelector* m_selector;
    std::unique_ptr<ProfileBand> m_band;
    RulesController* m_controller;
    RulesTableModel* m_model;
    RulesView* m_view;
    RuleActions* m_actions;
    FleetActions* m_fleet; // Rules › Fleet view and Copy to other registries
    ActionGate* m_gate;
    QLabel* m_busyLabel;
    QProgressBar* m_busyProgress;
    QPushButton* m_cancelButton;
    QLabel* m_endpointLabel;
    QString m_connectedRevision; // the profile's connectionRevision() when the session opened
    QString m_startupProfile;
    QString m_startupRegion;
    bool m_started = false; // profiles are loaded after the first show
};

} // namespace ecr
