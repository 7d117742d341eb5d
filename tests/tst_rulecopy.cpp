// Copying rules to another region and another account, over loopback against two sandboxes
// (two accounts): the plan says create, identical, conflict, or needs a secret or role of the
// destination's own; a mapped secret makes a Create; applying to both destinations at once
// creates exactly the planned rules and touches nothing else.
#include "EcrSession.h"
#include "RuleCopy.h"
#include "SandboxHarness.h"

#include <QTest>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

using Action = CopyPlanItem::Action;

std::unique_ptr<EcrSession> sessionOf(
    SandboxHarness& h, const Clock& clock, const QString& region, const QString& account)
{
    ConnectionTarget target;
    target.displayName = u"sandbox"_s;
    target.region = region;
    target.customEndpoint = h.server().url();
    target.credentials
        = std::make_shared<StaticCredentialsProvider>(HarnessOptions::defaultCredentials());
    target.accountId = account;
    return std::move(EcrSession::create(h.network(), clock, target).value());
}

HarnessOptions account(const QString& id)
{
    HarnessOptions o;
    o.sandbox.account = id;
    return o;
}

Action actionOf(const QList<CopyPlanItem>& plan, const QString& prefix)
{
    for (const CopyPlanItem& i : plan) {
        if (i.request.ecrRepositoryPrefix == prefix)
            return i.action;
    }
    qFatal("no plan item");
}

} // namespace

class TestRuleCopy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void copyAcrossRegionsAndAccounts()
    {
        SystemClock clock;
        SandboxHarness a(account(u"123456789012"_s));
        SandboxHarness b(account(u"444455556666"_s));
        const QString secretEast = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:"
                                   "ecr-pullthroughcache/docker-hub-AbCdEf"_s;
        const QString secretWest = u"arn:aws:secretsmanager:us-west-2:123456789012:secret:"
                                   "ecr-pullthroughcache/docker-hub-WeSt22"_s;
        const QString role = u"arn:aws:iam::123456789012:role/ecr-pull-through-cache"_s;
        // The source: three rules in account A, us-east-1.
        QVERIFY(a.wait(a.client().createRule({u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}})).ok());
        QVERIFY(a.wait(a.client().createRule({u"docker-hub"_s, u"registry-1.docker.io"_s, {}, {},
                           secretEast, {}, {}}))
                    .ok());
        QVERIFY(a.wait(a.client().createRule(
                           {u"team"_s, u"555566667777.dkr.ecr.us-east-1.amazonaws.com"_s, {}, {},
                               {}, role, u"apps"_s}))
                    .ok());
        const auto source = a.wait(a.client().describeAllRules(DescribeRulesRequest{}));
        QVERIFY(source.ok());
        QCOMPARE(source->value.size(), 3);

        // Destination 1: account A, us-west-2, which has quay already, identically.
        auto west = sessionOf(a, clock, u"us-west-2"_s, u"123456789012"_s);
        QVERIFY(
            a.wait(west->client().createRule({u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}})).ok());
        // Destination 2: account B, us-east-1, whose quay caches something else.
        auto other = sessionOf(b, clock, u"us-east-1"_s, u"444455556666"_s);
        QVERIFY(b.wait(other->client().createRule(
                           {u"quay"_s, u"registry.k8s.io"_s, {}, {}, {}, {}, {}}))
                    .ok());

        const CopyDestination toWest{
            u"A · us-west-2"_s, west->location(), a.service().rules(u"us-west-2"_s)};
        const CopyDestination toOther{
            u"B · us-east-1"_s, other->location(), b.service().rules(u"us-east-1"_s)};
        const QList<CopyPlanItem> unmapped = planCopy(source->value, toWest);
        QCOMPARE(actionOf(unmapped, u"quay"_s), Action::Identical);
        QCOMPARE(actionOf(unmapped, u"docker-hub"_s), Action::NeedsSecret);
        QCOMPARE(actionOf(unmapped, u"team"_s), Action::Create); // the role is this account's
        // The secret mapped to one of us-west-2's: created with it.
        const QList<CopyPlanItem> westPlan
            = planCopy(source->value, toWest, {{secretEast, secretWest}});
        QCOMPARE(actionOf(westPlan, u"docker-hub"_s), Action::Create);
        const QList<CopyPlanItem> otherPlan = planCopy(source->value, toOther);
        QCOMPARE(actionOf(otherPlan, u"quay"_s), Action::Conflict);
        QCOMPARE(actionOf(otherPlan, u"docker-hub"_s), Action::NeedsSecret);
        QCOMPARE(actionOf(otherPlan, u"team"_s), Action::NeedsRole);
        for (const CopyPlanItem& i : otherPlan)
            QVERIFY(!i.reason.isEmpty());
        for (const CopyPlanItem& i : otherPlan) {
            if (i.action == Action::Conflict)
                QVERIFY2(
                    i.reason.contains(u"registry.k8s.io"_s), qPrintable(i.reason)); // what differs
        }

        // Applied to both at once; each reports per rule.
        auto westTask = applyCopy(west->client(), westPlan);
        auto otherTask = applyCopy(other->client(), otherPlan);
        const QList<CopyOutcome> westDone = SandboxHarness::wait(std::move(westTask));
        const QList<CopyOutcome> otherDone = SandboxHarness::wait(std::move(otherTask));
        QCOMPARE(westDone.size(), 3);
        QCOMPARE(otherDone.size(), 3);
        for (const CopyOutcome& o : otherDone)
            QVERIFY(!o.created && !o.error);
        int created = 0;
        for (const CopyOutcome& o : westDone)
            created += o.created ? 1 : 0;
        QCOMPARE(created, 2);

        // The sandboxes end with exactly the expected rules.
        const QList<PullThroughCacheRule> westRules = a.service().rules(u"us-west-2"_s);
        QCOMPARE(westRules.size(), 3);
        for (const PullThroughCacheRule& r : westRules) {
            if (r.ecrRepositoryPrefix == u"docker-hub"_s)
                QCOMPARE(r.credentialArn, secretWest);
            if (r.ecrRepositoryPrefix == u"team"_s) {
                QCOMPARE(r.customRoleArn, role);
                QCOMPARE(r.upstreamRepositoryPrefix, u"apps"_s);
            }
        }
        const QList<PullThroughCacheRule> otherRules = b.service().rules(u"us-east-1"_s);
        QCOMPARE(otherRules.size(), 1);
        QCOMPARE(otherRules.first().upstreamRegistryUrl, u"registry.k8s.io"_s); // untouched
        QCOMPARE(a.service().rules(u"us-east-1"_s).size(), 3); // the source too
        QCOMPARE(b.service().requestCount(u"CreatePullThroughCacheRule"_s), 1); // its own only
    }
};

QTEST_GUILESS_MAIN(TestRuleCopy)
#include "tst_rulecopy.moc"
