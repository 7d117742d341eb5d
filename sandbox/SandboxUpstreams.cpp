#include "SandboxUpstreams.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ecr::sandbox {

using namespace Qt::StringLiterals;

namespace {

enum class Kind
{
    Index, // linux/amd64 and linux/arm64
    Single, // one linux/amd64 manifest
};

struct Entry
{
    QString path;
    QString tag;
    Kind kind;
};

QList<Entry> entries(UpstreamRegistry registry)
{
    using R = UpstreamRegistry;
    switch (registry) {
    case R::DockerHub:
        return {{u"library/alpine"_s, u"3.20"_s, Kind::Index},
            {u"library/alpine"_s, u"latest"_s, Kind::Index},
            {u"library/nginx"_s, u"latest"_s, Kind::Index},
            {u"library/nginx"_s, u"1.27"_s, Kind::Index},
            {u"bitnami/redis"_s, u"7.2"_s, Kind::Single}};
    case R::Quay:
        return {{u"prometheus/node-exporter"_s, u"v1.8.2"_s, Kind::Index},
            {u"coreos/etcd"_s, u"v3.5.0"_s, Kind::Single}};
    case R::GitHubContainerRegistry:
        return {{u"fluxcd/flux-cli"_s, u"v2.3.0"_s, Kind::Index}};
    case R::Kubernetes:
        return {
            {u"pause"_s, u"3.9"_s, Kind::Index}, {u"coredns/coredns"_s, u"v1.11.1"_s, Kind::Index}};
    case R::EcrPublic:
        return {{u"docker/library/alpine"_s, u"3.20"_s, Kind::Index},
            {u"eks-distro/kubernetes/pause"_s, u"3.9"_s, Kind::Single}};
    case R::AzureContainerRegistry:
        return {{u"samples/hello-world"_s, u"v1"_s, Kind::Single}};
    case R::GitLabContainerRegistry:
        return {{u"gitlab-org/gitlab-runner"_s, u"alpine"_s, Kind::Index}};
    case R::Chainguard:
        return {{u"chainguard/static"_s, u"latest"_s, Kind::Index}};
    case R::Ecr:
        return {
            {u"team/app"_s, u"1.0"_s, Kind::Single}, {u"team/app"_s, u"latest"_s, Kind::Single}};
    }
    return {};
}

QString sha256(const QByteArray& bytes)
{
    return u"sha256:"_s
        + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// A number from 1 to `range` that a name always gives.
qint64 stable(const QString& seed, qint64 range)
{
    const QByteArray hash = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha256);
    quint32 value = 0;
    for (int i = 0; i < 4; ++i)
        value = (value << 8) | quint8(hash.at(i));
    return 1 + qint64(value % quint32(range));
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

UpstreamManifest platformManifest(const QString& seed, const QString& platform, bool docker)
{
    const QString layerType = docker ? u"application/vnd.docker.image.rootfs.diff.tar.gzip"_s
                                     : u"application/vnd.oci.image.layer.v1.tar+gzip"_s;
    const QString configType = docker ? u"application/vnd.docker.container.image.v1+json"_s
                                      : u"application/vnd.oci.image.config.v1+json"_s;
    const qint64 configSize = 900 + stable(seed + platform + u"config"_s, 1200);
    QJsonArray layers;
    qint64 size = configSize;
    const int count = int(stable(seed + platform, 3));
    for (int i = 0; i < count; ++i) {
        const QString name = seed + platform + QString::number(i);
        const qint64 layerSize = 200'000 + stable(name, 30'000'000);
        size += layerSize;
        layers.append(QJsonObject{{u"mediaType"_s, layerType}, {u"digest"_s, sha256(name.toUtf8())},
            {u"size"_s, layerSize}});
    }
    const QString type = docker ? QString(kDockerManifest) : QString(kOciManifest);
    const QJsonObject manifest{{u"schemaVersion"_s, 2}, {u"mediaType"_s, type},
        {u"config"_s,
            QJsonObject{{u"mediaType"_s, configType},
                {u"digest"_s, sha256((seed + platform + u"config"_s).toUtf8())},
                {u"size"_s, configSize}}},
        {u"layers"_s, layers}};
    UpstreamManifest out;
    out.body = compact(manifest);
    out.mediaType = type;
    out.digest = sha256(out.body);
    out.size = size;
    out.platform = platform;
    return out;
}

UpstreamImage build(UpstreamRegistry registry, const Entry& entry)
{
    const bool docker = registry == UpstreamRegistry::DockerHub;
    const QString seed
        = upstreamRegistryInfo(registry).wireName + u'/' + entry.path + u':' + entry.tag;
    UpstreamImage image;
    if (entry.kind == Kind::Single) {
        image.top = platformManifest(seed, u"linux/amd64"_s, docker);
        return image;
    }
    QJsonArray manifests;
    for (const QString& platform : {u"linux/amd64"_s, u"linux/arm64"_s}) {
        const UpstreamManifest child = platformManifest(seed, platform, docker);
        image.children.append(child);
        image.top.size = std::max(image.top.size, child.size); // ECR: the largest manifest's
        manifests.append(QJsonObject{{u"mediaType"_s, child.mediaType}, {u"digest"_s, child.digest},
            {u"size"_s, qint64(child.body.size())},
            {u"platform"_s,
                QJsonObject{{u"os"_s, platform.section(u'/', 0, 0)},
                    {u"architecture"_s, platform.section(u'/', 1)}}}});
    }
    const QString type = docker ? QString(kDockerList) : QString(kOciIndex);
    image.top.mediaType = type;
    image.top.body = compact(
        QJsonObject{{u"schemaVersion"_s, 2}, {u"mediaType"_s, type}, {u"manifests"_s, manifests}});
    image.top.digest = sha256(image.top.body);
    return image;
}

} // namespace

std::optional<UpstreamImage> upstreamImage(
    UpstreamRegistry registry, const QString& path, const QString& tag)
{
    for (const Entry& entry : entries(registry)) {
        if (entry.path == path && entry.tag == tag)
            return build(registry, entry);
    }
    return std::nullopt;
}

bool upstreamHasRepository(UpstreamRegistry registry, const QString& path)
{
    const QList<Entry> all = entries(registry);
    return std::any_of(
        all.cbegin(), all.cend(), [&path](const Entry& entry) { return entry.path == path; });
}

QStringList upstreamCatalogue(UpstreamRegistry registry)
{
    QStringList out;
    for (const Entry& entry : entries(registry))
        out.append(entry.path + u':' + entry.tag);
    return out;
}

} // namespace ecr::sandbox
