#pragma once

#include "StsClient.h"

#include <QNetworkAccessManager>

#include <map>
#include <memory>

namespace ecr {

// The STS clients of one credential chain, one per distinct configuration (region, endpoint and
// the setting it came from, CA bundle, retry and timeout settings), kept for the chain's lifetime:
// every call to the same endpoint shares one pipeline, so one retry token bucket and one learnt
// clock offset, as the SDKs' clients do. A client destroyed with its pool answers calls still
// waiting with ClientClosed (ServiceClient guards its calls).
class StsClients final
{
public:
    StsClients(QNetworkAccessManager& network, const Clock& clock)
        : m_network(network)
        , m_clock(clock)
    { }

    StsClient& client(const StsConfig& config);
    qsizetype size() const { return qsizetype(m_clients.size()); }

private:
    QNetworkAccessManager& m_network;
    const Clock& m_clock;
    std::map<QString, std::unique_ptr<StsClient>> m_clients;
};

} // namespace ecr
