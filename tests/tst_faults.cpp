// 200 mixed rule operations against a sandbox that injects 30% faults (throttling, server errors,
// HTML 503s, connection resets, and resets after the operation committed). The run must end
// with exactly the expected rules — nothing lost, nothing duplicated — and no call may take
// more attempts than the standard retry mode allows. Then the soak: 1,000 operations on rules,
// repository creation templates and Secrets Manager secrets through latency, 20% throttling,
// 10% server errors and 5% connection resets (half of them after the change was made), ending
// with exactly the expected rules, templates and secrets.
#include "EcrRegistryClient.h"
#include "SandboxHarness.h"
#include "SecretsManagerClient.h"

#include <QElapsedTimer>
#include <QMap>
#include <QSet>

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
            // The rule a delete or validate is about is chosen once: "Try again" repeats it.
            const QString existing = model.isEmpty() ? QString() : pickExisting();
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
                    const QString prefix = existing;
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
                    const auto r = h.wait(client.validateRule({existing, {}}));
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

    void soakOfAThousandOperations()
    {
        constexpr int kSoakOperations = 1000;
        constexpr int kPatience = 12; // "Try again" presses before a person would give up
        HarnessOptions options;
        options.faults.latencyMs = 2;
        options.faults.throttleRate = 0.20;
        options.faults.serverErrorRate = 0.10;
        options.faults.resetRate = 0.025;
        options.faults.commitThenResetRate = 0.025;
        options.faults.seed = 20261203;
        SandboxHarness h(options);
        EcrClient& rules = h.client();
        EcrRegistryClient templates(h.transport());
        StaticCredentialsProvider keys(HarnessOptions::defaultCredentials());
        SigV4Auth auth(keys, h.clock());
        ServiceClientConfig secretsConfig = h.clientConfig();
        secretsConfig.service = SecretsManagerClient::service();
        secretsConfig.endpoint = secretsManagerEndpoint(h.region(), h.server().url());
        ServiceClient secretsTransport(h.network(), h.clock(), secretsConfig, &auth);
        SecretsManagerClient secrets(secretsTransport);

        std::mt19937 random(7);
        QMap<QString, QString> ruleModel; // prefix → upstream URL
        QSet<QString> templateModel;
        QSet<QString> secretModel;
        int calls = 0;
        int retries = 0; // counted by the rule calls, which report their attempts
        int reconciled = 0;
        int userRetries = 0;
        int serial = 0;
        const auto count = [&](int callAttempts) {
            ++calls;
            retries += callAttempts - 1;
        };
        const auto anyOf = [&](const auto& keys) {
            auto it = keys.begin();
            std::advance(it, std::uniform_int_distribution<int>(0, int(keys.size()) - 1)(random));
            return *it;
        };
        QElapsedTimer wall;
        wall.start();
        for (int op = 0; op < kSoakOperations; ++op) {
            int kind = std::uniform_int_distribution<int>(0, 11)(random);
            if ((kind == 3 || kind == 4 || kind == 5 || kind == 6) && ruleModel.isEmpty())
                kind = 0;
            if (kind <= 2 && ruleModel.size() >= 45)
                kind = 3; // stay under the 50-rule quota
            if (kind == 9 && templateModel.isEmpty())
                kind = 8;
            const QString name = u"soak-%1"_s.arg(++serial);
            // What the operation is about is chosen once: "Try again" repeats the same request.
            const QString rulePrefix = ruleModel.isEmpty() ? QString() : anyOf(ruleModel.keys());
            const QString templatePrefix
                = templateModel.isEmpty() ? QString() : anyOf(templateModel);
            bool done = false;
            for (int press = 0; press < kPatience && !done; ++press) {
                userRetries += press > 0 ? 1 : 0;
                if (kind <= 2) {
                    const CreateRuleRequest request{name, u"quay.io"_s, {}, {}, {}, {}, {}};
                    const auto r = h.wait(rules.createRule(request));
                    count(r.ok() ? r->attempts : r.error().attempts);
                    if ((done = r.ok())) {
                        reconciled += r->reconciled ? 1 : 0;
                        ruleModel.insert(name, request.upstreamRegistryUrl);
                    }
                } else if (kind <= 4) {
                    const auto r = h.wait(rules.deleteRule({rulePrefix, {}}));
                    count(r.ok() ? r->attempts : r.error().attempts);
                    if ((done = r.ok())) {
                        reconciled += r->reconciled ? 1 : 0;
                        ruleModel.remove(rulePrefix);
                    }
                } else if (kind <= 6) {
                    const auto r = h.wait(rules.validateRule({rulePrefix, {}}));
                    count(r.ok() ? r->attempts : r.error().attempts);
                    done = r.ok();
                } else if (kind == 7) {
                    const auto r = h.wait(rules.describeAllRules({}));
                    count(r.ok() ? r->attempts : r.error().attempts);
                    if ((done = r.ok()))
                        QCOMPARE(r->value.size(), ruleModel.size());
                } else if (kind == 8) {
                    RepositoryCreationTemplate t;
                    t.prefix = name;
                    t.description = u"soak"_s;
                    t.appliedFor = {u"PULL_THROUGH_CACHE"_s};
                    const auto r = h.wait(templates.createTemplate(t));
                    count(r.ok() ? 1 : r.error().attempts);
                    if ((done = r.ok()))
                        templateModel.insert(name);
                } else if (kind == 9) {
                    const auto r = h.wait(templates.deleteTemplate(templatePrefix));
                    count(r.ok() ? 1 : r.error().attempts);
                    if ((done = r.ok()))
                        templateModel.remove(templatePrefix);
                } else if (kind == 10) {
                    const QString secretName = u"ecr-pullthroughcache/"_s + name;
                    const CreateSecretRequest request{
                        secretName, {}, {}, {u"soak"_s, u"EXAMPLESECRETSENTINEL-soak"_s}};
                    const auto r = h.wait(secrets.createSecret(request));
                    count(r.ok() ? 1 : r.error().attempts);
                    // A press after a lost answer meets the secret the first one made (another
                    // request token): the person sees it exists, as the list then shows.
                    done = r.ok() || (press > 0 && r.error().isService(u"ResourceExistsException"));
                    if (done)
                        secretModel.insert(secretName);
                } else {
                    const auto r = h.wait(secrets.listPtcSecrets());
                    count(r.ok() ? 1 : r.error().attempts);
                    if ((done = r.ok()))
                        QCOMPARE(r->size(), secretModel.size());
                }
            }
            QVERIFY2(done, qPrintable(u"operation %1 (kind %2) kept failing"_s.arg(op).arg(kind)));
        }
        const qint64 elapsed = wall.elapsed();
        const int sent = h.server().requestsReceived(); // before the final reads

        // What the registry holds now, read without faults: exactly the model.
        h.server().setFaults({});
        const auto finalRules = h.wait(rules.describeAllRules({}));
        QVERIFY(finalRules.ok());
        QMap<QString, QString> heldRules;
        for (const PullThroughCacheRule& rule : finalRules->value)
            heldRules.insert(rule.ecrRepositoryPrefix, rule.upstreamRegistryUrl);
        QCOMPARE(finalRules->value.size(), heldRules.size()); // no prefix twice
        QCOMPARE(heldRules, ruleModel);
        const auto finalTemplates = h.wait(templates.describeAllTemplates());
        QVERIFY(finalTemplates.ok());
        QSet<QString> heldTemplates;
        for (const RepositoryCreationTemplate& t : finalTemplates.value())
            heldTemplates.insert(t.prefix);
        QCOMPARE(finalTemplates->size(), heldTemplates.size());
        QCOMPARE(heldTemplates, templateModel);
        const auto finalSecrets = h.wait(secrets.listPtcSecrets());
        QVERIFY(finalSecrets.ok());
        QSet<QString> heldSecrets;
        for (const SecretSummary& secret : finalSecrets.value())
            heldSecrets.insert(secret.name);
        QCOMPARE(finalSecrets->size(), heldSecrets.size());
        QCOMPARE(heldSecrets, secretModel);
        QVERIFY(h.server().faultsInjected() > kSoakOperations / 5);

        // Requests as the server received them: every attempt of every call (and any resend
        // of Qt's own), so retries are what the calls sent beyond one each.
        QVERIFY(sent >= calls);
        qInfo("soak: %d operations, %d calls, %d attempts sent, %d retries (rule calls alone "
              "counted %d), %d reconciled, %d presses of Try again, %d faults injected, %lld ms; "
              "at the end %d rules, %d templates, %d secrets",
            kSoakOperations, calls, sent, sent - calls, retries, reconciled, userRetries,
            h.server().faultsInjected(), elapsed, int(heldRules.size()), int(heldTemplates.size()),
            int(heldSecrets.size()));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
