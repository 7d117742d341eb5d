#pragma once

#include "Cancellation.h"
#include "EcrSession.h"

#include <QCoroTask>
#include <QObject>

#include <memory>

namespace ecr {

// Runs the rule operations of the current session for the main window: one place that owns the
// session, tracks what is in flight (for the busy indicator and its Cancel), and makes sure an
// answer that arrives after the profile or region changed never reaches the table.
class RulesController final : public QObject
{
    Q_OBJECT

public:
    explicit RulesController(QObject* parent = nullptr);
    ~RulesController() override;

    // Replaces the session (profile/region change): cancels everything in flight, forgets the
    // rules, and refreshes. A null session means "not connected".
    void setSession(std::unique_ptr<EcrSession> session);
    EcrSession* session() const { return m_session.get(); }
    bool isBusy() const { return !m_inFlight.isEmpty(); }

    // Each returns the call's result too, for dialogs that stay open on failure; the signals
    // below tell everyone else.
    QCoro::Task<void> refresh();
    QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> createRule(CreateRuleRequest request);
    QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> updateRule(UpdateRuleRequest request);
    QCoro::Task<Result<EcrReply<ValidateRuleResult>>> validateRule(QString prefix);
    QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> deleteRule(QString prefix);

public Q_SLOTS:
    void cancelAll();

Q_SIGNALS:
    void sessionChanged();
    void busyChanged(bool busy, const QString& description);
    void rulesLoaded(const QList<ecr::PullThroughCacheRule>& rules);
    void loadProgress(int loaded);
    void refreshFailed(const ecr::AwsError& error);
    void ruleChanged(const ecr::PullThroughCacheRule& rule); // created or updated
    void ruleRemoved(const QString& prefix);

private:
    struct Flight;
    std::shared_ptr<Flight> begin(const QString& description);
    void end(const std::shared_ptr<Flight>& flight);
    bool isCurrent(const std::shared_ptr<Flight>& flight) const;
    AwsError notConnected() const;

    std::shared_ptr<EcrSession> m_session; // calls in flight hold their own reference
    quint64 m_generation = 0;
    QList<std::shared_ptr<Flight>> m_inFlight;
    CancelToken m_refreshCancel;
};

} // namespace ecr
