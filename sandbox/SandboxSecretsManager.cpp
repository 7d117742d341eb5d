#include "SandboxSecretsManager.h"

#include "SandboxPageToken.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

namespace ecr::sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr int kBadRequest = 400;

AwsError invalidParameter(const QString& message)
{
    return serviceError(kBadRequest, u"InvalidParameterException"_s, message);
}

AwsError notFound()
{
    return serviceError(kBadRequest, u"ResourceNotFoundException"_s,
        u"Secrets Manager can't find the specified secret."_s);
}

double epochSeconds(const QDateTime& time)
{
    return double(time.toMSecsSinceEpoch()) / 1000.0;
}

QString randomSuffix()
{
    static const QString alphabet
        = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"_s;
    QString out;
    for (int i = 0; i < 6; ++i)
        out += alphabet.at(int(QRandomGenerator::global()->bounded(alphabet.size())));
    return out;
}

QJsonObject entryOf(const SandboxSecret& s)
{
    QJsonObject o{{u"ARN"_s, s.arn}, {u"Name"_s, s.name},
        {u"CreatedDate"_s, epochSeconds(s.createdDate)},
        {u"LastChangedDate"_s, epochSeconds(s.lastChangedDate)}};
    if (!s.description.isEmpty())
        o.insert(u"Description"_s, s.description);
    if (!s.kmsKeyId.isEmpty())
        o.insert(u"KmsKeyId"_s, s.kmsKeyId);
    QJsonObject stages;
    for (const QString& version : s.versions)
        stages.insert(version,
            version == s.versionId ? QJsonArray{u"AWSCURRENT"_s} : QJsonArray{u"AWSPREVIOUS"_s});
    o.insert(u"SecretVersionsToStages"_s, stages);
    return o;
}

// The request's value: SecretString (SecretBinary is not a value an ECR credential can have).
std::optional<AwsError> checkValue(const QJsonObject& body, bool required)
{
    const bool hasString = body.contains(u"SecretString"_s);
    if (hasString && body.contains(u"SecretBinary"_s))
        return invalidParameter(u"You can't specify both a binary secret value and a string "
                                "secret value in the same secret."_s);
    if (!hasString && required)
        return serviceError(kBadRequest, u"InvalidRequestException"_s,
            u"You must provide either SecretString or SecretBinary."_s);
    const QString value = body.value(u"SecretString"_s).toString();
    if (hasString && (value.isEmpty() || value.size() > 65536))
        return invalidParameter(u"Invalid SecretString: it must be 1 to 65536 characters long."_s);
    return std::nullopt;
}

std::optional<AwsError> checkRequestToken(const QJsonObject& body)
{
    const QString token = body.value(u"ClientRequestToken"_s).toString();
    if (body.contains(u"ClientRequestToken"_s) && (token.size() < 32 || token.size() > 64))
        return invalidParameter(u"ClientRequestToken must be 32 to 64 characters long."_s);
    return std::nullopt;
}

// A KMS key that cannot do its part, by name (see the header). A new version re-encrypts
// with the secret's key, which first decrypts the current one: only then can decryption fail.
std::optional<AwsError> checkKey(const QString& kms, bool existingVersion)
{
    if (kms.contains(u"disabled"))
        return serviceError(kBadRequest, u"EncryptionFailure"_s,
            u"Secrets Manager can't encrypt the protected secret text using the provided KMS key. "
            "Check that the KMS key is available, enabled, and not in an invalid state."_s);
    if (existingVersion && kms.contains(u"undecryptable"))
        return serviceError(kBadRequest, u"DecryptionFailure"_s,
            u"Secrets Manager can't decrypt the protected secret text using the provided KMS "
            "key."_s);
    return std::nullopt;
}

} // namespace

bool SandboxSecretsManager::isKnownOperation(const QString& operation)
{
    return operation == u"ListSecrets" || operation == u"CreateSecret"
        || operation == u"DescribeSecret" || operation == u"PutSecretValue";
}

Result<QJsonObject> SandboxSecretsManager::handle(
    const QString& region, const QString& operation, const QJsonObject& body, const QDateTime& now)
{
    if (operation == u"CreateSecret")
        return createSecret(region, body, now);
    if (operation == u"DescribeSecret")
        return describeSecret(region, body);
    if (operation == u"ListSecrets")
        return listSecrets(region, body);
    if (operation == u"PutSecretValue")
        return putSecretValue(region, body, now);
    return serviceError(kBadRequest, u"UnknownOperationException"_s, QString());
}

const SandboxSecret* SandboxSecretsManager::find(
    const QString& region, const QString& idOrArn) const
{
    const auto it = m_secrets.constFind(region);
    if (it == m_secrets.cend())
        return nullptr;
    for (const SandboxSecret& s : *it) {
        // An ARN, a partial ARN (without the random suffix) or the name.
        if (s.arn == idOrArn || s.name == idOrArn || s.arn.chopped(7) == idOrArn)
            return &s;
    }
    return nullptr;
}

SandboxSecret* SandboxSecretsManager::findMutable(const QString& region, const QString& idOrArn)
{
    return const_cast<SandboxSecret*>(find(region, idOrArn));
}

Result<QJsonObject> SandboxSecretsManager::createSecret(
    const QString& region, const QJsonObject& body, const QDateTime& now)
{
    const QString name = body.value(u"Name"_s).toString();
    static const QRegularExpression allowed(u"^[A-Za-z0-9/_+=.@-]{1,512}$"_s);
    if (!allowed.match(name).hasMatch())
        return invalidParameter(u"Invalid name. Must be a valid name containing alphanumeric "
                                "characters, or any of the following: -/_+=.@!"_s);
    if (const auto error = checkValue(body, false))
        return *error;
    if (const auto error = checkRequestToken(body))
        return *error;
    if (body.value(u"Description"_s).toString().size() > 2048)
        return invalidParameter(u"Description must be at most 2048 characters long."_s);
    if (find(region, name))
        return serviceError(kBadRequest, u"ResourceExistsException"_s,
            u"The operation failed because the secret %1 already exists."_s.arg(name));
    const QString kms = body.value(u"KmsKeyId"_s).toString();
    if (kms.startsWith(u"alias/missing") || kms.contains(u":key/missing"))
        return serviceError(kBadRequest, u"ResourceNotFoundException"_s,
            u"Secrets Manager can't find the specified KMS key."_s);
    if (const auto error = checkKey(kms, false))
        return *error;
    if (m_secrets.value(region).size() >= m_quota)
        return serviceError(kBadRequest, u"LimitExceededException"_s,
            u"You have exceeded the maximum number of secrets (%1) in this region."_s.arg(m_quota));
    SandboxSecret secret;
    secret.name = name;
    secret.arn = u"arn:aws:secretsmanager:%1:%2:secret:%3-%4"_s.arg(
        region, m_account, name, randomSuffix());
    secret.description = body.value(u"Description"_s).toString();
    secret.kmsKeyId = kms;
    secret.createdDate = now;
    secret.lastChangedDate = now;
    QJsonObject out{{u"ARN"_s, secret.arn}, {u"Name"_s, secret.name}};
    if (body.contains(u"SecretString"_s)) {
        const QString token = body.value(u"ClientRequestToken"_s).toString();
        secret.versionId
            = token.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : token;
        secret.versions = {secret.versionId};
        secret.secretString = body.value(u"SecretString"_s).toString();
        out.insert(u"VersionId"_s, secret.versionId);
    }
    m_secrets[region].append(secret);
    return out;
}

Result<QJsonObject> SandboxSecretsManager::describeSecret(
    const QString& region, const QJsonObject& body) const
{
    const QString id = body.value(u"SecretId"_s).toString();
    if (id.isEmpty() || id.size() > 2048)
        return invalidParameter(u"SecretId must be 1 to 2048 characters long."_s);
    const SandboxSecret* secret = find(region, id);
    if (!secret)
        return notFound();
    return entryOf(*secret);
}

Result<QJsonObject> SandboxSecretsManager::listSecrets(
    const QString& region, const QJsonObject& body) const
{
    const int max
        = body.contains(u"MaxResults"_s) ? body.value(u"MaxResults"_s).toInt(-1) : kMaxResults;
    if (max < 1 || max > kMaxResults)
        return invalidParameter(u"MaxResults must be between 1 and 100."_s);
    // Filters: name, description and all match a prefix, case-insensitively; "!" negates.
    struct Filter
    {
        QString key;
        QStringList values;
    };
    QList<Filter> filters;
    static const QRegularExpression valueShape(u"^!?[a-zA-Z0-9 :_@/+=.\\-!]{0,512}$"_s);
    for (const QJsonValue& item : body.value(u"Filters"_s).toArray()) {
        const QJsonObject f = item.toObject();
        const QString key = f.value(u"Key"_s).toString();
        if (!QStringList{u"description"_s, u"name"_s, u"tag-key"_s, u"tag-value"_s,
                u"primary-region"_s, u"owning-service"_s, u"all"_s}
                 .contains(key))
            return invalidParameter(u"Invalid filter key: %1"_s.arg(key));
        QStringList values;
        for (const QJsonValue& v : f.value(u"Values"_s).toArray()) {
            if (!valueShape.match(v.toString()).hasMatch())
                return invalidParameter(u"Invalid filter value: %1"_s.arg(v.toString()));
            values.append(v.toString());
        }
        if (values.isEmpty() || values.size() > 10)
            return invalidParameter(u"A filter needs 1 to 10 values."_s);
        filters.append({key, values});
    }
    auto matches = [](const QString& field, const QString& value) {
        const bool negated = value.startsWith(u'!');
        const bool hit = field.startsWith(negated ? value.mid(1) : value, Qt::CaseInsensitive);
        return negated ? !hit : hit;
    };
    QList<SandboxSecret> listed;
    for (const SandboxSecret& s : m_secrets.value(region)) {
        bool keep = true;
        for (const Filter& f : std::as_const(filters)) {
            bool any = false;
            for (const QString& v : f.values) {
                if (f.key == u"name")
                    any |= matches(s.name, v);
                else if (f.key == u"description")
                    any |= matches(s.description, v);
                else if (f.key == u"all")
                    any |= matches(s.name, v) || matches(s.description, v);
            }
            keep &= any;
        }
        if (keep)
            listed.append(s);
    }
    if (body.value(u"SortOrder"_s).toString() == u"desc")
        std::reverse(listed.begin(), listed.end());
    const QString listing = m_account + u'|' + region + u'|'
        + QString::fromUtf8(QJsonDocument(body.value(u"Filters"_s).toArray()).toJson());
    qsizetype offset = 0;
    if (body.contains(u"NextToken"_s)) {
        const std::optional<qsizetype> at
            = pageTokenOffset(listing, body.value(u"NextToken"_s).toString());
        if (!at || *at > listed.size())
            return serviceError(
                kBadRequest, u"InvalidNextTokenException"_s, u"The NextToken value is invalid."_s);
        offset = *at;
    }
    QJsonArray page;
    for (qsizetype i = offset; i < listed.size() && page.size() < max; ++i)
        page.append(entryOf(listed.at(i)));
    QJsonObject out{{u"SecretList"_s, page}};
    if (offset + page.size() < listed.size())
        out.insert(u"NextToken"_s, pageToken(listing, offset + page.size()));
    return out;
}

Result<QJsonObject> SandboxSecretsManager::putSecretValue(
    const QString& region, const QJsonObject& body, const QDateTime& now)
{
    const QString id = body.value(u"SecretId"_s).toString();
    if (id.isEmpty() || id.size() > 2048)
        return invalidParameter(u"SecretId must be 1 to 2048 characters long."_s);
    if (const auto error = checkValue(body, true))
        return *error;
    if (const auto error = checkRequestToken(body))
        return *error;
    SandboxSecret* secret = findMutable(region, id);
    if (!secret)
        return notFound();
    if (const auto error = checkKey(secret->kmsKeyId, true))
        return *error;
    const QString token = body.value(u"ClientRequestToken"_s).toString();
    const QString value = body.value(u"SecretString"_s).toString();
    if (!token.isEmpty() && secret->versions.contains(token)) {
        // The same request again is answered as before; another value under it is refused.
        if (token != secret->versionId || value != secret->secretString)
            return serviceError(kBadRequest, u"ResourceExistsException"_s,
                u"You can't modify an existing version, you can only create a new version."_s);
    } else {
        secret->versionId
            = token.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : token;
        secret->versions.append(secret->versionId);
        secret->secretString = value;
        secret->lastChangedDate = now;
    }
    return QJsonObject{{u"ARN"_s, secret->arn}, {u"Name"_s, secret->name},
        {u"VersionId"_s, secret->versionId}, {u"VersionStages"_s, QJsonArray{u"AWSCURRENT"_s}}};
}

HttpResponse secretsManagerErrorResponse(const QDateTime& now, const AwsError& error)
{
    HttpResponse response = jsonResponse(now,
        QJsonObject{{u"__type"_s, error.code}, {u"Message"_s, error.message}}, error.httpStatus);
    response.headers.append({"x-amzn-ErrorType"_ba, error.code.toLatin1()});
    return response;
}

} // namespace ecr::sandbox
