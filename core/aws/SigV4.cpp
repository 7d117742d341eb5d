#include "SigV4.h"

#include "Sha256.h"

#include <QVarLengthArray>

#include <algorithm>
#include <cstring>
#include <initializer_list>

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

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

QByteArray hmac(QByteArrayView key, QByteArrayView message)
{
    return sha256::bytes(sha256::hmac(key, message));
}

// Concatenates views into one allocation.
QByteArray concat(std::initializer_list<QByteArrayView> parts)
{
    qsizetype size = 0;
    for (const QByteArrayView part : parts)
        size += part.size();
    QByteArray out(size, Qt::Uninitialized);
    char* p = out.data();
    for (const QByteArrayView part : parts) {
        if (!part.isEmpty())
            std::memcpy(p, part.data(), std::size_t(part.size()));
        p += part.size();
    }
    return out;
}

// Writes `value` as `digits` decimal digits at `out`.
void putDigits(char* out, int value, int digits)
{
    for (int i = digits - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
}

} // namespace

QByteArray Request::header(QByteArrayView name) const
{
    for (const Header& h : headers) {
        if (QByteArrayView(h.name).compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return {};
}

void Request::setHeader(const QByteArray& name, const QByteArray& value)
{
    headers.removeIf([&](const Header& h) {
        return QByteArrayView(h.name).compare(name, Qt::CaseInsensitive) == 0;
    });
    headers.append({name, value});
}

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

namespace {

// Appends the canonical form of a header value (see canonicalHeaderValue) to `out`, writing
// straight into its buffer.
void appendCanonicalValue(QByteArray& out, QByteArrayView value)
{
    // Most values have no white space but single inner spaces: copied as they are.
    const bool plain = !value.isEmpty() && value.front() != ' ' && value.back() != ' '
        && std::none_of(value.begin(), value.end(), [prev = 'x'](char c) mutable {
               const bool bad = (c != ' ' && isSpace(c)) || (c == ' ' && prev == ' ');
               prev = c;
               return bad;
           });
    if (plain || value.isEmpty()) {
        out.append(value);
        return;
    }
    const qsizetype start = out.size();
    out.resize(start + value.size());
    char* const begin = out.data() + start;
    char* p = begin;
    bool pendingSpace = false;
    for (const char c : value) {
        if (isSpace(c)) {
            pendingSpace = p != begin;
            continue;
        }
        if (pendingSpace)
            *p++ = ' ';
        pendingSpace = false;
        *p++ = c;
    }
    out.truncate(start + (p - begin));
}

} // namespace

QByteArray canonicalHeaderValue(QByteArrayView value)
{
    QByteArray out;
    appendCanonicalValue(out, value);
    return out;
}

CanonicalHeaders canonicalHeaders(const HeaderList& headers)
{
    // Trimmed names, sorted case-insensitively (which is the order of their lower-case forms)
    // and stably, so duplicates keep request order. A request has a handful of headers: an
    // insertion sort of indices, with names lower-cased as they are written out, allocates
    // nothing but the two results.
    struct Entry
    {
        QByteArrayView name;
        QByteArrayView value;
    };
    QVarLengthArray<Entry, 16> entries;
    qsizetype size = 0;
    for (const Header& h : headers) {
        const QByteArrayView name = QByteArrayView(h.name).trimmed();
        entries.append({name, QByteArrayView(h.value)});
        size += name.size() + h.value.size() + 2;
    }
    for (qsizetype i = 1; i < entries.size(); ++i) {
        const Entry moving = entries[i];
        qsizetype j = i;
        for (; j > 0 && moving.name.compare(entries[j - 1].name, Qt::CaseInsensitive) < 0; --j)
            entries[j] = entries[j - 1];
        entries[j] = moving;
    }
    const auto appendLower = [](QByteArray& out, QByteArrayView name) {
        const qsizetype at = out.size();
        out.resize(at + name.size());
        char* p = out.data() + at;
        for (const char c : name)
            *p++ = (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
    };
    CanonicalHeaders out;
    out.block.reserve(size);
    out.signedHeaders.reserve(size);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const bool sameAsBefore
            = i > 0 && entries[i].name.compare(entries[i - 1].name, Qt::CaseInsensitive) == 0;
        if (sameAsBefore) {
            out.block.chop(1); // the '\n': join the values with ','
            out.block.append(',');
        } else {
            appendLower(out.block, entries[i].name);
            out.block.append(':');
            if (!out.signedHeaders.isEmpty())
                out.signedHeaders.append(';');
            appendLower(out.signedHeaders, entries[i].name);
        }
        appendCanonicalValue(out.block, entries[i].value);
        out.block.append('\n');
    }
    return out;
}

QByteArray canonicalRequest(QByteArrayView method, QByteArrayView canonicalUri,
    QByteArrayView canonicalQuery, const CanonicalHeaders& headers, QByteArrayView payloadHash)
{
    return concat({method, "\n", canonicalUri, "\n", canonicalQuery, "\n", headers.block, "\n",
        headers.signedHeaders, "\n", payloadHash});
}

QByteArray sha256Hex(QByteArrayView data)
{
    return sha256::hex(sha256::hash(data));
}

QByteArray amzDate(const QDateTime& time)
{
    const QDateTime utc = time.toUTC();
    int year = 0;
    int month = 0;
    int day = 0;
    utc.date().getDate(&year, &month, &day);
    const QTime clock = utc.time();
    QByteArray out(16, Qt::Uninitialized);
    char* p = out.data();
    putDigits(p, year, 4);
    putDigits(p + 4, month, 2);
    putDigits(p + 6, day, 2);
    p[8] = 'T';
    putDigits(p + 9, clock.hour(), 2);
    putDigits(p + 11, clock.minute(), 2);
    putDigits(p + 13, clock.second(), 2);
    p[15] = 'Z';
    return out;
}

QByteArray dateStamp(const QDateTime& time)
{
    return amzDate(time).first(8);
}

QByteArray credentialScope(QByteArrayView date, QByteArrayView region, QByteArrayView service)
{
    return concat({date, "/", region, "/", service, "/aws4_request"});
}

QByteArray stringToSign(
    QByteArrayView amzDateValue, QByteArrayView scope, QByteArrayView canonicalRequestValue)
{
    // The hex digest is written over the 64-character placeholder at the end.
    static constexpr char kPlaceholder[65] = {};
    QByteArray out = concat(
        {kAlgorithm, "\n", amzDateValue, "\n", scope, "\n", QByteArrayView(kPlaceholder, 64)});
    out.truncate(out.size() - 64);
    sha256::appendHex(out, sha256::hash(canonicalRequestValue));
    return out;
}

QByteArray deriveSigningKey(QByteArrayView secretAccessKey, QByteArrayView date,
    QByteArrayView region, QByteArrayView service)
{
    QByteArray seed = "AWS4";
    seed.append(secretAccessKey);
    const QByteArray kDate = hmac(seed, date);
    seed.fill('\0'); // do not leave the secret in a freed buffer longer than needed
    const QByteArray kRegion = hmac(kDate, region);
    const QByteArray kService = hmac(kRegion, service);
    return hmac(kService, "aws4_request");
}

QByteArray signatureHex(QByteArrayView signingKey, QByteArrayView stringToSignValue)
{
    return sha256::hex(sha256::hmac(signingKey, stringToSignValue));
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
