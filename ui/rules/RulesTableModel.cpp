#include "RulesTableModel.h"

#include "FieldMessage.h"
#include "PullCommand.h"
#include "RegistryIcons.h"

#include <QIcon>
#include <QLocale>
#include <QTextDocument>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

bool prefixLess(const PullThroughCacheRule& a, const PullThroughCacheRule& b)
{
    return a.ecrRepositoryPrefix < b.ecrRepositoryPrefix;
}

// The part of an ARN after `marker`: the secret name ("ecr-pullthroughcache/docker-hub-AbCdEf")
// or the role name with its path.
QString shortArn(const QString& arn, QLatin1StringView marker)
{
    const qsizetype at = arn.indexOf(marker);
    return at < 0 ? arn : arn.mid(at + marker.size());
}

QString upstreamName(const PullThroughCacheRule& rule)
{
    if (const auto registry = rule.registry())
        return registryDisplayName(*registry);
    return rule.upstreamRegistry;
}

QVariant localTime(std::optional<EpochSeconds> seconds)
{
    if (!seconds)
        return QVariant();
    // Sortable and unambiguous in every locale; the tooltip has the UTC time.
    return RulesTableModel::formatTime(toDateTime(*seconds));
}

QVariant utcTime(std::optional<EpochSeconds> seconds)
{
    if (!seconds)
        return QVariant();
    return toDateTime(*seconds).toString(Qt::ISODate);
}

QVariant epochSeconds(std::optional<EpochSeconds> seconds)
{
    if (!seconds)
        return QVariant();
    return static_cast<qint64>(std::floor(*seconds));
}

} // namespace

QString RulesTableModel::formatTime(const QDateTime& time)
{
    // The user's locale decides the order and separators (4.3.26 05:06, 3/4/26 5:06 AM).
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

RulesTableModel::RulesTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

RulesTableModel::~RulesTableModel() = default;

int RulesTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rules.size());
}

int RulesTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RulesTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const PullThroughCacheRule& rule = m_rules.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(rule, index.column());
    case Qt::ToolTipRole: {
        // Rule fields come from the server: never let Qt take them for rich text.
        const QVariant tip = toolTipData(rule, index.column());
        const QString text = tip.toString();
        return Qt::mightBeRichText(text) ? QVariant(plainToolTip(text)) : tip;
    }
    case Qt::DecorationRole:
        if (index.column() == Upstream) {
            if (const auto registry = rule.registry())
                return registryIcon(*registry);
        }
        return QVariant();
    case RuleRole:
        return rule.ecrRepositoryPrefix;
    case SortRole:
        return sortData(rule, index.column());
    default:
        return QVariant();
    }
}

QVariant RulesTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return QVariant();
    switch (static_cast<Column>(section)) {
    case Prefix:
        return role == Qt::DisplayRole ? tr("Prefix") : tr("Cache repository prefix");
    case Upstream:
        return tr("Upstream");
    case UpstreamUrl:
        return tr("Upstream URL");
    case UpstreamPrefix:
        return role == Qt::DisplayRole ? tr("Upstream prefix") : tr("Upstream repository prefix");
    case CredentialArn:
        return role == Qt::DisplayRole ? tr("Credential") : tr("Secrets Manager secret");
    case CustomRoleArn:
        return role == Qt::DisplayRole ? tr("Custom role") : tr("IAM role for an ECR upstream");
    case RegistryId:
        return tr("Registry ID");
    case Created:
        return tr("Created");
    case Updated:
        return tr("Updated");
    case PullUrl:
        return role == Qt::DisplayRole ? tr("Pull URL") : tr("Where images are pulled from");
    case Template:
        return role == Qt::DisplayRole
            ? tr("Template")
            : tr("The repository creation template the cached repositories get");
    case ColumnCount:
        break;
    }
    return QVariant();
}

const PullThroughCacheRule& RulesTableModel::ruleAt(int row) const
{
    Q_ASSERT(row >= 0 && row < m_rules.size());
    return m_rules.at(row);
}

int RulesTableModel::rowOfPrefix(const QString& prefix) const
{
    const auto it = std::find_if(m_rules.cbegin(), m_rules.cend(),
        [&prefix](const PullThroughCacheRule& rule) { return rule.ecrRepositoryPrefix == prefix; });
    return it == m_rules.cend() ? -1 : static_cast<int>(it - m_rules.cbegin());
}

void RulesTableModel::setRules(QList<PullThroughCacheRule> rules)
{
    std::stable_sort(rules.begin(), rules.end(), prefixLess);
    beginResetModel();
    m_rules = std::move(rules);
    endResetModel();
}

void RulesTableModel::upsertRule(const PullThroughCacheRule& rule)
{
    if (const int row = rowOfPrefix(rule.ecrRepositoryPrefix); row >= 0) {
        m_rules[row] = rule;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const auto it = std::lower_bound(m_rules.cbegin(), m_rules.cend(), rule, prefixLess);
    const int row = static_cast<int>(it - m_rules.cbegin());
    beginInsertRows(QModelIndex(), row, row);
    m_rules.insert(row, rule);
    endInsertRows();
}

bool RulesTableModel::removeRule(const QString& prefix)
{
    const int row = rowOfPrefix(prefix);
    if (row < 0)
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_rules.removeAt(row);
    endRemoveRows();
    return true;
}

void RulesTableModel::setTemplates(std::optional<QList<RepositoryCreationTemplate>> templates)
{
    m_templates = std::move(templates);
    if (!m_rules.isEmpty())
        Q_EMIT dataChanged(index(0, Template), index(rowCount() - 1, Template));
}

QString RulesTableModel::templateText(const PullThroughCacheRule& rule) const
{
    if (!m_templates)
        return QString();
    const std::optional<RepositoryCreationTemplate> t
        = templateForRule(rule.ecrRepositoryPrefix, *m_templates);
    return t ? t->prefix : tr("None");
}

QString RulesTableModel::templateToolTip(const PullThroughCacheRule& rule) const
{
    if (!m_templates)
        return tr("Not checked: the templates could not be listed "
                  "(ecr:DescribeRepositoryCreationTemplates).");
    const std::optional<RepositoryCreationTemplate> t
        = templateForRule(rule.ecrRepositoryPrefix, *m_templates);
    if (!t)
        return tr("No template applies: cached repositories get ECR's defaults (AES-256, "
                  "mutable tags, no policies).");
    QStringList lines{tr("Template %1").arg(t->prefix),
        tr("Encryption: %1").arg(t->encryptionType.isEmpty() ? u"AES256"_s : t->encryptionType),
        tr("Tags: %1").arg(t->imageTagMutability.isEmpty() ? u"MUTABLE"_s : t->imageTagMutability)};
    if (!t->customRoleArn.isEmpty())
        lines.append(tr("Role: %1").arg(t->customRoleArn));
    lines.append(templateWarnings(*t));
    return lines.join(u'\n');
}

void RulesTableModel::setRegistryLocation(const RegistryLocation& location)
{
    m_location = location;
    if (!m_rules.isEmpty())
        Q_EMIT dataChanged(index(0, PullUrl), index(rowCount() - 1, PullUrl));
}

QVariant RulesTableModel::displayData(const PullThroughCacheRule& rule, int column) const
{
    switch (static_cast<Column>(column)) {
    case Prefix:
        return rule.ecrRepositoryPrefix;
    case Upstream:
        return upstreamName(rule);
    case UpstreamUrl:
        return rule.upstreamRegistryUrl;
    case UpstreamPrefix:
        return rule.upstreamRepositoryPrefix;
    case CredentialArn:
        return shortArn(rule.credentialArn, ":secret:"_L1);
    case CustomRoleArn:
        return shortArn(rule.customRoleArn, ":role/"_L1);
    case RegistryId:
        return rule.registryId;
    case Created:
        return localTime(rule.createdAt);
    case Updated:
        return localTime(rule.updatedAt);
    case PullUrl:
        return m_location.pullReference(rule);
    case Template:
        return templateText(rule);
    case ColumnCount:
        break;
    }
    return QVariant();
}

QVariant RulesTableModel::toolTipData(const PullThroughCacheRule& rule, int column) const
{
    switch (static_cast<Column>(column)) {
    case Upstream:
        return rule.registry() ? upstreamRegistryInfo(*rule.registry()).wireName
                               : rule.upstreamRegistry;
    case CredentialArn:
        return rule.credentialArn;
    case CustomRoleArn:
        return rule.customRoleArn;
    case Created:
        return utcTime(rule.createdAt);
    case Updated:
        return utcTime(rule.updatedAt);
    case PullUrl:
        return QString(u"docker pull "_s + m_location.pullReference(rule));
    case Template:
        return templateToolTip(rule);
    default:
        return QVariant();
    }
}

QVariant RulesTableModel::sortData(const PullThroughCacheRule& rule, int column) const
{
    switch (static_cast<Column>(column)) {
    case Upstream:
        return upstreamName(rule);
    case CredentialArn:
        return rule.credentialArn;
    case CustomRoleArn:
        return rule.customRoleArn;
    case Created:
        return epochSeconds(rule.createdAt);
    case Updated:
        return epochSeconds(rule.updatedAt);
    default:
        return displayData(rule, column);
    }
}

} // namespace ecr
