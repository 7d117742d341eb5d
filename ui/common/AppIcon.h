#pragma once

#include <QIcon>

namespace ecr {

// The application's own icon (resources/icons/app.svg), for windows and dialogs.
QIcon applicationIcon();

} // namespace ecr
