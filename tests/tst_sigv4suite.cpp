// Runs every case of the official AWS SigV4 test suite (tests/data/sigv4/v4, Apache-2.0, from
// awslabs/aws-c-auth) through SigV4Signer, in header mode and in query (presigned) mode, and
// compares the canonical request, string to sign, signature and signed request.
#include "Clock.h"
#include "SigV4Signer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>

using namespace ecr;
using namespace ecr::sigv4;
using namespace Qt::StringLiterals;

namespace {

const QString kSuiteDir = QStringLiteral(ECR_TEST_DATA_DIR "/sigv4/v4");
constexpr int kExpectedCaseCount = 38;

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

struct ParsedRequest
{
    Request request;
    QByteArray requestLine;
};

// request.txt and *-signed-request.txt: "METHOD PATH HTTP/1.1", headers (a line that starts with
// white space continues the previous header), an empty line, the body.
ParsedRequest parseHttp(const QByteArray& text)
{
    ParsedRequest out;
    const qsizetype lineEnd = text.indexOf('\n');
    out.requestLine = text.left(lineEnd);
    const qsizetype firstSpace = out.requestLine.indexOf(' ');
    const qsizetype lastSpace = out.requestLine.lastIndexOf(' ');
    out.request.method = out.requestLine.left(firstSpace);
    const QByteArray target = out.requestLine.mid(firstSpace + 1, lastSpace - firstSpace - 1);
    const qsizetype question = target.indexOf('?');
    out.request.path = question < 0 ? target : target.left(question);
    out.request.query = question < 0 ? QByteArray() : target.mid(question + 1);

    qsizetype pos = lineEnd + 1;
    while (pos < text.size()) {
        qsizetype end = text.indexOf('\n', pos);
        if (end < 0)
            end = text.size();
        const QByteArray line = text.mid(pos, end - pos);
        pos = end + 1;
        if (line.isEmpty()) {
            out.request.body = text.mid(pos);
            break;
        }
        if ((line.startsWith(' ') || line.startsWith('\t')) && !out.request.headers.isEmpty()) {
            out.request.headers.last().value.append('\n').append(line);
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        out.request.headers.append({line.left(colon), line.mid(colon + 1)});
    }
    return out;
}

using NormalizedHeaders = QList<std::pair<QByteArray, QByteArray>>;

NormalizedHeaders normalizedHeaders(const HeaderList& headers)
{
    NormalizedHeaders out;
    for (const Header& h : headers)
        out.append({h.name.trimmed().toLower(), canonicalHeaderValue(h.value)});
    std::sort(out.begin(), out.end());
    return out;
}

QList<std::pair<QByteArray, QByteArray>> sortedQuery(const QByteArray& rawQuery)
{
    auto params = parseQuery(rawQuery);
    std::sort(params.begin(), params.end());
    return params;
}

struct Case
{
    ParsedRequest input;
    Credentials credentials;
    SigV4Signer::Options options;
    QDateTime timestamp;
};

Case loadCase(const QString& dir)
{
    Case c;
    c.input = parseHttp(readFile(dir + QStringLiteral("/request.txt")));
    const QJsonObject context
        = QJsonDocument::fromJson(readFile(dir + QStringLiteral("/context.json"))).object();
    const QJsonObject creds = context.value(QStringLiteral("credentials")).toObject();
    c.credentials.accessKeyId = creds.value(QStringLiteral("access_key_id")).toString();
    c.credentials.secretAccessKey = creds.value(QStringLiteral("secret_access_key")).toString();
    c.credentials.sessionToken = creds.value(QStringLiteral("token")).toString();
    c.options.region = context.value(QStringLiteral("region")).toString().toUtf8();
    c.options.service = context.value(QStringLiteral("service")).toString().toUtf8();
    c.options.normalizePath = context.value(QStringLiteral("normalize")).toBool(true);
    c.options.addContentSha256Header = context.value(QStringLiteral("sign_body")).toBool(false);
    c.options.omitSessionTokenFromSignature
        = context.value(QStringLiteral("omit_session_token")).toBool(false);
    c.options.expires
        = std::chrono::seconds(context.value(QStringLiteral("expiration_in_seconds")).toInt());
    c.timestamp
        = QDateTime::fromString(context.value(QStringLiteral("timestamp")).toString(), Qt::ISODate);
    return c;
}

void addCaseRows()
{
    QTest::addColumn<QString>("dir");
    const QStringList cases = QDir(kSuiteDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(cases.size(), kExpectedCaseCount);
    for (const QString& name : cases)
        QTest::newRow(qPrintable(name)) << kSuiteDir + u'/' + name;
}

} // namespace

class TestSigV4Suite : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headerSigning_data() { addCaseRows(); }
    void headerSigning()
    {
        QFETCH(QString, dir);
        const Case c = loadCase(dir);
        QVERIFY(c.timestamp.isValid());
        const ManualClock clock(c.timestamp);
        const SigV4Signer signer(clock);

        const auto result = signer.signHeaders(c.input.request, c.credentials, c.options);
        QCOMPARE(result.canonicalRequest, readFile(dir + "/header-canonical-request.txt"_L1));
        QCOMPARE(result.stringToSign, readFile(dir + "/header-string-to-sign.txt"_L1));
        QCOMPARE(result.signature, readFile(dir + "/header-signature.txt"_L1));

        const ParsedRequest expected = parseHttp(readFile(dir + "/header-signed-request.txt"_L1));
        QCOMPARE(result.request.method, expected.request.method);
        QCOMPARE(result.request.path, expected.request.path);
        QCOMPARE(result.request.query, expected.request.query);
        QCOMPARE(
            normalizedHeaders(result.request.headers), normalizedHeaders(expected.request.headers));
        QCOMPARE(result.request.body, expected.request.body);
    }

    void querySigning_data() { addCaseRows(); }
    void querySigning()
    {
        QFETCH(QString, dir);
        const Case c = loadCase(dir);
        const ManualClock clock(c.timestamp);
        const SigV4Signer signer(clock);

        const auto result = signer.presign(c.input.request, c.credentials, c.options);
        QCOMPARE(result.canonicalRequest, readFile(dir + "/query-canonical-request.txt"_L1));
        QCOMPARE(result.stringToSign, readFile(dir + "/query-string-to-sign.txt"_L1));
        QCOMPARE(result.signature, readFile(dir + "/query-signature.txt"_L1));

        const ParsedRequest expected = parseHttp(readFile(dir + "/query-signed-request.txt"_L1));
        QCOMPARE(result.request.method, expected.request.method);
        QCOMPARE(result.request.path, expected.request.path);
        QCOMPARE(sortedQuery(result.request.query), sortedQuery(expected.request.query));
        QCOMPARE(
            normalizedHeaders(result.request.headers), normalizedHeaders(expected.request.headers));
        QCOMPARE(result.request.body, expected.request.body);
    }
};

QTEST_APPLESS_MAIN(TestSigV4Suite)
#include "tst_sigv4suite.moc"
