// Over 400 lines on purpose: the one directory of every profile kind (environment, shared files,
// the app's keychain profiles, transient SSO roles) with their save, remove and resolve paths.
#include "CredentialProfileDirectory.h"

#include "Endpoint.h"
#include "EnvironmentCredentials.h"
#include "SsoProfile.h"

#include <QPointer>

namespace ecr {

using namespace Qt::StringLiterals;

CredentialProfileDirectory::CredentialProfileDirectory(ProfileStore& store, SecretStore& secrets,
    QNetworkAccessManager& network, const Clock& clock, QProcessEnvironment environment,
    CredentialResolverOptions resolverOptions, QObject* parent)
    : ProfileDirectory(parent)
    , m_store(store)
    , m_environment(std::move(environment))
    , m_shared(SharedConfig::load(m_environment))
    , m_resolver(
          network, clock, secrets, [this](const QString& idOrName) { return lookup(idOrName); },
          [&] {
              resolverOptions.environment = m_environment;
              return resolverOptions;
          }(),
          this)
{
    connect(&m_store, &ProfileStore::changed, this, &ProfileDirectory::profilesChanged);
}

void CredentialProfileDirectory::reloadSharedConfig()
{
    m_shared = SharedConfig::load(m_environment);
    ++m_sharedReads;
    Q_EMIT profilesChanged();
}

QString CredentialProfileDirectory::environmentRegion() const
{
    QString region = m_environment.value(u"AWS_REGION"_s);
    if (region.isEmpty())
        region = m_environment.value(u"AWS_DEFAULT_REGION"_s);
    return region;
}

QString CredentialProfileDirectory::preferredSharedProfile() const
{
    QString name = m_environment.value(u"AWS_PROFILE"_s);
    if (name.isEmpty())
        name = m_environment.value(u"AWS_DEFAULT_PROFILE"_s);
    return name;
}

void CredentialProfileDirectory::applyEnvironment(Profile& profile) const
{
    if (const QString region = environmentRegion(); !region.isEmpty())
        profile.region = region;
    // The service's own variable wins over the global one, as in the SDKs.
    auto endpointFromEnvironment = [&](const QString& serviceVariable, QUrl* url, QString* origin) {
        for (const QString& variable : {serviceVariable, u"AWS_ENDPOINT_URL"_s}) {
            const QString value = m_environment.value(variable);
            if (!value.isEmpty()) {
                *url = QUrl(value);
                *origin = variable;
                return;
            }
        }
    };
    endpointFromEnvironment(
        u"AWS_ENDPOINT_URL_ECR"_s, &profile.endpointUrl, &profile.endpointUrlOrigin);
    endpointFromEnvironment(
        u"AWS_ENDPOINT_URL_STS"_s, &profile.stsEndpointUrl, &profile.stsEndpointUrlOrigin);
    if (profile.source == CredentialSource::Sso) {
        endpointFromEnvironment(
            u"AWS_ENDPOINT_URL_SSO"_s, &profile.ssoEndpointUrl, &profile.ssoEndpointUrlOrigin);
        endpointFromEnvironment(u"AWS_ENDPOINT_URL_SSO_OIDC"_s, &profile.ssoOidcEndpointUrl,
            &profile.ssoOidcEndpointUrlOrigin);
    }
    if (const QString bundle = m_environment.value(u"AWS_CA_BUNDLE"_s); !bundle.isEmpty())
        profile.caBundlePath = bundle;
}

std::optional<ResolvableProfile> CredentialProfileDirectory::lookup(const QString& idOrName) const
{
    if (const auto transient = m_transient.constFind(idOrName); transient != m_transient.cend())
        return ResolvableProfile{*transient, std::nullopt};
    if (idOrName == environmentId()) {
        if (!EnvironmentCredentialsProvider::isAvailable(m_environment))
            return std::nullopt;
        Profile profile;
        profile.id = environmentId();
        profile.name = tr("Environment");
        profile.source = CredentialSource::Environment;
        applyEnvironment(profile);
        return ResolvableProfile{profile, std::nullopt};
    }
    if (idOrName.startsWith(SharedConfig::idPrefix())) {
        QString name = idOrName.mid(SharedConfig::idPrefix().size());
        const bool selfKeys = name.endsWith(SharedConfig::selfKeysSuffix());
        if (selfKeys)
            name.chop(SharedConfig::selfKeysSuffix().size());
        const SharedProfile* shared = m_shared.profile(name);
        if (!shared)
            return std::nullopt;
        Profile profile;
        if (selfKeys) {
            if (!shared->hasStaticKeys())
                return std::nullopt;
            profile.id = idOrName;
            profile.name = name;
            profile.region = shared->value(u"region"_s);
            profile.source = CredentialSource::StaticKeys;
        } else {
            const Result<Profile> converted = m_shared.toProfile(name);
            if (!converted)
                return std::nullopt;
            profile = converted.value();
        }
        applyEnvironment(profile);
        std::optional<sigv4::Credentials> keys;
        if (profile.source == CredentialSource::StaticKeys)
            keys = shared->staticKeys();
        return ResolvableProfile{profile, keys};
    }
    const QString id
        = idOrName.startsWith(keychainPrefix()) ? idOrName.mid(keychainPrefix().size()) : idOrName;
    std::optional<Profile> profile = m_store.profile(id);
    if (!profile)
        profile = m_store.profileByName(idOrName);
    if (!profile)
        return std::nullopt;
    if (!profile->endpointUrl.isEmpty())
        profile->endpointUrlOrigin = tr("the ECR endpoint URL of profile '%1'").arg(profile->name);
    if (!profile->stsEndpointUrl.isEmpty())
        profile->stsEndpointUrlOrigin
            = tr("the STS endpoint URL of profile '%1'").arg(profile->name);
    if (!profile->ssoEndpointUrl.isEmpty())
        profile->ssoEndpointUrlOrigin
            = tr("the SSO portal endpoint URL of profile '%1'").arg(profile->name);
    if (!profile->ssoOidcEndpointUrl.isEmpty())
        profile->ssoOidcEndpointUrlOrigin
            = tr("the SSO OIDC endpoint URL of profile '%1'").arg(profile->name);
    return ResolvableProfile{*profile, std::nullopt};
}

Result<ResolvableProfile> CredentialProfileDirectory::find(const QString& entryId) const
{
    std::optional<ResolvableProfile> found = lookup(entryId);
    if (!found)
        return makeError(ErrorKind::Configuration, u"UnknownProfile"_s,
            tr("The profile '%1' is no longer available.").arg(entryId), 0);
    return std::move(*found);
}

std::optional<Profile> CredentialProfileDirectory::profileForEntry(const QString& entryId) const
{
    const std::optional<ResolvableProfile> found = lookup(entryId);
    if (!found)
        return std::nullopt;
    return found->profile;
}

QList<ProfileEntry> CredentialProfileDirectory::profiles() const
{
    QList<ProfileEntry> entries;
    auto partitionOf = [](const Profile& p) {
        return p.effectivePartition();
    };
    if (EnvironmentCredentialsProvider::isAvailable(m_environment)) {
        const QString region = environmentRegion();
        entries.append({environmentId(), tr("Environment"), ProfileEntry::Kind::Environment, region,
            region.isEmpty() ? u"aws"_s : partitionForRegion(region).id, {}, {}});
    }
    const QString preferred = preferredSharedProfile();
    QString preferredId;
    if (!preferred.isEmpty()) {
        if (const std::optional<Profile> p
            = profileForEntry(SharedConfig::idPrefix() + preferred)) {
            preferredId = p->id;
            entries.append(
                {p->id, tr("%1 (AWS_PROFILE)").arg(p->name), ProfileEntry::Kind::Environment,
                    p->region, partitionOf(*p), {}, {}, p->source == CredentialSource::Sso});
        }
    }
    for (const Profile& p : m_store.profiles())
        entries.append({keychainEntryId(p.id), p.name, ProfileEntry::Kind::Keychain, p.region,
            partitionOf(p), p.label, p.color, p.source == CredentialSource::Sso});
    for (const SharedProfile& shared : m_shared.profiles()) {
        const QString id = SharedConfig::idPrefix() + shared.name;
        if (id == preferredId)
            continue;
        if (const std::optional<Profile> p = profileForEntry(id))
            entries.append({id, tr("%1 (AWS CLI)").arg(p->name), ProfileEntry::Kind::SharedConfig,
                p->region, partitionOf(*p), {}, {}, p->source == CredentialSource::Sso});
    }
    return entries;
}

QCoro::Task<Result<ConnectionTarget>> CredentialProfileDirectory::resolve(
    QString profileId, QString region, CancelToken cancel)
{
    const Result<ResolvableProfile> found = find(profileId);
    if (!found)
        co_return found.error();
    const Profile& profile = found.value().profile;
    if (region.isEmpty())
        region = profile.region;
    if (region.isEmpty())
        co_return makeError(ErrorKind::Configuration, u"InvalidConfiguration"_s,
            tr("Profile '%1' has no region. Choose a region.").arg(profile.name), 0);

    const QString id = profile.id;
    const Result<TemporaryCredentials> credentials
        = co_await m_resolver.resolve(id, region, cancel);
    if (!credentials)
        co_return credentials.error();
    ConnectionTarget target;
    target.displayName = profile.name;
    target.region = region;
    target.customEndpoint = profile.endpointUrl;
    target.customEndpointOrigin = profile.endpointUrlOrigin;
    target.caBundlePath = profile.caBundlePath;
    target.proxy = profile.proxyUrl;
    target.credentials = m_resolver.provider(profile.id, region);
    target.accountId = credentials.value().accountId;
    QPointer<CredentialProfileDirectory> self(this);
    const std::shared_ptr<CredentialsProvider> provider = target.credentials;
    const Profile identified = profile;
    target.identify = [self, identified, region, provider](CancelToken token) {
        return identifyWith(self, identified, region, provider, token);
    };
    co_return target;
}

QCoro::Task<Result<CallerIdentity>> CredentialProfileDirectory::identifyWith(
    QPointer<CredentialProfileDirectory> self, Profile profile, QString region,
    std::shared_ptr<CredentialsProvider> provider, CancelToken cancel)
{
    const Result<sigv4::Credentials> keys = co_await provider->credentials(cancel);
    if (!keys)
        co_return keys.error();
    if (!self)
        co_return makeError(ErrorKind::Cancelled, QString(), tr("The profile is gone."), 0);
    StsClient& sts = self->m_resolver.stsClient(profile, region);
    const sigv4::Credentials credentials = keys.value();
    co_return co_await sts.getCallerIdentity(credentials, cancel);
}

QCoro::Task<Result<CallerIdentity>> CredentialProfileDirectory::testConnection(
    QString profileId, QString region, CancelToken cancel)
{
    const Result<ResolvableProfile> found = find(profileId);
    if (!found)
        co_return found.error();
    const Profile profile = found.value().profile;
    const QString id = profile.id;
    QPointer<CredentialProfileDirectory> self(this);
    const Result<TemporaryCredentials> credentials
        = co_await m_resolver.resolve(id, region, cancel, CallPace::Quick);
    if (!self)
        co_return makeError(ErrorKind::Cancelled, QString(), tr("The profile is gone."), 0);
    if (!credentials)
        co_return credentials.error();
    StsClient& sts = m_resolver.stsClient(profile, region, CallPace::Quick);
    const sigv4::Credentials keys = credentials.value().credentials;
    co_return co_await sts.getCallerIdentity(keys, cancel);
}

QCoro::Task<Result<TemporaryCredentials>> CredentialProfileDirectory::credentials(
    QString profileId, QString region, CancelToken cancel)
{
    const Result<ResolvableProfile> found = find(profileId);
    if (!found)
        co_return found.error();
    const QString id = found.value().profile.id;
    co_return co_await m_resolver.resolve(id, region, cancel);
}

QCoro::Task<Result<Unit>> CredentialProfileDirectory::checkStoredKeys(QString profileId)
{
    if (profileId.startsWith(keychainPrefix()))
        profileId = profileId.mid(keychainPrefix().size());
    const Result<sigv4::Credentials> keys = co_await m_resolver.staticKeys().read(profileId);
    if (!keys)
        co_return keys.error();
    co_return Unit{};
}

QCoro::Task<Result<Profile>> CredentialProfileDirectory::saveProfile(
    Profile profile, std::optional<sigv4::Credentials> staticKeys, QString copyKeysFrom)
{
    if (!staticKeys && !copyKeysFrom.isEmpty() && profile.source == CredentialSource::StaticKeys) {
        if (copyKeysFrom.startsWith(keychainPrefix()))
            copyKeysFrom = copyKeysFrom.mid(keychainPrefix().size());
        Result<sigv4::Credentials> copied = co_await m_resolver.staticKeys().read(copyKeysFrom);
        if (!copied)
            co_return copied.error();
        staticKeys = copied.value();
    }
    const std::optional<Profile> before
        = profile.id.isEmpty() ? std::nullopt : m_store.profile(profile.id);
    if (profile.id.isEmpty())
        profile.id = Profile::newId();
    const QList<ProfileIssue> issues = m_store.validate(profile);
    if (!issues.isEmpty()) {
        QStringList messages;
        for (const ProfileIssue& issue : issues)
            messages.append(issue.message);
        co_return makeError(ErrorKind::InvalidInput, u"InvalidProfile"_s, messages.join(u'\n'), 0);
    }
    if (profile.source == CredentialSource::StaticKeys) {
        if (staticKeys && !staticKeys->isValid())
            co_return makeError(ErrorKind::InvalidInput, u"InvalidProfile"_s,
                tr("Enter both the access key ID and the secret access key."), 0);
        if (!staticKeys && (!before || before->source != CredentialSource::StaticKeys))
            co_return makeError(ErrorKind::InvalidInput, u"InvalidProfile"_s,
                tr("Enter the access key ID and the secret access key."), 0);
        if (staticKeys) {
            const QString id = profile.id;
            const sigv4::Credentials keys = *staticKeys;
            const KeychainResult<Unit> written = co_await m_resolver.staticKeys().store(id, keys);
            if (!written)
                co_return written.toAwsError();
        }
    }
    if (before) {
        Profile unmarked = *before;
        unmarked.label = profile.label;
        unmarked.color = profile.color;
        if (staticKeys || unmarked != profile)
            ++m_saves[profile.id];
        // Sessions made with the old settings (or keys) must not outlive them.
        const bool keysGone = before->source == CredentialSource::StaticKeys
            && profile.source != CredentialSource::StaticKeys;
        const Profile old = *before;
        const QList<Profile> others = m_store.profiles();
        const KeychainResult<Unit> forgotten = co_await m_resolver.forget(old, keysGone, others);
        if (!forgotten && forgotten.state() != KeychainState::Unavailable)
            co_return forgotten.toAwsError();
    }
    co_return m_store.save(profile);
}

QString CredentialProfileDirectory::connectionRevision(const QString& profileId) const
{
    // The entry and its source profiles, each with how often it changed.
    QStringList parts;
    std::optional<ResolvableProfile> found = lookup(profileId);
    while (found && parts.size() < 16) {
        const Profile& p = found->profile;
        if (parts.contains(p.id))
            break; // a loop: resolving says so
        parts.append(p.id);
        if (p.id.startsWith(SharedConfig::idPrefix()))
            parts.append(u"read %1"_s.arg(m_sharedReads));
        else if (p.id != environmentId())
            parts.append(u"saved %1"_s.arg(m_saves.value(p.id)));
        if (p.source != CredentialSource::AssumeRole || p.roleSourceIsEnvironment)
            break;
        found = lookup(p.sourceProfile);
    }
    return parts.join(u'|');
}

QList<Profile> CredentialProfileDirectory::profilesUsingSource(const QString& profileId) const
{
    const QString id = profileId.startsWith(keychainPrefix())
        ? profileId.mid(keychainPrefix().size())
        : profileId;
    const std::optional<Profile> source = m_store.profile(id);
    QList<Profile> out;
    for (const Profile& p : m_store.profiles()) {
        if (p.source == CredentialSource::AssumeRole && !p.roleSourceIsEnvironment
            && (p.sourceProfile == profileId || p.sourceProfile == id
                || (source && p.sourceProfile == source->name)))
            out.append(p);
    }
    return out;
}

QCoro::Task<Result<Unit>> CredentialProfileDirectory::removeProfile(QString profileId)
{
    if (profileId.startsWith(keychainPrefix()))
        profileId = profileId.mid(keychainPrefix().size());
    const std::optional<Profile> profile = m_store.profile(profileId);
    if (!profile)
        co_return makeError(ErrorKind::Configuration, u"UnknownProfile"_s,
            tr("The profile '%1' does not exist.").arg(profileId), 0);
    const Profile removed = *profile;
    const QList<Profile> others = m_store.profiles();
    const KeychainResult<Unit> forgotten = co_await m_resolver.forget(removed, true, others);
    if (!forgotten && forgotten.state() != KeychainState::Unavailable)
        co_return forgotten.toAwsError();
    m_store.remove(profileId);
    co_return Unit{};
}

QCoro::Task<ImportReport> CredentialProfileDirectory::importShared(QStringList names)
{
    const SharedConfig config = SharedConfig::load(m_environment);
    co_return co_await importSharedProfiles(m_store, m_resolver.staticKeys(), config, names);
}

} // namespace ecr
