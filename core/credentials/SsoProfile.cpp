#include "SsoProfile.h"

namespace ecr {

SsoSessionConfig ssoSessionOf(const Profile& profile)
{
    SsoSessionConfig session;
    session.name = profile.ssoSession;
    session.startUrl = profile.ssoStartUrl;
    session.region = profile.ssoRegion;
    session.scopes = profile.ssoRegistrationScopes;
    session.oidcEndpoint = profile.ssoOidcEndpointUrl;
    session.oidcEndpointOrigin = profile.ssoOidcEndpointUrlOrigin;
    session.portalEndpoint = profile.ssoEndpointUrl;
    session.portalEndpointOrigin = profile.ssoEndpointUrlOrigin;
    session.caBundlePath = profile.caBundlePath;
    return session;
}

void clearSsoSettings(Profile& profile)
{
    const Profile none;
    profile.ssoSession = none.ssoSession;
    profile.ssoStartUrl = none.ssoStartUrl;
    profile.ssoRegion = none.ssoRegion;
    profile.ssoRegistrationScopes = none.ssoRegistrationScopes;
    profile.ssoAccountId = none.ssoAccountId;
    profile.ssoRoleName = none.ssoRoleName;
    profile.ssoEndpointUrl = none.ssoEndpointUrl;
    profile.ssoOidcEndpointUrl = none.ssoOidcEndpointUrl;
    profile.ssoEndpointUrlOrigin = none.ssoEndpointUrlOrigin;
    profile.ssoOidcEndpointUrlOrigin = none.ssoOidcEndpointUrlOrigin;
}

} // namespace ecr
