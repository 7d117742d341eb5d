#include "CachedRepositories.h"

#include "EcrRepositoryClient.h"

#include <QCoreApplication>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::CachedRepositories)
};

struct UsageQueue
{
    QStringList names;
    qsizetype next = 0;
    QHash<QString, RepositoryUsage> found;
};

// One of the bounded workers: takes the next name until none is left or the user cancelled.
QCoro::Task<void> usageWorker(EcrRepositoryClient& client, std::shared_ptr<UsageQueue> queue,
    std::function<void(const QString&, const RepositoryUsage&)> done,
    std::function<void(const QString&, const AwsError&)> failed, CancelToken cancel)
{
    while (queue->next < queue->names.size()) {
        if (cancel && cancel->isCancelled())
            co_return;
        const QString name = queue->names.at(queue->next++);
        const Result<QList<ImageSummary>> images = co_await client.describeImages(name, cancel);
        if (!images) {
            if (failed)
                failed(name, images.error());
            continue;
        }
        const RepositoryUsage usage = RepositoryUsage::of(images.value());
        queue->found.insert(name, usage);
        if (done)
            done(name, usage);
    }
}

} // namespace

QCoro::Task<QHash<QString, RepositoryUsage>> fetchUsage(EcrRepositoryClient& client,
    QStringList names, int maxInFlight,
    std::function<void(const QString&, const RepositoryUsage&)> done,
    std::function<void(const QString&, const AwsError&)> failed, CancelToken cancel)
{
    auto queue = std::make_shared<UsageQueue>();
    queue->names = names;
    std::vector<QCoro::Task<void>> workers;
    const int count = std::clamp(maxInFlight, 1, int(std::max<qsizetype>(1, names.size())));
    workers.reserve(size_t(count));
    for (int i = 0; i < count; ++i)
        workers.push_back(usageWorker(client, queue, done, failed, cancel));
    for (QCoro::Task<void>& worker : workers)
        co_await worker;
    co_return queue->found;
}

bool meetsCleanup(const CachedRepository& repository, const RepositoryUsage& usage,
    const CleanupCriteria& criteria, const QDateTime& now)
{
    if (criteria.minBytes && usage.totalBytes < *criteria.minBytes)
        return false;
    if (criteria.notPulledForDays) {
        const QDateTime cutoff = now.addDays(-*criteria.notPulledForDays);
        const QDateTime used = usage.lastPull ? *usage.lastPull : repository.createdAt;
        if (!used.isValid() || used > cutoff)
            return false;
    }
    return criteria.notPulledForDays || criteria.minBytes;
}

CleanupPlan planCleanup(
    const QList<CachedRepositoryRow>& rows, const CleanupCriteria& criteria, const QDateTime& now)
{
    CleanupPlan plan;
    for (const CachedRepositoryRow& row : rows) {
        if (row.usage && meetsCleanup(row.repository, *row.usage, criteria, now)) {
            plan.repositories.append(row);
            plan.freedBytes += row.usage->totalBytes;
        }
    }
    std::stable_sort(plan.repositories.begin(), plan.repositories.end(),
        [](const CachedRepositoryRow& a, const CachedRepositoryRow& b) {
            return a.usage->totalBytes > b.usage->totalBytes;
        });
    return plan;
}

QCoro::Task<QList<CleanupOutcome>> runCleanup(EcrRepositoryClient& client, CleanupPlan plan,
    CleanupCriteria criteria, std::function<QDateTime()> now,
    std::function<void(const CleanupOutcome&)> each, CancelToken cancel)
{
    QList<CleanupOutcome> out;
    const CancelToken uninterrupted; // a deletion that started finishes: no half-known state
    for (const CachedRepositoryRow& row : std::as_const(plan.repositories)) {
        if (cancel && cancel->isCancelled())
            break;
        CleanupOutcome outcome;
        outcome.name = row.repository.name;
        const QString name = row.repository.name;
        const Result<QList<ImageSummary>> images
            = co_await client.describeImages(name, uninterrupted);
        if (!images && !images.error().isService(u"RepositoryNotFoundException")) {
            outcome.result = CleanupOutcome::Result::Failed;
            outcome.detail = images.error().message;
            outcome.errorCode = images.error().code;
            outcome.requestId = images.error().requestId;
        } else if (!images) {
            outcome.result = CleanupOutcome::Result::Skipped;
            outcome.detail = Tr::tr("It was deleted already.");
        } else {
            const RepositoryUsage usage = RepositoryUsage::of(images.value());
            if (!meetsCleanup(row.repository, usage, criteria, now())) {
                outcome.result = CleanupOutcome::Result::Skipped;
                outcome.detail = Tr::tr("It was pulled since the dry run: kept.");
            } else {
                const Result<CachedRepository> deleted
                    = co_await client.deleteRepository(name, true, uninterrupted);
                // Not found after it was there: a retry after a delete whose answer was lost.
                if (deleted || deleted.error().isService(u"RepositoryNotFoundException")) {
                    outcome.result = CleanupOutcome::Result::Deleted;
                    outcome.freedBytes = usage.totalBytes;
                } else {
                    outcome.result = CleanupOutcome::Result::Failed;
                    outcome.detail = deleted.error().message;
                    outcome.errorCode = deleted.error().code;
                    outcome.requestId = deleted.error().requestId;
                }
            }
        }
        out.append(outcome);
        if (each)
            each(outcome);
    }
    co_return out;
}

} // namespace ecr
