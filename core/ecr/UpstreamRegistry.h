#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>

#include <optional>

namespace ecr {

// The upstream registries a pull-through cache rule can point at (the model's UpstreamRegistry
// enum). Everything the app knows about each one lives in the table in UpstreamRegistry.cpp.
enum class UpstreamRegistry
{
    EcrPublic,
    Kubernetes,
    Quay,
    DockerHub,
    GitHubContainerRegistry,
    AzureContainerRegistry,
    GitLabContainerRegistry,
    Chainguard,
    Ecr,
};

enum class UpstreamAuth
{
    None, // public upstream
    SecretsManager, // credentialArn required
    IamRole, // customRoleArn (ECR to ECR)
};

struct UpstreamRegistryInfo
{
    UpstreamRegistry registry;
    QString wireName; // "docker-hub"
    QString displayName; // "Docker Hub" (translated at the point of display)
    QString defaultUrl; // "registry-1.docker.io"; a template with <…> for the free parts
    QString urlPattern; // anchored regular expression for upstreamRegistryUrl
    QString defaultPrefix; // the console's default cache namespace
    UpstreamAuth auth;
    QString iconName; // resource name of the icon
};

const QList<UpstreamRegistryInfo>& upstreamRegistries();
const UpstreamRegistryInfo& upstreamRegistryInfo(UpstreamRegistry registry);
std::optional<UpstreamRegistry> upstreamRegistryFromWireName(QStringView wireName);
// The registry whose URL pattern matches the URL, if any (the service infers it the same way).
std::optional<UpstreamRegistry> upstreamRegistryForUrl(QStringView url);
bool upstreamUrlMatches(UpstreamRegistry registry, QStringView url);

} // namespace ecr
