#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "Clock.h"
#include "RetryPolicy.h"
#include "SigV4Signer.h"
#include "StsProtocol.h"

#include <QCoroTask>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <random>

Q_DECLARE_LOGGING_CATEGORY(lcSts)

// AWS STS over the Query protocol: POST / with a form body, signed with SigV4 for service "sts",
// XML answers (StsProtocol.h), with the standard retry mode, the clock-skew correction, a
// per-attempt timeout and cancellation. Response bodies carry secrets and are never logged.
namespace ecr {

struct StsConfig
{
    QString region;
    QUrl customEndpoint; // empty: https://sts.<region>.<dnsSuffix>
    QString caBundlePath; // extra trusted CAs (PEM); empty: the system's
    std::chrono::milliseconds attemptTimeout{30000};
    RetrySettings retry;
};

class StsClient final : public QObject
{
    Q_OBJECT

public:
    StsClient(QNetworkAccessManager& network, const Clock& clock, StsConfig config,
        QObject* parent = nullptr);

    QCoro::Task<Result<StsAssumeRoleResult>> assumeRole(
        sigv4::Credentials credentials, StsAssumeRoleRequest request, CancelToken cancel = {});
    QCoro::Task<Result<TemporaryCredentials>> getSessionToken(
        sigv4::Credentials credentials, StsGetSessionTokenRequest request, CancelToken cancel = {});
    QCoro::Task<Result<CallerIdentity>> getCallerIdentity(
        sigv4::Credentials credentials, CancelToken cancel = {});

    const StsConfig& config() const { return m_config; }

private:
    struct Response
    {
        QByteArray body;
        QString requestId;
    };
    struct AttemptOutcome;
    QCoro::Task<Result<Response>> call(QString action, sts::Parameters parameters,
        sigv4::Credentials credentials, CancelToken cancel);
    QCoro::Task<AttemptOutcome> sendOnce(const QUrl& url, const QString& action,
        const QByteArray& body, const sigv4::Credentials& credentials, const CancelToken& cancel);

    QNetworkAccessManager& m_network;
    const Clock& m_clock;
    StsConfig m_config;
    SigV4Signer m_signer;
    RetryTokenBucket m_bucket;
    std::chrono::milliseconds m_clockOffset{0};
    std::mt19937 m_random;
};

} // namespace ecr
