#include "UpstreamRegistry.h"

#include "Patterns.h"

namespace ecr {

namespace {

// Sources: the ECR model's documentation of upstreamRegistryUrl and the ECR user guide
// (see docs/ARCHITECTURE.md). Change a registry here and everything else follows.
QList<UpstreamRegistryInfo> buildTable()
{
    using R = UpstreamRegistry;
    using A = UpstreamAuth;
    return {
        {R::EcrPublic, QStringLiteral("ecr-public"), QStringLiteral("Amazon ECR Public"),
            QStringLiteral("public.ecr.aws"), QStringLiteral("^public\\.ecr\\.aws$"),
            QStringLiteral("ecr-public"), A::None, QStringLiteral("ecr-public")},
        {R::Kubernetes, QStringLiteral("k8s"), QStringLiteral("Kubernetes container registry"),
            QStringLiteral("registry.k8s.io"), QStringLiteral("^registry\\.k8s\\.io$"),
            QStringLiteral("kubernetes"), A::None, QStringLiteral("k8s")},
        {R::Quay, QStringLiteral("quay"), QStringLiteral("Quay"), QStringLiteral("quay.io"),
            QStringLiteral("^quay\\.io$"), QStringLiteral("quay"), A::None, QStringLiteral("quay")},
        {R::DockerHub, QStringLiteral("docker-hub"), QStringLiteral("Docker Hub"),
            QStringLiteral("registry-1.docker.io"), QStringLiteral("^registry-1\\.docker\\.io$"),
            QStringLiteral("docker-hub"), A::SecretsManager, QStringLiteral("docker-hub")},
        {R::GitHubContainerRegistry, QStringLiteral("github-container-registry"),
            QStringLiteral("GitHub Container Registry"), QStringLiteral("ghcr.io"),
            QStringLiteral("^ghcr\\.io$"), QStringLiteral("github"), A::SecretsManager,
            QStringLiteral("github")},
        {R::AzureContainerRegistry, QStringLiteral("azure-container-registry"),
            QStringLiteral("Microsoft Azure Container Registry"),
            QStringLiteral("<registry-name>.azurecr.io"),
            QStringLiteral("^[a-z0-9]{5,50}\\.azurecr\\.io$"), QStringLiteral("azure"),
            A::SecretsManager, QStringLiteral("azure")},
        {R::GitLabContainerRegistry, QStringLiteral("gitlab-container-registry"),
            QStringLiteral("GitLab Container Registry"), QStringLiteral("registry.gitlab.com"),
            QStringLiteral("^registry\\.gitlab\\.com$"), QStringLiteral("gitlab"),
            A::SecretsManager, QStringLiteral("gitlab")},
        {R::Chainguard, QStringLiteral("chainguard"), QStringLiteral("Chainguard Registry"),
            QStringLiteral("cgr.dev"), QStringLiteral("^cgr\\.dev$"), QStringLiteral("chainguard"),
            A::SecretsManager, QStringLiteral("chainguard")},
        {R::Ecr, QStringLiteral("ecr"), QStringLiteral("Amazon ECR (private)"),
            QStringLiteral("<account-id>.dkr.ecr.<region>.amazonaws.com"),
            QStringLiteral("^[0-9]{12}\\.dkr\\.ecr(-fips)?\\.[a-z]{2,4}(-[a-z]+)+-[0-9]+"
                           "\\.(amazonaws\\.com|amazonaws\\.com\\.cn|amazonaws\\.eu)$"),
            QStringLiteral("ecr"), A::IamRole, QStringLiteral("ecr")},
    };
}

} // namespace

const QList<UpstreamRegistryInfo>& upstreamRegistries()
{
    static const QList<UpstreamRegistryInfo> table = buildTable();
    return table;
}

const UpstreamRegistryInfo& upstreamRegistryInfo(UpstreamRegistry registry)
{
    for (const auto& info : upstreamRegistries()) {
        if (info.registry == registry)
            return info;
    }
    Q_UNREACHABLE();
}

std::optional<UpstreamRegistry> upstreamRegistryFromWireName(QStringView wireName)
{
    for (const auto& info : upstreamRegistries()) {
        if (info.wireName == wireName)
            return info.registry;
    }
    return std::nullopt;
}

bool upstreamUrlMatches(UpstreamRegistry registry, QStringView url)
{
    return compiledPattern(upstreamRegistryInfo(registry).urlPattern)
        .match(url.toString())
        .hasMatch();
}

std::optional<UpstreamRegistry> upstreamRegistryForUrl(QStringView url)
{
    for (const auto& info : upstreamRegistries()) {
        if (upstreamUrlMatches(info.registry, url))
            return info.registry;
    }
    return std::nullopt;
}

} // namespace ecr
