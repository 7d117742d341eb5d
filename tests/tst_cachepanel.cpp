// The cache at work on screen, offscreen against the sandbox: Rules › Cached Repositories
// lists what a rule cached (sortable, filterable, usage filled in), Test Pull… pulls through
// the rule and the new repository appears, a registry error reads as a sentence, Clean Up…
// deletes exactly its dry run after a typed confirmation, and Node Mirror Configuration shows
// and saves the formats.
#include "CacheDialog.h"
#include "CleanupDialog.h"
#include "MirrorConfigDialog.h"
#include "TestDir.h"
#include "TestPullDialog.h"
#include "WidgetLookup.h"
#include "WorkbenchHarness.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

sandbox::SandboxRepository seeded(
    const QString& name, int ageDays, qint64 size, const QDateTime& now)
{
    sandbox::SandboxRepository r;
    r.name = name;
    r.createdAt = now.addDays(-ageDays);
    sandbox::SandboxImage image;
    image.digest = u"sha256:%1"_s.arg(QString::number(qHash(name), 16).rightJustified(64, u'0'));
    image.mediaType = u"application/vnd.oci.image.manifest.v1+json"_s;
    image.tags = {u"latest"_s};
    image.size = size;
    image.pushedAt = r.createdAt;
    image.lastPull = now.addDays(-ageDays + 1);
    r.images.append(image);
    return r;
}

} // namespace

class TestCachePanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QSettings().clear(); }

    void panelTestPullCleanupAndMirror()
    {
        Bench b;
        b.add(rule(u"quay"_s));
        b.open();
        QTRY_COMPARE(b.window->model().rowCount(), 1);
        b.select({u"quay"_s});
        QAction* cached = action(*b.window, "cachedRepositoriesAction");
        QTRY_VERIFY(cached->isEnabled());
        cached->trigger();
        CacheDialog* panel = nullptr;
        QTRY_VERIFY((panel = b.window->findChild<CacheDialog*>()) != nullptr);
        auto* status = child<QLabel>(panel, u"statusLabel"_s);
        QTRY_VERIFY2(status->text().contains(u"Nothing cached yet"_s), qPrintable(status->text()));

        // Test Pull…: the suggested image of the registry, pulled through the rule.
        child<QPushButton>(panel, u"testPullButton"_s)->click();
        TestPullDialog* pull = nullptr;
        QTRY_VERIFY((pull = panel->findChild<TestPullDialog*>()) != nullptr);
        QCOMPARE(pull->imageEdit()->text(), u"prometheus/node-exporter:v1.8.2"_s);
        QVERIFY(
            child<QLabel>(pull, u"targetLabel"_s)
                ->text()
                .contains(
                    u".dkr.ecr.us-east-1.amazonaws.com/quay/prometheus/node-exporter:v1.8.2"_s));
        pull->pullButton()->click();
        QLabel* digest = nullptr;
        QTRY_VERIFY((digest = pull->findChild<QLabel*>(u"digestLabel"_s)) != nullptr);
        QVERIFY(digest->text().startsWith(u"sha256:"_s));
        QCOMPARE(child<QLabel>(pull, u"platformsLabel"_s)->text(), u"linux/amd64, linux/arm64"_s);
        QVERIFY(child<QLabel>(pull, u"mediaTypeLabel"_s)->text().contains(u"oci.image.index"_s));
        // The new cached repository appears in the panel, with its usage.
        QTRY_COMPARE(panel->model().rowCount(), 1);
        QTRY_COMPARE(panel->model().usageKnown(), 1);
        QCOMPARE(panel->model().rows().first().repository.name, u"quay/prometheus/node-exporter"_s);
        QCOMPARE(panel->model().rows().first().usage->imageCount, 3);
        QVERIFY(panel->model().rows().first().usage->lastPull.has_value());

        // A registry error: a sentence with the next step, no result shown.
        pull->imageEdit()->setText(u"prometheus/no-such-image:1"_s);
        pull->pullButton()->click();
        auto* pullStatus = child<QLabel>(pull, u"statusLabel"_s);
        QTRY_VERIFY2(pullStatus->text().contains(u"Check the image's path"_s),
            qPrintable(pullStatus->text()));
        QVERIFY(!child<QWidget>(pull, u"resultWidget"_s)->isVisible());
        pull->reject();

        // More repositories: sorted by size, filtered by name.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto& repos = b.harness.service().repositories();
        for (int i = 0; i < 6; ++i)
            repos.addRepository(
                u"us-east-1"_s, seeded(u"quay/old-%1"_s.arg(i), 200, 1000 * (i + 1), now));
        repos.addRepository(u"us-east-1"_s, seeded(u"docker-hub/library/nginx"_s, 200, 5, now));
        child<QPushButton>(panel, u"refreshButton"_s)->click();
        QTRY_COMPARE(panel->model().rowCount(), 7); // not docker-hub's
        QTRY_COMPARE(panel->model().usageKnown(), 7);
        QTRY_VERIFY(!panel->isLoading());
        panel->table()->sortByColumn(CachedRepositoriesModel::SizeColumn, Qt::DescendingOrder);
        QCOMPARE(panel->proxy()->index(0, 0).data().toString(), u"quay/prometheus/node-exporter"_s);
        QCOMPARE(panel->proxy()->index(1, 0).data().toString(), u"quay/old-5"_s);
        child<QLineEdit>(panel, u"filterLineEdit"_s)->setText(u"OLD-"_s);
        QCOMPARE(panel->proxy()->rowCount(), 6);
        QVERIFY(status->text().contains(u"6 shown"_s));
        child<QLineEdit>(panel, u"filterLineEdit"_s)->clear();

        // Clean Up…: the dry run lists the six not pulled for 90 days; deleting more than a few
        // needs the prefix typed; exactly those go.
        child<QPushButton>(panel, u"cleanupButton"_s)->click();
        CleanupDialog* cleanup = nullptr;
        QTRY_VERIFY((cleanup = panel->findChild<CleanupDialog*>()) != nullptr);
        auto* remove = child<QPushButton>(cleanup, u"deleteButton"_s);
        QVERIFY(!remove->isEnabled()); // no dry run yet
        child<QPushButton>(cleanup, u"dryRunButton"_s)->click();
        QCOMPARE(cleanup->list()->topLevelItemCount(), 6);
        QVERIFY(child<QLabel>(cleanup, u"summaryLabel"_s)->text().contains(u"would be deleted"_s));
        QCOMPARE(cleanup->list()->topLevelItem(0)->text(0), u"quay/old-5"_s); // largest first
        QVERIFY(!remove->isEnabled());
        QTest::keyClicks(child<QLineEdit>(cleanup, u"typedPrefixLineEdit"_s), u"quay"_s);
        QVERIFY(remove->isEnabled());
        remove->click();
        QTRY_COMPARE(panel->model().rowCount(), 1);
        QCOMPARE(b.presenter.asked.size(), 1);
        QCOMPARE(b.presenter.asked.first().items.size(), 6);
        for (int i = 0; i < 6; ++i) {
            QVERIFY(!repos.find(u"us-east-1"_s, u"quay/old-%1"_s.arg(i)));
            QCOMPARE(cleanup->list()->topLevelItem(i)->text(3), u"Deleted"_s);
        }
        QVERIFY(repos.find(u"us-east-1"_s, u"quay/prometheus/node-exporter"_s));
        QVERIFY(repos.find(u"us-east-1"_s, u"docker-hub/library/nginx"_s));
        QTRY_VERIFY(child<QLabel>(cleanup, u"summaryLabel"_s)->text().contains(u"Deleted 6"_s));
        cleanup->reject();

        // Node Mirror Configuration: containerd's hosts.toml, registries.conf and the rewrite.
        child<QPushButton>(panel, u"mirrorConfigButton"_s)->click();
        MirrorConfigDialog* mirror = nullptr;
        QTRY_VERIFY((mirror = panel->findChild<MirrorConfigDialog*>()) != nullptr);
        QVERIFY(child<QPlainTextEdit>(mirror, u"containerdText"_s)
                    ->toPlainText()
                    .contains(u"/v2/quay\"]"_s));
        QVERIFY(mirror->currentText().contains(u"override_path = true"_s));
        mirror->tabs()->setCurrentIndex(1);
        QVERIFY(mirror->currentText().contains(u"[[registry.mirror]]"_s));
        ecr::test::TestDir dir;
        QString error;
        QVERIFY(mirror->saveTo(dir.filePath(u"quay.conf"_s), &error));
        QFile saved(dir.filePath(u"quay.conf"_s));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(saved.readAll()), mirror->currentText());
        QVERIFY(child<QLabel>(mirror, u"notesLabel"_s)->text().contains(u"Docker Engine"_s));
        mirror->reject();
        panel->reject();
    }

    // A repository belongs to the rule with the longest prefix: the panel of quay does not list
    // (or clean up) what the nested rule quay/internal cached.
    void nestedRulesOwnTheirRepositories()
    {
        Bench b;
        b.add(rule(u"quay"_s));
        b.add(rule(u"quay/internal"_s));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto& repos = b.harness.service().repositories();
        repos.addRepository(u"us-east-1"_s, seeded(u"quay/coreos/etcd"_s, 200, 100, now));
        repos.addRepository(u"us-east-1"_s, seeded(u"quay/internal/tools/ci"_s, 200, 100, now));
        b.open();
        QTRY_COMPARE(b.window->model().rowCount(), 2);
        b.select({u"quay"_s});
        action(*b.window, "cachedRepositoriesAction")->trigger();
        CacheDialog* panel = nullptr;
        QTRY_VERIFY((panel = b.window->findChild<CacheDialog*>()) != nullptr);
        QTRY_VERIFY(panel->model().rowCount() > 0 && !panel->isLoading());
        QCOMPARE(panel->model().rowCount(), 1);
        QCOMPARE(panel->model().rows().first().repository.name, u"quay/coreos/etcd"_s);
        panel->reject();
        b.select({u"quay/internal"_s});
        action(*b.window, "cachedRepositoriesAction")->trigger();
        QTRY_VERIFY((panel = b.window->findChild<CacheDialog*>()) != nullptr
            && panel->rule().ecrRepositoryPrefix == u"quay/internal"_s);
        QTRY_VERIFY(panel->model().rowCount() > 0 && !panel->isLoading());
        QCOMPARE(panel->model().rowCount(), 1);
        QCOMPARE(panel->model().rows().first().repository.name, u"quay/internal/tools/ci"_s);
        panel->reject();
    }

    // Loading can be stopped; the panel says so and keeps what it has.
    void loadingCanBeStopped()
    {
        Bench b;
        b.add(rule(u"quay"_s));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < 200; ++i)
            b.harness.service().repositories().addRepository(
                u"us-east-1"_s, seeded(u"quay/r%1"_s.arg(i), 10, 100, now));
        b.open();
        QTRY_COMPARE(b.window->model().rowCount(), 1);
        b.select({u"quay"_s});
        sandbox::FaultConfig slow;
        slow.latencyMs = 20;
        b.harness.server().setFaults(slow);
        action(*b.window, "cachedRepositoriesAction")->trigger();
        CacheDialog* panel = nullptr;
        QTRY_VERIFY((panel = b.window->findChild<CacheDialog*>()) != nullptr);
        QTRY_COMPARE(panel->model().rowCount(), 200);
        QTRY_VERIFY(panel->model().usageKnown() > 0);
        child<QPushButton>(panel, u"stopButton"_s)->click();
        QTRY_VERIFY(!panel->isLoading());
        QVERIFY(panel->model().usageKnown() < 200);
        QVERIFY(child<QLabel>(panel, u"statusLabel"_s)->text().contains(u"Stopped"_s));
        // The bound on DescribeImages in flight held.
        QVERIFY(b.harness.server().maxInFlight() <= CacheDialog::kUsageInFlight + 1);
        panel->reject();
    }
};

QTEST_MAIN(TestCachePanel)
#include "tst_cachepanel.moc"
