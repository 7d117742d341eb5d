#include "EcrTypes.h"

#include "JsonValues.h"

#include <QJsonArray>

#include <cmath>

namespace ecr {

namespace {

void putString(QJsonObject& json, QLatin1StringView key, const QString& value)
{
    if (!value.isEmpty())
        json.insert(key, value);
}

QString getString(const QJsonObject& json, QLatin1StringView key)
{
    return json.value(key).toString();
}

std::optional<EpochSeconds> getTime(const QJsonObject& json, QLatin1StringView key)
{
    const QJsonValue v = json.value(key);
    if (!v.isDouble())
        return std::nullopt;
    return v.toDouble();
}

void putTime(QJsonObject& json, QLatin1StringView key, std::optional<EpochSeconds> value)
{
    if (value)
        json.insert(key, *value);
}

constexpr QLatin1StringView kPrefix("ecrRepositoryPrefix");
constexpr QLatin1StringView kUrl("upstreamRegistryUrl");
constexpr QLatin1StringView kCreatedAt("createdAt");
constexpr QLatin1StringView kUpdatedAt("updatedAt");
constexpr QLatin1StringView kRegistryId("registryId");
constexpr QLatin1StringView kUpstreamRegistry("upstreamRegistry");
constexpr QLatin1StringView kCredentialArn("credentialArn");
constexpr QLatin1StringView kCustomRoleArn("customRoleArn");
constexpr QLatin1StringView kUpstreamPrefix("upstreamRepositoryPrefix");

} // namespace

QDateTime toDateTime(EpochSeconds seconds)
{
    return ecr::json::epochSeconds(QJsonValue(seconds));
}

std::optional<UpstreamRegistry> PullThroughCacheRule::registry() const
{
    if (auto fromName = upstreamRegistryFromWireName(upstreamRegistry))
        return fromName;
    return upstreamRegistryForUrl(upstreamRegistryUrl);
}

QJsonObject PullThroughCacheRule::toJson() const
{
    QJsonObject json;
    putString(json, kPrefix, ecrRepositoryPrefix);
    putString(json, kUrl, upstreamRegistryUrl);
    putTime(json, kCreatedAt, createdAt);
    putTime(json, kUpdatedAt, updatedAt);
    putString(json, kRegistryId, registryId);
    putString(json, kUpstreamRegistry, upstreamRegistry);
    putString(json, kCredentialArn, credentialArn);
    putString(json, kCustomRoleArn, customRoleArn);
    putString(json, kUpstreamPrefix, upstreamRepositoryPrefix);
    return json;
}

QStringList prefixesOf(const QList<PullThroughCacheRule>& rules)
{
    QStringList out;
    out.reserve(rules.size());
    for (const PullThroughCacheRule& rule : rules)
        out.append(rule.ecrRepositoryPrefix);
    return out;
}

PullThroughCacheRule PullThroughCacheRule::fromJson(const QJsonObject& json)
{
    PullThroughCacheRule r;
    r.ecrRepositoryPrefix = getString(json, kPrefix);
    r.upstreamRegistryUrl = getString(json, kUrl);
    r.createdAt = getTime(json, kCreatedAt);
    r.updatedAt = getTime(json, kUpdatedAt);
    r.registryId = getString(json, kRegistryId);
    r.upstreamRegistry = getString(json, kUpstreamRegistry);
    r.credentialArn = getString(json, kCredentialArn);
    r.customRoleArn = getString(json, kCustomRoleArn);
    r.upstreamRepositoryPrefix = getString(json, kUpstreamPrefix);
    return r;
}

QJsonObject CreateRuleRequest::toJson() const
{
    QJsonObject json;
    putString(json, kPrefix, ecrRepositoryPrefix);
    putString(json, kUrl, upstreamRegistryUrl);
    putString(json, kRegistryId, registryId);
    putString(json, kUpstreamRegistry, upstreamRegistry);
    putString(json, kCredentialArn, credentialArn);
    putString(json, kCustomRoleArn, customRoleArn);
    putString(json, kUpstreamPrefix, upstreamRepositoryPrefix);
    return json;
}

CreateRuleRequest CreateRuleRequest::fromJson(const QJsonObject& json)
{
    return {getString(json, kPrefix), getString(json, kUrl), getString(json, kRegistryId),
        getString(json, kUpstreamRegistry), getString(json, kCredentialArn),
        getString(json, kCustomRoleArn), getString(json, kUpstreamPrefix)};
}

QJsonObject DescribeRulesRequest::toJson() const
{
    QJsonObject json;
    putString(json, kRegistryId, registryId);
    if (!ecrRepositoryPrefixes.isEmpty())
        json.insert(QLatin1StringView("ecrRepositoryPrefixes"),
            QJsonArray::fromStringList(ecrRepositoryPrefixes));
    if (maxResults)
        json.insert(QLatin1StringView("maxResults"), *maxResults);
    putString(json, QLatin1StringView("nextToken"), nextToken);
    return json;
}

DescribeRulesRequest DescribeRulesRequest::fromJson(const QJsonObject& json)
{
    DescribeRulesRequest r;
    r.registryId = getString(json, kRegistryId);
    for (const QJsonValue& v : json.value(QLatin1StringView("ecrRepositoryPrefixes")).toArray())
        r.ecrRepositoryPrefixes.append(v.toString());
    if (const QJsonValue v = json.value(QLatin1StringView("maxResults")); v.isDouble())
        r.maxResults = v.toInt();
    r.nextToken = getString(json, QLatin1StringView("nextToken"));
    return r;
}

QJsonObject DescribeRulesPage::toJson() const
{
    QJsonArray array;
    for (const auto& rule : rules)
        array.append(rule.toJson());
    QJsonObject json{{QLatin1StringView("pullThroughCacheRules"), array}};
    putString(json, QLatin1StringView("nextToken"), nextToken);
    return json;
}

DescribeRulesPage DescribeRulesPage::fromJson(const QJsonObject& json)
{
    DescribeRulesPage page;
    for (const QJsonValue& v : json.value(QLatin1StringView("pullThroughCacheRules")).toArray())
        page.rules.append(PullThroughCacheRule::fromJson(v.toObject()));
    page.nextToken = getString(json, QLatin1StringView("nextToken"));
    return page;
}

QJsonObject RuleKey::toJson() const
{
    QJsonObject json;
    putString(json, kPrefix, ecrRepositoryPrefix);
    putString(json, kRegistryId, registryId);
    return json;
}

RuleKey RuleKey::fromJson(const QJsonObject& json)
{
    return {getString(json, kPrefix), getString(json, kRegistryId)};
}

QJsonObject UpdateRuleRequest::toJson() const
{
    QJsonObject json;
    putString(json, kPrefix, ecrRepositoryPrefix);
    putString(json, kRegistryId, registryId);
    putString(json, kCredentialArn, credentialArn);
    putString(json, kCustomRoleArn, customRoleArn);
    return json;
}

UpdateRuleRequest UpdateRuleRequest::fromJson(const QJsonObject& json)
{
    return {getString(json, kPrefix), getString(json, kRegistryId), getString(json, kCredentialArn),
        getString(json, kCustomRoleArn)};
}

QJsonObject ValidateRuleResult::toJson() const
{
    QJsonObject json = rule.toJson();
    json.remove(kCreatedAt);
    json.remove(kUpdatedAt);
    json.remove(kUpstreamRegistry);
    json.insert(QLatin1StringView("isValid"), isValid);
    putString(json, QLatin1StringView("failure"), failure);
    return json;
}

ValidateRuleResult ValidateRuleResult::fromJson(const QJsonObject& json)
{
    ValidateRuleResult r;
    r.rule = PullThroughCacheRule::fromJson(json);
    r.isValid = json.value(QLatin1StringView("isValid")).toBool();
    r.failure = getString(json, QLatin1StringView("failure"));
    return r;
}

} // namespace ecr
