// IAM Identity Center against the sandbox over loopback: the device flow (pending, slow_down,
// approval, an expired code, a denial, cancelling mid-poll), refreshing, one sign-in for many
// callers, the portal's pages; and the token cache against the AWS CLI's: file names, JSON,
// modes, and Debian's AWS CLI reading what the app wrote and the app reading what the CLI wrote.
#include "SandboxHarness.h"
#include "SsoTokenCache.h"
#include "SsoTokenProvider.h"
#include "TestDir.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <filesystem>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

const QString kStartUrl = u"https://sandbox-sso.awsapps.com/start"_s;

// The file's mode bits, as `stat` shows them (0600, 0700).
int modeOf(const QString& path)
{
    const auto perms = std::filesystem::status(path.toStdString()).permissions();
    return static_cast<int>(perms & std::filesystem::perms::mask);
}

// The user's side of a sign-in, scripted: what to do when the code is shown.
class ScriptedPrompter final : public SsoSignInPrompter
{
public:
    class View final : public SsoSignInView
    {
    public:
        explicit View(ScriptedPrompter& owner)
            : m_owner(owner)
        {
            ++m_owner.openViews;
        }
        ~View() override { --m_owner.openViews; }
        void setStatus(const QString& status) override
        {
            m_owner.statuses.append(status);
            m_owner.statusTimes.append(m_owner.clock.elapsed());
        }

    private:
        ScriptedPrompter& m_owner;
    };

    ScriptedPrompter() { clock.start(); }
    std::unique_ptr<SsoSignInView> open(const SsoSignInPrompt& prompt, CancelToken cancel) override
    {
        opened.append(prompt);
        userCancel = cancel;
        auto view = std::make_unique<View>(*this);
        if (onOpen)
            onOpen(prompt);
        return view;
    }

    std::function<void(const SsoSignInPrompt&)> onOpen;
    QList<SsoSignInPrompt> opened;
    QStringList statuses;
    QList<qint64> statusTimes;
    int openViews = 0;
    CancelToken userCancel;
    QElapsedTimer clock;
};

HarnessOptions ssoSandbox()
{
    HarnessOptions options;
    options.sandbox.sso.pollIntervalSeconds = 1;
    return options;
}

struct Sso
{
    explicit Sso(HarnessOptions options = ssoSandbox())
        : harness(std::move(options))
        , provider(harness.network(), harness.clock(),
              SsoTokenCache(SsoTokenCache::directoryFor(home.path())), fastOptions())
    {
        provider.setPrompter(&prompter);
        session.name = u"my-sso"_s;
        session.startUrl = kStartUrl;
        session.region = u"us-east-1"_s;
        session.scopes = {u"sso:account:access"_s};
        session.oidcEndpoint = harness.server().url();
        session.portalEndpoint = harness.server().url();
    }
    static SsoOptions fastOptions()
    {
        SsoOptions options;
        options.intervalUnit = std::chrono::milliseconds(20);
        options.retry = HarnessOptions::fastRetries();
        return options;
    }
    sandbox::SandboxSso& sandboxSso() { return harness.service().sso(); }
    QStringList cacheFiles() const
    {
        return QDir(SsoTokenCache::directoryFor(home.path())).entryList(QDir::Files);
    }
    int calls(const char* operation)
    {
        return harness.service().requestCount(QString::fromLatin1(operation));
    }
    void approveOnOpen()
    {
        prompter.onOpen = [this](const SsoSignInPrompt& prompt) {
            sandboxSso().approve(prompt.userCode);
        };
    }

    ecr::test::TestDir home;
    SandboxHarness harness;
    ScriptedPrompter prompter;
    SsoTokenProvider provider;
    SsoSessionConfig session;
};

QString messageOf(const auto& result)
{
    return result.ok() ? QString() : result.error().code + u": "_s + result.error().message;
}

// Debian's AWS CLI runs its own SSO code (tests/tools/botocore_sso.py); empty when it cannot.
QString cliPython()
{
    const QString python = u"/usr/bin/python3"_s;
    if (!QFile::exists(python) || !QFile::exists(u"/usr/lib/python3/dist-packages/awscli"_s))
        return {};
    return python;
}

} // namespace

class TestSso : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- the cache as the CLI names and writes it ----------------------------------------

    void fileNamesAreTheClis()
    {
        SsoSessionConfig session;
        session.name = u"my-sso"_s;
        session.startUrl = u"https://my-sso-portal.awsapps.com/start"_s;
        session.region = u"us-east-1"_s;
        session.scopes = {u"sso:account:access"_s};
        QCOMPARE(session.tokenFileName(), u"0ad374308c5a4e22f723adf10145eafad7c4031c.json"_s);
        QCOMPARE(
            session.registrationFileName(), u"c5cfae6e3e4f067423a532368c8b514b6a4b0ace.json"_s);
        SsoSessionConfig legacy = session;
        legacy.name.clear();
        QCOMPARE(legacy.tokenFileName(), u"c7aaaf71fcc8777ae2475525ed049d39fe16c484.json"_s);
    }

    void tokenJsonIsTheClis()
    {
        SsoToken token;
        token.startUrl = u"https://my-sso-portal.awsapps.com/start"_s;
        token.region = u"us-east-1"_s;
        token.accessToken = u"EXAMPLETOKENSENTINEL-access"_s;
        token.expiresAt = QDateTime(QDate(2026, 8, 7), QTime(18, 4, 5), Qt::UTC);
        token.clientId = u"example-client"_s;
        token.clientSecret = u"EXAMPLESECRETSENTINEL-client"_s;
        token.registrationExpiresAt = QDateTime(QDate(2026, 11, 5), QTime(10, 0, 0), Qt::UTC);
        token.refreshToken = u"EXAMPLETOKENSENTINEL-refresh"_s;
        QCOMPARE(SsoTokenCache::tokenJson(token),
            "{\"startUrl\": \"https://my-sso-portal.awsapps.com/start\", \"region\": "
            "\"us-east-1\", "
            "\"accessToken\": \"EXAMPLETOKENSENTINEL-access\", \"expiresAt\": "
            "\"2026-08-07T18:04:05Z\", "
            "\"clientId\": \"example-client\", \"clientSecret\": \"EXAMPLESECRETSENTINEL-client\", "
            "\"registrationExpiresAt\": \"2026-11-05T10:00:00Z\", "
            "\"refreshToken\": \"EXAMPLETOKENSENTINEL-refresh\"}"_ba);
        const std::optional<SsoToken> back
            = SsoTokenCache::parseToken(SsoTokenCache::tokenJson(token));
        QVERIFY(back);
        QCOMPARE(back->expiresAt, token.expiresAt);
        QCOMPARE(back->refreshToken, token.refreshToken);
        // What other writers put there: fractions, an offset, botocore's old "UTC" suffix.
        for (const char* time :
            {"2026-08-07T18:04:05.250Z", "2026-08-07T20:04:05+02:00", "2026-08-07T18:04:05UTC"}) {
            const auto parsed = SsoTokenCache::parseToken(
                "{\"accessToken\": \"x\", \"expiresAt\": \""_ba + time + "\"}");
            QVERIFY2(parsed, time);
            QCOMPARE(parsed->expiresAt.toSecsSinceEpoch(), token.expiresAt.toSecsSinceEpoch());
        }
        QVERIFY(!SsoTokenCache::parseToken("{\"expiresAt\": \"2026-08-07T18:04:05Z\"}"));
        // A legacy profile's token, as the CLI writes it: no client, no refresh token.
        SsoToken legacy;
        legacy.startUrl = token.startUrl;
        legacy.region = token.region;
        legacy.accessToken = token.accessToken;
        legacy.expiresAt = token.expiresAt;
        QCOMPARE(SsoTokenCache::tokenJson(legacy),
            "{\"startUrl\": \"https://my-sso-portal.awsapps.com/start\", \"region\": "
            "\"us-east-1\", \"accessToken\": \"EXAMPLETOKENSENTINEL-access\", \"expiresAt\": "
            "\"2026-08-07T18:04:05Z\"}"_ba);
    }

    void filesAre0600InA0700Folder()
    {
        ecr::test::TestDir home;
        const SsoTokenCache cache(SsoTokenCache::directoryFor(home.path()));
        SsoSessionConfig session;
        session.name = u"my-sso"_s;
        SsoToken token;
        token.accessToken = u"EXAMPLETOKENSENTINEL-access"_s;
        token.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        QVERIFY(cache.writeToken(session, token).ok());
        const QFileInfo file(cache.tokenPath(session));
        QCOMPARE(modeOf(file.filePath()), 0600);
        for (const QString& dir :
            {home.filePath(u".aws"_s), home.filePath(u".aws/sso"_s), cache.directory()}) {
            QCOMPARE(modeOf(dir), 0700);
        }
        // Written again (a refresh): replaced whole, still 0600, no temporary file left.
        token.accessToken = u"EXAMPLETOKENSENTINEL-second"_s;
        QVERIFY(cache.writeToken(session, token).ok());
        QCOMPARE(QDir(cache.directory()).entryList(QDir::Files | QDir::Hidden).size(), 1);
        QCOMPARE(cache.readToken(session).value()->accessToken, token.accessToken);
        QCOMPARE(modeOf(cache.tokenPath(session)), 0600);
        // Not a token: a clear error, naming the file.
        QFile broken(cache.tokenPath(session));
        QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("{\"startUrl\": \"x\"}");
        broken.close();
        const auto unreadable = cache.readToken(session);
        QVERIFY(!unreadable.ok());
        QVERIFY(unreadable.error().message.contains(cache.tokenPath(session)));
    }

    // ---- the device flow --------------------------------------------------------------------

    void pendingThenSlowDownThenApproved()
    {
        Sso s;
        s.prompter.onOpen = [&](const SsoSignInPrompt&) {
            s.sandboxSso().slowDownNextPolls(1);
        };
        QTimer::singleShot(400, [&] { s.sandboxSso().approve(); });
        QElapsedTimer timer;
        timer.start();
        const Result<SsoToken> token = SandboxHarness::wait(s.provider.token(s.session));
        QVERIFY2(token.ok(), qPrintable(messageOf(token)));
        QVERIFY(token->accessToken.startsWith(u"SANDBOXSSOTOKEN"_s));
        QVERIFY(!token->refreshToken.isEmpty());
        QCOMPARE(token->startUrl, kStartUrl);
        QCOMPARE(s.prompter.opened.size(), 1);
        const SsoSignInPrompt& shown = s.prompter.opened.first();
        QCOMPARE(shown.startUrl, kStartUrl);
        QVERIFY(shown.verificationUriComplete.toString().contains(shown.userCode));
        QVERIFY(shown.expiresAt > QDateTime::currentDateTimeUtc());
        QCOMPARE(s.prompter.openViews, 0); // closed once signed in
        // The first CreateToken came before the code was shown; slow_down made the polls rarer.
        QVERIFY(s.prompter.statuses.first().contains(u"less often"_s));
        const int slowIndex = 0;
        QVERIFY(s.prompter.statuses.size() >= 2);
        const qint64 gap
            = s.prompter.statusTimes[slowIndex + 1] - s.prompter.statusTimes[slowIndex];
        QVERIFY2(gap >= 6 * 20 - 5, qPrintable(QString::number(gap))); // interval 1 + 5, ×20 ms
        QCOMPARE(s.calls("RegisterClient"), 1);
        QCOMPARE(s.calls("StartDeviceAuthorization"), 1);
        QVERIFY(s.calls("CreateToken") >= 4);
        // The CLI's two files: the token under sha1("my-sso"), the registration under its key.
        QCOMPARE(s.cacheFiles().size(), 2);
        QVERIFY(s.cacheFiles().contains(s.session.tokenFileName()));
        QVERIFY(s.cacheFiles().contains(s.session.registrationFileName()));

        // Asked again: the cache's token, no call at all.
        const int before = s.harness.service().totalRequestCount();
        const Result<SsoToken> again = SandboxHarness::wait(s.provider.token(s.session));
        QCOMPARE(again->accessToken, token->accessToken);
        QCOMPARE(s.harness.service().totalRequestCount(), before);
    }

    void anExpiredCodeEndsTheSignIn()
    {
        Sso s;
        s.prompter.onOpen = [&](const SsoSignInPrompt&) {
            s.sandboxSso().expireDeviceCodes();
        };
        const Result<SsoToken> token = SandboxHarness::wait(s.provider.token(s.session));
        QVERIFY(!token.ok());
        QCOMPARE(token.error().code, u"SsoSignInExpired"_s);
        QVERIFY(token.error().message.contains(u"expired"_s));
        QCOMPARE(s.prompter.openViews, 0);
        QVERIFY(s.cacheFiles().isEmpty());
    }

    void aDenialEndsTheSignIn()
    {
        Sso s;
        s.prompter.onOpen = [&](const SsoSignInPrompt& prompt) {
            s.sandboxSso().deny(prompt.userCode);
        };
        const Result<SsoToken> token = SandboxHarness::wait(s.provider.token(s.session));
        QVERIFY(!token.ok());
        QCOMPARE(token.error().code, u"SsoSignInDenied"_s);
        QCOMPARE(s.prompter.openViews, 0);
        QVERIFY(s.cacheFiles().isEmpty());
    }

    // Cancelled while it polls, by the caller or in the sign-in window: it stops at once, the
    // window closes, and nothing is left in the cache.
    void cancellingMidPollLeavesNothing_data()
    {
        QTest::addColumn<bool>("byTheUser");
        QTest::newRow("the caller") << false;
        QTest::newRow("the sign-in window") << true;
    }
    void cancellingMidPollLeavesNothing()
    {
        QFETCH(bool, byTheUser);
        Sso s;
        const CancelToken cancel = Cancellation::create();
        s.prompter.onOpen = [&](const SsoSignInPrompt&) {
            QTimer::singleShot(100, [&] {
                if (byTheUser)
                    s.prompter.userCancel->cancel();
                else
                    cancel->cancel();
            });
        };
        QElapsedTimer timer;
        timer.start();
        const Result<SsoToken> token = SandboxHarness::wait(s.provider.token(s.session, cancel));
        QVERIFY(!token.ok());
        QCOMPARE(token.error().kind, ErrorKind::Cancelled);
        QVERIFY(timer.elapsed() < 2000);
        QTRY_COMPARE_WITH_TIMEOUT(s.prompter.openViews, 0, 1000); // the window closes at once
        QVERIFY2(s.cacheFiles().isEmpty(), qPrintable(s.cacheFiles().join(u' ')));
        QVERIFY(!QFileInfo::exists(SsoTokenCache::directoryFor(s.home.path())));
        const int polls = s.calls("CreateToken");
        QTest::qWait(150);
        QCOMPARE(s.calls("CreateToken"), polls); // no polling goes on behind
    }

    // ---- refresh and re-sign-in ---------------------------------------------------------

    void aTokenNearExpiryIsRefreshedSilently_data()
    {
        QTest::addColumn<int>("secondsLeft");
        QTest::newRow("ten minutes left") << 600;
        QTest::newRow("expired an hour ago") << -3600;
    }
    void aTokenNearExpiryIsRefreshedSilently()
    {
        QFETCH(int, secondsLeft);
        Sso s;
        s.approveOnOpen();
        const Result<SsoToken> first = SandboxHarness::wait(s.provider.token(s.session));
        QVERIFY2(first.ok(), qPrintable(messageOf(first)));
        // Under the 15-minute window (or past its end), and the service no longer takes it.
        SsoTokenCache cache(SsoTokenCache::directoryFor(s.home.path()));
        SsoToken nearly = first.value();
        nearly.expiresAt = QDateTime::currentDateTimeUtc().addSecs(secondsLeft);
        QVERIFY(cache.writeToken(s.session, nearly).ok());
        s.sandboxSso().expireAccessTokens();
        const Result<SsoToken> refreshed = SandboxHarness::wait(s.provider.token(s.session));
        QVERIFY2(refreshed.ok(), qPrintable(messageOf(refreshed)));
        QVERIFY(refreshed->accessToken != first->accessToken);
        QVERIFY(refreshed->refreshToken != first->refreshToken); // the sandbox rotates them
        QCOMPARE(s.prompter.opened.size(), 1); // no second sign-in
        QCOMPARE(cache.readToken(s.session).value()->accessToken, refreshed->accessToken);
        // The refreshed token works with the portal.
        const auto accounts = SandboxHarness::wait(
            s.provider.portal(s.session).listAccounts(refreshed->accessToken));
        QVERIFY2(accounts.ok(), qPrintable(messageOf(accounts)));
    }

    // No refresh possible (the refresh token was revoked with the access token): several
    // callers waiting for the session get one sign-in between them.
    void oneSignInForEveryWaitingCaller()
    {
        Sso s;
        s.approveOnOpen();
        QVERIFY(SandboxHarness::wait(s.provider.token(s.session)).ok());
        const QString old = SsoTokenCache(SsoTokenCache::directoryFor(s.home.path()))
                                .readToken(s.session)
                                .value()
                                ->accessToken;
        s.sandboxSso().revokeAccessTokens();
        s.provider.reject(s.session, old); // what the portal's 401 makes the resolver do
        s.prompter.opened.clear();
        s.prompter.onOpen = [&](const SsoSignInPrompt& prompt) {
            QTimer::singleShot(150, [&, code = prompt.userCode] { s.sandboxSso().approve(code); });
        };
        QList<Result<SsoToken>> results;
        for (int i = 0; i < 4; ++i)
            s.provider.token(s.session).then([&](Result<SsoToken> r) { results.append(r); });
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 4, 10000);
        QCOMPARE(s.prompter.opened.size(), 1);
        for (const auto& r : results) {
            QVERIFY2(r.ok(), qPrintable(messageOf(r)));
            QCOMPARE(r->accessToken, results.first()->accessToken);
            QVERIFY(r->accessToken != old);
        }
        QCOMPARE(s.calls("StartDeviceAuthorization"), 2);
    }

    // A legacy profile (start URL, no sso-session) has no refresh, as in the CLI.
    void legacyTokensAreNotRefreshed()
    {
        Sso s;
        s.session.name.clear();
        s.approveOnOpen();
        const Result<SsoToken> first = SandboxHarness::wait(s.provider.token(s.session));
        QVERIFY(first.ok());
        QVERIFY(s.cacheFiles().contains(s.session.tokenFileName()));
        SsoToken nearly = first.value();
        nearly.expiresAt = QDateTime::currentDateTimeUtc().addSecs(30); // under the margin
        QVERIFY(SsoTokenCache(SsoTokenCache::directoryFor(s.home.path()))
                    .writeToken(s.session, nearly)
                    .ok());
        const int refreshesBefore = s.calls("CreateToken");
        const Result<SsoToken> second = SandboxHarness::wait(s.provider.token(s.session));
        QVERIFY(second.ok());
        QCOMPARE(s.prompter.opened.size(), 2); // signed in again
        QVERIFY(s.calls("CreateToken") > refreshesBefore);
    }

    void withoutAPrompterTheErrorSaysHowToSignIn()
    {
        Sso s;
        s.provider.setPrompter(nullptr);
        const Result<SsoToken> token = SandboxHarness::wait(s.provider.token(s.session));
        QVERIFY(!token.ok());
        QCOMPARE(token.error().code, u"SsoSignInUnavailable"_s);
        QVERIFY(token.error().message.contains(u"aws sso login"_s));
        QCOMPARE(s.harness.service().totalRequestCount(), 0);
    }

    // ---- the portal ---------------------------------------------------------------------

    // The service no longer knows the cached client (another sandbox run, a deleted client):
    // the refresh fails, the registration is dropped, the client registered again, one sign-in.
    void aRegistrationTheServiceForgotIsReplaced()
    {
        Sso s;
        s.approveOnOpen();
        const Result<SsoToken> first = SandboxHarness::wait(s.provider.token(s.session));
        QVERIFY2(first.ok(), qPrintable(messageOf(first)));
        QCOMPARE(s.calls("RegisterClient"), 1);
        s.sandboxSso().reset(); // every client and token gone
        s.provider.reject(s.session, first->accessToken); // as the portal's 401 would
        const Result<SsoToken> second = SandboxHarness::wait(s.provider.token(s.session));
        QVERIFY2(second.ok(), qPrintable(messageOf(second)));
        QCOMPARE(s.calls("RegisterClient"), 2);
        QCOMPARE(s.prompter.opened.size(), 2);
        QCOMPARE(s.sandboxSso().registrations(), 1);
        const SsoTokenCache cache(SsoTokenCache::directoryFor(s.home.path()));
        QCOMPARE(cache.readToken(s.session).value()->clientId, second->clientId);
        QVERIFY(second->clientId != first->clientId);
    }

    // A token file of this name for another portal (another tool's session of the same name)
    // is not used: the user signs in to the session's own portal.
    void aTokenForAnotherPortalIsNotUsed()
    {
        Sso s;
        s.approveOnOpen();
        SsoToken foreign;
        foreign.startUrl = u"https://other-company.awsapps.com/start"_s;
        foreign.region = s.session.region;
        foreign.accessToken = u"EXAMPLETOKENSENTINEL-foreign"_s;
        foreign.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        const SsoTokenCache cache(SsoTokenCache::directoryFor(s.home.path()));
        QVERIFY(cache.writeToken(s.session, foreign).ok());
        const Result<SsoToken> token = SandboxHarness::wait(s.provider.token(s.session));
        QVERIFY2(token.ok(), qPrintable(messageOf(token)));
        QVERIFY(token->accessToken != foreign.accessToken);
        QCOMPARE(token->startUrl, kStartUrl);
        QCOMPARE(s.prompter.opened.size(), 1);
    }

    // A server error or a dropped connection while the user approves does not end the sign-in.
    void pollingGoesOnThroughABlip()
    {
        Sso s;
        s.prompter.onOpen = [&](const SsoSignInPrompt& prompt) {
            s.harness.server().queueFaults(u"CreateToken"_s,
                {sandbox::SandboxServer::Fault::ServerError, sandbox::SandboxServer::Fault::Reset});
            QTimer::singleShot(150, [&s, code = prompt.userCode] { s.sandboxSso().approve(code); });
        };
        const Result<SsoToken> token = SandboxHarness::wait(s.provider.token(s.session));
        QVERIFY2(token.ok(), qPrintable(messageOf(token)));
        QVERIFY2(s.prompter.statuses.join(u'|').contains(u"still trying"_s),
            qPrintable(s.prompter.statuses.join(u'|')));
    }

    // CLI 2.22+ registers its clients for PKCE under the same file name: not for the device flow.
    void aPkceRegistrationIsNotReused()
    {
        const QByteArray device = R"({"clientId": "c", "clientSecret": "s", "expiresAt": )"
                                  R"("2030-01-01T00:00:00Z", "scopes": ["sso:account:access"]})";
        QVERIFY(SsoTokenCache::parseRegistration(device));
        const QByteArray pkce = R"({"clientId": "c", "clientSecret": "s", "expiresAt": )"
                                R"("2030-01-01T00:00:00Z", "scopes": ["sso:account:access"], )"
                                R"("grantTypes": ["authorization_code", "refresh_token"]})";
        QVERIFY(!SsoTokenCache::parseRegistration(pkce));
    }

    void thePortalFollowsEveryPage()
    {
        HarnessOptions options = ssoSandbox();
        QList<sandbox::SandboxSsoAccount> many;
        for (int i = 0; i < 230; ++i)
            many.append({u"%1"_s.arg(100000000000LL + i), u"account-%1"_s.arg(i),
                u"a%1@example.com"_s.arg(i), {u"ReadOnlyAccess"_s}});
        options.sandbox.sso.accounts = many;
        Sso s(options);
        s.approveOnOpen();
        const Result<SsoToken> token = SandboxHarness::wait(s.provider.token(s.session));
        QVERIFY(token.ok());
        SsoPortalClient& portal = s.provider.portal(s.session);
        const auto accounts = SandboxHarness::wait(portal.listAccounts(token->accessToken));
        QVERIFY2(accounts.ok(), qPrintable(messageOf(accounts)));
        QCOMPARE(accounts->size(), 230);
        QCOMPARE(accounts->last().accountName, u"account-229"_s);
        QCOMPARE(s.calls("ListAccounts"), 3); // 100 + 100 + 30
        const auto roles = SandboxHarness::wait(
            portal.listAccountRoles(token->accessToken, accounts->first().accountId));
        QCOMPARE(roles->size(), 1);
        const auto credentials = SandboxHarness::wait(portal.getRoleCredentials(
            token->accessToken, accounts->first().accountId, u"ReadOnlyAccess"_s));
        QVERIFY2(credentials.ok(), qPrintable(messageOf(credentials)));
        QVERIFY(credentials->accessKeyId.startsWith(u"ASIA"_s));
        QVERIFY(credentials->serverDate.isValid());
        const auto missing = SandboxHarness::wait(portal.getRoleCredentials(
            token->accessToken, accounts->first().accountId, u"AdministratorAccess"_s));
        QCOMPARE(missing.error().code, u"ResourceNotFoundException"_s);
        const auto refused
            = SandboxHarness::wait(portal.listAccounts(u"EXAMPLETOKENSENTINEL-bogus"_s));
        QCOMPARE(refused.error().code, u"UnauthorizedException"_s);
        QCOMPARE(refused.error().httpStatus, 401);
    }

    void roleCredentialExpiryFollowsTheServerClock()
    {
        SsoRoleCredentials credentials;
        credentials.expiration = QDateTime(QDate(2026, 12, 1), QTime(13, 0), Qt::UTC);
        credentials.serverDate = QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC);
        // This computer is two hours behind the server: the credentials end at 11:00 on it.
        const QDateTime receivedAt(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC);
        QCOMPARE(credentials.localExpiration(receivedAt),
            QDateTime(QDate(2026, 12, 1), QTime(11, 0), Qt::UTC));
        credentials.serverDate = QDateTime();
        QCOMPARE(credentials.localExpiration(receivedAt), credentials.expiration);
    }

    // ---- the AWS CLI's own code on the same files ----------------------------------------

    // `aws sso login` (the CLI's SSOTokenFetcher) writes the cache; the app uses its token.
    void aTokenFromAwsSsoLoginIsUsed()
    {
        const QString python = cliPython();
        if (python.isEmpty())
            QSKIP("Debian's awscli is not installed (scripts/install-deps installs it)");
        Sso s;
        QProcess cli;
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, s.home.path());
        environment.insert(u"AWS_CONFIG_FILE"_s, u"/dev/null"_s);
        environment.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, u"/dev/null"_s);
        cli.setProcessEnvironment(environment);
        cli.start(python,
            {QStringLiteral(ECR_SOURCE_DIR "/tests/tools/botocore_sso.py"), u"login"_s,
                s.harness.server().url().toString(), kStartUrl, u"us-east-1"_s, u"my-sso"_s});
        QVERIFY(cli.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            cli.state() == QProcess::NotRunning, 60000); // the sandbox answers from this loop
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QVERIFY(s.cacheFiles().contains(s.session.tokenFileName()));
        QVERIFY(s.cacheFiles().contains(s.session.registrationFileName())); // the same key

        const int before = s.harness.service().totalRequestCount();
        const Result<SsoToken> token = SandboxHarness::wait(s.provider.token(s.session));
        QVERIFY2(token.ok(), qPrintable(messageOf(token)));
        QCOMPARE(s.prompter.opened.size(), 0); // no sign-in: the CLI's token
        QCOMPARE(s.harness.service().totalRequestCount(), before);
        const auto accounts
            = SandboxHarness::wait(s.provider.portal(s.session).listAccounts(token->accessToken));
        QVERIFY2(accounts.ok(), qPrintable(messageOf(accounts)));
    }

    // The app signs in; the CLI's SSO credential provider uses that token (and STS accepts the
    // role credentials it gets with it).
    void aTokenTheAppWroteServesTheCli()
    {
        const QString python = cliPython();
        if (python.isEmpty())
            QSKIP("Debian's awscli is not installed (scripts/install-deps installs it)");
        Sso s;
        s.approveOnOpen();
        QVERIFY(SandboxHarness::wait(s.provider.token(s.session)).ok());
        QFile config(s.home.filePath(u"config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[profile ops]\nsso_session = my-sso\nsso_account_id = 123456789012\n"
                     "sso_role_name = ReadOnlyAccess\nregion = us-east-1\n"
                     "[sso-session my-sso]\nsso_start_url = "
            + kStartUrl.toUtf8()
            + "\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n");
        config.close();
        QProcess cli;
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, s.home.path());
        environment.insert(u"AWS_CONFIG_FILE"_s, config.fileName());
        environment.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, u"/dev/null"_s);
        cli.setProcessEnvironment(environment);
        cli.start(python,
            {QStringLiteral(ECR_SOURCE_DIR "/tests/tools/botocore_sso.py"), u"credentials"_s,
                s.harness.server().url().toString(), u"ops"_s});
        QVERIFY(cli.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 60000);
        const QString out = QString::fromUtf8(cli.readAllStandardOutput()).trimmed();
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QCOMPARE(out,
            u"arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_ReadOnlyAccess_sandbox/sandbox-user"_s);
        QCOMPARE(s.calls("StartDeviceAuthorization"), 1); // the CLI did not sign in again
    }
};

QTEST_MAIN(TestSso)
#include "tst_sso.moc"
