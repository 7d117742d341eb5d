#include "EcrSession.h"

#include <QCoreApplication>

namespace ecr {

Result<std::unique_ptr<EcrSession>> EcrSession::create(
    QNetworkAccessManager& network, const Clock& clock, ConnectionTarget target)
{
    if (!target.credentials)
        return makeError(ErrorKind::Credentials, QStringLiteral("NoCredentials"),
            QCoreApplication::translate("ecr::EcrSession", "No credentials are configured."), 0);
    auto endpoint = resolveEcrEndpoint(
        {target.region, target.useFips, target.useDualStack, target.customEndpoint});
    if (!endpoint)
        return endpoint.error();

    std::unique_ptr<EcrSession> session(new EcrSession);
    session->m_target = std::move(target);
    session->m_endpoint = endpoint.value();
    ServiceClientConfig config;
    config.service = EcrClient::service();
    config.endpoint = session->m_endpoint;
    config.endpointOrigin = session->m_target.customEndpointOrigin;
    config.caBundlePath = session->m_target.caBundlePath;
    session->m_auth = std::make_unique<SigV4Auth>(*session->m_target.credentials, clock);
    session->m_transport
        = std::make_unique<ServiceClient>(network, clock, config, session->m_auth.get());
    if (const auto& error = session->m_transport->setupError())
        return *error;
    session->m_client = std::make_unique<EcrClient>(*session->m_transport);
    return session;
}

QString EcrSession::dnsSuffix() const
{
    return partitionForRegion(m_target.region).dnsSuffix;
}

RegistryLocation EcrSession::location() const
{
    return {m_target.accountId, m_target.region, dnsSuffix()};
}

} // namespace ecr
