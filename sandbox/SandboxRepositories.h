#pragma once

#include "AwsError.h"
#include "EcrTypes.h"
#include "RepositoryTemplate.h"
#include "SandboxHttp.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

// The sandbox's repositories and images per region of its account, as pull-through caching
// makes them: the ECR operations on them (DescribeRepositories, DescribeImages, ListImages,
// BatchDeleteImage, DeleteRepository, GetAuthorizationToken) with the model's shapes and errors,
// and the registry HTTP API (/v2/, manifests by tag or digest) authenticated with the tokens
// GetAuthorizationToken issued. The first pull of a tag through a rule fetches it from the
// built-in upstream catalogue (SandboxUpstreams) and creates the repository with the settings
// of the template that applies, as ECR does; every pull records lastRecordedPullTime. In memory.
namespace ecr::sandbox {

struct SandboxImage
{
    QString digest;
    QString mediaType;
    QByteArray body;
    QStringList tags;
    qint64 size = 0;
    QDateTime pushedAt;
    std::optional<QDateTime> lastPull;
    QStringList children; // an index's manifests (they stay while it does)
};

struct SandboxRepository
{
    QString name;
    QDateTime createdAt;
    QString imageTagMutability = QStringLiteral("MUTABLE");
    QString encryptionType = QStringLiteral("AES256");
    QString kmsKey;
    QList<SandboxImage> images;
};

// What a pull needs from the rest of the sandbox: the rule a repository name falls under, the
// region's templates, and whether the upstream accepts the rule's credentials.
struct PullContext
{
    std::function<std::optional<PullThroughCacheRule>(const QString& region, const QString& name)>
        ruleFor;
    std::function<QList<RepositoryCreationTemplate>(const QString& region)> templates;
    // An error when ECR could not read the rule's secret (the upstream authentication fails).
    std::function<std::optional<AwsError>(const QString& region, const PullThroughCacheRule&)>
        upstreamAccess;
};

class SandboxRepositories final
{
public:
    static bool isKnownOperation(const QString& operation);
    // A request of the registry HTTP API: a path under /v2.
    static bool isRegistryApiRequest(const HttpRequest& request);
    // "RegistryPing" or "RegistryManifest", for counting and queued faults.
    static QString registryOperationOf(const HttpRequest& request);
    static constexpr qint64 kTokenLifetimeSeconds = 12 * 3600;

    SandboxRepositories(QString account, PullContext context);

    Result<QJsonObject> handle(const QString& region, const QString& operation,
        const QJsonObject& body, const QDateTime& now);
    HttpResponse handleRegistryApi(const HttpRequest& request, const QDateTime& now);

    // For tests, benchmarks and crafted states.
    void addRepository(const QString& region, SandboxRepository repository);
    QList<SandboxRepository> repositories(const QString& region) const;
    const SandboxRepository* find(const QString& region, const QString& name) const;
    // Fetches from the upstream catalogue (a pull served from the cache does not count).
    int upstreamFetches() const { return m_upstreamFetches; }
    // The caller lacks this permission for pulls through a rule: "ecr:CreateRepository" (the
    // first pull of a repository) or "ecr:BatchImportUpstreamImage" (any import); empty: none.
    void setDeniedAction(const QString& action) { m_deniedAction = action; }
    void reset();

private:
    struct Token
    {
        QString region;
        QDateTime expiresAt;
    };
    using Repositories = QMap<QString, SandboxRepository>;

    Result<QJsonObject> describeRepositories(const QString& region, const QJsonObject& body) const;
    Result<QJsonObject> describeImages(const QString& region, const QJsonObject& body) const;
    Result<QJsonObject> listImages(const QString& region, const QJsonObject& body) const;
    Result<QJsonObject> batchDeleteImage(const QString& region, const QJsonObject& body);
    Result<QJsonObject> deleteRepository(const QString& region, const QJsonObject& body);
    Result<QJsonObject> authorizationToken(
        const QString& region, const QJsonObject& body, const QDateTime& now);
    std::optional<AwsError> checkRepository(const QString& region, const QJsonObject& body) const;
    QJsonObject repositoryJson(const QString& region, const SandboxRepository& repository) const;
    QJsonObject imageJson(const SandboxRepository& repository, const SandboxImage& image) const;
    // A manifest through the cache: served, imported on a first pull, or a registry error.
    HttpResponse manifest(const QString& region, const QString& name, const QString& reference,
        const HttpRequest& request, const QDateTime& now);
    std::optional<HttpResponse> import(
        const QString& region, const QString& name, const QString& reference, const QDateTime& now);

    QString m_account;
    PullContext m_context;
    QHash<QString, Repositories> m_repositories; // region → by name
    QHash<QString, Token> m_tokens; // the Basic credential → what it is for
    QString m_deniedAction;
    int m_upstreamFetches = 0;
};

} // namespace ecr::sandbox
