#include "UpstreamUrl.h"

#include "Endpoint.h"

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

constexpr QLatin1StringView kAzureSuffix(".azurecr.io");

} // namespace

QString ecrRegistryHost(const QString& accountId, const QString& region)
{
    return accountId + u".dkr.ecr."_s + region + u'.' + partitionForRegion(region).dnsSuffix;
}

bool isEcrUpstreamRegion(const QString& region)
{
    return upstreamUrlMatches(UpstreamRegistry::Ecr, ecrRegistryHost(u"000000000000"_s, region));
}

QStringList ecrUpstreamRegions()
{
    QStringList regions;
    for (const Partition& partition : partitions()) {
        for (const QString& region : partition.regions) {
            if (isEcrUpstreamRegion(region))
                regions.append(region);
        }
    }
    regions.sort();
    regions.removeDuplicates();
    return regions;
}

QString composeUpstreamUrl(UpstreamRegistry registry, const UpstreamUrlParts& parts)
{
    switch (registry) {
    case UpstreamRegistry::AzureContainerRegistry:
        return parts.azureRegistryName.isEmpty() ? QString()
                                                 : parts.azureRegistryName + kAzureSuffix;
    case UpstreamRegistry::Ecr:
        return parts.ecrAccountId.isEmpty() || parts.ecrRegion.isEmpty()
            ? QString()
            : ecrRegistryHost(parts.ecrAccountId, parts.ecrRegion);
    default:
        return upstreamRegistryInfo(registry).defaultUrl;
    }
}

QString upstreamUrlForDisplay(UpstreamRegistry registry, const UpstreamUrlParts& parts)
{
    switch (registry) {
    case UpstreamRegistry::AzureContainerRegistry:
        return (parts.azureRegistryName.isEmpty() ? u"<registry-name>"_s : parts.azureRegistryName)
            + kAzureSuffix;
    case UpstreamRegistry::Ecr: {
        const QString account
            = parts.ecrAccountId.isEmpty() ? u"<account-id>"_s : parts.ecrAccountId;
        if (parts.ecrRegion.isEmpty())
            return account + u".dkr.ecr.<region>.amazonaws.com"_s;
        return ecrRegistryHost(account, parts.ecrRegion);
    }
    default:
        return upstreamRegistryInfo(registry).defaultUrl;
    }
}

} // namespace ecr
