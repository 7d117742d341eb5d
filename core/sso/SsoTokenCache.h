#pragma once

#include "AwsError.h"
#include "SsoTypes.h"

#include <QByteArray>
#include <QString>

#include <optional>

// The AWS CLI's SSO cache, ~/.aws/sso/cache, read and written as the CLI does, so that a token
// from `aws sso login` works here and one signed in here works for the CLI:
//   <sha1(session name, or start URL)>.json   {"startUrl", "region", "accessToken",
//       "expiresAt", "clientId", "clientSecret", "registrationExpiresAt"[, "refreshToken"]}
//   <sha1(botocore's registration key)>.json  {"clientId", "clientSecret", "expiresAt"[,
//       "scopes"]}
// Times "2026-08-07T18:04:05Z". Files are written 0600 through a temporary file and a rename
// (never half written); the folders it creates are 0700. Tokens in these files are plaintext, as
// the CLI keeps them; nothing else of the app's ever holds them outside memory.
namespace ecr {

class SsoTokenCache
{
public:
    explicit SsoTokenCache(QString directory)
        : m_directory(std::move(directory))
    { }
    // <home>/.aws/sso/cache
    static QString directoryFor(const QString& home);
    const QString& directory() const { return m_directory; }

    QString tokenPath(const SsoSessionConfig& session) const;
    QString registrationPath(const SsoSessionConfig& session) const;

    // nullopt: no file. An error: a file that cannot be read or is not a token.
    Result<std::optional<SsoToken>> readToken(const SsoSessionConfig& session) const;
    Result<Unit> writeToken(const SsoSessionConfig& session, const SsoToken& token) const;
    Result<Unit> removeToken(const SsoSessionConfig& session) const;
    Result<std::optional<SsoRegistration>> readRegistration(const SsoSessionConfig& session) const;
    Result<Unit> removeRegistration(const SsoSessionConfig& session) const;
    Result<Unit> writeRegistration(
        const SsoSessionConfig& session, const SsoRegistration& registration) const;

    // The files' JSON, key order and separators as the CLI's json.dumps writes them.
    static QByteArray tokenJson(const SsoToken& token);
    static QByteArray registrationJson(const SsoRegistration& registration);
    // Needs accessToken and expiresAt (as the CLI's loader); nullopt otherwise. A registration
    // for the PKCE flow (grantTypes with authorization_code) is nullopt: the device flow
    // cannot use it.
    static std::optional<SsoToken> parseToken(const QByteArray& json);
    static std::optional<SsoRegistration> parseRegistration(const QByteArray& json);

private:
    Result<Unit> writeFile(const QString& path, const QByteArray& content) const;
    Result<Unit> removeFile(const QString& path) const;

    QString m_directory;
};

} // namespace ecr
