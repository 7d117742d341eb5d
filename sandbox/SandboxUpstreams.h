#pragma once

#include "UpstreamRegistry.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

// The sandbox's small built-in upstream catalogue: per upstream registry a few images, each tag
// an index (OCI, or a Docker manifest list for Docker Hub) with per-platform manifests, or one
// manifest. Manifests are generated deterministically, so digests are stable across runs and
// machines; the layers they name exist nowhere (no blob is ever served).
namespace ecr::sandbox {

struct UpstreamManifest
{
    QByteArray body; // the exact bytes; the digest is their sha256
    QString mediaType;
    QString digest; // "sha256:…"
    qint64 size = 0; // the image's size: config and layers (an index: its largest manifest's)
    QString platform; // "linux/amd64"; empty for an index
};

struct UpstreamImage
{
    UpstreamManifest top; // what the tag names
    QList<UpstreamManifest> children; // an index's per-platform manifests
};

// The image at `path:tag` of the upstream registry, if the catalogue has it. `path` as the
// upstream names it ("library/alpine", "prometheus/node-exporter").
std::optional<UpstreamImage> upstreamImage(
    UpstreamRegistry registry, const QString& path, const QString& tag);
// Whether the catalogue has any tag of `path` (NAME_UNKNOWN vs MANIFEST_UNKNOWN).
bool upstreamHasRepository(UpstreamRegistry registry, const QString& path);
// "path:tag" of every image of the registry, for the README and the tests.
QStringList upstreamCatalogue(UpstreamRegistry registry);

inline constexpr QLatin1StringView kOciIndex{"application/vnd.oci.image.index.v1+json"};
inline constexpr QLatin1StringView kOciManifest{"application/vnd.oci.image.manifest.v1+json"};
inline constexpr QLatin1StringView kDockerList{
    "application/vnd.docker.distribution.manifest.list.v2+json"};
inline constexpr QLatin1StringView kDockerManifest{
    "application/vnd.docker.distribution.manifest.v2+json"};

} // namespace ecr::sandbox
