#pragma once

#include "AwsError.h"
#include "Clock.h"
#include "EcrTypes.h"
#include "SandboxAuth.h"
#include "SandboxHttp.h"
#include "SandboxRegistry.h"
#include "SandboxRepositories.h"
#include "SandboxSecretsManager.h"
#include "SandboxSso.h"
#include "SandboxStore.h"
#include "SandboxSts.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <chrono>
#include <optional>

// The ECR pull-through-cache API as a pure request -> response function: SigV4 verification,
// awsJson1_1 routing, the model's validation and errors, rules per (account, region), and an
// optional state file; STS (SandboxSts) and IAM Identity Center (SandboxSso) beside it. No
// sockets: SandboxServer is the transport.
namespace ecr::sandbox {

struct SandboxConfig
{
    QString account = QStringLiteral("123456789012");
    QList<AccessKey> keys; // empty => SandboxService::defaultKey() only
    QString statePath; // empty => in memory only
    int ruleQuota = 50;

    // STS (see SandboxSts.h). The user's MFA device and the code it shows; no serial: no device.
    QString mfaSerial;
    QString mfaCode;
    bool requireMfaForRoles = false; // AssumeRole needs MFA (on the call or from its source)
    // Lifetime of every issued credential; nullopt: the requested DurationSeconds (or default).
    std::optional<std::chrono::seconds> stsCredentialLifetime;
    int sessionTokenLength = 900; // characters of an issued session token

    // IAM Identity Center (see SandboxSso.h).
    SandboxSsoConfig sso;

    // Secrets Manager (see SandboxSecretsManager.h). With secretsMustExist, Create and Update of
    // a rule refuse a credentialArn the sandbox's Secrets Manager does not hold
    // (SecretNotFoundException), as the service does; without, the secret's name decides
    // (README: secret-name conventions), which the older tests rely on.
    bool secretsMustExist = false;
};

class SandboxService final
{
public:
    SandboxService(const Clock& clock, SandboxConfig config);
    Q_DISABLE_COPY_MOVE(SandboxService)

    HttpResponse handle(const HttpRequest& request);

    // For tests: the rules of the configured account in one region (sorted by prefix), and
    // counters.
    QList<PullThroughCacheRule> rules(const QString& region) const;
    // Requests that reached the operation (after authentication), e.g.
    // "CreatePullThroughCacheRule", an STS action such as "AssumeRole", or an SSO operation such
    // as "CreateToken".
    int requestCount(const QString& operation) const;
    int totalRequestCount() const; // every request handled, including auth failures
    // The last requests handled, oldest first, as they arrived (tests assert what was sent).
    const QList<HttpRequest>& recentRequests() const { return m_recent; }
    static constexpr qsizetype kRecentRequests = 32;
    void reset(); // drops all rules (and writes the empty state), issued STS keys and the counters
    SandboxSts& sts() { return m_sts; }
    SandboxSso& sso() { return m_sso; }
    SandboxSecretsManager& secretsManager() { return m_secretsManager; }
    SandboxRegistry& registry() { return m_registry; }
    SandboxRepositories& repositories() { return m_repositories; }

    // AKIDSANDBOXEXAMPLE / sandbox-SANDBOXSECRET-key-EXAMPLE: obvious example keys, never real
    // ones.
    static AccessKey defaultKey();

    // Every ECR request signed for `region` gets this error after authentication (a region the
    // account may not use, a throttled one: AccessDeniedException, ThrottlingException,
    // UnrecognizedClientException as an opt-in region that is not enabled answers); nullopt
    // lifts it.
    void setRegionError(const QString& region, std::optional<AwsError> error);

    // Why the state file given in the config could not be loaded; empty when it loaded or when
    // there is none. The service then starts empty and never overwrites that file.
    QString stateError() const { return m_stateError; }
    const Clock& clock() const { return m_clock; }
    const SandboxConfig& config() const { return m_config; }

private:
    using JsonResult = Result<QJsonObject>;
    using RuleMap = SandboxStore::RuleMap;
    QHash<QString, AwsError> m_regionErrors;

    JsonResult dispatch(const QString& region, const HttpRequest& request);
    static bool isSecretsManagerRequest(const HttpRequest& request);
    HttpResponse handleSecretsManager(const HttpRequest& request, const QDateTime& now);
    JsonResult createRule(const QString& region, const QJsonObject& body);
    JsonResult describeRules(const QString& region, const QJsonObject& body);
    JsonResult deleteRule(const QString& region, const QJsonObject& body);
    JsonResult updateRule(const QString& region, const QJsonObject& body);
    JsonResult validateRule(const QString& region, const QJsonObject& body);

    std::optional<AwsError> checkRegistryId(const QString& registryId) const;
    // The rule a repository name falls under: the longest prefix, else ROOT's.
    std::optional<PullThroughCacheRule> ruleFor(const QString& region, const QString& name) const;
    AwsError ruleNotFound(const QString& prefix) const;
    // Writes the state after a change; on failure restores `before` and returns a
    // ServerException.
    std::optional<AwsError> commit(const QString& region, RuleMap before);
    EpochSeconds nowSeconds() const;

    const Clock& m_clock;
    SandboxConfig m_config;
    SandboxStore m_store;
    SandboxSts m_sts;
    SandboxSso m_sso;
    SandboxSecretsManager m_secretsManager;
    SandboxRegistry m_registry;
    SandboxRepositories m_repositories;
    QString m_stateError;
    QHash<QString, int> m_requestCounts;
    int m_totalRequests = 0;
    QList<HttpRequest> m_recent;
};

} // namespace ecr::sandbox
