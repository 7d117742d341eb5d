#pragma once

#include "Profile.h"
#include "SsoTypes.h"

// An SSO profile's sign-in as core/sso knows it.
namespace ecr {

// The session an Sso profile signs in with: its [sso-session] (by name) or, for a legacy
// profile, its own start URL; with the profile's endpoints and CA bundle.
SsoSessionConfig ssoSessionOf(const Profile& profile);
// Empties every sso* field (a profile that no longer uses SSO keeps none of them).
void clearSsoSettings(Profile& profile);

} // namespace ecr
