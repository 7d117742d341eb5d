#pragma once

#include "EcrTypes.h"
#include "PullCommand.h"
#include "UpstreamRegistry.h"

#include <QString>
#include <QStringList>

// What makes nodes use a pull-through cache without rewriting every image reference
// (reference notes §5): containerd's hosts.toml for the upstream host with override_path into
// the rule's prefix, the CRI-O/Podman registries.conf mirror, and the plain reference rewrite.
// Pure: the rule and the registry location in, text out.
namespace ecr {

struct MirrorConfig
{
    // The host images name today (docker.io for Docker Hub, else the upstream URL's host).
    QString imageHost;
    // The mirror's URL for containerd: https://<host>/v2/<prefix> (ROOT: /v2).
    QString mirrorUrl;

    // containerd (1.x with config_path, 2.x): where the file goes and what it holds. Empty
    // when containerd cannot mirror this rule (containerdWhyNot says why).
    QString containerdPath;
    QString containerdToml;
    QString containerdWhyNot;

    // CRI-O and Podman (containers-registries.conf(5)): a drop-in file and its text.
    QString registriesConfPath;
    QString registriesConf;

    // The rewrite: an example reference before and after, and the rule as a pair of prefixes
    // (`from` + "/" + path → `to` + "/" + path).
    QString rewriteExampleFrom;
    QString rewriteExampleTo;
    QString rewriteFrom;
    QString rewriteTo;

    // Sentences for the user: where each file goes, Docker Engine's limit, credentials.
    QStringList notes;
};

MirrorConfig mirrorConfig(const PullThroughCacheRule& rule, const RegistryLocation& location);

} // namespace ecr
