#include "SandboxRegistry.h"

#include "SandboxHttp.h"
#include "SandboxPageToken.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ecr::sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr int kBadRequest = 400;

AwsError invalidParameter(const QString& member, const QString& constraint)
{
    return serviceError(kBadRequest, u"InvalidParameterException"_s,
        u"Invalid parameter at '%1' failed to satisfy constraint: '%2'"_s.arg(member, constraint));
}

AwsError templateNotFound(const QString& prefix)
{
    return serviceError(kBadRequest, u"TemplateNotFoundException"_s,
        u"The specified template with prefix '%1' does not exist."_s.arg(prefix));
}

double epochSeconds(const QDateTime& time)
{
    return double(time.toMSecsSinceEpoch()) / 1000.0;
}

// The JSON members set in an Update override the template; absent ones keep their value.
RepositoryCreationTemplate merged(RepositoryCreationTemplate t, const QJsonObject& body)
{
    const RepositoryCreationTemplate u = RepositoryCreationTemplate::fromJson(body);
    if (body.contains(u"description"_s))
        t.description = u.description;
    if (body.contains(u"appliedFor"_s))
        t.appliedFor = u.appliedFor;
    if (body.contains(u"encryptionConfiguration"_s)) {
        t.encryptionType = u.encryptionType;
        t.kmsKey = u.kmsKey;
    }
    if (body.contains(u"imageTagMutability"_s))
        t.imageTagMutability = u.imageTagMutability;
    if (body.contains(u"imageTagMutabilityExclusionFilters"_s))
        t.exclusionFilters = u.exclusionFilters;
    else if (body.contains(u"imageTagMutability"_s)
        && !u.imageTagMutability.endsWith(u"_WITH_EXCLUSION"))
        t.exclusionFilters.clear(); // a mutability without exclusions drops the old filters
    if (body.contains(u"resourceTags"_s))
        t.resourceTags = u.resourceTags;
    if (body.contains(u"repositoryPolicy"_s))
        t.repositoryPolicy = u.repositoryPolicy;
    if (body.contains(u"lifecyclePolicy"_s))
        t.lifecyclePolicy = u.lifecyclePolicy;
    if (body.contains(u"customRoleArn"_s))
        t.customRoleArn = u.customRoleArn;
    return t;
}

} // namespace

bool SandboxRegistry::isKnownOperation(const QString& operation)
{
    return operation == u"CreateRepositoryCreationTemplate"
        || operation == u"DescribeRepositoryCreationTemplates"
        || operation == u"UpdateRepositoryCreationTemplate"
        || operation == u"DeleteRepositoryCreationTemplate" || operation == u"GetRegistryPolicy"
        || operation == u"PutRegistryPolicy";
}

Result<QJsonObject> SandboxRegistry::handle(
    const QString& region, const QString& operation, const QJsonObject& body, const QDateTime& now)
{
    if (operation == u"CreateRepositoryCreationTemplate")
        return createTemplate(region, body, now);
    if (operation == u"DescribeRepositoryCreationTemplates")
        return describeTemplates(region, body);
    if (operation == u"UpdateRepositoryCreationTemplate")
        return updateTemplate(region, body, now);
    if (operation == u"DeleteRepositoryCreationTemplate")
        return deleteTemplate(region, body);
    if (operation == u"GetRegistryPolicy")
        return getRegistryPolicy(region);
    return putRegistryPolicy(region, body);
}

std::optional<AwsError> SandboxRegistry::check(const RepositoryCreationTemplate& t) const
{
    const QList<TemplateIssue> issues = validateTemplate(t, m_account);
    if (issues.isEmpty())
        return std::nullopt;
    const TemplateIssue& first = issues.first();
    if (first.field == TemplateField::Prefix)
        return serviceError(kBadRequest, u"ValidationException"_s,
            u"1 validation error detected: Value '%1' at 'prefix' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: "
            "^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$"_s
                .arg(t.prefix));
    return invalidParameter(first.wireName, first.message);
}

AwsError SandboxRegistry::missing(const QString& prefix) const
{
    // A prefix the model refuses is a ValidationException before it is a missing template.
    RepositoryCreationTemplate probe;
    probe.prefix = prefix;
    probe.appliedFor = {u"PULL_THROUGH_CACHE"_s};
    if (const auto error = check(probe))
        return *error;
    return templateNotFound(prefix);
}

QJsonObject SandboxRegistry::answer(const RepositoryCreationTemplate& t) const
{
    QJsonObject o = t.toJson();
    if (t.encryptionType.isEmpty())
        o.insert(u"encryptionConfiguration"_s, QJsonObject{{u"encryptionType"_s, u"AES256"_s}});
    if (t.imageTagMutability.isEmpty())
        o.insert(u"imageTagMutability"_s, u"MUTABLE"_s);
    o.insert(u"createdAt"_s, epochSeconds(t.createdAt));
    o.insert(u"updatedAt"_s, epochSeconds(t.updatedAt));
    return o;
}

Result<QJsonObject> SandboxRegistry::createTemplate(
    const QString& region, const QJsonObject& body, const QDateTime& now)
{
    RepositoryCreationTemplate t = RepositoryCreationTemplate::fromJson(body);
    if (!body.contains(u"appliedFor"_s))
        return serviceError(kBadRequest, u"ValidationException"_s,
            u"1 validation error detected: Value null at 'appliedFor' failed to satisfy "
            "constraint: Member must not be null"_s);
    if (const auto error = check(t))
        return *error;
    QList<RepositoryCreationTemplate>& list = m_templates[region];
    for (const RepositoryCreationTemplate& existing : std::as_const(list)) {
        if (existing.prefix == t.prefix)
            return serviceError(kBadRequest, u"TemplateAlreadyExistsException"_s,
                u"The repository creation template with prefix '%1' already exists in the "
                "registry with id '%2'."_s.arg(t.prefix, m_account));
    }
    if (list.size() >= m_templateQuota)
        return serviceError(kBadRequest, u"LimitExceededException"_s,
            u"The operation did not succeed because it would have exceeded a service limit for "
            "your account. The limit of %1 repository creation templates has been reached."_s.arg(
                m_templateQuota));
    t.createdAt = now;
    t.updatedAt = now;
    list.append(t);
    return QJsonObject{{u"registryId"_s, m_account}, {u"repositoryCreationTemplate"_s, answer(t)}};
}

Result<QJsonObject> SandboxRegistry::describeTemplates(
    const QString& region, const QJsonObject& body) const
{
    const int max = body.contains(u"maxResults"_s) ? body.value(u"maxResults"_s).toInt(-1) : 100;
    if (max < 1 || max > 1000)
        return serviceError(kBadRequest, u"ValidationException"_s,
            u"1 validation error detected: Value '%1' at 'maxResults' failed to satisfy "
            "constraint: Member must have value between 1 and 1000"_s.arg(max));
    QStringList prefixes;
    for (const QJsonValue& v : body.value(u"prefixes"_s).toArray())
        prefixes.append(v.toString());
    QList<RepositoryCreationTemplate> listed;
    for (const RepositoryCreationTemplate& t : m_templates.value(region)) {
        if (prefixes.isEmpty() || prefixes.contains(t.prefix))
            listed.append(t);
    }
    const QString listing = m_account + u'|' + region + u"|templates|" + prefixes.join(u',');
    qsizetype offset = 0;
    if (body.contains(u"nextToken"_s)) {
        const std::optional<qsizetype> at
            = pageTokenOffset(listing, body.value(u"nextToken"_s).toString());
        if (!at || *at > listed.size())
            return invalidParameter(u"nextToken"_s, u"Invalid NextToken"_s);
        offset = *at;
    }
    QJsonArray page;
    for (qsizetype i = offset; i < listed.size() && page.size() < max; ++i)
        page.append(answer(listed.at(i)));
    QJsonObject out{{u"registryId"_s, m_account}, {u"repositoryCreationTemplates"_s, page}};
    if (offset + page.size() < listed.size())
        out.insert(u"nextToken"_s, pageToken(listing, offset + page.size()));
    return out;
}

Result<QJsonObject> SandboxRegistry::updateTemplate(
    const QString& region, const QJsonObject& body, const QDateTime& now)
{
    const QString prefix = body.value(u"prefix"_s).toString();
    QList<RepositoryCreationTemplate>& list = m_templates[region];
    for (RepositoryCreationTemplate& existing : list) {
        if (existing.prefix != prefix)
            continue;
        RepositoryCreationTemplate t = merged(existing, body);
        if (const auto error = check(t))
            return *error;
        t.updatedAt = now;
        existing = t;
        return QJsonObject{
            {u"registryId"_s, m_account}, {u"repositoryCreationTemplate"_s, answer(t)}};
    }
    return missing(prefix);
}

Result<QJsonObject> SandboxRegistry::deleteTemplate(const QString& region, const QJsonObject& body)
{
    const QString prefix = body.value(u"prefix"_s).toString();
    QList<RepositoryCreationTemplate>& list = m_templates[region];
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list.at(i).prefix == prefix) {
            const RepositoryCreationTemplate gone = list.takeAt(i);
            return QJsonObject{
                {u"registryId"_s, m_account}, {u"repositoryCreationTemplate"_s, answer(gone)}};
        }
    }
    return missing(prefix);
}

std::optional<QString> SandboxRegistry::registryPolicy(const QString& region) const
{
    const auto it = m_policies.constFind(region);
    if (it == m_policies.cend())
        return std::nullopt;
    return *it;
}

Result<QJsonObject> SandboxRegistry::getRegistryPolicy(const QString& region) const
{
    const std::optional<QString> policy = registryPolicy(region);
    if (!policy)
        return serviceError(kBadRequest, u"RegistryPolicyNotFoundException"_s,
            u"Registry policy does not exist in the registry with id '%1'"_s.arg(m_account));
    return QJsonObject{{u"registryId"_s, m_account}, {u"policyText"_s, *policy}};
}

Result<QJsonObject> SandboxRegistry::putRegistryPolicy(
    const QString& region, const QJsonObject& body)
{
    const QString text = body.value(u"policyText"_s).toString();
    if (!body.contains(u"policyText"_s))
        return serviceError(kBadRequest, u"ValidationException"_s,
            u"1 validation error detected: Value null at 'policyText' failed to satisfy "
            "constraint: Member must not be null"_s);
    if (text.size() > 10240)
        return serviceError(kBadRequest, u"ValidationException"_s,
            u"1 validation error detected: Value at 'policyText' failed to satisfy constraint: "
            "Member must have length less than or equal to 10240"_s);
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parse);
    const QJsonValue statements = document.object().value(u"Statement"_s);
    if (parse.error != QJsonParseError::NoError || !document.isObject()
        || !(statements.isArray() || statements.isObject()))
        return invalidParameter(u"policyText"_s, u"Invalid registry policy provided"_s);
    m_policies.insert(region, text);
    return QJsonObject{{u"registryId"_s, m_account}, {u"policyText"_s, text}};
}

} // namespace ecr::sandbox
