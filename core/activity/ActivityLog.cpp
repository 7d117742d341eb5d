#include "ActivityLog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

Q_LOGGING_CATEGORY(lcActivity, "ecr.activity", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::ActivityLog)
};

QString csvField(const QString& value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n')
        && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QStringList distinct(const QString& connection, const QString& column)
{
    QStringList out;
    QSqlQuery query(QSqlDatabase::database(connection, false));
    if (!query.exec(u"SELECT DISTINCT %1 FROM activity WHERE %1 <> '' ORDER BY %1"_s.arg(column)))
        return out;
    while (query.next())
        out.append(query.value(0).toString());
    return out;
}

} // namespace

ActivityLog::ActivityLog(QString path)
    : m_path(std::move(path))
    , m_connection(u"activity-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

ActivityLog::~ActivityLog()
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QString ActivityLog::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + u"/activity.sqlite"_s;
}

bool ActivityLog::open() const
{
    if (m_opened)
        return true;
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s)) {
        m_lastError
            = Tr::tr("The SQLite driver of Qt SQL is not installed (Debian: libqt6sql6-sqlite).");
        return false;
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSqlDatabase db = QSqlDatabase::contains(m_connection)
        ? QSqlDatabase::database(m_connection, false)
        : QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(m_path);
    // A file made read-only (its owner's write bit off) is opened read-only, even by root:
    // it can be viewed, and a write fails with a message instead of changing it.
    const bool readOnly
        = QFileInfo::exists(m_path) && !(QFile::permissions(m_path) & QFileDevice::WriteOwner);
    db.setConnectOptions(readOnly ? u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"_s
                                  : u"QSQLITE_BUSY_TIMEOUT=2000"_s);
    if (!db.open()) {
        m_lastError
            = Tr::tr("Cannot open the activity log %1: %2").arg(m_path, db.lastError().text());
        return false;
    }
    QSqlQuery query(db);
    // Entries are few and small: the default journal keeps the file alone (no -wal beside it).
    if (!query.exec(u"CREATE TABLE IF NOT EXISTS activity ("
                    "id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, profile TEXT, "
                    "account TEXT, region TEXT, operation TEXT NOT NULL, target TEXT, "
                    "result TEXT NOT NULL, request_id TEXT)"_s)
        || !query.exec(u"CREATE INDEX IF NOT EXISTS activity_time ON activity(time)"_s)) {
        // A read-only file can still be read.
        if (!query.exec(u"SELECT 1 FROM activity LIMIT 1"_s)) {
            m_lastError = Tr::tr("Cannot prepare the activity log %1: %2")
                              .arg(m_path, query.lastError().text());
            db.close();
            return false;
        }
    }
    m_opened = true;
    return true;
}

bool ActivityLog::record(const ActivityEntry& entry)
{
    if (!open())
        return false;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(u"INSERT INTO activity (time, profile, account, region, operation, target, "
                  "result, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    const QDateTime time = entry.time.isValid() ? entry.time : QDateTime::currentDateTimeUtc();
    for (const QString& value :
        {time.toUTC().toString(Qt::ISODateWithMs), entry.profile, entry.account, entry.region,
            entry.operation, entry.target, entry.result, entry.requestId})
        query.addBindValue(value);
    if (!query.exec()) {
        m_lastError = Tr::tr("Cannot write to the activity log %1: %2")
                          .arg(m_path, query.lastError().text());
        qCWarning(lcActivity).noquote() << m_lastError;
        return false;
    }
    m_lastError.clear();
    return true;
}

QList<ActivityEntry> ActivityLog::entries(const ActivityFilter& filter, int limit) const
{
    QList<ActivityEntry> out;
    if (!open())
        return out;
    QStringList where;
    QList<QString> values;
    if (filter.from.isValid()) {
        where.append(u"time >= ?"_s);
        values.append(filter.from.toUTC().toString(Qt::ISODateWithMs));
    }
    if (filter.to.isValid()) {
        where.append(u"time <= ?"_s);
        values.append(filter.to.toUTC().toString(Qt::ISODateWithMs));
    }
    if (!filter.account.isEmpty()) {
        where.append(u"account = ?"_s);
        values.append(filter.account);
    }
    if (!filter.operation.isEmpty()) {
        where.append(u"operation = ?"_s);
        values.append(filter.operation);
    }
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(u"SELECT time, profile, account, region, operation, target, result, request_id "
                  "FROM activity%1 ORDER BY time DESC, id DESC LIMIT %2"_s
                      .arg(where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s))
                      .arg(limit));
    for (const QString& v : std::as_const(values))
        query.addBindValue(v);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return out;
    }
    while (query.next()) {
        ActivityEntry e;
        e.time = QDateTime::fromString(query.value(0).toString(), Qt::ISODateWithMs);
        e.profile = query.value(1).toString();
        e.account = query.value(2).toString();
        e.region = query.value(3).toString();
        e.operation = query.value(4).toString();
        e.target = query.value(5).toString();
        e.result = query.value(6).toString();
        e.requestId = query.value(7).toString();
        out.append(e);
    }
    return out;
}

QStringList ActivityLog::accounts() const
{
    return open() ? distinct(m_connection, u"account"_s) : QStringList();
}

QStringList ActivityLog::operations() const
{
    return open() ? distinct(m_connection, u"operation"_s) : QStringList();
}

QString ActivityLog::toCsv(const QList<ActivityEntry>& entries)
{
    QString out = u"time,profile,account,region,operation,target,result,request_id\r\n"_s;
    for (const ActivityEntry& e : entries) {
        const QStringList fields{e.time.toUTC().toString(Qt::ISODateWithMs), e.profile, e.account,
            e.region, e.operation, e.target, e.result, e.requestId};
        QStringList quoted;
        for (const QString& f : fields)
            quoted.append(csvField(f));
        out += quoted.join(u',') + u"\r\n"_s;
    }
    return out;
}

} // namespace ecr
