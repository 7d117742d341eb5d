// The ECR repository operations and the registry HTTP API of the sandbox in one file: a pull
// through the registry API and the Describe/Delete operations work on the same repositories.
#include "SandboxRepositories.h"

#include "SandboxPageToken.h"
#include "SandboxUpstreams.h"
#include "UpstreamRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace ecr::sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr int kBadRequest = 400;

AwsError invalidParameter(const QString& message)
{
    return serviceError(kBadRequest, u"InvalidParameterException"_s, message);
}

AwsError repositoryNotFound(const QString& name, const QString& account)
{
    return serviceError(kBadRequest, u"RepositoryNotFoundException"_s,
        u"The repository with name '%1' does not exist in the registry with id '%2'"_s.arg(
            name, account));
}

bool validRepositoryName(const QString& name)
{
    static const QRegularExpression pattern(
        u"^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$"_s);
    return name.size() >= 2 && name.size() <= 256 && pattern.match(name).hasMatch();
}

bool validTag(const QString& tag)
{
    static const QRegularExpression pattern(u"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$"_s);
    return pattern.match(tag).hasMatch();
}

bool isDigest(const QString& reference)
{
    static const QRegularExpression pattern(u"^sha256:[a-f0-9]{64}$"_s);
    return pattern.match(reference).hasMatch();
}

QJsonArray toArray(const QList<QJsonObject>& objects)
{
    QJsonArray out;
    for (const QJsonObject& o : objects)
        out.append(o);
    return out;
}

double epochSeconds(const QDateTime& time)
{
    return double(time.toMSecsSinceEpoch()) / 1000.0;
}

HttpResponse registryError(
    const QDateTime& now, int status, const QString& code, const QString& message)
{
    const QJsonObject error{{u"code"_s, code}, {u"message"_s, message}};
    HttpResponse response{status,
        {{"Date"_ba, httpDate(now)}, {"Content-Type"_ba, "application/json; charset=utf-8"_ba},
            {"Docker-Distribution-Api-Version"_ba, "registry/2.0"_ba}},
        QJsonDocument(QJsonObject{{u"errors"_s, QJsonArray{error}}})
            .toJson(QJsonDocument::Compact)};
    if (status == 401)
        response.headers.append({"WWW-Authenticate"_ba,
            "Basic realm=\"https://ecr.amazonaws.com\",service=\"ecr\""_ba});
    return response;
}

// The page of `all` a request asks for, with the token of the next.
template <typename T>
std::optional<std::pair<QList<T>, QString>> page(const QList<T>& all, const QJsonObject& body,
    const QString& listing, int defaultSize, AwsError* error)
{
    const int maxResults
        = body.contains(u"maxResults"_s) ? body.value(u"maxResults"_s).toInt(-1) : defaultSize;
    if (maxResults < 1 || maxResults > 1000) {
        *error = invalidParameter(u"Invalid parameter at 'maxResults' failed to satisfy "
                                  "constraint: 'Member must have value between 1 and 1000'"_s);
        return std::nullopt;
    }
    qsizetype offset = 0;
    const QString token = body.value(u"nextToken"_s).toString();
    if (!token.isEmpty()) {
        const std::optional<qsizetype> at = pageTokenOffset(listing, token);
        if (!at || *at > all.size()) {
            *error = invalidParameter(u"Invalid parameter at 'nextToken': the token is not "
                                      "valid for this request"_s);
            return std::nullopt;
        }
        offset = *at;
    }
    const QList<T> slice = all.mid(offset, maxResults);
    const qsizetype next = offset + slice.size();
    return std::pair{slice, next < all.size() ? pageToken(listing, next) : QString()};
}

} // namespace

bool SandboxRepositories::isKnownOperation(const QString& operation)
{
    return operation == u"DescribeRepositories" || operation == u"DescribeImages"
        || operation == u"ListImages" || operation == u"BatchDeleteImage"
        || operation == u"DeleteRepository" || operation == u"GetAuthorizationToken";
}

bool SandboxRepositories::isRegistryApiRequest(const HttpRequest& request)
{
    return request.path == "/v2" || request.path.startsWith("/v2/");
}

QString SandboxRepositories::registryOperationOf(const HttpRequest& request)
{
    return request.path.contains("/manifests/") ? u"RegistryManifest"_s : u"RegistryPing"_s;
}

SandboxRepositories::SandboxRepositories(QString account, PullContext context)
    : m_account(std::move(account))
    , m_context(std::move(context))
{ }

void SandboxRepositories::reset()
{
    m_repositories.clear();
    m_tokens.clear();
    m_deniedAction.clear();
    m_upstreamFetches = 0;
}

void SandboxRepositories::addRepository(const QString& region, SandboxRepository repository)
{
    const QString name = repository.name;
    m_repositories[region].insert(name, std::move(repository));
}

QList<SandboxRepository> SandboxRepositories::repositories(const QString& region) const
{
    return m_repositories.value(region).values();
}

const SandboxRepository* SandboxRepositories::find(const QString& region, const QString& name) const
{
    const auto regionIt = m_repositories.constFind(region);
    if (regionIt == m_repositories.cend())
        return nullptr;
    const auto it = regionIt->constFind(name);
    return it == regionIt->cend() ? nullptr : &*it;
}

Result<QJsonObject> SandboxRepositories::handle(
    const QString& region, const QString& operation, const QJsonObject& body, const QDateTime& now)
{
    const QString registryId = body.value(u"registryId"_s).toString();
    if (!registryId.isEmpty() && registryId != m_account)
        return invalidParameter(
            u"registryId must be the calling account's registry (%1)"_s.arg(m_account));
    if (operation == u"DescribeRepositories")
        return describeRepositories(region, body);
    if (operation == u"DescribeImages")
        return describeImages(region, body);
    if (operation == u"ListImages")
        return listImages(region, body);
    if (operation == u"BatchDeleteImage")
        return batchDeleteImage(region, body);
    if (operation == u"DeleteRepository")
        return deleteRepository(region, body);
    return authorizationToken(region, body, now);
}

QJsonObject SandboxRepositories::repositoryJson(
    const QString& region, const SandboxRepository& repository) const
{
    QJsonObject encryption{{u"encryptionType"_s, repository.encryptionType}};
    if (!repository.kmsKey.isEmpty())
        encryption.insert(u"kmsKey"_s, repository.kmsKey);
    return QJsonObject{
        {u"repositoryArn"_s,
            u"arn:aws:ecr:%1:%2:repository/%3"_s.arg(region, m_account, repository.name)},
        {u"registryId"_s, m_account},
        {u"repositoryName"_s, repository.name},
        {u"repositoryUri"_s,
            u"%1.dkr.ecr.%2.amazonaws.com/%3"_s.arg(m_account, region, repository.name)},
        {u"createdAt"_s, epochSeconds(repository.createdAt)},
        {u"imageTagMutability"_s, repository.imageTagMutability},
        {u"imageScanningConfiguration"_s, QJsonObject{{u"scanOnPush"_s, false}}},
        {u"encryptionConfiguration"_s, encryption},
    };
}

QJsonObject SandboxRepositories::imageJson(
    const SandboxRepository& repository, const SandboxImage& image) const
{
    QJsonObject out{{u"registryId"_s, m_account}, {u"repositoryName"_s, repository.name},
        {u"imageDigest"_s, image.digest}, {u"imageSizeInBytes"_s, image.size},
        {u"imagePushedAt"_s, epochSeconds(image.pushedAt)},
        {u"imageManifestMediaType"_s, image.mediaType}};
    if (!image.tags.isEmpty())
        out.insert(u"imageTags"_s, QJsonArray::fromStringList(image.tags));
    if (image.lastPull)
        out.insert(u"lastRecordedPullTime"_s, epochSeconds(*image.lastPull));
    return out;
}

Result<QJsonObject> SandboxRepositories::describeRepositories(
    const QString& region, const QJsonObject& body) const
{
    const Repositories repositories = m_repositories.value(region);
    QList<QJsonObject> all;
    const QJsonArray names = body.value(u"repositoryNames"_s).toArray();
    if (body.contains(u"repositoryNames"_s)) {
        if (names.isEmpty() || names.size() > 100)
            return invalidParameter(u"Invalid parameter at 'repositoryNames' failed to satisfy "
                                    "constraint: 'Member must have length between 1 and 100'"_s);
        if (body.contains(u"maxResults"_s) || body.contains(u"nextToken"_s))
            return invalidParameter(
                u"maxResults and nextToken cannot be used with repositoryNames"_s);
        for (const QJsonValue& value : names) {
            const QString name = value.toString();
            const auto it = repositories.constFind(name);
            if (it == repositories.cend())
                return repositoryNotFound(name, m_account);
            all.append(repositoryJson(region, *it));
        }
        return QJsonObject{{u"repositories"_s, toArray(all)}};
    }
    for (const SandboxRepository& repository : repositories)
        all.append(repositoryJson(region, repository));
    AwsError error;
    const auto slice = page(all, body, u"repositories:"_s + region, 100, &error);
    if (!slice)
        return error;
    QJsonObject out{{u"repositories"_s, toArray(slice->first)}};
    if (!slice->second.isEmpty())
        out.insert(u"nextToken"_s, slice->second);
    return out;
}

std::optional<AwsError> SandboxRepositories::checkRepository(
    const QString& region, const QJsonObject& body) const
{
    const QString name = body.value(u"repositoryName"_s).toString();
    if (name.isEmpty())
        return invalidParameter(u"Invalid parameter at 'repositoryName' failed to satisfy "
                                "constraint: 'Member must not be null'"_s);
    if (!validRepositoryName(name))
        return invalidParameter(
            u"Invalid parameter at 'repositoryName' failed to satisfy "
            "constraint: 'must satisfy regular expression "
            "'(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''"_s);
    if (!find(region, name))
        return repositoryNotFound(name, m_account);
    return std::nullopt;
}

Result<QJsonObject> SandboxRepositories::describeImages(
    const QString& region, const QJsonObject& body) const
{
    if (const std::optional<AwsError> error = checkRepository(region, body))
        return *error;
    const SandboxRepository& repository = *find(region, body.value(u"repositoryName"_s).toString());
    const QString tagStatus
        = body.value(u"filter"_s).toObject().value(u"tagStatus"_s).toString(u"ANY"_s);
    if (tagStatus != u"ANY" && tagStatus != u"TAGGED" && tagStatus != u"UNTAGGED")
        return invalidParameter(u"Invalid parameter at 'filter.tagStatus': must be TAGGED, "
                                "UNTAGGED or ANY"_s);
    QList<QJsonObject> all;
    const QJsonArray ids = body.value(u"imageIds"_s).toArray();
    if (!ids.isEmpty()) {
        for (const QJsonValue& value : ids) {
            const QJsonObject id = value.toObject();
            const QString digest = id.value(u"imageDigest"_s).toString();
            const QString tag = id.value(u"imageTag"_s).toString();
            const auto it = std::find_if(repository.images.cbegin(), repository.images.cend(),
                [&](const SandboxImage& image) {
                    return (!digest.isEmpty() && image.digest == digest)
                        || (!tag.isEmpty() && image.tags.contains(tag));
                });
            if (it == repository.images.cend())
                return serviceError(kBadRequest, u"ImageNotFoundException"_s,
                    u"The image with imageId {imageDigest:'%1', imageTag:'%2'} does not exist "
                    "within the repository with name '%3' in the registry with id '%4'"_s.arg(
                        digest.isEmpty() ? u"null"_s : digest, tag.isEmpty() ? u"null"_s : tag,
                        repository.name, m_account));
            all.append(imageJson(repository, *it));
        }
        return QJsonObject{{u"imageDetails"_s, toArray(all)}};
    }
    for (const SandboxImage& image : repository.images) {
        if ((tagStatus == u"TAGGED" && image.tags.isEmpty())
            || (tagStatus == u"UNTAGGED" && !image.tags.isEmpty()))
            continue;
        all.append(imageJson(repository, image));
    }
    AwsError error;
    const auto slice = page(
        all, body, u"images:%1:%2:%3"_s.arg(region, repository.name, tagStatus), 100, &error);
    if (!slice)
        return error;
    QJsonObject out{{u"imageDetails"_s, toArray(slice->first)}};
    if (!slice->second.isEmpty())
        out.insert(u"nextToken"_s, slice->second);
    return out;
}

Result<QJsonObject> SandboxRepositories::listImages(
    const QString& region, const QJsonObject& body) const
{
    if (const std::optional<AwsError> error = checkRepository(region, body))
        return *error;
    const SandboxRepository& repository = *find(region, body.value(u"repositoryName"_s).toString());
    const QString tagStatus
        = body.value(u"filter"_s).toObject().value(u"tagStatus"_s).toString(u"ANY"_s);
    QList<QJsonObject> all;
    for (const SandboxImage& image : repository.images) {
        if (image.tags.isEmpty() && tagStatus != u"TAGGED")
            all.append(QJsonObject{{u"imageDigest"_s, image.digest}});
        if (tagStatus == u"UNTAGGED")
            continue;
        for (const QString& tag : image.tags)
            all.append(QJsonObject{{u"imageDigest"_s, image.digest}, {u"imageTag"_s, tag}});
    }
    AwsError error;
    const auto slice
        = page(all, body, u"list:%1:%2:%3"_s.arg(region, repository.name, tagStatus), 100, &error);
    if (!slice)
        return error;
    QJsonObject out{{u"imageIds"_s, toArray(slice->first)}};
    if (!slice->second.isEmpty())
        out.insert(u"nextToken"_s, slice->second);
    return out;
}

Result<QJsonObject> SandboxRepositories::batchDeleteImage(
    const QString& region, const QJsonObject& body)
{
    if (const std::optional<AwsError> error = checkRepository(region, body))
        return *error;
    const QJsonArray ids = body.value(u"imageIds"_s).toArray();
    if (ids.isEmpty() || ids.size() > 100)
        return invalidParameter(u"Invalid parameter at 'imageIds' failed to satisfy constraint: "
                                "'Member must have length between 1 and 100'"_s);
    SandboxRepository& repository
        = m_repositories[region][body.value(u"repositoryName"_s).toString()];
    QJsonArray deleted;
    QJsonArray failures;
    for (const QJsonValue& value : ids) {
        const QJsonObject id = value.toObject();
        const QString digest = id.value(u"imageDigest"_s).toString();
        const QString tag = id.value(u"imageTag"_s).toString();
        auto fail = [&](const QString& code, const QString& reason) {
            failures.append(QJsonObject{
                {u"imageId"_s, id}, {u"failureCode"_s, code}, {u"failureReason"_s, reason}});
        };
        if (digest.isEmpty() && tag.isEmpty()) {
            fail(u"MissingDigestAndTag"_s, u"Missing digest and tag"_s);
            continue;
        }
        if (!digest.isEmpty() && !isDigest(digest)) {
            fail(u"InvalidImageDigest"_s, u"Invalid image digest"_s);
            continue;
        }
        const auto it = std::find_if(
            repository.images.begin(), repository.images.end(), [&](const SandboxImage& image) {
                return digest.isEmpty() ? image.tags.contains(tag) : image.digest == digest;
            });
        if (it == repository.images.end()) {
            fail(u"ImageNotFound"_s, u"Requested image not found"_s);
            continue;
        }
        if (!digest.isEmpty() && !tag.isEmpty() && !it->tags.contains(tag)) {
            fail(u"ImageTagDoesNotMatchDigest"_s, u"Invalid tag for image digest"_s);
            continue;
        }
        const bool referenced = std::any_of(repository.images.cbegin(), repository.images.cend(),
            [&](const SandboxImage& image) { return image.children.contains(it->digest); });
        if (referenced && (tag.isEmpty() || it->tags.size() <= 1)) {
            fail(u"ImageReferencedByManifestList"_s,
                u"Requested image referenced by manifest list: [%1]"_s.arg(it->digest));
            continue;
        }
        // A tag alone removes the tag; the last tag, or the digest, removes the image.
        if (!tag.isEmpty() && it->tags.size() > 1) {
            it->tags.removeAll(tag);
            deleted.append(QJsonObject{{u"imageDigest"_s, it->digest}, {u"imageTag"_s, tag}});
            continue;
        }
        for (const QString& t : it->tags)
            deleted.append(QJsonObject{{u"imageDigest"_s, it->digest}, {u"imageTag"_s, t}});
        if (it->tags.isEmpty())
            deleted.append(QJsonObject{{u"imageDigest"_s, it->digest}});
        repository.images.erase(it);
    }
    return QJsonObject{{u"imageIds"_s, deleted}, {u"failures"_s, failures}};
}

Result<QJsonObject> SandboxRepositories::deleteRepository(
    const QString& region, const QJsonObject& body)
{
    if (const std::optional<AwsError> error = checkRepository(region, body))
        return *error;
    const QString name = body.value(u"repositoryName"_s).toString();
    Repositories& repositories = m_repositories[region];
    const SandboxRepository repository = repositories.value(name);
    if (!repository.images.isEmpty() && !body.value(u"force"_s).toBool())
        return serviceError(kBadRequest, u"RepositoryNotEmptyException"_s,
            u"The repository with name '%1' in registry with id '%2' cannot be deleted because "
            "it still contains images"_s.arg(name, m_account));
    repositories.remove(name);
    return QJsonObject{{u"repository"_s, repositoryJson(region, repository)}};
}

Result<QJsonObject> SandboxRepositories::authorizationToken(
    const QString& region, const QJsonObject& body, const QDateTime& now)
{
    static const QRegularExpression accountPattern(u"^[0-9]{12}$"_s);
    if (body.contains(u"registryIds"_s)) {
        const QJsonArray ids = body.value(u"registryIds"_s).toArray();
        if (ids.isEmpty() || ids.size() > 10)
            return invalidParameter(u"Invalid parameter at 'registryIds' failed to satisfy "
                                    "constraint: 'Member must have length between 1 and 10'"_s);
        for (const QJsonValue& id : ids) {
            if (!accountPattern.match(id.toString()).hasMatch())
                return invalidParameter(u"Invalid parameter at 'registryIds' failed to satisfy "
                                        "constraint: 'Member must satisfy regular expression "
                                        "pattern: [0-9]{12}'"_s);
        }
    }
    QByteArray password = "sandbox-registry-token-";
    for (int i = 0; i < 4; ++i)
        password += QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    const QByteArray token = QByteArray("AWS:" + password).toBase64();
    const QDateTime expiresAt = now.addSecs(kTokenLifetimeSeconds);
    m_tokens.insert(QString::fromLatin1(token), {region, expiresAt});
    const QJsonObject data{{u"authorizationToken"_s, QString::fromLatin1(token)},
        {u"expiresAt"_s, epochSeconds(expiresAt)},
        {u"proxyEndpoint"_s, u"https://%1.dkr.ecr.%2.amazonaws.com"_s.arg(m_account, region)}};
    return QJsonObject{{u"authorizationData"_s, QJsonArray{data}}};
}

HttpResponse SandboxRepositories::handleRegistryApi(
    const HttpRequest& request, const QDateTime& now)
{
    const sigv4::Request view{request.method, request.path, request.query, request.headers, {}};
    const QByteArray authorization = view.header("Authorization");
    const QString token = authorization.startsWith("Basic ")
        ? QString::fromLatin1(authorization.mid(6).trimmed())
        : QString();
    const auto it = m_tokens.constFind(token);
    if (token.isEmpty() || it == m_tokens.cend() || it->expiresAt <= now)
        return registryError(now, 401, u"UNAUTHORIZED"_s,
            token.isEmpty() ? u"Not Authorized"_s
                            : u"Your authorization token is invalid or has expired."_s);
    const QString region = it->region;
    if (request.method != "GET" && request.method != "HEAD")
        return registryError(
            now, 405, u"UNSUPPORTED"_s, u"The sandbox serves pulls only (GET and HEAD)."_s);
    const QString path = QUrl::fromPercentEncoding(request.path);
    if (path == u"/v2" || path == u"/v2/")
        return HttpResponse{200,
            {{"Date"_ba, httpDate(now)}, {"Content-Type"_ba, "application/json"_ba},
                {"Docker-Distribution-Api-Version"_ba, "registry/2.0"_ba}},
            "{}"_ba};
    const qsizetype at = path.lastIndexOf(u"/manifests/"_s);
    if (at < 4)
        return registryError(now, 404, u"UNSUPPORTED"_s,
            u"The sandbox serves /v2/ and /v2/<name>/manifests/<reference> only."_s);
    const QString name = path.mid(4, at - 4);
    const QString reference = path.mid(at + qsizetype(qstrlen("/manifests/")));
    if (!validRepositoryName(name))
        return registryError(now, 400, u"NAME_INVALID"_s,
            u"Invalid repository name '%1': lower-case letters, digits and separators only."_s.arg(
                name));
    if (reference.startsWith(u"sha256:"_s) && !isDigest(reference))
        return registryError(now, 400, u"DIGEST_INVALID"_s,
            u"Invalid digest '%1': sha256: and 64 hex digits."_s.arg(reference));
    if (!isDigest(reference) && !validTag(reference))
        return registryError(now, 404, u"MANIFEST_UNKNOWN"_s,
            u"No manifest can have the tag '%1'."_s.arg(reference));
    return manifest(region, name, reference, request, now);
}

HttpResponse SandboxRepositories::manifest(const QString& region, const QString& name,
    const QString& reference, const HttpRequest& request, const QDateTime& now)
{
    const bool byDigest = isDigest(reference);
    auto findImage = [&]() -> SandboxImage* {
        auto regionIt = m_repositories.find(region);
        if (regionIt == m_repositories.end())
            return nullptr;
        auto repo = regionIt->find(name);
        if (repo == regionIt->end())
            return nullptr;
        for (SandboxImage& image : repo->images) {
            if (byDigest ? image.digest == reference : image.tags.contains(reference))
                return &image;
        }
        return nullptr;
    };
    SandboxImage* image = findImage();
    if (!image) {
        if (std::optional<HttpResponse> refused = import(region, name, reference, now))
            return *refused;
        image = findImage();
        if (!image)
            return registryError(now, 404, u"MANIFEST_UNKNOWN"_s, u"Requested image not found"_s);
    }
    const sigv4::Request view{request.method, request.path, request.query, request.headers, {}};
    const QByteArray accept = view.header("Accept");
    if (!accept.isEmpty() && !accept.contains("*/*")
        && !accept.contains(image->mediaType.toLatin1()))
        return registryError(now, 404, u"MANIFEST_UNKNOWN"_s,
            u"The manifest is %1, which the Accept header does not allow."_s.arg(image->mediaType));
    image->lastPull = now;
    return HttpResponse{200,
        {{"Date"_ba, httpDate(now)}, {"Content-Type"_ba, image->mediaType.toLatin1()},
            {"Docker-Content-Digest"_ba, image->digest.toLatin1()},
            {"Docker-Distribution-Api-Version"_ba, "registry/2.0"_ba}},
        request.method == "HEAD" ? QByteArray() : image->body};
}

std::optional<HttpResponse> SandboxRepositories::import(
    const QString& region, const QString& name, const QString& reference, const QDateTime& now)
{
    const std::optional<PullThroughCacheRule> rule
        = m_context.ruleFor ? m_context.ruleFor(region, name) : std::nullopt;
    const bool exists = find(region, name) != nullptr;
    if (!rule) {
        if (exists)
            return registryError(now, 404, u"MANIFEST_UNKNOWN"_s, u"Requested image not found"_s);
        return registryError(now, 404, u"NAME_UNKNOWN"_s,
            u"The repository with name '%1' does not exist in the registry with id '%2'"_s.arg(
                name, m_account));
    }
    const QString denied = m_deniedAction;
    if (denied == u"ecr:BatchImportUpstreamImage" || (!exists && denied == u"ecr:CreateRepository"))
        return registryError(now, 403, u"DENIED"_s,
            u"User: arn:aws:iam::%1:user/sandbox is not authorized to perform: %2 on resource: "
            "arn:aws:ecr:%3:%1:repository/%4"_s.arg(m_account, denied, region, name));
    if (m_context.upstreamAccess) {
        if (const std::optional<AwsError> error = m_context.upstreamAccess(region, *rule))
            return registryError(now, 403, u"DENIED"_s,
                u"The authentication to the upstream registry failed. Verify that the secret %1 "
                "holds valid credentials: %2"_s.arg(rule->credentialArn, error->message));
    }
    if (isDigest(reference))
        // ECR does not populate a cache from a pull by digest: test by tag.
        return registryError(now, 404, u"MANIFEST_UNKNOWN"_s, u"Requested image not found"_s);

    const std::optional<UpstreamRegistry> registry
        = upstreamRegistryFromWireName(rule->upstreamRegistry);
    QString prefix = rule->ecrRepositoryPrefix;
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    QString upstreamPath = prefix == u"ROOT" ? name : name.mid(prefix.size() + 1);
    const QString upstreamPrefix = rule->upstreamRepositoryPrefix;
    if (!upstreamPrefix.isEmpty() && upstreamPrefix != u"ROOT")
        upstreamPath = upstreamPrefix + u'/' + upstreamPath;
    if (!registry || !upstreamHasRepository(*registry, upstreamPath))
        return registryError(now, 404, u"NAME_UNKNOWN"_s,
            u"The upstream registry %1 has no repository %2"_s.arg(
                rule->upstreamRegistryUrl, upstreamPath));
    const std::optional<UpstreamImage> upstream = upstreamImage(*registry, upstreamPath, reference);
    if (!upstream)
        return registryError(now, 404, u"MANIFEST_UNKNOWN"_s,
            u"The upstream repository %1 has no tag %2"_s.arg(upstreamPath, reference));

    ++m_upstreamFetches;
    Repositories& repositories = m_repositories[region];
    if (!repositories.contains(name)) {
        SandboxRepository created;
        created.name = name;
        created.createdAt = now;
        const QList<RepositoryCreationTemplate> templates = m_context.templates
            ? m_context.templates(region)
            : QList<RepositoryCreationTemplate>{};
        if (const std::optional<RepositoryCreationTemplate> t
            = templateForRule(prefix, templates)) {
            if (!t->imageTagMutability.isEmpty())
                created.imageTagMutability = t->imageTagMutability;
            if (!t->encryptionType.isEmpty())
                created.encryptionType = t->encryptionType;
            created.kmsKey = t->kmsKey;
        }
        repositories.insert(name, created);
    }
    SandboxRepository& repository = repositories[name];
    // The tag moves to the new digest, as a re-import of a newer upstream image does.
    for (SandboxImage& image : repository.images)
        image.tags.removeAll(reference);
    auto store = [&](const UpstreamManifest& m, const QStringList& tags, const QStringList& kids) {
        for (SandboxImage& image : repository.images) {
            if (image.digest == m.digest) {
                image.tags.append(tags);
                return;
            }
        }
        repository.images.append(
            {m.digest, m.mediaType, m.body, tags, m.size, now, std::nullopt, kids});
    };
    QStringList children;
    for (const UpstreamManifest& child : upstream->children) {
        store(child, {}, {});
        children.append(child.digest);
    }
    store(upstream->top, {reference}, children);
    return std::nullopt;
}

} // namespace ecr::sandbox
