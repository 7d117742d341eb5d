#include "StsProtocol.h"

#include "Endpoint.h"
#include "ServiceProtocol.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace ecr {

using namespace Qt::StringLiterals;

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::StsProtocol)
};

AwsError invalidResponse(const QString& what)
{
    return makeError(ErrorKind::InvalidResponse, QString(),
        Tr::tr("STS answered with a response that could not be read (%1).").arg(what), 1);
}

Result<TemporaryCredentials> credentialsFrom(const FlatXml& xml, const QString& resultPath)
{
    TemporaryCredentials c;
    const QString base = resultPath + u"/Credentials/"_s;
    // Keys and tokens never hold white space; AWS's documented answers wrap long tokens over
    // lines, so any that is there is layout, not part of the value.
    const auto compact = [&](const QString& name) {
        QString value = xml.value(base + name);
        value.removeIf([](QChar c) { return c.isSpace(); });
        return value;
    };
    c.credentials.accessKeyId = compact(u"AccessKeyId"_s);
    c.credentials.secretAccessKey = compact(u"SecretAccessKey"_s);
    c.credentials.sessionToken = compact(u"SessionToken"_s);
    c.expiration = parseIsoTimestamp(xml.value(base + u"Expiration"_s));
    if (!c.credentials.isValid() || c.credentials.sessionToken.isEmpty())
        return invalidResponse(Tr::tr("no credentials"));
    if (!c.expiration.isValid())
        return invalidResponse(Tr::tr("no valid Expiration"));
    return c;
}

std::optional<FlatXml> expectRoot(const QByteArray& body, QLatin1StringView root)
{
    std::optional<FlatXml> xml = flattenXml(body);
    if (!xml || xml->root != root)
        return std::nullopt;
    return xml;
}

} // namespace

namespace sts {

Result<QUrl> endpoint(const QString& region, const QUrl& customEndpoint)
{
    if (!customEndpoint.isEmpty()) {
        if (!customEndpoint.isValid() || customEndpoint.host().isEmpty()
            || (customEndpoint.scheme() != u"https" && customEndpoint.scheme() != u"http"))
            return makeError(ErrorKind::Configuration, u"InvalidConfiguration"_s,
                Tr::tr("The STS endpoint URL '%1' is not a valid http(s) URL.")
                    .arg(customEndpoint.toDisplayString()),
                0);
        return customEndpoint;
    }
    static const QRegularExpression regionPattern(u"^[a-z0-9][a-z0-9-]{0,62}$"_s);
    if (region.isEmpty() || !regionPattern.match(region).hasMatch())
        return makeError(ErrorKind::Configuration, u"InvalidConfiguration"_s,
            region.isEmpty() ? Tr::tr("No region is set for STS. Choose a region for this profile.")
                             : Tr::tr("'%1' is not a valid region name.").arg(region),
            0);
    QUrl url;
    url.setScheme(u"https"_s);
    url.setHost(u"sts."_s + region + u'.' + partitionForRegion(region).dnsSuffix);
    url.setPath(u"/"_s);
    return url;
}

Result<StsAssumeRoleResult> parseAssumeRole(const QByteArray& body)
{
    const std::optional<FlatXml> xml = expectRoot(body, "AssumeRoleResponse"_L1);
    if (!xml)
        return invalidResponse(Tr::tr("not an AssumeRoleResponse"));
    Result<TemporaryCredentials> credentials = credentialsFrom(*xml, u"AssumeRoleResult"_s);
    if (!credentials)
        return credentials.error();
    StsAssumeRoleResult result;
    result.credentials = std::move(credentials).value();
    result.assumedRoleArn = xml->value(u"AssumeRoleResult/AssumedRoleUser/Arn"_s);
    result.assumedRoleId = xml->value(u"AssumeRoleResult/AssumedRoleUser/AssumedRoleId"_s);
    const QStringList arnParts = result.assumedRoleArn.split(u':');
    if (arnParts.size() > 4)
        result.credentials.accountId = arnParts[4];
    return result;
}

Result<TemporaryCredentials> parseGetSessionToken(const QByteArray& body)
{
    const std::optional<FlatXml> xml = expectRoot(body, "GetSessionTokenResponse"_L1);
    if (!xml)
        return invalidResponse(Tr::tr("not a GetSessionTokenResponse"));
    return credentialsFrom(*xml, u"GetSessionTokenResult"_s);
}

Result<CallerIdentity> parseGetCallerIdentity(const QByteArray& body)
{
    const std::optional<FlatXml> xml = expectRoot(body, "GetCallerIdentityResponse"_L1);
    if (!xml)
        return invalidResponse(Tr::tr("not a GetCallerIdentityResponse"));
    CallerIdentity identity{xml->value(u"GetCallerIdentityResult/Account"_s),
        xml->value(u"GetCallerIdentityResult/Arn"_s),
        xml->value(u"GetCallerIdentityResult/UserId"_s)};
    if (identity.account.isEmpty() || identity.arn.isEmpty())
        return invalidResponse(Tr::tr("no Account or Arn"));
    return identity;
}

} // namespace sts

} // namespace ecr
