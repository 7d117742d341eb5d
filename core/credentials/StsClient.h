#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "Clock.h"
#include "RetryPolicy.h"
#include "ServiceClient.h"
#include "StsProtocol.h"

#include <QCoroTask>
#include <QLoggingCategory>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcSts)

// AWS STS, a thin adapter over the call pipeline: the awsQuery protocol (POST / with a form
// body, XML answers, StsProtocol.h), signed with SigV4 for service "sts" with the credentials
// each call brings. Response bodies carry secrets and are never logged.
namespace ecr {

struct StsConfig
{
    QString region;
    QUrl customEndpoint; // empty: https://sts.<region>.<dnsSuffix>
    QString customEndpointOrigin; // the setting it came from, for messages
    QString caBundlePath; // extra trusted CAs (PEM); empty: the system's
    QUrl proxy; // the profile's proxy; empty: HTTPS_PROXY or the system's
    std::chrono::milliseconds attemptTimeout{30000};
    RetrySettings retry;
};

class StsClient final : public QObject
{
    Q_OBJECT

public:
    StsClient(QNetworkAccessManager& network, const Clock& clock, StsConfig config,
        QObject* parent = nullptr);
    ~StsClient() override;

    static ServiceInfo service();

    // With an MFA code the request is sent at most once: a one-time code cannot be retried.
    QCoro::Task<Result<StsAssumeRoleResult>> assumeRole(
        sigv4::Credentials credentials, StsAssumeRoleRequest request, CancelToken cancel = {});
    QCoro::Task<Result<TemporaryCredentials>> getSessionToken(
        sigv4::Credentials credentials, StsGetSessionTokenRequest request, CancelToken cancel = {});
    QCoro::Task<Result<CallerIdentity>> getCallerIdentity(
        sigv4::Credentials credentials, CancelToken cancel = {});

    const StsConfig& config() const { return m_config; }
    ServiceClient* pipeline() const { return m_pipeline.get(); }

private:
    // An expiry STS gave on its clock, moved onto the local clock by the answer's Date header.
    QDateTime onLocalClock(const QDateTime& expiration, const ServiceAnswer& answer) const;
    QCoro::Task<Result<ServiceAnswer>> call(
        OperationRequest operation, sigv4::Credentials credentials, CancelToken cancel);

    const Clock& m_clock;
    StsConfig m_config;
    std::optional<AwsError> m_endpointError;
    std::unique_ptr<ServiceClient> m_pipeline;
};

} // namespace ecr
