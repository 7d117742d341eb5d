#include "SharedConfig.h"

#include <QCoreApplication>
#include <QDir>

// How a shared-file profile becomes the app's Profile: the credential source the AWS CLI would
// pick (role_arn, then SSO, then keys, then credential_process), endpoints from endpoint_url and
// [services], and for SSO the sign-in of its [sso-session] or its own legacy settings.
namespace ecr {

namespace {

using namespace Qt::StringLiterals;

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::SharedConfig)
};

} // namespace

template <typename EndpointOf>
Result<Profile> SharedConfig::ssoProfile(
    const SharedProfile& p, Profile profile, const EndpointOf& endpointOf) const
{
    auto fail = [&](const QString& message) {
        return makeError(ErrorKind::Configuration, QStringLiteral("UnsupportedProfile"),
            Tr::tr("Profile '%1' %2.").arg(p.name, message), 0);
    };
    profile.source = CredentialSource::Sso;
    profile.ssoAccountId = p.value(u"sso_account_id"_s);
    profile.ssoRoleName = p.value(u"sso_role_name"_s);
    profile.ssoSession = p.value(u"sso_session"_s);
    const QString ownStartUrl = p.value(u"sso_start_url"_s);
    const QString ownRegion = p.value(u"sso_region"_s);
    if (!profile.ssoSession.isEmpty()) {
        if (!m_ssoSessionSettings.contains(profile.ssoSession))
            return fail(Tr::tr("names sso_session '%1', but %2 has no [sso-session %1] section")
                            .arg(profile.ssoSession, m_paths.config));
        const QMap<QString, QString> session = ssoSession(profile.ssoSession);
        profile.ssoStartUrl = session.value(u"sso_start_url"_s);
        profile.ssoRegion = session.value(u"sso_region"_s);
        // As the CLI: a profile may repeat its session's values, but not contradict them.
        if (!ownStartUrl.isEmpty() && ownStartUrl != profile.ssoStartUrl)
            return fail(Tr::tr("sets sso_start_url '%1', but its sso-session '%2' has '%3'")
                            .arg(ownStartUrl, profile.ssoSession, profile.ssoStartUrl));
        if (!ownRegion.isEmpty() && ownRegion != profile.ssoRegion)
            return fail(Tr::tr("sets sso_region '%1', but its sso-session '%2' has '%3'")
                            .arg(ownRegion, profile.ssoSession, profile.ssoRegion));
        if (profile.ssoStartUrl.isEmpty() || profile.ssoRegion.isEmpty())
            return fail(Tr::tr("uses sso-session '%1', which lacks sso_start_url or sso_region")
                            .arg(profile.ssoSession));
        for (const QString& scope :
            session.value(u"sso_registration_scopes"_s).split(u',', Qt::SkipEmptyParts)) {
            if (!scope.trimmed().isEmpty())
                profile.ssoRegistrationScopes.append(scope.trimmed());
        }
    } else {
        profile.ssoStartUrl = ownStartUrl;
        profile.ssoRegion = ownRegion;
        if (profile.ssoStartUrl.isEmpty() || profile.ssoRegion.isEmpty())
            return fail(Tr::tr("uses IAM Identity Center but sets neither sso_session nor both "
                               "sso_start_url and sso_region"));
    }
    if (profile.ssoAccountId.isEmpty() || profile.ssoRoleName.isEmpty())
        return fail(Tr::tr("uses IAM Identity Center but lacks sso_account_id or sso_role_name"));
    const QString portal = endpointOf(u"sso"_s, &profile.ssoEndpointUrlOrigin);
    const QString oidc = endpointOf(u"sso_oidc"_s, &profile.ssoOidcEndpointUrlOrigin);
    profile.ssoEndpointUrl = portal.isEmpty() ? QUrl() : QUrl(portal);
    profile.ssoOidcEndpointUrl = oidc.isEmpty() ? QUrl() : QUrl(oidc);
    return profile;
}

Result<Profile> SharedConfig::toProfile(const QString& name) const
{
    const SharedProfile* shared = profile(name);
    auto fail = [&](const QString& message) {
        return makeError(ErrorKind::Configuration, QStringLiteral("UnsupportedProfile"),
            Tr::tr("Profile '%1' %2.").arg(name, message), 0);
    };
    if (!shared)
        return makeError(ErrorKind::Configuration, QStringLiteral("UnknownProfile"),
            Tr::tr("There is no profile '%1' in %2 or %3.")
                .arg(name, m_paths.config, m_paths.credentials),
            0);
    const SharedProfile& p = *shared;
    Profile profile;
    profile.id = idPrefix() + name;
    profile.name = name;
    profile.region = p.value(u"region"_s);
    profile.caBundlePath = expandHome(
        p.value(u"ca_bundle"_s), m_paths.home.isEmpty() ? QDir::homePath() : m_paths.home);
    const QString servicesName = p.value(u"services"_s);
    const QMap<QString, QString> services = this->services(servicesName);
    const QString globalEndpoint = p.value(u"endpoint_url"_s);
    const QString fileOf
        = p.credentialsFileKeys.contains(u"endpoint_url"_s) ? m_paths.credentials : m_paths.config;
    const QString globalOrigin = Tr::tr("endpoint_url of profile '%1' in %2").arg(name, fileOf);
    const auto endpointOf = [&](const QString& service, QString* origin) {
        const QString key = service + u".endpoint_url"_s;
        if (services.contains(key)) {
            *origin = Tr::tr("%1 in [services %2] of %3").arg(key, servicesName, m_paths.config);
            return services.value(key);
        }
        *origin = globalEndpoint.isEmpty() ? QString() : globalOrigin;
        return globalEndpoint;
    };
    const QString ecrEndpoint = endpointOf(u"ecr"_s, &profile.endpointUrlOrigin);
    const QString stsEndpoint = endpointOf(u"sts"_s, &profile.stsEndpointUrlOrigin);
    profile.endpointUrl = ecrEndpoint.isEmpty() ? QUrl() : QUrl(ecrEndpoint);
    profile.stsEndpointUrl = stsEndpoint.isEmpty() ? QUrl() : QUrl(stsEndpoint);
    profile.mfaSerial = p.value(u"mfa_serial"_s);

    const QString roleArn = p.value(u"role_arn"_s);
    if (!roleArn.isEmpty()) {
        profile.source = CredentialSource::AssumeRole;
        profile.roleArn = roleArn;
        const QString sourceProfile = p.value(u"source_profile"_s);
        const QString credentialSource = p.value(u"credential_source"_s);
        if (!sourceProfile.isEmpty() && !credentialSource.isEmpty())
            return fail(Tr::tr("sets both source_profile and credential_source"));
        if (!sourceProfile.isEmpty()) {
            profile.sourceProfile = sourceProfile == name
                ? QString(idPrefix() + name + selfKeysSuffix())
                : QString(idPrefix() + sourceProfile);
        } else if (credentialSource == u"Environment") {
            profile.roleSourceIsEnvironment = true;
        } else if (!credentialSource.isEmpty()) {
            return fail(Tr::tr("uses credential_source = %1; only Environment is supported")
                            .arg(credentialSource));
        } else if (!p.value(u"web_identity_token_file"_s).isEmpty()) {
            return fail(Tr::tr("uses web_identity_token_file, which this app does not support"));
        } else {
            return fail(Tr::tr("sets role_arn without source_profile or credential_source"));
        }
        profile.externalId = p.value(u"external_id"_s);
        profile.sessionName = p.value(u"role_session_name"_s);
        const QString duration = p.value(u"duration_seconds"_s);
        if (!duration.isEmpty()) {
            bool ok = false;
            profile.durationSeconds = duration.toInt(&ok);
            if (!ok)
                return fail(
                    Tr::tr("has duration_seconds = '%1', which is not a number").arg(duration));
        }
        return profile;
    }
    if (p.usesSso())
        return ssoProfile(p, std::move(profile), endpointOf);
    auto hasCredentialsFileKeys = [&] {
        return p.hasStaticKeys() && p.credentialsFileKeys.contains(u"aws_access_key_id"_s);
    };
    if (hasCredentialsFileKeys()
        || (p.hasStaticKeys() && p.value(u"credential_process"_s).isEmpty())) {
        profile.source = CredentialSource::StaticKeys;
        return profile;
    }
    if (!p.value(u"credential_process"_s).isEmpty()) {
        profile.source = CredentialSource::CredentialProcess;
        profile.credentialProcess = p.value(u"credential_process"_s);
        return profile;
    }
    if (!p.value(u"web_identity_token_file"_s).isEmpty())
        return fail(Tr::tr("uses web_identity_token_file, which this app does not support"));
    return fail(Tr::tr("has no credentials (no access key, role_arn or credential_process)"));
}

} // namespace ecr
