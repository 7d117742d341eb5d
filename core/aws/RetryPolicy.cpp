#include "RetryPolicy.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace ecr {

namespace {

const QStringList& throttlingCodes()
{
    static const QStringList codes{
        QStringLiteral("Throttling"),
        QStringLiteral("ThrottlingException"),
        QStringLiteral("ThrottledException"),
        QStringLiteral("RequestThrottledException"),
        QStringLiteral("TooManyRequestsException"),
        QStringLiteral("ProvisionedThroughputExceededException"),
        QStringLiteral("TransactionInProgressException"),
        QStringLiteral("RequestLimitExceeded"),
        QStringLiteral("BandwidthLimitExceeded"),
        QStringLiteral("LimitExceededException"),
        QStringLiteral("RequestThrottled"),
        QStringLiteral("SlowDown"),
        QStringLiteral("PriorRequestNotComplete"),
        QStringLiteral("EC2ThrottledException"),
    };
    return codes;
}

const QStringList& transientCodes()
{
    static const QStringList codes{
        QStringLiteral("RequestTimeout"),
        QStringLiteral("RequestTimeoutException"),
        QStringLiteral("PriorRequestNotComplete"),
    };
    return codes;
}

// Only ever called for more than kMaxClockSkewCorrection (24 h), so always plural.
QString describeSkew(std::chrono::milliseconds skew)
{
    const double hours = double(std::chrono::abs(skew).count()) / 3600000.0;
    if (hours >= 47.5)
        return QCoreApplication::translate("ecr::RetryPolicy", "%1 days").arg(qRound(hours / 24.0));
    return QCoreApplication::translate("ecr::RetryPolicy", "%1 hours").arg(qRound(hours));
}

} // namespace

AwsError clockTooFarOff(const AwsError& error, const QDateTime& ourNow, const QDateTime& serverDate)
{
    const auto skew = std::chrono::milliseconds(ourNow.msecsTo(serverDate));
    AwsError e = makeError(ErrorKind::Configuration, QStringLiteral("ClockSkewTooLarge"),
        QCoreApplication::translate("ecr::RetryPolicy",
            "The server's clock (%1) and this computer's (%2) are %3 apart, more than the %4 "
            "hours the app corrects by itself. Set this computer's date, time and time zone, or "
            "check that the endpoint URL points at the real service.")
            .arg(serverDate.toUTC().toString(Qt::ISODate), ourNow.toUTC().toString(Qt::ISODate),
                describeSkew(skew))
            .arg(kMaxClockSkewCorrection.count()),
        error.attempts);
    e.httpStatus = error.httpStatus;
    e.requestId = error.requestId;
    return e;
}

bool isClockSkewCode(QStringView code)
{
    return code == u"InvalidSignatureException" || code == u"SignatureDoesNotMatch"
        || code == u"RequestTimeTooSkewed" || code == u"AuthFailure" || code == u"RequestExpired"
        || code == u"RequestInTheFuture";
}

RetryClass classifyForRetry(const AwsError& error, QStringView operation)
{
    switch (error.kind) {
    case ErrorKind::Timeout:
        return RetryClass::Timeout;
    case ErrorKind::ConnectionRefused:
    case ErrorKind::ConnectionReset:
    case ErrorKind::Network:
        return RetryClass::Transient;
    case ErrorKind::HostNotFound:
    case ErrorKind::Tls:
    case ErrorKind::Cancelled:
    case ErrorKind::InvalidInput:
    case ErrorKind::Configuration:
    case ErrorKind::Credentials:
        return RetryClass::None;
    case ErrorKind::InvalidResponse:
    case ErrorKind::Service:
        break;
    }
    if (error.code == u"LimitExceededException" && operation == u"CreatePullThroughCacheRule")
        return RetryClass::None; // the 50-rule quota: retrying cannot help
    if (throttlingCodes().contains(error.code) || error.httpStatus == 429)
        return RetryClass::Throttling;
    if (transientCodes().contains(error.code))
        return RetryClass::Transient;
    if (error.httpStatus == 500 || error.httpStatus == 502 || error.httpStatus == 503
        || error.httpStatus == 504)
        return RetryClass::Transient;
    return RetryClass::None;
}

std::chrono::milliseconds backoffDelay(const RetrySettings& settings, int attempt, double random01)
{
    const double exponential
        = double(settings.backoffBase.count()) * std::pow(2.0, std::max(0, attempt - 1));
    const double capped = std::min(exponential, double(settings.backoffCap.count()));
    return std::chrono::milliseconds(qint64(std::clamp(random01, 0.0, 1.0) * capped));
}

int RetryTokenBucket::acquire(RetryClass kind)
{
    const int cost
        = kind == RetryClass::Timeout ? m_settings.timeoutRetryCost : m_settings.retryCost;
    if (m_available < cost)
        return 0;
    m_available -= cost;
    return cost;
}

void RetryTokenBucket::onSuccess(int lastAcquired)
{
    const int refund = lastAcquired > 0 ? lastAcquired : m_settings.noRetryIncrement;
    m_available = std::min(m_settings.bucketCapacity, m_available + refund);
}

CallRetry::ClockCheck CallRetry::checkClock(const AwsError& error, const QDateTime& serverDate)
{
    // The server's Date says our clock is off: sign with its time from now on, unless it is so
    // far off that the clock or the endpoint must be wrong.
    if (error.kind != ErrorKind::Service || !isClockSkewCode(error.code) || !serverDate.isValid())
        return {};
    const auto correction = std::chrono::milliseconds(m_clock.now().msecsTo(serverDate));
    if (std::chrono::abs(correction) > kMaxClockSkewCorrection)
        return {false, clockTooFarOff(error, m_clock.now(), serverDate)};
    const auto ourNow = m_clock.now().addMSecs(m_clockOffset.count());
    const auto skew = std::chrono::milliseconds(ourNow.msecsTo(serverDate));
    if (m_skewCorrected || std::chrono::abs(skew) <= kClockSkewThreshold)
        return {};
    m_clockOffset = correction;
    m_skewCorrected = true;
    return {true, std::nullopt};
}

CallRetry::Decision CallRetry::onFailure(
    const AwsError& error, QStringView operation, const QDateTime& serverDate)
{
    using Action = Decision::Action;
    if (error.kind == ErrorKind::Cancelled)
        return {};
    const ClockCheck clock = checkClock(error, serverDate);
    if (clock.error) {
        Decision giveUp;
        giveUp.error = clock.error;
        return giveUp;
    }
    if (error.attempts >= m_settings.maxAttempts)
        return {};
    if (clock.corrected)
        return {Action::RetryNow, std::chrono::milliseconds(0), std::nullopt};

    const RetryClass retryClass = classifyForRetry(error, operation);
    if (retryClass == RetryClass::None)
        return {};
    const int cost = m_bucket.acquire(retryClass);
    if (cost == 0)
        return {}; // the retry quota is spent
    m_lastAcquired = cost;
    std::uniform_real_distribution<double> jitter(0.0, 1.0);
    return {Action::RetryAfter, backoffDelay(m_settings, error.attempts, jitter(m_random)),
        std::nullopt};
}

} // namespace ecr
