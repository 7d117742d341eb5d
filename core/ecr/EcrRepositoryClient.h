#pragma once

#include "RepositoryTypes.h"
#include "ServiceClient.h"

#include <QCoroTask>
#include <QObject>

#include <functional>

// The repositories and images of the registry, over the same ECR pipeline as the rules:
// DescribeRepositories (every page, those under a prefix), DescribeImages (every page),
// BatchDeleteImage, DeleteRepository and GetAuthorizationToken.
namespace ecr {

class EcrRepositoryClient final : public QObject
{
    Q_OBJECT

public:
    explicit EcrRepositoryClient(ServiceClient& transport, QObject* parent = nullptr);

    // Every repository whose name is under `prefix` ("<prefix>/…"; empty: all), page by page;
    // `progress` hears the count listed so far after each page.
    QCoro::Task<Result<QList<CachedRepository>>> describeRepositories(
        QString prefix = {}, std::function<void(int)> progress = {}, CancelToken cancel = {});
    QCoro::Task<Result<QList<ImageSummary>>> describeImages(
        QString repositoryName, CancelToken cancel = {});
    // Any number of images, sent in batches of kDeleteBatch.
    QCoro::Task<Result<DeletedImages>> batchDeleteImage(
        QString repositoryName, QList<ImageId> images, CancelToken cancel = {});
    // `force`: with its images (a cached repository always has some).
    QCoro::Task<Result<CachedRepository>> deleteRepository(
        QString repositoryName, bool force, CancelToken cancel = {});
    QCoro::Task<Result<RegistryToken>> authorizationToken(CancelToken cancel = {});

    static constexpr int kPageSize = 1000; // the model's maximum
    static constexpr int kDeleteBatch = 100; // BatchDeleteImage's imageIds at most
    static constexpr int kMaxPages = 10000;

private:
    ServiceClient& m_transport;
};

} // namespace ecr
