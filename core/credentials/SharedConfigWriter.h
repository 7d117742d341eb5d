#pragma once

#include "AwsError.h"
#include "Profile.h"
#include "SharedConfig.h"

#include <QString>

// Adds profiles to ~/.aws/config the way `aws configure sso` writes them, after the user saw the
// exact text.
namespace ecr {

// The sections an SSO profile adds to the config file: [profile NAME] (sso_session,
// sso_account_id, sso_role_name, region) and, when `withSession`, [sso-session NAME]
// (sso_start_url, sso_region, sso_registration_scopes). A legacy profile (no session) carries
// sso_start_url and sso_region itself. Starts with an empty line.
QString ssoConfigText(const Profile& profile, bool withSession);

// Why the profile cannot be added to `config` as it stands: a profile of that name is there
// already, or an sso-session of that name with another portal or region. Empty when it can;
// `withSession` says whether its [sso-session] section has to be written too.
QString ssoConfigConflict(const SharedConfig& config, const Profile& profile, bool* withSession);

// Appends `text` to the file atomically (a new file replaces the old one whole; its mode is
// kept, a new file is 0600 in a 0700 folder). The file's other content is kept byte for byte.
Result<Unit> appendToConfigFile(const QString& path, const QString& text);

} // namespace ecr
