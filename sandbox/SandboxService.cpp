// Over 400 lines on purpose: routing and the five operations, the state-changing core.
#include "SandboxService.h"

#include "SandboxPageToken.h"
#include "SandboxSecrets.h"
#include "SandboxSecretsManager.h"
#include "SandboxValidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSandbox, "ecr.sandbox")

namespace ecr::sandbox {

using namespace Qt::StringLiterals;
using ptc::Field;

namespace {

constexpr int kBadRequest = 400;
constexpr int kServerError = 500;
constexpr auto kTargetPrefix = "AmazonEC2ContainerRegistry_V20150921."_L1;
constexpr auto kCreate = "CreatePullThroughCacheRule"_L1;
constexpr auto kDescribe = "DescribePullThroughCacheRules"_L1;
constexpr auto kDelete = "DeletePullThroughCacheRule"_L1;
constexpr auto kUpdate = "UpdatePullThroughCacheRule"_L1;
constexpr auto kValidate = "ValidatePullThroughCacheRule"_L1;

constexpr auto kPrefix = "ecrRepositoryPrefix"_L1;
constexpr auto kUrl = "upstreamRegistryUrl"_L1;
constexpr auto kRegistryId = "registryId"_L1;
constexpr auto kUpstreamRegistry = "upstreamRegistry"_L1;
constexpr auto kCredentialArn = "credentialArn"_L1;
constexpr auto kCustomRoleArn = "customRoleArn"_L1;
constexpr auto kUpstreamPrefix = "upstreamRepositoryPrefix"_L1;
constexpr auto kRoot = "ROOT"_L1;

constexpr int kDefaultPageSize = 100;

AwsError badRequest(const QString& code, const QString& message)
{
    return serviceError(kBadRequest, code, message);
}

AwsError invalidParameter(QLatin1StringView member, const QString& constraint)
{
    return badRequest(u"InvalidParameterException"_s,
        u"Invalid parameter at '%1' failed to satisfy constraint: '%2'"_s.arg(member, constraint));
}

AwsError unsupportedUrl(const QString& url)
{
    return badRequest(u"UnsupportedUpstreamRegistryException"_s,
        u"The upstream registry URL %1 is invalid. Specify a valid upstream registry URL and try "
        "again"_s.arg(url));
}

// The credential and role members a rule's upstream accepts (Create and Update alike).
std::optional<AwsError> checkUpstreamAuth(
    UpstreamRegistry registry, const QString& credentialArn, const QString& customRoleArn)
{
    const UpstreamRegistryInfo& info = upstreamRegistryInfo(registry);
    if (info.auth != UpstreamAuth::SecretsManager && !credentialArn.isEmpty())
        return invalidParameter(kCredentialArn,
            u"credentialArn is supported only for upstream registries that require "
            "authentication, not for %1"_s.arg(info.wireName));
    if (registry != UpstreamRegistry::Ecr && !customRoleArn.isEmpty())
        return invalidParameter(
            kCustomRoleArn, u"customRoleArn is supported only for the ecr upstream registry"_s);
    return std::nullopt;
}

QJsonObject withoutMembers(QJsonObject json, std::initializer_list<QLatin1StringView> members)
{
    for (QLatin1StringView member : members)
        json.remove(member);
    return json;
}

} // namespace

SandboxService::SandboxService(const Clock& clock, SandboxConfig config)
    : m_clock(clock)
    , m_config(std::move(config))
    , m_store(m_config.statePath)
    , m_sts(m_config)
    , m_sso(m_config.sso, m_sts)
    , m_secretsManager(m_config.account)
    , m_registry(m_config.account)
    , m_repositories(m_config.account,
          PullContext{
              [this](const QString& region, const QString& name) { return ruleFor(region, name); },
              [this](const QString& region) { return m_registry.templates(region); },
              [this](const QString& region,
                  const PullThroughCacheRule& rule) -> std::optional<AwsError> {
                  if (rule.credentialArn.isEmpty())
                      return std::nullopt;
                  return checkSecret(rule.credentialArn, m_config.account, region,
                      m_config.secretsMustExist ? &m_secretsManager : nullptr);
              }})
{
    if (m_config.keys.isEmpty())
        m_config.keys.append(defaultKey());
    if (!m_store.load(&m_stateError))
        m_store = SandboxStore(QString()); // leave the unreadable file alone
}

AccessKey SandboxService::defaultKey()
{
    return {u"AKIDSANDBOXEXAMPLE"_s, u"sandbox-SANDBOXSECRET-key-EXAMPLE"_s};
}

QList<PullThroughCacheRule> SandboxService::rules(const QString& region) const
{
    return m_store.registry(m_config.account, region).values();
}

int SandboxService::requestCount(const QString& operation) const
{
    return m_requestCounts.value(operation);
}

int SandboxService::totalRequestCount() const
{
    return m_totalRequests;
}

void SandboxService::reset()
{
    m_store.clear();
    QString error;
    if (!m_store.save(&error))
        qCWarning(lcSandbox, "%ls", qUtf16Printable(error));
    m_requestCounts.clear();
    m_totalRequests = 0;
    m_recent.clear();
    m_sts.reset();
    m_sso.reset();
    m_secretsManager.reset();
    m_registry.reset();
    m_repositories.reset();
}

EpochSeconds SandboxService::nowSeconds() const
{
    return static_cast<EpochSeconds>(m_clock.now().toMSecsSinceEpoch()) / 1000.0;
}

HttpResponse SandboxService::handle(const HttpRequest& request)
{
    ++m_totalRequests;
    m_recent.append(request);
    if (m_recent.size() > kRecentRequests)
        m_recent.removeFirst();
    const QDateTime now = m_clock.now();
    if (SandboxSso::isSsoRequest(request)) {
        ++m_requestCounts[SandboxSso::operationOf(request)];
        return m_sso.handle(request, now);
    }
    if (SandboxSts::isStsRequest(request)) {
        const Result<Caller> caller
            = authenticate(request, m_config.keys, m_sts.sessions(), now, AuthService::Sts);
        if (!caller)
            return stsErrorResponse(now, caller.error());
        const QString action = SandboxSts::action(request);
        if (SandboxSts::isKnownAction(action))
            ++m_requestCounts[action];
        return m_sts.handle(caller.value(), request, now);
    }
    if (isSecretsManagerRequest(request))
        return handleSecretsManager(request, now);
    if (SandboxRepositories::isRegistryApiRequest(request)) {
        // The registry HTTP API: a Basic token from GetAuthorizationToken, not SigV4.
        ++m_requestCounts[SandboxRepositories::registryOperationOf(request)];
        return m_repositories.handleRegistryApi(request, now);
    }
    const Result<Caller> caller
        = authenticate(request, m_config.keys, m_sts.sessions(), now, AuthService::Ecr);
    if (!caller)
        return errorResponse(now, caller.error());
    if (const auto denied = m_regionErrors.constFind(caller->region);
        denied != m_regionErrors.cend())
        return errorResponse(now, denied.value());
    const JsonResult result = dispatch(caller->region, request);
    if (!result)
        return errorResponse(now, result.error());
    return jsonResponse(now, result.value());
}

void SandboxService::setRegionError(const QString& region, std::optional<AwsError> error)
{
    if (error)
        m_regionErrors.insert(region, *error);
    else
        m_regionErrors.remove(region);
}

bool SandboxService::isSecretsManagerRequest(const HttpRequest& request)
{
    const sigv4::Request view{request.method, request.path, request.query, request.headers, {}};
    return view.header("X-Amz-Target")
        .startsWith(SandboxSecretsManager::kTargetPrefix.toString().toLatin1());
}

HttpResponse SandboxService::handleSecretsManager(const HttpRequest& request, const QDateTime& now)
{
    const Result<Caller> caller
        = authenticate(request, m_config.keys, m_sts.sessions(), now, AuthService::SecretsManager);
    if (!caller)
        return secretsManagerErrorResponse(now, caller.error());
    const sigv4::Request view{request.method, request.path, request.query, request.headers, {}};
    const QString operation = QString::fromLatin1(view.header("X-Amz-Target"))
                                  .sliced(SandboxSecretsManager::kTargetPrefix.size());
    if (request.method != "POST" || request.path != "/"
        || !SandboxSecretsManager::isKnownOperation(operation))
        return secretsManagerErrorResponse(now,
            badRequest(u"UnknownOperationException"_s, u"Unknown operation %1"_s.arg(operation)));
    ++m_requestCounts[operation];
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return secretsManagerErrorResponse(now,
            badRequest(u"SerializationException"_s, u"The request body must be a JSON object"_s));
    const JsonResult result
        = m_secretsManager.handle(caller->region, operation, document.object(), now);
    if (!result)
        return secretsManagerErrorResponse(now, result.error());
    return jsonResponse(now, result.value());
}

SandboxService::JsonResult SandboxService::dispatch(
    const QString& region, const HttpRequest& request)
{
    const QString target = QString::fromLatin1(sigv4::Request{request.method, request.path,
        request.query, request.headers, {}}.header("X-Amz-Target"));
    const QString operation
        = target.startsWith(kTargetPrefix) ? target.sliced(kTargetPrefix.size()) : QString();
    const bool registryWide = SandboxRegistry::isKnownOperation(operation);
    if ((registryWide || SandboxRepositories::isKnownOperation(operation))
        && request.method == "POST" && request.path == "/") {
        ++m_requestCounts[operation];
        const QJsonDocument document = QJsonDocument::fromJson(request.body);
        if (!document.isObject())
            return badRequest(u"SerializationException"_s,
                u"The request body must be a JSON object (send {} for no members)"_s);
        return registryWide
            ? m_registry.handle(region, operation, document.object(), m_clock.now())
            : m_repositories.handle(region, operation, document.object(), m_clock.now());
    }
    const QList<QLatin1StringView> operations{kCreate, kDescribe, kDelete, kUpdate, kValidate};
    const bool known
        = std::find(operations.cbegin(), operations.cend(), operation) != operations.cend();
    if (request.method != "POST" || request.path != "/" || !known)
        return badRequest(u"UnknownOperationException"_s,
            target.isEmpty() ? u"Missing X-Amz-Target: send POST / with an X-Amz-Target header"_s
                             : u"Unknown operation %1"_s.arg(target));
    ++m_requestCounts[operation];

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return badRequest(u"SerializationException"_s,
            u"The request body must be a JSON object (send {} for no members)"_s);
    const QJsonObject body = document.object();

    if (operation == kCreate)
        return createRule(region, body);
    if (operation == kDescribe)
        return describeRules(region, body);
    if (operation == kDelete)
        return deleteRule(region, body);
    if (operation == kUpdate)
        return updateRule(region, body);
    return validateRule(region, body);
}

std::optional<AwsError> SandboxService::checkRegistryId(const QString& registryId) const
{
    if (registryId.isEmpty() || registryId == m_config.account)
        return std::nullopt;
    return invalidParameter(kRegistryId,
        u"registryId must be the calling account's registry (%1)"_s.arg(m_config.account));
}

std::optional<PullThroughCacheRule> SandboxService::ruleFor(
    const QString& region, const QString& name) const
{
    const RuleMap rules = m_store.registry(m_config.account, region);
    std::optional<PullThroughCacheRule> best;
    qsizetype bestLength = -1;
    for (const PullThroughCacheRule& rule : rules) {
        const QString prefix = SandboxStore::ruleKey(rule.ecrRepositoryPrefix);
        const bool root = prefix == QLatin1StringView(kRoot);
        if (!root && !name.startsWith(prefix + u'/'))
            continue;
        const qsizetype length = root ? 0 : prefix.size();
        if (length > bestLength) {
            best = rule;
            bestLength = length;
        }
    }
    return best;
}

AwsError SandboxService::ruleNotFound(const QString& prefix) const
{
    return badRequest(u"PullThroughCacheRuleNotFoundException"_s,
        u"The pull through cache rule with ecrRepositoryPrefix '%1' does not exist in the "
        "registry with id '%2'"_s.arg(prefix, m_config.account));
}

std::optional<AwsError> SandboxService::commit(const QString& region, RuleMap before)
{
    QString error;
    if (m_store.save(&error))
        return std::nullopt;
    qCWarning(lcSandbox, "%ls", qUtf16Printable(error));
    m_store.registry(m_config.account, region) = std::move(before);
    return serviceError(kServerError, u"ServerException"_s,
        u"Internal failure: the sandbox could not write its state file"_s);
}

SandboxService::JsonResult SandboxService::createRule(
    const QString& region, const QJsonObject& body)
{
    SandboxValidator validator(body);
    validator.string(kPrefix, Field::EcrRepositoryPrefix, true);
    validator.string(kUrl, Field::UpstreamRegistryUrl, true);
    validator.string(kRegistryId, Field::RegistryId);
    validator.string(kUpstreamRegistry, Field::UpstreamRegistry);
    validator.string(kCredentialArn, Field::CredentialArn);
    validator.string(kCustomRoleArn, Field::CustomRoleArn);
    validator.string(kUpstreamPrefix, Field::UpstreamRepositoryPrefix);
    if (auto error = validator.error())
        return *error;
    const CreateRuleRequest request = CreateRuleRequest::fromJson(body);
    if (auto error = checkRegistryId(request.registryId))
        return *error;

    const std::optional<UpstreamRegistry> registry
        = upstreamRegistryForUrl(request.upstreamRegistryUrl);
    if (!registry
        || (!request.upstreamRegistry.isEmpty()
            && upstreamRegistryFromWireName(request.upstreamRegistry) != registry))
        return unsupportedUrl(request.upstreamRegistryUrl);
    const UpstreamRegistryInfo& info = upstreamRegistryInfo(*registry);
    if (info.auth == UpstreamAuth::SecretsManager && request.credentialArn.isEmpty())
        return badRequest(u"UnsupportedUpstreamRegistryException"_s,
            u"The specified upstream registry requires authentication. Specify a valid Secrets "
            "Manager ARN and try again"_s);
    if (auto error = checkUpstreamAuth(*registry, request.credentialArn, request.customRoleArn))
        return *error;
    if (*registry != UpstreamRegistry::Ecr && !request.upstreamRepositoryPrefix.isEmpty())
        return invalidParameter(kUpstreamPrefix,
            u"upstreamRepositoryPrefix is supported only for the ecr upstream registry"_s);
    if (request.ecrRepositoryPrefix == kRoot && !request.upstreamRepositoryPrefix.isEmpty()
        && request.upstreamRepositoryPrefix != kRoot)
        return invalidParameter(kUpstreamPrefix,
            u"upstreamRepositoryPrefix can be set only when ecrRepositoryPrefix is not ROOT"_s);

    RuleMap& rules = m_store.registry(m_config.account, region);
    const QString key = SandboxStore::ruleKey(request.ecrRepositoryPrefix);
    if (rules.contains(key))
        return badRequest(u"PullThroughCacheRuleAlreadyExistsException"_s,
            u"A pull through cache rule with ecrRepositoryPrefix '%1' already exists in the "
            "registry with id '%2'"_s.arg(request.ecrRepositoryPrefix, m_config.account));
    if (rules.size() >= m_config.ruleQuota)
        return badRequest(u"LimitExceededException"_s,
            u"The operation did not succeed because it would have exceeded a service limit for "
            "your account."_s);
    if (!request.credentialArn.isEmpty()) {
        if (auto error = checkSecret(request.credentialArn, m_config.account, region,
                m_config.secretsMustExist ? &m_secretsManager : nullptr))
            return *error;
    }

    PullThroughCacheRule rule;
    rule.ecrRepositoryPrefix = request.ecrRepositoryPrefix;
    rule.upstreamRegistryUrl = request.upstreamRegistryUrl;
    rule.createdAt = nowSeconds();
    rule.registryId = m_config.account;
    rule.upstreamRegistry = info.wireName;
    rule.credentialArn = request.credentialArn;
    rule.customRoleArn = request.customRoleArn;
    if (*registry == UpstreamRegistry::Ecr)
        rule.upstreamRepositoryPrefix = request.upstreamRepositoryPrefix.isEmpty()
            ? QString(kRoot)
            : request.upstreamRepositoryPrefix;

    RuleMap before = rules;
    rules.insert(key, rule);
    if (auto error = commit(region, std::move(before)))
        return *error;
    return withoutMembers(rule.toJson(), {"updatedAt"_L1});
}

SandboxService::JsonResult SandboxService::describeRules(
    const QString& region, const QJsonObject& body)
{
    SandboxValidator validator(body);
    validator.string(kRegistryId, Field::RegistryId);
    validator.prefixList("ecrRepositoryPrefixes"_L1, 1, 100);
    validator.integer("maxResults"_L1, 1, 1000);
    validator.string("nextToken"_L1);
    if (auto error = validator.error())
        return *error;
    const DescribeRulesRequest request = DescribeRulesRequest::fromJson(body);
    if (auto error = checkRegistryId(request.registryId))
        return *error;

    const RuleMap rules = m_store.registry(m_config.account, region);
    QList<PullThroughCacheRule> selected;
    QStringList filter;
    for (const QString& prefix : request.ecrRepositoryPrefixes) {
        const QString key = SandboxStore::ruleKey(prefix);
        if (!rules.contains(key))
            return ruleNotFound(prefix);
        if (!filter.contains(key))
            filter.append(key);
    }
    std::sort(filter.begin(), filter.end());
    if (filter.isEmpty()) {
        selected = rules.values();
    } else {
        for (const QString& key : std::as_const(filter))
            selected.append(rules.value(key));
    }

    const QString listing = m_config.account + u'\n' + region + u'\n' + filter.join(u'\n');
    qsizetype offset = 0;
    if (!request.nextToken.isEmpty()) {
        const std::optional<qsizetype> decoded = pageTokenOffset(listing, request.nextToken);
        if (!decoded)
            return invalidParameter("nextToken"_L1, u"Invalid NextToken"_s);
        offset = *decoded;
    }
    const qsizetype pageSize = request.maxResults.value_or(kDefaultPageSize);
    DescribeRulesPage page;
    page.rules = selected.mid(std::min(offset, selected.size()), pageSize);
    if (offset + pageSize < selected.size())
        page.nextToken = pageToken(listing, offset + pageSize);
    return page.toJson();
}

SandboxService::JsonResult SandboxService::deleteRule(
    const QString& region, const QJsonObject& body)
{
    SandboxValidator validator(body);
    validator.string(kPrefix, Field::EcrRepositoryPrefix, true);
    validator.string(kRegistryId, Field::RegistryId);
    if (auto error = validator.error())
        return *error;
    const RuleKey request = RuleKey::fromJson(body);
    if (auto error = checkRegistryId(request.registryId))
        return *error;

    RuleMap& rules = m_store.registry(m_config.account, region);
    const QString key = SandboxStore::ruleKey(request.ecrRepositoryPrefix);
    if (!rules.contains(key))
        return ruleNotFound(request.ecrRepositoryPrefix);
    RuleMap before = rules;
    const PullThroughCacheRule rule = rules.take(key);
    if (auto error = commit(region, std::move(before)))
        return *error;
    return withoutMembers(rule.toJson(), {kUpstreamRegistry, "updatedAt"_L1});
}

SandboxService::JsonResult SandboxService::updateRule(
    const QString& region, const QJsonObject& body)
{
    SandboxValidator validator(body);
    validator.string(kPrefix, Field::EcrRepositoryPrefix, true);
    validator.string(kRegistryId, Field::RegistryId);
    validator.string(kCredentialArn, Field::CredentialArn);
    validator.string(kCustomRoleArn, Field::CustomRoleArn);
    if (auto error = validator.error())
        return *error;
    const UpdateRuleRequest request = UpdateRuleRequest::fromJson(body);
    if (auto error = checkRegistryId(request.registryId))
        return *error;
    if (request.credentialArn.isEmpty() && request.customRoleArn.isEmpty())
        return badRequest(u"InvalidParameterException"_s,
            u"Invalid input: Please set either credential arn or role arn to update the "
            "credentials"_s);

    RuleMap& rules = m_store.registry(m_config.account, region);
    const QString key = SandboxStore::ruleKey(request.ecrRepositoryPrefix);
    if (!rules.contains(key))
        return ruleNotFound(request.ecrRepositoryPrefix);
    const std::optional<UpstreamRegistry> registry = rules.value(key).registry();
    if (!registry)
        return serviceError(kServerError, u"ServerException"_s,
            u"Internal failure: the rule has no known upstream registry"_s);
    if (auto error = checkUpstreamAuth(*registry, request.credentialArn, request.customRoleArn))
        return *error;
    if (!request.credentialArn.isEmpty()) {
        if (auto error = checkSecret(request.credentialArn, m_config.account, region,
                m_config.secretsMustExist ? &m_secretsManager : nullptr))
            return *error;
    }

    RuleMap before = rules;
    PullThroughCacheRule& rule = rules[key];
    if (!request.credentialArn.isEmpty())
        rule.credentialArn = request.credentialArn;
    if (!request.customRoleArn.isEmpty())
        rule.customRoleArn = request.customRoleArn;
    rule.updatedAt = nowSeconds();
    const PullThroughCacheRule updated = rule;
    if (auto error = commit(region, std::move(before)))
        return *error;

    PullThroughCacheRule response;
    response.ecrRepositoryPrefix = updated.ecrRepositoryPrefix;
    response.registryId = updated.registryId;
    response.updatedAt = updated.updatedAt;
    response.credentialArn = updated.credentialArn;
    response.customRoleArn = updated.customRoleArn;
    response.upstreamRepositoryPrefix = updated.upstreamRepositoryPrefix;
    return response.toJson();
}

SandboxService::JsonResult SandboxService::validateRule(
    const QString& region, const QJsonObject& body)
{
    SandboxValidator validator(body);
    validator.string(kPrefix, Field::EcrRepositoryPrefix, true);
    validator.string(kRegistryId, Field::RegistryId);
    if (auto error = validator.error())
        return *error;
    const RuleKey request = RuleKey::fromJson(body);
    if (auto error = checkRegistryId(request.registryId))
        return *error;

    const RuleMap rules = m_store.registry(m_config.account, region);
    const QString key = SandboxStore::ruleKey(request.ecrRepositoryPrefix);
    if (!rules.contains(key))
        return ruleNotFound(request.ecrRepositoryPrefix);

    ValidateRuleResult result;
    result.rule = rules.value(key);
    result.isValid = true;
    const std::optional<UpstreamRegistry> registry = result.rule.registry();
    if (registry && upstreamRegistryInfo(*registry).auth == UpstreamAuth::SecretsManager
        && secretFailsUpstreamLogin(result.rule.credentialArn)) {
        result.isValid = false;
        result.failure = u"Authentication to the upstream registry failed: 401 Unauthorized"_s;
    }
    return result.toJson();
}

} // namespace ecr::sandbox
