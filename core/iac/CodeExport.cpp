#include "CodeExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

QString normalized(QString prefix)
{
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    return prefix;
}

QString shellQuote(const QString& value)
{
    static const QString safe = u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                "-_./:=@+,"_s;
    bool plain = !value.isEmpty();
    for (const QChar c : value)
        plain = plain && safe.contains(c);
    if (plain)
        return value;
    QString quoted = value;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

QString compact(const QJsonValue& value)
{
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

// A policy as one line of JSON (what the API stores anyway); text that is no JSON stays.
QString compactPolicy(const QString& text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    return doc.isNull() ? text : QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

QString hclString(const QString& value)
{
    QString out;
    out.reserve(value.size() + 2);
    out += u'"';
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c == u'\\' || c == u'"')
            out += u'\\';
        if ((c == u'$' || c == u'%') && i + 1 < value.size() && value.at(i + 1) == u'{')
            out += c; // ${ and %{ would be interpolation: $${ and %%{
        if (c == u'\n') {
            out += u"\\n"_s;
            continue;
        }
        out += c;
    }
    out += u'"';
    return out;
}

// Attributes of one block, `=` aligned as hclfmt aligns a run of single-line attributes.
QString hclAttributes(const QList<std::pair<QString, QString>>& attributes, const QString& indent)
{
    qsizetype width = 0;
    for (const auto& [name, value] : attributes)
        width = std::max(width, name.size());
    QString out;
    for (const auto& [name, value] : attributes)
        out += indent + name.leftJustified(width) + u" = "_s + value + u'\n';
    return out;
}

struct CliFlags
{
    QStringList flags;
    QString minimum = u"2.4.3"_s;
    void add(const QString& flag, const QString& value, const QString& since = {})
    {
        flags.append(flag + u' ' + shellQuote(value));
        if (!since.isEmpty() && versionLess(minimum, since))
            minimum = since;
    }
    static bool versionLess(const QString& a, const QString& b)
    {
        const QStringList x = a.split(u'.');
        const QStringList y = b.split(u'.');
        for (int i = 0; i < 3; ++i) {
            const int l = x.value(i).toInt();
            const int r = y.value(i).toInt();
            if (l != r)
                return l < r;
        }
        return false;
    }
};

CliFlags ruleFlags(const PullThroughCacheRule& rule, const QString& region)
{
    CliFlags f;
    f.add(u"--region"_s, region);
    f.add(u"--ecr-repository-prefix"_s, normalized(rule.ecrRepositoryPrefix));
    f.add(u"--upstream-registry-url"_s, rule.upstreamRegistryUrl);
    // The 2023 flags only where they matter: ECR infers the registry from the URL otherwise.
    if ((!rule.credentialArn.isEmpty() || !rule.customRoleArn.isEmpty())
        && !rule.upstreamRegistry.isEmpty())
        f.add(u"--upstream-registry"_s, rule.upstreamRegistry, u"2.13.38"_s);
    if (!rule.credentialArn.isEmpty())
        f.add(u"--credential-arn"_s, rule.credentialArn, u"2.13.38"_s);
    if (!rule.customRoleArn.isEmpty())
        f.add(u"--custom-role-arn"_s, rule.customRoleArn, u"2.24.22"_s);
    const QString upstreamPrefix = normalized(rule.upstreamRepositoryPrefix);
    if (!upstreamPrefix.isEmpty() && upstreamPrefix != u"ROOT")
        f.add(u"--upstream-repository-prefix"_s, upstreamPrefix, u"2.24.22"_s);
    return f;
}

CliFlags templateFlags(const RepositoryCreationTemplate& t, const QString& region)
{
    CliFlags f;
    f.minimum = u"2.17.18"_s;
    f.add(u"--region"_s, region);
    f.add(u"--prefix"_s, t.prefix);
    if (!t.description.isEmpty())
        f.add(u"--description"_s, t.description);
    f.flags.append(u"--applied-for "_s + t.appliedFor.join(u' '));
    if (t.appliedFor.contains(u"CREATE_ON_PUSH"_s)
        && CliFlags::versionLess(f.minimum, u"2.32.20"_s))
        f.minimum = u"2.32.20"_s;
    if (!t.encryptionType.isEmpty()) {
        QJsonObject e{{u"encryptionType"_s, t.encryptionType}};
        if (!t.kmsKey.isEmpty())
            e.insert(u"kmsKey"_s, t.kmsKey);
        f.add(u"--encryption-configuration"_s, compact(e));
    }
    if (!t.imageTagMutability.isEmpty())
        f.add(u"--image-tag-mutability"_s, t.imageTagMutability,
            t.imageTagMutability.endsWith(u"_WITH_EXCLUSION") ? u"2.27.57"_s : QString());
    if (!t.exclusionFilters.isEmpty()) {
        QJsonArray filters;
        for (const TagMutabilityFilter& x : t.exclusionFilters)
            filters.append(QJsonObject{{u"filterType"_s, x.filterType}, {u"filter"_s, x.filter}});
        f.add(u"--image-tag-mutability-exclusion-filters"_s, compact(filters), u"2.27.57"_s);
    }
    if (!t.resourceTags.isEmpty()) {
        QJsonArray tags;
        for (const ResourceTag& tag : t.resourceTags)
            tags.append(QJsonObject{{u"Key"_s, tag.key}, {u"Value"_s, tag.value}});
        f.add(u"--resource-tags"_s, compact(tags));
    }
    if (!t.repositoryPolicy.isEmpty())
        f.add(u"--repository-policy"_s, compactPolicy(t.repositoryPolicy));
    if (!t.lifecyclePolicy.isEmpty())
        f.add(u"--lifecycle-policy"_s, compactPolicy(t.lifecyclePolicy));
    if (!t.customRoleArn.isEmpty())
        f.add(u"--custom-role-arn"_s, t.customRoleArn);
    return f;
}

QString command(const QString& name, const CliFlags& f)
{
    return u"aws ecr "_s + name + u" \\\n    "_s + f.flags.join(u" \\\n    "_s) + u'\n';
}

} // namespace

QString terraformName(const QString& prefix)
{
    QString name = normalized(prefix) == u"ROOT" ? u"root"_s : normalized(prefix).toLower();
    for (QChar& c : name) {
        if (!(c.isLetterOrNumber() || c == u'_'))
            c = u'_';
    }
    if (name.isEmpty() || name.at(0).isDigit())
        name.prepend(u'r');
    return name;
}

QString cloudFormationName(const QString& prefix)
{
    QString out;
    bool upper = true;
    for (const QChar c : normalized(prefix).toLower()) {
        if (!c.isLetterOrNumber()) {
            upper = true;
            continue;
        }
        out += upper ? c.toUpper() : c;
        upper = false;
    }
    if (out.isEmpty() || out.at(0).isDigit())
        out.prepend(u'R');
    return out;
}

QString exportAwsCli(const ExportInput& input)
{
    QString body;
    QString minimum = u"2.4.3"_s;
    for (const PullThroughCacheRule& rule : input.rules) {
        const CliFlags f = ruleFlags(rule, input.region);
        if (CliFlags::versionLess(minimum, f.minimum))
            minimum = f.minimum;
        body += u"\n# rule "_s + normalized(rule.ecrRepositoryPrefix);
        if (f.minimum != u"2.4.3")
            body += u" (aws-cli >= "_s + f.minimum + u')';
        body += u'\n' + command(u"create-pull-through-cache-rule"_s, f);
    }
    for (const RepositoryCreationTemplate& t : input.templates) {
        const CliFlags f = templateFlags(t, input.region);
        if (CliFlags::versionLess(minimum, f.minimum))
            minimum = f.minimum;
        body += u"\n# repository creation template "_s + t.prefix + u" (aws-cli >= "_s + f.minimum
            + u")\n"_s + command(u"create-repository-creation-template"_s, f);
    }
    return u"#!/bin/sh\n"
           "# Amazon ECR pull-through cache rules and repository creation templates of %1.\n"
           "# requires aws-cli >= %2\n"
           "set -e\n"_s.arg(input.region, minimum)
        + body;
}

QString exportTerraform(const ExportInput& input)
{
    QStringList blocks;
    for (const PullThroughCacheRule& rule : input.rules) {
        const QString prefix = normalized(rule.ecrRepositoryPrefix);
        const QString name = terraformName(prefix);
        blocks.append(u"import {\n"_s
            + hclAttributes({{u"to"_s, u"aws_ecr_pull_through_cache_rule."_s + name},
                                {u"id"_s, hclString(prefix)}},
                u"  "_s)
            + u"}\n"_s);
        QList<std::pair<QString, QString>> a{{u"ecr_repository_prefix"_s, hclString(prefix)},
            {u"upstream_registry_url"_s, hclString(rule.upstreamRegistryUrl)}};
        if (!rule.credentialArn.isEmpty())
            a.append({u"credential_arn"_s, hclString(rule.credentialArn)});
        if (!rule.customRoleArn.isEmpty())
            a.append({u"custom_role_arn"_s, hclString(rule.customRoleArn)});
        const QString upstreamPrefix = normalized(rule.upstreamRepositoryPrefix);
        if (!upstreamPrefix.isEmpty() && upstreamPrefix != u"ROOT")
            a.append({u"upstream_repository_prefix"_s, hclString(upstreamPrefix)});
        blocks.append(u"resource \"aws_ecr_pull_through_cache_rule\" \"%1\" {\n"_s.arg(name)
            + hclAttributes(a, u"  "_s) + u"}\n"_s);
    }
    for (const RepositoryCreationTemplate& t : input.templates) {
        const QString name = terraformName(t.prefix);
        blocks.append(u"import {\n"_s
            + hclAttributes({{u"to"_s, u"aws_ecr_repository_creation_template."_s + name},
                                {u"id"_s, hclString(t.prefix)}},
                u"  "_s)
            + u"}\n"_s);
        QStringList applied;
        for (const QString& a : t.appliedFor)
            applied.append(hclString(a));
        QList<std::pair<QString, QString>> a{{u"prefix"_s, hclString(t.prefix)},
            {u"applied_for"_s, u'[' + applied.join(u", "_s) + u']'}};
        if (!t.description.isEmpty())
            a.append({u"description"_s, hclString(t.description)});
        if (!t.imageTagMutability.isEmpty())
            a.append({u"image_tag_mutability"_s, hclString(t.imageTagMutability)});
        if (!t.customRoleArn.isEmpty())
            a.append({u"custom_role_arn"_s, hclString(t.customRoleArn)});
        if (!t.repositoryPolicy.isEmpty())
            a.append({u"repository_policy"_s, hclString(compactPolicy(t.repositoryPolicy))});
        if (!t.lifecyclePolicy.isEmpty())
            a.append({u"lifecycle_policy"_s, hclString(compactPolicy(t.lifecyclePolicy))});
        QString block = u"resource \"aws_ecr_repository_creation_template\" \"%1\" {\n"_s.arg(name)
            + hclAttributes(a, u"  "_s);
        if (!t.resourceTags.isEmpty()) {
            QList<std::pair<QString, QString>> tags;
            for (const ResourceTag& tag : t.resourceTags)
                tags.append({hclString(tag.key), hclString(tag.value)});
            block += u"\n  resource_tags = {\n"_s + hclAttributes(tags, u"    "_s) + u"  }\n"_s;
        }
        if (!t.encryptionType.isEmpty()) {
            QList<std::pair<QString, QString>> e{
                {u"encryption_type"_s, hclString(t.encryptionType)}};
            if (!t.kmsKey.isEmpty())
                e.append({u"kms_key"_s, hclString(t.kmsKey)});
            block
                += u"\n  encryption_configuration {\n"_s + hclAttributes(e, u"    "_s) + u"  }\n"_s;
        }
        for (const TagMutabilityFilter& x : t.exclusionFilters)
            block += u"\n  image_tag_mutability_exclusion_filter {\n"_s
                + hclAttributes({{u"filter"_s, hclString(x.filter)},
                                    {u"filter_type"_s, hclString(x.filterType)}},
                    u"    "_s)
                + u"  }\n"_s;
        blocks.append(block + u"}\n"_s);
    }
    return u"# Amazon ECR pull-through cache rules and repository creation templates of %1.\n"
           "# Terraform >= 1.5 (import blocks adopt what exists); provider region %1.\n\n"_s.arg(
               input.region)
        + blocks.join(u'\n');
}

QString exportCloudFormation(const ExportInput& input)
{
    QJsonObject resources;
    for (const PullThroughCacheRule& rule : input.rules) {
        QJsonObject p{{u"EcrRepositoryPrefix"_s, normalized(rule.ecrRepositoryPrefix)},
            {u"UpstreamRegistryUrl"_s, rule.upstreamRegistryUrl}};
        if (!rule.upstreamRegistry.isEmpty() && rule.upstreamRegistry != u"chainguard")
            p.insert(u"UpstreamRegistry"_s, rule.upstreamRegistry);
        if (!rule.credentialArn.isEmpty())
            p.insert(u"CredentialArn"_s, rule.credentialArn);
        if (!rule.customRoleArn.isEmpty())
            p.insert(u"CustomRoleArn"_s, rule.customRoleArn);
        const QString upstreamPrefix = normalized(rule.upstreamRepositoryPrefix);
        if (!upstreamPrefix.isEmpty() && upstreamPrefix != u"ROOT")
            p.insert(u"UpstreamRepositoryPrefix"_s, upstreamPrefix);
        resources.insert(cloudFormationName(rule.ecrRepositoryPrefix) + u"PullThroughCacheRule"_s,
            QJsonObject{{u"Type"_s, u"AWS::ECR::PullThroughCacheRule"_s}, {u"Properties"_s, p}});
    }
    for (const RepositoryCreationTemplate& t : input.templates) {
        QJsonObject p{
            {u"Prefix"_s, t.prefix}, {u"AppliedFor"_s, QJsonArray::fromStringList(t.appliedFor)}};
        if (!t.description.isEmpty())
            p.insert(u"Description"_s, t.description);
        if (!t.encryptionType.isEmpty()) {
            QJsonObject e{{u"EncryptionType"_s, t.encryptionType}};
            if (!t.kmsKey.isEmpty())
                e.insert(u"KmsKey"_s, t.kmsKey);
            p.insert(u"EncryptionConfiguration"_s, e);
        }
        if (!t.imageTagMutability.isEmpty())
            p.insert(u"ImageTagMutability"_s, t.imageTagMutability);
        if (!t.exclusionFilters.isEmpty()) {
            QJsonArray filters;
            for (const TagMutabilityFilter& x : t.exclusionFilters)
                filters.append(
                    QJsonObject{{u"ImageTagMutabilityExclusionFilterType"_s, x.filterType},
                        {u"ImageTagMutabilityExclusionFilterValue"_s, x.filter}});
            p.insert(u"ImageTagMutabilityExclusionFilters"_s, filters);
        }
        if (!t.resourceTags.isEmpty()) {
            QJsonArray tags;
            for (const ResourceTag& tag : t.resourceTags)
                tags.append(QJsonObject{{u"Key"_s, tag.key}, {u"Value"_s, tag.value}});
            p.insert(u"ResourceTags"_s, tags);
        }
        if (!t.repositoryPolicy.isEmpty())
            p.insert(u"RepositoryPolicy"_s, compactPolicy(t.repositoryPolicy));
        if (!t.lifecyclePolicy.isEmpty())
            p.insert(u"LifecyclePolicy"_s, compactPolicy(t.lifecyclePolicy));
        if (!t.customRoleArn.isEmpty())
            p.insert(u"CustomRoleArn"_s, t.customRoleArn);
        resources.insert(cloudFormationName(t.prefix) + u"RepositoryCreationTemplate"_s,
            QJsonObject{
                {u"Type"_s, u"AWS::ECR::RepositoryCreationTemplate"_s}, {u"Properties"_s, p}});
    }
    const QJsonObject document{{u"AWSTemplateFormatVersion"_s, u"2010-09-09"_s},
        {u"Description"_s,
            u"Amazon ECR pull-through cache rules and repository creation templates (%1)"_s.arg(
                input.region)},
        {u"Resources"_s, resources}};
    return QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
}

} // namespace ecr
