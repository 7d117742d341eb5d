#include "EcrEndpoint.h"

#include <QCoreApplication>

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::Endpoint)
};

} // namespace

Result<ResolvedEndpoint> resolveEcrEndpoint(const EndpointConfig& config)
{
    auto configError = [](const QString& message) {
        return makeError(
            ErrorKind::Configuration, QStringLiteral("InvalidConfiguration"), message, 0);
    };
    if (config.region.isEmpty())
        return configError(Tr::tr("No region is set. Choose a region for this profile."));

    if (!config.customEndpoint.isEmpty()) {
        if (config.useFips)
            return configError(Tr::tr("Invalid configuration: FIPS and a custom endpoint are not "
                                      "supported together."));
        if (config.useDualStack)
            return configError(Tr::tr("Invalid configuration: dual-stack and a custom endpoint are "
                                      "not supported together."));
        const QUrl& url = config.customEndpoint;
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != u"https" && url.scheme() != u"http"))
            return configError(Tr::tr("The endpoint URL '%1' is not a valid http(s) URL.")
                                   .arg(url.toDisplayString()));
        return ResolvedEndpoint{url, config.region, partitionForRegion(config.region).id};
    }

    if (!isValidRegionLabel(config.region))
        return configError(
            Tr::tr("Invalid configuration: '%1' is not a valid region name.").arg(config.region));

    const Partition& partition = partitionForRegion(config.region);
    if (config.useFips && !partition.supportsFips)
        return configError(
            Tr::tr("FIPS is enabled but partition %1 does not support it.").arg(partition.id));
    if (config.useDualStack && !partition.supportsDualStack)
        return configError(Tr::tr("Dual-stack is enabled but partition %1 does not support it.")
                               .arg(partition.id));

    QString host;
    if (config.useDualStack) {
        host = (config.useFips ? QStringLiteral("ecr-fips.") : QStringLiteral("ecr."))
            + config.region + u'.' + partition.dualStackDnsSuffix;
    } else {
        host = (config.useFips ? QStringLiteral("api.ecr-fips.") : QStringLiteral("api.ecr."))
            + config.region + u'.' + partition.dnsSuffix;
    }
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(host);
    url.setPath(QStringLiteral("/"));
    return ResolvedEndpoint{url, config.region, partition.id};
}

} // namespace ecr
