#pragma once

#include "RepositoryTemplate.h"
#include "ServiceClient.h"

#include <QCoroTask>
#include <QObject>

#include <optional>

// The registry-wide settings a pull-through cache depends on, over the same ECR pipeline as the
// rules: repository creation templates (create, describe with every page, update, delete) and
// the registry policy (get, put). Templates are checked with the model's constraints before
// anything is sent.
namespace ecr {

class EcrRegistryClient final : public QObject
{
    Q_OBJECT

public:
    explicit EcrRegistryClient(ServiceClient& transport, QObject* parent = nullptr);

    QCoro::Task<Result<RepositoryCreationTemplate>> createTemplate(
        RepositoryCreationTemplate t, CancelToken cancel = {});
    QCoro::Task<Result<QList<RepositoryCreationTemplate>>> describeAllTemplates(
        QStringList prefixes = {}, CancelToken cancel = {});
    QCoro::Task<Result<RepositoryCreationTemplate>> updateTemplate(
        RepositoryCreationTemplate t, CancelToken cancel = {});
    QCoro::Task<Result<RepositoryCreationTemplate>> deleteTemplate(
        QString prefix, CancelToken cancel = {});

    // The registry policy's JSON text; nullopt when the registry has none.
    QCoro::Task<Result<std::optional<QString>>> registryPolicy(CancelToken cancel = {});
    QCoro::Task<Result<QString>> putRegistryPolicy(QString policyText, CancelToken cancel = {});

    static constexpr int kPageSize = 100;
    static constexpr int kMaxPages = 1000;

private:
    QCoro::Task<Result<RepositoryCreationTemplate>> sendTemplate(
        QString operation, RepositoryCreationTemplate t, CancelToken cancel);

    ServiceClient& m_transport;
};

} // namespace ecr
