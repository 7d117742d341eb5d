#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "Clock.h"
#include "ServiceClient.h"
#include "SsoClientConfig.h"
#include "SsoTypes.h"

#include <QCoroTask>
#include <QObject>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace ecr {

// Role credentials from the portal, with the server's clock to judge their expiry by.
struct SsoRoleCredentials
{
    QString accessKeyId;
    QString secretAccessKey; // secret
    QString sessionToken; // secret
    QDateTime expiration; // UTC, as the server counts
    QDateTime serverDate; // the answer's Date: server time minus this computer's is the skew
    // The expiration on this computer's clock: shifted by the skew the answer's Date shows.
    QDateTime localExpiration(const QDateTime& receivedAt) const;
};

// The SSO portal (https://portal.sso.<region>.<dnsSuffix>), restJson1 with the access token in
// x-amz-sso_bearer_token (no SigV4): GetRoleCredentials, and ListAccounts / ListAccountRoles
// with every page followed. UnauthorizedException means the token is no good any more.
class SsoPortalClient final : public QObject
{
    Q_OBJECT

public:
    SsoPortalClient(QNetworkAccessManager& network, const Clock& clock, SsoClientConfig config,
        QObject* parent = nullptr);
    ~SsoPortalClient() override;

    static ServiceInfo service();
    static Result<QUrl> endpoint(const QString& region, const QUrl& customEndpoint);

    QCoro::Task<Result<SsoRoleCredentials>> getRoleCredentials(
        QString accessToken, QString accountId, QString roleName, CancelToken cancel = {});
    QCoro::Task<Result<QList<SsoAccount>>> listAccounts(
        QString accessToken, CancelToken cancel = {});
    QCoro::Task<Result<QList<SsoRole>>> listAccountRoles(
        QString accessToken, QString accountId, CancelToken cancel = {});

    static constexpr int kPageSize = 100; // max_result's maximum
    static constexpr int kMaxPages = 1000; // a nextToken that never ends stops here

private:
    QCoro::Task<Result<ServiceAnswer>> get(QString operation, QByteArray path,
        QList<std::pair<QString, QString>> query, QString accessToken, CancelToken cancel);

    const Clock& m_clock;
    SsoClientConfig m_config;
    SsoPipeline m_pipeline;
};

} // namespace ecr
