// The activity log: the database itself (filters, CSV), and every kind of change made through
// the window's controller against the sandbox recorded with profile, account, region, target,
// result and request id — the secret's token nowhere in the database file; the viewer's CSV
// export; and a log that cannot be written (a read-only file, an impossible path) that leaves
// the operations working and says so once.
#include "ActivityDialog.h"
#include "ActivityLog.h"
#include "RulesController.h"
#include "TestDir.h"
#include "WidgetLookup.h"
#include "WorkbenchHarness.h"

#include <QComboBox>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

const QString kToken = u"EXAMPLETOKENSENTINEL-activity-log"_s;

QStringList operationsOf(const QList<ActivityEntry>& entries)
{
    QStringList out;
    for (const ActivityEntry& e : entries)
        out.prepend(e.operation); // oldest first
    return out;
}

} // namespace

class TestActivity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QSettings().clear(); }

    void theDatabase()
    {
        ecr::test::TestDir dir;
        ActivityLog log(dir.filePath(u"sub/activity.sqlite"_s));
        const QDateTime old = QDateTime::currentDateTimeUtc().addDays(-40);
        QVERIFY(log.record({old, u"prod"_s, u"111122223333"_s, u"eu-west-1"_s,
            u"DeletePullThroughCacheRule"_s, u"quay"_s, u"succeeded"_s, u"req-1"_s}));
        QVERIFY(log.record(
            {{}, u"dev"_s, u"444455556666"_s, u"us-east-1"_s, u"CreatePullThroughCacheRule"_s,
                u"docker-hub, \"x\""_s, u"AccessDeniedException"_s, u"req-2"_s}));
        QCOMPARE(log.entries().size(), 2);
        QCOMPARE(log.entries().first().requestId, u"req-2"_s); // newest first
        QCOMPARE(log.entries({{}, {}, u"111122223333"_s, {}}).size(), 1);
        QCOMPARE(log.entries({{}, {}, {}, u"CreatePullThroughCacheRule"_s}).size(), 1);
        QCOMPARE(log.entries({QDateTime::currentDateTimeUtc().addDays(-30), {}, {}, {}}).size(), 1);
        QCOMPARE(log.accounts(), (QStringList{u"111122223333"_s, u"444455556666"_s}));
        const QString csv = ActivityLog::toCsv(log.entries());
        QVERIFY(csv.startsWith(
            u"time,profile,account,region,operation,target,result,request_id\r\n"_s));
        QVERIFY(csv.contains(u",\"docker-hub, \"\"x\"\"\",AccessDeniedException,req-2\r\n"_s));
        QCOMPARE(csv.count(u"\r\n"_s), 3);
    }

    void everyChangeIsRecorded()
    {
        ecr::test::TestDir dir;
        const QString path = dir.filePath(u"activity.sqlite"_s);
        ActivityLog log(path);
        Bench b;
        b.open();
        RulesController& c = b.window->controller();
        c.setActivityLog(&log);
        QSignalSpy failures(&c, &RulesController::activityLogFailed);

        QVERIFY(b.harness.wait(c.createRule({u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}})).ok());
        const auto secret = b.harness.wait(
            c.createSecret({u"ecr-pullthroughcache/hub"_s, {}, {}, {u"example-user"_s, kToken}}));
        QVERIFY(secret.ok());
        QVERIFY(b.harness
                    .wait(c.createRule(
                        {u"docker-hub"_s, u"registry-1.docker.io"_s, {}, {}, secret->arn, {}, {}}))
                    .ok());
        QVERIFY(b.harness.wait(c.updateRule({u"docker-hub"_s, {}, secret->arn, {}})).ok());
        QVERIFY(
            b.harness.wait(c.replaceSecretToken(secret->arn, {u"example-user"_s, kToken + u"2"_s}))
                .ok());
        RepositoryCreationTemplate t;
        t.prefix = u"quay"_s;
        t.appliedFor = {u"PULL_THROUGH_CACHE"_s};
        QVERIFY(b.harness.wait(c.createTemplate(t)).ok());
        t.description = u"Quay cache"_s;
        QVERIFY(b.harness.wait(c.updateTemplate(t)).ok());
        QVERIFY(b.harness.wait(c.deleteTemplate(u"quay"_s)).ok());
        const QString policy = u"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ptc\","
                               "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                               "123456789012:root\"},\"Action\":[\"ecr:CreateRepository\"],"
                               "\"Resource\":\"*\"}]}"_s;
        QVERIFY(b.harness.wait(c.putRegistryPolicy(policy)).ok());
        QVERIFY(b.harness.wait(c.deleteRule(u"quay"_s)).ok());
        // A failure is recorded too: the prefix is taken by another upstream.
        QVERIFY(!b.harness.wait(c.createRule({u"docker-hub"_s, u"quay.io"_s, {}, {}, {}, {}, {}}))
                     .ok());
        c.recordActivity(u"DeleteRepository"_s, u"quay/coreos/etcd"_s, nullptr); // a cleanup's

        const QList<ActivityEntry> entries = log.entries();
        QCOMPARE(operationsOf(entries),
            (QStringList{u"CreatePullThroughCacheRule"_s, u"CreateSecret"_s,
                u"CreatePullThroughCacheRule"_s, u"UpdatePullThroughCacheRule"_s,
                u"PutSecretValue"_s, u"CreateRepositoryCreationTemplate"_s,
                u"UpdateRepositoryCreationTemplate"_s, u"DeleteRepositoryCreationTemplate"_s,
                u"PutRegistryPolicy"_s, u"DeletePullThroughCacheRule"_s,
                u"CreatePullThroughCacheRule"_s, u"DeleteRepository"_s}));
        for (const ActivityEntry& e : entries) {
            QCOMPARE(e.profile, u"sandbox"_s);
            QCOMPARE(e.account, u"123456789012"_s);
            QCOMPARE(e.region, u"us-east-1"_s);
            QVERIFY(e.time.isValid());
        }
        const ActivityEntry failed = entries.at(1);
        QCOMPARE(failed.target, u"docker-hub"_s);
        QCOMPARE(failed.result, u"PullThroughCacheRuleAlreadyExistsException"_s);
        QVERIFY(!failed.requestId.isEmpty());
        const ActivityEntry created = entries.last();
        QCOMPARE(created.target, u"quay"_s);
        QCOMPARE(created.result, u"succeeded"_s);
        QVERIFY(!created.requestId.isEmpty()); // x-amzn-RequestId of the answer
        QCOMPARE(entries.at(entries.size() - 2).target, u"ecr-pullthroughcache/hub"_s);
        QVERIFY(failures.isEmpty());

        // No secret in the database file (nor in its journal).
        for (const QString& file : QDir(dir.path()).entryList(QDir::Files)) {
            QFile f(dir.filePath(file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains(kToken.toUtf8()), qPrintable(file));
            QVERIFY(!bytes.contains("EXAMPLETOKENSENTINEL"));
            QVERIFY(!bytes.contains("sandbox-SANDBOXSECRET-key-EXAMPLE"));
        }

        // The viewer: File › Activity log, filtered, exported.
        action(*b.window, "activityLogAction")->trigger();
        ActivityDialog* viewer = nullptr;
        QTRY_VERIFY((viewer = b.window->findChild<ActivityDialog*>()) != nullptr);
        QCOMPARE(viewer->table()->rowCount(), 12);
        QComboBox* operation = viewer->operationBox();
        operation->setCurrentIndex(operation->findData(u"CreatePullThroughCacheRule"_s));
        QCOMPARE(viewer->table()->rowCount(), 3);
        const QString csvPath = dir.filePath(u"export.csv"_s);
        QString error;
        QVERIFY(viewer->exportTo(csvPath, &error));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(csv.readAll());
        QCOMPARE(text.count(u"\r\n"_s), 4);
        QVERIFY(text.contains(
            u",sandbox,123456789012,us-east-1,CreatePullThroughCacheRule,docker-hub,succeeded,"_s));
        viewer->reject();
    }

    void aLogThatCannotBeWrittenBreaksNothing()
    {
        ecr::test::TestDir dir;
        const QString path = dir.filePath(u"activity.sqlite"_s);
        {
            ActivityLog seed(path);
            QVERIFY(seed.record(
                {{}, u"p"_s, u"1"_s, u"r"_s, u"PutRegistryPolicy"_s, {}, u"succeeded"_s, {}}));
        }
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
        ActivityLog readOnly(path);
        QFile impossibleParent(dir.filePath(u"file"_s));
        QVERIFY(impossibleParent.open(QIODevice::WriteOnly));
        impossibleParent.close();
        ActivityLog impossible(dir.filePath(u"file/activity.sqlite"_s));
        for (ActivityLog* log : {&readOnly, &impossible}) {
            Bench b;
            b.open();
            RulesController& c = b.window->controller();
            c.setActivityLog(log);
            QSignalSpy failures(&c, &RulesController::activityLogFailed);
            QVERIFY(
                b.harness.wait(c.createRule({u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}})).ok());
            QVERIFY(b.harness.wait(c.deleteRule(u"quay"_s)).ok());
            QCOMPARE(b.harness.service().requestCount(u"CreatePullThroughCacheRule"_s), 1);
            QCOMPARE(failures.size(), 1); // said once, not after every change
            QVERIFY(!failures.first().first().toString().isEmpty());
            QTRY_VERIFY(child<QWidget>(b.window.get(), u"messageBar"_s)->isVisible());
        }
        QCOMPARE(readOnly.entries().size(), 1); // still readable, unchanged
    }
};

QTEST_MAIN(TestActivity)
#include "tst_activity.moc"
