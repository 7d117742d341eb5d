#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "Clock.h"
#include "RetryPolicy.h"
#include "ServiceClient.h"
#include "SsoClientConfig.h"
#include "SsoTypes.h"

#include <QCoroTask>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace ecr {

// What CreateToken grants.
struct SsoTokenGrant
{
    QString accessToken;
    int expiresInSeconds = 0;
    QString refreshToken; // empty when none was given
};

// The SSO OIDC service (https://oidc.<region>.<dnsSuffix>), restJson1 and unsigned through the
// one call pipeline: RegisterClient, StartDeviceAuthorization, CreateToken for the device code
// and for a refresh token. Bodies carry secrets and are never logged. CreateToken is sent at
// most once per call: a device code or refresh token may be spent by an answer that was lost.
class SsoOidcClient final : public QObject
{
    Q_OBJECT

public:
    SsoOidcClient(QNetworkAccessManager& network, const Clock& clock, SsoClientConfig config,
        QObject* parent = nullptr);
    ~SsoOidcClient() override;

    static ServiceInfo service();
    // https://oidc.<region>.<dnsSuffix>/, or the custom endpoint.
    static Result<QUrl> endpoint(const QString& region, const QUrl& customEndpoint);

    QCoro::Task<Result<SsoRegistration>> registerClient(
        QString clientName, QStringList scopes, CancelToken cancel = {});
    QCoro::Task<Result<DeviceAuthorization>> startDeviceAuthorization(
        SsoRegistration registration, QString startUrl, CancelToken cancel = {});
    // AuthorizationPendingException, SlowDownException, ExpiredTokenException and
    // AccessDeniedException come back as Service errors with those codes.
    QCoro::Task<Result<SsoTokenGrant>> createToken(
        SsoRegistration registration, QString deviceCode, CancelToken cancel = {});
    QCoro::Task<Result<SsoTokenGrant>> refresh(
        SsoRegistration registration, QString refreshToken, CancelToken cancel = {});

private:
    QCoro::Task<Result<ServiceAnswer>> call(OperationRequest operation, CancelToken cancel);
    QCoro::Task<Result<SsoTokenGrant>> token(QJsonObject body, CancelToken cancel);

    const Clock& m_clock;
    SsoClientConfig m_config;
    SsoPipeline m_pipeline;
};

} // namespace ecr
