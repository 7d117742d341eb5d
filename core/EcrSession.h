#pragma once

#include "AwsJsonClient.h"
#include "EcrClient.h"
#include "Endpoint.h"

#include <QString>
#include <QUrl>

#include <memory>

namespace ecr {

// Where and as whom to talk to ECR: what a profile (or the environment, or the Local sandbox)
// resolves to.
struct ConnectionTarget
{
    QString displayName; // "Environment", "prod-admin", "Local sandbox"
    QString region;
    QUrl customEndpoint; // empty: the partition's endpoint
    bool useFips = false;
    bool useDualStack = false;
    std::shared_ptr<CredentialsProvider> credentials;
    QString accountId; // when known (the sandbox's, or from GetCallerIdentity)
    QString caBundlePath; // extra trusted CA certificates (PEM) for a private endpoint
};

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
