#include "FleetProxyModel.h"

#include "FleetModel.h"

#include <algorithm>

namespace ecr {

FleetProxyModel::FleetProxyModel(QObject* parent)
    : IndexedSortFilterProxy(parent)
{
    setRecursiveFilteringEnabled(true);
}

void FleetProxyModel::setSourceModel(QAbstractItemModel* model)
{
    m_fleet = qobject_cast<const FleetModel*>(model);
    IndexedSortFilterProxy::setSourceModel(model);
}

const FleetModel* FleetProxyModel::fleet() const
{
    return m_fleet; // looked up once: every comparison of a sort asks
}

int FleetProxyModel::rowId(int sourceRow, const QModelIndex& sourceParent) const
{
    const FleetModel* model = fleet();
    return model ? model->rowId(sourceRow, sourceParent) : -1;
}

int FleetProxyModel::rowIdOf(const QModelIndex& sourceIndex) const
{
    const FleetModel* model = fleet();
    return model ? model->rowId(sourceIndex) : -1;
}

int FleetProxyModel::idCount() const
{
    const FleetModel* model = fleet();
    return model ? model->rowIdCount() : 0;
}

void FleetProxyModel::appendSearchText(int id, TextSink& sink) const
{
    const FleetModel* model = fleet();
    for (int column = 0; column < FleetModel::ColumnCount; ++column)
        sink.add(model->rowIdData(id, column, Qt::DisplayRole).toString());
}

QVariant FleetProxyModel::sortValue(int id, int column) const
{
    return fleet()->rowIdData(id, column, Qt::DisplayRole);
}

bool FleetProxyModel::acceptsOtherRow(
    int sourceRow, const QModelIndex& sourceParent, const QStringList& terms) const
{
    // A group row: on what it shows (its key, its row count); its rows are filtered on their own.
    const QAbstractItemModel* model = sourceModel();
    return std::all_of(terms.cbegin(), terms.cend(), [&](const QString& term) {
        for (int column = 0; column < FleetModel::ColumnCount; ++column) {
            const QString text
                = model->index(sourceRow, column, sourceParent).data(Qt::DisplayRole).toString();
            if (text.contains(term, Qt::CaseInsensitive))
                return true;
        }
        return false;
    });
}

} // namespace ecr
