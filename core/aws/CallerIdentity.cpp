#include "CallerIdentity.h"

#include <QCoreApplication>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::CallerIdentity)
};

} // namespace

ArnParts parseArn(const QString& arn)
{
    const QStringList parts = arn.split(u':');
    if (parts.size() < 6 || parts[0] != u"arn" || parts[1].isEmpty() || parts[2].isEmpty())
        return {};
    return {parts[1], parts[2], parts[3], parts[4], parts.mid(5).join(u':')};
}

QString describePrincipal(const CallerIdentity& identity)
{
    const ArnParts arn = parseArn(identity.arn);
    if (!arn.isValid())
        return identity.arn;
    if (arn.resource == u"root")
        return Tr::tr("root");
    const QStringList path = arn.resource.split(u'/');
    if (arn.service == u"sts" && path.size() >= 3 && path[0] == u"assumed-role")
        return Tr::tr("role %1 (session %2)").arg(path[1], path.mid(2).join(u'/'));
    if (arn.service == u"iam" && path.size() >= 2 && path[0] == u"user")
        return Tr::tr("user %1").arg(path.last());
    if (arn.service == u"iam" && path.size() >= 2 && path[0] == u"role")
        return Tr::tr("role %1").arg(path.last());
    if (arn.service == u"sts" && path.size() >= 2 && path[0] == u"federated-user")
        return Tr::tr("federated user %1").arg(path.last());
    return arn.resource;
}

} // namespace ecr
