#pragma once

#include <QIcon>

namespace ecr {

// The application's own icon (resources/icons/app.svg), for windows and dialogs.
QIcon applicationIcon();

// An action's icon: the desktop theme's `themeName` (which follows a dark palette), else the
// bundled resources/icons/actions/<fallback>.svg, drawn in colours that read on light and dark.
QIcon actionIcon(const QString& themeName, const QString& fallback);

} // namespace ecr
