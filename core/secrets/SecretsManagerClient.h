#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "Endpoint.h"
#include "ServiceClient.h"

#include <QCoroTask>
#include <QDateTime>
#include <QObject>
#include <QString>

// AWS Secrets Manager for pull-through cache credentials. A rule's upstream credentials are a
// secret named ecr-pullthroughcache/<something> in the registry's account and region whose value
// is {"username": …, "accessToken": …}. The client lists and describes such secrets, creates one
// and replaces its token; it never asks for a secret's value (GetSecretValue is not here).
namespace ecr {

// What ListSecrets and DescribeSecret say about a secret (never its value).
struct SecretSummary
{
    QString arn;
    QString name;
    QString description;
    QString kmsKeyId; // empty: the account's aws/secretsmanager key
    QDateTime createdDate;
    QDateTime lastChangedDate;
    QStringList versionIds; // SecretVersionsToStages' keys

    static SecretSummary fromJson(const QJsonObject& json);
};

// The upstream registry's user name and access token; the token is secret: it is sent once and
// kept nowhere.
struct UpstreamCredentials
{
    QString username;
    QString accessToken;
};

struct CreateSecretRequest
{
    QString name; // the whole name, ecr-pullthroughcache/ included
    QString description;
    QString kmsKeyId; // empty: the default key
    UpstreamCredentials credentials;
};

struct CreatedSecret
{
    QString arn;
    QString name;
    QString versionId;
};

// "ecr-pullthroughcache/": the prefix ECR requires of a rule's secret.
inline constexpr QLatin1StringView kPtcSecretPrefix{"ecr-pullthroughcache/"};

// The value ECR reads: {"username":"…","accessToken":"…"} (compact, in that order).
QString secretValueJson(const UpstreamCredentials& credentials);
// What is wrong with a secret name (empty when it is fine): Secrets Manager's characters and
// length, and ECR's prefix.
QString secretNameProblem(const QString& name);
// What is wrong with the credentials (empty when both are there).
QString credentialsProblem(const UpstreamCredentials& credentials);
// https://secretsmanager.<region>.<dnsSuffix>, or the custom endpoint.
ResolvedEndpoint secretsManagerEndpoint(const QString& region, const QUrl& customEndpoint = {});

class SecretsManagerClient final : public QObject
{
    Q_OBJECT

public:
    explicit SecretsManagerClient(ServiceClient& transport, QObject* parent = nullptr);

    // awsJson1_1, signing name and target prefix "secretsmanager".
    static ServiceInfo service();

    // Every ecr-pullthroughcache/ secret of the account and region (ListSecrets, name filter,
    // every page), in the service's order.
    QCoro::Task<Result<QList<SecretSummary>>> listPtcSecrets(CancelToken cancel = {});
    QCoro::Task<Result<SecretSummary>> describeSecret(QString secretId, CancelToken cancel = {});
    // CreateSecret with a fresh ClientRequestToken, so that a retry after a lost answer is the
    // same request (the service answers it as before instead of making a second version).
    QCoro::Task<Result<CreatedSecret>> createSecret(
        CreateSecretRequest request, CancelToken cancel = {});
    // PutSecretValue: a new version with these credentials becomes AWSCURRENT.
    QCoro::Task<Result<CreatedSecret>> putSecretValue(
        QString secretId, UpstreamCredentials credentials, CancelToken cancel = {});

    static constexpr int kPageSize = 100;
    static constexpr int kMaxPages = 1000;

private:
    ServiceClient& m_transport;
};

} // namespace ecr
