#pragma once

#include "CachedRepositories.h"

#include <QAbstractTableModel>
#include <QHash>

// The repositories a rule cached, one row each: name, created, images, size, last pull, last
// push, encryption and tag mutability. The usage columns fill in as DescribeImages answers
// (setUsage, batched by the caller). Qt::UserRole gives each cell's raw value for sorting.
namespace ecr {

class CachedRepositoriesModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        CreatedColumn,
        ImagesColumn,
        SizeColumn,
        LastPullColumn,
        LastPushColumn,
        EncryptionColumn,
        MutabilityColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole;

    explicit CachedRepositoriesModel(QObject* parent = nullptr);

    void setRepositories(const QList<CachedRepository>& repositories);
    // Many at once: one dataChanged per call.
    void setUsage(const QHash<QString, RepositoryUsage>& usage);
    void setUsageError(const QString& name, const QString& error);
    void removeRepository(const QString& name);
    const QList<CachedRepositoryRow>& rows() const { return m_rows; }
    int rowOf(const QString& name) const { return m_index.value(name, -1); }
    int usageKnown() const { return m_usageKnown; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void reindex();

    QList<CachedRepositoryRow> m_rows;
    QHash<QString, int> m_index;
    int m_usageKnown = 0;
};

} // namespace ecr
