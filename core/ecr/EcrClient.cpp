#include "EcrClient.h"

#include "Paging.h"
#include "PtcValidation.h"

#include <QJsonArray>

Q_LOGGING_CATEGORY(lcEcr, "ecr.ecr", QtInfoMsg)

namespace ecr {

namespace {

const QString kCreate = QStringLiteral("CreatePullThroughCacheRule");
const QString kDescribe = QStringLiteral("DescribePullThroughCacheRules");
const QString kDelete = QStringLiteral("DeletePullThroughCacheRule");
const QString kUpdate = QStringLiteral("UpdatePullThroughCacheRule");
const QString kValidate = QStringLiteral("ValidatePullThroughCacheRule");

constexpr int kMaxPages = 1000;

std::optional<AwsError> invalidInput(const QList<ptc::FieldError>& errors)
{
    if (errors.isEmpty())
        return std::nullopt;
    QStringList messages;
    for (const auto& e : errors)
        messages.append(e.message);
    return makeError(ErrorKind::InvalidInput, ptc::constraintFor(errors.first().field).wireName,
        messages.join(u' '), 0);
}

// What a rule in an answer must have for the app to show it: a prefix and an upstream URL, both
// strings. A server (or a proxy in between) that sends anything else gets a clear error rather
// than an empty or half-filled rule in the table.
// (Update answers carry no upstreamRegistryUrl: `withUrl` false.)
std::optional<QString> ruleShapeProblem(const QJsonValue& value, bool withUrl = true)
{
    if (!value.isObject())
        return EcrClient::tr("a rule that is not an object");
    const QJsonObject rule = value.toObject();
    QList<QLatin1StringView> members{QLatin1StringView("ecrRepositoryPrefix")};
    if (withUrl)
        members.append(QLatin1StringView("upstreamRegistryUrl"));
    for (const QLatin1StringView member : members) {
        if (!rule.value(member).isString() || rule.value(member).toString().isEmpty())
            return EcrClient::tr("a rule without %1").arg(member);
    }
    return std::nullopt;
}

AwsError malformedAnswer(const QString& operation, const QString& problem, const ServiceAnswer& a)
{
    AwsError e = makeError(ErrorKind::InvalidResponse, QStringLiteral("MalformedAnswer"),
        EcrClient::tr("Amazon ECR answered %1 with %2; nothing was read from it.")
            .arg(operation, problem),
        a.attempts);
    e.httpStatus = a.status;
    e.requestId = a.requestId;
    e.operation = operation;
    return e;
}

// The answer of Create, Update and Delete: the rule itself.
std::optional<AwsError> checkRuleAnswer(
    const QString& operation, const ServiceAnswer& a, bool withUrl = true)
{
    if (const std::optional<QString> problem = ruleShapeProblem(a.json, withUrl))
        return malformedAnswer(operation, *problem, a);
    return std::nullopt;
}

// A Describe page: a list of rules and, when there is more, a token that is text.
std::optional<AwsError> checkDescribeAnswer(const ServiceAnswer& a)
{
    const QJsonValue rules = a.json.value(QLatin1StringView("pullThroughCacheRules"));
    if (!rules.isArray())
        return malformedAnswer(kDescribe,
            rules.isUndefined() ? EcrClient::tr("no list of rules")
                                : EcrClient::tr("a list of rules that is not a list"),
            a);
    for (const QJsonValue& rule : rules.toArray()) {
        if (const std::optional<QString> problem = ruleShapeProblem(rule))
            return malformedAnswer(kDescribe, *problem, a);
    }
    const QJsonValue next = a.json.value(QLatin1StringView("nextToken"));
    if (!next.isUndefined() && !next.isNull() && !next.isString())
        return malformedAnswer(kDescribe, EcrClient::tr("a page token that is not text"), a);
    return std::nullopt;
}

template <typename T>
EcrReply<T> reply(T value, const ServiceAnswer& response)
{
    return EcrReply<T>{std::move(value), response.requestId, response.attempts, false};
}

} // namespace

EcrClient::EcrClient(ServiceClient& transport, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
{ }

ServiceInfo EcrClient::service()
{
    return {
        tr("Amazon ECR"), "ecr", Protocol::AwsJson1_1, "AmazonEC2ContainerRegistry_V20150921", {}};
}

bool ruleMatchesRequest(const PullThroughCacheRule& rule, const CreateRuleRequest& request)
{
    auto sameOrDefault = [](const QString& have, const QString& asked, const QString& fallback) {
        return have == asked || (asked.isEmpty() && (have.isEmpty() || have == fallback));
    };
    return rule.ecrRepositoryPrefix == request.ecrRepositoryPrefix
        && rule.upstreamRegistryUrl == request.upstreamRegistryUrl
        && rule.credentialArn == request.credentialArn
        && rule.customRoleArn == request.customRoleArn
        && sameOrDefault(rule.upstreamRepositoryPrefix, request.upstreamRepositoryPrefix,
            QStringLiteral("ROOT"));
}

QCoro::Task<Result<ServiceAnswer>> EcrClient::send(
    const QString& operation, const QJsonObject& input, const CancelToken& cancel)
{
    OperationRequest request;
    request.name = operation;
    request.body = input;
    return m_transport.call(std::move(request), cancel);
}

QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> EcrClient::createRule(
    CreateRuleRequest request, CancelToken cancel)
{
    if (m_validate) {
        if (auto error = invalidInput(ptc::validateCreate(request)))
            co_return *error;
    }
    const QJsonObject body = request.toJson(); // a named local: GCC 12 and co_await temporaries
    Result<ServiceAnswer> response = co_await send(kCreate, body, cancel);
    if (response) {
        qCInfo(lcEcr) << "created the rule" << request.ecrRepositoryPrefix << "for"
                      << request.upstreamRegistryUrl;
    }
    if (response) {
        if (std::optional<AwsError> malformed = checkRuleAnswer(kCreate, response.value()))
            co_return *malformed;
        co_return reply(PullThroughCacheRule::fromJson(response->json), response.value());
    }

    // A Create whose earlier answer was lost (a retry, or the user trying again after a dropped
    // connection) meets the rule it made itself: that is success, flagged as reconciled.
    const AwsError& error = response.error();
    if (error.isService(u"PullThroughCacheRuleAlreadyExistsException")) {
        DescribeRulesRequest lookup;
        lookup.registryId = request.registryId;
        lookup.ecrRepositoryPrefixes = {request.ecrRepositoryPrefix};
        auto existing = co_await describeRulesPage(lookup, cancel);
        if (existing && existing->value.rules.size() == 1
            && ruleMatchesRequest(existing->value.rules.first(), request)) {
            EcrReply<PullThroughCacheRule> confirmed{
                existing->value.rules.first(), existing->requestId, error.attempts, true};
            co_return confirmed;
        }
    }
    co_return error;
}

QCoro::Task<Result<EcrReply<DescribeRulesPage>>> EcrClient::describeRulesPage(
    DescribeRulesRequest request, CancelToken cancel)
{
    if (m_validate) {
        if (auto error = invalidInput(ptc::validateDescribe(request)))
            co_return *error;
    }
    const QJsonObject body = request.toJson(); // a named local: GCC 12 and co_await temporaries
    Result<ServiceAnswer> response = co_await send(kDescribe, body, cancel);
    if (!response)
        co_return response.error();
    if (std::optional<AwsError> malformed = checkDescribeAnswer(response.value()))
        co_return *malformed;
    co_return reply(DescribeRulesPage::fromJson(response->json), response.value());
}

QCoro::Task<Result<EcrReply<QList<PullThroughCacheRule>>>> EcrClient::describeAllRules(
    DescribeRulesRequest request, CancelToken cancel, std::function<void(int)> progress)
{
    EcrReply<QList<PullThroughCacheRule>> all;
    all.attempts = 0;
    PageGuard pages(QStringLiteral("DescribePullThroughCacheRules"), kMaxPages);
    for (;;) {
        auto result = co_await describeRulesPage(request, cancel);
        if (!result)
            co_return result.error();
        all.value.append(result->value.rules);
        all.requestId = result->requestId;
        all.attempts += result->attempts;
        if (progress)
            progress(int(all.value.size()));
        const QString next = result->value.nextToken;
        if (next.isEmpty())
            co_return all;
        if (std::optional<AwsError> stop = pages.next(next)) {
            AwsError error = *stop;
            error.attempts = all.attempts;
            co_return error;
        }
        request.nextToken = next;
    }
}

QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> EcrClient::deleteRule(
    RuleKey key, CancelToken cancel)
{
    if (m_validate) {
        if (auto error = invalidInput(ptc::validateRuleKey(key)))
            co_return *error;
    }
    const QJsonObject body = key.toJson(); // a named local: GCC 12 and co_await temporaries
    Result<ServiceAnswer> response = co_await send(kDelete, body, cancel);
    if (response) {
        if (std::optional<AwsError> malformed = checkRuleAnswer(kDelete, response.value()))
            co_return *malformed;
        co_return reply(PullThroughCacheRule::fromJson(response->json), response.value());
    }

    // Deleting is idempotent: a rule that is already gone (an earlier answer was lost, or
    // someone else deleted it) is the outcome the user asked for, flagged as reconciled.
    const AwsError& error = response.error();
    if (error.isService(u"PullThroughCacheRuleNotFoundException")) {
        PullThroughCacheRule gone;
        gone.ecrRepositoryPrefix = key.ecrRepositoryPrefix;
        gone.registryId = key.registryId;
        co_return EcrReply<PullThroughCacheRule>{gone, error.requestId, error.attempts, true};
    }
    co_return error;
}

QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> EcrClient::updateRule(
    UpdateRuleRequest request, CancelToken cancel)
{
    if (m_validate) {
        if (auto error = invalidInput(ptc::validateUpdate(request)))
            co_return *error;
    }
    const QJsonObject body = request.toJson(); // a named local: GCC 12 and co_await temporaries
    Result<ServiceAnswer> response = co_await send(kUpdate, body, cancel);
    if (!response)
        co_return response.error();
    if (std::optional<AwsError> malformed = checkRuleAnswer(kUpdate, response.value(), false))
        co_return *malformed;
    co_return reply(PullThroughCacheRule::fromJson(response->json), response.value());
}

QCoro::Task<Result<EcrReply<ValidateRuleResult>>> EcrClient::validateRule(
    RuleKey key, CancelToken cancel)
{
    if (m_validate) {
        if (auto error = invalidInput(ptc::validateRuleKey(key)))
            co_return *error;
    }
    const QJsonObject body = key.toJson(); // a named local: GCC 12 and co_await temporaries
    Result<ServiceAnswer> response = co_await send(kValidate, body, cancel);
    if (!response)
        co_return response.error();
    co_return reply(ValidateRuleResult::fromJson(response->json), response.value());
}

} // namespace ecr
