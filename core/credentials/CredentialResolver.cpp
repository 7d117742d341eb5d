#include "CredentialResolver.h"

#include "CredentialProcess.h"
#include "EnvironmentCredentials.h"

#include <QCoreApplication>
#include <QCoroSignal>
#include <QCryptographicHash>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcCredentials, "ecr.credentials", QtInfoMsg)

namespace ecr {

using namespace Qt::StringLiterals;

namespace detail {

// One fetch in flight; later askers await `done` and copy the result.
class PendingCredentialFetch final : public QObject
{
    Q_OBJECT

public:
    std::optional<Result<TemporaryCredentials>> result;

Q_SIGNALS:
    void done();
};

} // namespace detail

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ecr::CredentialResolver", text);
}

constexpr int kMaxChainDepth = 8;
const QString kAssumeRoleType = u"sts.AssumeRole"_s;
const QString kSessionTokenType = u"sts.GetSessionToken"_s;
const QString kProcessType = u"credential_process"_s;

QString b64url(const QString& text)
{
    return QString::fromLatin1(
        text.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray fingerprintOf(const QStringList& parts)
{
    return QCryptographicHash::hash(parts.join(u'\x1f').toUtf8(), QCryptographicHash::Sha256)
        .toHex()
        .left(32);
}

QByteArray roleFingerprint(const Profile& profile)
{
    return fingerprintOf({profile.roleArn, profile.sourceProfile,
        profile.roleSourceIsEnvironment ? u"env"_s : QString(), profile.externalId,
        QString::number(profile.durationSeconds), profile.sessionName, profile.mfaSerial});
}

QByteArray singleFingerprint(const QString& value)
{
    return fingerprintOf(QStringList{value});
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
    QCoro::Task<Result<sigv4::Credentials>> credentials(CancelToken) override
    {
        if (!m_resolver)
            co_return makeError(ErrorKind::Credentials, u"NoCredentials"_s,
                tr("The profile's credentials are no longer available."), 0);
        if (m_current
            && m_current->freshAt(m_resolver->clock().now(), m_resolver->options().refreshMargin)) {
            sigv4::Credentials copy = m_current->credentials;
            co_return copy;
        }
        Result<TemporaryCredentials> fresh = co_await m_resolver->resolve(m_profileId, m_region);
        if (!fresh)
            co_return fresh.error();
        m_current = fresh.value();
        sigv4::Credentials copy = fresh.value().credentials;
        co_return copy;
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

MfaPrompter::~MfaPrompter() = default;

CredentialResolver::CredentialResolver(QNetworkAccessManager& network, const Clock& clock,
    SecretStore& secrets, ProfileLookup lookup, CredentialResolverOptions options, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
    , m_secrets(secrets)
    , m_lookup(std::move(lookup))
    , m_options(std::move(options))
{ }

CredentialResolver::~CredentialResolver() = default;

QString CredentialResolver::staticKeysKey(const QString& profileId)
{
    return u"keys/"_s + b64url(profileId);
}

QString CredentialResolver::sessionKey(
    const QString& type, const QString& profileId, const QString& mfaSerial)
{
    return u"session/"_s + type + u'/' + b64url(profileId) + u'/' + b64url(mfaSerial);
}

StsConfig CredentialResolver::stsConfig(const Profile& profile, const QString& region) const
{
    StsConfig config;
    config.region = !region.isEmpty()
        ? region
        : (!profile.region.isEmpty() ? profile.region : m_options.defaultStsRegion);
    config.customEndpoint = profile.stsEndpointUrl;
    config.customEndpointOrigin = profile.stsEndpointUrlOrigin;
    config.caBundlePath = profile.caBundlePath;
    config.retry = m_options.stsRetry;
    config.attemptTimeout = m_options.stsAttemptTimeout;
    return config;
}

std::shared_ptr<CredentialsProvider> CredentialResolver::provider(QString profileId, QString region)
{
    return std::make_shared<ProfileCredentialsProvider>(
        *this, std::move(profileId), std::move(region));
}

QCoro::Task<Result<TemporaryCredentials>> CredentialResolver::resolve(
    QString profileId, QString region)
{
    const Chain chain;
    Result<Resolved> resolved = co_await resolveChain(profileId, region, chain);
    if (!resolved)
        co_return resolved.error();
    TemporaryCredentials credentials = resolved.value().credentials;
    co_return credentials;
}

QCoro::Task<KeychainResult<Unit>> CredentialResolver::storeStaticKeys(
    QString profileId, sigv4::Credentials keys)
{
    // Arguments are named locals: GCC 12 destroys some temporaries of a co_await expression twice.
    const QString key = staticKeysKey(profileId);
    const TemporaryCredentials stored{keys, {}, {}};
    const QByteArray json = toKeychainJson(stored);
    co_return co_await m_secrets.write(key, json);
}

QCoro::Task<Result<sigv4::Credentials>> CredentialResolver::readStaticKeys(QString profileId)
{
    const QString key = staticKeysKey(profileId);
    const KeychainResult<QByteArray> stored = co_await m_secrets.read(key);
    if (!stored)
        co_return stored.toAwsError();
    const std::optional<StoredCredentials> parsed = fromKeychainJson(stored.value());
    if (!parsed)
        co_return makeError(ErrorKind::Credentials, u"KeychainEntryMissing"_s,
            tr("The keys saved in the system keychain for this profile cannot be read. Edit the "
               "profile and enter its access key again."),
            0);
    sigv4::Credentials keys = parsed->credentials.credentials;
    co_return keys;
}

QCoro::Task<KeychainResult<Unit>> CredentialResolver::forget(Profile profile, bool includeKeys)
{
    QStringList keys;
    keys.append(sessionKey(kAssumeRoleType, profile.id, profile.mfaSerial));
    keys.append(sessionKey(kSessionTokenType, profile.id, profile.mfaSerial));
    keys.append(sessionKey(kProcessType, profile.id, {}));
    if (includeKeys)
        keys.append(staticKeysKey(profile.id));
    for (const QString& key : std::as_const(keys)) {
        m_memory.remove(key);
        const KeychainResult<Unit> removed = co_await m_secrets.remove(key);
        if (!removed)
            co_return removed;
    }
    co_return KeychainResult<Unit>::success(Unit{});
}

QCoro::Task<Result<QString>> CredentialResolver::askMfaCode(QString profileName, QString serial)
{
    if (!m_prompter)
        co_return makeError(ErrorKind::Credentials, u"MfaPromptUnavailable"_s,
            tr("Profile '%1' needs a code from MFA device %2, but no prompt is available.")
                .arg(profileName, serial),
            0);
    const std::optional<QString> code = co_await m_prompter->askCode(profileName, serial);
    if (!code)
        co_return makeError(
            ErrorKind::Cancelled, u"MfaCancelled"_s, tr("The MFA code was not entered."), 0);
    static const QRegularExpression sixDigits(u"^[0-9]{6}$"_s);
    const QString trimmed = code->trimmed();
    if (!sixDigits.match(trimmed).hasMatch())
        co_return makeError(
            ErrorKind::InvalidInput, u"InvalidMfaCode"_s, tr("An MFA code has six digits."), 0);
    co_return trimmed;
}

QCoro::Task<Result<TemporaryCredentials>> CredentialResolver::cached(
    QString key, QByteArray fingerprint, Fetch fetch)
{
    const QDateTime now = m_clock.now();
    if (const auto it = m_memory.constFind(key); it != m_memory.cend()
        && it->fingerprint == fingerprint
        && it->credentials.freshAt(now, m_options.refreshMargin)) {
        TemporaryCredentials copy = it->credentials;
        co_return copy;
    }
    if (const std::shared_ptr<detail::PendingCredentialFetch> pending = m_pending.value(key)) {
        co_await qCoro(pending.get(), &detail::PendingCredentialFetch::done);
        Result<TemporaryCredentials> copy = *pending->result;
        co_return copy;
    }
    const auto pending = std::make_shared<detail::PendingCredentialFetch>();
    m_pending.insert(key, pending);

    std::optional<Result<TemporaryCredentials>> result;
    const KeychainResult<QByteArray> stored = co_await m_secrets.read(key);
    if (stored) {
        const std::optional<StoredCredentials> parsed = fromKeychainJson(stored.value());
        if (parsed && parsed->fingerprint == fingerprint
            && parsed->credentials.freshAt(m_clock.now(), m_options.refreshMargin)) {
            qCDebug(lcCredentials) << "using cached session" << key;
            result.emplace(parsed->credentials);
        }
    } else if (stored.state() != KeychainState::EntryMissing) {
        qCInfo(lcCredentials) << "session cache not readable:" << keychainStateName(stored.state());
    }
    if (!result) {
        Result<TemporaryCredentials> fetched = co_await fetch();
        result.emplace(std::move(fetched));
        if (result->ok() && result->value().expires()) {
            const QByteArray json = toKeychainJson(result->value(), fingerprint);
            const KeychainResult<Unit> written = co_await m_secrets.write(key, json);
            if (!written)
                qCInfo(lcCredentials)
                    << "session not cached in the keychain:" << keychainStateName(written.state());
        }
    }
    if (result->ok())
        m_memory.insert(key, {result->value(), fingerprint});
    pending->result = result;
    m_pending.remove(key);
    Q_EMIT pending->done();
    Result<TemporaryCredentials> out = *result;
    co_return out;
}

QCoro::Task<Result<CredentialResolver::Resolved>> CredentialResolver::resolveChain(
    QString idOrName, QString region, Chain chain)
{
    const std::optional<ResolvableProfile> found = m_lookup(idOrName);
    if (!found)
        co_return makeError(ErrorKind::Configuration, u"UnknownProfile"_s,
            chain.names.isEmpty()
                ? tr("There is no profile '%1'.").arg(idOrName)
                : tr("Profile '%1' names source profile '%2', which does not exist.")
                      .arg(chain.names.last(), idOrName),
            0);
    const Profile& profile = found->profile;
    if (chain.ids.contains(profile.id) || chain.ids.size() >= kMaxChainDepth) {
        chain.names.append(profile.name);
        co_return makeError(ErrorKind::Configuration, u"ProfileLoop"_s,
            tr("The source profiles loop: %1.").arg(chain.names.join(u" → "_s)), 0);
    }
    chain.ids.append(profile.id);
    chain.names.append(profile.name);

    switch (profile.source) {
    case CredentialSource::Environment: {
        EnvironmentCredentialsProvider environment(m_options.environment);
        const Result<sigv4::Credentials> keys = co_await environment.credentials();
        if (!keys)
            co_return keys.error();
        co_return Resolved{{keys.value(), {}, {}}, {}};
    }
    case CredentialSource::StaticKeys: {
        sigv4::Credentials keys;
        if (found->inlineKeys) {
            keys = *found->inlineKeys;
        } else {
            const Result<sigv4::Credentials> stored = co_await readStaticKeys(profile.id);
            if (!stored)
                co_return withContext(stored.error(), tr("Profile '%1':").arg(profile.name));
            keys = stored.value();
        }
        if (profile.mfaSerial.isEmpty() || !keys.sessionToken.isEmpty())
            co_return Resolved{{keys, {}, {}}, {}};
        const Result<TemporaryCredentials> session
            = co_await mfaSession(profile, keys, profile.name, region);
        if (!session)
            co_return session.error();
        co_return Resolved{session.value(), profile.mfaSerial};
    }
    case CredentialSource::CredentialProcess: {
        const QString key = sessionKey(kProcessType, profile.id, {});
        const QByteArray fingerprint = singleFingerprint(profile.credentialProcess);
        const Profile processProfile = profile;
        const Fetch fetch = [this, processProfile] {
            return fetchProcess(processProfile);
        };
        const Result<TemporaryCredentials> output = co_await cached(key, fingerprint, fetch);
        if (!output)
            co_return withContext(output.error(), tr("Profile '%1':").arg(profile.name));
        co_return Resolved{output.value(), {}};
    }
    case CredentialSource::AssumeRole: {
        const QString key = sessionKey(kAssumeRoleType, profile.id, profile.mfaSerial);
        const QByteArray fingerprint = roleFingerprint(profile);
        const Profile roleProfile = profile;
        const Fetch fetch = [this, roleProfile, region, chain] {
            return fetchAssumeRole(roleProfile, region, chain);
        };
        const Result<TemporaryCredentials> role = co_await cached(key, fingerprint, fetch);
        if (!role)
            co_return role.error();
        co_return Resolved{role.value(), profile.mfaSerial};
    }
    }
    co_return makeError(ErrorKind::Configuration, u"UnknownSource"_s,
        tr("Profile '%1' has no known credential source.").arg(profile.name), 0);
}

QCoro::Task<Result<TemporaryCredentials>> CredentialResolver::mfaSession(
    Profile keysProfile, sigv4::Credentials keys, QString promptName, QString region)
{
    const QString key = sessionKey(kSessionTokenType, keysProfile.id, keysProfile.mfaSerial);
    const QByteArray fingerprint = singleFingerprint(keys.accessKeyId);
    const Fetch fetch = [this, keysProfile, keys, promptName, region] {
        return fetchMfaSession(keysProfile, keys, promptName, region);
    };
    co_return co_await cached(key, fingerprint, fetch);
}

QCoro::Task<Result<TemporaryCredentials>> CredentialResolver::fetchMfaSession(
    Profile keysProfile, sigv4::Credentials keys, QString promptName, QString region)
{
    const Result<QString> code = co_await askMfaCode(promptName, keysProfile.mfaSerial);
    if (!code)
        co_return code.error();
    StsClient sts(m_network, m_clock, stsConfig(keysProfile, region));
    StsGetSessionTokenRequest request;
    request.durationSeconds = m_options.mfaSessionDurationSeconds;
    request.serialNumber = keysProfile.mfaSerial;
    request.tokenCode = code.value();
    qCInfo(lcCredentials) << "starting an MFA session for" << keysProfile.name;
    co_return co_await sts.getSessionToken(keys, request);
}

QCoro::Task<Result<TemporaryCredentials>> CredentialResolver::fetchProcess(Profile profile)
{
    CredentialProcessOptions options;
    options.timeout = m_options.processTimeout;
    options.environment = m_options.environment;
    co_return co_await CredentialProcess::run(profile.credentialProcess, options);
}

QCoro::Task<Result<TemporaryCredentials>> CredentialResolver::fetchAssumeRole(
    Profile profile, QString region, Chain chain)
{
    sigv4::Credentials sourceKeys;
    QString sourceMfa;
    Profile sourceProfile;
    if (profile.roleSourceIsEnvironment) {
        EnvironmentCredentialsProvider environment(m_options.environment);
        const Result<sigv4::Credentials> keys = co_await environment.credentials();
        if (!keys)
            co_return keys.error();
        sourceKeys = keys.value();
        sourceProfile = profile;
        sourceProfile.id = u"env"_s;
        sourceProfile.name = tr("Environment");
    } else {
        // The source profile's own MFA device is not inherited (as in the CLI and aws-vault).
        const Result<Resolved> source = co_await resolveChain(profile.sourceProfile, region, chain);
        if (!source) {
            if (source.error().code == u"ProfileLoop" || source.error().code == u"UnknownProfile")
                co_return source.error();
            co_return withContext(source.error(),
                tr("The source profile of '%1' has no usable credentials:").arg(profile.name));
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
            const Result<TemporaryCredentials> session
                = co_await mfaSession(keysProfile, sourceKeys, profile.name, region);
            if (!session)
                co_return session.error();
            sourceKeys = session.value().credentials;
        } else {
            const Result<QString> code = co_await askMfaCode(profile.name, profile.mfaSerial);
            if (!code)
                co_return code.error();
            request.serialNumber = profile.mfaSerial;
            request.tokenCode = code.value();
        }
    }
    StsClient sts(m_network, m_clock, stsConfig(profile, region));
    qCInfo(lcCredentials) << "assuming the role of profile" << profile.name;
    Result<StsAssumeRoleResult> assumed = co_await sts.assumeRole(sourceKeys, request);
    if (!assumed)
        co_return assumed.error();
    TemporaryCredentials credentials = assumed.value().credentials;
    co_return credentials;
}

} // namespace ecr

#include "CredentialResolver.moc"
