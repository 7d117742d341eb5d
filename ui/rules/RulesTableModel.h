#pragma once

#include "EcrTypes.h"
#include "PullCommand.h"
#include "RepositoryTemplate.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

#include <optional>

namespace ecr {

// The pull-through cache rules of one registry, sorted by prefix. Views read rules through
// ruleAt() and RuleRole, never by parsing display text.
class RulesTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    // A rule's time as the table shows it: local time, in the locale's short format.
    static QString formatTime(const QDateTime& time);

    enum Column
    {
        Prefix,
        Upstream,
        UpstreamUrl,
        UpstreamPrefix,
        CredentialArn,
        CustomRoleArn,
        RegistryId,
        Created,
        Updated,
        PullUrl,
        Template, // the repository creation template the rule's repositories get
        ColumnCount,
    };
    Q_ENUM(Column)

    enum Role
    {
        RuleRole = Qt::UserRole, // the rule's prefix (QString), in every column
        SortRole, // a raw, sortable value: text, or epoch seconds (qint64) for the dates
    };
    Q_ENUM(Role)

    explicit RulesTableModel(QObject* parent = nullptr);
    ~RulesTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const PullThroughCacheRule& ruleAt(int row) const;
    const QList<PullThroughCacheRule>& rules() const { return m_rules; }
    // -1 when there is no rule with this prefix.
    int rowOfPrefix(const QString& prefix) const;

    void setRules(QList<PullThroughCacheRule> rules);
    // Inserts the rule at its sorted place, or replaces the rule with the same prefix.
    void upsertRule(const PullThroughCacheRule& rule);
    // False when there was no such rule.
    bool removeRule(const QString& prefix);

    // The registry the rules live in, for the pull URL column; a rule's own registryId wins.
    void setRegistryLocation(const RegistryLocation& location);
    // The registry's templates; nullopt: not known (not loaded, or not allowed to list them).
    void setTemplates(std::optional<QList<RepositoryCreationTemplate>> templates);
    const RegistryLocation& registryLocation() const { return m_location; }

private:
    QVariant displayData(const PullThroughCacheRule& rule, int column) const;
    QVariant toolTipData(const PullThroughCacheRule& rule, int column) const;
    QVariant sortData(const PullThroughCacheRule& rule, int column) const;

    QList<PullThroughCacheRule> m_rules;
    QString templateText(const PullThroughCacheRule& rule) const;
    QString templateToolTip(const PullThroughCacheRule& rule) const;
    RegistryLocation m_location;
    std::optional<QList<RepositoryCreationTemplate>> m_templates;
};

} // namespace ecr
