#pragma once

#include "EcrTypes.h"
#include "UpstreamRegistry.h"

#include <QString>

#include <optional>

// The image reference and `docker pull` command of an image cached by a pull-through cache rule
// (reference notes §6): <registryId>.dkr.ecr.<region>.<dnsSuffix>/<prefix>/<upstream path>.
namespace ecr {

// The private registry host. An empty registry ID or region becomes the placeholder
// `<account-id>` or `<region>`; an empty DNS suffix means `amazonaws.com`.
QString privateRegistryHost(
    const QString& registryId, const QString& region, const QString& dnsSuffix);

// The reference of `image` (e.g. "nginx:latest", "bitnami/redis", "docker.io/library/nginx")
// pulled through the rule with `ecrRepositoryPrefix`:
// - a trailing '/' of the prefix is dropped, ROOT contributes no path segment, an empty prefix
//   shows as `<prefix>`;
// - for Docker Hub, an official image (no '/' in its path) gets `library/`;
// - a leading upstream host (`registry-1.docker.io/`, `docker.io/`, `ghcr.io/`, …) is dropped;
// - an empty image gives a template ending in `<repository>/<image>:<tag>`, or
//   `library/<image>:<tag>` for Docker Hub.
// An unknown registry (std::nullopt) is treated like any registry without special rules.
QString pullImageReference(const QString& registryId, const QString& region,
    const QString& dnsSuffix, const QString& ecrRepositoryPrefix,
    std::optional<UpstreamRegistry> registry, const QString& image = {});

// An image of the upstream to try, in the form the registry wants (Docker Hub's official
// images under library/, ECR Public's Docker images under docker/library/, …): the default of
// a test pull and of a copied `docker pull`.
QString exampleImage(std::optional<UpstreamRegistry> registry);

// "docker pull " + pullImageReference(…).
QString pullCommand(const QString& registryId, const QString& region, const QString& dnsSuffix,
    const QString& ecrRepositoryPrefix, std::optional<UpstreamRegistry> registry,
    const QString& image = {});

// Which private registry the app is looking at: one value for the window, the table, the form
// and every copied reference.
struct RegistryLocation
{
    QString accountId; // may be empty when not known yet: shown as <account-id>
    QString region;
    QString dnsSuffix; // the region's partition's, e.g. "amazonaws.com", "amazonaws.com.cn"

    // <account>.dkr.ecr.<region>.<dnsSuffix>
    QString host() const { return privateRegistryHost(accountId, region, dnsSuffix); }
    // The cache's repository path for a rule: <host>/<prefix> (ROOT: the host alone).
    QString repositoryUri(const PullThroughCacheRule& rule) const;
    // The reference of `image` pulled through `rule` (its own registryId wins over accountId).
    QString pullReference(const PullThroughCacheRule& rule, const QString& image = {}) const;
    friend bool operator==(const RegistryLocation&, const RegistryLocation&) = default;
};

} // namespace ecr
