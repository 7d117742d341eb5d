#include "FleetModel.h"

#include "Appearance.h"

#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QSet>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

constexpr quintptr kTopLevel = 0;

QString withoutSlash(QString prefix)
{
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    return prefix;
}

// arn:aws:secretsmanager:<region>:<account>:secret:ecr-pullthroughcache/name-AbCdEf → the name
// without Secrets Manager's six-character suffix: the same secret in every registry.
QString secretName(const QString& arn)
{
    QString name = arn.section(u':', 6);
    if (name.size() > 7 && name.at(name.size() - 7) == u'-')
        name.chop(7);
    return name;
}

QString roleName(const QString& arn)
{
    return arn.section(u'/', -1);
}

QString upstreamPrefixOf(const PullThroughCacheRule& rule)
{
    const QString p = withoutSlash(rule.upstreamRepositoryPrefix);
    return p.isEmpty() || p == u"ROOT" ? QString() : p;
}

} // namespace

FleetModel::FleetModel(QObject* parent)
    : QAbstractItemModel(parent)
{ }

void FleetModel::setRegistries(const QList<FleetRegistry>& registries)
{
    beginResetModel();
    m_registries = registries;
    rebuild();
    endResetModel();
}

void FleetModel::setGrouping(Grouping grouping)
{
    if (grouping == m_grouping)
        return;
    beginResetModel();
    m_grouping = grouping;
    rebuild();
    endResetModel();
}

void FleetModel::rebuild()
{
    m_rows.clear();
    m_groups.clear();
    m_summaries.clear();
    m_summaryOfPrefix.clear();
    m_readable = 0;
    m_ruleCount = 0;
    m_failedCount = 0;
    m_differing = 0;
    // Per prefix: the distinct settings, and which part differs.
    struct Variant
    {
        QString upstream, upstreamPrefix, secret, role;
    };
    QList<QList<Variant>> variants; // per summary
    for (int r = 0; r < m_registries.size(); ++r) {
        const FleetRegistry& registry = m_registries.at(r);
        if (!registry.finished)
            continue;
        if (registry.error) {
            ++m_failedCount;
            m_rows.append({r, -1});
            continue;
        }
        ++m_readable;
        if (registry.rules.isEmpty())
            m_rows.append({r, -1});
        for (int i = 0; i < registry.rules.size(); ++i) {
            const PullThroughCacheRule& rule = registry.rules.at(i);
            const QString prefix = withoutSlash(rule.ecrRepositoryPrefix);
            auto found = m_summaryOfPrefix.constFind(prefix);
            if (found == m_summaryOfPrefix.cend()) {
                found = m_summaryOfPrefix.insert(prefix, int(m_summaries.size()));
                m_summaries.append(PrefixSummary{});
                variants.append(QList<Variant>{});
            }
            const int summary = found.value();
            m_rows.append({r, i, summary});
            ++m_ruleCount;
            ++m_summaries[summary].present;
            variants[summary].append({rule.upstreamRegistryUrl, upstreamPrefixOf(rule),
                secretName(rule.credentialArn), roleName(rule.customRoleArn)});
        }
    }
    for (qsizetype s = 0; s < variants.size(); ++s) {
        PrefixSummary& summary = m_summaries[s];
        QSet<QString> upstreams, prefixes, secrets, roles, all;
        for (const Variant& v : std::as_const(variants[s])) {
            upstreams.insert(v.upstream);
            prefixes.insert(v.upstreamPrefix);
            secrets.insert(v.secret);
            roles.insert(v.role);
            all.insert(v.upstream + u'\n' + v.upstreamPrefix + u'\n' + v.secret + u'\n' + v.role);
        }
        summary.variants = int(all.size());
        if (upstreams.size() > 1)
            summary.differs.append(tr("upstream"));
        if (prefixes.size() > 1)
            summary.differs.append(tr("upstream prefix"));
        if (secrets.size() > 1)
            summary.differs.append(tr("credential"));
        if (roles.size() > 1)
            summary.differs.append(tr("role"));
        if (summary.variants > 1)
            ++m_differing;
    }
    if (m_grouping == Grouping::None)
        return;
    QHash<QString, int> groupOf;
    for (int i = 0; i < m_rows.size(); ++i) {
        const QString key = groupKey(m_rows.at(i));
        auto found = groupOf.constFind(key);
        if (found == groupOf.cend()) {
            found = groupOf.insert(key, int(m_groups.size()));
            m_groups.append({key, {}, false, 0});
        }
        Group& group = m_groups[found.value()];
        group.rows.append(i);
        const Row& row = m_rows.at(i);
        if (m_registries.at(row.registry).error)
            ++group.failed;
        if (row.summary >= 0 && m_summaries.at(row.summary).variants > 1)
            group.differs = true;
    }
}

QString FleetModel::groupKey(const Row& row) const
{
    const FleetRegistry& registry = m_registries.at(row.registry);
    switch (m_grouping) {
    case Grouping::Prefix:
        return row.rule >= 0 ? withoutSlash(registry.rules.at(row.rule).ecrRepositoryPrefix)
                             : QString();
    case Grouping::Account:
        return registry.accountId;
    case Grouping::Region:
        return registry.target.region;
    case Grouping::None:
        break;
    }
    return {};
}

const PullThroughCacheRule* FleetModel::ruleAt(const QModelIndex& index) const
{
    const int registry = index.data(RegistryIndexRole).toInt();
    const int rule = index.data(RuleIndexRole).toInt();
    if (registry < 0 || rule < 0)
        return nullptr;
    return &m_registries.at(registry).rules.at(rule);
}

const FleetRegistry* FleetModel::registryAt(const QModelIndex& index) const
{
    const int registry = index.data(RegistryIndexRole).toInt();
    return registry < 0 ? nullptr : &m_registries.at(registry);
}

QModelIndex FleetModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid()) {
        // Not through the virtual rowCount(): a proxy's sort asks for two indexes per comparison.
        return row < topLevelRowCount() ? createIndex(row, column, kTopLevel) : QModelIndex();
    }
    if (m_grouping == Grouping::None || parent.internalId() != kTopLevel
        || parent.row() >= m_groups.size() || row >= m_groups.at(parent.row()).rows.size())
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex FleetModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kTopLevel)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kTopLevel);
}

int FleetModel::rowId(int row, const QModelIndex& parent) const
{
    if (!parent.isValid())
        return m_grouping == Grouping::None && row >= 0 && row < m_rows.size() ? row : -1;
    if (m_grouping == Grouping::None || parent.internalId() != kTopLevel
        || parent.row() >= m_groups.size())
        return -1;
    const QList<int>& rows = m_groups.at(parent.row()).rows;
    return row >= 0 && row < rows.size() ? rows.at(row) : -1;
}

int FleetModel::rowId(const QModelIndex& index) const
{
    if (!index.isValid())
        return -1;
    if (index.internalId() == kTopLevel)
        return m_grouping == Grouping::None ? index.row() : -1;
    const QList<int>& rows = m_groups.at(int(index.internalId() - 1)).rows;
    return rows.at(index.row());
}

int FleetModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return topLevelRowCount();
    if (m_grouping == Grouping::None || parent.internalId() != kTopLevel || parent.column() != 0)
        return 0;
    return int(m_groups.at(parent.row()).rows.size());
}

int FleetModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant FleetModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    if (m_grouping == Grouping::None)
        return rowData(m_rows.at(index.row()), index.column(), role);
    if (index.internalId() == kTopLevel)
        return groupData(m_groups.at(index.row()), index.column(), role);
    const Group& group = m_groups.at(int(index.internalId() - 1));
    return rowData(m_rows.at(group.rows.at(index.row())), index.column(), role);
}

QVariant FleetModel::groupData(const Group& group, int column, int role) const
{
    if (role == RegistryIndexRole || role == RuleIndexRole)
        return -1;
    if (role == DiffersRole)
        return group.differs;
    if (role == FailedRole)
        return group.failed > 0;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const int keyColumn = m_grouping == Grouping::Prefix ? int(PrefixColumn)
        : m_grouping == Grouping::Account                ? int(AccountColumn)
                                                         : int(RegionColumn);
    if (column == keyColumn)
        return group.key.isEmpty() ? tr("(none)") : group.key;
    if (column == ProfileColumn)
        return tr("%n row(s)", nullptr, int(group.rows.size()));
    if (column == ConsistencyColumn) {
        if (group.failed > 0)
            return tr("%n registry(s) failed", nullptr, group.failed);
        return group.differs ? tr("Not the same everywhere") : QString();
    }
    return {};
}

QVariant FleetModel::rowData(const Row& row, int column, int role) const
{
    const FleetRegistry& registry = m_registries.at(row.registry);
    if (role == RegistryIndexRole)
        return row.registry;
    if (role == RuleIndexRole)
        return row.rule;
    const PullThroughCacheRule* rule = row.rule >= 0 ? &registry.rules.at(row.rule) : nullptr;
    static const PrefixSummary kNoSummary;
    const PrefixSummary& summary = row.summary >= 0 ? m_summaries.at(row.summary) : kNoSummary;
    const bool differs = rule && summary.variants > 1;
    if (role == DiffersRole)
        return differs;
    if (role == FailedRole)
        return registry.error.has_value();
    if (role == Qt::ForegroundRole) {
        if (registry.error)
            return QBrush(errorTextColor(QGuiApplication::palette()));
        if (!rule)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    }
    if (role == Qt::BackgroundRole && differs)
        return QBrush(attentionBackground(QGuiApplication::palette()));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case ProfileColumn:
        if (registry.target.role)
            return tr("%1 · %2").arg(registry.target.profileName, registry.target.role->roleName);
        return registry.target.profileName;
    case AccountColumn:
        if (registry.target.role && !registry.target.role->accountName.isEmpty()
            && role == Qt::ToolTipRole)
            return tr("%1 (%2)").arg(registry.accountId, registry.target.role->accountName);
        return registry.accountId;
    case RegionColumn:
        return registry.target.region;
    case PrefixColumn:
        return rule ? withoutSlash(rule->ecrRepositoryPrefix) : QString();
    case UpstreamColumn:
        if (registry.error) {
            QString text = tr("Could not be read: %1").arg(registry.error->message);
            // What AWS answers in an opt-in region the account has not enabled.
            if (registry.error->code == u"UnrecognizedClientException"
                || registry.error->code == u"InvalidClientTokenId")
                text += u' '
                    + tr("(An opt-in region that is not enabled for this account answers this "
                         "way.)");
            return text;
        }
        if (!rule)
            return tr("No rules");
        return rule->upstreamRegistryUrl;
    case CredentialColumn:
        return rule ? rule->credentialArn : QString();
    case RoleColumn:
        return rule ? rule->customRoleArn : QString();
    case ConsistencyColumn:
        if (registry.error)
            return registry.error->code.isEmpty() ? tr("Failed") : registry.error->code;
        if (!rule)
            return {};
        if (differs)
            return tr("Differs: %1 (%n variant(s))", nullptr, summary.variants)
                .arg(summary.differs.join(u", "_s));
        if (summary.present < m_readable)
            return tr("Missing in %1 of %2 registries")
                .arg(QLocale().toString(m_readable - summary.present),
                    QLocale().toString(m_readable));
        return tr("Same in all %1").arg(QLocale().toString(summary.present));
    default:
        break;
    }
    return {};
}

QVariant FleetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ProfileColumn:
        return tr("Profile");
    case AccountColumn:
        return tr("Account");
    case RegionColumn:
        return tr("Region");
    case PrefixColumn:
        return tr("Prefix");
    case UpstreamColumn:
        return tr("Upstream");
    case CredentialColumn:
        return tr("Credential");
    case RoleColumn:
        return tr("Custom role");
    case ConsistencyColumn:
        return tr("Across the fleet");
    default:
        return {};
    }
}

} // namespace ecr
