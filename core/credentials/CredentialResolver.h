#pragma once

#include "CredentialsProvider.h"
#include "KeychainStore.h"
#include "MfaPrompter.h"
#include "Profile.h"
#include "RetryPolicy.h"
#include "SessionCache.h"
#include "SsoTokenProvider.h"
#include "StaticKeyStore.h"
#include "StsClient.h"
#include "StsClients.h"
#include "TemporaryCredentials.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QProcessEnvironment>

#include <functional>
#include <memory>

namespace ecr {

// A profile as the resolver needs it: the profile, plus static keys when they come from a
// shared credentials file rather than from the keychain.
struct ResolvableProfile
{
    Profile profile;
    std::optional<sigv4::Credentials> inlineKeys;
};
// Finds a profile by id (or, failing that, by name); nullopt when there is none.
using ProfileLookup = std::function<std::optional<ResolvableProfile>(const QString& idOrName)>;

struct CredentialResolverOptions
{
    std::chrono::seconds refreshMargin{300}; // renew temporary credentials this long before expiry
    std::chrono::milliseconds processTimeout{30000}; // credential_process
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    RetrySettings stsRetry;
    std::chrono::milliseconds stsAttemptTimeout{30000};
    int mfaSessionDurationSeconds = 43200; // GetSessionToken with MFA
    QString defaultStsRegion = QStringLiteral("us-east-1"); // when neither call nor profile has one
    // Where SSO tokens are cached, as the AWS CLI does: empty means <home>/.aws/sso/cache with
    // the home of `environment` (HOME, …).
    QString ssoCacheDirectory;
    SsoOptions sso;
};

// How patient the STS calls of one resolution are. Normal: the options' retries and attempt
// timeout. Quick: each call sent once, with at most kQuickAttemptTimeout — for a connection
// test the user sits and waits for.
enum class CallPace
{
    Normal,
    Quick,
};
inline constexpr std::chrono::seconds kQuickAttemptTimeout{10};

// The credential chain: turns a profile into credentials.
//   StaticKeys        the keychain (StaticKeyStore) or the shared file's keys; with an MFA
//                     device, an MFA session
//   AssumeRole        the source profile's credentials (recursively; loops are refused) + STS
//                     AssumeRole; with an MFA device, the MFA session of long-term source keys
//                     (GetSessionToken, one per device for every profile that names it, as
//                     aws-vault does), else SerialNumber + TokenCode on AssumeRole itself
//   CredentialProcess the command's output
//   Environment       AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN
//   Sso               an access token of the profile's SSO session (the CLI's token cache,
//                     refreshed, or a sign-in through the SsoSignInPrompter) + the portal's
//                     GetRoleCredentials; a refused token is dropped and fetched once more
// Temporary credentials go through the SessionCache; STS calls go through one pooled client per
// endpoint configuration (StsClients). Every step takes the caller's cancel
// token: cancelling closes an open MFA prompt, aborts an STS call and kills a running
// credential_process.
class CredentialResolver final : public QObject
{
    Q_OBJECT

public:
    CredentialResolver(QNetworkAccessManager& network, const Clock& clock, SecretStore& secrets,
        ProfileLookup lookup, CredentialResolverOptions options = {}, QObject* parent = nullptr);
    ~CredentialResolver() override;

    void setMfaPrompter(MfaPrompter* prompter) { m_prompter = prompter; }
    void setSsoPrompter(SsoSignInPrompter* prompter) { m_ssoTokens->setPrompter(prompter); }
    // The SSO sessions' tokens and portals (the profile manager lists accounts and roles).
    SsoTokenProvider& ssoTokens() { return *m_ssoTokens; }

    // The credentials of a profile now (cached when still fresh). `region` picks the regional
    // STS endpoint; empty: the profile's region, else options.defaultStsRegion.
    QCoro::Task<Result<TemporaryCredentials>> resolve(QString profileId, QString region = {},
        CancelToken cancel = {}, CallPace pace = CallPace::Normal);
    // A provider that resolves on first use and again whenever its credentials come within the
    // refresh margin of their expiry. It holds a guarded pointer: after the resolver is gone it
    // answers with an error.
    std::shared_ptr<CredentialsProvider> provider(QString profileId, QString region = {});

    StaticKeyStore& staticKeys() { return m_staticKeys; }
    // Drops a profile's cached sessions (memory and keychain) and, with `includeKeys`, its keys.
    // `others`: the app's other profiles. Sessions made for this profile go, and so do those
    // made with its keys or device for a profile it is the source of (an MFA session of a
    // source profile with a role's serial, the sessions of roles it is the source of).
    QCoro::Task<KeychainResult<Unit>> forget(
        Profile profile, bool includeKeys, QList<Profile> others = {});
    // A service refused the profile's temporary credentials (expired early, revoked, or from
    // another issuer): drops the session they came from, in memory and the keychain. True when
    // there was one, so the next resolve() fetches new credentials; false for fixed keys.
    QCoro::Task<bool> dropSession(QString profileId);

    static QString sessionKey(
        const QString& type, const QString& profileId, const QString& mfaSerial)
    {
        return SessionCache::keyFor(type, profileId, mfaSerial);
    }

    const CredentialResolverOptions& options() const { return m_options; }
    const Clock& clock() const { return m_clock; }
    bool isFresh(const TemporaryCredentials& credentials) const
    {
        return m_sessions.isFresh(credentials);
    }
    QNetworkAccessManager& network() { return m_network; }
    StsConfig stsConfig(
        const Profile& profile, const QString& region, CallPace pace = CallPace::Normal) const;
    // The pooled STS client for a profile's STS settings (see StsClients).
    StsClient& stsClient(
        const Profile& profile, const QString& region, CallPace pace = CallPace::Normal)
    {
        return m_sts.client(stsConfig(profile, region, pace));
    }
    const StsClients& stsClients() const { return m_sts; }

private:
    struct Resolved;
    struct Chain
    {
        QStringList ids;
        QStringList names;
        CallPace pace = CallPace::Normal;
        bool sourceRenewed = false; // a refused source session was dropped once already
    };
    // The key of the session a profile's credentials come from; empty for fixed keys.
    static QString topSessionKey(const Profile& profile, bool hasInlineSessionToken);

    QCoro::Task<Result<Resolved>> resolveChain(
        QString idOrName, QString region, Chain chain, CancelToken cancel);
    QCoro::Task<Result<TemporaryCredentials>> fetchAssumeRole(
        Profile profile, QString region, Chain chain, CancelToken cancel);
    QCoro::Task<Result<TemporaryCredentials>> fetchMfaSession(Profile keysProfile,
        sigv4::Credentials keys, QString promptName, QString region, CallPace pace,
        CancelToken cancel);
    QCoro::Task<Result<TemporaryCredentials>> fetchProcess(Profile profile, CancelToken cancel);
    QCoro::Task<Result<TemporaryCredentials>> fetchSso(Profile profile, CancelToken cancel);
    QCoro::Task<Result<TemporaryCredentials>> mfaSession(Profile keysProfile,
        sigv4::Credentials keys, QString promptName, QString region, CallPace pace,
        CancelToken cancel);

    QNetworkAccessManager& m_network;
    const Clock& m_clock;
    ProfileLookup m_lookup;
    CredentialResolverOptions m_options;
    MfaPrompter* m_prompter = nullptr;
    StaticKeyStore m_staticKeys;
    SessionCache m_sessions;
    StsClients m_sts;
    std::unique_ptr<SsoTokenProvider> m_ssoTokens;
};

} // namespace ecr
