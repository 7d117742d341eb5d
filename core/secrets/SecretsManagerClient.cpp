#include "SecretsManagerClient.h"

#include "JsonValues.h"
#include "Paging.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUuid>

Q_LOGGING_CATEGORY(lcSecrets, "ecr.secrets", QtInfoMsg)

namespace ecr {

using namespace Qt::StringLiterals;

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::SecretsManagerClient)
};

QDateTime epochTime(const QJsonValue& value)
{
    return ecr::json::epochSeconds(value);
}

AwsError invalidInput(const QString& code, const QString& message)
{
    return makeError(ErrorKind::InvalidInput, code, message, 0);
}

QString requestToken()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

SecretSummary SecretSummary::fromJson(const QJsonObject& json)
{
    SecretSummary s;
    s.arn = json.value(u"ARN"_s).toString();
    s.name = json.value(u"Name"_s).toString();
    s.description = json.value(u"Description"_s).toString();
    s.kmsKeyId = json.value(u"KmsKeyId"_s).toString();
    s.createdDate = epochTime(json.value(u"CreatedDate"_s));
    s.lastChangedDate = epochTime(json.value(u"LastChangedDate"_s));
    s.versionIds = json.value(u"SecretVersionsToStages"_s).toObject().keys();
    return s;
}

QString secretValueJson(const UpstreamCredentials& credentials)
{
    // QJsonObject sorts its keys; the order ECR's documentation shows is username first.
    const QByteArray username
        = QJsonDocument(QJsonArray{credentials.username}).toJson(QJsonDocument::Compact);
    const QByteArray token
        = QJsonDocument(QJsonArray{credentials.accessToken}).toJson(QJsonDocument::Compact);
    return u"{\"username\":"_s + QString::fromUtf8(username.mid(1, username.size() - 2))
        + u",\"accessToken\":"_s + QString::fromUtf8(token.mid(1, token.size() - 2)) + u'}';
}

QString secretNameProblem(const QString& name)
{
    static const QRegularExpression allowed(u"^[A-Za-z0-9/_+=.@-]{1,512}$"_s);
    if (!name.startsWith(kPtcSecretPrefix) || name.size() == kPtcSecretPrefix.size())
        return Tr::tr("The secret's name must start with ecr-pullthroughcache/ and go on, for "
                      "example ecr-pullthroughcache/docker-hub.");
    if (!allowed.match(name).hasMatch())
        return Tr::tr("A secret name has at most 512 letters, digits and /_+=.@- characters.");
    // Secrets Manager adds -XXXXXX to the ARN; a name ending like that confuses partial ARNs.
    static const QRegularExpression suffix(u"-[A-Za-z0-9]{6}$"_s);
    if (suffix.match(name).hasMatch())
        return Tr::tr("Do not end the name with a hyphen and six characters: Secrets Manager adds "
                      "such a suffix to the ARN itself.");
    return {};
}

QString credentialsProblem(const UpstreamCredentials& credentials)
{
    if (credentials.username.trimmed().isEmpty())
        return Tr::tr("Enter the upstream registry's user name.");
    if (credentials.accessToken.isEmpty())
        return Tr::tr("Enter the access token (or password) of that user.");
    if (secretValueJson(credentials).size() > 65536)
        return Tr::tr("The user name and token are longer than a secret can hold (64 KiB).");
    return {};
}

ResolvedEndpoint secretsManagerEndpoint(const QString& region, const QUrl& customEndpoint)
{
    const Partition& partition = partitionForRegion(region);
    if (!customEndpoint.isEmpty())
        return {customEndpoint, region, partition.id};
    return {QUrl(u"https://secretsmanager.%1.%2"_s.arg(region, partition.dnsSuffix)), region,
        partition.id};
}

SecretsManagerClient::SecretsManagerClient(ServiceClient& transport, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
{ }

ServiceInfo SecretsManagerClient::service()
{
    return {Tr::tr("AWS Secrets Manager"), "secretsmanager", Protocol::AwsJson1_1, "secretsmanager",
        {}};
}

QCoro::Task<Result<QList<SecretSummary>>> SecretsManagerClient::listPtcSecrets(CancelToken cancel)
{
    QList<SecretSummary> out;
    QString next;
    PageGuard pages(u"ListSecrets"_s, kMaxPages);
    for (;;) {
        OperationRequest request;
        request.name = u"ListSecrets"_s;
        request.body = QJsonObject{{u"MaxResults"_s, kPageSize},
            {u"Filters"_s,
                QJsonArray{QJsonObject{
                    {u"Key"_s, u"name"_s}, {u"Values"_s, QJsonArray{QString(kPtcSecretPrefix)}}}}}};
        if (!next.isEmpty())
            request.body.insert(u"NextToken"_s, next);
        const Result<ServiceAnswer> answer = co_await m_transport.call(request, cancel);
        if (!answer)
            co_return answer.error();
        for (const QJsonValue& entry : answer->json.value(u"SecretList"_s).toArray()) {
            SecretSummary summary = SecretSummary::fromJson(entry.toObject());
            // The service's name filter is a prefix match without case: keep the exact ones.
            if (summary.name.startsWith(kPtcSecretPrefix))
                out.append(summary);
        }
        next = answer->json.value(u"NextToken"_s).toString();
        if (next.isEmpty())
            co_return out;
        if (std::optional<AwsError> stop = pages.next(next))
            co_return *stop;
    }
}

QCoro::Task<Result<SecretSummary>> SecretsManagerClient::describeSecret(
    QString secretId, CancelToken cancel)
{
    OperationRequest request;
    request.name = u"DescribeSecret"_s;
    request.body = QJsonObject{{u"SecretId"_s, secretId}};
    const Result<ServiceAnswer> answer = co_await m_transport.call(request, cancel);
    if (!answer)
        co_return answer.error();
    co_return SecretSummary::fromJson(answer->json);
}

QCoro::Task<Result<CreatedSecret>> SecretsManagerClient::createSecret(
    CreateSecretRequest input, CancelToken cancel)
{
    if (const QString problem = secretNameProblem(input.name); !problem.isEmpty())
        co_return invalidInput(u"Name"_s, problem);
    if (const QString problem = credentialsProblem(input.credentials); !problem.isEmpty())
        co_return invalidInput(u"SecretString"_s, problem);
    OperationRequest request;
    request.name = u"CreateSecret"_s;
    request.body = QJsonObject{{u"Name"_s, input.name},
        {u"SecretString"_s, secretValueJson(input.credentials)},
        {u"ClientRequestToken"_s, requestToken()}};
    if (!input.description.isEmpty())
        request.body.insert(u"Description"_s, input.description);
    if (!input.kmsKeyId.isEmpty())
        request.body.insert(u"KmsKeyId"_s, input.kmsKeyId);
    const QString token = request.body.value(u"ClientRequestToken"_s).toString();
    const Result<ServiceAnswer> answer = co_await m_transport.call(request, cancel);
    if (!answer && answer.error().isService(u"ResourceExistsException")) {
        // A resend (ours or the network stack's) met the secret an earlier attempt made, whose
        // answer was lost: it is ours when it holds our request token as a version.
        const QString name = input.name;
        const Result<SecretSummary> existing = co_await describeSecret(name, cancel);
        if (existing && existing->versionIds.contains(token))
            co_return CreatedSecret{existing->arn, existing->name, token};
    }
    if (!answer)
        co_return answer.error();
    // The name and ARN only: the value never reaches a log.
    qCInfo(lcSecrets) << "created the secret" << answer->json.value(u"ARN"_s).toString();
    co_return CreatedSecret{answer->json.value(u"ARN"_s).toString(),
        answer->json.value(u"Name"_s).toString(), answer->json.value(u"VersionId"_s).toString()};
}

QCoro::Task<Result<CreatedSecret>> SecretsManagerClient::putSecretValue(
    QString secretId, UpstreamCredentials credentials, CancelToken cancel)
{
    if (const QString problem = credentialsProblem(credentials); !problem.isEmpty())
        co_return invalidInput(u"SecretString"_s, problem);
    OperationRequest request;
    request.name = u"PutSecretValue"_s;
    request.body
        = QJsonObject{{u"SecretId"_s, secretId}, {u"SecretString"_s, secretValueJson(credentials)},
            {u"ClientRequestToken"_s, requestToken()}};
    const Result<ServiceAnswer> answer = co_await m_transport.call(request, cancel);
    if (!answer)
        co_return answer.error();
    co_return CreatedSecret{answer->json.value(u"ARN"_s).toString(),
        answer->json.value(u"Name"_s).toString(), answer->json.value(u"VersionId"_s).toString()};
}

} // namespace ecr
