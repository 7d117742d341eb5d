// Over 400 lines on purpose: the credential chain in one place (static keys, roles, MFA sessions,
// credential_process, SSO), with the session cache keys and fingerprints each of them uses.
#include "CredentialResolver.h"

#include "CredentialProcess.h"
#include "EnvironmentCredentials.h"
#include "SharedConfig.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QPointer>

Q_LOGGING_CATEGORY(lcCredentials, "ecr.credentials", QtInfoMsg)

namespace ecr {

using namespace Qt::StringLiterals;

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::CredentialResolver)
};

constexpr int kMaxChainDepth = 8;
const QString kAssumeRoleType = u"sts.AssumeRole"_s;
const QString kSessionTokenType = u"sts.GetSessionToken"_s;
const QString kProcessType = u"credential_process"_s;
const QString kSsoType = u"sso.GetRoleCredentials"_s;

QByteArray fingerprintOf(const QStringList& parts)
{
    return QCryptographicHash::hash(parts.join(u'\x1f').toUtf8(), QCryptographicHash::Sha256)
        .toHex()
        .left(32);
}

// Who issues a profile's STS sessions: the partition (an aws-cn session is no good in aws),
// the custom STS endpoint (the Local sandbox, a test server) and the CA bundle that vouched for
// it. A session cached for one issuer is never handed to another.
QStringList stsIssuer(const StsConfig& config)
{
    return {partitionForRegion(config.region).id, config.customEndpoint.toString(),
        config.caBundlePath};
}

QByteArray roleFingerprint(const Profile& profile, const StsConfig& issuer)
{
    return fingerprintOf(
        QStringList{profile.roleArn, profile.sourceProfile,
            profile.roleSourceIsEnvironment ? u"env"_s : QString(), profile.externalId,
            QString::number(profile.durationSeconds), profile.sessionName, profile.mfaSerial}
        + stsIssuer(issuer));
}

QByteArray ssoFingerprint(const Profile& profile)
{
    return fingerprintOf({profile.ssoSession, profile.ssoStartUrl, profile.ssoRegion,
        profile.ssoAccountId, profile.ssoRoleName, profile.ssoEndpointUrl.toString()});
}

QString ssoCacheDirectory(const CredentialResolverOptions& options)
{
    if (!options.ssoCacheDirectory.isEmpty())
        return options.ssoCacheDirectory;
    return SsoTokenCache::directoryFor(
        SharedConfigPaths::fromEnvironment(options.environment).home);
}

QByteArray singleFingerprint(const QString& value)
{
    return fingerprintOf(QStringList{value});
}

AwsError resolverGone()
{
    return makeError(
        ErrorKind::Cancelled, QString(), Tr::tr("The credentials are no longer needed."), 0);
}

AwsError withContext(AwsError error, const QString& context)
{
    error.message = context + u' ' + error.message;
    return error;
}

// A provider bound to one profile: resolves lazily, renews near expiry.
class ProfileCredentialsProvider final : public CredentialsProvider
{
public:
    ProfileCredentialsProvider(CredentialResolver& resolver, QString profileId, QString region)
        : m_resolver(&resolver)
        , m_profileId(std::move(profileId))
        , m_region(std::move(region))
    { }

    using CredentialsProvider::credentials;
    QCoro::Task<Result<sigv4::Credentials>> credentials(CancelToken cancel) override
    {
        if (!m_resolver)
            co_return makeError(ErrorKind::Credentials, u"NoCredentials"_s,
                Tr::tr("The profile's credentials are no longer available."), 0);
        if (m_current && m_resolver->isFresh(*m_current)) {
            sigv4::Credentials copy = m_current->credentials;
            co_return copy;
        }
        const QString id = m_profileId;
        const QString region = m_region;
        Result<TemporaryCredentials> fresh = co_await m_resolver->resolve(id, region, cancel);
        if (!fresh)
            co_return fresh.error();
        m_current = fresh.value();
        sigv4::Credentials copy = fresh.value().credentials;
        co_return copy;
    }

    QCoro::Task<bool> refused(QString accessKeyId) override
    {
        if (!m_resolver)
            co_return false;
        if (m_current && m_current->credentials.accessKeyId == accessKeyId)
            m_current.reset();
        const QString id = m_profileId;
        const bool dropped = co_await m_resolver->dropSession(id);
        co_return dropped;
    }

private:
    QPointer<CredentialResolver> m_resolver;
    QString m_profileId;
    QString m_region;
    std::optional<TemporaryCredentials> m_current;
};

} // namespace

struct CredentialResolver::Resolved
{
    TemporaryCredentials credentials;
    QString mfaSerialUsed; // the MFA device these credentials were obtained with, if any
};

CredentialResolver::CredentialResolver(QNetworkAccessManager& network, const Clock& clock,
    SecretStore& secrets, ProfileLookup lookup, CredentialResolverOptions options, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
    , m_lookup(std::move(lookup))
    , m_options(std::move(options))
    , m_staticKeys(secrets)
    , m_sessions(secrets, clock, m_options.refreshMargin)
    , m_sts(network, clock)
    , m_ssoTokens(std::make_unique<SsoTokenProvider>(
          network, clock, SsoTokenCache(ssoCacheDirectory(m_options)), m_options.sso, this))
{ }

CredentialResolver::~CredentialResolver() = default;

StsConfig CredentialResolver::stsConfig(
    const Profile& profile, const QString& region, CallPace pace) const
{
    StsConfig config;
    config.region = !region.isEmpty()
        ? region
        : (!profile.region.isEmpty() ? profile.region : m_options.defaultStsRegion);
    config.customEndpoint = profile.stsEndpointUrl;
    config.customEndpointOrigin = profile.stsEndpointUrlOrigin;
    config.caBundlePath = profile.caBundlePath;
    config.proxy = profile.proxyUrl;
    config.retry = m_options.stsRetry;
    config.attemptTimeout = m_options.stsAttemptTimeout;
    if (pace == CallPace::Quick) {
        config.retry.maxAttempts = 1;
        config.attemptTimeout
            = std::min<std::chrono::milliseconds>(config.attemptTimeout, kQuickAttemptTimeout);
    }
    return config;
}

std::shared_ptr<CredentialsProvider> CredentialResolver::provider(QString profileId, QString region)
{
    return std::make_shared<ProfileCredentialsProvider>(
        *this, std::move(profileId), std::move(region));
}

QCoro::Task<Result<TemporaryCredentials>> CredentialResolver::resolve(
    QString profileId, QString region, CancelToken cancel, CallPace pace)
{
    Chain chain;
    chain.pace = pace;
    Result<Resolved> resolved = co_await resolveChain(profileId, region, chain, cancel);
    if (!resolved)
        co_return resolved.error();
    TemporaryCredentials credentials = resolved.value().credentials;
    co_return credentials;
}

QCoro::Task<KeychainResult<Unit>> CredentialResolver::forget(
    Profile profile, bool includeKeys, QList<Profile> others)
{
    QStringList sessions{sessionKey(kAssumeRoleType, profile.id, profile.mfaSerial),
        sessionKey(kSessionTokenType, profile.id, profile.mfaSerial),
        sessionKey(kProcessType, profile.id, {}), sessionKey(kSsoType, profile.id, {})};
    // A role's MFA session lives under its source's keys with the role's serial.
    if (!profile.sourceProfile.isEmpty() && !profile.mfaSerial.isEmpty())
        sessions.append(sessionKey(kSessionTokenType, profile.sourceProfile, profile.mfaSerial));
    // Sessions made with this profile's keys for the roles it is the source of, and for the
    // roles whose source is one of those (a chain of roles), however deep.
    QStringList sources{profile.id};
    for (qsizetype next = 0; next < sources.size(); ++next) {
        const QString source = sources.at(next);
        for (const Profile& other : std::as_const(others)) {
            if (other.sourceProfile != source || sources.contains(other.id))
                continue;
            sessions.append(sessionKey(kAssumeRoleType, other.id, other.mfaSerial));
            if (!other.mfaSerial.isEmpty())
                sessions.append(sessionKey(kSessionTokenType, source, other.mfaSerial));
            sources.append(other.id);
        }
    }
    sessions.removeDuplicates();
    const KeychainResult<Unit> forgotten = co_await m_sessions.forget(sessions);
    if (!forgotten || !includeKeys)
        co_return forgotten;
    const QString id = profile.id;
    co_return co_await m_staticKeys.remove(id);
}

QString CredentialResolver::topSessionKey(const Profile& profile, bool hasInlineSessionToken)
{
    switch (profile.source) {
    case CredentialSource::Environment:
        return {};
    case CredentialSource::StaticKeys:
        if (profile.mfaSerial.isEmpty() || hasInlineSessionToken)
            return {};
        return sessionKey(kSessionTokenType, profile.id, profile.mfaSerial);
    case CredentialSource::CredentialProcess:
        return sessionKey(kProcessType, profile.id, {});
    case CredentialSource::Sso:
        return sessionKey(kSsoType, profile.id, {});
    case CredentialSource::AssumeRole:
        return sessionKey(kAssumeRoleType, profile.id, profile.mfaSerial);
    }
    return {};
}

QCoro::Task<bool> CredentialResolver::dropSession(QString profileId)
{
    const std::optional<ResolvableProfile> found = m_lookup(profileId);
    if (!found)
        co_return false;
    const QString key = topSessionKey(
        found->profile, found->inlineKeys && !found->inlineKeys->sessionToken.isEmpty());
    if (key.isEmpty())
        co_return false;
    qCInfo(lcCredentials) << "dropping the refused session of" << found->profile.name;
    const QStringList keys{key}; // named: GCC 12 and braced co_await arguments
    const KeychainResult<Unit> dropped = co_await m_sessions.forget(keys);
    // Still in the keychain, it would be read again and sent again: not renewed.
    co_return dropped.ok();
}

QCoro::Task<Result<CredentialResolver::Resolved>> CredentialResolver::resolveChain(
    QString idOrName, QString region, Chain chain, CancelToken cancel)
{
    const std::optional<ResolvableProfile> found = m_lookup(idOrName);
    if (!found)
        co_return makeError(ErrorKind::Configuration, u"UnknownProfile"_s,
            chain.names.isEmpty()
                ? Tr::tr("There is no profile '%1'.").arg(idOrName)
                : Tr::tr("Profile '%1' names source profile '%2', which does not exist.")
                      .arg(chain.names.last(), idOrName),
            0);
    const Profile& profile = found->profile;
    if (chain.ids.contains(profile.id) || chain.ids.size() >= kMaxChainDepth) {
        chain.names.append(profile.name);
        co_return makeError(ErrorKind::Configuration, u"ProfileLoop"_s,
            Tr::tr("The source profiles loop: %1.").arg(chain.names.join(u" → "_s)), 0);
    }
    chain.ids.append(profile.id);
    chain.names.append(profile.name);

    switch (profile.source) {
    case CredentialSource::Environment: {
        EnvironmentCredentialsProvider environment(m_options.environment);
        const Result<sigv4::Credentials> keys = co_await environment.credentials(cancel);
        if (!keys)
            co_return keys.error();
        co_return Resolved{{keys.value(), {}, {}}, {}};
    }
    case CredentialSource::StaticKeys: {
        sigv4::Credentials keys;
        if (found->inlineKeys) {
            keys = *found->inlineKeys;
        } else {
            const QString id = profile.id;
            const Result<sigv4::Credentials> stored = co_await m_staticKeys.read(id);
            if (!stored)
                co_return withContext(stored.error(), Tr::tr("Profile '%1':").arg(profile.name));
            keys = stored.value();
        }
        if (profile.mfaSerial.isEmpty() || !keys.sessionToken.isEmpty())
            co_return Resolved{{keys, {}, {}}, {}};
        const QString promptName = profile.name;
        const Result<TemporaryCredentials> session
            = co_await mfaSession(profile, keys, promptName, region, chain.pace, cancel);
        if (!session)
            co_return session.error();
        co_return Resolved{session.value(), profile.mfaSerial};
    }
    case CredentialSource::CredentialProcess: {
        const QString key = sessionKey(kProcessType, profile.id, {});
        const QByteArray fingerprint = singleFingerprint(profile.credentialProcess);
        const Profile processProfile = profile;
        const SessionCache::Fetch fetch = [this, processProfile](CancelToken fetchCancel) {
            return fetchProcess(processProfile, fetchCancel);
        };
        const Result<TemporaryCredentials> output
            = co_await m_sessions.get(key, fingerprint, fetch, cancel);
        if (!output)
            co_return withContext(output.error(), Tr::tr("Profile '%1':").arg(profile.name));
        co_return Resolved{output.value(), {}};
    }
    case CredentialSource::Sso: {
        const QString key = sessionKey(kSsoType, profile.id, {});
        const QByteArray fingerprint = ssoFingerprint(profile);
        const Profile ssoProfile = profile;
        const SessionCache::Fetch fetch = [this, ssoProfile](CancelToken fetchCancel) {
            return fetchSso(ssoProfile, fetchCancel);
        };
        const Result<TemporaryCredentials> role
            = co_await m_sessions.get(key, fingerprint, fetch, cancel);
        if (!role)
            co_return withContext(role.error(), Tr::tr("Profile '%1':").arg(profile.name));
        co_return Resolved{role.value(), {}};
    }
    case CredentialSource::AssumeRole: {
        const QString key = sessionKey(kAssumeRoleType, profile.id, profile.mfaSerial);
        const QByteArray fingerprint
            = roleFingerprint(profile, stsConfig(profile, region, CallPace::Normal));
        const Profile roleProfile = profile;
        const SessionCache::Fetch fetch
            = [this, roleProfile, region, chain](CancelToken fetchCancel) {
                  return fetchAssumeRole(roleProfile, region, chain, fetchCancel);
              };
        const Result<TemporaryCredentials> role
            = co_await m_sessions.get(key, fingerprint, fetch, cancel);
        if (!role)
            co_return role.error();
        co_return Resolved{role.value(), profile.mfaSerial};
    }
    }
    co_return makeError(ErrorKind::Configuration, u"UnknownSource"_s,
        Tr::tr("Profile '%1' has no known credential source.").arg(profile.name), 0);
}

QCoro::Task<Result<TemporaryCredentials>> CredentialResolver::mfaSession(Profile keysProfile,
    sigv4::Credentials keys, QString promptName, QString region, CallPace pace, CancelToken cancel)
{
    const QString key = sessionKey(kSessionTokenType, keysProfile.id, keysProfile.mfaSerial);
    const QByteArray fingerprint = fingerprintOf(
        QStringList{keys.accessKeyId} + stsIssuer(stsConfig(keysProfile, region, pace)));
    const SessionCache::Fetch fetch
        = [this, keysProfile, keys, promptName, region, pace](CancelToken fetchCancel) {
              return fetchMfaSession(keysProfile, keys, promptName, region, pace, fetchCancel);
          };
    co_return co_await m_sessions.get(key, fingerprint, fetch, cancel);
}

QCoro::Task<Result<TemporaryCredentials>> CredentialResolver::fetchMfaSession(Profile keysProfile,
    sigv4::Credentials keys, QString promptName, QString region, CallPace pace, CancelToken cancel)
{
    QPointer<CredentialResolver> self(this);
    const QString serial = keysProfile.mfaSerial;
    MfaPrompter* prompter = m_prompter;
    const Result<QString> code = co_await askMfaCode(prompter, promptName, serial, cancel);
    if (!self)
        co_return resolverGone();
    if (!code)
        co_return code.error();
    StsClient& sts = stsClient(keysProfile, region, pace);
    StsGetSessionTokenRequest request;
    request.durationSeconds = m_options.mfaSessionDurationSeconds;
    request.serialNumber = keysProfile.mfaSerial;
    request.tokenCode = code.value();
    qCInfo(lcCredentials) << "starting an MFA session for" << keysProfile.name;
    co_return co_await sts.getSessionToken(keys, request, cancel);
}

QCoro::Task<Result<TemporaryCredentials>> CredentialResolver::fetchProcess(
    Profile profile, CancelToken cancel)
{
    CredentialProcessOptions options;
    options.timeout = m_options.processTimeout;
    options.environment = m_options.environment;
    const QString command = profile.credentialProcess;
    co_return co_await CredentialProcess::run(command, options, cancel);
}

QCoro::Task<Result<TemporaryCredentials>> CredentialResolver::fetchAssumeRole(
    Profile profile, QString region, Chain chain, CancelToken cancel)
{
    QPointer<CredentialResolver> self(this);
    sigv4::Credentials sourceKeys;
    QString sourceMfa;
    Profile sourceProfile;
    if (profile.roleSourceIsEnvironment) {
        EnvironmentCredentialsProvider environment(m_options.environment);
        const Result<sigv4::Credentials> keys = co_await environment.credentials(cancel);
        if (!keys)
            co_return keys.error();
        sourceKeys = keys.value();
        sourceProfile = profile;
        sourceProfile.id = u"env"_s;
        sourceProfile.name = Tr::tr("Environment");
    } else {
        // The source profile's own MFA device is not inherited (as in the CLI and aws-vault).
        const QString sourceName = profile.sourceProfile;
        const Result<Resolved> source = co_await resolveChain(sourceName, region, chain, cancel);
        if (!self)
            co_return resolverGone();
        if (!source) {
            if (source.error().code == u"ProfileLoop" || source.error().code == u"UnknownProfile"
                || source.error().kind == ErrorKind::Cancelled)
                co_return source.error();
            co_return withContext(source.error(),
                Tr::tr("The source profile of '%1' has no usable credentials:").arg(profile.name));
        }
        sourceKeys = source.value().credentials.credentials;
        sourceMfa = source.value().mfaSerialUsed;
        if (const std::optional<ResolvableProfile> found = m_lookup(profile.sourceProfile))
            sourceProfile = found->profile;
    }

    StsAssumeRoleRequest request;
    request.roleArn = profile.roleArn;
    request.roleSessionName = profile.sessionName.isEmpty()
        ? u"ecr-ptc-admin-"_s + QString::number(m_clock.now().toSecsSinceEpoch())
        : profile.sessionName;
    request.durationSeconds = profile.durationSeconds;
    request.externalId = profile.externalId;
    if (!profile.mfaSerial.isEmpty() && sourceMfa != profile.mfaSerial) {
        if (sourceKeys.sessionToken.isEmpty()) {
            // Long-term keys: one MFA session per device, shared by every role that names it.
            Profile keysProfile = sourceProfile;
            keysProfile.mfaSerial = profile.mfaSerial;
            const QString promptName = profile.name;
            const Result<TemporaryCredentials> session = co_await mfaSession(
                keysProfile, sourceKeys, promptName, region, chain.pace, cancel);
            if (!self)
                co_return resolverGone();
            if (!session)
                co_return session.error();
            sourceKeys = session.value().credentials;
        } else {
            const QString promptName = profile.name;
            const QString serial = profile.mfaSerial;
            MfaPrompter* prompter = m_prompter;
            const Result<QString> code = co_await askMfaCode(prompter, promptName, serial, cancel);
            if (!self)
                co_return resolverGone();
            if (!code)
                co_return code.error();
            request.serialNumber = profile.mfaSerial;
            request.tokenCode = code.value();
        }
    }
    StsClient& sts = stsClient(profile, region, chain.pace);
    qCInfo(lcCredentials) << "assuming the role of profile" << profile.name;
    Result<StsAssumeRoleResult> assumed = co_await sts.assumeRole(sourceKeys, request, cancel);
    if (!self)
        co_return resolverGone();
    if (!assumed && refusesCredentials(assumed.error()) && !sourceKeys.sessionToken.isEmpty()
        && !profile.roleSourceIsEnvironment && !chain.sourceRenewed) {
        // STS refused the source's session (expired early, revoked, another issuer's): drop
        // it and assume the role once more with a new one.
        QStringList refused;
        if (!profile.mfaSerial.isEmpty() && sourceMfa != profile.mfaSerial)
            refused.append(sessionKey(kSessionTokenType, sourceProfile.id, profile.mfaSerial));
        const std::optional<ResolvableProfile> source = m_lookup(profile.sourceProfile);
        if (source) {
            const QString key = topSessionKey(
                source->profile, source->inlineKeys && !source->inlineKeys->sessionToken.isEmpty());
            if (!key.isEmpty())
                refused.append(key);
        }
        if (!refused.isEmpty()) {
            qCInfo(lcCredentials) << "STS refused the source session of" << profile.name
                                  << assumed.error().code << "; renewing it once";
            const KeychainResult<Unit> dropped = co_await m_sessions.forget(refused);
            if (!self)
                co_return resolverGone();
            if (dropped) {
                Chain again = chain;
                again.sourceRenewed = true;
                const Profile role = profile;
                const QString where = region;
                co_return co_await fetchAssumeRole(role, where, again, cancel);
            }
        }
    }
    if (!assumed)
        co_return assumed.error();
    TemporaryCredentials credentials = assumed.value().credentials;
    co_return credentials;
}

} // namespace ecr
