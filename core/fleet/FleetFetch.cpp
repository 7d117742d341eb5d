#include "FleetFetch.h"

#include "Endpoint.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QPointer>

Q_LOGGING_CATEGORY(lcFleet, "ecr.fleet", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

constexpr int kConnectionsPerHost = 6; // Qt's HTTP/1.1 limit per host and port
constexpr int kMostNetworks = 16;

AwsError stopped()
{
    return makeError(ErrorKind::Cancelled, QString(),
        QCoreApplication::translate("ecr::FleetFetch", "Stopped before this registry was read."),
        0);
}

QCoro::Task<Result<ConnectionTarget>> resolveTarget(
    ProfileDirectory& profiles, const FleetTarget& target, CancelToken cancel)
{
    if (target.role)
        return profiles.resolveRole(target.profileId, *target.role, target.region, cancel);
    return profiles.resolve(target.profileId, target.region, cancel);
}

} // namespace

QString FleetTarget::label() const
{
    if (role)
        return u"%1 · %2 / %3 · %4"_s.arg(profileName,
            role->accountName.isEmpty() ? role->accountId : role->accountName, role->roleName,
            region);
    return u"%1 · %2"_s.arg(profileName, region);
}

RegistryLocation FleetRegistry::location() const
{
    return {accountId, target.region, partitionForRegion(target.region).dnsSuffix};
}

FleetFetch::FleetFetch(
    ProfileDirectory& profiles, const Clock& clock, FleetOptions options, QObject* parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_clock(clock)
    , m_options(options)
{
    m_options.maxInFlight = std::max(1, m_options.maxInFlight);
    m_options.maxPerRegion = std::max(1, m_options.maxPerRegion);
}

FleetFetch::~FleetFetch()
{
    if (m_cancel)
        m_cancel->cancel();
}

QStringList FleetFetch::regionsOf(const QStringList& partitionIds)
{
    QStringList out;
    for (const Partition& p : partitions()) {
        if (partitionIds.contains(p.id))
            out.append(p.regions);
    }
    return out;
}

EcrSession* FleetFetch::session(int index) const
{
    return index >= 0 && size_t(index) < m_sessions.size() ? m_sessions[size_t(index)].get()
                                                           : nullptr;
}

std::shared_ptr<EcrSession> FleetFetch::sharedSession(int index) const
{
    return index >= 0 && size_t(index) < m_sessions.size() ? m_sessions[size_t(index)] : nullptr;
}

void FleetFetch::start(const QList<FleetTarget>& targets)
{
    if (m_cancel)
        m_cancel->cancel();
    ++m_generation;
    m_cancel = Cancellation::create();
    m_results.clear();
    m_sessions.clear();
    m_sessions.resize(size_t(targets.size()));
    m_pending.clear();
    m_activeInRegion.clear();
    m_active = 0;
    m_mostActive = 0;
    m_finished = 0;
    m_failed = 0;
    m_cancelled = false;
    for (const FleetTarget& target : targets) {
        FleetRegistry registry;
        registry.target = target;
        m_pending.append(int(m_results.size()));
        m_results.append(registry);
    }
    m_running = !m_results.isEmpty();
    qCInfo(lcFleet) << "reading" << m_results.size() << "registries, at most"
                    << m_options.maxInFlight << "at once and" << m_options.maxPerRegion
                    << "per region";
    Q_EMIT progress(0, int(m_results.size()));
    if (!m_running) {
        Q_EMIT finished(false);
        return;
    }
    pump();
}

void FleetFetch::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    m_cancel->cancel();
    const int generation = m_generation;
    const QList<int> pending = std::exchange(m_pending, {});
    for (const int index : pending) {
        m_results[index].error = stopped();
        ++m_active; // done() counts it out again
        ++m_activeInRegion[m_results[index].target.region];
        done(index, generation);
        if (generation != m_generation)
            return;
    }
}

void FleetFetch::pump()
{
    if (m_pumping) {
        m_pumpAgain = true;
        return;
    }
    m_pumping = true;
    do {
        m_pumpAgain = false;
        // Re-read every time: a registry may finish (and the next run start) inside fetch().
        while (m_active < m_options.maxInFlight) {
            const auto next = std::find_if(m_pending.cbegin(), m_pending.cend(), [this](int i) {
                return m_activeInRegion.value(m_results.at(i).target.region)
                    < m_options.maxPerRegion;
            });
            if (next == m_pending.cend())
                break;
            const int index = *next;
            m_pending.erase(next);
            ++m_active;
            ++m_activeInRegion[m_results.at(index).target.region];
            m_mostActive = std::max(m_mostActive, m_active);
            fetch(index, m_generation, m_cancel);
        }
    } while (m_pumpAgain);
    m_pumping = false;
}

QNetworkAccessManager& FleetFetch::networkFor(const QString& region)
{
    const int count = std::clamp(
        (m_options.maxInFlight + kConnectionsPerHost - 1) / kConnectionsPerHost, 1, kMostNetworks);
    if (m_networks.empty()) {
        for (int i = 0; i < count; ++i)
            m_networks.push_back(std::make_shared<QNetworkAccessManager>());
    }
    auto slot = m_regionSlot.constFind(region);
    if (slot == m_regionSlot.cend())
        slot = m_regionSlot.insert(region, int(m_regionSlot.size()) % count);
    return *m_networks[size_t(slot.value())];
}

QCoro::Task<void> FleetFetch::fetch(int index, int generation, CancelToken cancel)
{
    QPointer<FleetFetch> self(this);
    const FleetTarget target = m_results.at(index).target;
    QCoro::Task<Result<ConnectionTarget>> resolving = resolveTarget(m_profiles, target, cancel);
    const Result<ConnectionTarget> connection = co_await std::move(resolving);
    if (!self || generation != self->m_generation)
        co_return;
    if (!connection) {
        m_results[index].error = connection.error();
        done(index, generation);
        co_return;
    }
    m_results[index].accountId = connection->accountId; // a failure below still says whose
    QNetworkAccessManager& network = networkFor(target.region);
    Result<std::unique_ptr<EcrSession>> created
        = EcrSession::create(network, m_clock, connection.value());
    if (!created) {
        m_results[index].error = created.error();
        done(index, generation);
        co_return;
    }
    // The coroutine keeps the session (and its network) alive until its calls are over, even
    // when a new run dropped them.
    const std::shared_ptr<EcrSession> session(std::move(created.value()));
    const std::shared_ptr<QNetworkAccessManager> keepNetwork
        = m_networks[size_t(m_regionSlot.value(target.region))];
    m_sessions[size_t(index)] = session;
    const bool withTemplates = m_options.templates;

    const DescribeRulesRequest request;
    const Result<EcrReply<QList<PullThroughCacheRule>>> rules
        = co_await session->client().describeAllRules(request, cancel);
    if (!self || generation != self->m_generation)
        co_return;
    if (!rules) {
        m_results[index].error = rules.error();
        done(index, generation);
        co_return;
    }
    QString account = connection->accountId;
    if (account.isEmpty() && !rules->value.isEmpty())
        account = rules->value.first().registryId;
    if (account.isEmpty()) {
        // An empty registry that does not say whose it is: STS does (once per session).
        const Result<CallerIdentity> identity = co_await session->identity(cancel);
        if (!self || generation != self->m_generation)
            co_return;
        if (identity)
            account = identity->account;
    }
    QList<RepositoryCreationTemplate> templates;
    if (withTemplates) {
        const QStringList all;
        const Result<QList<RepositoryCreationTemplate>> listed
            = co_await session->registry().describeAllTemplates(all, cancel);
        if (!self || generation != self->m_generation)
            co_return;
        if (!listed) {
            m_results[index].error = listed.error();
            m_results[index].accountId = account;
            done(index, generation);
            co_return;
        }
        templates = listed.value();
    }
    session->learnAccount(account);
    FleetRegistry& registry = m_results[index];
    registry.accountId = account;
    registry.rules = rules->value;
    registry.templates = templates;
    done(index, generation);
}

void FleetFetch::done(int index, int generation)
{
    FleetRegistry& registry = m_results[index];
    registry.finished = true;
    --m_active;
    --m_activeInRegion[registry.target.region];
    ++m_finished;
    if (registry.error)
        ++m_failed;
    Q_EMIT registryFinished(index);
    if (generation != m_generation)
        return;
    Q_EMIT progress(m_finished, int(m_results.size()));
    if (generation != m_generation)
        return;
    if (m_finished == m_results.size()) {
        m_running = false;
        Q_EMIT finished(m_cancelled);
        return;
    }
    pump();
}

} // namespace ecr
