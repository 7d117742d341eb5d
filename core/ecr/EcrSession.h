#pragma once

#include "ConnectionTarget.h"
#include "EcrClient.h"
#include "EcrEndpoint.h"
#include "EcrRegistryClient.h"
#include "EcrRepositoryClient.h"
#include "PullCommand.h"
#include "RequestAuth.h"
#include "SecretsManagerClient.h"
#include "ServiceClient.h"

#include <QCoroTask>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

namespace ecr {

// The ECR client of one target: its call pipeline, signed with the target's credentials. Created
// per profile/region selection.
class EcrSession final
{
public:
    static Result<std::unique_ptr<EcrSession>> create(
        QNetworkAccessManager& network, const Clock& clock, ConnectionTarget target);

    EcrClient& client() { return *m_client; }
    // Templates and the registry policy, over the same pipeline as the rules.
    EcrRegistryClient& registry() { return *m_registry; }
    // The repositories and images (what the rules cached) and the registry token.
    EcrRepositoryClient& repositories() { return *m_repositories; }
    // Where the registry HTTP API (/v2/…) is: the custom endpoint when that is on this computer
    // (the sandbox serves the registry API on the same port), else `proxyEndpoint` (from
    // GetAuthorizationToken), else the registry host of the location.
    QUrl registryEndpoint(const QUrl& proxyEndpoint = {}) const;
    ServiceClient& transport() { return *m_transport; }
    const ConnectionTarget& target() const { return m_target; }
    QNetworkAccessManager& network() const { return *m_network; }
    const Clock& clock() const { return *m_clock; }
    const ResolvedEndpoint& endpoint() const { return m_endpoint; }
    QString dnsSuffix() const;
    // The registry this session looks at: the target's account (when known, else the caller
    // identity's once asked, else a learnt one), region and suffix.
    RegistryLocation location() const;
    // The account the registry's own answers named (a rule's registryId), for when neither the
    // target nor STS said: the last fallback of location().
    void learnAccount(const QString& account) { m_learntAccount = account; }
    // Whom the credentials belong to (STS GetCallerIdentity), asked once and cached.
    QCoro::Task<Result<CallerIdentity>> identity(CancelToken cancel = {});
    // Secrets Manager in the same account and region, signed with the same credentials: where
    // the rules' upstream secrets are. Its endpoint is the region's, or the custom endpoint when
    // that is on this computer (the sandbox and emulators serve every service on one port).
    SecretsManagerClient& secrets();

private:
    EcrSession() = default;
    ConnectionTarget m_target;
    ResolvedEndpoint m_endpoint;
    std::unique_ptr<SigV4Auth> m_auth;
    std::unique_ptr<ServiceClient> m_transport;
    std::unique_ptr<EcrClient> m_client;
    std::unique_ptr<EcrRegistryClient> m_registry;
    std::unique_ptr<EcrRepositoryClient> m_repositories;
    QNetworkAccessManager* m_network = nullptr;
    const Clock* m_clock = nullptr;
    std::unique_ptr<ServiceClient> m_secretsTransport;
    std::unique_ptr<SecretsManagerClient> m_secrets;
    std::optional<CallerIdentity> m_identity;
    QString m_learntAccount;
};

} // namespace ecr
