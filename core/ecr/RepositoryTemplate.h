#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Repository creation templates: what every repository ECR creates under a prefix gets (for a
// pull-through cache rule: every cached repository): encryption, tag mutability, tags, policies
// and the role that applies them. Value types, their awsJson mapping, the model's constraints as
// checks (shared with the sandbox), and which template a rule's repositories get.
namespace ecr {

struct TagMutabilityFilter
{
    QString filterType = QStringLiteral("WILDCARD");
    QString filter; // [0-9a-zA-Z._*-]{1,128}
    friend bool operator==(const TagMutabilityFilter&, const TagMutabilityFilter&) = default;
};

struct ResourceTag
{
    QString key;
    QString value;
    friend bool operator==(const ResourceTag&, const ResourceTag&) = default;
};

struct RepositoryCreationTemplate
{
    QString prefix; // a repository path prefix, or ROOT
    QString description;
    QStringList appliedFor; // PULL_THROUGH_CACHE, REPLICATION, CREATE_ON_PUSH
    QString encryptionType; // empty (the service's AES256), AES256, KMS, KMS_DSSE
    QString kmsKey; // with KMS / KMS_DSSE: a key ARN; empty: the AWS-managed key
    QString imageTagMutability; // empty (MUTABLE), MUTABLE, IMMUTABLE, *_WITH_EXCLUSION
    QList<TagMutabilityFilter> exclusionFilters; // only with *_WITH_EXCLUSION: 1 to 5
    QList<ResourceTag> resourceTags;
    QString repositoryPolicy; // JSON text; empty: none
    QString lifecyclePolicy; // JSON text; empty: none
    QString customRoleArn;
    QDateTime createdAt;
    QDateTime updatedAt;
    QString registryId; // of the answer that carried it

    // The request members (Create and Update send the same ones).
    QJsonObject toJson() const;
    static RepositoryCreationTemplate fromJson(const QJsonObject& json);
    bool appliesToPullThroughCache() const
    {
        return appliedFor.contains(QStringLiteral("PULL_THROUGH_CACHE"));
    }
    friend bool operator==(const RepositoryCreationTemplate&, const RepositoryCreationTemplate&)
        = default;
};

// The fields a check can point at, in form order.
enum class TemplateField
{
    Prefix,
    Description,
    AppliedFor,
    EncryptionType,
    KmsKey,
    ImageTagMutability,
    ExclusionFilters,
    ResourceTags,
    RepositoryPolicy,
    LifecyclePolicy,
    CustomRoleArn,
};

struct TemplateIssue
{
    TemplateField field;
    QString message;
    QString wireName; // the member, for the service's own messages
};

// Every problem with the template as the model and the service see it, in field order; empty
// when it can be sent. `accountId` (when known) is the registry's: the role must be in it.
QList<TemplateIssue> validateTemplate(
    const RepositoryCreationTemplate& t, const QString& accountId = {});
// What is allowed but breaks pull-through caching (the known pitfalls): tags or KMS without a
// custom role; IMMUTABLE, which stops ECR refreshing cached tags.
QStringList templateWarnings(const RepositoryCreationTemplate& t);
// Whether two templates set the same: every request member, with the service's defaults (AES256,
// MUTABLE) for what one leaves out, applied-for in any order, policies compared as JSON rather
// than as text; times and the registry are not settings. A Create's retry and a copy between
// registries both ask it.
bool sameTemplateSettings(const RepositoryCreationTemplate& a, const RepositoryCreationTemplate& b);

// The template whose prefix covers a rule's repositories (<rulePrefix>/…): the longest prefix
// that is the rule's or a parent of it, among templates for PULL_THROUGH_CACHE; else ROOT's;
// nullopt when none applies. (AWS documents prefix matching and ROOT; the longest-match order
// among nested prefixes is this app's reading.)
std::optional<RepositoryCreationTemplate> templateForRule(
    const QString& rulePrefix, const QList<RepositoryCreationTemplate>& templates);
// The templates that rules with these prefixes get (templateForRule), each once, in rule order.
QList<RepositoryCreationTemplate> templatesForRules(
    const QStringList& rulePrefixes, const QList<RepositoryCreationTemplate>& templates);

// Lifecycle policies ECR supports for cached images, to start from.
struct LifecyclePreset
{
    QString name; // shown
    QString policy; // JSON text
};
QList<LifecyclePreset> lifecyclePresets();

} // namespace ecr
