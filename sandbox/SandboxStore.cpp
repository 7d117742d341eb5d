#include "SandboxStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace ecr::sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr auto kFormat = "ecr-sandbox-state"_L1;
constexpr int kVersion = 1;

} // namespace

SandboxStore::SandboxStore(QString statePath)
    : m_statePath(std::move(statePath))
{ }

QString SandboxStore::ruleKey(const QString& ecrRepositoryPrefix)
{
    QString key = ecrRepositoryPrefix;
    if (key.endsWith(u'/'))
        key.chop(1);
    return key;
}

SandboxStore::RuleMap& SandboxStore::registry(const QString& account, const QString& region)
{
    return m_registries[{account, region}];
}

SandboxStore::RuleMap SandboxStore::registry(const QString& account, const QString& region) const
{
    return m_registries.value({account, region});
}

void SandboxStore::clear()
{
    m_registries.clear();
}

bool SandboxStore::load(QString* error)
{
    m_registries.clear();
    if (m_statePath.isEmpty() || !QFile::exists(m_statePath))
        return true;
    QFile file(m_statePath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(m_statePath, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject root = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || root.value("format"_L1).toString() != kFormat
        || root.value("version"_L1).toInt() != kVersion) {
        *error
            = u"%1 is not an ecr-sandbox state file (version %2)"_s.arg(m_statePath).arg(kVersion);
        return false;
    }
    for (const QJsonValue& entry : root.value("registries"_L1).toArray()) {
        const QJsonObject registryJson = entry.toObject();
        RuleMap& rules = registry(registryJson.value("account"_L1).toString(),
            registryJson.value("region"_L1).toString());
        for (const QJsonValue& ruleJson :
            registryJson.value("pullThroughCacheRules"_L1).toArray()) {
            const PullThroughCacheRule rule = PullThroughCacheRule::fromJson(ruleJson.toObject());
            rules.insert(ruleKey(rule.ecrRepositoryPrefix), rule);
        }
    }
    return true;
}

bool SandboxStore::save(QString* error) const
{
    if (m_statePath.isEmpty())
        return true;
    QJsonArray registries;
    for (auto it = m_registries.cbegin(); it != m_registries.cend(); ++it) {
        if (it.value().isEmpty())
            continue;
        QJsonArray rules;
        for (const PullThroughCacheRule& rule : it.value())
            rules.append(rule.toJson());
        registries.append(QJsonObject{{"account"_L1, it.key().first},
            {"region"_L1, it.key().second}, {"pullThroughCacheRules"_L1, rules}});
    }
    const QJsonObject root{
        {"format"_L1, kFormat}, {"version"_L1, kVersion}, {"registries"_L1, registries}};

    QSaveFile file(m_statePath);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = u"cannot write %1: %2"_s.arg(m_statePath, file.errorString());
        return false;
    }
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(m_statePath, file.errorString());
        return false;
    }
    return true;
}

} // namespace ecr::sandbox
