#pragma once

#include "AwsError.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUrl>

// IAM Identity Center as values: where a session signs in, the tokens it gets, the accounts and
// roles it may reach. No network, no files.
namespace ecr {

// One sign-in: an [sso-session NAME] of ~/.aws/config, or a legacy profile's own
// sso_start_url/sso_region (no name; no refresh, as in the CLI).
struct SsoSessionConfig
{
    QString name; // the sso-session's name; empty for a legacy profile
    QString startUrl; // https://my-sso-portal.awsapps.com/start
    QString region; // the Identity Center instance's region
    QStringList scopes; // sso_registration_scopes; empty: none sent
    // Custom endpoints (an emulator, a proxy), with the setting each came from for messages.
    QUrl oidcEndpoint;
    QString oidcEndpointOrigin;
    QUrl portalEndpoint;
    QString portalEndpointOrigin;
    QString caBundlePath;

    bool isLegacy() const { return name.isEmpty(); }
    // How messages name it: "sso-session my-sso" or the start URL.
    QString displayName() const;
    // The token cache file's name in ~/.aws/sso/cache, as the CLI names it: the SHA-1 of the
    // session name (of the start URL for a legacy profile), hex, plus ".json".
    QString tokenFileName() const;
    // The client registration's file name, as botocore names it (see SsoTokenCache).
    QString registrationFileName() const;
    friend bool operator==(const SsoSessionConfig&, const SsoSessionConfig&) = default;
};

// A client registration with the OIDC service (RegisterClient).
struct SsoRegistration
{
    QString clientId;
    QString clientSecret; // secret: never logged
    QDateTime expiresAt; // UTC
    QStringList scopes;
    bool isValid() const { return !clientId.isEmpty() && !clientSecret.isEmpty(); }
};

// An access token and what it takes to refresh it, as the CLI caches them.
struct SsoToken
{
    QString startUrl;
    QString region;
    QString accessToken; // secret
    QDateTime expiresAt; // UTC
    QString refreshToken; // secret; empty when the service gave none
    QString clientId;
    QString clientSecret; // secret
    QDateTime registrationExpiresAt;

    bool isValid() const { return !accessToken.isEmpty() && expiresAt.isValid(); }
    // Whether it can be refreshed now: a refresh token and an unexpired registration.
    bool canRefreshAt(const QDateTime& now) const
    {
        return !refreshToken.isEmpty() && !clientId.isEmpty() && !clientSecret.isEmpty()
            && registrationExpiresAt.isValid() && now < registrationExpiresAt;
    }
};

// StartDeviceAuthorization's answer: what the user enters, and where.
struct DeviceAuthorization
{
    QString deviceCode; // secret enough: exchanged once for a token
    QString userCode;
    QUrl verificationUri;
    QUrl verificationUriComplete; // with the code filled in
    QDateTime expiresAt;
    int intervalSeconds = 5; // how often to poll CreateToken
};

struct SsoAccount
{
    QString accountId;
    QString accountName;
    QString emailAddress;
};

struct SsoRole
{
    QString roleName;
    QString accountId;
};

// The SHA-1 of UTF-8 text, lower-case hex (the CLI's cache file names).
QString sha1Hex(const QString& text);

// Python's json.dumps() of a string (ASCII only, "\uXXXX" beyond): the CLI's file format.
QString pythonJsonString(const QString& text);
// A time as the CLI's cache writes it ("2026-08-07T18:04:05Z") and reads it (also with
// fractions, an offset, or the "UTC" suffix of older writers); invalid when unreadable.
QString cliTimestamp(const QDateTime& time);
QDateTime parseCliTimestamp(const QString& text);

// https://<host>.<region>.<dnsSuffix>/ (host "oidc", "portal.sso"), or the custom endpoint when
// it is a valid http(s) URL; `service` names it in messages.
Result<QUrl> ssoServiceEndpoint(
    const QString& host, const QString& region, const QUrl& customEndpoint, const QString& service);

} // namespace ecr
