#include "EcrRepositoryClient.h"

#include "Paging.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace ecr {

using namespace Qt::StringLiterals;

EcrRepositoryClient::EcrRepositoryClient(ServiceClient& transport, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
{ }

QCoro::Task<Result<QList<CachedRepository>>> EcrRepositoryClient::describeRepositories(
    QString prefix, std::function<void(int)> progress, CancelToken cancel)
{
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    const QString under = prefix.isEmpty() ? QString() : prefix + u'/';
    QList<CachedRepository> out;
    QString next;
    PageGuard pages(u"DescribeRepositories"_s, kMaxPages);
    for (;;) {
        OperationRequest request;
        request.name = u"DescribeRepositories"_s;
        request.body = QJsonObject{{u"maxResults"_s, kPageSize}};
        if (!next.isEmpty())
            request.body.insert(u"nextToken"_s, next);
        const Result<ServiceAnswer> answer = co_await m_transport.call(request, cancel);
        if (!answer)
            co_return answer.error();
        for (const QJsonValue& v : answer->json.value(u"repositories"_s).toArray()) {
            const QJsonObject json = v.toObject();
            if (under.isEmpty() || json.value(u"repositoryName"_s).toString().startsWith(under))
                out.append(CachedRepository::fromJson(json));
        }
        if (progress)
            progress(int(out.size()));
        next = answer->json.value(u"nextToken"_s).toString();
        if (next.isEmpty())
            co_return out;
        if (std::optional<AwsError> stop = pages.next(next))
            co_return *stop;
    }
}

QCoro::Task<Result<QList<ImageSummary>>> EcrRepositoryClient::describeImages(
    QString repositoryName, CancelToken cancel)
{
    QList<ImageSummary> out;
    QString next;
    PageGuard pages(u"DescribeImages"_s, kMaxPages);
    for (;;) {
        OperationRequest request;
        request.name = u"DescribeImages"_s;
        request.body
            = QJsonObject{{u"repositoryName"_s, repositoryName}, {u"maxResults"_s, kPageSize}};
        if (!next.isEmpty())
            request.body.insert(u"nextToken"_s, next);
        const Result<ServiceAnswer> answer = co_await m_transport.call(request, cancel);
        if (!answer)
            co_return answer.error();
        for (const QJsonValue& v : answer->json.value(u"imageDetails"_s).toArray())
            out.append(ImageSummary::fromJson(v.toObject()));
        next = answer->json.value(u"nextToken"_s).toString();
        if (next.isEmpty())
            co_return out;
        if (std::optional<AwsError> stop = pages.next(next))
            co_return *stop;
    }
}

QCoro::Task<Result<DeletedImages>> EcrRepositoryClient::batchDeleteImage(
    QString repositoryName, QList<ImageId> images, CancelToken cancel)
{
    DeletedImages out;
    // The model allows 100 ids a call: larger lists go in batches, in order.
    for (qsizetype from = 0; from < images.size(); from += kDeleteBatch) {
        QJsonArray ids;
        for (const ImageId& id : images.mid(from, kDeleteBatch))
            ids.append(id.toJson());
        OperationRequest request;
        request.name = u"BatchDeleteImage"_s;
        request.body = QJsonObject{{u"repositoryName"_s, repositoryName}, {u"imageIds"_s, ids}};
        const Result<ServiceAnswer> answer = co_await m_transport.call(request, cancel);
        if (!answer)
            co_return answer.error();
        for (const QJsonValue& v : answer->json.value(u"imageIds"_s).toArray())
            out.deleted.append(ImageId::fromJson(v.toObject()));
        for (const QJsonValue& v : answer->json.value(u"failures"_s).toArray()) {
            const QJsonObject f = v.toObject();
            out.failures.append({ImageId::fromJson(f.value(u"imageId"_s).toObject()),
                f.value(u"failureCode"_s).toString(), f.value(u"failureReason"_s).toString()});
        }
    }
    co_return out;
}

QCoro::Task<Result<CachedRepository>> EcrRepositoryClient::deleteRepository(
    QString repositoryName, bool force, CancelToken cancel)
{
    OperationRequest request;
    request.name = u"DeleteRepository"_s;
    request.body = QJsonObject{{u"repositoryName"_s, repositoryName}, {u"force"_s, force}};
    const Result<ServiceAnswer> answer = co_await m_transport.call(request, cancel);
    if (!answer)
        co_return answer.error();
    co_return CachedRepository::fromJson(answer->json.value(u"repository"_s).toObject());
}

QCoro::Task<Result<RegistryToken>> EcrRepositoryClient::authorizationToken(CancelToken cancel)
{
    OperationRequest request;
    request.name = u"GetAuthorizationToken"_s;
    request.body = QJsonObject{};
    const Result<ServiceAnswer> answer = co_await m_transport.call(request, cancel);
    if (!answer)
        co_return answer.error();
    const QJsonArray data = answer->json.value(u"authorizationData"_s).toArray();
    if (data.isEmpty())
        co_return makeError(ErrorKind::InvalidResponse, u"NoAuthorizationData"_s,
            QCoreApplication::translate(
                "ecr::EcrRepositoryClient", "GetAuthorizationToken answered without a token."),
            0);
    const QJsonObject first = data.first().toObject();
    RegistryToken token;
    token.authorizationToken = first.value(u"authorizationToken"_s).toString().toLatin1();
    token.expiresAt = epochTime(first.value(u"expiresAt"_s));
    token.proxyEndpoint = QUrl(first.value(u"proxyEndpoint"_s).toString());
    co_return token;
}

} // namespace ecr
