// Copying rules to another region and another account, over loopback against two sandboxes
// (two accounts): the plan says create, identical, conflict, or needs a secret or role of the
// destination's own; a mapped secret makes a Create; applying to both destinations at once
// creates exactly the planned rules and touches nothing else. A conflict changes only when the
// user chose to overwrite it (an update, or delete and create for another upstream); templates
// are planned and copied the same way.
#include "EcrSession.h"
#include "RuleCopy.h"
#include "SandboxSessions.h"

#include <QTest>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

using Action = CopyPlanItem::Action;

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
        SandboxHarness a(accountOptions(u"123456789012"_s));
        SandboxHarness b(accountOptions(u"444455556666"_s));
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
            u"A · us-west-2"_s, west->location(), a.service().rules(u"us-west-2"_s), {}};
        const CopyDestination toOther{
            u"B · us-east-1"_s, other->location(), b.service().rules(u"us-east-1"_s), {}};
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

    void overwriteOnlyWhenChosen()
    {
        SystemClock clock;
        SandboxHarness a(accountOptions(u"123456789012"_s));
        const QString secret = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:"
                               "ecr-pullthroughcache/docker-hub-QuAy12"_s;
        QVERIFY(a.wait(a.client().createRule(
                           {u"docker-hub"_s, u"registry-1.docker.io"_s, {}, {}, secret, {}, {}}))
                    .ok());
        QVERIFY(a.wait(a.client().createRule({u"k8s"_s, u"registry.k8s.io"_s, {}, {}, {}, {}, {}}))
                    .ok());
        const auto source = a.wait(a.client().describeAllRules(DescribeRulesRequest{}));
        QVERIFY(source.ok());
        // The destination is another region of the same account: docker-hub has another secret (an
        // update fixes it), k8s caches another upstream (only delete and create can fix it).
        auto east2 = sessionOf(a, clock, u"us-east-2"_s, u"123456789012"_s);
        const QString otherSecret = u"arn:aws:secretsmanager:us-east-2:123456789012:secret:"
                                    "ecr-pullthroughcache/docker-hub-OtHeR1"_s;
        const QString mapped = u"arn:aws:secretsmanager:us-east-2:123456789012:secret:"
                               "ecr-pullthroughcache/docker-hub-MaPpEd"_s;
        QVERIFY(a.wait(east2->client().createRule({u"docker-hub"_s, u"registry-1.docker.io"_s, {},
                           {}, otherSecret, {}, {}}))
                    .ok());
        QVERIFY(
            a.wait(east2->client().createRule({u"k8s"_s, u"public.ecr.aws"_s, {}, {}, {}, {}, {}}))
                .ok());
        const CopyDestination to{
            u"A · us-east-2"_s, east2->location(), a.service().rules(u"us-east-2"_s), {}};
        QList<CopyPlanItem> plan = planCopy(source->value, to, {{secret, mapped}});
        QCOMPARE(actionOf(plan, u"docker-hub"_s), Action::Conflict);
        QCOMPARE(actionOf(plan, u"k8s"_s), Action::Conflict);

        // Nobody chose: nothing changes.
        const QList<CopyOutcome> untouched = SandboxHarness::wait(applyCopy(east2->client(), plan));
        for (const CopyOutcome& o : untouched)
            QVERIFY(!o.changed() && !o.error);
        QCOMPARE(a.service().requestCount(u"UpdatePullThroughCacheRule"_s), 0);
        QCOMPARE(a.service().requestCount(u"DeletePullThroughCacheRule"_s), 0);

        for (CopyPlanItem& item : plan) {
            item.overwrite = true;
            QCOMPARE(item.replaces(), item.request.ecrRepositoryPrefix == u"k8s"_s);
        }
        const QList<CopyOutcome> done = SandboxHarness::wait(applyCopy(east2->client(), plan));
        QCOMPARE(done.size(), 2);
        for (const CopyOutcome& o : done) {
            QVERIFY2(o.updated && !o.error, qPrintable(o.prefix));
            QVERIFY(!o.requestId.isEmpty());
        }
        QCOMPARE(a.service().requestCount(u"UpdatePullThroughCacheRule"_s), 1);
        QCOMPARE(a.service().requestCount(u"DeletePullThroughCacheRule"_s), 1);
        const QList<PullThroughCacheRule> after = a.service().rules(u"us-east-2"_s);
        QCOMPARE(after.size(), 2);
        for (const PullThroughCacheRule& r : after) {
            if (r.ecrRepositoryPrefix == u"docker-hub"_s)
                QCOMPARE(r.credentialArn, mapped);
            else
                QCOMPARE(r.upstreamRegistryUrl, u"registry.k8s.io"_s);
        }
    }

    void copyTemplates()
    {
        SystemClock clock;
        SandboxHarness a(accountOptions(u"123456789012"_s));
        SandboxHarness b(accountOptions(u"444455556666"_s));
        RepositoryCreationTemplate plain;
        plain.prefix = u"quay"_s;
        plain.appliedFor = {u"PULL_THROUGH_CACHE"_s};
        plain.imageTagMutability = u"IMMUTABLE"_s;
        RepositoryCreationTemplate tagged = plain;
        tagged.prefix = u"docker-hub"_s;
        tagged.resourceTags = {{u"team"_s, u"platform"_s}};
        tagged.customRoleArn = u"arn:aws:iam::123456789012:role/ecr-template"_s;
        RepositoryCreationTemplate keyed = plain;
        keyed.prefix = u"k8s"_s;
        keyed.encryptionType = u"KMS"_s;
        keyed.kmsKey
            = u"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"_s;
        auto east = sessionOf(a, clock, u"us-east-1"_s, u"123456789012"_s);
        for (const RepositoryCreationTemplate& t : {plain, tagged, keyed})
            QVERIFY(a.wait(east->registry().createTemplate(t)).ok());
        const auto source = a.wait(east->registry().describeAllTemplates());
        QVERIFY(source.ok());
        QCOMPARE(source->size(), 3);

        // Account B, us-east-1, has quay with MUTABLE tags.
        auto other = sessionOf(b, clock, u"us-east-1"_s, u"444455556666"_s);
        RepositoryCreationTemplate mutableQuay = plain;
        mutableQuay.imageTagMutability = u"MUTABLE"_s;
        QVERIFY(b.wait(other->registry().createTemplate(mutableQuay)).ok());
        const auto existing = b.wait(other->registry().describeAllTemplates());
        QVERIFY(existing.ok());
        const CopyDestination toOther{u"B · us-east-1"_s, other->location(), {}, existing.value()};
        QList<TemplateCopyItem> plan = planTemplateCopy(source.value(), toOther);
        QCOMPARE(plan.size(), 3);
        QHash<QString, Action> actions;
        for (const TemplateCopyItem& i : plan)
            actions.insert(i.request.prefix, i.action);
        QCOMPARE(actions.value(u"quay"_s), Action::Conflict);
        QCOMPARE(actions.value(u"docker-hub"_s), Action::NeedsRole);
        QCOMPARE(actions.value(u"k8s"_s), Action::NeedsKey);
        for (const TemplateCopyItem& i : plan) {
            if (i.action == Action::Conflict)
                QVERIFY2(i.reason.contains(u"tag mutability"_s), qPrintable(i.reason));
        }

        // To account A, us-west-2 (empty): quay and docker-hub are created; the key is us-east-1's.
        auto west = sessionOf(a, clock, u"us-west-2"_s, u"123456789012"_s);
        const CopyDestination toWest{u"A · us-west-2"_s, west->location(), {}, {}};
        const QList<TemplateCopyItem> westPlan = planTemplateCopy(source.value(), toWest);
        const QList<CopyOutcome> westDone
            = SandboxHarness::wait(applyTemplateCopy(west->registry(), westPlan));
        int created = 0;
        for (const CopyOutcome& o : westDone) {
            QVERIFY(!o.error);
            created += o.created ? 1 : 0;
        }
        QCOMPARE(created, 2);
        const auto westNow = a.wait(west->registry().describeAllTemplates());
        QVERIFY(westNow.ok());
        QCOMPARE(westNow->size(), 2);
        // Planned again: identical now.
        const CopyDestination westAgain{u"A · us-west-2"_s, west->location(), {}, westNow.value()};
        for (const TemplateCopyItem& i : planTemplateCopy(source.value(), westAgain)) {
            if (i.request.prefix != u"k8s"_s)
                QCOMPARE(i.action, Action::Identical);
        }

        // The conflict in B changes only when chosen.
        for (TemplateCopyItem& i : plan)
            i.overwrite = i.action == Action::Conflict;
        const QList<CopyOutcome> otherDone
            = SandboxHarness::wait(applyTemplateCopy(other->registry(), plan));
        QCOMPARE(otherDone.size(), 3);
        const auto otherNow = b.wait(other->registry().describeAllTemplates());
        QVERIFY(otherNow.ok());
        QCOMPARE(otherNow->size(), 1);
        QCOMPARE(otherNow->first().imageTagMutability, u"IMMUTABLE"_s);
    }
};

QTEST_GUILESS_MAIN(TestRuleCopy)
#include "tst_rulecopy.moc"
