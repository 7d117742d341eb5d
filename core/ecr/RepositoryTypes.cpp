#include "RepositoryTypes.h"

#include "JsonValues.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ecr {

QDateTime epochTime(const QJsonValue& value)
{
    return ecr::json::epochSeconds(value);
}

CachedRepository CachedRepository::fromJson(const QJsonObject& json)
{
    CachedRepository r;
    r.name = json.value(u"repositoryName"_s).toString();
    r.arn = json.value(u"repositoryArn"_s).toString();
    r.uri = json.value(u"repositoryUri"_s).toString();
    r.registryId = json.value(u"registryId"_s).toString();
    r.createdAt = epochTime(json.value(u"createdAt"_s));
    r.imageTagMutability = json.value(u"imageTagMutability"_s).toString();
    const QJsonObject encryption = json.value(u"encryptionConfiguration"_s).toObject();
    r.encryptionType = encryption.value(u"encryptionType"_s).toString();
    r.kmsKey = encryption.value(u"kmsKey"_s).toString();
    return r;
}

ImageSummary ImageSummary::fromJson(const QJsonObject& json)
{
    ImageSummary i;
    i.digest = json.value(u"imageDigest"_s).toString();
    for (const QJsonValue& tag : json.value(u"imageTags"_s).toArray())
        i.tags.append(tag.toString());
    i.sizeBytes = ecr::json::count(json.value(u"imageSizeInBytes"_s));
    i.pushedAt = epochTime(json.value(u"imagePushedAt"_s));
    const QDateTime pulled = epochTime(json.value(u"lastRecordedPullTime"_s));
    if (pulled.isValid())
        i.lastRecordedPullTime = pulled;
    i.manifestMediaType = json.value(u"imageManifestMediaType"_s).toString();
    return i;
}

RepositoryUsage RepositoryUsage::of(const QList<ImageSummary>& images)
{
    RepositoryUsage u;
    u.imageCount = int(images.size());
    for (const ImageSummary& image : images) {
        // An index's size repeats its manifests' (ECR gives the largest): counted once, there.
        const bool index = image.manifestMediaType.endsWith(u"image.index.v1+json"_s)
            || image.manifestMediaType.endsWith(u"manifest.list.v2+json"_s);
        if (!index)
            u.totalBytes += image.sizeBytes;
        if (image.lastRecordedPullTime
            && (!u.lastPull || *image.lastRecordedPullTime > *u.lastPull))
            u.lastPull = image.lastRecordedPullTime;
        if (image.pushedAt.isValid() && (!u.lastPush || image.pushedAt > *u.lastPush))
            u.lastPush = image.pushedAt;
    }
    return u;
}

QJsonObject ImageId::toJson() const
{
    QJsonObject out;
    if (!digest.isEmpty())
        out.insert(u"imageDigest"_s, digest);
    if (!tag.isEmpty())
        out.insert(u"imageTag"_s, tag);
    return out;
}

ImageId ImageId::fromJson(const QJsonObject& json)
{
    return {json.value(u"imageDigest"_s).toString(), json.value(u"imageTag"_s).toString()};
}

} // namespace ecr
