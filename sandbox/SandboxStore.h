#pragma once

#include "EcrTypes.h"

#include <QMap>
#include <QString>

#include <utility>

// The sandbox's rules, one registry per (account, region), optionally kept in a JSON state file.
// The file holds rules only: never access keys or secrets.
namespace ecr::sandbox {

class SandboxStore final
{
public:
    // Keyed by ruleKey(prefix), so the map's order is the order Describe returns.
    using RuleMap = QMap<QString, PullThroughCacheRule>;

    explicit SandboxStore(QString statePath); // empty: in memory only

    // "ecr-public" and "ecr-public/" name the same rule (the service assumes a trailing '/').
    static QString ruleKey(const QString& ecrRepositoryPrefix);

    RuleMap& registry(const QString& account, const QString& region);
    RuleMap registry(const QString& account, const QString& region) const;
    void clear();

    // A missing file is an empty state; an unreadable or malformed one is an error.
    bool load(QString* error);
    // Writes every registry atomically (QSaveFile); a no-op without a state path.
    bool save(QString* error) const;

private:
    using RegistryKey = std::pair<QString, QString>; // account, region
    QString m_statePath;
    QMap<RegistryKey, RuleMap> m_registries;
};

} // namespace ecr::sandbox
