#pragma once

#include "SandboxHttp.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The sandbox's IAM Identity Center: the SSO OIDC device flow and the SSO portal, restJson1
// with the real services' paths, members and errors.
//   OIDC    POST /client/register, /device_authorization, /token (device code and refresh token)
//   portal  GET /federation/credentials, /assignment/accounts, /assignment/roles; POST /logout,
//           with the access token in x-amz-sso_bearer_token
//   page    GET /device (?user_code=…) shows a code with Approve and Deny; POST /device decides:
//           what a browser user of the Local sandbox sees instead of the AWS sign-in page
// Tests drive the user's side with approve(), deny() and the other switches. Everything it
// issues is an obvious fake: client secrets contain SANDBOXSSOCLIENTSECRET, access tokens
// SANDBOXSSOTOKEN, refresh tokens SANDBOXSSOREFRESH; role credentials come from the sandbox's
// STS (SANDBOXSECRET / SANDBOXTOKEN) and work with its ECR and STS.
namespace ecr::sandbox {

class SandboxSts;

struct SandboxSsoAccount
{
    QString accountId;
    QString accountName;
    QString emailAddress;
    QStringList roles;
};

struct SandboxSsoConfig
{
    QString startUrl = QStringLiteral("https://sandbox-sso.awsapps.com/start");
    QList<SandboxSsoAccount> accounts = defaultAccounts();
    qint64 registrationLifetimeSeconds = 90LL * 24 * 3600;
    int deviceCodeLifetimeSeconds = 600;
    int pollIntervalSeconds = 5; // StartDeviceAuthorization's interval
    int minimumPollGapMs = 0; // polling faster than this answers slow_down (0: never)
    qint64 accessTokenLifetimeSeconds = 8 * 3600;
    bool issueRefreshTokens = true;
    qint64 roleCredentialLifetimeSeconds = 3600;

    // The sandbox account's two roles, a staging account with one, and a production account.
    static QList<SandboxSsoAccount> defaultAccounts(
        const QString& account = QStringLiteral("123456789012"));
};

class SandboxSso final
{
public:
    SandboxSso(const SandboxSsoConfig& config, SandboxSts& sts);

    // Whether the request is for the OIDC service, the portal or the device page.
    static bool isSsoRequest(const HttpRequest& request);
    // The operation's name (RegisterClient, GetRoleCredentials, …; DevicePage), empty if none.
    static QString operationOf(const HttpRequest& request);

    HttpResponse handle(const HttpRequest& request, const QDateTime& now);

    // The user's side of a sign-in. Empty `userCode`: every pending one.
    void approve(const QString& userCode = {});
    void deny(const QString& userCode = {});
    QStringList pendingUserCodes() const;
    void slowDownNextPolls(int count) { m_slowDowns += count; }
    void expireDeviceCodes(); // every pending code is expired from now on
    void expireAccessTokens(); // every access token is expired (a refresh still works)
    void revokeAccessTokens(); // every access token is unknown (Unauthorized), refresh tokens too
    int registrations() const { return int(m_clients.size()); }
    int activeAccessTokens(const QDateTime& now) const;
    void reset();

private:
    struct Client
    {
        QString secret;
        QDateTime expiresAt;
        QStringList scopes;
    };
    enum class DeviceState
    {
        Pending,
        Approved,
        Denied,
        Used,
    };
    struct Device
    {
        QString clientId;
        QString userCode;
        QString startUrl;
        QDateTime expiresAt;
        DeviceState state = DeviceState::Pending;
        QDateTime lastPoll;
    };
    struct Token
    {
        QString clientId;
        QDateTime expiresAt;
    };

    using JsonResult = Result<QJsonObject>;
    JsonResult registerClient(const QJsonObject& body, const QDateTime& now);
    JsonResult startDeviceAuthorization(
        const HttpRequest& request, const QJsonObject& body, const QDateTime& now);
    JsonResult createToken(const QJsonObject& body, const QDateTime& now);
    JsonResult getRoleCredentials(const HttpRequest& request, const QDateTime& now);
    JsonResult listAccounts(const HttpRequest& request, const QDateTime& now) const;
    JsonResult listAccountRoles(const HttpRequest& request, const QDateTime& now) const;
    JsonResult logout(const HttpRequest& request, const QDateTime& now);
    HttpResponse devicePage(const HttpRequest& request, const QDateTime& now);
    std::optional<AwsError> checkClient(const QJsonObject& body, const QDateTime& now) const;
    std::optional<AwsError> checkAccessToken(
        const HttpRequest& request, const QDateTime& now) const;
    QJsonObject issueToken(const QString& clientId, const QDateTime& now);
    const SandboxSsoAccount* account(const QString& accountId) const;

    const SandboxSsoConfig& m_config;
    SandboxSts& m_sts;
    QHash<QString, Client> m_clients; // clientId →
    QHash<QString, Device> m_devices; // deviceCode →
    QHash<QString, Token> m_tokens; // accessToken →
    QHash<QString, QString> m_refreshTokens; // refreshToken → clientId
    int m_slowDowns = 0;
    int m_nextClient = 1;
};

} // namespace ecr::sandbox
