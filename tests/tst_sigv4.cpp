// Unit tests of the SigV4 building blocks, and signing cases the official suite does not cover.
// The expected canonical requests and signatures of the extra cases come from botocore's SigV4Auth
// (tests/tools/sigv4_reference.py), an implementation independent of ours.
#include "Clock.h"
#include "Sha256.h"
#include "SigV4Signer.h"

#include <QTest>

using namespace ecr;
using namespace ecr::sigv4;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kTime(QDate(2026, 1, 1), QTime(12, 0, 0), Qt::UTC);
const Credentials kCredentials{u"AKIDEXAMPLE"_s, u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s, {}};

} // namespace

class TestSigV4 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The digests under the signer: FIPS 180-2's SHA-256 examples (and a message over several
    // blocks), RFC 4231's HMAC-SHA-256 cases, keys longer than a block included.
    void sha256_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("digest");
        QTest::newRow("empty")
            << QByteArray()
            << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_ba;
        QTest::newRow("abc")
            << "abc"_ba
            << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_ba;
        QTest::newRow("two blocks")
            << "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"_ba
            << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"_ba;
        QTest::newRow("1,000 bytes") << QByteArray(
            1000, 'a') << "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"_ba;
    }
    void sha256()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, digest);
        QCOMPARE(sha256::hex(sha256::hash(message)), digest);
        QCOMPARE(sha256Hex(message), digest);
    }

    void hmacSha256_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("mac");
        QTest::newRow("RFC 4231 case 1")
            << QByteArray(20, '\x0b') << "Hi There"_ba
            << "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"_ba;
        QTest::newRow("RFC 4231 case 2")
            << "Jefe"_ba
            << "what do ya want for nothing?"_ba
            << "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"_ba;
        QTest::newRow("RFC 4231 case 3")
            << QByteArray(20, '\xaa') << QByteArray(50, '\xdd')
            << "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"_ba;
        QTest::newRow("RFC 4231 case 6, key over a block")
            << QByteArray(131, '\xaa')
            << "Test Using Larger Than Block-Size Key - Hash Key First"_ba
            << "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"_ba;
        QTest::newRow("RFC 4231 case 7, key and message over a block")
            << QByteArray(131, '\xaa')
            << "This is a test using a larger than block-size key and a larger than block-size "
               "data. The key needs to be hashed before being used by the HMAC algorithm."_ba
            << "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"_ba;
    }
    void hmacSha256()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, mac);
        QCOMPARE(sha256::hex(sha256::hmac(key, message)), mac);
    }

    void uriEncoding_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("encodeSlash");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("unreserved") << "AZaz09-_.~"_ba << true << "AZaz09-_.~"_ba;
        QTest::newRow("space") << "a b"_ba << true << "a%20b"_ba;
        QTest::newRow("plus") << "a+b"_ba << true << "a%2Bb"_ba;
        QTest::newRow("slash-encoded") << "a/b"_ba << true << "a%2Fb"_ba;
        QTest::newRow("slash-kept") << "a/b"_ba << false << "a/b"_ba;
        QTest::newRow("utf8") << "\xe1\x88\xb4"_ba << true << "%E1%88%B4"_ba;
        QTest::newRow("percent") << "100%"_ba << true << "100%25"_ba;
    }
    void uriEncoding()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, encodeSlash);
        QFETCH(QByteArray, expected);
        QCOMPARE(uriEncode(input, encodeSlash), expected);
    }

    void pathNormalization_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("root") << "/"_ba
                              << "/"_ba;
        QTest::newRow("dot") << "/./a"_ba
                             << "/a"_ba;
        QTest::newRow("dotdot") << "/a/b/../c"_ba
                                << "/a/c"_ba;
        QTest::newRow("above-root") << "/../../a"_ba
                                    << "/a"_ba;
        QTest::newRow("slashes") << "//a//b//"_ba
                                 << "/a/b/"_ba;
        QTest::newRow("all-gone") << "/a/b/../.."_ba
                                  << "/"_ba;
    }
    void pathNormalization()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, expected);
        QCOMPARE(normalizePath(path), expected);
    }

    void canonicalQuery_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("sorted-by-name-then-value") << "b=2&a=2&a=1"_ba
                                                   << "a=1&a=2&b=2"_ba;
        QTest::newRow("case-sensitive-order") << "b=1&B=1"_ba
                                              << "B=1&b=1"_ba;
        QTest::newRow("no-equals-means-empty") << "flag"_ba
                                               << "flag="_ba;
        QTest::newRow("plus-is-literal") << "q=a+b"_ba
                                         << "q=a%2Bb"_ba;
        QTest::newRow("equals-in-value") << "q=x=y"_ba
                                         << "q=x%3Dy"_ba;
        QTest::newRow("pre-encoded-stays") << "q=a%20b"_ba
                                           << "q=a%20b"_ba;
        QTest::newRow("lower-hex-upper-cased") << "q=%2f"_ba
                                               << "q=%2F"_ba;
    }
    void canonicalQuery()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, expected);
        QCOMPARE(canonicalQueryString(raw), expected);
    }

    void headerValues_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("trim") << "  v  "_ba
                              << "v"_ba;
        QTest::newRow("collapse") << "a   b\t c"_ba
                                  << "a b c"_ba;
        QTest::newRow("folded") << "a\n   b"_ba
                                << "a b"_ba;
        QTest::newRow("empty") << "   "_ba << QByteArray();
    }
    void headerValues()
    {
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, expected);
        QCOMPARE(canonicalHeaderValue(value), expected);
    }

    void duplicateHeadersJoinInOrder()
    {
        const CanonicalHeaders h
            = canonicalHeaders({{"X-B", "2"}, {"host", "h"}, {"x-b", " 1 "}, {"X-A", "a"}});
        QCOMPARE(h.block, "host:h\nx-a:a\nx-b:2,1\n"_ba);
        QCOMPARE(h.signedHeaders, "host;x-a;x-b"_ba);
    }

    // The AWS documentation's worked example of the signing key derivation.
    void signingKeyDerivation()
    {
        const QByteArray key = deriveSigningKey(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
        QCOMPARE(
            key.toHex(), "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"_ba);
    }

    void signingKeysAreCachedPerScope()
    {
        ManualClock clock(kTime);
        const SigV4Signer signer(clock);
        Request r{"GET", "/", {}, {{"Host", "example.amazonaws.com"}}, {}};
        SigV4Signer::Options o{"us-east-1", "ecr"};
        signer.signHeaders(r, kCredentials, o);
        signer.signHeaders(r, kCredentials, o);
        QCOMPARE(signer.cachedKeyCount(), 1);
        o.region = "eu-west-1";
        signer.signHeaders(r, kCredentials, o);
        QCOMPARE(signer.cachedKeyCount(), 2);
        clock.advance(std::chrono::hours(24));
        signer.signHeaders(r, kCredentials, o);
        QCOMPARE(signer.cachedKeyCount(), 3);
    }

    void clockOffsetMovesTheTimestamp()
    {
        const ManualClock clock(kTime);
        const SigV4Signer signer(clock);
        SigV4Signer::Options o{"us-east-1", "ecr"};
        o.clockOffset = std::chrono::minutes(10);
        const auto result
            = signer.signHeaders({"POST", "/", {}, {{"Host", "h"}}, "{}"}, kCredentials, o);
        QCOMPARE(result.request.header("X-Amz-Date"), "20260101T121000Z"_ba);
    }

    void extraCases_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QByteArray>("service");
        QTest::addColumn<QString>("token");
        QTest::addColumn<HeaderList>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("canonical");
        QTest::addColumn<QByteArray>("signature");

        const HeaderList ecrCreate{{"Host", "api.ecr.us-east-1.amazonaws.com"},
            {"Content-Type", "application/x-amz-json-1.1"},
            {"X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.CreatePullThroughCacheRule"}};
        QTest::newRow("ecr-create-json")
            << "POST"_ba << QByteArray() << "ecr"_ba << QString() << ecrCreate
            << R"({"ecrRepositoryPrefix":"ecr-public","upstreamRegistryUrl":"public.ecr.aws"})"_ba
            << "POST\n/\n\ncontent-type:application/x-amz-json-1.1\n"
               "host:api.ecr.us-east-1.amazonaws.com\nx-amz-date:20260101T120000Z\n"
               "x-amz-target:AmazonEC2ContainerRegistry_V20150921.CreatePullThroughCacheRule\n\n"
               "content-type;host;x-amz-date;x-amz-target\n"
               "527fa02aabc31b5bfbaf80940bf042df49e29a1172eacc62ae6161b892fd86cc"_ba
            << "0e645c8f51f7a08883c709556e40746755294d6baaa270c2c7833484e7c29bcf"_ba;

        const HeaderList ecrDescribe{{"Host", "api.ecr.us-east-1.amazonaws.com"},
            {"Content-Type", "application/x-amz-json-1.1"},
            {"X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DescribePullThroughCacheRules"}};
        QTest::newRow("ecr-session-token")
            << "POST"_ba << QByteArray() << "ecr"_ba << u"EXAMPLE/SESSION+TOKEN=="_s << ecrDescribe
            << "{}"_ba
            << "POST\n/\n\ncontent-type:application/x-amz-json-1.1\n"
               "host:api.ecr.us-east-1.amazonaws.com\nx-amz-date:20260101T120000Z\n"
               "x-amz-security-token:EXAMPLE/SESSION+TOKEN==\n"
               "x-amz-target:AmazonEC2ContainerRegistry_V20150921.DescribePullThroughCacheRules\n\n"
               "content-type;host;x-amz-date;x-amz-security-token;x-amz-target\n"
               "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"_ba
            << "fdfac6c7be7ad0d9f082fe8899f2d87b5690108508269286831575f0e4ae36c7"_ba;

        QTest::newRow("non-ascii-header-value")
            << "GET"_ba << QByteArray() << "service"_ba << QString()
            << HeaderList{{"Host", "example.amazonaws.com"},
                   {"X-Amz-Meta-Owner", QStringLiteral(u"Zo\u00eb \u2603").toUtf8()}}
            << QByteArray()
            << "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20260101T120000Z\n"
               "x-amz-meta-owner:Zo\xc3\xab \xe2\x98\x83\n\nhost;x-amz-date;x-amz-meta-owner\n"
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_ba
            << "41160c706c06abe2026a509dcc717d454c76abb47a0c894800e0216910e74fe2"_ba;

        const QByteArray queryCanonical
            = "GET\n/\nempty=&equals=x%3Dy&plus=a%2Bb\nhost:example.amazonaws.com\n"
              "x-amz-date:20260101T120000Z\n\nhost;x-amz-date\n"
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_ba;
        const QByteArray querySignature
            = "f76d5cec44c04648450489897a899993359f8e9f3a2653e8436d407bcf69a367"_ba;
        const HeaderList plainHost{{"Host", "example.amazonaws.com"}};
        QTest::newRow("query-plus-equals-empty-raw")
            << "GET"_ba
            << "plus=a+b&equals=x=y&empty"_ba
            << "service"_ba << QString() << plainHost << QByteArray() << queryCanonical
            << querySignature;
        QTest::newRow("query-plus-equals-empty-encoded")
            << "GET"_ba
            << "plus=a%2Bb&equals=x%3Dy&empty="_ba
            << "service"_ba << QString() << plainHost << QByteArray() << queryCanonical
            << querySignature;
    }
    void extraCases()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, service);
        QFETCH(QString, token);
        QFETCH(HeaderList, headers);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, canonical);
        QFETCH(QByteArray, signature);

        const ManualClock clock(kTime);
        const SigV4Signer signer(clock);
        Credentials credentials = kCredentials;
        credentials.sessionToken = token;
        const auto result = signer.signHeaders(
            {method, "/", query, headers, body}, credentials, {"us-east-1", service});
        QCOMPARE(result.canonicalRequest, canonical);
        QCOMPARE(result.signature, signature);
        QVERIFY(
            result.request.header("Authorization").endsWith(QByteArray("Signature=" + signature)));
        if (!token.isEmpty())
            QCOMPARE(result.request.header("X-Amz-Security-Token"), token.toUtf8());

        // The verifying side (the sandbox) recomputes the same signature from the wire request.
        const auto auth = parseAuthorizationHeader(result.request.header("Authorization"));
        QVERIFY(auth.has_value());
        QCOMPARE(auth->accessKeyId, "AKIDEXAMPLE"_ba);
        QCOMPARE(auth->service, service);
        QCOMPARE(SigV4Signer::expectedSignature(
                     result.request, *auth, kCredentials.secretAccessKey.toUtf8()),
            signature);
        QVERIFY(SigV4Signer::expectedSignature(result.request, *auth, "wrong-secret") != signature);
    }

    void malformedAuthorizationIsRejected_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("other-algorithm") << "AWS4-HMAC-SHA512 Credential=a/b/c/d/aws4_request"_ba;
        QTest::newRow("short-scope")
            << "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1, SignedHeaders=host, "
               "Signature=ab"_ba;
        QTest::newRow("no-signature")
            << "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ecr/aws4_request, "
               "SignedHeaders=host"_ba;
    }
    void malformedAuthorizationIsRejected()
    {
        QFETCH(QByteArray, value);
        QVERIFY(!parseAuthorizationHeader(value).has_value());
    }
};

QTEST_APPLESS_MAIN(TestSigV4)
#include "tst_sigv4.moc"
