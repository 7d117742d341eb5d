// The SigV4 canonicaliser on arbitrary URLs and headers: part 1 is "METHOD path?query", part 2
// "name: value" header lines, part 3 the body. The request is canonicalised and signed whole;
// the Authorization header it produces must parse back, naming the headers it signed.
#include "Clock.h"
#include "FuzzInput.h"
#include "SigV4.h"
#include "SigV4Signer.h"

#include <QTimeZone>

#include <algorithm>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QList<QByteArray> input = ecr::fuzz::parts(ecr::fuzz::bytes(data, size), 3);
    const QByteArray line = input[0];
    const qsizetype space = line.indexOf(' ');
    ecr::sigv4::Request request;
    request.method = space < 0 ? QByteArrayLiteral("GET") : line.left(space);
    const QByteArray target = space < 0 ? line : line.mid(space + 1);
    const qsizetype question = target.indexOf('?');
    request.path = question < 0 ? target : target.left(question);
    request.query = question < 0 ? QByteArray() : target.mid(question + 1);
    // Values are anything; names are HTTP tokens (RFC 9110 tchar), as nothing else can be sent
    // as a header name (a ';' in one would also make SignedHeaders ambiguous).
    const auto isToken = [](const QByteArray& name) {
        static const QByteArray extra = "!#$%&'*+-.^_`|~";
        return !name.isEmpty() && std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || extra.contains(c);
        });
    };
    for (const QByteArray& headerLine : input[1].split('\n')) {
        const qsizetype colon = headerLine.indexOf(':');
        if (colon > 0 && isToken(headerLine.left(colon)))
            request.headers.append({headerLine.left(colon), headerLine.mid(colon + 1)});
    }
    request.body = input[2];

    (void)ecr::sigv4::uriDecode(request.path);
    (void)ecr::sigv4::normalizePath(request.path);
    (void)ecr::sigv4::canonicalUri(request.path, true);
    (void)ecr::sigv4::canonicalUri(request.path, false);
    (void)ecr::sigv4::parseQuery(request.query);
    (void)ecr::sigv4::canonicalQueryString(request.query);
    const ecr::sigv4::CanonicalHeaders headers = ecr::sigv4::canonicalHeaders(request.headers);
    (void)ecr::sigv4::canonicalRequest(
        request.method, request.path, request.query, headers, ecr::sigv4::sha256Hex(request.body));
    (void)ecr::sigv4::parseAuthorizationHeader(line);

    if (request.header("host").isEmpty())
        request.setHeader(QByteArrayLiteral("host"), QByteArrayLiteral("example.amazonaws.com"));
    const ecr::ManualClock clock(QDateTime(QDate(2015, 8, 30), QTime(12, 36), QTimeZone::utc()));
    const ecr::SigV4Signer signer(clock);
    ecr::SigV4Signer::Options options;
    options.region = QByteArrayLiteral("us-east-1");
    options.service = QByteArrayLiteral("service");
    ecr::sigv4::Credentials credentials;
    credentials.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    credentials.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    const ecr::SigV4Signer::Result signedRequest
        = signer.signHeaders(request, credentials, options);
    const QByteArray authorization = signedRequest.request.header("authorization");
    const std::optional<ecr::sigv4::AuthorizationHeader> parsed
        = ecr::sigv4::parseAuthorizationHeader(authorization);
    if (!parsed)
        std::abort(); // the signer's own header must read back
    // The verifier (the sandbox's side) must compute the signature the signer sent.
    if (ecr::SigV4Signer::expectedSignature(
            signedRequest.request, *parsed, credentials.secretAccessKey.toUtf8())
        != signedRequest.signature)
        std::abort();
    (void)signer.presign(request, credentials, options);
    return 0;
}
