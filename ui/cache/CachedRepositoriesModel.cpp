#include "CachedRepositoriesModel.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

QString shortDate(const QDateTime& time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                          : QString();
}

} // namespace

CachedRepositoriesModel::CachedRepositoriesModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void CachedRepositoriesModel::setRepositories(const QList<CachedRepository>& repositories)
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(repositories.size());
    for (const CachedRepository& r : repositories)
        m_rows.append({r, std::nullopt, {}});
    m_usageKnown = 0;
    reindex();
    endResetModel();
}

void CachedRepositoriesModel::reindex()
{
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows.at(i).repository.name, i);
}

void CachedRepositoriesModel::setUsage(const QHash<QString, RepositoryUsage>& usage)
{
    int first = int(m_rows.size());
    int last = -1;
    for (auto it = usage.cbegin(); it != usage.cend(); ++it) {
        const int row = rowOf(it.key());
        if (row < 0)
            continue;
        if (!m_rows[row].usage)
            ++m_usageKnown;
        m_rows[row].usage = it.value();
        m_rows[row].usageError.clear();
        first = std::min(first, row);
        last = std::max(last, row);
    }
    if (last >= first)
        Q_EMIT dataChanged(index(first, ImagesColumn), index(last, LastPushColumn));
}

void CachedRepositoriesModel::setUsageError(const QString& name, const QString& error)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    m_rows[row].usageError = error;
    Q_EMIT dataChanged(index(row, ImagesColumn), index(row, LastPushColumn));
}

void CachedRepositoriesModel::removeRepository(const QString& name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    if (m_rows.at(row).usage)
        --m_usageKnown;
    m_rows.removeAt(row);
    reindex();
    endRemoveRows();
}

int CachedRepositoriesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CachedRepositoriesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CachedRepositoriesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const CachedRepositoryRow& row = m_rows.at(index.row());
    const CachedRepository& r = row.repository;
    const std::optional<RepositoryUsage>& u = row.usage;
    const int column = index.column();
    if (role == Qt::ToolTipRole && !row.usageError.isEmpty() && column >= ImagesColumn
        && column <= LastPushColumn)
        return row.usageError;
    if (role == Qt::TextAlignmentRole && (column == ImagesColumn || column == SizeColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortRole) {
        switch (column) {
        case NameColumn:
            return r.name;
        case CreatedColumn:
            return r.createdAt;
        case ImagesColumn:
            return u ? u->imageCount : -1;
        case SizeColumn:
            return u ? u->totalBytes : qint64(-1);
        case LastPullColumn:
            return u && u->lastPull ? *u->lastPull : QDateTime();
        case LastPushColumn:
            return u && u->lastPush ? *u->lastPush : QDateTime();
        case EncryptionColumn:
            return r.encryptionType;
        case MutabilityColumn:
            return r.imageTagMutability;
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    const QString pending = row.usageError.isEmpty() ? tr("…") : tr("not read");
    switch (column) {
    case NameColumn:
        return r.name;
    case CreatedColumn:
        return shortDate(r.createdAt);
    case ImagesColumn:
        return u ? QLocale().toString(u->imageCount) : pending;
    case SizeColumn:
        return u ? QLocale().formattedDataSize(u->totalBytes, 2, QLocale::DataSizeSIFormat)
                 : pending;
    case LastPullColumn:
        return u ? (u->lastPull ? shortDate(*u->lastPull) : tr("never")) : pending;
    case LastPushColumn:
        return u ? (u->lastPush ? shortDate(*u->lastPush) : tr("never")) : pending;
    case EncryptionColumn:
        return r.kmsKey.isEmpty() ? r.encryptionType
                                  : r.encryptionType + u' ' + r.kmsKey.section(u'/', -1);
    case MutabilityColumn:
        return r.imageTagMutability;
    }
    return {};
}

QVariant CachedRepositoriesModel::headerData(
    int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Repository");
    case CreatedColumn:
        return tr("Created");
    case ImagesColumn:
        return tr("Images");
    case SizeColumn:
        return tr("Size");
    case LastPullColumn:
        return tr("Last pull");
    case LastPushColumn:
        return tr("Last push");
    case EncryptionColumn:
        return tr("Encryption");
    case MutabilityColumn:
        return tr("Tag mutability");
    }
    return {};
}

} // namespace ecr
