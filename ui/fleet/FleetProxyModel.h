#pragma once

#include "IndexedSortFilterProxy.h"

namespace ecr {

class FleetModel;

// The fleet view's sorting and filtering over a FleetModel, fast at 100,000 rows (see
// IndexedSortFilterProxy). The filter text matches what any column shows, case-insensitively,
// every word somewhere in the row; a group row stays when its key matches or one of its rows
// does.
class FleetProxyModel final : public IndexedSortFilterProxy
{
    Q_OBJECT

public:
    explicit FleetProxyModel(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* model) override;

protected:
    int rowId(int sourceRow, const QModelIndex& sourceParent) const override;
    int idCount() const override;
    int rowIdOf(const QModelIndex& sourceIndex) const override;
    void appendSearchText(int id, TextSink& sink) const override;
    QVariant sortValue(int id, int column) const override;
    bool acceptsOtherRow(
        int sourceRow, const QModelIndex& sourceParent, const QStringList& terms) const override;

private:
    const FleetModel* fleet() const;

    const FleetModel* m_fleet = nullptr;
};

} // namespace ecr
