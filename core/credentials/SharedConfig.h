#pragma once

#include "AwsError.h"
#include "Profile.h"
#include "SigV4.h"

#include <QList>
#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// The AWS CLI's shared files, ~/.aws/config and ~/.aws/credentials, read the way the CLI writes
// them: [default], [profile x] (config) and [x] (credentials); '#' and ';' comments, also after
// a value when preceded by white space; indented lines under an empty value as sub-properties
// ("s3 =\n  max_concurrent_requests = 10" gives "s3.max_concurrent_requests"), under a value as
// its continuation; case-insensitive keys; [sso-session x] and [services x] sections. Problems
// are collected with file name and line number, and the rest of the file still counts.
namespace ecr {

// "~" or "~/…" of a path setting, with `home` for "~".
QString expandHome(const QString& path, const QString& home);

struct SharedConfigIssue
{
    QString file;
    int line = 0; // 1-based; 0 for a problem of a whole profile
    QString message;
    QString toString() const; // "/home/me/.aws/config:12: …"
};

struct SharedProfile
{
    QString name;
    QMap<QString, QString> settings; // lower-case keys; both files merged, credentials file wins
    QStringList notes; // what the app skipped or cannot do with this profile, for the user
    QStringList credentialsFileKeys; // the keys that came from the credentials file

    QString value(const QString& key) const { return settings.value(key); }
    bool usesSso() const; // sso_session, sso_start_url, sso_account_id or sso_role_name
    bool hasStaticKeys() const; // aws_access_key_id and aws_secret_access_key
    sigv4::Credentials staticKeys() const; // with aws_session_token (or aws_security_token)
};

struct SharedConfigPaths
{
    QString config; // AWS_CONFIG_FILE, else <home>/.aws/config
    QString credentials; // AWS_SHARED_CREDENTIALS_FILE, else <home>/.aws/credentials
    QString home; // what "~" in a path setting (ca_bundle) stands for
    // Home is HOME, then USERPROFILE, then HOMEDRIVE + HOMEPATH; "~/" in the variables expands.
    static SharedConfigPaths fromEnvironment(const QProcessEnvironment& environment);
};

class SharedConfig
{
public:
    static QString idPrefix() { return QStringLiteral("shared:"); }

    // Reads both files (a missing file is no error).
    static SharedConfig load(const SharedConfigPaths& paths);
    static SharedConfig load(const QProcessEnvironment& environment)
    {
        return load(SharedConfigPaths::fromEnvironment(environment));
    }
    // Parses file contents; `paths` names them in issues.
    static SharedConfig parse(const QByteArray& configText, const QByteArray& credentialsText,
        const SharedConfigPaths& paths);

    const QList<SharedProfile>& profiles() const { return m_profiles; }
    const QList<SharedConfigIssue>& issues() const { return m_issues; }
    const SharedConfigPaths& paths() const { return m_paths; }
    bool configFileExists() const { return m_configExists; }
    bool credentialsFileExists() const { return m_credentialsExists; }
    const SharedProfile* profile(const QString& name) const;
    QStringList ssoSessions() const { return m_ssoSessions; }
    // An [sso-session name] section: "sso_start_url" → value; empty when there is none.
    QMap<QString, QString> ssoSession(const QString& name) const
    {
        return m_ssoSessionSettings.value(name);
    }
    // A [services name] section: "ecr.endpoint_url" → value.
    QMap<QString, QString> services(const QString& name) const { return m_services.value(name); }

    // The app's view of a shared profile: id "shared:<name>", source profile "shared:<source>"
    // (or "shared:<name>#keys" for `source_profile` naming itself). A Configuration error says
    // why a profile cannot be used (web identity, no credentials, an SSO profile without its
    // session, bad values). SSO profiles take their sign-in from their [sso-session].
    Result<Profile> toProfile(const QString& name) const;
    static QString selfKeysSuffix() { return QStringLiteral("#keys"); }

private:
    template <typename EndpointOf>
    Result<Profile> ssoProfile(
        const SharedProfile& p, Profile profile, const EndpointOf& endpointOf) const;
    void parseFile(const QByteArray& text, const QString& fileName, bool isConfigFile);

    SharedConfigPaths m_paths;
    bool m_configExists = false;
    bool m_credentialsExists = false;
    QList<SharedProfile> m_profiles;
    QList<SharedConfigIssue> m_issues;
    QStringList m_ssoSessions;
    QMap<QString, QMap<QString, QString>> m_ssoSessionSettings;
    QMap<QString, QMap<QString, QString>> m_services;
};

} // namespace ecr
