#include "PtcValidation.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace ecr::ptc {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::ptc::Validation)
};

// Exactly the ECR model's shapes (aws-models/ecr-2015-09-21). RegistryId's pattern is unanchored
// in the model; it is anchored here, as the service means it.
const QList<FieldConstraint>& table()
{
    static const QList<FieldConstraint> constraints = [] {
        QList<FieldConstraint> list{
            {Field::EcrRepositoryPrefix, QStringLiteral("ecrRepositoryPrefix"), 2, 30,
                QStringLiteral(
                    R"(^([a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*\/?|ROOT)$)")},
            {Field::UpstreamRegistryUrl, QStringLiteral("upstreamRegistryUrl"), 0, 0, QString()},
            {Field::RegistryId, QStringLiteral("registryId"), 0, 0, QStringLiteral("^[0-9]{12}$")},
            {Field::UpstreamRegistry, QStringLiteral("upstreamRegistry"), 0, 0,
                QStringLiteral("^(ecr|ecr-public|quay|k8s|docker-hub|github-container-registry|"
                               "azure-container-registry|gitlab-container-registry|chainguard)$")},
            {Field::CredentialArn, QStringLiteral("credentialArn"), 50, 612,
                QStringLiteral(
                    R"(^arn:aws(-\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr\-pullthroughcache\/[a-zA-Z0-9\/_+=.@-]+$)")},
            {Field::CustomRoleArn, QStringLiteral("customRoleArn"), 0, 2048, QString()},
            {Field::UpstreamRepositoryPrefix, QStringLiteral("upstreamRepositoryPrefix"), 2, 30,
                QStringLiteral(
                    R"(^([a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*\/?|ROOT)$)")},
            {Field::MaxResults, QStringLiteral("maxResults"), 0, 0, QString()},
        };
        for (FieldConstraint& c : list)
            c.regex = QRegularExpression(c.pattern);
        return list;
    }();
    return constraints;
}

QString patternHint(Field field)
{
    switch (field) {
    case Field::EcrRepositoryPrefix:
    case Field::UpstreamRepositoryPrefix:
        return Tr::tr("Use lower-case letters and digits, separated by '.', '_', '__', '-' or '/' "
                      "(no separator at the start or end, no '//'), or ROOT.");
    case Field::RegistryId:
        return Tr::tr("A registry ID is the 12-digit AWS account ID.");
    case Field::CredentialArn:
        return Tr::tr("Use the ARN of a Secrets Manager secret whose name starts with "
                      "'ecr-pullthroughcache/', e.g. "
                      "arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/"
                      "docker-hub-AbCdEf.");
    case Field::UpstreamRegistry:
        return Tr::tr("Choose one of the supported upstream registries.");
    default:
        return QString();
    }
}

void add(QList<FieldError>& errors, Field field, const QString& value)
{
    if (!value.isEmpty()) {
        if (auto error = checkField(field, value))
            errors.append(*error);
    }
}

void require(QList<FieldError>& errors, Field field, const QString& value)
{
    if (value.isEmpty())
        errors.append({field, Tr::tr("%1 is required.").arg(fieldDisplayName(field))});
    else
        add(errors, field, value);
}

bool hasErrorFor(const QList<FieldError>& errors, Field field)
{
    return std::any_of(
        errors.cbegin(), errors.cend(), [field](const FieldError& e) { return e.field == field; });
}

} // namespace

const FieldConstraint& constraintFor(Field field)
{
    for (const auto& c : table()) {
        if (c.field == field)
            return c;
    }
    Q_UNREACHABLE();
}

QString fieldDisplayName(Field field)
{
    switch (field) {
    case Field::EcrRepositoryPrefix:
        return Tr::tr("Cache repository prefix");
    case Field::UpstreamRegistryUrl:
        return Tr::tr("Upstream registry URL");
    case Field::RegistryId:
        return Tr::tr("Registry ID");
    case Field::UpstreamRegistry:
        return Tr::tr("Upstream registry");
    case Field::CredentialArn:
        return Tr::tr("Credential ARN");
    case Field::CustomRoleArn:
        return Tr::tr("Custom role ARN");
    case Field::UpstreamRepositoryPrefix:
        return Tr::tr("Upstream repository prefix");
    case Field::MaxResults:
        return Tr::tr("Page size");
    }
    Q_UNREACHABLE();
}

std::optional<FieldError> checkField(Field field, const QString& value)
{
    const FieldConstraint& c = constraintFor(field);
    const QString name = fieldDisplayName(field);
    if (c.minLength > 0 && value.size() < c.minLength)
        return FieldError{
            field, Tr::tr("%1 must be at least %2 characters long.").arg(name).arg(c.minLength)};
    if (c.maxLength > 0 && value.size() > c.maxLength)
        return FieldError{field,
            Tr::tr("%1 must be at most %2 characters long (it has %3).")
                .arg(name)
                .arg(c.maxLength)
                .arg(value.size())};
    if (!c.pattern.isEmpty() && !c.regex.match(value).hasMatch())
        return FieldError{field, Tr::tr("%1 is not valid. %2").arg(name, patternHint(field))};
    return std::nullopt;
}

QList<FieldError> validateCreate(const CreateRuleRequest& request)
{
    QList<FieldError> errors;
    require(errors, Field::EcrRepositoryPrefix, request.ecrRepositoryPrefix);
    require(errors, Field::UpstreamRegistryUrl, request.upstreamRegistryUrl);
    add(errors, Field::RegistryId, request.registryId);
    add(errors, Field::UpstreamRegistry, request.upstreamRegistry);
    add(errors, Field::CredentialArn, request.credentialArn);
    add(errors, Field::CustomRoleArn, request.customRoleArn);
    add(errors, Field::UpstreamRepositoryPrefix, request.upstreamRepositoryPrefix);

    std::optional<UpstreamRegistry> registry
        = upstreamRegistryFromWireName(request.upstreamRegistry);
    if (!registry && request.upstreamRegistry.isEmpty())
        registry = upstreamRegistryForUrl(request.upstreamRegistryUrl);
    if (!registry) {
        if (!request.upstreamRegistryUrl.isEmpty()
            && !hasErrorFor(errors, Field::UpstreamRegistryUrl))
            errors.append({Field::UpstreamRegistryUrl,
                Tr::tr("'%1' is not a supported upstream registry. Choose Amazon ECR Public, "
                       "Kubernetes, Quay, Docker Hub, GitHub, Azure, GitLab, Chainguard or Amazon "
                       "ECR.")
                    .arg(request.upstreamRegistryUrl)});
        return errors;
    }

    const UpstreamRegistryInfo& info = upstreamRegistryInfo(*registry);
    if (!request.upstreamRegistryUrl.isEmpty()
        && !upstreamUrlMatches(*registry, request.upstreamRegistryUrl))
        errors.append({Field::UpstreamRegistryUrl,
            Tr::tr("The URL for %1 must look like %2.").arg(info.displayName, info.defaultUrl)});
    if (info.auth == UpstreamAuth::SecretsManager && request.credentialArn.isEmpty())
        errors.append({Field::CredentialArn,
            Tr::tr(
                "%1 requires authentication: enter the ARN of a Secrets Manager secret whose name "
                "starts with 'ecr-pullthroughcache/'.")
                .arg(info.displayName)});
    if (info.auth != UpstreamAuth::SecretsManager && !request.credentialArn.isEmpty())
        errors.append({Field::CredentialArn,
            Tr::tr("%1 does not use a Secrets Manager credential.").arg(info.displayName)});
    if (*registry != UpstreamRegistry::Ecr && !request.customRoleArn.isEmpty())
        errors.append({Field::CustomRoleArn,
            Tr::tr("A custom role applies only to an Amazon ECR (private) upstream.")});
    if (*registry != UpstreamRegistry::Ecr && !request.upstreamRepositoryPrefix.isEmpty())
        errors.append({Field::UpstreamRepositoryPrefix,
            Tr::tr("An upstream repository prefix applies only to an Amazon ECR (private) "
                   "upstream.")});
    if (request.ecrRepositoryPrefix == QLatin1StringView("ROOT")
        && !request.upstreamRepositoryPrefix.isEmpty()
        && request.upstreamRepositoryPrefix != QLatin1StringView("ROOT"))
        errors.append({Field::UpstreamRepositoryPrefix,
            Tr::tr(
                "The upstream repository prefix can be set only when the cache repository prefix "
                "is not ROOT.")});
    return errors;
}

QList<FieldError> validateUpdate(const UpdateRuleRequest& request)
{
    QList<FieldError> errors;
    require(errors, Field::EcrRepositoryPrefix, request.ecrRepositoryPrefix);
    add(errors, Field::RegistryId, request.registryId);
    add(errors, Field::CredentialArn, request.credentialArn);
    add(errors, Field::CustomRoleArn, request.customRoleArn);
    if (request.credentialArn.isEmpty() && request.customRoleArn.isEmpty())
        errors.append({Field::CredentialArn,
            Tr::tr("Enter a new credential ARN or custom role ARN: an update changes only the "
                   "credentials.")});
    return errors;
}

QList<FieldError> validateRuleKey(const RuleKey& key)
{
    QList<FieldError> errors;
    require(errors, Field::EcrRepositoryPrefix, key.ecrRepositoryPrefix);
    add(errors, Field::RegistryId, key.registryId);
    return errors;
}

QList<FieldError> validateDescribe(const DescribeRulesRequest& request)
{
    QList<FieldError> errors;
    add(errors, Field::RegistryId, request.registryId);
    if (request.ecrRepositoryPrefixes.size() > 100)
        errors.append({Field::EcrRepositoryPrefix, Tr::tr("Filter by at most 100 prefixes.")});
    for (const QString& prefix : request.ecrRepositoryPrefixes)
        require(errors, Field::EcrRepositoryPrefix, prefix);
    if (request.maxResults && (*request.maxResults < 1 || *request.maxResults > 1000))
        errors.append({Field::MaxResults, Tr::tr("The page size must be between 1 and 1000.")});
    return errors;
}

} // namespace ecr::ptc
