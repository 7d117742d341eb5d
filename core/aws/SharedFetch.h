#pragma once

#include "AwsError.h"
#include "Cancellation.h"

#include <QCoroSignal>
#include <QCoroTask>
#include <QObject>

#include <memory>
#include <optional>

// One piece of work several callers wait for (a session's credentials, an SSO sign-in): it
// runs once; every caller gets its result; a caller that cancels stops waiting at once, and the
// work itself is cancelled (its prompt closed, its call aborted) when every caller has.
namespace ecr {

// Says that a shared fetch finished, or that one waiter's own cancel fired.
class FetchSignal final : public QObject
{
    Q_OBJECT

Q_SIGNALS:
    void fired();
};

template <typename T>
class PendingFetch final
{
public:
    // The work's own token: fired when nobody waits any more.
    const CancelToken cancel = Cancellation::create();
    QByteArray fingerprint; // what the work was started for (a cache entry's request)

    bool finished() const { return m_result.has_value(); }
    void finish(Result<T> result)
    {
        m_result = std::move(result);
        Q_EMIT m_done.fired();
    }

    // Waits for the result. `cancelled` is the error a waiter that gave up gets.
    static QCoro::Task<Result<T>> wait(
        std::shared_ptr<PendingFetch> pending, CancelToken cancel, AwsError cancelled)
    {
        if (!pending->m_result) {
            ++pending->m_interested;
            if (!(cancel && cancel->isCancelled())) {
                FetchSignal woken;
                QObject::connect(
                    &pending->m_done, &FetchSignal::fired, &woken, &FetchSignal::fired);
                if (cancel)
                    QObject::connect(
                        cancel.get(), &Cancellation::cancelled, &woken, &FetchSignal::fired);
                co_await qCoro(&woken, &FetchSignal::fired);
            }
            --pending->m_interested;
            if (!pending->m_result) {
                if (pending->m_interested == 0)
                    pending->cancel->cancel();
                co_return cancelled;
            }
        }
        Result<T> copy = *pending->m_result;
        co_return copy;
    }

private:
    std::optional<Result<T>> m_result;
    int m_interested = 0;
    FetchSignal m_done;
};

} // namespace ecr
