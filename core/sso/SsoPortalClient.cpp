#include "SsoPortalClient.h"

#include "Endpoint.h"
#include "Paging.h"
#include "RequestAuth.h"

#include <QJsonArray>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSsoPortal, "ecr.sso.portal", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

AwsError unreadable(const QString& what)
{
    return makeError(ErrorKind::InvalidResponse, QString(),
        SsoPortalClient::tr("The SSO portal answered without %1.").arg(what), 1);
}

QCoro::Task<Result<QString>> fixedToken(QString token)
{
    co_return token;
}

} // namespace

QDateTime SsoRoleCredentials::localExpiration(const QDateTime& receivedAt) const
{
    if (!serverDate.isValid() || !receivedAt.isValid())
        return expiration;
    // A server an hour ahead means the credentials end an hour earlier on this clock.
    return expiration.addMSecs(serverDate.msecsTo(receivedAt));
}

SsoPortalClient::SsoPortalClient(
    QNetworkAccessManager& network, const Clock& clock, SsoClientConfig config, QObject* parent)
    : QObject(parent)
    , m_clock(clock)
    , m_config(std::move(config))
    , m_pipeline(ssoPipeline(
          network, clock, m_config, service(), endpoint(m_config.region, m_config.customEndpoint)))
{ }

SsoPortalClient::~SsoPortalClient() = default;

ServiceInfo SsoPortalClient::service()
{
    return {tr("AWS IAM Identity Center (portal)"), "awsssoportal", Protocol::RestJson1, {}, {}};
}

Result<QUrl> SsoPortalClient::endpoint(const QString& region, const QUrl& customEndpoint)
{
    return ssoServiceEndpoint(u"portal.sso"_s, region, customEndpoint, tr("SSO portal"));
}

QCoro::Task<Result<ServiceAnswer>> SsoPortalClient::get(QString operation, QByteArray path,
    QList<std::pair<QString, QString>> query, QString accessToken, CancelToken cancel)
{
    if (m_pipeline.endpointError) {
        AwsError error
            = *m_pipeline.endpointError; // a copy: QCoro 0.8 moves from what co_return names
        co_return error;
    }
    OperationRequest request;
    request.name = operation;
    request.method = "GET";
    request.path = path;
    request.query = query;
    BearerTokenAuth auth([accessToken](CancelToken) { return fixedToken(accessToken); },
        "x-amz-sso_bearer_token", "");
    RequestAuth* signer = &auth;
    qCDebug(lcSsoPortal) << "calling" << operation;
    Result<ServiceAnswer> answer = co_await m_pipeline.client->call(request, signer, cancel);
    co_return answer;
}

QCoro::Task<Result<SsoRoleCredentials>> SsoPortalClient::getRoleCredentials(
    QString accessToken, QString accountId, QString roleName, CancelToken cancel)
{
    const QList<std::pair<QString, QString>> query{
        {u"role_name"_s, roleName}, {u"account_id"_s, accountId}};
    const QString operation = u"GetRoleCredentials"_s; // named: see ServiceClient::call
    const QByteArray path = "/federation/credentials";
    const Result<ServiceAnswer> answer = co_await get(operation, path, query, accessToken, cancel);
    if (!answer)
        co_return answer.error();
    const QJsonObject role = answer->json.value(u"roleCredentials"_s).toObject();
    SsoRoleCredentials out;
    out.accessKeyId = role.value(u"accessKeyId"_s).toString();
    out.secretAccessKey = role.value(u"secretAccessKey"_s).toString();
    out.sessionToken = role.value(u"sessionToken"_s).toString();
    const qint64 expiration = role.value(u"expiration"_s).toInteger(); // epoch milliseconds
    if (out.accessKeyId.isEmpty() || out.secretAccessKey.isEmpty() || out.sessionToken.isEmpty()
        || expiration <= 0)
        co_return unreadable(tr("role credentials"));
    out.expiration = QDateTime::fromMSecsSinceEpoch(expiration, Qt::UTC);
    out.serverDate = answer->serverDate;
    co_return out;
}

QCoro::Task<Result<QList<SsoAccount>>> SsoPortalClient::listAccounts(
    QString accessToken, CancelToken cancel)
{
    QList<SsoAccount> accounts;
    QString next;
    PageGuard pages(u"ListAccounts"_s, kMaxPages);
    for (;;) {
        QList<std::pair<QString, QString>> query{{u"max_result"_s, QString::number(kPageSize)}};
        if (!next.isEmpty())
            query.append({u"next_token"_s, next});
        const QString operation = u"ListAccounts"_s;
        const QByteArray path = "/assignment/accounts";
        const Result<ServiceAnswer> answer
            = co_await get(operation, path, query, accessToken, cancel);
        if (!answer)
            co_return answer.error();
        for (const QJsonValue& value : answer->json.value(u"accountList"_s).toArray()) {
            const QJsonObject o = value.toObject();
            accounts.append({o.value(u"accountId"_s).toString(),
                o.value(u"accountName"_s).toString(), o.value(u"emailAddress"_s).toString()});
        }
        next = answer->json.value(u"nextToken"_s).toString();
        if (next.isEmpty())
            co_return accounts;
        if (std::optional<AwsError> stop = pages.next(next))
            co_return *stop;
    }
}

QCoro::Task<Result<QList<SsoRole>>> SsoPortalClient::listAccountRoles(
    QString accessToken, QString accountId, CancelToken cancel)
{
    QList<SsoRole> roles;
    QString next;
    PageGuard pages(u"ListAccountRoles"_s, kMaxPages);
    for (;;) {
        QList<std::pair<QString, QString>> query{
            {u"account_id"_s, accountId}, {u"max_result"_s, QString::number(kPageSize)}};
        if (!next.isEmpty())
            query.append({u"next_token"_s, next});
        const QString operation = u"ListAccountRoles"_s;
        const QByteArray path = "/assignment/roles";
        const Result<ServiceAnswer> answer
            = co_await get(operation, path, query, accessToken, cancel);
        if (!answer)
            co_return answer.error();
        for (const QJsonValue& value : answer->json.value(u"roleList"_s).toArray()) {
            const QJsonObject o = value.toObject();
            roles.append({o.value(u"roleName"_s).toString(), o.value(u"accountId"_s).toString()});
        }
        next = answer->json.value(u"nextToken"_s).toString();
        if (next.isEmpty())
            co_return roles;
        if (std::optional<AwsError> stop = pages.next(next))
            co_return *stop;
    }
}

} // namespace ecr
