#include "CredentialResolver.h"
#include "SsoProfile.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>

Q_DECLARE_LOGGING_CATEGORY(lcCredentials)

// The chain's IAM Identity Center step: an access token of the profile's SSO session (cached,
// refreshed or signed in by SsoTokenProvider), then GetRoleCredentials for its account and role.
namespace ecr {

using namespace Qt::StringLiterals;

namespace {

AwsError gone()
{
    return makeError(ErrorKind::Cancelled, QString(),
        QCoreApplication::translate(
            "ecr::CredentialResolver", "The credentials are no longer needed."),
        0);
}

} // namespace

QCoro::Task<Result<TemporaryCredentials>> CredentialResolver::fetchSso(
    Profile profile, CancelToken cancel)
{
    QPointer<CredentialResolver> self(this);
    const SsoSessionConfig session = ssoSessionOf(profile);
    const QString accountId = profile.ssoAccountId;
    const QString roleName = profile.ssoRoleName;
    // A token the portal refuses (revoked, expired early) is dropped and fetched once more
    // (withToken): refreshed, or the user signs in again — one prompt for every waiting call.
    const SsoTokenProvider::PortalCall<SsoRoleCredentials> call
        = [accountId, roleName, cancel](SsoPortalClient& portal, QString token) {
              return portal.getRoleCredentials(std::move(token), accountId, roleName, cancel);
          };
    const Result<SsoRoleCredentials> role = co_await m_ssoTokens->withToken(session, call, cancel);
    if (!self)
        co_return gone();
    if (role) {
        const SsoRoleCredentials& keys = role.value();
        TemporaryCredentials credentials;
        credentials.credentials = {keys.accessKeyId, keys.secretAccessKey, keys.sessionToken};
        credentials.expiration = keys.localExpiration(m_clock.now());
        credentials.accountId = accountId;
        qCInfo(lcCredentials) << "got the SSO role credentials of profile" << profile.name;
        co_return credentials;
    }
    if (role.error().isService(u"ForbiddenException")
        || role.error().isService(u"ResourceNotFoundException")) {
        AwsError error = role.error();
        error.message = QCoreApplication::translate("ecr::CredentialResolver",
            "Your sign-in to %1 does not reach role %2 in account %3: %4")
                            .arg(session.displayName(), roleName, accountId, error.message);
        co_return error;
    }
    co_return role.error();
}

} // namespace ecr
