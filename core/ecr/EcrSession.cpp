#include "EcrSession.h"

#include "TransportSecurity.h"

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
    config.proxy = session->m_target.proxy;
    session->m_auth = std::make_unique<SigV4Auth>(*session->m_target.credentials, clock);
    session->m_transport
        = std::make_unique<ServiceClient>(network, clock, config, session->m_auth.get());
    if (const auto& error = session->m_transport->setupError())
        return *error;
    session->m_client = std::make_unique<EcrClient>(*session->m_transport);
    session->m_registry = std::make_unique<EcrRegistryClient>(*session->m_transport);
    session->m_repositories = std::make_unique<EcrRepositoryClient>(*session->m_transport);
    session->m_network = &network;
    session->m_clock = &clock;
    return session;
}

SecretsManagerClient& EcrSession::secrets()
{
    if (!m_secrets) {
        const QUrl custom = m_target.customEndpoint;
        const bool local = !custom.isEmpty() && isLoopbackHost(custom.host());
        ServiceClientConfig config;
        config.service = SecretsManagerClient::service();
        config.endpoint = secretsManagerEndpoint(m_target.region, local ? custom : QUrl());
        config.endpointOrigin = local ? m_target.customEndpointOrigin : QString();
        config.caBundlePath = m_target.caBundlePath;
        config.proxy = m_target.proxy;
        m_secretsTransport
            = std::make_unique<ServiceClient>(*m_network, *m_clock, config, m_auth.get());
        m_secrets = std::make_unique<SecretsManagerClient>(*m_secretsTransport);
    }
    return *m_secrets;
}

QUrl EcrSession::registryEndpoint(const QUrl& proxyEndpoint) const
{
    if (!m_target.registryEndpoint.isEmpty())
        return m_target.registryEndpoint;
    const QUrl custom = m_target.customEndpoint;
    if (!custom.isEmpty() && isLoopbackHost(custom.host()))
        return custom;
    if (!proxyEndpoint.isEmpty())
        return proxyEndpoint;
    return QUrl(QStringLiteral("https://") + location().host());
}

QString EcrSession::dnsSuffix() const
{
    return partitionForRegion(m_target.region).dnsSuffix;
}

RegistryLocation EcrSession::location() const
{
    const QString account = !m_target.accountId.isEmpty() ? m_target.accountId
        : m_identity                                      ? m_identity->account
                                                          : m_learntAccount;
    return {account, m_target.region, dnsSuffix()};
}

QCoro::Task<Result<CallerIdentity>> EcrSession::identity(CancelToken cancel)
{
    if (m_identity) {
        CallerIdentity copy = *m_identity;
        co_return copy;
    }
    if (!m_target.identify)
        co_return makeError(ErrorKind::Configuration, QStringLiteral("IdentityUnavailable"),
            QCoreApplication::translate(
                "ecr::EcrSession", "This connection cannot tell its identity."),
            0);
    const auto identify = m_target.identify;
    Result<CallerIdentity> identity = co_await identify(cancel);
    if (identity)
        m_identity = identity.value();
    co_return identity;
}

} // namespace ecr
