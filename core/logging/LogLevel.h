#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace ecr::logging {

// The levels --log-level takes, least to most verbose: error, warning, info, debug.
QStringList logLevelNames();

// The QLoggingCategory filter rules for a level (for the app's "ecr.*" categories), or nothing
// for a name that is not a level. QT_LOGGING_RULES, read by Qt after these, still wins.
std::optional<QString> filterRulesFor(const QString& level);

} // namespace ecr::logging
