#pragma once

#include "AwsError.h"
#include "Clock.h"

#include <QString>

#include <chrono>
#include <functional>
#include <optional>
#include <random>

// The AWS SDKs' "standard" retry mode, as pure logic: which errors are retried, the full-jitter
// exponential backoff, and the per-client retry token bucket.
namespace ecr {

enum class RetryClass
{
    None, // final
    Transient, // 500/502/503/504, RequestTimeout…, connection errors
    Throttling, // Throttling, ThrottlingException, … and HTTP 429
    Timeout, // transfer timeout: transient, but a retry costs more tokens
};

// `operation` matters for one ECR rule: LimitExceededException on Create is the rule quota, not
// throttling, and is final.
RetryClass classifyForRetry(const AwsError& error, QStringView operation);

bool isClockSkewCode(QStringView code);

// The error for a server whose Date is further off than kMaxClockSkewCorrection: code
// ClockSkewTooLarge, kind Configuration; it names both times.
AwsError clockTooFarOff(
    const AwsError& error, const QDateTime& ourNow, const QDateTime& serverDate);

struct RetrySettings
{
    int maxAttempts = 3;
    std::chrono::milliseconds backoffBase{1000}; // t = rand(0,1) * min(base * 2^(n-1), cap)
    std::chrono::milliseconds backoffCap{20000};
    int bucketCapacity = 500;
    int retryCost = 5;
    int timeoutRetryCost = 10;
    int noRetryIncrement = 1;
};

// Full jitter: attempt is the number of the attempt that just failed (1 = first try).
std::chrono::milliseconds backoffDelay(const RetrySettings& settings, int attempt, double random01);

// The retry quota shared by every call of one client.
class RetryTokenBucket final
{
public:
    explicit RetryTokenBucket(const RetrySettings& settings)
        : m_settings(settings)
        , m_available(settings.bucketCapacity)
    { }
    // Takes the cost of one retry; 0 when the bucket cannot pay (then do not retry).
    int acquire(RetryClass kind);
    // After a success: a first-try success refunds noRetryIncrement, a success after retries
    // refunds what its last retry took.
    void onSuccess(int lastAcquired);
    int available() const { return m_available; }

private:
    RetrySettings m_settings;
    int m_available;
};

// How far the clock-skew correction may move the signing time. A server whose Date is further
// off than this is not believed: the computer's clock or the endpoint is wrong.
inline constexpr std::chrono::hours kMaxClockSkewCorrection{24};
// Below this, a signature error is not blamed on the clock.
inline constexpr std::chrono::minutes kClockSkewThreshold{4};

// One call's retry bookkeeping (the call pipeline holds one per call): after a failed attempt it
// decides between giving up, retrying at once (a corrected clock skew: the offset is stored in
// `clockOffset`, at most once a call, and only within kMaxClockSkewCorrection) and retrying
// after a full-jitter backoff paid from the bucket; after a success it refunds the bucket.
class CallRetry final
{
public:
    struct Decision
    {
        enum class Action
        {
            GiveUp,
            RetryNow, // the clock offset was corrected
            RetryAfter, // wait `delay`, then retry
        } action
            = Action::GiveUp;
        std::chrono::milliseconds delay{0};
        // GiveUp with this error instead of the attempt's (a clock too far off to correct).
        std::optional<AwsError> error;
    };

    CallRetry(const RetrySettings& settings, RetryTokenBucket& bucket, std::mt19937& random,
        const Clock& clock, std::chrono::milliseconds& clockOffset)
        : m_settings(settings)
        , m_bucket(bucket)
        , m_random(random)
        , m_clock(clock)
        , m_clockOffset(clockOffset)
    { }

    // `error.attempts` is the number of the attempt that just failed; `serverDate` the answer's
    // Date header (invalid when there was none).
    Decision onFailure(const AwsError& error, QStringView operation, const QDateTime& serverDate);

    // What a failed attempt says about this computer's clock, whatever else happens to the call
    // (also for requests that are never retried, such as one with a one-time MFA code, and on
    // the last attempt): a clock off by more than kMaxClockSkewCorrection replaces the error
    // (ClockSkewTooLarge); a smaller skew is learnt for the calls that follow.
    struct ClockCheck
    {
        bool corrected = false; // the offset was learnt just now: a retry would sign right
        std::optional<AwsError> error; // ClockSkewTooLarge
    };
    ClockCheck checkClock(const AwsError& error, const QDateTime& serverDate);
    void onSuccess() { m_bucket.onSuccess(m_lastAcquired); }

private:
    const RetrySettings& m_settings;
    RetryTokenBucket& m_bucket;
    std::mt19937& m_random;
    const Clock& m_clock;
    std::chrono::milliseconds& m_clockOffset;
    int m_lastAcquired = 0;
    bool m_skewCorrected = false;
};

} // namespace ecr
