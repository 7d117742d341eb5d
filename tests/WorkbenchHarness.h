#pragma once

// The main window over an in-process sandbox, for the offscreen GUI tests: profiles that resolve
// to the sandbox (the Local sandbox and a production-marked one, identity from its real STS), a
// session factory that can hold or fail a connection, and the bench that puts them together.
#include "MainWindow.h"
#include "RecordingPresenter.h"
#include "RulesController.h"
#include "RulesFilterProxyModel.h"
#include "RulesTableModel.h"
#include "RulesView.h"
#include "SandboxHarness.h"
#include "SessionFactory.h"
#include "StsClient.h"

#include <QComboBox>
#include <QCoroTimer>
#include <QTableView>
#include <QTest>

namespace ecr::test {

using namespace Qt::StringLiterals;

inline const QString kWorkbenchAccount = QStringLiteral("123456789012");

// Profiles over the harness's sandbox: the Local sandbox, a production-marked user profile
// (identity from the sandbox's real STS) and a plain one.
class WorkbenchProfiles final : public ProfileDirectory
{
public:
    explicit WorkbenchProfiles(SandboxHarness& harness)
        : m_harness(harness)
    { }
    QList<ProfileEntry> profiles() const override { return entries; }
    QCoro::Task<Result<ConnectionTarget>> resolve(QString id, QString region, CancelToken) override
    {
        ConnectionTarget target;
        for (const ProfileEntry& entry : entries) {
            if (entry.id == id)
                target.displayName = entry.displayName;
        }
        target.region = region;
        target.customEndpoint = endpoint.isEmpty() ? m_harness.server().url() : endpoint;
        target.credentials
            = std::make_shared<StaticCredentialsProvider>(HarnessOptions::defaultCredentials());
        if (id == QStringLiteral("sandbox"))
            target.accountId = kWorkbenchAccount;
        SandboxHarness* harness = &m_harness;
        target.identify = [harness](CancelToken cancel) {
            return identifyWith(*harness, cancel);
        };
        co_return target;
    }
    static QCoro::Task<Result<CallerIdentity>> identifyWith(
        SandboxHarness& harness, CancelToken cancel)
    {
        StsConfig config;
        config.region = harness.region();
        config.customEndpoint = harness.server().url();
        StsClient sts(harness.network(), harness.clock(), config);
        const sigv4::Credentials keys = HarnessOptions::defaultCredentials();
        co_return co_await sts.getCallerIdentity(keys, cancel);
    }
    QList<ProfileEntry> entries{
        {QStringLiteral("sandbox"), u"Local sandbox"_s, ProfileEntry::Kind::LocalSandbox,
            u"us-east-1"_s, u"aws"_s, {}, {}},
        {u"prod"_s, u"prod-admin"_s, ProfileEntry::Kind::Keychain, u"us-east-1"_s, u"aws"_s,
            u"production"_s, u"red"_s},
    };
    QUrl endpoint;

private:
    SandboxHarness& m_harness;
};

inline bool chooseText(QComboBox* box, const QString& text)
{
    const int index = box->findText(text);
    box->setCurrentIndex(index);
    return index >= 0;
}

inline CreateRuleRequest rule(
    const QString& prefix, const QString& url = u"quay.io"_s, const QString& credentialArn = {})
{
    return {prefix, url, {}, {}, credentialArn, {}, {}};
}

// A session factory whose connections wait until released (or cancelled), and can be told to
// fail: the window's handling of a slow, cancelled or failed connection.
class GatedSessions final : public SessionFactory
{
public:
    explicit GatedSessions(SessionFactory& inner)
        : m_inner(inner)
    { }
    QCoro::Task<Result<std::unique_ptr<EcrSession>>> open(
        QString profileId, QString region, CancelToken cancel) override
    {
        ++opened;
        while (held && !(cancel && cancel->isCancelled()))
            co_await QCoro::sleepFor(std::chrono::milliseconds(10));
        if (cancel && cancel->isCancelled())
            co_return makeError(ErrorKind::Cancelled, QString(), u"cancelled"_s, 0);
        if (failNext) {
            failNext = false;
            co_return makeError(
                ErrorKind::Network, u"ConnectionRefused"_s, u"Connection refused by the test"_s, 1);
        }
        co_return co_await m_inner.open(profileId, region, cancel);
    }
    bool held = false;
    bool failNext = false;
    int opened = 0;

private:
    SessionFactory& m_inner;
};

struct Bench
{
    explicit Bench(HarnessOptions options = {})
        : harness(std::move(options))
        , profiles(harness)
    { }
    void open(const QString& profile = u"sandbox"_s)
    {
        window = std::make_unique<MainWindow>(profiles, gated, presenter);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->selectProfile(profile);
        QTRY_COMPARE(window->controller().profileId(), profile);
        QTRY_VERIFY(window->controller().session() != nullptr);
        QTRY_VERIFY(!window->controller().isBusy());
    }
    void add(const CreateRuleRequest& request)
    {
        QVERIFY(harness.wait(harness.client().createRule(request)).ok());
    }
    QTableView* table() const { return window->rulesView().table(); }
    void select(const QStringList& prefixes)
    {
        table()->clearSelection();
        for (const QString& prefix : prefixes) {
            const int row = window->model().rowOfPrefix(prefix);
            const QModelIndex index
                = window->rulesView().proxy()->mapFromSource(window->model().index(row, 0));
            table()->selectionModel()->select(
                index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }
    SandboxHarness harness;
    SystemClock clock;
    RecordingPresenter presenter;
    WorkbenchProfiles profiles;
    DirectorySessionFactory sessions{profiles, harness.network(), clock};
    GatedSessions gated{sessions};
    std::unique_ptr<MainWindow> window;
};

} // namespace ecr::test
