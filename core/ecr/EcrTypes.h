#pragma once

#include "UpstreamRegistry.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// Plain value types for the five pull-through-cache operations, with their awsJson1_1 mapping.
// Unset optional members are omitted from the JSON, as the protocol wants. The sandbox uses the
// same types and mapping for the server side.
namespace ecr {

// awsJson timestamps are epoch seconds as a JSON number; fractions are kept.
using EpochSeconds = double;
QDateTime toDateTime(EpochSeconds seconds);

struct PullThroughCacheRule
{
    QString ecrRepositoryPrefix;
    QString upstreamRegistryUrl;
    std::optional<EpochSeconds> createdAt;
    std::optional<EpochSeconds> updatedAt;
    QString registryId;
    QString upstreamRegistry; // wire name; may be empty in old or partial responses
    QString credentialArn;
    QString customRoleArn;
    QString upstreamRepositoryPrefix;

    std::optional<UpstreamRegistry> registry() const;

    QJsonObject toJson() const;
    static PullThroughCacheRule fromJson(const QJsonObject& json);
    friend bool operator==(const PullThroughCacheRule&, const PullThroughCacheRule&) = default;
};

// The rules' repository prefixes, in order.
QStringList prefixesOf(const QList<PullThroughCacheRule>& rules);

struct CreateRuleRequest
{
    QString ecrRepositoryPrefix;
    QString upstreamRegistryUrl;
    QString registryId;
    QString upstreamRegistry;
    QString credentialArn;
    QString customRoleArn;
    QString upstreamRepositoryPrefix;

    QJsonObject toJson() const;
    static CreateRuleRequest fromJson(const QJsonObject& json);
};

struct DescribeRulesRequest
{
    QString registryId;
    QList<QString> ecrRepositoryPrefixes; // empty: all rules
    std::optional<int> maxResults; // page size, 1..1000
    QString nextToken;

    QJsonObject toJson() const;
    static DescribeRulesRequest fromJson(const QJsonObject& json);
};

struct DescribeRulesPage
{
    QList<PullThroughCacheRule> rules;
    QString nextToken;

    QJsonObject toJson() const;
    static DescribeRulesPage fromJson(const QJsonObject& json);
};

// Delete and Validate take the same input.
struct RuleKey
{
    QString ecrRepositoryPrefix;
    QString registryId;

    QJsonObject toJson() const;
    static RuleKey fromJson(const QJsonObject& json);
};

struct UpdateRuleRequest
{
    QString ecrRepositoryPrefix;
    QString registryId;
    QString credentialArn;
    QString customRoleArn;

    QJsonObject toJson() const;
    static UpdateRuleRequest fromJson(const QJsonObject& json);
};

struct ValidateRuleResult
{
    PullThroughCacheRule rule; // prefix, registry id, URL, ARNs, upstream prefix
    bool isValid = false;
    QString failure;

    QJsonObject toJson() const;
    static ValidateRuleResult fromJson(const QJsonObject& json);
};

} // namespace ecr
