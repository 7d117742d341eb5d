#include "LogLevel.h"

using namespace Qt::StringLiterals;

namespace ecr::logging {

QStringList logLevelNames()
{
    return {u"error"_s, u"warning"_s, u"info"_s, u"debug"_s};
}

std::optional<QString> filterRulesFor(const QString& level)
{
    const QStringList names = logLevelNames();
    const qsizetype chosen = names.indexOf(level.trimmed().toLower());
    if (chosen < 0)
        return std::nullopt;
    // Qt's severities for each of our level names, least verbose first; "error" is critical.
    static const char* const severities[] = {"critical", "warning", "info", "debug"};
    QStringList rules;
    for (qsizetype i = 1; i < names.size(); ++i)
        rules.append(u"ecr.*.%1=%2"_s.arg(
            QLatin1StringView(severities[i]), i <= chosen ? u"true"_s : u"false"_s));
    rules.append(u"ecr.*.critical=true"_s);
    return rules.join(u'\n');
}

} // namespace ecr::logging
