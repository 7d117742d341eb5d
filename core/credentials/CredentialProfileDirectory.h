#pragma once

#include "CredentialResolver.h"
#include "ProfileDirectory.h"
#include "ProfileStore.h"
#include "SharedConfig.h"
#include "SharedConfigImport.h"
#include "StsClient.h"

#include <QHash>
#include <QPointer>
#include <QProcessEnvironment>

namespace ecr {

// The profiles of the AWS credential chain, in the SDKs' order:
//   1. "env"              AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN)
//   2. "shared:<name>"    the shared-file profile AWS_PROFILE (else AWS_DEFAULT_PROFILE) names
//   3. "keychain:<id>"    the app's own profiles (ProfileStore + keychain), by name
//   4. "shared:<name>"    the other profiles of ~/.aws/config and ~/.aws/credentials, in file order
// For the environment and shared-file profiles AWS_REGION / AWS_DEFAULT_REGION override the
// region, AWS_ENDPOINT_URL_ECR / AWS_ENDPOINT_URL the ECR endpoint and AWS_ENDPOINT_URL_STS /
// AWS_ENDPOINT_URL the STS endpoint (for SSO profiles AWS_ENDPOINT_URL_SSO and
// AWS_ENDPOINT_URL_SSO_OIDC the portal and OIDC endpoints), as in the SDKs. Listing reads settings
// and the shared files only; the keychain is first touched by resolve() (or the calls below that
// need it).
class CredentialProfileDirectory final : public ProfileDirectory
{
    Q_OBJECT

public:
    static QString environmentId() { return QStringLiteral("env"); }
    static QString keychainPrefix() { return QStringLiteral("keychain:"); }
    static QString keychainEntryId(const QString& profileId)
    {
        return keychainPrefix() + profileId;
    }

    CredentialProfileDirectory(ProfileStore& store, SecretStore& secrets,
        QNetworkAccessManager& network, const Clock& clock,
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment(),
        CredentialResolverOptions resolverOptions = {}, QObject* parent = nullptr);

    QList<ProfileEntry> profiles() const override;
    QString connectionRevision(const QString& profileId) const override;
    // Resolves the credentials once (MFA prompt, keychain, STS, process: errors show here), then
    // hands out a provider that renews them near expiry. Empty region: the profile's.
    QCoro::Task<Result<ConnectionTarget>> resolve(
        QString profileId, QString region, CancelToken cancel) override;
    // An SSO profile's sign-in: every account and role it reaches, and a connection as one of
    // them (a profile in memory with that account and role).
    QCoro::Task<Result<QList<ReachableRole>>> reachableRoles(
        QString profileId, CancelToken cancel) override;
    QCoro::Task<Result<ConnectionTarget>> resolveRole(
        QString profileId, ReachableRole role, QString region, CancelToken cancel) override;
    QCoro::Task<Result<ConnectionTarget>> resolve(QString profileId, QString region)
    {
        return resolve(std::move(profileId), std::move(region), CancelToken());
    }

    // "Test connection": the profile's credentials, then STS GetCallerIdentity, every STS call
    // of it at CallPace::Quick (one attempt of at most kQuickAttemptTimeout), so a test never
    // waits through the retries of a call.
    QCoro::Task<Result<CallerIdentity>> testConnection(
        QString profileId, QString region = {}, CancelToken cancel = {});
    // The credentials of an entry now, as the chain resolves them (for tests and diagnostics).
    QCoro::Task<Result<TemporaryCredentials>> credentials(
        QString profileId, QString region = {}, CancelToken cancel = {});

    void setMfaPrompter(MfaPrompter* prompter) { m_resolver.setMfaPrompter(prompter); }
    void setSsoPrompter(SsoSignInPrompter* prompter) { m_resolver.setSsoPrompter(prompter); }
    // IAM Identity Center sessions: sign-in, accounts and roles (the "Add SSO profile" dialog).
    SsoTokenProvider& ssoTokens() { return m_resolver.ssoTokens(); }
    // How many STS clients the chain keeps (one per endpoint configuration; for diagnostics).
    qsizetype stsClientCount() const { return m_resolver.stsClients().size(); }

    // A profile that lives only in memory, resolved by its id but not listed (the Local
    // sandbox's SSO demo); setting one with the same id replaces it.
    void setTransientProfile(const Profile& profile) { m_transient.insert(profile.id, profile); }

    // The app's own profiles (settings only; no secret), sorted by name.
    QList<Profile> appProfiles() const { return m_store.profiles(); }
    std::optional<Profile> appProfile(const QString& id) const { return m_store.profile(id); }
    std::optional<Profile> appProfileNamed(const QString& name) const
    {
        return m_store.profileByName(name);
    }
    // Whether an app profile's access keys are in the keychain (an error says why not); the
    // keys themselves never leave core.
    QCoro::Task<Result<Unit>> checkStoredKeys(QString profileId);

    // The app profile or shared-file profile behind an entry id (with the environment's
    // overrides applied), or nullopt.
    std::optional<Profile> profileForEntry(const QString& entryId) const;

    // Shared files as last read, with their issues and per-profile notes (for the import dialog).
    const SharedConfig& sharedConfig() const { return m_shared; }
    void reloadSharedConfig(); // re-reads both files, emits profilesChanged()

    // For the profile manager. saveProfile validates, writes the keys (StaticKeys: required for
    // a new profile, optional for an existing one) to the keychain first and the settings after,
    // and drops cached sessions made with the old settings.
    // `copyKeysFrom` (a Duplicate without typed keys): the app profile whose stored keys the
    // new profile gets, copied from keychain entry to keychain entry.
    QCoro::Task<Result<Profile>> saveProfile(Profile profile,
        std::optional<sigv4::Credentials> staticKeys = std::nullopt, QString copyKeysFrom = {});
    // The app profiles that name this one as their source profile (to warn before removing it).
    QList<Profile> profilesUsingSource(const QString& profileId) const;
    // Removes the settings, the keys and the cached sessions. A locked or refusing keychain is an
    // error (nothing is removed); without any keychain the settings still go.
    QCoro::Task<Result<Unit>> removeProfile(QString profileId);
    // Imports chosen shared-file profiles (by name); see importSharedProfiles().
    QCoro::Task<ImportReport> importShared(QStringList names);

private:
    std::optional<ResolvableProfile> lookup(const QString& idOrName) const;
    Result<ResolvableProfile> find(const QString& entryId) const; // UnknownProfile if none
    // GetCallerIdentity with a target's credentials (ConnectionTarget::identify).
    static QCoro::Task<Result<CallerIdentity>> identifyWith(
        QPointer<CredentialProfileDirectory> self, Profile profile, QString region,
        std::shared_ptr<CredentialsProvider> provider, CancelToken cancel);
    void applyEnvironment(Profile& profile) const;
    QString environmentRegion() const;
    QString preferredSharedProfile() const;

    ProfileStore& m_store;
    QProcessEnvironment m_environment;
    SharedConfig m_shared;
    CredentialResolver m_resolver;
    QHash<QString, Profile> m_transient;
    QHash<QString, int> m_saves; // per app profile: saves that changed how it connects
    int m_sharedReads = 0; // reloads of the shared files
};

} // namespace ecr
