// Over 400 lines on purpose: one Identity Center instance — OIDC, the portal and the device
// page share its clients, device codes and tokens, and read best side by side.
#include "SandboxSso.h"

#include "SandboxPageToken.h"
#include "SandboxSts.h"
#include "SigV4.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <QUuid>

namespace ecr::sandbox {

using namespace Qt::StringLiterals;

namespace {

QString randomText(qsizetype length, QStringView alphabet)
{
    QString out;
    for (qsizetype i = 0; i < length; ++i)
        out.append(alphabet[QRandomGenerator::global()->bounded(int(alphabet.size()))]);
    return out;
}

QString opaque(const QString& marker)
{
    return marker + u'-'
        + randomText(48, u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
}

// An OIDC error: {"error": "authorization_pending", "error_description": …} and the
// x-amzn-ErrorType header naming the exception.
AwsError oidcError(int status, const QString& exception, const QString& description)
{
    AwsError error = serviceError(status, exception, description);
    return error;
}

QString snakeCaseOf(const QString& exception)
{
    QString name = exception;
    if (name.endsWith(u"Exception"_s))
        name.chop(9);
    QString out;
    for (const QChar c : name) {
        if (c.isUpper() && !out.isEmpty())
            out += u'_';
        out += c.toLower();
    }
    return out;
}

HttpResponse restJsonResponse(const QDateTime& now, const QJsonObject& body, int status = 200)
{
    HttpResponse response;
    response.status = status;
    response.headers = {
        {"x-amzn-RequestId"_ba, QUuid::createUuid().toByteArray(QUuid::WithoutBraces)},
        {"Date"_ba, httpDate(now)},
        {"Content-Type"_ba, "application/json"_ba},
    };
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse restJsonError(const QDateTime& now, const AwsError& error, bool oidc)
{
    const QJsonObject body = oidc ? QJsonObject{{u"error"_s, snakeCaseOf(error.code)},
                                 {u"error_description"_s, error.message}}
                                  : QJsonObject{{u"message"_s, error.message}};
    HttpResponse response = restJsonResponse(now, body, error.httpStatus);
    response.headers.append({"x-amzn-ErrorType"_ba, error.code.toLatin1()});
    return response;
}

AwsError invalidRequest(const QString& message, bool oidc = true)
{
    return oidc ? oidcError(400, u"InvalidRequestException"_s, message)
                : serviceError(400, u"InvalidRequestException"_s, message);
}

AwsError unauthorized()
{
    return serviceError(401, u"UnauthorizedException"_s, u"Session token not found or invalid"_s);
}

QString headerOf(const HttpRequest& request, const char* name)
{
    const sigv4::Request view{request.method, request.path, request.query, request.headers, {}};
    return QString::fromLatin1(view.header(name));
}

QUrlQuery queryOf(const HttpRequest& request)
{
    QUrlQuery query;
    query.setQuery(QString::fromLatin1(request.query));
    return query;
}

QString queryValue(const QUrlQuery& query, const QString& name)
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

QString html(const QString& text)
{
    return text.toHtmlEscaped();
}

} // namespace

QList<SandboxSsoAccount> SandboxSsoConfig::defaultAccounts(const QString& account)
{
    return {
        {account, u"sandbox"_s, u"sandbox@example.com"_s,
            {u"AdministratorAccess"_s, u"ReadOnlyAccess"_s}},
        {u"210987654321"_s, u"sandbox-staging"_s, u"staging@example.com"_s, {u"ReadOnlyAccess"_s}},
        {u"111122223333"_s, u"sandbox-production"_s, u"production@example.com"_s,
            {u"AdministratorAccess"_s}},
    };
}

SandboxSso::SandboxSso(const SandboxSsoConfig& config, SandboxSts& sts)
    : m_config(config)
    , m_sts(sts)
{ }

QString SandboxSso::operationOf(const HttpRequest& request)
{
    const QByteArray& path = request.path;
    const QByteArray& method = request.method;
    if (method == "POST") {
        if (path == "/client/register")
            return u"RegisterClient"_s;
        if (path == "/device_authorization")
            return u"StartDeviceAuthorization"_s;
        if (path == "/token")
            return u"CreateToken"_s;
        if (path == "/logout")
            return u"Logout"_s;
    } else if (method == "GET") {
        if (path == "/federation/credentials")
            return u"GetRoleCredentials"_s;
        if (path == "/assignment/accounts")
            return u"ListAccounts"_s;
        if (path == "/assignment/roles")
            return u"ListAccountRoles"_s;
    }
    if (path == "/device")
        return u"DevicePage"_s;
    return {};
}

bool SandboxSso::isSsoRequest(const HttpRequest& request)
{
    return !operationOf(request).isEmpty();
}

HttpResponse SandboxSso::handle(const HttpRequest& request, const QDateTime& now)
{
    const QString operation = operationOf(request);
    if (operation == u"DevicePage")
        return devicePage(request, now);
    const bool oidc = request.path == "/client/register" || request.path == "/device_authorization"
        || request.path == "/token";
    JsonResult result = [&]() -> JsonResult {
        if (!oidc) {
            if (operation == u"GetRoleCredentials")
                return getRoleCredentials(request, now);
            if (operation == u"ListAccounts")
                return listAccounts(request, now);
            if (operation == u"ListAccountRoles")
                return listAccountRoles(request, now);
            return logout(request, now);
        }
        QJsonParseError parseError{};
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return invalidRequest(u"The request body must be a JSON object"_s);
        const QJsonObject body = document.object();
        if (operation == u"RegisterClient")
            return registerClient(body, now);
        if (operation == u"StartDeviceAuthorization")
            return startDeviceAuthorization(request, body, now);
        return createToken(body, now);
    }();
    if (!result)
        return restJsonError(now, result.error(), oidc);
    return restJsonResponse(now, result.value());
}

SandboxSso::JsonResult SandboxSso::registerClient(const QJsonObject& body, const QDateTime& now)
{
    const QString name = body.value(u"clientName"_s).toString();
    const QString type = body.value(u"clientType"_s).toString();
    if (name.isEmpty() || type.isEmpty())
        return invalidRequest(u"clientName and clientType are required"_s);
    if (type != u"public")
        return oidcError(400, u"InvalidClientMetadataException"_s, u"clientType must be public"_s);
    Client client;
    client.secret = opaque(u"SANDBOXSSOCLIENTSECRET"_s);
    client.expiresAt = now.addSecs(m_config.registrationLifetimeSeconds);
    for (const QJsonValue& scope : body.value(u"scopes"_s).toArray())
        client.scopes.append(scope.toString());
    const QString id = u"sandbox-client-%1"_s.arg(m_nextClient++);
    m_clients.insert(id, client);
    return QJsonObject{{u"clientId"_s, id}, {u"clientSecret"_s, client.secret},
        {u"clientIdIssuedAt"_s, now.toSecsSinceEpoch()},
        {u"clientSecretExpiresAt"_s, client.expiresAt.toSecsSinceEpoch()}};
}

std::optional<AwsError> SandboxSso::checkClient(const QJsonObject& body, const QDateTime& now) const
{
    const QString id = body.value(u"clientId"_s).toString();
    const QString secret = body.value(u"clientSecret"_s).toString();
    if (id.isEmpty() || secret.isEmpty())
        return invalidRequest(u"clientId and clientSecret are required"_s);
    const auto it = m_clients.constFind(id);
    if (it == m_clients.cend() || it->secret != secret)
        return oidcError(401, u"InvalidClientException"_s, u"Invalid client credentials"_s);
    if (now >= it->expiresAt)
        return oidcError(401, u"InvalidClientException"_s, u"The client registration expired"_s);
    return std::nullopt;
}

SandboxSso::JsonResult SandboxSso::startDeviceAuthorization(
    const HttpRequest& request, const QJsonObject& body, const QDateTime& now)
{
    if (const auto error = checkClient(body, now))
        return *error;
    const QString startUrl = body.value(u"startUrl"_s).toString();
    if (startUrl.isEmpty())
        return invalidRequest(u"startUrl is required"_s);
    if (startUrl != m_config.startUrl)
        return invalidRequest(u"Invalid start URL: this instance's is %1"_s.arg(m_config.startUrl));
    Device device;
    device.clientId = body.value(u"clientId"_s).toString();
    device.userCode
        = randomText(4, u"BCDFGHJKLMNPQRSTVWXZ") + u'-' + randomText(4, u"BCDFGHJKLMNPQRSTVWXZ");
    device.startUrl = startUrl;
    device.expiresAt = now.addSecs(m_config.deviceCodeLifetimeSeconds);
    const QString deviceCode = opaque(u"sandbox-device"_s);
    m_devices.insert(deviceCode, device);
    const QString host = headerOf(request, "Host");
    const QString page = u"http://%1/device"_s.arg(host.isEmpty() ? u"127.0.0.1"_s : host);
    return QJsonObject{{u"deviceCode"_s, deviceCode}, {u"userCode"_s, device.userCode},
        {u"verificationUri"_s, page},
        {u"verificationUriComplete"_s, QString(page + u"?user_code="_s + device.userCode)},
        {u"expiresIn"_s, m_config.deviceCodeLifetimeSeconds},
        {u"interval"_s, m_config.pollIntervalSeconds}};
}

QJsonObject SandboxSso::issueToken(const QString& clientId, const QDateTime& now)
{
    const QString accessToken = opaque(u"SANDBOXSSOTOKEN"_s);
    m_tokens.insert(accessToken, {clientId, now.addSecs(m_config.accessTokenLifetimeSeconds)});
    QJsonObject out{{u"accessToken"_s, accessToken}, {u"tokenType"_s, u"Bearer"_s},
        {u"expiresIn"_s, m_config.accessTokenLifetimeSeconds}};
    if (m_config.issueRefreshTokens) {
        const QString refreshToken = opaque(u"SANDBOXSSOREFRESH"_s);
        m_refreshTokens.insert(refreshToken, clientId);
        out.insert(u"refreshToken"_s, refreshToken);
    }
    return out;
}

SandboxSso::JsonResult SandboxSso::createToken(const QJsonObject& body, const QDateTime& now)
{
    if (const auto error = checkClient(body, now))
        return *error;
    const QString clientId = body.value(u"clientId"_s).toString();
    const QString grantType = body.value(u"grantType"_s).toString();
    if (grantType == u"refresh_token") {
        const QString refreshToken = body.value(u"refreshToken"_s).toString();
        const auto it = m_refreshTokens.constFind(refreshToken);
        if (refreshToken.isEmpty() || it == m_refreshTokens.cend() || *it != clientId)
            return oidcError(400, u"InvalidGrantException"_s, u"Invalid refresh token provided"_s);
        m_refreshTokens.remove(refreshToken); // rotated: each refresh token works once
        return issueToken(clientId, now);
    }
    if (grantType != u"urn:ietf:params:oauth:grant-type:device_code")
        return oidcError(400, u"UnsupportedGrantTypeException"_s,
            u"Unsupported grant type: %1"_s.arg(grantType));
    const QString deviceCode = body.value(u"deviceCode"_s).toString();
    const auto it = m_devices.find(deviceCode);
    if (deviceCode.isEmpty() || it == m_devices.end() || it->clientId != clientId
        || it->state == DeviceState::Used)
        return oidcError(400, u"InvalidGrantException"_s, u"Invalid device code provided"_s);
    if (now >= it->expiresAt)
        return oidcError(400, u"ExpiredTokenException"_s, u"Device code has expired"_s);
    if (it->state == DeviceState::Denied)
        return oidcError(400, u"AccessDeniedException"_s, u"The user denied the authorization"_s);
    const QDateTime lastPoll = it->lastPoll;
    it->lastPoll = now;
    if (m_slowDowns > 0 && it->state == DeviceState::Pending) {
        --m_slowDowns;
        return oidcError(400, u"SlowDownException"_s, u"Client is polling too fast"_s);
    }
    if (m_config.minimumPollGapMs > 0 && lastPoll.isValid()
        && lastPoll.msecsTo(now) < m_config.minimumPollGapMs)
        return oidcError(400, u"SlowDownException"_s, u"Client is polling too fast"_s);
    if (it->state == DeviceState::Pending)
        return oidcError(
            400, u"AuthorizationPendingException"_s, u"Authorization is still pending"_s);
    it->state = DeviceState::Used;
    return issueToken(clientId, now);
}

std::optional<AwsError> SandboxSso::checkAccessToken(
    const HttpRequest& request, const QDateTime& now) const
{
    const QString token = headerOf(request, "x-amz-sso_bearer_token");
    const auto it = m_tokens.constFind(token);
    if (token.isEmpty() || it == m_tokens.cend() || now >= it->expiresAt)
        return unauthorized();
    return std::nullopt;
}

const SandboxSsoAccount* SandboxSso::account(const QString& accountId) const
{
    for (const SandboxSsoAccount& a : m_config.accounts) {
        if (a.accountId == accountId)
            return &a;
    }
    return nullptr;
}

SandboxSso::JsonResult SandboxSso::getRoleCredentials(
    const HttpRequest& request, const QDateTime& now)
{
    if (const auto error = checkAccessToken(request, now))
        return *error;
    const QUrlQuery query = queryOf(request);
    const QString roleName = queryValue(query, u"role_name"_s);
    const QString accountId = queryValue(query, u"account_id"_s);
    if (roleName.isEmpty() || accountId.isEmpty())
        return invalidRequest(u"role_name and account_id are required"_s, false);
    const SandboxSsoAccount* found = account(accountId);
    if (!found || !found->roles.contains(roleName))
        return serviceError(404, u"ResourceNotFoundException"_s, u"Could not find the role"_s);
    const QString arn
        = u"arn:aws:sts::%1:assumed-role/AWSReservedSSO_%2_sandbox/sandbox-user"_s.arg(
            accountId, roleName);
    const SessionKey key = m_sts.issue(arn, u"AROASANDBOXSSOEXAMPLE:sandbox-user"_s, false,
        m_config.roleCredentialLifetimeSeconds, now);
    return QJsonObject{{u"roleCredentials"_s,
        QJsonObject{{u"accessKeyId"_s, key.accessKeyId},
            {u"secretAccessKey"_s, key.secretAccessKey}, {u"sessionToken"_s, key.sessionToken},
            {u"expiration"_s, key.expiration.toMSecsSinceEpoch()}}}};
}

SandboxSso::JsonResult SandboxSso::listAccounts(
    const HttpRequest& request, const QDateTime& now) const
{
    if (const auto error = checkAccessToken(request, now))
        return *error;
    const QUrlQuery query = queryOf(request);
    const int max = queryValue(query, u"max_result"_s).isEmpty()
        ? 20
        : queryValue(query, u"max_result"_s).toInt();
    if (max < 1 || max > 100)
        return invalidRequest(u"max_result must be between 1 and 100"_s, false);
    qsizetype offset = 0;
    if (const QString next = queryValue(query, u"next_token"_s); !next.isEmpty()) {
        const auto parsed = pageTokenOffset(u"sso-accounts"_s, next);
        if (!parsed)
            return invalidRequest(u"Invalid next_token"_s, false);
        offset = *parsed;
    }
    QJsonArray list;
    for (qsizetype i = offset; i < m_config.accounts.size() && list.size() < max; ++i) {
        const SandboxSsoAccount& a = m_config.accounts[i];
        list.append(QJsonObject{{u"accountId"_s, a.accountId}, {u"accountName"_s, a.accountName},
            {u"emailAddress"_s, a.emailAddress}});
    }
    QJsonObject out{{u"accountList"_s, list}};
    if (offset + list.size() < m_config.accounts.size())
        out.insert(u"nextToken"_s, pageToken(u"sso-accounts"_s, offset + list.size()));
    return out;
}

SandboxSso::JsonResult SandboxSso::listAccountRoles(
    const HttpRequest& request, const QDateTime& now) const
{
    if (const auto error = checkAccessToken(request, now))
        return *error;
    const QUrlQuery query = queryOf(request);
    const QString accountId = queryValue(query, u"account_id"_s);
    if (accountId.isEmpty())
        return invalidRequest(u"account_id is required"_s, false);
    const SandboxSsoAccount* found = account(accountId);
    if (!found)
        return serviceError(404, u"ResourceNotFoundException"_s, u"Could not find the account"_s);
    const int max = queryValue(query, u"max_result"_s).isEmpty()
        ? 20
        : queryValue(query, u"max_result"_s).toInt();
    if (max < 1 || max > 100)
        return invalidRequest(u"max_result must be between 1 and 100"_s, false);
    const QString listing = u"sso-roles:"_s + accountId;
    qsizetype offset = 0;
    if (const QString next = queryValue(query, u"next_token"_s); !next.isEmpty()) {
        const auto parsed = pageTokenOffset(listing, next);
        if (!parsed)
            return invalidRequest(u"Invalid next_token"_s, false);
        offset = *parsed;
    }
    QJsonArray list;
    for (qsizetype i = offset; i < found->roles.size() && list.size() < max; ++i)
        list.append(QJsonObject{{u"roleName"_s, found->roles[i]}, {u"accountId"_s, accountId}});
    QJsonObject out{{u"roleList"_s, list}};
    if (offset + list.size() < found->roles.size())
        out.insert(u"nextToken"_s, pageToken(listing, offset + list.size()));
    return out;
}

SandboxSso::JsonResult SandboxSso::logout(const HttpRequest& request, const QDateTime& now)
{
    if (const auto error = checkAccessToken(request, now))
        return *error;
    m_tokens.remove(headerOf(request, "x-amz-sso_bearer_token"));
    return QJsonObject{};
}

HttpResponse SandboxSso::devicePage(const HttpRequest& request, const QDateTime& now)
{
    QString userCode;
    QString decision;
    if (request.method == "POST") {
        QUrlQuery form;
        form.setQuery(QString::fromUtf8(request.body).replace(u'+', u' '));
        userCode = form.queryItemValue(u"user_code"_s, QUrl::FullyDecoded).trimmed().toUpper();
        decision = form.queryItemValue(u"decision"_s, QUrl::FullyDecoded);
    } else {
        userCode = queryValue(queryOf(request), u"user_code"_s).trimmed().toUpper();
    }
    Device* device = nullptr;
    for (auto it = m_devices.begin(); it != m_devices.end(); ++it) {
        if (it->userCode == userCode && it->state == DeviceState::Pending && now < it->expiresAt)
            device = &*it;
    }
    QString content;
    if (!decision.isEmpty() && device) {
        device->state = decision == u"approve" ? DeviceState::Approved : DeviceState::Denied;
        content = device->state == DeviceState::Approved
            ? u"<h1>Request approved</h1><p>You can close this page and return to the app.</p>"_s
            : u"<h1>Request denied</h1><p>The app will not get access.</p>"_s;
    } else if (device) {
        content = u"<h1>Authorize request</h1><p>An application asks to sign in to %1 with the "
                  "code</p><p class=\"code\">%2</p><form method=\"post\" action=\"/device\">"
                  "<input type=\"hidden\" name=\"user_code\" value=\"%2\">"
                  "<button name=\"decision\" value=\"approve\">Allow access</button> "
                  "<button name=\"decision\" value=\"deny\">Deny</button></form>"_s.arg(
                      html(device->startUrl), html(userCode));
    } else {
        content
            = u"<h1>Enter the code</h1><form method=\"get\" action=\"/device\">"
              "<input name=\"user_code\" placeholder=\"ABCD-EFGH\" autofocus> "
              "<button>Next</button></form>%1"_s.arg(userCode.isEmpty()
                      ? QString()
                      : u"<p>The code %1 is not pending (approved, denied or expired).</p>"_s.arg(
                          html(userCode)));
    }
    HttpResponse response;
    response.headers = {{"Date"_ba, httpDate(now)},
        {"Content-Type"_ba, "text/html; charset=utf-8"_ba}, {"Cache-Control"_ba, "no-store"_ba}};
    response.body = (u"<!doctype html><html><head><meta charset=\"utf-8\"><title>Local sandbox "
                     "sign-in</title><style>body{font-family:sans-serif;max-width:36em;margin:3em "
                     "auto}.code{font-size:2em;letter-spacing:.1em}</style></head><body><p>Local "
                     "sandbox: IAM Identity Center</p>"_s
        + content + u"</body></html>"_s)
                        .toUtf8();
    return response;
}

void SandboxSso::approve(const QString& userCode)
{
    for (Device& device : m_devices) {
        if (device.state == DeviceState::Pending
            && (userCode.isEmpty() || device.userCode == userCode))
            device.state = DeviceState::Approved;
    }
}

void SandboxSso::deny(const QString& userCode)
{
    for (Device& device : m_devices) {
        if (device.state == DeviceState::Pending
            && (userCode.isEmpty() || device.userCode == userCode))
            device.state = DeviceState::Denied;
    }
}

QStringList SandboxSso::pendingUserCodes() const
{
    QStringList codes;
    for (const Device& device : m_devices) {
        if (device.state == DeviceState::Pending)
            codes.append(device.userCode);
    }
    return codes;
}

void SandboxSso::expireDeviceCodes()
{
    for (Device& device : m_devices)
        device.expiresAt = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
}

void SandboxSso::expireAccessTokens()
{
    for (Token& token : m_tokens)
        token.expiresAt = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
}

void SandboxSso::revokeAccessTokens()
{
    m_tokens.clear();
    m_refreshTokens.clear();
}

int SandboxSso::activeAccessTokens(const QDateTime& now) const
{
    return int(std::count_if(
        m_tokens.cbegin(), m_tokens.cend(), [&](const Token& t) { return now < t.expiresAt; }));
}

void SandboxSso::reset()
{
    m_clients.clear();
    m_devices.clear();
    m_tokens.clear();
    m_refreshTokens.clear();
    m_slowDowns = 0;
}

} // namespace ecr::sandbox
