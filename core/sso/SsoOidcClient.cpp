#include "SsoOidcClient.h"

#include "Endpoint.h"
#include "RequestAuth.h"

#include <QJsonArray>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSsoOidc, "ecr.sso.oidc", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

AwsError unreadable(const QString& what)
{
    return makeError(ErrorKind::InvalidResponse, QString(),
        SsoOidcClient::tr("The SSO OIDC service answered without %1.").arg(what), 1);
}

QJsonObject withClient(const SsoRegistration& registration)
{
    return {{u"clientId"_s, registration.clientId}, {u"clientSecret"_s, registration.clientSecret}};
}

} // namespace

SsoOidcClient::SsoOidcClient(
    QNetworkAccessManager& network, const Clock& clock, SsoClientConfig config, QObject* parent)
    : QObject(parent)
    , m_clock(clock)
    , m_config(std::move(config))
    , m_pipeline(ssoPipeline(
          network, clock, m_config, service(), endpoint(m_config.region, m_config.customEndpoint)))
{ }

SsoOidcClient::~SsoOidcClient() = default;

ServiceInfo SsoOidcClient::service()
{
    return {tr("AWS IAM Identity Center (OIDC)"), "sso-oauth", Protocol::RestJson1, {}, {}};
}

Result<QUrl> SsoOidcClient::endpoint(const QString& region, const QUrl& customEndpoint)
{
    return ssoServiceEndpoint(u"oidc"_s, region, customEndpoint, tr("SSO OIDC"));
}

QCoro::Task<Result<ServiceAnswer>> SsoOidcClient::call(
    OperationRequest operation, CancelToken cancel)
{
    if (m_pipeline.endpointError) {
        AwsError error
            = *m_pipeline.endpointError; // a copy: QCoro 0.8 moves from what co_return names
        co_return error;
    }
    // RegisterClient, StartDeviceAuthorization and CreateToken are unsigned (smithy noAuth).
    static NoAuth unsigned_;
    RequestAuth* auth = &unsigned_;
    qCDebug(lcSsoOidc) << "calling" << operation.name;
    Result<ServiceAnswer> answer = co_await m_pipeline.client->call(operation, auth, cancel);
    co_return answer;
}

QCoro::Task<Result<SsoRegistration>> SsoOidcClient::registerClient(
    QString clientName, QStringList scopes, CancelToken cancel)
{
    OperationRequest operation;
    operation.name = u"RegisterClient"_s;
    operation.path = "/client/register";
    operation.body = {{u"clientName"_s, clientName}, {u"clientType"_s, u"public"_s}};
    if (!scopes.isEmpty())
        operation.body.insert(u"scopes"_s, QJsonArray::fromStringList(scopes));
    const Result<ServiceAnswer> answer = co_await call(operation, cancel);
    if (!answer)
        co_return answer.error();
    const QJsonObject& json = answer->json;
    SsoRegistration registration;
    registration.clientId = json.value(u"clientId"_s).toString();
    registration.clientSecret = json.value(u"clientSecret"_s).toString();
    registration.scopes = scopes;
    const qint64 expires = json.value(u"clientSecretExpiresAt"_s).toInteger();
    if (!registration.isValid() || expires <= 0)
        co_return unreadable(tr("a client registration"));
    registration.expiresAt = QDateTime::fromSecsSinceEpoch(expires, Qt::UTC);
    co_return registration;
}

QCoro::Task<Result<DeviceAuthorization>> SsoOidcClient::startDeviceAuthorization(
    SsoRegistration registration, QString startUrl, CancelToken cancel)
{
    OperationRequest operation;
    operation.name = u"StartDeviceAuthorization"_s;
    operation.path = "/device_authorization";
    operation.body = withClient(registration);
    operation.body.insert(u"startUrl"_s, startUrl);
    const QDateTime asked = m_clock.now();
    const Result<ServiceAnswer> answer = co_await call(operation, cancel);
    if (!answer)
        co_return answer.error();
    const QJsonObject& json = answer->json;
    DeviceAuthorization authorization;
    authorization.deviceCode = json.value(u"deviceCode"_s).toString();
    authorization.userCode = json.value(u"userCode"_s).toString();
    authorization.verificationUri = QUrl(json.value(u"verificationUri"_s).toString());
    authorization.verificationUriComplete
        = QUrl(json.value(u"verificationUriComplete"_s).toString());
    const int expiresIn = json.value(u"expiresIn"_s).toInt();
    if (authorization.deviceCode.isEmpty() || authorization.userCode.isEmpty()
        || !authorization.verificationUri.isValid() || expiresIn <= 0)
        co_return unreadable(tr("a device authorization"));
    if (!authorization.verificationUriComplete.isValid()
        || authorization.verificationUriComplete.isEmpty())
        authorization.verificationUriComplete = authorization.verificationUri;
    authorization.expiresAt = asked.toUTC().addSecs(expiresIn);
    if (json.contains(u"interval"_s))
        authorization.intervalSeconds = std::max(1, json.value(u"interval"_s).toInt());
    co_return authorization;
}

QCoro::Task<Result<SsoTokenGrant>> SsoOidcClient::token(QJsonObject body, CancelToken cancel)
{
    OperationRequest operation;
    operation.name = u"CreateToken"_s;
    operation.path = "/token";
    operation.body = body;
    operation.retryable = false; // a device code or refresh token may be spent already
    const Result<ServiceAnswer> answer = co_await call(operation, cancel);
    if (!answer)
        co_return answer.error();
    const QJsonObject& json = answer->json;
    SsoTokenGrant grant;
    grant.accessToken = json.value(u"accessToken"_s).toString();
    grant.expiresInSeconds = json.value(u"expiresIn"_s).toInt();
    grant.refreshToken = json.value(u"refreshToken"_s).toString();
    if (grant.accessToken.isEmpty() || grant.expiresInSeconds <= 0)
        co_return unreadable(tr("an access token"));
    co_return grant;
}

QCoro::Task<Result<SsoTokenGrant>> SsoOidcClient::createToken(
    SsoRegistration registration, QString deviceCode, CancelToken cancel)
{
    QJsonObject body = withClient(registration);
    body.insert(u"grantType"_s, u"urn:ietf:params:oauth:grant-type:device_code"_s);
    body.insert(u"deviceCode"_s, deviceCode);
    Result<SsoTokenGrant> grant = co_await token(body, cancel);
    co_return grant;
}

QCoro::Task<Result<SsoTokenGrant>> SsoOidcClient::refresh(
    SsoRegistration registration, QString refreshToken, CancelToken cancel)
{
    QJsonObject body = withClient(registration);
    body.insert(u"grantType"_s, u"refresh_token"_s);
    body.insert(u"refreshToken"_s, refreshToken);
    Result<SsoTokenGrant> grant = co_await token(body, cancel);
    co_return grant;
}

} // namespace ecr
