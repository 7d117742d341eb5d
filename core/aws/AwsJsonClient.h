#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "Clock.h"
#include "CredentialsProvider.h"
#include "Endpoint.h"
#include "RetryPolicy.h"
#include "SigV4Signer.h"

#include <QCoroTask>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <chrono>
#include <random>

Q_DECLARE_LOGGING_CATEGORY(lcAwsClient)

namespace ecr {

// One awsJson1_1 service (its signing name and X-Amz-Target prefix).
struct AwsJsonService
{
    QByteArray signingName; // "ecr"
    QByteArray targetPrefix; // "AmazonEC2ContainerRegistry_V20150921"
};

struct AwsJsonClientConfig
{
    ResolvedEndpoint endpoint;
    std::chrono::milliseconds attemptTimeout{30000}; // per attempt, from send to last byte
    RetrySettings retry;
    QString caBundlePath; // PEM certificates trusted in addition to the system's; empty: none
};

struct AwsJsonResponse
{
    QJsonObject body;
    QString requestId;
    int attempts = 1;
};

// Parses an awsJson error response (pure; tested on its own). Code from X-Amzn-Errortype, then
// __type, then code, sanitised; message from message/Message; a non-JSON body becomes an
// InvalidResponse error that quotes the HTTP status.
AwsError parseAwsJsonError(
    int httpStatus, const QList<QNetworkReply::RawHeaderPair>& headers, const QByteArray& body);
QString sanitizeErrorCode(QString code);

// Sends awsJson1_1 calls: POST /, the JSON body ("{}" when empty), signed with SigV4 at send time
// (re-signed on every attempt), with the standard retry mode, the clock-skew correction, a
// per-attempt timeout and cancellation. Async flows are QCoro coroutines; nothing blocks.
class AwsJsonClient final : public QObject
{
    Q_OBJECT

public:
    AwsJsonClient(QNetworkAccessManager& network, const Clock& clock,
        CredentialsProvider& credentials, AwsJsonClientConfig config, AwsJsonService service,
        QObject* parent = nullptr);

    QCoro::Task<Result<AwsJsonResponse>> call(
        QString operation, QJsonObject input, CancelToken cancel = {});

    std::chrono::milliseconds clockOffset() const { return m_clockOffset; }
    const RetryTokenBucket& retryBucket() const { return m_bucket; }
    const AwsJsonClientConfig& config() const { return m_config; }
    void setRandomSeed(quint32 seed) { m_random.seed(seed); }

private:
    struct AttemptOutcome;
    QCoro::Task<AttemptOutcome> sendOnce(const QString& operation, const QByteArray& body,
        const sigv4::Credentials& credentials, const QByteArray& invocationId, int attempt,
        const CancelToken& cancel);

    QNetworkAccessManager& m_network;
    const Clock& m_clock;
    CredentialsProvider& m_credentials;
    AwsJsonClientConfig m_config;
    AwsJsonService m_service;
    SigV4Signer m_signer;
    RetryTokenBucket m_bucket;
    std::chrono::milliseconds m_clockOffset{0};
    std::mt19937 m_random;
};

} // namespace ecr
