#include "ProfileDirectory.h"

#include <QCoreApplication>

namespace ecr {

namespace {

AwsError notSso()
{
    return makeError(ErrorKind::Configuration, QStringLiteral("InvalidConfiguration"),
        QCoreApplication::translate("ecr::ProfileDirectory",
            "This profile does not sign in through IAM Identity Center: it reaches its own "
            "account only."),
        0);
}

} // namespace

QCoro::Task<Result<QList<ReachableRole>>> ProfileDirectory::reachableRoles(
    QString profileId, CancelToken cancel)
{
    Q_UNUSED(profileId);
    Q_UNUSED(cancel);
    co_return notSso();
}

QCoro::Task<Result<ConnectionTarget>> ProfileDirectory::resolveRole(
    QString profileId, ReachableRole role, QString region, CancelToken cancel)
{
    Q_UNUSED(profileId);
    Q_UNUSED(role);
    Q_UNUSED(region);
    Q_UNUSED(cancel);
    co_return notSso();
}

} // namespace ecr
