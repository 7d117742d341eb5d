#pragma once

// Made-up but realistic inputs for the benchmarks: a fleet of pull-through cache rules (the same
// prefixes in every registry, a few set up differently), and full answer pages as the service
// sends them. Example account ids and names only.
#include "EcrTypes.h"
#include "FleetFetch.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace ecr::bench {

// The 34 regions of the aws partition (the fleet benchmark's and the fleet view's).
QStringList awsRegions();

// `perRegistry` rules in each of profiles × regions registries (2 profiles × 34 regions ×
// 1,471 rules = 100,028 rows).
QList<FleetRegistry> fleet(int profiles, int regions, int perRegistry);

// The rules of one registry (`count` of them, prefixes "team-0000-docker-hub" …).
QList<PullThroughCacheRule> rules(int count, const QString& region, const QString& account);

// One DescribePullThroughCacheRules answer body with `count` rules and a nextToken.
QByteArray describeRulesPage(int count);
// One DescribeRepositories answer body with `count` repositories and a nextToken.
QByteArray describeRepositoriesPage(int count);

} // namespace ecr::bench
