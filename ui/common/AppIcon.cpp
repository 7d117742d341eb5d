#include "AppIcon.h"

using namespace Qt::StringLiterals;

namespace ecr {

QIcon applicationIcon()
{
    return QIcon(u":/icons/app.svg"_s);
}

} // namespace ecr
