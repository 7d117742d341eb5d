#include "Preflight.h"

#include "Endpoint.h"
#include "RegistryChecks.h"
#include "UpstreamRegistry.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace ecr {

using namespace Qt::StringLiterals;

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::Preflight)
};

using Status = PreflightFinding::Status;

// The secret's name in its ARN, without the six characters Secrets Manager appends.
QString secretNameOf(const QString& arn)
{
    const QString name = arn.section(u':', 6);
    const qsizetype dash = name.lastIndexOf(u'-');
    return dash > 0 && name.size() - dash == 7 ? name.left(dash) : name;
}

QStringList asList(const QJsonValue& value)
{
    QStringList out;
    if (value.isString())
        out.append(value.toString());
    for (const QJsonValue& v : value.toArray())
        out.append(v.toString());
    return out;
}

QString repositoryArn(const RegistryLocation& location, const QString& prefix)
{
    const QString partition = partitionForRegion(location.region).id;
    return u"arn:%1:ecr:%2:%3:repository/%4"_s.arg(partition, location.region, location.accountId,
        prefix == u"ROOT" ? u"*"_s : prefix + u"/*"_s);
}

// A Resource pattern (with * wildcards) covers the ARN.
bool covers(const QString& pattern, const QString& arn)
{
    const QRegularExpression re(QRegularExpression::anchoredPattern(
        QRegularExpression::escape(pattern).replace(u"\\*"_s, u".*"_s)));
    return re.match(arn).hasMatch();
}

std::optional<PreflightFinding> notChecked(
    const QString& id, const std::optional<AwsError>& error, const QString& permission)
{
    if (!error)
        return std::nullopt;
    const bool denied = error->code.contains(u"AccessDenied");
    return PreflightFinding{id, Status::NotChecked,
        denied ? Tr::tr("Not checked: reading it needs %1.").arg(permission)
               : Tr::tr("Not checked: %1").arg(error->message),
        PreflightFinding::Fix::None};
}

} // namespace

QStringList addedStatementLines(const QString& before, const QString& after)
{
    const auto statementsOf = [](const QString& text) {
        const QJsonValue v = QJsonDocument::fromJson(text.toUtf8()).object().value(u"Statement"_s);
        return v.isArray() ? v.toArray() : v.isObject() ? QJsonArray{v} : QJsonArray{};
    };
    const QJsonArray old = statementsOf(before);
    QStringList out;
    for (const QJsonValue& statement : statementsOf(after)) {
        if (old.contains(statement))
            continue;
        const QString text = QString::fromUtf8(
            QJsonDocument(statement.toObject()).toJson(QJsonDocument::Indented));
        for (const QString& line : text.split(u'\n', Qt::SkipEmptyParts))
            out.append(u"+ "_s + line);
    }
    return out;
}

bool isPullThroughCacheRegion(const QString& region)
{
    const QString partition = partitionForRegion(region).id;
    return partition == u"aws";
}

bool registryPolicyCoversPrefix(
    const QString& policyText, const RegistryLocation& location, const QString& prefix)
{
    const QJsonObject policy = QJsonDocument::fromJson(policyText.toUtf8()).object();
    const QJsonValue statements = policy.value(u"Statement"_s);
    const QJsonArray list = statements.isArray() ? statements.toArray() : QJsonArray{statements};
    const QString arn = repositoryArn(location, prefix);
    bool create = false;
    bool import = false;
    for (const QJsonValue& value : list) {
        const QJsonObject s = value.toObject();
        if (s.value(u"Effect"_s).toString() != u"Allow")
            continue;
        bool resourceCovered = false;
        for (const QString& resource : asList(s.value(u"Resource"_s)))
            resourceCovered |= covers(resource, arn);
        if (!resourceCovered)
            continue;
        for (const QString& action : asList(s.value(u"Action"_s))) {
            create |= action == u"ecr:*"
                || action.compare(u"ecr:CreateRepository"_s, Qt::CaseInsensitive) == 0;
            import |= action == u"ecr:*"
                || action.compare(u"ecr:BatchImportUpstreamImage"_s, Qt::CaseInsensitive) == 0;
        }
    }
    return create && import;
}

QString mergedRegistryPolicy(
    const QString& policyText, const RegistryLocation& location, const QString& prefix)
{
    if (location.accountId.isEmpty())
        return {};
    const QJsonDocument document = QJsonDocument::fromJson(policyText.toUtf8());
    if (!policyText.trimmed().isEmpty() && !document.isObject())
        return {}; // never drop statements of a policy that cannot be read
    QJsonObject policy = document.object();
    if (!policy.contains(u"Version"_s))
        policy.insert(u"Version"_s, u"2012-10-17"_s);
    const QJsonValue existing = policy.value(u"Statement"_s);
    QJsonArray statements = existing.isArray() ? existing.toArray()
        : existing.isObject()                  ? QJsonArray{existing}
                                               : QJsonArray{};
    QString sid = u"PullThroughCache"_s;
    for (const QChar c : prefix) {
        if (c.isLetterOrNumber())
            sid += c;
    }
    for (qsizetype i = statements.size() - 1; i >= 0; --i) {
        if (statements.at(i).toObject().value(u"Sid"_s).toString() == sid)
            statements.removeAt(i); // applied before: replaced, never a duplicate Sid
    }
    const QString partition = partitionForRegion(location.region).id;
    statements.append(QJsonObject{{u"Sid"_s, sid}, {u"Effect"_s, u"Allow"_s},
        {u"Principal"_s,
            QJsonObject{{u"AWS"_s, u"arn:%1:iam::%2:root"_s.arg(partition, location.accountId)}}},
        {u"Action"_s, QJsonArray{u"ecr:CreateRepository"_s, u"ecr:BatchImportUpstreamImage"_s}},
        {u"Resource"_s, repositoryArn(location, prefix)}});
    policy.insert(u"Statement"_s, statements);
    return QString::fromUtf8(QJsonDocument(policy).toJson(QJsonDocument::Indented));
}

QList<PreflightFinding> evaluatePreflight(const PreflightInput& in)
{
    QList<PreflightFinding> out;
    const QString prefix = ptc::normalizedPrefix(in.rule.ecrRepositoryPrefix);

    // The prefix and the quota.
    const bool taken = !in.ruleExists && in.existingPrefixes.contains(prefix);
    out.append({u"prefix"_s, taken ? Status::Failed : Status::Passed,
        taken ? Tr::tr("A rule with the prefix %1 exists already.").arg(prefix)
              : (in.ruleExists ? Tr::tr("The rule %1 exists.").arg(prefix)
                               : Tr::tr("The prefix %1 is free.").arg(prefix))});
    const int count = int(in.existingPrefixes.size()) + (in.ruleExists ? 0 : 1);
    out.append({u"quota"_s,
        count > ptc::kRuleQuota            ? Status::Failed
            : count >= ptc::kRuleQuota - 5 ? Status::Warning
                                           : Status::Passed,
        count > ptc::kRuleQuota
            ? Tr::tr("The registry has %1 of %2 rules: the quota cannot be raised.")
                  .arg(in.existingPrefixes.size())
                  .arg(ptc::kRuleQuota)
            : Tr::tr("%1 of %2 rules with this one.").arg(count).arg(ptc::kRuleQuota)});
    const bool region = isPullThroughCacheRegion(in.location.region);
    out.append({u"region"_s, region ? Status::Passed : Status::Failed,
        region ? Tr::tr("Pull through cache is offered in %1.").arg(in.location.region)
               : Tr::tr("Pull through cache is not offered in %1 (China and GovCloud regions).")
                     .arg(in.location.region)});

    // The upstream's credentials.
    const std::optional<UpstreamRegistry> registry = in.rule.upstreamRegistry.isEmpty()
        ? upstreamRegistryForUrl(in.rule.upstreamRegistryUrl)
        : upstreamRegistryFromWireName(in.rule.upstreamRegistry);
    const bool needsSecret
        = registry && upstreamRegistryInfo(*registry).auth == UpstreamAuth::SecretsManager;
    if (needsSecret) {
        if (in.rule.credentialArn.isEmpty()) {
            out.append({u"secret"_s, Status::Failed,
                Tr::tr(
                    "This upstream needs a Secrets Manager secret with its user name and token."),
                PreflightFinding::Fix::Secret});
        } else if (const auto skipped
                   = notChecked(u"secret"_s, in.secret.error, u"secretsmanager:DescribeSecret"_s);
                   skipped && !in.secret.error->isService(u"ResourceNotFoundException")) {
            out.append(*skipped);
        } else if (!in.secret.value) {
            out.append({u"secret"_s, Status::Failed,
                Tr::tr("The secret %1 does not exist in %2.")
                    .arg(in.rule.credentialArn.section(u':', 6), in.location.region),
                PreflightFinding::Fix::Secret, secretNameOf(in.rule.credentialArn)});
        } else {
            const SecretFacts& s = *in.secret.value;
            const QStringList parts = s.arn.split(u':');
            if (!s.name.startsWith(u"ecr-pullthroughcache/"))
                out.append({u"secret"_s, Status::Failed,
                    Tr::tr("The secret's name must start with ecr-pullthroughcache/; ECR does not "
                           "read %1.")
                        .arg(s.name),
                    PreflightFinding::Fix::Secret});
            else if (parts.size() > 4
                && (parts[3] != in.location.region
                    || (!in.location.accountId.isEmpty() && parts[4] != in.location.accountId)))
                out.append({u"secret"_s, Status::Failed,
                    Tr::tr("The secret is in account %1, region %2; ECR reads it only in the "
                           "registry's own.")
                        .arg(parts[4], parts[3]),
                    PreflightFinding::Fix::Secret, s.name});
            else if (!s.kmsKeyId.isEmpty() && !s.kmsKeyId.startsWith(u"alias/aws/"))
                out.append({u"secret"_s, Status::Warning,
                    Tr::tr("The secret %1 is encrypted with the key %2: its key policy must let "
                           "ECR's pull-through-cache role decrypt, or pulls fail. The default "
                           "aws/secretsmanager key needs nothing.")
                        .arg(s.name, s.kmsKeyId)});
            else
                out.append({u"secret"_s, Status::Passed,
                    Tr::tr(
                        "The secret %1 exists, is named for ECR and is in the registry's account "
                        "and region.")
                        .arg(s.name)});
        }
    }

    // The registry policy: pullers may create the repositories and import the images.
    if (const auto skipped
        = notChecked(u"registry-policy"_s, in.registryPolicy.error, u"ecr:GetRegistryPolicy"_s)) {
        out.append(*skipped);
    } else if (in.registryPolicy.value) {
        const std::optional<QString>& text = *in.registryPolicy.value;
        const bool covered = text && registryPolicyCoversPrefix(*text, in.location, prefix);
        out.append({u"registry-policy"_s, covered ? Status::Passed : Status::Warning,
            covered ? Tr::tr("The registry policy lets pullers create repositories and import "
                             "images under %1.")
                          .arg(prefix)
                    : Tr::tr("No registry policy statement grants ecr:CreateRepository and "
                             "ecr:BatchImportUpstreamImage under %1: pullers need them in their "
                             "own IAM policy, or here.")
                          .arg(prefix),
            covered || in.location.accountId.isEmpty() ? PreflightFinding::Fix::None
                                                       : PreflightFinding::Fix::RegistryPolicy});
    }

    // The template the cached repositories get, and its known pitfall.
    if (const auto skipped = notChecked(
            u"template"_s, in.templates.error, u"ecr:DescribeRepositoryCreationTemplates"_s)) {
        out.append(*skipped);
    } else if (in.templates.value) {
        const std::optional<RepositoryCreationTemplate> t
            = templateForRule(prefix, *in.templates.value);
        if (!t) {
            out.append({u"template"_s, Status::Passed,
                Tr::tr(
                    "No creation template applies: the cached repositories get ECR's defaults.")});
        } else {
            const QStringList warnings = templateWarnings(*t);
            const bool broken = !warnings.isEmpty() && t->customRoleArn.isEmpty()
                && (!t->resourceTags.isEmpty() || t->encryptionType.startsWith(u"KMS"));
            out.append({u"template"_s,
                broken                   ? Status::Failed
                    : warnings.isEmpty() ? Status::Passed
                                         : Status::Warning,
                warnings.isEmpty()
                    ? Tr::tr("The cached repositories get the template %1.").arg(t->prefix)
                    : Tr::tr("Template %1: %2").arg(t->prefix, warnings.join(u' ')),
                warnings.isEmpty() ? PreflightFinding::Fix::None : PreflightFinding::Fix::Template,
                t->prefix});
        }
    }

    // Amazon ECR upstream and Docker Hub's official images.
    if (registry == UpstreamRegistry::Ecr) {
        const QString upstreamAccount = in.rule.upstreamRegistryUrl.section(u'.', 0, 0);
        const bool otherAccount
            = !in.location.accountId.isEmpty() && upstreamAccount != in.location.accountId;
        if (otherAccount && in.rule.customRoleArn.isEmpty())
            out.append({u"ecr-upstream"_s, Status::Failed,
                Tr::tr("The upstream registry is in account %1: a custom role in this account "
                       "that ECR may assume is needed, and the upstream must allow it to pull.")
                    .arg(upstreamAccount)});
        else
            out.append({u"ecr-upstream"_s, otherAccount ? Status::Warning : Status::Passed,
                otherAccount ? Tr::tr("Account %1 must allow the role %2 to pull (its registry or "
                                      "repository policy); this app cannot see that policy.")
                                   .arg(upstreamAccount, in.rule.customRoleArn.section(u'/', -1))
                             : Tr::tr("The upstream registry is this account's.")});
    }
    if (registry == UpstreamRegistry::DockerHub)
        out.append({u"docker-library"_s, Status::Passed,
            Tr::tr("Official images go through library/: pull %1/library/nginx:latest, not "
                   "%1/nginx:latest.")
                .arg(in.location.repositoryUri(
                    PullThroughCacheRule{prefix, {}, {}, {}, {}, {}, {}, {}, {}}))});
    return out;
}

} // namespace ecr
