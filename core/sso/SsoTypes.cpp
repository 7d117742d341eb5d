#include "SsoTypes.h"

#include "Endpoint.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ecr {

// ASCII only, "\uXXXX" for the rest, the usual short escapes, '/' as is.
QString pythonJsonString(const QString& text)
{
    QString out = u"\""_s;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out += u"\\\""_s;
            break;
        case u'\\':
            out += u"\\\\"_s;
            break;
        case u'\n':
            out += u"\\n"_s;
            break;
        case u'\r':
            out += u"\\r"_s;
            break;
        case u'\t':
            out += u"\\t"_s;
            break;
        case u'\b':
            out += u"\\b"_s;
            break;
        case u'\f':
            out += u"\\f"_s;
            break;
        default:
            if (u < 0x20 || u > 0x7e)
                out += u"\\u%1"_s.arg(int(u), 4, 16, QChar(u'0'));
            else
                out += c;
        }
    }
    return out + u'"';
}

QString cliTimestamp(const QDateTime& time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s);
}

QDateTime parseCliTimestamp(const QString& text)
{
    QString iso = text.trimmed();
    if (iso.endsWith(u"UTC"_s))
        iso = iso.chopped(3) + u'Z';
    QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(iso, Qt::ISODate);
    if (time.isValid() && time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC); // no offset given: the CLI means UTC
    return time.toUTC();
}

QString sha1Hex(const QString& text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex());
}

// The tr() of this function's messages; lupdate reads the context from the macro.
namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::SsoTypes)
};
} // namespace

Result<QUrl> ssoServiceEndpoint(
    const QString& host, const QString& region, const QUrl& customEndpoint, const QString& service)
{
    if (!customEndpoint.isEmpty()) {
        if (!customEndpoint.isValid() || customEndpoint.host().isEmpty()
            || (customEndpoint.scheme() != u"https" && customEndpoint.scheme() != u"http"))
            return makeError(ErrorKind::Configuration, u"InvalidConfiguration"_s,
                Tr::tr("The %1 endpoint URL '%2' is not a valid http(s) URL.")
                    .arg(service, customEndpoint.toDisplayString()),
                0);
        return customEndpoint;
    }
    static const QRegularExpression regionPattern(u"^[a-z]{2}(-[a-z]+)+-\\d+$"_s);
    if (!regionPattern.match(region).hasMatch())
        return makeError(ErrorKind::Configuration, u"InvalidConfiguration"_s,
            region.isEmpty() ? Tr::tr("The %1 region is not set (sso_region).").arg(service)
                             : Tr::tr("'%1' is not an AWS region (sso_region).").arg(region),
            0);
    return QUrl(u"https://%1.%2.%3/"_s.arg(host, region, partitionForRegion(region).dnsSuffix));
}

QString SsoSessionConfig::displayName() const
{
    return isLegacy()
        ? startUrl
        : QCoreApplication::translate("ecr::SsoSessionConfig", "sso-session %1").arg(name);
}

QString SsoSessionConfig::tokenFileName() const
{
    return sha1Hex(isLegacy() ? startUrl : name) + u".json"_s;
}

QString SsoSessionConfig::registrationFileName() const
{
    // json.dumps({"tool", "startUrl", "region", "scopes", "session_name"}, sort_keys=True).
    QString scopesJson = u"null"_s;
    if (!scopes.isEmpty()) {
        QStringList quoted;
        for (const QString& scope : scopes)
            quoted.append(pythonJsonString(scope));
        scopesJson = u"["_s + quoted.join(u", "_s) + u']';
    }
    const QString sessionJson = isLegacy() ? u"null"_s : pythonJsonString(name);
    const QString args = u"{\"region\": "_s + pythonJsonString(region) + u", \"scopes\": "_s
        + scopesJson + u", \"session_name\": "_s + sessionJson + u", \"startUrl\": "_s
        + pythonJsonString(startUrl) + u", \"tool\": \"botocore\"}"_s;
    return sha1Hex(args) + u".json"_s;
}

} // namespace ecr
