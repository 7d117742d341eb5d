// The fleet view and the copy dialog, offscreen, over loopback against two sandboxes standing
// for two accounts: 2 profiles × 34 regions with latency injected, one region answering
// AccessDenied and one throttling. Every rule shows with its account and region, the failing
// regions show inline, a prefix that differs is marked, and the requests in flight never exceed
// the bound, overall or per region (counted by the sandboxes themselves). The copy dialog plans,
// maps a secret, overwrites only what is ticked, applies to two destinations and logs it.
#include "ActivityLog.h"
#include "CopyDialog.h"
#include "EcrSession.h"
#include "FleetDialog.h"
#include "RegistryPicker.h"
#include "SandboxServer.h"
#include "SandboxService.h"
#include "SandboxSessions.h"
#include "TestDir.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

const QString kAccountA = u"123456789012"_s;
const QString kAccountB = u"444455556666"_s;

// Two profiles, each the sandbox of its account.
class TwoAccounts final : public ProfileDirectory
{
public:
    TwoAccounts(SandboxHarness& a, SandboxHarness& b)
        : m_a(a)
        , m_b(b)
    { }
    QList<ProfileEntry> profiles() const override
    {
        return {
            {u"a"_s, u"alpha"_s, ProfileEntry::Kind::Keychain, u"us-east-1"_s, u"aws"_s, {}, {}},
            {u"b"_s, u"beta"_s, ProfileEntry::Kind::Keychain, u"us-east-1"_s, u"aws"_s, {}, {}}};
    }
    QCoro::Task<Result<ConnectionTarget>> resolve(QString id, QString region, CancelToken) override
    {
        ConnectionTarget target;
        target.displayName = id == u"a" ? u"alpha"_s : u"beta"_s;
        target.region = region;
        target.customEndpoint = (id == u"a" ? m_a : m_b).server().url();
        target.credentials
            = std::make_shared<StaticCredentialsProvider>(HarnessOptions::defaultCredentials());
        target.accountId = id == u"a" ? kAccountA : kAccountB;
        co_return target;
    }

private:
    SandboxHarness& m_a;
    SandboxHarness& m_b;
};

void addRule(SandboxHarness& h, const Clock& clock, const QString& region, const QString& accountId,
    const CreateRuleRequest& request)
{
    auto session = sessionOf(h, clock, region, accountId);
    const auto created = h.wait(session->client().createRule(request));
    QVERIFY2(created.ok(), qPrintable(region));
}

} // namespace

class TestFleet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoProfilesAllRegions()
    {
        SystemClock clock;
        SandboxHarness a(accountOptions(kAccountA));
        SandboxHarness b(accountOptions(kAccountB));
        const QStringList regions = FleetFetch::regionsOf({u"aws"_s});
        QCOMPARE(regions.size(), 34);
        // quay everywhere; docker-hub in two regions of A, with another upstream in one.
        for (const QString& region : regions) {
            addRule(a, clock, region, kAccountA, {u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}});
            addRule(b, clock, region, kAccountB, {u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}});
        }
        addRule(a, clock, u"eu-west-1"_s, kAccountA,
            {u"k8s"_s, u"registry.k8s.io"_s, {}, {}, {}, {}, {}});
        addRule(a, clock, u"eu-west-2"_s, kAccountA,
            {u"k8s"_s, u"public.ecr.aws"_s, {}, {}, {}, {}, {}});

        auto gauge = std::make_shared<sandbox::InFlightGauge>();
        a.server().setGauge(gauge);
        b.server().setGauge(gauge);
        sandbox::FaultConfig slow;
        slow.latencyMs = 40;
        a.server().setFaults(slow);
        b.server().setFaults(slow);
        a.service().setRegionError(u"eu-south-2"_s,
            sandbox::serviceError(400, u"AccessDeniedException"_s,
                u"User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
                "ecr:DescribePullThroughCacheRules"_s));
        b.service().setRegionError(u"ap-east-1"_s,
            sandbox::serviceError(400, u"ThrottlingException"_s, u"Rate exceeded"_s));

        TwoAccounts profiles(a, b);
        FleetOptions options;
        options.maxInFlight = 8;
        options.maxPerRegion = 1;
        FleetDialog dialog(profiles, clock, options);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!dialog.fetchButton()->isEnabled()); // nothing picked
        QVERIFY(dialog.picker()->setProfileChecked(u"a"_s, false));
        QVERIFY(dialog.picker()->setProfileChecked(u"b"_s, false));
        dialog.picker()->setAllRegions(true);
        QCOMPARE(dialog.picker()->registryCount(), 68);
        QVERIFY(dialog.fetchButton()->isEnabled());
        QTest::mouseClick(dialog.fetchButton(), Qt::LeftButton);
        QVERIFY(dialog.isFetching());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isFetching(), 60000);

        // The bound held (the sandboxes counted), and the fetch was concurrent.
        QVERIFY2(gauge->max() <= 8, qPrintable(QString::number(gauge->max())));
        QVERIFY2(gauge->max() >= 4, qPrintable(QString::number(gauge->max())));
        QCOMPARE(gauge->maxInAnyRegion(), 1);
        QCOMPARE(gauge->regionCount(), 34);
        QVERIFY(dialog.fetcher().mostInFlight() <= 8);

        const FleetModel& model = dialog.model();
        QCOMPARE(model.failedCount(), 2);
        QCOMPARE(model.ruleCount(), 66 + 2);
        QSet<QString> seen;
        int failedRows = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const auto cell = [&](int column, int role = Qt::DisplayRole) {
                return model.index(row, column).data(role);
            };
            const QString account = cell(FleetModel::AccountColumn).toString();
            const QString region = cell(FleetModel::RegionColumn).toString();
            QVERIFY(!region.isEmpty());
            QVERIFY(account == kAccountA || account == kAccountB);
            if (cell(0, FleetModel::FailedRole).toBool()) {
                ++failedRows;
                const QString text = cell(FleetModel::UpstreamColumn).toString();
                if (region == u"eu-south-2") {
                    QCOMPARE(account, kAccountA);
                    QVERIFY2(text.contains(u"not authorized"_s), qPrintable(text));
                } else {
                    QCOMPARE(region, u"ap-east-1"_s);
                    QCOMPARE(account, kAccountB);
                    QCOMPARE(
                        cell(FleetModel::ConsistencyColumn).toString(), u"ThrottlingException"_s);
                }
                continue;
            }
            const QString prefix = cell(FleetModel::PrefixColumn).toString();
            seen.insert(account + u' ' + region + u' ' + prefix);
            if (prefix == u"k8s") {
                QVERIFY(cell(0, FleetModel::DiffersRole).toBool());
                QVERIFY2(cell(FleetModel::ConsistencyColumn).toString().contains(u"upstream"_s),
                    qPrintable(cell(FleetModel::ConsistencyColumn).toString()));
            } else {
                QVERIFY(!cell(0, FleetModel::DiffersRole).toBool());
                QVERIFY2(cell(FleetModel::ConsistencyColumn).toString().startsWith(u"Same"_s),
                    qPrintable(cell(FleetModel::ConsistencyColumn).toString()));
            }
        }
        QCOMPARE(failedRows, 2);
        for (const QString& region : regions) {
            QCOMPARE(
                seen.contains(kAccountA + u' ' + region + u" quay"_s), region != u"eu-south-2");
            QCOMPARE(seen.contains(kAccountB + u' ' + region + u" quay"_s), region != u"ap-east-1");
        }
        QVERIFY(seen.contains(kAccountA + u" eu-west-1 k8s"_s));
        QVERIFY2(dialog.statusLabel()->text().contains(u"2 failed"_s),
            qPrintable(dialog.statusLabel()->text()));

        // Filtering and grouping keep the failed rows findable.
        dialog.filterEdit()->setText(u"eu-south-2"_s);
        QCOMPARE(dialog.proxy()->rowCount(), 2); // B's rule and A's error
        dialog.filterEdit()->clear();
        dialog.groupingBox()->setCurrentIndex(1); // by prefix
        QCOMPARE(model.rowCount(), 3); // quay, k8s and the two failed registries' group
    }

    void copyWithPreviewMappingAndOverwrite()
    {
        SystemClock clock;
        SandboxHarness a(accountOptions(kAccountA));
        SandboxHarness b(accountOptions(kAccountB));
        const QString secretA = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:"
                                "ecr-pullthroughcache/docker-hub-AbCdEf"_s;
        addRule(a, clock, u"us-east-1"_s, kAccountA, {u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}});
        addRule(a, clock, u"us-east-1"_s, kAccountA,
            {u"docker-hub"_s, u"registry-1.docker.io"_s, {}, {}, secretA, {}, {}});
        addRule(a, clock, u"us-east-1"_s, kAccountA,
            {u"k8s"_s, u"registry.k8s.io"_s, {}, {}, {}, {}, {}});
        // B, us-west-2: quay identical, k8s with another upstream.
        addRule(b, clock, u"us-west-2"_s, kAccountB, {u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}});
        addRule(b, clock, u"us-west-2"_s, kAccountB,
            {u"k8s"_s, u"public.ecr.aws"_s, {}, {}, {}, {}, {}});

        ecr::test::TestDir dir;
        ActivityLog log(dir.filePath(u"activity.sqlite"_s));
        TwoAccounts profiles(a, b);
        CopySource source;
        source.label = u"alpha · us-east-1"_s;
        source.rules = a.service().rules(u"us-east-1"_s);
        CopyDialog dialog(profiles, clock, source);
        dialog.setActivityLog(&log);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.picker()->setProfileChecked(u"a"_s, false));
        QVERIFY(dialog.picker()->setProfileChecked(u"b"_s, false));
        QVERIFY(dialog.picker()->setRegionChecked(u"us-west-2"_s));
        QTest::mouseClick(dialog.previewButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 20000);
        QCOMPARE(dialog.destinations().size(), 2);
        using Action = CopyPlanItem::Action;
        auto actionIn = [&](int d, const QString& prefix) {
            for (const CopyPlanItem& i : dialog.destinations().at(d).rules) {
                if (i.request.ecrRepositoryPrefix == prefix)
                    return i.action;
            }
            qFatal("no item");
        };
        // 0: alpha · us-west-2 (empty), 1: beta · us-west-2.
        QCOMPARE(actionIn(0, u"quay"_s), Action::Create);
        QCOMPARE(actionIn(0, u"docker-hub"_s), Action::NeedsSecret);
        QCOMPARE(actionIn(1, u"quay"_s), Action::Identical);
        QCOMPARE(actionIn(1, u"k8s"_s), Action::Conflict);
        QCOMPARE(dialog.planView()->topLevelItemCount(), 2);
        QCOMPARE(dialog.planView()->topLevelItem(1)->childCount(), 3);

        // The secret picker's choice maps docker-hub in alpha · us-west-2.
        QVERIFY(dialog.selectItem(0, u"docker-hub"_s, false));
        QVERIFY(dialog.mapSecretButton()->isEnabled());
        const QString secretWest = u"arn:aws:secretsmanager:us-west-2:123456789012:secret:"
                                   "ecr-pullthroughcache/docker-hub-WeSt22"_s;
        dialog.mapSecret(0, secretA, secretWest);
        QCOMPARE(actionIn(0, u"docker-hub"_s), Action::Create);
        // Planned: 3 creations in alpha; the conflict is kept until ticked.
        QVERIFY2(dialog.applyButton()->text().startsWith(u"&Apply 3 change"_s),
            qPrintable(dialog.applyButton()->text()));
        QVERIFY(dialog.setOverwrite(1, u"k8s"_s, false, true));
        QVERIFY2(dialog.applyButton()->text().startsWith(u"&Apply 4 change"_s),
            qPrintable(dialog.applyButton()->text()));

        QTest::mouseClick(dialog.applyButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 20000);
        for (const CopyDialog::Destination& d : dialog.destinations())
            QVERIFY(d.applied);
        // Per target: alpha got 3, beta 1 overwrite (delete and create: another upstream).
        QVERIFY2(dialog.planView()->topLevelItem(0)->text(3).startsWith(u"3 change"_s),
            qPrintable(dialog.planView()->topLevelItem(0)->text(3)));
        QVERIFY2(dialog.planView()->topLevelItem(1)->text(3).startsWith(u"1 change"_s),
            qPrintable(dialog.planView()->topLevelItem(1)->text(3)));
        const QList<PullThroughCacheRule> alphaWest = a.service().rules(u"us-west-2"_s);
        QCOMPARE(alphaWest.size(), 3);
        for (const PullThroughCacheRule& r : alphaWest) {
            if (r.ecrRepositoryPrefix == u"docker-hub")
                QCOMPARE(r.credentialArn, secretWest);
        }
        const QList<PullThroughCacheRule> betaWest = b.service().rules(u"us-west-2"_s);
        QCOMPARE(betaWest.size(), 2);
        for (const PullThroughCacheRule& r : betaWest) {
            if (r.ecrRepositoryPrefix == u"k8s")
                QCOMPARE(r.upstreamRegistryUrl, u"registry.k8s.io"_s);
        }
        QCOMPARE(a.service().rules(u"us-east-1"_s).size(), 3); // the source untouched

        // Every change is in the activity log, as whom and where.
        const QList<ActivityEntry> entries = log.entries();
        QCOMPARE(entries.size(), 3 + 2);
        int alpha = 0;
        for (const ActivityEntry& e : entries) {
            QCOMPARE(e.result, u"succeeded"_s);
            QVERIFY(e.target.contains(u"copied from alpha · us-east-1"_s));
            QCOMPARE(e.region, u"us-west-2"_s);
            alpha += e.account == kAccountA ? 1 : 0;
        }
        QCOMPARE(alpha, 3);
        QVERIFY(dialog.activityLogError().isEmpty());
    }
};

QTEST_MAIN(TestFleet)
#include "tst_fleet.moc"
