#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// The repositories and images a pull-through cache creates, and the registry token that pulls
// them, as ECR's DescribeRepositories, DescribeImages, BatchDeleteImage and
// GetAuthorizationToken answer them (awsJson mapping; timestamps are epoch seconds).
namespace ecr {

struct CachedRepository
{
    QString name;
    QString arn;
    QString uri;
    QString registryId;
    QDateTime createdAt;
    QString imageTagMutability;
    QString encryptionType;
    QString kmsKey;

    static CachedRepository fromJson(const QJsonObject& json);
};

struct ImageSummary
{
    QString digest;
    QStringList tags;
    qint64 sizeBytes = 0;
    QDateTime pushedAt;
    std::optional<QDateTime> lastRecordedPullTime;
    QString manifestMediaType;

    static ImageSummary fromJson(const QJsonObject& json);
};

// What a repository's images add up to: shown per cached repository, used by the cleanup.
struct RepositoryUsage
{
    int imageCount = 0;
    qint64 totalBytes = 0; // the manifests' images; an index adds nothing of its own
    std::optional<QDateTime> lastPull; // the latest lastRecordedPullTime of any image
    std::optional<QDateTime> lastPush;

    static RepositoryUsage of(const QList<ImageSummary>& images);
};

struct ImageId
{
    QString digest;
    QString tag;
    QJsonObject toJson() const;
    static ImageId fromJson(const QJsonObject& json);
};

struct ImageFailure
{
    ImageId id;
    QString code; // ImageFailureCode: ImageNotFound, ImageReferencedByManifestList, …
    QString reason;
};

struct DeletedImages
{
    QList<ImageId> deleted;
    QList<ImageFailure> failures;
};

// GetAuthorizationToken's answer. The token is a credential: never logged, shown or stored.
struct RegistryToken
{
    QByteArray authorizationToken; // base64 of "AWS:<password>", sent as Basic
    QDateTime expiresAt;
    QUrl proxyEndpoint; // https://<account>.dkr.ecr.<region>.<suffix>
};

// A timestamp member (epoch seconds, fractional) as UTC; invalid when absent.
QDateTime epochTime(const QJsonValue& value);

} // namespace ecr
