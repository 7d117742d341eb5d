// Hostile and broken answers over real loopback HTTP: the sandbox's server sends scripted answers
// (SandboxServer::queueAnswers) in place of the service's. Every one ends in a clear error, the
// one the user is shown (describeError), never a crash, a hang or a half-filled list; and the
// paging guards stop a list that repeats or never ends.
#include "EcrRepositoryClient.h"
#include "ErrorPresenter.h"
#include "HostileText.h"
#include "Paging.h"
#include "PtcValidation.h"
#include "SandboxHarness.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

const QString kDescribe = u"DescribePullThroughCacheRules"_s;

sandbox::ScriptedAnswer json(const QByteArray& body, int status = 200)
{
    sandbox::ScriptedAnswer a;
    a.status = status;
    a.body = body;
    return a;
}

QByteArray page(const QString& prefix, const QString& next)
{
    QJsonObject body{{u"pullThroughCacheRules"_s,
        QJsonArray{QJsonObject{{u"ecrRepositoryPrefix"_s, prefix},
            {u"upstreamRegistryUrl"_s, u"quay.io"_s}, {u"registryId"_s, u"123456789012"_s}}}}};
    if (!next.isEmpty())
        body.insert(u"nextToken"_s, next);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

// JSON written with single quotes (moc cannot read raw string literals with braces in them).
QByteArray q(const char* text)
{
    QByteArray out(text);
    out.replace('\'', '"');
    return out;
}

// What the error dialog says about a failed refresh of the rule list.
ErrorText shown(const AwsError& error)
{
    return describeError(error, u"Loading the rules"_s, false);
}

} // namespace

class TestHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- paging ----------------------------------------------------------------------------

    void pageGuardStopsRepeatsAndEndlessLists()
    {
        PageGuard repeats(u"ListThings"_s, 100);
        QVERIFY(!repeats.next(u"a"_s));
        QVERIFY(!repeats.next(u"b"_s));
        const std::optional<AwsError> again = repeats.next(u"a"_s);
        QVERIFY(again);
        QCOMPARE(again->code, u"RepeatedPageToken"_s);
        QCOMPARE(again->kind, ErrorKind::InvalidResponse);
        QVERIFY2(again->message.contains(u"ListThings"_s) && again->message.contains(u"3 pages"_s),
            qPrintable(again->message));

        PageGuard limited(u"ListThings"_s, 3);
        QVERIFY(!limited.next(u"1"_s));
        QVERIFY(!limited.next(u"2"_s));
        const std::optional<AwsError> limit = limited.next(u"3"_s);
        QVERIFY(limit);
        QCOMPARE(limit->code, u"TooManyPages"_s);
        QVERIFY(limit->message.contains(u"did not end after 3 pages"_s));
    }

    void aRepeatedNextTokenStopsTheList()
    {
        SandboxHarness h;
        h.server().queueAnswers(
            kDescribe, {json(page(u"a"_s, u"t1"_s)), json(page(u"b"_s, u"t1"_s))});
        const auto rules = h.wait(h.client().describeAllRules({}));
        QVERIFY(!rules.ok());
        QCOMPARE(rules.error().code, u"RepeatedPageToken"_s);
        QCOMPARE(h.server().scriptedAnswersLeft(kDescribe), 0); // two requests, no third
        const ErrorText text = shown(rules.error());
        QCOMPARE(text.title, u"Unexpected answer"_s);
        QVERIFY(text.details.contains(u"page token it had given before"_s));
    }

    void aFailureOnPageTwoFailsTheList()
    {
        SandboxHarness h;
        h.server().queueAnswers(kDescribe, {json(page(u"a"_s, u"t1"_s))});
        using Fault = sandbox::SandboxServer::Fault;
        h.server().queueFaults(
            kDescribe, {Fault::ServerError, Fault::ServerError, Fault::ServerError});
        const auto rules = h.wait(h.client().describeAllRules({}));
        QVERIFY(!rules.ok()); // no list made of page one alone
        QCOMPARE(rules.error().code, u"ServerException"_s);
        QCOMPARE(rules.error().attempts, 3);
        QCOMPARE(shown(rules.error()).title.isEmpty(), false);
    }

    void repositoryListsStopOnARepeatedToken()
    {
        SandboxHarness h;
        const QByteArray repos = q("{'repositories':[{'repositoryName':'quay/"
                                   "a','repositoryArn':'arn:aws:ecr:us-east-1:123456789012:"
                                   "repository/quay/a'}],'nextToken':'r1'}");
        h.server().queueAnswers(u"DescribeRepositories"_s, {json(repos), json(repos)});
        EcrRepositoryClient client(h.transport());
        const auto listed = h.wait(client.describeRepositories(u"quay"_s, {}, {}));
        QVERIFY(!listed.ok());
        QCOMPARE(listed.error().code, u"RepeatedPageToken"_s);
        QVERIFY(listed.error().message.contains(u"DescribeRepositories"_s));
    }

    // ---- hostile input ---------------------------------------------------------------------

    // Any text in any member of a request: what breaks the model's rules is refused before
    // anything is sent (InvalidInput, no attempt, the server sees nothing).
    void invalidInputNeverReachesTheServer()
    {
        SandboxHarness h;
        const CreateRuleRequest base{u"quay"_s, u"quay.io"_s, {}, {}, {}, {}, {}};
        QString CreateRuleRequest::*const members[] = {&CreateRuleRequest::ecrRepositoryPrefix,
            &CreateRuleRequest::upstreamRegistryUrl, &CreateRuleRequest::registryId,
            &CreateRuleRequest::upstreamRegistry, &CreateRuleRequest::credentialArn,
            &CreateRuleRequest::customRoleArn, &CreateRuleRequest::upstreamRepositoryPrefix};
        int refused = 0;
        for (QString CreateRuleRequest::*member : members) {
            for (const QString& text : test::hostileTexts()) {
                CreateRuleRequest request = base;
                request.*member = text;
                const int before = h.service().totalRequestCount();
                const auto created = h.wait(h.client().createRule(request));
                if (ptc::validateCreate(request).isEmpty())
                    continue; // a valid request may go (none of these is)
                ++refused;
                QVERIFY(!created.ok());
                QCOMPARE(created.error().kind, ErrorKind::InvalidInput);
                QCOMPARE(created.error().attempts, 0);
                QCOMPARE(h.service().totalRequestCount(), before);
                QVERIFY(!describeError(created.error(), u"Creating the rule"_s).what.isEmpty());
            }
        }
        // Of the texts, only the blank one may read as "not given" in an optional member.
        QVERIFY2(refused >= 7 * (int(test::hostileTexts().size()) - 1),
            qPrintable(QString::number(refused)));
    }

    // ---- hostile bodies --------------------------------------------------------------------

    void brokenBodiesAreClearErrors_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("says");
        const QByteArray js = "application/x-amz-json-1.1";
        QTest::newRow("HTML where JSON was expected")
            << "text/html"_ba
            << "<html><head><title>Proxy login</title></head></html>"_ba << QString()
            << u"not JSON"_s;
        QTest::newRow("invalid UTF-8")
            << js
            << "{\"pullThroughCacheRules\":[{\"ecrRepositoryPrefix\":\"\xff\xfe\",\"upstreamRegistryUrl\":\"quay.io\"}]}"_ba
            << QString() << u"not JSON"_s;
        QTest::newRow("deeply nested")
            << js << QByteArray(100000, '[') << QString() << u"not JSON"_s;
        QTest::newRow("a JSON array") << js << "[]"_ba << QString() << u"not JSON"_s;
        QTest::newRow("rules not a list") << js << q("{'pullThroughCacheRules':'all of them'}")
                                          << u"MalformedAnswer"_s << u"not a list"_s;
        QTest::newRow("no rules at all")
            << js << q("{'nextToken':null}") << u"MalformedAnswer"_s << u"no list of rules"_s;
        QTest::newRow("a rule that is a number") << js << q("{'pullThroughCacheRules':[42]}")
                                                 << u"MalformedAnswer"_s << u"not an object"_s;
        QTest::newRow("a rule without its URL")
            << js << q("{'pullThroughCacheRules':[{'ecrRepositoryPrefix':'a'}]}")
            << u"MalformedAnswer"_s << u"without upstreamRegistryUrl"_s;
        QTest::newRow("a prefix of the wrong type")
            << js
            << q("{'pullThroughCacheRules':[{'ecrRepositoryPrefix':7,'upstreamRegistryUrl':'quay."
                 "io'}]}")
            << u"MalformedAnswer"_s << u"without ecrRepositoryPrefix"_s;
        QTest::newRow("a token that is a number")
            << js << q("{'pullThroughCacheRules':[],'nextToken':12}") << u"MalformedAnswer"_s
            << u"page token that is not text"_s;
    }
    void brokenBodiesAreClearErrors()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, says);
        SandboxHarness h;
        sandbox::ScriptedAnswer answer = json(body);
        answer.contentType = contentType;
        h.server().queueAnswers(kDescribe, {answer});
        const auto rules = h.wait(h.client().describeAllRules({}));
        QVERIFY(!rules.ok());
        QCOMPARE(rules.error().kind, ErrorKind::InvalidResponse);
        QCOMPARE(rules.error().code, code);
        QVERIFY2(rules.error().message.contains(says), qPrintable(rules.error().message));
        const ErrorText text = shown(rules.error());
        QCOMPARE(text.title, u"Unexpected answer"_s);
        QVERIFY(text.action.contains(u"endpoint URL"_s));
        QVERIFY(text.details.contains(says));
        // The next call, answered by the service itself, works: nothing was left broken.
        QVERIFY(h.wait(h.client().describeAllRules({})).ok());
    }

    // A Create whose answer has no rule in it is an error, not an empty row in the table.
    void aCreateAnswerWithoutTheRuleIsAnError()
    {
        SandboxHarness h;
        h.server().queueAnswers(u"CreatePullThroughCacheRule"_s, {json("{}"_ba)});
        CreateRuleRequest request;
        request.ecrRepositoryPrefix = u"quay"_s;
        request.upstreamRegistryUrl = u"quay.io"_s;
        const auto created = h.wait(h.client().createRule(request));
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, u"MalformedAnswer"_s);
        QVERIFY(created.error().message.contains(u"CreatePullThroughCacheRule"_s));
        QVERIFY(created.error().message.contains(u"without ecrRepositoryPrefix"_s));
    }

    // A body past the cap is cut off while it arrives.
    void aHugeBodyIsRefused()
    {
        SandboxHarness h;
        QByteArray huge = q("{'pullThroughCacheRules':[],'padding':'");
        huge += QByteArray(6 * 1024 * 1024, 'x');
        huge += "\"}";
        h.server().queueAnswers(kDescribe, {json(huge)});
        const auto rules = h.wait(h.client().describeAllRules({}));
        QVERIFY(!rules.ok());
        QCOMPARE(rules.error().code, u"ResponseTooLarge"_s);
        QCOMPARE(rules.error().attempts, 1);
        QVERIFY2(rules.error().message.contains(u"was larger than"_s)
                && rules.error().message.contains(u"MiB"_s),
            qPrintable(rules.error().message));
    }

    // An answer that trickles in a few bytes at a time: the attempt timeout ends each attempt,
    // the call gives up after its attempts, and no wait is longer than the timeouts add up to.
    void aSlowDripAnswerTimesOut()
    {
        HarnessOptions options;
        options.attemptTimeout = std::chrono::milliseconds(400);
        SandboxHarness h(options);
        sandbox::ScriptedAnswer drip = json(page(u"a"_s, QString()) + QByteArray(4000, ' '));
        drip.dripBytes = 8;
        drip.dripIntervalMs = 50;
        h.server().queueAnswers(kDescribe, {drip, drip, drip});
        QElapsedTimer timer;
        timer.start();
        const auto rules = h.wait(h.client().describeAllRules({}));
        QVERIFY(!rules.ok());
        QCOMPARE(rules.error().kind, ErrorKind::Timeout);
        QCOMPARE(rules.error().attempts, 3);
        QVERIFY2(timer.elapsed() < 6000, qPrintable(QString::number(timer.elapsed())));
        const ErrorText text = shown(rules.error());
        QVERIFY2(text.details.contains(u"did not answer completely within 0.4 seconds"_s),
            qPrintable(text.details));
    }
};

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
