#pragma once

#include "AwsJsonClient.h"
#include "ConnectionTarget.h"
#include "EcrClient.h"
#include "Endpoint.h"

#include <QString>
#include <QUrl>

#include <memory>

namespace ecr {

// One AwsJsonClient + EcrClient bound to a target. Created per profile/region selection.
class EcrSession final
{
public:
    static Result<std::unique_ptr<EcrSession>> create(
        QNetworkAccessManager& network, const Clock& clock, ConnectionTarget target);

    EcrClient& client() { return *m_client; }
    AwsJsonClient& transport() { return *m_transport; }
    const ConnectionTarget& target() const { return m_target; }
    const ResolvedEndpoint& endpoint() const { return m_endpoint; }
    QString dnsSuffix() const;

private:
    EcrSession() = default;
    ConnectionTarget m_target;
    ResolvedEndpoint m_endpoint;
    std::unique_ptr<AwsJsonClient> m_transport;
    std::unique_ptr<EcrClient> m_client;
};

} // namespace ecr
