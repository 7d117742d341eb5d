// 200 mixed operations against a sandbox that injects 30% faults (throttling, server errors,
// HTML 503s, connection resets, and resets after the operation committed). The run must end
// with exactly the expected rules — nothing lost, nothing duplicated — and no call may take
// more attempts than the standard retry mode allows.
#include "SandboxHarness.h"

#include <QMap>

#include <random>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int kOperations = 200;
constexpr int kUserRetries = 6; // a person pressing "Try again" after a final failure

struct Expected
{
    QString url;
    QString credentialArn;
};

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mixedOperationsUnderFaults()
    {
        HarnessOptions options;
        options.faults.throttleRate = 0.08;
        options.faults.serverErrorRate = 0.06;
        options.faults.html503Rate = 0.04;
        options.faults.resetRate = 0.06;
        options.faults.commitThenResetRate = 0.06;
        options.faults.seed = 20261127;
        SandboxHarness h(options);
        EcrClient& client = h.client();

        std::mt19937 random(42);
        QMap<QString, Expected> model; // what the registry must hold
        int nextPrefix = 0;
        int calls = 0;
        int clientAttempts = 0;
        int maxAttemptsSeen = 0;
        int finalFailures = 0;
        int reconciled = 0;

        auto account = [&](int attempts) {
            ++calls;
            clientAttempts += attempts;
            maxAttemptsSeen = std::max(maxAttemptsSeen, attempts);
        };
        auto pickExisting = [&]() {
            auto it = model.begin();
            std::advance(it, std::uniform_int_distribution<int>(0, int(model.size()) - 1)(random));
            return it.key();
        };

        for (int op = 0; op < kOperations; ++op) {
            int kind = std::uniform_int_distribution<int>(0, 9)(random);
            if (model.isEmpty() || (model.size() >= 45 && kind < 4))
                kind = model.isEmpty() ? 0
                                       : 4; // create into an empty registry, delete near the quota
            bool done = false;
            for (int userTry = 0; userTry < kUserRetries && !done; ++userTry) {
                if (kind <= 3) { // create (a new prefix; public or authenticated upstream)
                    const QString prefix = u"rule-%1"_s.arg(nextPrefix);
                    const bool auth = kind % 2 == 1;
                    CreateRuleRequest request{prefix, auth ? u"ghcr.io"_s : u"quay.io"_s, {}, {},
                        auth ? secretArn(u"github-%1-AbCdEf"_s.arg(nextPrefix)) : QString(), {},
                        {}};
                    const auto r = h.wait(client.createRule(request));
                    account(r.ok() ? r->attempts : r.error().attempts);
                    if (r.ok()) {
                        reconciled += r->reconciled ? 1 : 0;
                        model.insert(prefix, {request.upstreamRegistryUrl, request.credentialArn});
                        ++nextPrefix;
                        done = true;
                    }
                } else if (kind <= 5) { // delete
                    const QString prefix = pickExisting();
                    const auto r = h.wait(client.deleteRule({prefix, {}}));
                    account(r.ok() ? r->attempts : r.error().attempts);
                    if (r.ok()) {
                        reconciled += r->reconciled ? 1 : 0;
                        model.remove(prefix);
                        done = true;
                    }
                } else if (kind == 6) { // update the credential of an authenticated rule
                    QString prefix;
                    for (auto it = model.cbegin(); it != model.cend(); ++it) {
                        if (!it->credentialArn.isEmpty())
                            prefix = it.key();
                    }
                    if (prefix.isEmpty()) {
                        done = true;
                        break;
                    }
                    const QString arn = secretArn(u"rotated-%1-XyZ"_s.arg(op));
                    const auto r = h.wait(client.updateRule({prefix, {}, arn, {}}));
                    account(r.ok() ? r->attempts : r.error().attempts);
                    if (r.ok()) {
                        model[prefix].credentialArn = arn;
                        done = true;
                    }
                } else if (kind == 7) { // validate
                    const auto r = h.wait(client.validateRule({pickExisting(), {}}));
                    account(r.ok() ? r->attempts : r.error().attempts);
                    done = r.ok();
                } else { // list everything, page by page, and compare with the model
                    DescribeRulesRequest request;
                    request.maxResults = 7;
                    QStringList listed;
                    bool complete = true;
                    do {
                        const auto r = h.wait(client.describeRulesPage(request));
                        account(r.ok() ? r->attempts : r.error().attempts);
                        if (!r.ok()) {
                            complete = false;
                            break;
                        }
                        for (const auto& rule : r->value.rules)
                            listed.append(rule.ecrRepositoryPrefix);
                        request.nextToken = r->value.nextToken;
                    } while (!request.nextToken.isEmpty());
                    if (complete) {
                        QCOMPARE(listed, QStringList(model.keys()));
                        done = true;
                    }
                }
                if (!done)
                    ++finalFailures;
            }
            QVERIFY2(done, qPrintable(u"operation %1 kept failing"_s.arg(op)));
        }

        // Exactly the expected rule set: nothing lost, nothing duplicated, nothing stale.
        const auto rules = h.service().rules(h.region());
        QStringList prefixes;
        for (const auto& rule : rules) {
            prefixes.append(rule.ecrRepositoryPrefix);
            QVERIFY2(
                model.contains(rule.ecrRepositoryPrefix), qPrintable(rule.ecrRepositoryPrefix));
            QCOMPARE(rule.upstreamRegistryUrl, model[rule.ecrRepositoryPrefix].url);
            QCOMPARE(rule.credentialArn, model[rule.ecrRepositoryPrefix].credentialArn);
        }
        QCOMPARE(prefixes, QStringList(model.keys()));
        QCOMPARE(prefixes.removeDuplicates(), 0);

        // Within the standard mode's limits: at most 3 attempts a call, and a bucket that never
        // paid for more retries than it held.
        QVERIFY(maxAttemptsSeen <= 3);
        QVERIFY(clientAttempts <= 3 * calls);
        QVERIFY(h.transport().retryBucket().available() >= 0);
        QVERIFY(h.server().faultsInjected() > 0);
        qInfo("calls %d, attempts %d (max %d per call), faults injected %d, final failures "
              "retried by the user %d, reconciled %d, rules at the end %d, bucket %d",
            calls, clientAttempts, maxAttemptsSeen, h.server().faultsInjected(), finalFailures,
            reconciled, int(rules.size()), h.transport().retryBucket().available());
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
