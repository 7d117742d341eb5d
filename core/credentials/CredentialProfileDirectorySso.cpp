#include "CredentialProfileDirectory.h"
#include "SsoProfile.h"

#include <QPointer>

// The directory's IAM Identity Center reach: every account and role an SSO profile's sign-in
// reaches, and a connection as one of them (the fleet view's "every account and role").
namespace ecr {

using namespace Qt::StringLiterals;

QCoro::Task<Result<QList<ReachableRole>>> CredentialProfileDirectory::reachableRoles(
    QString profileId, CancelToken cancel)
{
    const Result<ResolvableProfile> found = find(profileId);
    if (!found)
        co_return found.error();
    if (found->profile.source != CredentialSource::Sso) {
        const QString id = profileId;
        co_return co_await ProfileDirectory::reachableRoles(id, cancel);
    }
    QPointer<CredentialProfileDirectory> self(this);
    const SsoSessionConfig session = ssoSessionOf(found->profile);
    const Result<QList<SsoAccount>> accounts = co_await ssoTokens().listAccounts(session, cancel);
    if (!accounts)
        co_return accounts.error();
    QList<ReachableRole> out;
    for (const SsoAccount& account : accounts.value()) {
        if (!self)
            co_return makeError(ErrorKind::Cancelled, QString(), tr("The profile is gone."), 0);
        const QString accountId = account.accountId;
        const Result<QList<SsoRole>> roles
            = co_await self->ssoTokens().listAccountRoles(session, accountId, cancel);
        if (!roles)
            co_return roles.error();
        for (const SsoRole& role : roles.value())
            out.append({account.accountId, account.accountName, role.roleName});
    }
    co_return out;
}

QCoro::Task<Result<ConnectionTarget>> CredentialProfileDirectory::resolveRole(
    QString profileId, ReachableRole role, QString region, CancelToken cancel)
{
    const Result<ResolvableProfile> found = find(profileId);
    if (!found)
        co_return found.error();
    if (found->profile.source != CredentialSource::Sso) {
        const QString id = profileId;
        co_return co_await ProfileDirectory::resolveRole(id, role, region, cancel);
    }
    // The same sign-in as another account and role: a profile of its own (its own cached
    // credentials), in memory only.
    Profile other = found->profile;
    other.id = found->profile.id + u'#' + role.accountId + u'/' + role.roleName;
    other.name
        = tr("%1 · %2 / %3")
              .arg(found->profile.name,
                  role.accountName.isEmpty() ? role.accountId : role.accountName, role.roleName);
    other.ssoAccountId = role.accountId;
    other.ssoRoleName = role.roleName;
    setTransientProfile(other);
    const QString id = other.id;
    co_return co_await resolve(id, region, cancel);
}

} // namespace ecr
