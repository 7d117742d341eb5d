#include "PullCommand.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// Hosts users paste in front of an image, per registry whose URL is fixed.
QStringList upstreamHostsFor(std::optional<UpstreamRegistry> registry)
{
    if (!registry)
        return {};
    QStringList hosts;
    const QString& url = upstreamRegistryInfo(*registry).defaultUrl;
    if (!url.contains(u'<'))
        hosts.append(url);
    if (*registry == UpstreamRegistry::DockerHub)
        hosts << u"docker.io"_s << u"index.docker.io"_s;
    return hosts;
}

QString upstreamPath(std::optional<UpstreamRegistry> registry, const QString& image)
{
    const bool dockerHub = registry == UpstreamRegistry::DockerHub;
    QString path = image.trimmed();
    if (path.isEmpty())
        return dockerHub ? u"library/<image>:<tag>"_s : u"<repository>/<image>:<tag>"_s;
    for (const QString& host : upstreamHostsFor(registry)) {
        if (path.startsWith(host + u'/')) {
            path = path.mid(host.size() + 1);
            break;
        }
    }
    // A tag or digest never contains '/', so any '/' belongs to the repository path.
    if (dockerHub && !path.contains(u'/'))
        path.prepend(u"library/"_s);
    return path;
}

} // namespace

QString exampleImage(std::optional<UpstreamRegistry> registry)
{
    if (!registry)
        return u"<repository>:<tag>"_s;
    switch (*registry) {
    case UpstreamRegistry::DockerHub:
        return u"library/alpine:3.20"_s;
    case UpstreamRegistry::Quay:
        return u"prometheus/node-exporter:v1.8.2"_s;
    case UpstreamRegistry::GitHubContainerRegistry:
        return u"fluxcd/flux-cli:v2.3.0"_s;
    case UpstreamRegistry::Kubernetes:
        return u"pause:3.9"_s;
    case UpstreamRegistry::EcrPublic:
        return u"docker/library/alpine:3.20"_s;
    case UpstreamRegistry::AzureContainerRegistry:
        return u"samples/hello-world:v1"_s;
    case UpstreamRegistry::GitLabContainerRegistry:
        return u"gitlab-org/gitlab-runner:alpine"_s;
    case UpstreamRegistry::Chainguard:
        return u"chainguard/static:latest"_s;
    case UpstreamRegistry::Ecr:
        return u"team/app:1.0"_s;
    }
    return {};
}

QString privateRegistryHost(
    const QString& registryId, const QString& region, const QString& dnsSuffix)
{
    const QString id = registryId.isEmpty() ? u"<account-id>"_s : registryId;
    const QString where = region.isEmpty() ? u"<region>"_s : region;
    const QString suffix = dnsSuffix.isEmpty() ? u"amazonaws.com"_s : dnsSuffix;
    return id + u".dkr.ecr."_s + where + u'.' + suffix;
}

QString pullImageReference(const QString& registryId, const QString& region,
    const QString& dnsSuffix, const QString& ecrRepositoryPrefix,
    std::optional<UpstreamRegistry> registry, const QString& image)
{
    QString prefix = ecrRepositoryPrefix.trimmed();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    if (prefix.isEmpty())
        prefix = u"<prefix>"_s;

    QString reference = privateRegistryHost(registryId, region, dnsSuffix) + u'/';
    if (prefix != u"ROOT"_s)
        reference += prefix + u'/';
    return reference + upstreamPath(registry, image);
}

QString pullCommand(const QString& registryId, const QString& region, const QString& dnsSuffix,
    const QString& ecrRepositoryPrefix, std::optional<UpstreamRegistry> registry,
    const QString& image)
{
    return u"docker pull "_s
        + pullImageReference(registryId, region, dnsSuffix, ecrRepositoryPrefix, registry, image);
}

QString RegistryLocation::repositoryUri(const PullThroughCacheRule& rule) const
{
    const QString registryId = rule.registryId.isEmpty() ? accountId : rule.registryId;
    QString prefix = rule.ecrRepositoryPrefix.trimmed();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    const QString host = privateRegistryHost(registryId, region, dnsSuffix);
    return prefix == u"ROOT"_s || prefix.isEmpty() ? host : host + u'/' + prefix;
}

QString RegistryLocation::pullReference(
    const PullThroughCacheRule& rule, const QString& image) const
{
    const QString registryId = rule.registryId.isEmpty() ? accountId : rule.registryId;
    return pullImageReference(
        registryId, region, dnsSuffix, rule.ecrRepositoryPrefix, rule.registry(), image);
}

} // namespace ecr
