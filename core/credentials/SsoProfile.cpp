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

} // namespace ecr
