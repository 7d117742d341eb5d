#include "RulesFilterProxyModel.h"

#include "RegistryIcons.h"
#include "RulesTableModel.h"

namespace ecr {

RulesFilterProxyModel::RulesFilterProxyModel(QObject* parent)
    : IndexedSortFilterProxy(parent)
{
    setSortRole(RulesTableModel::SortRole);
}

RulesFilterProxyModel::~RulesFilterProxyModel() = default;

int RulesFilterProxyModel::rowId(int sourceRow, const QModelIndex& sourceParent) const
{
    return sourceParent.isValid() ? -1 : sourceRow;
}

int RulesFilterProxyModel::rowIdOf(const QModelIndex& sourceIndex) const
{
    return sourceIndex.row(); // a flat table
}

int RulesFilterProxyModel::idCount() const
{
    return sourceModel() ? sourceModel()->rowCount() : 0;
}

void RulesFilterProxyModel::appendSearchText(int id, TextSink& sink) const
{
    const auto* rules = qobject_cast<const RulesTableModel*>(sourceModel());
    if (!rules)
        return;
    const PullThroughCacheRule& rule = rules->ruleAt(id);
    sink.add(rule.ecrRepositoryPrefix);
    sink.add(rule.upstreamRegistryUrl);
    sink.add(rule.credentialArn);
    sink.add(rule.upstreamRegistry);
    if (const auto registry = rule.registry()) {
        sink.add(registryDisplayName(*registry));
        sink.add(upstreamRegistryInfo(*registry).wireName);
    }
}

QVariant RulesFilterProxyModel::sortValue(int id, int column) const
{
    return sourceModel()->index(id, column).data(RulesTableModel::SortRole);
}

} // namespace ecr
