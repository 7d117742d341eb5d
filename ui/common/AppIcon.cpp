#include "AppIcon.h"

using namespace Qt::StringLiterals;

namespace ecr {

QIcon applicationIcon()
{
    return QIcon(u":/icons/app.svg"_s);
}

QIcon actionIcon(const QString& themeName, const QString& fallback)
{
    return QIcon::fromTheme(themeName, QIcon(u":/icons/actions/"_s + fallback + u".svg"_s));
}

} // namespace ecr
