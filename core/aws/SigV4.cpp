// SigV4 signing: canonical headers and request, dates and scope, the string to sign, the key
// derivation and the signature. URI and query encoding and header parsing are in SigV4Text.cpp.
#include "SigV4.h"

#include "Sha256.h"

#include <QVarLengthArray>

#include <algorithm>
#include <cstring>

namespace ecr::sigv4 {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

QByteArray hmac(QByteArrayView key, QByteArrayView message)
{
    return sha256::bytes(sha256::hmac(key, message));
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

} // namespace ecr::sigv4
