#pragma once

#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

// A credential profile the app keeps: its non-secret settings (in QSettings, see ProfileStore)
// and where its credentials come from. Secrets never live in this type: static keys are in the
// OS keychain, under the profile's id (see CredentialResolver::staticKeysKey).
namespace ecr {

enum class CredentialSource
{
    StaticKeys, // an access key id and secret in the keychain
    AssumeRole, // STS AssumeRole with the credentials of a source profile (or the environment)
    CredentialProcess, // an external command that prints credentials as JSON (credential_process)
    Environment, // AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN
    Sso, // IAM Identity Center: a role of an account, through a signed-in SSO session
};

QString credentialSourceName(CredentialSource source); // stable, for settings: "static-keys"…
std::optional<CredentialSource> credentialSourceFromName(QStringView name);

struct Profile
{
    static constexpr int kDefaultDurationSeconds = 3600;
    static constexpr int kMinDurationSeconds = 900;
    static constexpr int kMaxDurationSeconds = 43200;

    QString id; // stable (a UUID for app profiles, "shared:<name>" for shared-file ones)
    QString name; // unique among the app's profiles
    // A marker for the window and every destructive confirmation: a short label ("production")
    // and one of profileColors()' names; both may be empty.
    QString label;
    QString color;
    QString region; // default region; may be empty
    QString partition; // empty: derived from the region
    QUrl endpointUrl; // custom ECR endpoint; empty: the partition's
    QUrl stsEndpointUrl; // custom STS endpoint; empty: https://sts.<region>.<dnsSuffix>
    QString caBundlePath; // PEM bundle trusted in addition to the system CAs (ECR and STS)
    QUrl proxyUrl; // http://host:port for this profile's ECR, Secrets Manager and STS calls
    CredentialSource source = CredentialSource::StaticKeys;

    // Where endpointUrl, stsEndpointUrl and caBundlePath came from, for messages
    // ("AWS_ENDPOINT_URL_ECR", "endpoint_url of profile 'dev' in /home/me/.aws/config"); empty
    // for the app's own settings. Never stored.
    QString endpointUrlOrigin;
    QString stsEndpointUrlOrigin;

    // StaticKeys and AssumeRole: an MFA device. With static keys it turns them into an MFA
    // session (GetSessionToken); with a role it is the role's MFA requirement.
    QString mfaSerial;

    // AssumeRole
    QString roleArn;
    QString sourceProfile; // id or name of another profile; empty with roleSourceIsEnvironment
    bool roleSourceIsEnvironment = false; // credential_source = Environment
    QString externalId;
    int durationSeconds = kDefaultDurationSeconds;
    QString sessionName; // empty: "ecr-ptc-admin-<unix time>"

    // CredentialProcess: the command line, split like a shell would but run without one.
    QString credentialProcess;

    // Sso: the role ssoRoleName of account ssoAccountId, through a sign-in to ssoStartUrl in
    // ssoRegion. With ssoSession the sign-in is that [sso-session] (its token is cached under
    // its name and refreshed, shared with the AWS CLI); without, a legacy profile's own sign-in.
    QString ssoSession;
    QString ssoStartUrl;
    QString ssoRegion;
    QStringList ssoRegistrationScopes; // sso_registration_scopes; empty: none
    QString ssoAccountId;
    QString ssoRoleName;
    QUrl ssoEndpointUrl; // custom SSO portal endpoint; empty: https://portal.sso.<region>…
    QUrl ssoOidcEndpointUrl; // custom OIDC endpoint; empty: https://oidc.<region>…
    QString ssoEndpointUrlOrigin; // never stored, as the origins above
    QString ssoOidcEndpointUrlOrigin;

    // A new random id for an app profile.
    static QString newId();
    // The partition's id: `partition` when set, else the region's, else "aws".
    QString effectivePartition() const;

    friend bool operator==(const Profile&, const Profile&) = default;
};

// The fields a validation message can point at, so a dialog can show it beside the field.
enum class ProfileField
{
    Name,
    Label,
    Region,
    Partition,
    EndpointUrl,
    StsEndpointUrl,
    CaBundlePath,
    ProxyUrl,
    Source,
    RoleArn,
    SourceProfile,
    MfaSerial,
    ExternalId,
    DurationSeconds,
    SessionName,
    CredentialProcess,
    SsoSession,
    SsoStartUrl,
    SsoRegion,
    SsoAccountId,
    SsoRoleName,
    SsoEndpointUrl,
};

struct ProfileIssue
{
    ProfileField field;
    QString message;
    friend bool operator==(const ProfileIssue&, const ProfileIssue&) = default;
};

// Checks one profile against the others the store holds (for the unique name and the source
// profile). Returns every problem, in field order; empty when the profile can be saved.
QList<ProfileIssue> validateProfile(const Profile& profile, const QList<Profile>& others);

// The colours a profile can be marked with, in the order the editor offers them.
struct ProfileColor
{
    QString name; // stored: "red"
    QString displayName; // shown (translated where shown)
    QString background; // "#c62828"
    QString foreground; // text on it
};
const QList<ProfileColor>& profileColors();
const ProfileColor* profileColor(const QString& name);
inline constexpr int kMaxProfileLabelLength = 40;

// The individual rules, for fields that are validated as the user types.
bool isValidRegionName(const QString& region); // a partition lists it or its pattern matches
bool isValidRoleArn(const QString& arn); // arn:aws*:iam::<12 digits>:role/<path/name>
bool isValidMfaSerial(const QString& serial); // [\w+=/:,.@-]{9,256}
bool isValidRoleSessionName(const QString& name); // [\w+=,.@-]{2,64}
bool isValidAccountId(const QString& accountId); // 12 digits
bool isValidSsoRoleName(const QString& roleName); // [\w+=,.@-]{1,64}, as IAM role names
bool isValidSsoStartUrl(const QUrl& url); // an https URL with a host (http only to loopback)
bool isValidSsoSessionName(const QString& name); // no white space, no brackets
bool isValidExternalId(const QString& id); // [\w+=,.@:/-]{2,1224}
bool isValidAccessKeyId(const QString& accessKeyId); // 16 to 128 letters and digits ("AKIA…")

// The access keys typed for an access-keys profile. A profile without stored keys needs both;
// one that keeps its keys in the keychain keeps them while nothing is typed, and replacing them
// takes both again.
enum class AccessKeyField
{
    AccessKeyId,
    SecretAccessKey,
};
struct AccessKeyIssue
{
    AccessKeyField field;
    QString message;
};
QList<AccessKeyIssue> validateTypedKeys(const QString& accessKeyId, const QString& secretAccessKey,
    bool anythingTyped, bool hasStoredKeys);

} // namespace ecr
