#pragma once

#include "SandboxHttp.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// The sandbox's AWS Secrets Manager: the four operations the app calls (ListSecrets with filters
// and pages, CreateSecret, DescribeSecret, PutSecretValue), awsJson1_1 with target prefix
// "secretsmanager." and the service's members and errors. KMS keys provoke theirs by name: a key
// with "missing" is not found, "disabled" fails encryption (EncryptionFailure), "undecryptable"
// fails decryption (DecryptionFailure). Past the quota of secrets per region:
// LimitExceededException. MalformedPolicyDocumentException and PreconditionNotMetException
// need a resource policy, which no member the app sends carries: they are not served. Secrets live
// in memory per region, with their values — which no operation returns (the app never reads one),
// and which are never written to the state file, logged or printed.
namespace ecr::sandbox {

struct SandboxSecret
{
    QString arn; // arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>
    QString name;
    QString description;
    QString kmsKeyId;
    QDateTime createdDate;
    QDateTime lastChangedDate;
    QString versionId;
    QString secretString; // secret: in memory only
    QStringList versions; // every VersionId, oldest first
};

class SandboxSecretsManager final
{
public:
    static constexpr QLatin1StringView kTargetPrefix{"secretsmanager."};
    static bool isKnownOperation(const QString& operation);

    explicit SandboxSecretsManager(QString account, int quota = 500000)
        : m_account(std::move(account))
        , m_quota(quota)
    { }
    void setQuota(int quota) { m_quota = quota; } // secrets per region (the service's: 500,000)

    Result<QJsonObject> handle(const QString& region, const QString& operation,
        const QJsonObject& body, const QDateTime& now);

    // For the ECR side and tests: the secret an ARN (or a name) names in a region, if any.
    const SandboxSecret* find(const QString& region, const QString& idOrArn) const;
    QList<SandboxSecret> secrets(const QString& region) const { return m_secrets.value(region); }
    void reset() { m_secrets.clear(); }

    static constexpr int kMaxResults = 100;

private:
    Result<QJsonObject> createSecret(
        const QString& region, const QJsonObject& body, const QDateTime& now);
    Result<QJsonObject> describeSecret(const QString& region, const QJsonObject& body) const;
    Result<QJsonObject> listSecrets(const QString& region, const QJsonObject& body) const;
    Result<QJsonObject> putSecretValue(
        const QString& region, const QJsonObject& body, const QDateTime& now);
    SandboxSecret* findMutable(const QString& region, const QString& idOrArn);

    QString m_account;
    int m_quota;
    QHash<QString, QList<SandboxSecret>> m_secrets; // region → secrets in creation order
};

// The awsJson1_1 error answer as Secrets Manager writes it ({"__type", "Message"}).
HttpResponse secretsManagerErrorResponse(const QDateTime& now, const AwsError& error);

} // namespace ecr::sandbox
