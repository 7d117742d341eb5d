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
    AwsJsonClientConfig config;
    config.endpoint = session->m_endpoint;
    config.caBundlePath = session->m_target.caBundlePath;
    session->m_transport = std::make_unique<AwsJsonClient>(
        network, clock, *session->m_target.credentials, config, EcrClient::service());
    session->m_client = std::make_unique<EcrClient>(*session->m_transport);
    return session;
}

QString EcrSession::dnsSuffix() const
{
    return partitionForRegion(m_target.region).dnsSuffix;
}

} // namespace ecr
