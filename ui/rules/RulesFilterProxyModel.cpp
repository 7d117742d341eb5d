#include "RulesFilterProxyModel.h"

#include "RegistryIcons.h"
#include "RulesTableModel.h"

#include <algorithm>

namespace ecr {

RulesFilterProxyModel::RulesFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(RulesTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
}

RulesFilterProxyModel::~RulesFilterProxyModel() = default;

void RulesFilterProxyModel::setFilterText(const QString& text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    m_terms = text.split(u' ', Qt::SkipEmptyParts);
    invalidateFilter();
}

bool RulesFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_terms.isEmpty())
        return true;
    const auto* rules = qobject_cast<const RulesTableModel*>(sourceModel());
    if (!rules || sourceParent.isValid())
        return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);

    const PullThroughCacheRule& rule = rules->ruleAt(sourceRow);
    QStringList haystack{rule.ecrRepositoryPrefix, rule.upstreamRegistryUrl, rule.credentialArn,
        rule.upstreamRegistry};
    if (const auto registry = rule.registry())
        haystack << registryDisplayName(*registry) << upstreamRegistryInfo(*registry).wireName;
    return std::all_of(m_terms.cbegin(), m_terms.cend(), [&haystack](const QString& term) {
        return std::any_of(haystack.cbegin(), haystack.cend(),
            [&term](const QString& field) { return field.contains(term, Qt::CaseInsensitive); });
    });
}

} // namespace ecr
