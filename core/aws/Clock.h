#pragma once

#include <QDateTime>

#include <chrono>

namespace ecr {

// Where "now" comes from. Signing, expiry and retry timing read time only through a Clock, so
// tests can pin it or skew it.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

// A clock that tests (and the sandbox's skew option) set by hand.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start)
        : m_now(std::move(start))
    { }
    QDateTime now() const override { return m_now; }
    void set(QDateTime now) { m_now = std::move(now); }
    void advance(std::chrono::milliseconds by) { m_now = m_now.addMSecs(by.count()); }

private:
    QDateTime m_now;
};

// Another clock shifted by a fixed offset (a server whose clock runs ahead, for instance).
class OffsetClock final : public Clock
{
public:
    OffsetClock(const Clock& base, std::chrono::milliseconds offset)
        : m_base(base)
        , m_offset(offset)
    { }
    QDateTime now() const override { return m_base.now().addMSecs(m_offset.count()); }

private:
    const Clock& m_base;
    std::chrono::milliseconds m_offset;
};

} // namespace ecr
