#include "RegistryIcons.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace ecr {

QIcon registryIcon(UpstreamRegistry registry)
{
    return QIcon(u":/icons/registries/"_s + upstreamRegistryInfo(registry).iconName + u".svg"_s);
}

QString registryDisplayName(UpstreamRegistry registry)
{
    // The table holds the English names; translators find them under this context.
    return QCoreApplication::translate(
        "ecr::UpstreamRegistry", upstreamRegistryInfo(registry).displayName.toUtf8().constData());
}

} // namespace ecr
