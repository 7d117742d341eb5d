#pragma once

#include <QDateTime>
#include <QJsonValue>

#include <cmath>

// Numbers in AWS answers, read without trusting them: JSON numbers are doubles, and converting a
// double that is out of range (1e300, NaN) to an integer is undefined behaviour in C++. These
// keep every value within what a qint64 and a QDateTime hold.
namespace ecr::json {

inline constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53

// A count or size: a non-negative whole number up to 2^53; anything else is 0 (unknown).
inline qint64 count(const QJsonValue& value)
{
    const double d = value.toDouble(-1);
    return d >= 0 && d <= kMaxExactInteger && d == std::floor(d) ? qint64(d) : 0;
}

// An awsJson timestamp (epoch seconds, fractions allowed) as UTC; invalid when the value is not
// a number or lies beyond the years QDateTime can show (±292 million years).
inline QDateTime epochSeconds(const QJsonValue& value)
{
    if (!value.isDouble())
        return {};
    const double ms = std::round(value.toDouble() * 1000.0);
    constexpr double kLimit = 9.0e18; // inside qint64
    if (!std::isfinite(ms) || ms > kLimit || ms < -kLimit)
        return {};
    return QDateTime::fromMSecsSinceEpoch(qint64(ms), Qt::UTC);
}

} // namespace ecr::json
