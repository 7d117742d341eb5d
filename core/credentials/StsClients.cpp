#include "StsClients.h"

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

QString keyOf(const StsConfig& config)
{
    const RetrySettings& retry = config.retry;
    return QStringList{config.region, config.customEndpoint.toString(), config.customEndpointOrigin,
        config.caBundlePath, config.proxy.toString(),
        QString::number(config.attemptTimeout.count()), QString::number(retry.maxAttempts),
        QString::number(retry.backoffBase.count()), QString::number(retry.backoffCap.count()),
        QString::number(retry.bucketCapacity)}
        .join(u'\n');
}

} // namespace

StsClient& StsClients::client(const StsConfig& config)
{
    std::unique_ptr<StsClient>& slot = m_clients[keyOf(config)];
    if (!slot)
        slot = std::make_unique<StsClient>(m_network, m_clock, config);
    return *slot;
}

} // namespace ecr
