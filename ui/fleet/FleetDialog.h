#pragma once

#include "FleetFetch.h"
#include "FleetModel.h"
#include "FleetProxyModel.h"
#include "ProfileDirectory.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTimer;
class QTreeView;

namespace ecr {

class ActivityLog;
class RegistryPicker;

// The fleet view (Rules › Fleet view): pick profiles (an SSO sign-in's every account and role
// too) and regions, read every registry at once — bounded overall and per region, with a
// progress bar and Stop — and see every rule with its profile, account and region; a registry
// that failed shows its error in its own row; a prefix that is not the same everywhere is
// marked. Selected rules can be copied to other registries.
class FleetDialog final : public QDialog
{
    Q_OBJECT

public:
    FleetDialog(ProfileDirectory& profiles, const Clock& clock, FleetOptions options = {},
        QWidget* parent = nullptr);
    ~FleetDialog() override;

    void setActivityLog(ActivityLog* log) { m_activityLog = log; }
    // Starts reading the picked registries (what a previous read did is dropped).
    QCoro::Task<void> fetch();
    void stop();
    bool isFetching() const { return m_expanding || m_fetch->isRunning(); }

    RegistryPicker* picker() const { return m_picker; }
    FleetModel& model() const { return *m_model; }
    QTreeView* view() const { return m_view; }
    FleetProxyModel* proxy() const { return m_proxy; }
    FleetFetch& fetcher() const { return *m_fetch; }
    QPushButton* fetchButton() const { return m_fetchButton; }
    QPushButton* copyButton() const { return m_copyButton; }
    QLabel* statusLabel() const { return m_status; }
    QComboBox* groupingBox() const { return m_grouping; }
    QLineEdit* filterEdit() const { return m_filter; }
    // The rules of the selected rows, each with its registry's label.
    QList<std::pair<const FleetRegistry*, PullThroughCacheRule>> selectedRules() const;
    void copySelected();

    void reject() override;

Q_SIGNALS:
    void fetched();

private:
    void updateStatus();
    void updateButtons();
    void flush();

    ProfileDirectory& m_profiles;
    const Clock& m_clock;
    FleetOptions m_options;
    ActivityLog* m_activityLog = nullptr;
    RegistryPicker* m_picker = nullptr;
    FleetFetch* m_fetch = nullptr;
    FleetModel* m_model = nullptr;
    FleetProxyModel* m_proxy = nullptr;
    QTreeView* m_view = nullptr;
    QLineEdit* m_filter = nullptr;
    QComboBox* m_grouping = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_fetchButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QPushButton* m_copyButton = nullptr;
    QTimer* m_flush = nullptr;
    QList<FleetRegistry> m_expansionFailures; // SSO sign-ins whose accounts could not be listed
    CancelToken m_expandCancel;
    bool m_expanding = false;
    bool m_stopped = false;
};

} // namespace ecr
