#pragma once

#include "FleetFetch.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>

namespace ecr {

// The fleet view's rows: every rule of every registry read (profile, account, region, the
// rule), one row for a registry that failed (its error inline) or has no rules, and whether a
// prefix is the same everywhere: same upstream, upstream prefix, secret name and role name in
// every registry that has it, and present in all of them. Flat, or grouped under a prefix,
// account or region (a tree with the groups on top).
class FleetModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        ProfileColumn,
        AccountColumn,
        RegionColumn,
        PrefixColumn,
        UpstreamColumn,
        CredentialColumn,
        RoleColumn,
        ConsistencyColumn,
        ColumnCount
    };
    enum class Grouping
    {
        None,
        Prefix,
        Account,
        Region,
    };
    enum Role
    {
        RegistryIndexRole = Qt::UserRole, // int; -1 on a group row
        RuleIndexRole, // int; -1 on a registry's own row (failed or empty)
        DiffersRole, // bool: the prefix is not the same everywhere
        FailedRole, // bool: the registry's row with its error
    };

    explicit FleetModel(QObject* parent = nullptr);

    void setRegistries(const QList<FleetRegistry>& registries);
    const QList<FleetRegistry>& registries() const { return m_registries; }
    void setGrouping(Grouping grouping);
    Grouping grouping() const { return m_grouping; }

    // Counts for the status line.
    int ruleCount() const { return m_ruleCount; }
    int failedCount() const { return m_failedCount; }
    int differingPrefixCount() const { return m_differing; }

    // The rule a row shows; nullptr for group, failed and empty rows.
    const PullThroughCacheRule* ruleAt(const QModelIndex& index) const;
    const FleetRegistry* registryAt(const QModelIndex& index) const;

    // Rows by a number that does not change with the grouping (for FleetProxyModel's indexes):
    // -1 for a group row.
    int rowId(int row, const QModelIndex& parent) const;
    int rowId(const QModelIndex& index) const;
    int rowIdCount() const { return int(m_rows.size()); }
    QVariant rowIdData(int id, int column, int role) const
    {
        return rowData(m_rows.at(id), column, role);
    }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // Rows or groups at the top: rowCount() of the root, without the virtual call.
    int topLevelRowCount() const
    {
        return int(m_grouping == Grouping::None ? m_rows.size() : m_groups.size());
    }

    struct Row
    {
        int registry = -1;
        int rule = -1; // -1: the registry's own row
        int summary = -1; // into m_summaries; -1 without a rule
    };
    struct Group
    {
        QString key;
        QList<int> rows;
        bool differs = false;
        int failed = 0;
    };
    struct PrefixSummary
    {
        int present = 0; // registries that have the prefix
        int variants = 0; // distinct settings among them
        QStringList differs; // what differs: "upstream", "credential", …
    };
    void rebuild();
    QVariant rowData(const Row& row, int column, int role) const;
    QVariant groupData(const Group& group, int column, int role) const;
    QString groupKey(const Row& row) const;

    QList<FleetRegistry> m_registries;
    Grouping m_grouping = Grouping::None;
    QList<Row> m_rows;
    QList<Group> m_groups;
    QList<PrefixSummary> m_summaries; // one per prefix
    QHash<QString, int> m_summaryOfPrefix;
    int m_readable = 0; // registries read without an error
    int m_ruleCount = 0;
    int m_failedCount = 0;
    int m_differing = 0;
};

} // namespace ecr
