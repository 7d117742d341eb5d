#pragma once

#include "FleetFetch.h"
#include "ProfileDirectory.h"

#include <QWidget>

class QCheckBox;
class QDialog;
class QDialogButtonBox;
class QLabel;
class QLayout;
class QProgressBar;
class QListWidget;
class QListWidgetItem;

namespace ecr {

// Which registries: profiles (an SSO profile also as "every account and role it reaches") and
// regions (or every region of the profiles' partitions), as checkable lists.
class RegistryPicker final : public QWidget
{
    Q_OBJECT

public:
    explicit RegistryPicker(ProfileDirectory& profiles, QWidget* parent = nullptr);

    struct PickedProfile
    {
        ProfileEntry entry;
        bool everyRole = false; // every account and role of the entry's SSO sign-in
    };
    QList<PickedProfile> profiles() const;
    // The checked regions that a profile's partition has (all of them with "All regions").
    QStringList regionsFor(const ProfileEntry& entry) const;
    bool hasChoice() const; // at least one profile and one region

    // The registries picked: every profile × its regions, an SSO "every account and role"
    // listed first (a sign-in that cannot list them is a failed registry of its own).
    struct Targets
    {
        QList<FleetTarget> targets;
        QList<FleetRegistry> failures;
        bool cancelled = false;
    };
    QCoro::Task<Targets> targets(CancelToken cancel, std::function<void(const QString&)> status);
    int registryCount() const; // without the SSO expansions (not known before listing)

    // For tests and for a caller's defaults.
    bool setProfileChecked(const QString& profileId, bool everyRole, bool checked = true);
    bool setRegionChecked(const QString& region, bool checked = true);
    void setAllRegions(bool all);
    QListWidget* profileList() const { return m_profiles; }
    QListWidget* regionList() const { return m_regions; }
    QCheckBox* allRegionsBox() const { return m_allRegions; }

Q_SIGNALS:
    void changed();

private:
    void reload();

    ProfileDirectory& m_directory;
    QListWidget* m_profiles = nullptr;
    QListWidget* m_regions = nullptr;
    QCheckBox* m_allRegions = nullptr;
};

// The layout the fleet view and the copy dialog share: the picker with `underPicker` on the
// left, `top` over `work` on the right, a splitter between, then progress and status, then the
// dialog's buttons. The widgets become the dialog's.
void layOutPickerDialog(QDialog* dialog, RegistryPicker* picker, QLayout* underPicker, QLayout* top,
    QWidget* work, QProgressBar* progress, QLabel* status, QDialogButtonBox* buttons);

} // namespace ecr
