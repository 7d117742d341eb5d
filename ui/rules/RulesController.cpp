#include "RulesController.h"

#include <QPointer>

namespace ecr {

struct RulesController::Flight
{
    quint64 generation;
    CancelToken cancel;
    QString description;
};

RulesController::RulesController(QObject* parent)
    : QObject(parent)
{ }

RulesController::~RulesController()
{
    cancelAll();
}

void RulesController::setSession(std::unique_ptr<EcrSession> session)
{
    cancelAll();
    ++m_generation;
    m_session = std::move(session);
    Q_EMIT rulesLoaded({});
    Q_EMIT sessionChanged();
}

std::shared_ptr<RulesController::Flight> RulesController::begin(const QString& description)
{
    auto flight
        = std::make_shared<Flight>(Flight{m_generation, Cancellation::create(), description});
    m_inFlight.append(flight);
    Q_EMIT busyChanged(true, description);
    return flight;
}

void RulesController::end(const std::shared_ptr<Flight>& flight)
{
    m_inFlight.removeOne(flight);
    const QString next = m_inFlight.isEmpty() ? QString() : m_inFlight.last()->description;
    Q_EMIT busyChanged(!m_inFlight.isEmpty(), next);
}

bool RulesController::isCurrent(const std::shared_ptr<Flight>& flight) const
{
    return flight->generation == m_generation && !flight->cancel->isCancelled();
}

void RulesController::cancelAll()
{
    const auto flights = m_inFlight;
    for (const auto& flight : flights)
        flight->cancel->cancel();
}

AwsError RulesController::notConnected() const
{
    return makeError(ErrorKind::Configuration, QStringLiteral("NotConnected"),
        tr("No profile is selected. Choose a profile or start the Local sandbox."), 0);
}

QCoro::Task<void> RulesController::refresh()
{
    const std::shared_ptr<EcrSession> session = m_session; // alive until this call ends
    if (!session) {
        Q_EMIT refreshFailed(notConnected());
        co_return;
    }
    if (m_refreshCancel)
        m_refreshCancel->cancel(); // a newer refresh replaces an older one
    const auto flight = begin(tr("Loading rules…"));
    m_refreshCancel = flight->cancel;
    QPointer<RulesController> self(this);
    // Arguments of an awaited call are named locals: GCC 12 destroys braced temporaries and
    // lambda-to-std::function conversions inside a co_await expression twice.
    const DescribeRulesRequest all;
    const std::function<void(int)> progress = [self, flight](int loaded) {
        if (self && self->isCurrent(flight))
            Q_EMIT self->loadProgress(loaded);
    };
    auto result = co_await session->client().describeAllRules(all, flight->cancel, progress);
    if (!self)
        co_return;
    const bool current = isCurrent(flight);
    end(flight);
    if (!current)
        co_return; // another profile/region, or cancelled: these rows are stale
    if (result)
        Q_EMIT rulesLoaded(result->value);
    else
        Q_EMIT refreshFailed(result.error());
}

QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> RulesController::createRule(
    CreateRuleRequest request)
{
    const std::shared_ptr<EcrSession> session = m_session; // alive until this call ends
    if (!session)
        co_return notConnected();
    const auto flight = begin(tr("Creating rule %1…").arg(request.ecrRepositoryPrefix));
    QPointer<RulesController> self(this);
    auto result = co_await session->client().createRule(request, flight->cancel);
    if (!self)
        co_return result;
    const bool current = isCurrent(flight);
    end(flight);
    if (current && result)
        Q_EMIT ruleChanged(result->value);
    co_return result;
}

QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> RulesController::updateRule(
    UpdateRuleRequest request)
{
    const std::shared_ptr<EcrSession> session = m_session; // alive until this call ends
    if (!session)
        co_return notConnected();
    const auto flight = begin(tr("Updating credentials of %1…").arg(request.ecrRepositoryPrefix));
    QPointer<RulesController> self(this);
    auto result = co_await session->client().updateRule(request, flight->cancel);
    if (!self)
        co_return result;
    const bool current = isCurrent(flight);
    end(flight);
    if (current && result) {
        // Update answers only some members; refresh the row from the full rule list.
        refresh();
    }
    co_return result;
}

QCoro::Task<Result<EcrReply<ValidateRuleResult>>> RulesController::validateRule(QString prefix)
{
    const std::shared_ptr<EcrSession> session = m_session; // alive until this call ends
    if (!session)
        co_return notConnected();
    const auto flight = begin(tr("Verifying authentication of %1…").arg(prefix));
    QPointer<RulesController> self(this);
    const RuleKey key{prefix, {}};
    auto result = co_await session->client().validateRule(key, flight->cancel);
    if (self)
        end(flight);
    co_return result;
}

QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> RulesController::deleteRule(QString prefix)
{
    const std::shared_ptr<EcrSession> session = m_session; // alive until this call ends
    if (!session)
        co_return notConnected();
    const auto flight = begin(tr("Deleting rule %1…").arg(prefix));
    QPointer<RulesController> self(this);
    const RuleKey key{prefix, {}};
    auto result = co_await session->client().deleteRule(key, flight->cancel);
    if (!self)
        co_return result;
    const bool current = isCurrent(flight);
    end(flight);
    if (current && result)
        Q_EMIT ruleRemoved(prefix);
    co_return result;
}

} // namespace ecr
