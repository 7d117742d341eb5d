// The standard retry mode's pure parts, and the awsJson error parser.
#include "Clock.h"
#include "RetryPolicy.h"
#include "ServiceProtocol.h"

#include <QTest>
#include <QTimeZone>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

AwsError serviceError(const QString& code, int status)
{
    AwsError e = makeError(ErrorKind::Service, code, QString());
    e.httpStatus = status;
    return e;
}

} // namespace

namespace {

// The awsJson error parser as the pipeline calls it, for one answer.
ecr::AwsError parseAwsJsonError(
    int status, const QList<QNetworkReply::RawHeaderPair>& headers, const QByteArray& body)
{
    const ecr::ServiceInfo service{QStringLiteral("Amazon ECR"), "ecr", ecr::Protocol::AwsJson1_1,
        "AmazonEC2ContainerRegistry_V20150921", {}};
    return ecr::protocolAdapter(service.protocol)
        .parseError(service, ecr::HttpAnswer{status, headers, body, {}});
}

} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classification_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<int>("expected");
        const QString create = u"CreatePullThroughCacheRule"_s;
        const QString describe = u"DescribePullThroughCacheRules"_s;
        auto row = [&](const char* name, ErrorKind kind, const QString& code, int status,
                       const QString& op, RetryClass expected) {
            QTest::newRow(name) << int(kind) << code << status << op << int(expected);
        };
        row("throttling", ErrorKind::Service, u"ThrottlingException"_s, 400, describe,
            RetryClass::Throttling);
        row("429", ErrorKind::Service, u"Whatever"_s, 429, describe, RetryClass::Throttling);
        row("server 500", ErrorKind::Service, u"ServerException"_s, 500, describe,
            RetryClass::Transient);
        row("html 503", ErrorKind::InvalidResponse, QString(), 503, create, RetryClass::Transient);
        row("request timeout code", ErrorKind::Service, u"RequestTimeoutException"_s, 400, describe,
            RetryClass::Transient);
        row("quota on create is final", ErrorKind::Service, u"LimitExceededException"_s, 400,
            create, RetryClass::None);
        row("limit on describe is throttling", ErrorKind::Service, u"LimitExceededException"_s, 400,
            describe, RetryClass::Throttling);
        row("not found", ErrorKind::Service, u"PullThroughCacheRuleNotFoundException"_s, 400,
            describe, RetryClass::None);
        row("validation", ErrorKind::Service, u"ValidationException"_s, 400, create,
            RetryClass::None);
        row("reset", ErrorKind::ConnectionReset, QString(), 0, create, RetryClass::Transient);
        row("refused", ErrorKind::ConnectionRefused, QString(), 0, create, RetryClass::Transient);
        row("timeout", ErrorKind::Timeout, QString(), 0, create, RetryClass::Timeout);
        row("dns", ErrorKind::HostNotFound, QString(), 0, create, RetryClass::None);
        row("tls", ErrorKind::Tls, QString(), 0, create, RetryClass::None);
        row("other network error", ErrorKind::Network, QString(), 0, create, RetryClass::Transient);
        row("502 bad gateway", ErrorKind::InvalidResponse, QString(), 502, create,
            RetryClass::Transient);
        row("504 gateway timeout", ErrorKind::InvalidResponse, QString(), 504, describe,
            RetryClass::Transient);
        row("502 with a service code", ErrorKind::Service, u"InternalFailure"_s, 502, describe,
            RetryClass::Transient);
        row("501 is final", ErrorKind::InvalidResponse, QString(), 501, describe, RetryClass::None);
        row("cancelled", ErrorKind::Cancelled, QString(), 0, create, RetryClass::None);
    }
    void classification()
    {
        QFETCH(int, kind);
        QFETCH(QString, code);
        QFETCH(int, status);
        QFETCH(QString, operation);
        QFETCH(int, expected);
        AwsError e = serviceError(code, status);
        e.kind = ErrorKind(kind);
        QCOMPARE(int(classifyForRetry(e, operation)), expected);
    }

    // The per-call decision after a failed attempt (CallRetry), on its own: a clock-skew answer
    // with a Date is corrected at once, in either direction, at most once a call; without a Date,
    // within the threshold or past the bound it is not; transient errors back off; the last
    // attempt and a cancel give up.
    void callRetryDecisions()
    {
        using Action = CallRetry::Decision::Action;
        const QDateTime now(QDate(2026, 12, 1), QTime(12, 0), QTimeZone::utc());
        const ManualClock clock(now);
        const RetrySettings settings;
        RetryTokenBucket bucket(settings);
        std::mt19937 random(7);
        const QString op = u"DescribePullThroughCacheRules"_s;
        AwsError skew = serviceError(u"InvalidSignatureException"_s, 400);

        std::chrono::milliseconds offset{0};
        CallRetry ahead(settings, bucket, random, clock, offset);
        CallRetry::Decision d = ahead.onFailure(skew, op, now.addSecs(600));
        QCOMPARE(int(d.action), int(Action::RetryNow));
        QCOMPARE(offset.count(), 600 * 1000);
        skew.attempts = 2;
        // Still refused with the corrected clock: no second correction in this call.
        d = ahead.onFailure(skew, op, now.addSecs(1200));
        QCOMPARE(int(d.action), int(Action::GiveUp));
        QCOMPARE(offset.count(), 600 * 1000);

        skew.attempts = 1;
        std::chrono::milliseconds behindOffset{0};
        CallRetry behind(settings, bucket, random, clock, behindOffset);
        QCOMPARE(int(behind.onFailure(skew, op, now.addSecs(-900)).action), int(Action::RetryNow));
        QCOMPARE(behindOffset.count(), -900 * 1000);

        std::chrono::milliseconds untouched{0};
        CallRetry noDate(settings, bucket, random, clock, untouched);
        QCOMPARE(int(noDate.onFailure(skew, op, QDateTime()).action), int(Action::GiveUp));
        CallRetry small(settings, bucket, random, clock, untouched);
        QCOMPARE(int(small.onFailure(skew, op, now.addSecs(60)).action), int(Action::GiveUp));
        QCOMPARE(untouched.count(), 0);

        CallRetry far(settings, bucket, random, clock, untouched);
        d = far.onFailure(skew, op, now.addDays(2));
        QCOMPARE(int(d.action), int(Action::GiveUp));
        QVERIFY(d.error);
        QCOMPARE(d.error->code, u"ClockSkewTooLarge"_s);
        QCOMPARE(untouched.count(), 0);

        // A later call whose offset already holds the correction is not corrected again.
        std::chrono::milliseconds learnt{600 * 1000};
        CallRetry later(settings, bucket, random, clock, learnt);
        QCOMPARE(int(later.onFailure(skew, op, now.addSecs(630)).action), int(Action::GiveUp));
        QCOMPARE(learnt.count(), 600 * 1000);

        CallRetry transient(settings, bucket, random, clock, untouched);
        AwsError gateway = serviceError(QString(), 502);
        gateway.kind = ErrorKind::InvalidResponse;
        d = transient.onFailure(gateway, op, now);
        QCOMPARE(int(d.action), int(Action::RetryAfter));
        QVERIFY(d.delay <= settings.backoffBase);
        gateway.attempts = settings.maxAttempts;
        QCOMPARE(int(transient.onFailure(gateway, op, now).action), int(Action::GiveUp));
        AwsError cancelled = makeError(ErrorKind::Cancelled, QString(), QString());
        QCOMPARE(int(transient.onFailure(cancelled, op, now).action), int(Action::GiveUp));
    }

    void backoffIsFullJitterCapped()
    {
        const RetrySettings s;
        QCOMPARE(backoffDelay(s, 1, 1.0).count(), 1000);
        QCOMPARE(backoffDelay(s, 2, 1.0).count(), 2000);
        QCOMPARE(backoffDelay(s, 3, 0.5).count(), 2000);
        QCOMPARE(backoffDelay(s, 10, 1.0).count(), 20000); // capped at 20 s
        QCOMPARE(backoffDelay(s, 1, 0.0).count(), 0);
    }

    void tokenBucket()
    {
        RetrySettings s;
        RetryTokenBucket bucket(s);
        QCOMPARE(bucket.available(), 500);
        QCOMPARE(bucket.acquire(RetryClass::Transient), 5);
        QCOMPARE(bucket.acquire(RetryClass::Timeout), 10);
        QCOMPARE(bucket.available(), 485);
        bucket.onSuccess(10); // success after a retry refunds what the last retry took
        QCOMPARE(bucket.available(), 495);
        bucket.onSuccess(0); // first-try success refunds 1
        QCOMPARE(bucket.available(), 496);
        for (int i = 0; i < 10; ++i)
            bucket.onSuccess(0);
        QCOMPARE(bucket.available(), 500); // never above capacity
        while (bucket.acquire(RetryClass::Transient) > 0) { }
        QCOMPARE(bucket.available(), 0);
        QCOMPARE(bucket.acquire(RetryClass::Throttling), 0); // empty: no retry
    }

    void errorCodeSanitising_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("code");
        QTest::newRow("bare") << u"FooError"_s << u"FooError"_s;
        QTest::newRow("colon") << u"FooError:http://internal.amazon.com/coral/x/"_s
                               << u"FooError"_s;
        QTest::newRow("hash") << u"aws.protocoltests.restjson#FooError"_s << u"FooError"_s;
        QTest::newRow("both") << u"aws.protocoltests.restjson#FooError:http://x/"_s
                              << u"FooError"_s;
    }
    void errorCodeSanitising()
    {
        QFETCH(QString, raw);
        QFETCH(QString, code);
        QCOMPARE(sanitizeErrorCode(raw), code);
    }

    void errorParsing()
    {
        using H = QList<QNetworkReply::RawHeaderPair>;
        const AwsError fromHeader = parseAwsJsonError(400,
            H{{"X-Amzn-ErrorType", "PullThroughCacheRuleNotFoundException:http://x/"},
                {"x-amzn-RequestId", "req-1"}},
            "{\"__type\":\"Other\",\"message\":\"not here\"}");
        QCOMPARE(fromHeader.kind, ErrorKind::Service);
        QCOMPARE(fromHeader.code, u"PullThroughCacheRuleNotFoundException"_s);
        QCOMPARE(fromHeader.message, u"not here"_s);
        QCOMPARE(fromHeader.requestId, u"req-1"_s);
        QCOMPARE(fromHeader.httpStatus, 400);

        const AwsError fromType = parseAwsJsonError(
            400, {}, "{\"__type\":\"com.amazonaws.ecr#ValidationException\",\"Message\":\"bad\"}");
        QCOMPARE(fromType.code, u"ValidationException"_s);
        QCOMPARE(fromType.message, u"bad"_s);

        const AwsError fromCode = parseAwsJsonError(400, {}, "{\"code\":\"ThrottlingException\"}");
        QCOMPARE(fromCode.code, u"ThrottlingException"_s);

        const AwsError html = parseAwsJsonError(
            503, {}, "<html><head><title>Service Unavailable</title></head></html>");
        QCOMPARE(html.kind, ErrorKind::InvalidResponse);
        QCOMPARE(html.httpStatus, 503);
        QVERIFY(html.message.contains(u"503"_s));
        QVERIFY(html.message.contains(u"Service Unavailable"_s));

        const AwsError empty = parseAwsJsonError(502, {}, QByteArray());
        QCOMPARE(empty.kind, ErrorKind::InvalidResponse);
        QVERIFY(empty.message.contains(u"502"_s));
    }

    void clockSkewCodes()
    {
        QVERIFY(isClockSkewCode(u"InvalidSignatureException"));
        QVERIFY(isClockSkewCode(u"SignatureDoesNotMatch"));
        QVERIFY(isClockSkewCode(u"RequestTimeTooSkewed"));
        QVERIFY(!isClockSkewCode(u"ValidationException"));
    }
};

QTEST_APPLESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
