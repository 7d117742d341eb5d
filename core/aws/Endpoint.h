#pragma once

#include "AwsError.h"

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QUrl>

// ECR endpoint resolution for every AWS partition, following the ECR endpoint rule set:
//   https://api.ecr.{region}.{dnsSuffix}              plain
//   https://api.ecr-fips.{region}.{dnsSuffix}         FIPS
//   https://ecr.{region}.{dualStackDnsSuffix}         dual-stack
//   https://ecr-fips.{region}.{dualStackDnsSuffix}    FIPS + dual-stack
// A custom endpoint URL wins, and cannot be combined with FIPS or dual-stack.
namespace ecr {

struct Partition
{
    QString id; // "aws", "aws-cn", …
    QString dnsSuffix;
    QString dualStackDnsSuffix;
    QRegularExpression regionRegex;
    QStringList regions; // explicit region names (without the "*-global" pseudo regions)
    QStringList regionDescriptions;
    bool supportsFips = true;
    bool supportsDualStack = true;
};

// The partitions from the bundled partitions.json, in file order.
const QList<Partition>& partitions();
// The partition of a region: explicit lists first, then each partition's region regex; "aws"
// when nothing matches (as the rule set does).
const Partition& partitionForRegion(const QString& region);
const Partition* partitionById(const QString& id);

struct EndpointConfig
{
    QString region;
    bool useFips = false;
    bool useDualStack = false;
    QUrl customEndpoint; // empty: resolve from the partition
};

struct ResolvedEndpoint
{
    QUrl url;
    QString signingRegion;
    QString partitionId;
};

Result<ResolvedEndpoint> resolveEcrEndpoint(const EndpointConfig& config);

} // namespace ecr
