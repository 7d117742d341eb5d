#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "Clock.h"
#include "EcrSession.h"
#include "EcrTypes.h"
#include "ProfileDirectory.h"
#include "RepositoryTemplate.h"

#include <QCoroTask>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

class QNetworkAccessManager;

// The fleet: the rules (and, when asked, the templates) of many registries — profiles, SSO
// accounts and roles, regions — fetched concurrently with a bound on the registries in flight
// overall and per region, so throttling stays rare. One registry's failure is its own result
// and never stops the others.
namespace ecr {

// One registry to fetch: a profile (or one account and role of an SSO profile's sign-in) in
// one region.
struct FleetTarget
{
    QString profileId;
    QString profileName;
    QString region;
    std::optional<ReachableRole> role; // set: this account and role of the profile's sign-in
    QString label() const; // "prod-admin · eu-west-1"
};

struct FleetRegistry
{
    FleetTarget target;
    QString accountId; // when known: the target's, the rules' registry id, or the caller's
    QList<PullThroughCacheRule> rules;
    QList<RepositoryCreationTemplate> templates; // with FleetOptions::templates only
    std::optional<AwsError> error; // the registry could not be read
    bool finished = false;
    RegistryLocation location() const;
};

struct FleetOptions
{
    int maxInFlight = 48; // registries being fetched at once, overall
    int maxPerRegion = 4; // … and in one region (ECR throttles per account and region)
    bool templates = false; // the repository creation templates too
};

class FleetFetch final : public QObject
{
    Q_OBJECT

public:
    FleetFetch(ProfileDirectory& profiles, const Clock& clock, FleetOptions options = {},
        QObject* parent = nullptr);
    ~FleetFetch() override;

    // Starts fetching these registries (what a previous run was doing is cancelled and
    // dropped). The results are in targets' order.
    void start(const QList<FleetTarget>& targets);
    // Stops: the registries not started are marked cancelled, the ones in flight cancel.
    void cancel();
    bool isRunning() const { return m_running; }
    const QList<FleetRegistry>& results() const { return m_results; }
    int finishedCount() const { return m_finished; }
    int failedCount() const { return m_failed; }
    // The registries that were ever fetched at once (≤ maxInFlight).
    int mostInFlight() const { return m_mostActive; }
    const FleetOptions& options() const { return m_options; }
    // The session that read result `index` (null when it failed before one was open): for
    // changes to that registry (copying into it).
    EcrSession* session(int index) const;
    std::shared_ptr<EcrSession> sharedSession(int index) const;

    // Every region of the partitions of `partitionIds` ("aws", …), in partitions.json's order.
    static QStringList regionsOf(const QStringList& partitionIds);

Q_SIGNALS:
    void registryFinished(int index);
    void progress(int finished, int total);
    void finished(bool cancelled);

private:
    void pump();
    QCoro::Task<void> fetch(int index, int generation, CancelToken cancel);
    void done(int index, int generation);
    QNetworkAccessManager& networkFor(const QString& region);

    ProfileDirectory& m_profiles;
    const Clock& m_clock;
    FleetOptions m_options;
    QList<FleetRegistry> m_results;
    std::vector<std::shared_ptr<EcrSession>> m_sessions;
    // Qt keeps at most 6 connections per host and port: registries that share one (the
    // sandbox serves every region on one port) get several managers, so the bound above and
    // not Qt's queue is what limits them. Real regions have hosts of their own.
    std::vector<std::shared_ptr<QNetworkAccessManager>> m_networks;
    QHash<QString, int> m_regionSlot;
    QList<int> m_pending;
    QHash<QString, int> m_activeInRegion;
    int m_active = 0;
    int m_mostActive = 0;
    int m_finished = 0;
    int m_failed = 0;
    int m_generation = 0;
    bool m_running = false;
    bool m_pumping = false;
    bool m_pumpAgain = false;
    bool m_cancelled = false;
    CancelToken m_cancel;
};

} // namespace ecr
