#include "RepositoryTemplate.h"

#include "JsonValues.h"
#include "Patterns.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace ecr {

using namespace Qt::StringLiterals;

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::RepositoryTemplate)
};

bool matches(const QString& pattern, const QString& value)
{
    return compiledPattern(QRegularExpression::anchoredPattern(pattern)).match(value).hasMatch();
}

QDateTime epochTime(const QJsonValue& value)
{
    return ecr::json::epochSeconds(value);
}

bool isJsonObjectText(const QString& text, QString* error)
{
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = Tr::tr("It is not valid JSON: %1 at character %2.")
                     .arg(parse.errorString())
                     .arg(parse.offset);
        return false;
    }
    if (!document.isObject()) {
        *error = Tr::tr("It must be a JSON object ({ … }).");
        return false;
    }
    return true;
}

const QString kPrefixPattern
    = u"([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)"_s;

} // namespace

QJsonObject RepositoryCreationTemplate::toJson() const
{
    QJsonObject o{{u"prefix"_s, prefix}};
    if (!description.isEmpty())
        o.insert(u"description"_s, description);
    if (!appliedFor.isEmpty())
        o.insert(u"appliedFor"_s, QJsonArray::fromStringList(appliedFor));
    if (!encryptionType.isEmpty()) {
        QJsonObject encryption{{u"encryptionType"_s, encryptionType}};
        if (!kmsKey.isEmpty())
            encryption.insert(u"kmsKey"_s, kmsKey);
        o.insert(u"encryptionConfiguration"_s, encryption);
    }
    if (!imageTagMutability.isEmpty())
        o.insert(u"imageTagMutability"_s, imageTagMutability);
    if (!exclusionFilters.isEmpty()) {
        QJsonArray filters;
        for (const TagMutabilityFilter& f : exclusionFilters)
            filters.append(QJsonObject{{u"filterType"_s, f.filterType}, {u"filter"_s, f.filter}});
        o.insert(u"imageTagMutabilityExclusionFilters"_s, filters);
    }
    // Always sent, also empty, so that an Update can remove the last tag.
    QJsonArray tags;
    for (const ResourceTag& tag : resourceTags)
        tags.append(QJsonObject{{u"Key"_s, tag.key}, {u"Value"_s, tag.value}});
    o.insert(u"resourceTags"_s, tags);
    o.insert(u"repositoryPolicy"_s, repositoryPolicy);
    o.insert(u"lifecyclePolicy"_s, lifecyclePolicy);
    o.insert(u"customRoleArn"_s, customRoleArn);
    return o;
}

RepositoryCreationTemplate RepositoryCreationTemplate::fromJson(const QJsonObject& json)
{
    RepositoryCreationTemplate t;
    t.prefix = json.value(u"prefix"_s).toString();
    t.description = json.value(u"description"_s).toString();
    for (const QJsonValue& v : json.value(u"appliedFor"_s).toArray())
        t.appliedFor.append(v.toString());
    const QJsonObject encryption = json.value(u"encryptionConfiguration"_s).toObject();
    t.encryptionType = encryption.value(u"encryptionType"_s).toString();
    t.kmsKey = encryption.value(u"kmsKey"_s).toString();
    t.imageTagMutability = json.value(u"imageTagMutability"_s).toString();
    for (const QJsonValue& v : json.value(u"imageTagMutabilityExclusionFilters"_s).toArray()) {
        const QJsonObject f = v.toObject();
        t.exclusionFilters.append(
            {f.value(u"filterType"_s).toString(), f.value(u"filter"_s).toString()});
    }
    for (const QJsonValue& v : json.value(u"resourceTags"_s).toArray()) {
        const QJsonObject tag = v.toObject();
        t.resourceTags.append({tag.value(u"Key"_s).toString(), tag.value(u"Value"_s).toString()});
    }
    t.repositoryPolicy = json.value(u"repositoryPolicy"_s).toString();
    t.lifecyclePolicy = json.value(u"lifecyclePolicy"_s).toString();
    t.customRoleArn = json.value(u"customRoleArn"_s).toString();
    t.createdAt = epochTime(json.value(u"createdAt"_s));
    t.updatedAt = epochTime(json.value(u"updatedAt"_s));
    return t;
}

QList<TemplateIssue> validateTemplate(const RepositoryCreationTemplate& t, const QString& accountId)
{
    QList<TemplateIssue> issues;
    auto add = [&](TemplateField field, const QString& wire, const QString& message) {
        issues.append({field, message, wire});
    };
    if (t.prefix.isEmpty())
        add(TemplateField::Prefix, u"prefix"_s,
            Tr::tr("Enter the prefix: a repository path such as docker-hub, or ROOT for every "
                   "repository no other template covers."));
    else if (t.prefix.size() > 256 || !matches(kPrefixPattern, t.prefix))
        add(TemplateField::Prefix, u"prefix"_s,
            Tr::tr("A prefix is lower-case letters and digits, parts separated by . _ __ - or /, "
                   "at most 256 characters; or ROOT."));
    if (t.description.size() > 256)
        add(TemplateField::Description, u"description"_s,
            Tr::tr("A description has at most 256 characters."));
    static const QStringList kAppliedFor{
        u"PULL_THROUGH_CACHE"_s, u"REPLICATION"_s, u"CREATE_ON_PUSH"_s};
    if (t.appliedFor.isEmpty())
        add(TemplateField::AppliedFor, u"appliedFor"_s,
            Tr::tr("Choose what the template applies to (pull through cache, replication, create "
                   "on push)."));
    for (const QString& use : t.appliedFor) {
        if (!kAppliedFor.contains(use))
            add(TemplateField::AppliedFor, u"appliedFor"_s,
                Tr::tr("'%1' is not PULL_THROUGH_CACHE, REPLICATION or CREATE_ON_PUSH.").arg(use));
    }
    static const QStringList kEncryption{u"AES256"_s, u"KMS"_s, u"KMS_DSSE"_s};
    if (!t.encryptionType.isEmpty() && !kEncryption.contains(t.encryptionType))
        add(TemplateField::EncryptionType, u"encryptionType"_s,
            Tr::tr("Encryption is AES256, KMS or KMS_DSSE."));
    if (!t.kmsKey.isEmpty()) {
        if (t.encryptionType != u"KMS" && t.encryptionType != u"KMS_DSSE")
            add(TemplateField::KmsKey, u"kmsKey"_s,
                Tr::tr("A KMS key goes with KMS or KMS_DSSE encryption only."));
        else if (t.kmsKey.size() > 2048
            || !matches(u"arn:aws[a-z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key\\/[a-z0-9-]+"_s, t.kmsKey))
            add(TemplateField::KmsKey, u"kmsKey"_s,
                Tr::tr("The KMS key must be a key ARN, such as "
                       "arn:aws:kms:us-east-1:123456789012:key/"
                       "1234abcd-12ab-34cd-56ef-1234567890ab."));
    }
    static const QStringList kMutability{
        u"MUTABLE"_s, u"IMMUTABLE"_s, u"IMMUTABLE_WITH_EXCLUSION"_s, u"MUTABLE_WITH_EXCLUSION"_s};
    if (!t.imageTagMutability.isEmpty() && !kMutability.contains(t.imageTagMutability))
        add(TemplateField::ImageTagMutability, u"imageTagMutability"_s,
            Tr::tr("Tag mutability is MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION or "
                   "MUTABLE_WITH_EXCLUSION."));
    const bool withExclusion = t.imageTagMutability.endsWith(u"_WITH_EXCLUSION");
    if (withExclusion && t.exclusionFilters.isEmpty())
        add(TemplateField::ExclusionFilters, u"imageTagMutabilityExclusionFilters"_s,
            Tr::tr("With exclusions, give 1 to 5 tag filters (for example latest or dev-*)."));
    if (!withExclusion && !t.exclusionFilters.isEmpty())
        add(TemplateField::ExclusionFilters, u"imageTagMutabilityExclusionFilters"_s,
            Tr::tr("Tag filters go with MUTABLE_WITH_EXCLUSION or IMMUTABLE_WITH_EXCLUSION only."));
    if (t.exclusionFilters.size() > 5)
        add(TemplateField::ExclusionFilters, u"imageTagMutabilityExclusionFilters"_s,
            Tr::tr("At most 5 tag filters."));
    for (const TagMutabilityFilter& f : t.exclusionFilters) {
        if (f.filterType != u"WILDCARD" || !matches(u"[0-9a-zA-Z._*-]{1,128}"_s, f.filter)) {
            add(TemplateField::ExclusionFilters, u"imageTagMutabilityExclusionFilters"_s,
                Tr::tr("A tag filter is 1 to 128 letters, digits and . _ * - characters; '%1' is "
                       "not.")
                    .arg(f.filter));
            break;
        }
    }
    for (const ResourceTag& tag : t.resourceTags) {
        if (tag.key.isEmpty() || tag.key.size() > 128 || tag.value.size() > 256
            || tag.key.startsWith(u"aws:", Qt::CaseInsensitive)) {
            add(TemplateField::ResourceTags, u"resourceTags"_s,
                Tr::tr(
                    "A tag has a key of 1 to 128 characters (not starting with aws:) and a value "
                    "of at most 256."));
            break;
        }
    }
    QString jsonError;
    if (!t.repositoryPolicy.isEmpty()
        && (t.repositoryPolicy.size() > 10240 || !isJsonObjectText(t.repositoryPolicy, &jsonError)))
        add(TemplateField::RepositoryPolicy, u"repositoryPolicy"_s,
            t.repositoryPolicy.size() > 10240
                ? Tr::tr("The repository policy has at most 10240 characters.")
                : Tr::tr("The repository policy is not usable: %1").arg(jsonError));
    if (!t.lifecyclePolicy.isEmpty()) {
        if (t.lifecyclePolicy.size() > 30720)
            add(TemplateField::LifecyclePolicy, u"lifecyclePolicy"_s,
                Tr::tr("The lifecycle policy has at most 30720 characters."));
        else if (!isJsonObjectText(t.lifecyclePolicy, &jsonError))
            add(TemplateField::LifecyclePolicy, u"lifecyclePolicy"_s,
                Tr::tr("The lifecycle policy is not usable: %1").arg(jsonError));
        else if (!QJsonDocument::fromJson(t.lifecyclePolicy.toUtf8())
                      .object()
                      .value(u"rules"_s)
                      .isArray())
            add(TemplateField::LifecyclePolicy, u"lifecyclePolicy"_s,
                Tr::tr("A lifecycle policy has a \"rules\" list."));
    }
    if (!t.customRoleArn.isEmpty()) {
        if (t.customRoleArn.size() > 2048
            || !matches(
                u"arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}"_s, t.customRoleArn))
            add(TemplateField::CustomRoleArn, u"customRoleArn"_s,
                Tr::tr("The role must be an IAM role ARN, such as "
                       "arn:aws:iam::123456789012:role/ecr-template."));
        else if (!accountId.isEmpty() && t.customRoleArn.section(u':', 4, 4) != accountId)
            add(TemplateField::CustomRoleArn, u"customRoleArn"_s,
                Tr::tr("The role must be in the registry's account (%1).").arg(accountId));
    }
    return issues;
}

bool sameTemplateSettings(const RepositoryCreationTemplate& a, const RepositoryCreationTemplate& b)
{
    const auto orDefault = [](const QString& value, const QString& fallback) {
        return value.isEmpty() ? fallback : value;
    };
    const auto sameJson = [](const QString& x, const QString& y) {
        return x == y || QJsonDocument::fromJson(x.toUtf8()) == QJsonDocument::fromJson(y.toUtf8());
    };
    QStringList aFor = a.appliedFor;
    QStringList bFor = b.appliedFor;
    aFor.sort();
    bFor.sort();
    return a.prefix == b.prefix && a.description == b.description && aFor == bFor
        && orDefault(a.encryptionType, u"AES256"_s) == orDefault(b.encryptionType, u"AES256"_s)
        && a.kmsKey == b.kmsKey
        && orDefault(a.imageTagMutability, u"MUTABLE"_s)
        == orDefault(b.imageTagMutability, u"MUTABLE"_s)
        && a.exclusionFilters == b.exclusionFilters && a.resourceTags == b.resourceTags
        && a.customRoleArn == b.customRoleArn && sameJson(a.repositoryPolicy, b.repositoryPolicy)
        && sameJson(a.lifecyclePolicy, b.lifecyclePolicy);
}

QStringList templateWarnings(const RepositoryCreationTemplate& t)
{
    QStringList warnings;
    const bool kms = t.encryptionType == u"KMS" || t.encryptionType == u"KMS_DSSE";
    if (t.customRoleArn.isEmpty() && (!t.resourceTags.isEmpty() || kms))
        warnings.append(
            Tr::tr("With %1 and no custom role, ECR cannot create the cached repositories: pulls "
                   "through the cache fail. Set a custom role that ECR may assume.")
                .arg(kms && !t.resourceTags.isEmpty() ? Tr::tr("tags and KMS encryption")
                        : kms                         ? Tr::tr("KMS encryption")
                                                      : Tr::tr("resource tags")));
    if (t.imageTagMutability == u"IMMUTABLE" && t.appliesToPullThroughCache())
        warnings.append(
            Tr::tr("IMMUTABLE tags stop ECR from updating a cached tag when the upstream "
                   "moves it (latest, say). Prefer MUTABLE, or IMMUTABLE_WITH_EXCLUSION "
                   "for the tags that move."));
    return warnings;
}

std::optional<RepositoryCreationTemplate> templateForRule(
    const QString& rulePrefix, const QList<RepositoryCreationTemplate>& templates)
{
    const QString repository = rulePrefix == u"ROOT" ? QString() : rulePrefix + u'/';
    const RepositoryCreationTemplate* best = nullptr;
    const RepositoryCreationTemplate* root = nullptr;
    for (const RepositoryCreationTemplate& t : templates) {
        if (!t.appliesToPullThroughCache())
            continue;
        if (t.prefix == u"ROOT") {
            root = &t;
            continue;
        }
        const QString covered = t.prefix.endsWith(u'/') ? t.prefix : t.prefix + u'/';
        if (!repository.isEmpty() && repository.startsWith(covered)
            && (!best || covered.size() > best->prefix.size()))
            best = &t;
    }
    if (best)
        return *best;
    if (root)
        return *root;
    return std::nullopt;
}

QList<RepositoryCreationTemplate> templatesForRules(
    const QStringList& rulePrefixes, const QList<RepositoryCreationTemplate>& templates)
{
    QList<RepositoryCreationTemplate> out;
    for (const QString& prefix : rulePrefixes) {
        const std::optional<RepositoryCreationTemplate> t = templateForRule(prefix, templates);
        const bool listed = t
            && std::any_of(out.cbegin(), out.cend(),
                [&t](const RepositoryCreationTemplate& x) { return x.prefix == t->prefix; });
        if (t && !listed)
            out.append(*t);
    }
    return out;
}

QList<LifecyclePreset> lifecyclePresets()
{
    return {
        {Tr::tr("Expire cached images pushed more than 90 days ago"),
            uR"({"rules":[{"rulePriority":1,"description":"Expire cached images pushed more than 90 days ago","selection":{"tagStatus":"any","countType":"sinceImagePushed","countUnit":"days","countNumber":90},"action":{"type":"expire"}}]})"_s},
        {Tr::tr("Keep the 100 newest images"),
            uR"({"rules":[{"rulePriority":1,"description":"Keep the 100 newest images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":100},"action":{"type":"expire"}}]})"_s},
        {Tr::tr("Archive images not pulled for 30 days, delete them 90 days later"),
            uR"({"rules":[{"rulePriority":1,"description":"Archive images not pulled for 30 days","selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":30},"action":{"type":"transition","targetStorageClass":"archive"}},{"rulePriority":2,"description":"Delete images archived for 90+ days","selection":{"tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned","countUnit":"days","countNumber":90},"action":{"type":"expire"}}]})"_s},
    };
}

} // namespace ecr
