#pragma once

#include "EcrTypes.h"
#include "ServiceClient.h"

#include <QCoroTask>
#include <QObject>

#include <functional>

namespace ecr {

// A successful call's value, with the request id and how many attempts it took.
template <typename T>
struct EcrReply
{
    T value;
    QString requestId;
    int attempts = 1;
    // True when the outcome was confirmed another way, typically because an answer was lost: a
    // Create that met an identical existing rule, a Delete that found the rule already gone.
    bool reconciled = false;
};

// The five pull-through-cache operations as typed calls, a thin adapter over the call pipeline.
// Inputs are validated with the model's constraints before anything is sent (switchable off for
// "submit anyway").
class EcrClient final : public QObject
{
    Q_OBJECT

public:
    explicit EcrClient(ServiceClient& transport, QObject* parent = nullptr);

    // The service row the pipeline needs: awsJson1_1, signing name "ecr".
    static ServiceInfo service();

    void setClientValidation(bool enabled) { m_validate = enabled; }

    QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> createRule(
        CreateRuleRequest request, CancelToken cancel = {});
    QCoro::Task<Result<EcrReply<DescribeRulesPage>>> describeRulesPage(
        DescribeRulesRequest request, CancelToken cancel = {});
    // Follows nextToken to the end. `progress` is told the number of rules loaded so far.
    QCoro::Task<Result<EcrReply<QList<PullThroughCacheRule>>>> describeAllRules(
        DescribeRulesRequest request, CancelToken cancel = {},
        std::function<void(int)> progress = {});
    QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> deleteRule(
        RuleKey key, CancelToken cancel = {});
    QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> updateRule(
        UpdateRuleRequest request, CancelToken cancel = {});
    QCoro::Task<Result<EcrReply<ValidateRuleResult>>> validateRule(
        RuleKey key, CancelToken cancel = {});

    ServiceClient& transport() { return m_transport; }

private:
    QCoro::Task<Result<ServiceAnswer>> send(
        const QString& operation, const QJsonObject& input, const CancelToken& cancel);

    ServiceClient& m_transport;
    bool m_validate = true;
};

// Whether an existing rule is what a Create asked for (used to confirm a retried Create).
bool ruleMatchesRequest(const PullThroughCacheRule& rule, const CreateRuleRequest& request);

} // namespace ecr
