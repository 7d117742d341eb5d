#pragma once

#include "ProfileDirectory.h"
#include "PullCommand.h"

#include <QColor>
#include <QString>

class QLabel;

namespace ecr {

// The band across the window that says which profile is in use when the profile carries a
// marker: "PRODUCTION · prod-admin · account 111122223333 · eu-west-1", in the profile's colour.
// Hidden for profiles without one.
class ProfileBand final
{
public:
    explicit ProfileBand(QLabel* label);

    struct Marker
    {
        QString text; // "PRODUCTION"; empty: none
        QColor background;
        QColor foreground;
    };
    // Shows the entry's marker (and returns it, for confirmations).
    Marker show(const ProfileEntry& entry, const RegistryLocation& where);

private:
    QLabel* m_label;
};

} // namespace ecr
