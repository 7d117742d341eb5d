#pragma once

#include "UpstreamRegistry.h"

#include <QString>
#include <QStringList>

// Composing an upstream registry URL from the parts a user fills in: for most registries the URL
// is fixed; an Azure registry has its name, an upstream Amazon ECR registry its account and
// region. The rule form asks for the parts only and shows the result.
namespace ecr {

struct UpstreamUrlParts
{
    QString azureRegistryName; // "<name>" of <name>.azurecr.io
    QString ecrAccountId; // the upstream ECR registry's account
    QString ecrRegion; // and region
};

// The wire URL; empty while a needed part is missing.
QString composeUpstreamUrl(UpstreamRegistry registry, const UpstreamUrlParts& parts);
// The URL as the form shows it, with <placeholders> for missing parts.
QString upstreamUrlForDisplay(UpstreamRegistry registry, const UpstreamUrlParts& parts);
// <account>.dkr.ecr.<region>.<dnsSuffix of the region's partition>
QString ecrRegistryHost(const QString& accountId, const QString& region);
// Whether an upstream ECR registry can be in this region (the registry table's URL pattern).
bool isEcrUpstreamRegion(const QString& region);
// Every region of every partition that an upstream ECR registry can be in, sorted.
QStringList ecrUpstreamRegions();

} // namespace ecr
