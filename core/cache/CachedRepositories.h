#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "RepositoryTypes.h"

#include <QCoroTask>
#include <QDateTime>
#include <QHash>
#include <QString>

#include <functional>
#include <optional>

// What a rule has cached: its repositories with their usage (image count, size, last pull and
// push, from DescribeImages), fetched with a bound on requests in flight so that a registry
// with thousands of repositories is listed quickly without throttling; and the cleanup of those
// not used: a dry run that lists what would go, then the deletion of exactly those.
namespace ecr {

class EcrRepositoryClient;

struct CachedRepositoryRow
{
    CachedRepository repository;
    std::optional<RepositoryUsage> usage; // nullopt until fetched
    QString usageError; // why it could not be fetched
};

// DescribeImages of every name, at most `maxInFlight` at a time; `done` hears each as it
// arrives (in any order). Stops starting new ones when cancelled. The names whose usage came
// back, with it; failures are reported through `failed`.
QCoro::Task<QHash<QString, RepositoryUsage>> fetchUsage(EcrRepositoryClient& client,
    QStringList names, int maxInFlight,
    std::function<void(const QString&, const RepositoryUsage&)> done,
    std::function<void(const QString&, const AwsError&)> failed, CancelToken cancel);

struct CleanupCriteria
{
    // Not pulled for this many days (never pulled: created that long ago); nullopt: any.
    std::optional<int> notPulledForDays;
    // At least this large; nullopt: any size.
    std::optional<qint64> minBytes;
};

// Whether a repository with this usage meets the criteria at `now`.
bool meetsCleanup(const CachedRepository& repository, const RepositoryUsage& usage,
    const CleanupCriteria& criteria, const QDateTime& now);

// The dry run: the rows (with known usage) that would go, largest first, and what they free.
struct CleanupPlan
{
    QList<CachedRepositoryRow> repositories;
    qint64 freedBytes = 0;
};
CleanupPlan planCleanup(
    const QList<CachedRepositoryRow>& rows, const CleanupCriteria& criteria, const QDateTime& now);

struct CleanupOutcome
{
    QString name;
    enum class Result
    {
        Deleted,
        Skipped, // pulled (or grown) since the dry run: no longer meets the criteria
        Failed,
    } result
        = Result::Failed;
    QString detail; // the error's sentence, or why it was skipped
    QString errorCode; // a failure's
    QString requestId; // the failed call's, when AWS answered
    qint64 freedBytes = 0;
};

// Deletes exactly the plan's repositories (DeleteRepository with force), one after another:
// each is checked again first (DescribeImages; a repository pulled since the dry run is
// skipped), a failure is reported and the rest go on, and `cancel` stops between repositories
// (a deletion in flight finishes). `each` hears every outcome as it happens.
QCoro::Task<QList<CleanupOutcome>> runCleanup(EcrRepositoryClient& client, CleanupPlan plan,
    CleanupCriteria criteria, std::function<QDateTime()> now,
    std::function<void(const CleanupOutcome&)> each, CancelToken cancel);

} // namespace ecr
