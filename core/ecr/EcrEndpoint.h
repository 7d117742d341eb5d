#pragma once

#include "AwsError.h"
#include "Endpoint.h"

#include <QString>
#include <QUrl>

// ECR endpoint resolution for every AWS partition, following the ECR endpoint rule set:
//   https://api.ecr.{region}.{dnsSuffix}              plain
//   https://api.ecr-fips.{region}.{dnsSuffix}         FIPS
//   https://ecr.{region}.{dualStackDnsSuffix}         dual-stack
//   https://ecr-fips.{region}.{dualStackDnsSuffix}    FIPS + dual-stack
// A custom endpoint URL wins, and cannot be combined with FIPS or dual-stack.
namespace ecr {

struct EndpointConfig
{
    QString region;
    bool useFips = false;
    bool useDualStack = false;
    QUrl customEndpoint; // empty: resolve from the partition
};

Result<ResolvedEndpoint> resolveEcrEndpoint(const EndpointConfig& config);

} // namespace ecr
