#pragma once

#include <QObject>

#include <memory>

namespace ecr {

// Lets a caller cancel a call in flight (the Cancel button next to a progress indicator). Share
// it as std::shared_ptr<Cancellation>; a null pointer means "cannot be cancelled".
class Cancellation final : public QObject
{
    Q_OBJECT

public:
    static std::shared_ptr<Cancellation> create() { return std::make_shared<Cancellation>(); }
    void cancel()
    {
        if (m_cancelled)
            return;
        m_cancelled = true;
        Q_EMIT cancelled();
    }
    bool isCancelled() const { return m_cancelled; }

Q_SIGNALS:
    void cancelled();

private:
    bool m_cancelled = false;
};

using CancelToken = std::shared_ptr<Cancellation>;

} // namespace ecr
