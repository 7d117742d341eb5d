#pragma once

#include "UpstreamRegistry.h"

#include <QIcon>
#include <QString>

// How an upstream registry looks in the UI: its icon (resources/icons/registries) and its
// translated display name. The names come from the registry table in core.
namespace ecr {

QIcon registryIcon(UpstreamRegistry registry);
QString registryDisplayName(UpstreamRegistry registry);

} // namespace ecr
