#pragma once

#include <QString>

// Who the app is to the desktop and the file system. One reverse-DNS id names the desktop
// file, the AppStream component, the icons, the Wayland app id (setDesktopFileName) and the
// folder of the settings and data; the executable keeps its short name.
namespace ecr::identity {

inline constexpr char kAppId[] = "org.ecrptcadmin.EcrPtcAdmin";
inline constexpr char kExecutable[] = "ecr-ptc-admin";

// Sets the application's names and version. Settings then live in
// <config>/org.ecrptcadmin.EcrPtcAdmin/ecr-ptc-admin.conf and data (activity log, Local
// sandbox, logs) in <app data>/org.ecrptcadmin.EcrPtcAdmin/ecr-ptc-admin.
void apply();

// The settings file and data folder of versions before 0.2.0 (organisation "ecr-ptc-admin").
QString legacySettingsFile();
QString legacyDataDirectory();

struct Migration
{
    bool settingsMoved = false;
    bool dataMoved = false;
    QString problem; // what could not be moved, for the log; the old copy then stays
};

// Moves the settings and data of an older version to today's locations, once: only when the
// old ones exist and the new ones do not. Call after apply().
Migration migrateLegacyLocations();

} // namespace ecr::identity
