// SigV4's text forms around the signature: URI encoding and decoding, the canonical URI and query
// string, and parsing an Authorization header (the sandbox verifies with it). The signing itself
// is in SigV4.cpp.
#include "SigV4.h"

#include <algorithm>

namespace ecr::sigv4 {

namespace {

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
        || c == '_' || c == '.' || c == '~';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QList<QByteArrayView> splitView(QByteArrayView text, char separator)
{
    QList<QByteArrayView> parts;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == separator) {
            parts.append(text.sliced(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

} // namespace

QByteArray uriEncode(QByteArrayView input, bool encodeSlash)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(input.size() * 3);
    for (const char c : input) {
        if (isUnreserved(c) || (c == '/' && !encodeSlash)) {
            out.append(c);
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out.append('%');
            out.append(kHex[byte >> 4]);
            out.append(kHex[byte & 0x0f]);
        }
    }
    return out;
}

QByteArray uriDecode(QByteArrayView input)
{
    QByteArray out;
    out.reserve(input.size());
    for (qsizetype i = 0; i < input.size(); ++i) {
        const char c = input[i];
        if (c == '%' && i + 2 < input.size()) {
            const int hi = hexValue(input[i + 1]);
            const int lo = hexValue(input[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.append(static_cast<char>((hi << 4) | lo));
                i += 2;
                continue;
            }
        }
        out.append(c);
    }
    return out;
}

QByteArray normalizePath(QByteArrayView path)
{
    QList<QByteArrayView> segments;
    for (const QByteArrayView segment : splitView(path, '/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!segments.isEmpty())
                segments.removeLast();
            continue;
        }
        segments.append(segment);
    }
    QByteArray out = "/";
    for (qsizetype i = 0; i < segments.size(); ++i) {
        if (i > 0)
            out.append('/');
        out.append(segments[i]);
    }
    const bool trailingSlash = path.endsWith('/') || path.endsWith("/.") || path.endsWith("/..");
    if (trailingSlash && !segments.isEmpty())
        out.append('/');
    return out;
}

QByteArray canonicalUri(QByteArrayView path, bool normalize)
{
    if (path.isEmpty() || path == "/")
        return "/";
    return uriEncode(normalize ? QByteArrayView(normalizePath(path)) : path, false);
}

QList<std::pair<QByteArray, QByteArray>> parseQuery(QByteArrayView rawQuery)
{
    QList<std::pair<QByteArray, QByteArray>> params;
    if (rawQuery.isEmpty())
        return params;
    for (const QByteArrayView part : splitView(rawQuery, '&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        if (eq < 0)
            params.append({uriDecode(part), QByteArray()});
        else
            params.append({uriDecode(part.first(eq)), uriDecode(part.sliced(eq + 1))});
    }
    return params;
}

QByteArray canonicalQueryString(QByteArrayView rawQuery)
{
    if (rawQuery.isEmpty())
        return {};
    QList<std::pair<QByteArray, QByteArray>> encoded;
    for (const auto& [name, value] : parseQuery(rawQuery))
        encoded.append({uriEncode(name), uriEncode(value)});
    std::sort(encoded.begin(), encoded.end());
    QByteArray out;
    for (const auto& [name, value] : encoded) {
        if (!out.isEmpty())
            out.append('&');
        out.append(name).append('=').append(value);
    }
    return out;
}

std::optional<AuthorizationHeader> parseAuthorizationHeader(QByteArrayView value)
{
    value = value.trimmed();
    if (!value.startsWith(kAlgorithm))
        return std::nullopt;
    value = value.sliced(kAlgorithm.size()).trimmed();

    AuthorizationHeader out;
    bool haveCredential = false;
    bool haveSignedHeaders = false;
    for (QByteArrayView part : splitView(value, ',')) {
        part = part.trimmed();
        const qsizetype eq = part.indexOf('=');
        if (eq < 0)
            return std::nullopt;
        const QByteArrayView key = part.first(eq);
        const QByteArrayView val = part.sliced(eq + 1);
        if (key == "Credential") {
            const QList<QByteArrayView> scope = splitView(val, '/');
            if (scope.size() != 5 || scope[4] != "aws4_request")
                return std::nullopt;
            out.accessKeyId = scope[0].toByteArray();
            out.date = scope[1].toByteArray();
            out.region = scope[2].toByteArray();
            out.service = scope[3].toByteArray();
            haveCredential = true;
        } else if (key == "SignedHeaders") {
            for (const QByteArrayView name : splitView(val, ';'))
                out.signedHeaders.append(name.toByteArray());
            haveSignedHeaders = true;
        } else if (key == "Signature") {
            out.signature = val.toByteArray();
        }
    }
    if (!haveCredential || !haveSignedHeaders || out.signature.isEmpty())
        return std::nullopt;
    return out;
}

} // namespace ecr::sigv4
