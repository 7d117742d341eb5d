#pragma once

#include "IndexedSortFilterProxy.h"

namespace ecr {

// Filters RulesTableModel rows case-insensitively on the prefix, the upstream name (and its wire
// name), the upstream URL and the credential ARN; every word of the filter text must match one of
// them. Sorts by RulesTableModel::SortRole. Fast at 100,000 rows (see IndexedSortFilterProxy).
class RulesFilterProxyModel final : public IndexedSortFilterProxy
{
    Q_OBJECT

public:
    explicit RulesFilterProxyModel(QObject* parent = nullptr);
    ~RulesFilterProxyModel() override;

protected:
    int rowId(int sourceRow, const QModelIndex& sourceParent) const override;
    int idCount() const override;
    int rowIdOf(const QModelIndex& sourceIndex) const override;
    void appendSearchText(int id, TextSink& sink) const override;
    QVariant sortValue(int id, int column) const override;
};

} // namespace ecr
