#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

#include <initializer_list>
#include <optional>
#include <utility>

// The pure steps of AWS Signature Version 4. Each is a free function so it can be tested on its
// own; SigV4Signer strings them together. Names follow the AWS documentation.
namespace ecr::sigv4 {

struct Header
{
    QByteArray name;
    QByteArray value;
    friend bool operator==(const Header&, const Header&) = default;
};
using HeaderList = QList<Header>;

// An HTTP request as the signer sees it. `path` and `query` are exactly as they go on the wire
// (the query without its leading '?'); header order and duplicates are kept.
struct Request
{
    QByteArray method;
    QByteArray path = QByteArrayLiteral("/");
    QByteArray query;
    HeaderList headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const; // first value, case-insensitive; empty if none
    void setHeader(const QByteArray& name, const QByteArray& value); // replaces all of that name
};

struct Credentials
{
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken; // empty for long-term keys
    bool isValid() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
};

inline constexpr QByteArrayView kAlgorithm = "AWS4-HMAC-SHA256";

// RFC 3986 percent-encoding as SigV4 wants it: unreserved characters stay, every other byte is
// %XX with upper-case hex; '/' stays when encodeSlash is false.
QByteArray uriEncode(QByteArrayView input, bool encodeSlash = true);

// Percent-decoding; '+' stays '+' (SigV4 never treats it as a space).
QByteArray uriDecode(QByteArrayView input);

// Removes "." and ".." segments and collapses repeated slashes, keeping a trailing slash.
QByteArray normalizePath(QByteArrayView path);

// The canonical URI: optionally normalised, then every segment encoded (slashes kept).
QByteArray canonicalUri(QByteArrayView path, bool normalize);

// Parses a raw query string into decoded (name, value) pairs; "a" without '=' has an empty value.
QList<std::pair<QByteArray, QByteArray>> parseQuery(QByteArrayView rawQuery);

// The canonical query string: decoded, re-encoded strictly, sorted by name then value.
QByteArray canonicalQueryString(QByteArrayView rawQuery);

// A header value as SigV4 signs it: trimmed, with every run of white space (including the line
// breaks of folded headers) collapsed into one space.
QByteArray canonicalHeaderValue(QByteArrayView value);

struct CanonicalHeaders
{
    QByteArray block; // "name:value\n" per header name, sorted
    QByteArray signedHeaders; // "host;x-amz-date"
};
// Lower-cases names, joins duplicate headers with ',' in request order, sorts by name.
CanonicalHeaders canonicalHeaders(const HeaderList& headers);

QByteArray canonicalRequest(QByteArrayView method, QByteArrayView canonicalUri,
    QByteArrayView canonicalQuery, const CanonicalHeaders& headers, QByteArrayView payloadHash);

QByteArray sha256Hex(QByteArrayView data);
// The parts, back to back, in one allocation.
QByteArray concat(std::initializer_list<QByteArrayView> parts);
QByteArray amzDate(const QDateTime& time); // 20150830T123600Z
QByteArray dateStamp(const QDateTime& time); // 20150830
QByteArray credentialScope(QByteArrayView date, QByteArrayView region, QByteArrayView service);

QByteArray stringToSign(
    QByteArrayView amzDate, QByteArrayView scope, QByteArrayView canonicalRequest);

// kSigning = HMAC chain over "AWS4"+secret, date, region, service, "aws4_request".
QByteArray deriveSigningKey(QByteArrayView secretAccessKey, QByteArrayView date,
    QByteArrayView region, QByteArrayView service);

QByteArray signatureHex(QByteArrayView signingKey, QByteArrayView stringToSign);

// Parses an "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…" header. The server
// side (the sandbox) uses it to verify requests.
struct AuthorizationHeader
{
    QByteArray accessKeyId;
    QByteArray date;
    QByteArray region;
    QByteArray service;
    QList<QByteArray> signedHeaders;
    QByteArray signature;
};
std::optional<AuthorizationHeader> parseAuthorizationHeader(QByteArrayView value);

} // namespace ecr::sigv4
