#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "Clock.h"
#include "Endpoint.h"
#include "RequestAuth.h"
#include "RetryPolicy.h"
#include "ServiceProtocol.h"

#include <QCoroTask>
#include <QLoggingCategory>
#include <QObject>

#include <chrono>
#include <memory>
#include <optional>
#include <random>

class QNetworkAccessManager;

Q_DECLARE_LOGGING_CATEGORY(lcAwsCall)

namespace ecr {

struct ServiceClientConfig
{
    ServiceInfo service;
    ResolvedEndpoint endpoint;
    // The setting a custom endpoint came from, for messages ("AWS_ENDPOINT_URL_STS"); empty for
    // an endpoint resolved from the partition.
    QString endpointOrigin;
    QString caBundlePath; // PEM certificates trusted besides the system's; empty: none
    QUrl proxy; // the profile's proxy; empty: HTTPS_PROXY or the system's (Proxy.h)
    std::chrono::milliseconds attemptTimeout{30000}; // per attempt, from sending to the last byte
    RetrySettings retry;
    qint64 maxResponseBytes = 4 * 1024 * 1024; // per answer; an OperationRequest may set its own
};

// The one call pipeline every AWS service goes through. A call's whole life is here:
//   the protocol adapter builds the request → the auth strategy decorates it, again on every
//   attempt (SigV4 with the clock-skew correction, a bearer token, Basic, none) → the SDK
//   headers, outside the signature (amz-sdk-invocation-id, amz-sdk-request: attempt=N; max=M,
//   User-Agent) → one HTTP
//   exchange with the attempt timeout, the response cap, TLS with the configured CAs and
//   cancellation → a 2xx answer is parsed (JSON protocols), anything else becomes a typed error
//   by the protocol's parser → the standard retry mode decides (one token bucket per client, the
//   clock-skew correction at most once per call and bounded, no retry of a one-time request that
//   may have reached the server) → a Result.
// Plain http endpoints are refused unless they are loopback, and an unreadable CA bundle is an
// error, before anything is sent. Typed clients (ECR, STS, …) are thin adapters over call().
class ServiceClient final : public QObject
{
    Q_OBJECT

public:
    // `auth` is the strategy for calls that do not bring their own; it must outlive the client.
    ServiceClient(QNetworkAccessManager& network, const Clock& clock, ServiceClientConfig config,
        RequestAuth* auth = nullptr, QObject* parent = nullptr);
    ~ServiceClient() override;

    QCoro::Task<Result<ServiceAnswer>> call(OperationRequest operation, CancelToken cancel = {});
    // The same with another auth strategy for this call (STS: the caller's credentials).
    QCoro::Task<Result<ServiceAnswer>> call(
        OperationRequest operation, RequestAuth* auth, CancelToken cancel);

    // Why no call can be sent (an insecure endpoint, an unreadable CA bundle); nullopt if none.
    const std::optional<AwsError>& setupError() const { return m_setupError; }
    std::chrono::milliseconds clockOffset() const { return m_clockOffset; }
    const RetryTokenBucket& retryBucket() const { return m_bucket; }
    const ServiceClientConfig& config() const { return m_config; }
    void setRandomSeed(quint32 seed) { m_random.seed(seed); }

    // "ecr-ptc-admin/<version> Qt/<version>".
    static QByteArray userAgent();

private:
    // The attempts of one call; call() names the operation in the error it returns.
    QCoro::Task<Result<ServiceAnswer>> attempts(
        OperationRequest operation, RequestAuth* auth, CancelToken cancel);

    QNetworkAccessManager& m_network;
    const Clock& m_clock;
    ServiceClientConfig m_config;
    RequestAuth* m_auth;
    TransportOptions m_transport;
    std::optional<AwsError> m_setupError;
    RetryTokenBucket m_bucket;
    std::chrono::milliseconds m_clockOffset{0};
    std::mt19937 m_random;
};

} // namespace ecr
