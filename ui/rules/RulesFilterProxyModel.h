#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace ecr {

// Filters RulesTableModel rows case-insensitively on the prefix, the upstream name (and its wire
// name), the upstream URL and the credential ARN; every word of the filter text must match one of
// them. Sorts by RulesTableModel::SortRole.
class RulesFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit RulesFilterProxyModel(QObject* parent = nullptr);
    ~RulesFilterProxyModel() override;

    void setFilterText(const QString& text);
    QString filterText() const { return m_filterText; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_filterText;
    QStringList m_terms;
};

} // namespace ecr
