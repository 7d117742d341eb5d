#include "SsoClientConfig.h"

#include "Endpoint.h"

namespace ecr {

SsoPipeline ssoPipeline(QNetworkAccessManager& network, const Clock& clock,
    const SsoClientConfig& config, ServiceInfo service, const Result<QUrl>& url)
{
    if (!url)
        return {nullptr, url.error()};
    ServiceClientConfig pipeline;
    pipeline.service = std::move(service);
    pipeline.endpoint = {url.value(), config.region, partitionForRegion(config.region).id};
    pipeline.endpointOrigin = config.customEndpointOrigin;
    pipeline.caBundlePath = config.caBundlePath;
    pipeline.attemptTimeout = config.attemptTimeout;
    pipeline.retry = config.retry;
    return {std::make_unique<ServiceClient>(network, clock, pipeline), std::nullopt};
}

} // namespace ecr
