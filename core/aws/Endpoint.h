#pragma once

#include "AwsError.h"

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QUrl>

// The AWS partitions (aws, aws-cn, aws-us-gov, …) from the bundled partitions.json, and the
// endpoint a call is sent to. Each service resolves its own endpoint (EcrEndpoint, StsClient).
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

// Where one service's calls go: the URL, the region SigV4 signs for, and the partition.
struct ResolvedEndpoint
{
    QUrl url;
    QString signingRegion;
    QString partitionId;
};

// A region name as a host label: lower-case letters, digits and '-', at most 63 characters.
bool isValidRegionLabel(const QString& label);

} // namespace ecr
