#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

// The local activity log: every change the app makes to AWS (a rule created, updated, deleted or
// copied, a template, a secret, the registry policy, a cleanup) with when, as whom, where, what,
// on what, how it ended and AWS's request id — never a secret: targets are names and ARNs, and
// no request or answer body is stored. An SQLite database (Qt SQL), by default in the app-data
// location. A write that fails returns false with lastError(); the caller reports it and the
// AWS operation stands as it is.
namespace ecr {

struct ActivityEntry
{
    QDateTime time; // UTC
    QString profile;
    QString account;
    QString region;
    QString operation; // "CreatePullThroughCacheRule", "DeleteRepository", "PutRegistryPolicy", …
    QString target; // the rule's prefix, the template's prefix, the secret's name, a repository
    QString result; // "succeeded", or the error code ("AccessDeniedException", "Cancelled", …)
    QString requestId;
};

struct ActivityFilter
{
    QDateTime from; // invalid: no lower bound
    QDateTime to; // invalid: no upper bound
    QString account; // empty: any
    QString operation; // empty: any
};

class ActivityLog final
{
public:
    // `path`: the database file (created with its folder when missing).
    explicit ActivityLog(QString path);
    ~ActivityLog();
    Q_DISABLE_COPY_MOVE(ActivityLog)

    // <app-data>/activity.sqlite
    static QString defaultPath();

    bool record(const ActivityEntry& entry);
    // Newest first, at most `limit`.
    QList<ActivityEntry> entries(const ActivityFilter& filter = {}, int limit = 10000) const;
    QStringList accounts() const;
    QStringList operations() const;
    QString lastError() const { return m_lastError; }
    QString path() const { return m_path; }

    // RFC 4180 CSV with a header row; times in ISO 8601 UTC.
    static QString toCsv(const QList<ActivityEntry>& entries);

private:
    bool open() const;

    QString m_path;
    QString m_connection;
    mutable bool m_opened = false;
    mutable QString m_lastError;
};

} // namespace ecr
