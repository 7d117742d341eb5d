#include "SandboxSts.h"

#include "SandboxService.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>
#include <QXmlStreamWriter>

namespace ecr::sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr int kBadRequest = 400;
constexpr int kForbidden = 403;
constexpr auto kVersion = "2011-06-15"_L1;
constexpr auto kNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"_L1;
constexpr qint64 kRoleChainingLimit = 3600;

AwsError validationError(const QString& message)
{
    return serviceError(kBadRequest, u"ValidationError"_s, message);
}

AwsError accessDenied(const QString& message)
{
    return serviceError(kForbidden, u"AccessDenied"_s, message);
}

AwsError constraint(const QString& value, const QString& member, const QString& rule)
{
    return validationError(
        u"1 validation error detected: Value '%1' at '%2' failed to satisfy constraint: %3"_s.arg(
            value, member, rule));
}

AwsError missing(const QString& member)
{
    return validationError(
        u"1 validation error detected: Value null at '%1' failed to satisfy constraint: Member "
        "must not be null"_s.arg(member));
}

bool matches(const QString& pattern, const QString& value)
{
    const QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
    return re.match(value).hasMatch();
}

QString randomText(qsizetype length, QStringView alphabet)
{
    QString out;
    out.reserve(length);
    for (qsizetype i = 0; i < length; ++i)
        out.append(alphabet[QRandomGenerator::global()->bounded(int(alphabet.size()))]);
    return out;
}

constexpr QStringView kUpper = u"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr QStringView kAlnum = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr QStringView kBase64 = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::optional<int> durationOf(const QHash<QString, QString>& parameters, bool* valid)
{
    *valid = true;
    if (!parameters.contains(u"DurationSeconds"_s))
        return std::nullopt;
    bool ok = false;
    const int seconds = parameters.value(u"DurationSeconds"_s).toInt(&ok);
    *valid = ok;
    return seconds;
}

QByteArray credentialsXml(const SessionKey& key)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartElement(u"Credentials"_s);
    writer.writeTextElement(u"AccessKeyId"_s, key.accessKeyId);
    writer.writeTextElement(u"SecretAccessKey"_s, key.secretAccessKey);
    writer.writeTextElement(u"SessionToken"_s, key.sessionToken);
    writer.writeTextElement(u"Expiration"_s, key.expiration.toUTC().toString(Qt::ISODateWithMs));
    writer.writeEndElement();
    return xml;
}

QHash<QString, QString> parameters(const HttpRequest& request)
{
    QHash<QString, QString> out;
    for (const auto& [name, value] : sigv4::parseQuery(request.query))
        out.insert(QString::fromUtf8(name), QString::fromUtf8(value));
    const sigv4::Request view{request.method, request.path, request.query, request.headers, {}};
    if (view.header("Content-Type").startsWith("application/x-www-form-urlencoded")) {
        QByteArray body = request.body;
        body.replace('+', "%20"); // form encoding's space
        for (const auto& [name, value] : sigv4::parseQuery(body))
            out.insert(QString::fromUtf8(name), QString::fromUtf8(value));
    }
    return out;
}

} // namespace

SandboxSts::SandboxSts(const SandboxConfig& config)
    : m_config(config)
{ }

bool SandboxSts::isStsRequest(const HttpRequest& request)
{
    const sigv4::Request view{request.method, request.path, request.query, request.headers, {}};
    if (!view.header("X-Amz-Target").isEmpty())
        return false; // awsJson: ECR (which rejects a scope for another service)
    if (const auto auth = sigv4::parseAuthorizationHeader(view.header("Authorization")))
        return auth->service == "sts";
    return view.header("Content-Type").startsWith("application/x-www-form-urlencoded");
}

QString SandboxSts::action(const HttpRequest& request)
{
    return parameters(request).value(u"Action"_s);
}

bool SandboxSts::isKnownAction(const QString& action)
{
    return action == u"AssumeRole" || action == u"GetSessionToken"
        || action == u"GetCallerIdentity";
}

QString SandboxSts::userArn() const
{
    return u"arn:aws:iam::%1:user/sandbox-user"_s.arg(m_config.account);
}

QString SandboxSts::callerArn(const Caller& caller) const
{
    return caller.session ? caller.session->arn : userArn();
}

HttpResponse SandboxSts::handle(
    const Caller& caller, const HttpRequest& request, const QDateTime& now)
{
    const QHash<QString, QString> params = parameters(request);
    const QString action = params.value(u"Action"_s);
    const QString version = params.value(u"Version"_s);
    if (!isKnownAction(action) || version != kVersion)
        return stsErrorResponse(now,
            serviceError(kBadRequest, u"InvalidAction"_s,
                u"Could not find operation %1 for version %2"_s.arg(
                    action, version.isEmpty() ? u"NO_VERSION_SPECIFIED"_s : version)));
    // Issued keys long past their expiry are forgotten (they still fail as expired till then).
    const QDateTime horizon = now.addDays(-1);
    m_sessions.removeIf([&](const SessionKey& key) { return key.expiration < horizon; });

    XmlResult result = action == u"AssumeRole" ? assumeRole(caller, params, now)
        : action == u"GetSessionToken"         ? getSessionToken(caller, params, now)
                                               : getCallerIdentity(caller);
    if (!result)
        return stsErrorResponse(now, result.error());
    return stsResponse(now, action, result.value());
}

std::optional<Result<bool>> SandboxSts::checkMfa(
    const QHash<QString, QString>& params, const QDateTime& now)
{
    const QString serial = params.value(u"SerialNumber"_s);
    const QString code = params.value(u"TokenCode"_s);
    if (serial.isEmpty() && code.isEmpty())
        return std::nullopt;
    if (serial.isEmpty())
        return Result<bool>(missing(u"serialNumber"_s));
    if (!matches(u"[\\w+=/:,.@-]{9,256}"_s, serial))
        return Result<bool>(constraint(serial, u"serialNumber"_s,
            u"Member must satisfy regular expression pattern: [\\w+=/:,.@-]*"_s));
    if (!matches(u"[0-9]{6}"_s, code))
        return Result<bool>(constraint(code, u"tokenCode"_s,
            u"Member must have length less than or equal to 6 and match [\\d]*"_s));
    if (m_config.mfaSerial.isEmpty() || serial != m_config.mfaSerial)
        return Result<bool>(accessDenied(
            u"MultiFactorAuthentication failed, unable to validate MFA code. Please verify your "
            "MFA serial number is valid and associated with this user."_s));
    if (code != m_config.mfaCode)
        return Result<bool>(accessDenied(
            u"MultiFactorAuthentication failed with invalid MFA one time pass code."_s));
    if (const auto used = m_usedCodes.constFind(serial);
        used != m_usedCodes.cend() && used->code == code && used->at.secsTo(now) < 30)
        return Result<bool>(accessDenied(
            u"MultiFactorAuthentication failed with invalid MFA one time pass code."_s));
    m_usedCodes.insert(serial, {code, now});
    return Result<bool>(true);
}

SessionKey SandboxSts::issue(const QString& arn, const QString& userId, bool mfa,
    qint64 lifetimeSeconds, const QDateTime& now)
{
    SessionKey key;
    key.accessKeyId = u"ASIA"_s + randomText(16, kUpper);
    key.secretAccessKey = u"SANDBOXSECRET"_s + randomText(27, kAlnum);
    const qsizetype tokenLength = std::max(16, m_config.sessionTokenLength);
    key.sessionToken = u"SANDBOXTOKEN"_s + randomText(tokenLength - 12, kBase64);
    // Whole seconds, as the real service issues them.
    key.expiration
        = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch() + lifetimeSeconds, Qt::UTC);
    key.arn = arn;
    key.userId = userId;
    key.mfaAuthenticated = mfa;
    m_sessions.append(key);
    return key;
}

SandboxSts::XmlResult SandboxSts::assumeRole(
    const Caller& caller, const QHash<QString, QString>& params, const QDateTime& now)
{
    const QString roleArn = params.value(u"RoleArn"_s);
    const QString sessionName = params.value(u"RoleSessionName"_s);
    if (roleArn.isEmpty())
        return missing(u"roleArn"_s);
    if (sessionName.isEmpty())
        return missing(u"roleSessionName"_s);
    if (!matches(u"[\\w+=,.@-]{2,64}"_s, sessionName))
        return constraint(sessionName, u"roleSessionName"_s,
            u"Member must satisfy regular expression pattern: [\\w+=,.@-]*"_s);
    bool durationValid = true;
    const std::optional<int> duration = durationOf(params, &durationValid);
    if (!durationValid || (duration && (*duration < 900 || *duration > 43200)))
        return constraint(params.value(u"DurationSeconds"_s), u"durationSeconds"_s,
            u"Member must have value less than or equal to 43200"_s);
    const QString externalId = params.value(u"ExternalId"_s);
    if (params.contains(u"ExternalId"_s) && !matches(u"[\\w+=,.@:/-]{2,1224}"_s, externalId))
        return constraint(externalId, u"externalId"_s,
            u"Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*"_s);

    static const QRegularExpression rolePattern(u"^arn:aws:iam::([0-9]{12}):role/(.+)$"_s);
    const QRegularExpressionMatch role = rolePattern.match(roleArn);
    const QString notAuthorized = u"User: %1 is not authorized to perform: sts:AssumeRole on "
                                  "resource: %2"_s.arg(callerArn(caller), roleArn);
    if (!role.hasMatch() || role.captured(1) != m_config.account)
        return accessDenied(notAuthorized);
    const bool chained = caller.session && caller.session->arn.contains(u":assumed-role/"_s);
    if (chained && duration && *duration > kRoleChainingLimit)
        return validationError(u"The requested DurationSeconds exceeds the 1 hour session limit "
                               "for roles assumed by role chaining."_s);

    bool mfa = caller.session && caller.session->mfaAuthenticated;
    if (const std::optional<Result<bool>> checked = checkMfa(params, now)) {
        if (!*checked)
            return checked->error();
        mfa = true;
    }
    if (m_config.requireMfaForRoles && !mfa)
        return accessDenied(notAuthorized);

    const QString roleName = role.captured(2).section(u'/', -1);
    const QString roleId = u"AROASANDBOX"_s + QString::number(qHash(roleArn) % 100000000u);
    const qint64 lifetime = m_config.stsCredentialLifetime ? m_config.stsCredentialLifetime->count()
                                                           : duration.value_or(3600);
    const QString assumedArn
        = u"arn:aws:sts::%1:assumed-role/%2/%3"_s.arg(m_config.account, roleName, sessionName);
    const QString assumedId = roleId + u':' + sessionName;
    const SessionKey key = issue(assumedArn, assumedId, mfa, lifetime, now);

    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartElement(u"AssumedRoleUser"_s);
    writer.writeTextElement(u"AssumedRoleId"_s, assumedId);
    writer.writeTextElement(u"Arn"_s, assumedArn);
    writer.writeEndElement();
    return QByteArray(xml + credentialsXml(key));
}

SandboxSts::XmlResult SandboxSts::getSessionToken(
    const Caller& caller, const QHash<QString, QString>& params, const QDateTime& now)
{
    if (caller.session)
        return accessDenied(u"Cannot call GetSessionToken with session credentials"_s);
    bool durationValid = true;
    const std::optional<int> duration = durationOf(params, &durationValid);
    if (!durationValid || (duration && (*duration < 900 || *duration > 129600)))
        return constraint(params.value(u"DurationSeconds"_s), u"durationSeconds"_s,
            u"Member must have value less than or equal to 129600"_s);
    bool mfa = false;
    if (const std::optional<Result<bool>> checked = checkMfa(params, now)) {
        if (!*checked)
            return checked->error();
        mfa = true;
    }
    const qint64 lifetime = m_config.stsCredentialLifetime ? m_config.stsCredentialLifetime->count()
                                                           : duration.value_or(43200);
    return credentialsXml(issue(userArn(), userId(), mfa, lifetime, now));
}

SandboxSts::XmlResult SandboxSts::getCallerIdentity(const Caller& caller) const
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeTextElement(u"Arn"_s, callerArn(caller));
    writer.writeTextElement(u"UserId"_s, caller.session ? caller.session->userId : userId());
    writer.writeTextElement(u"Account"_s, m_config.account);
    return xml;
}

HttpResponse stsResponse(const QDateTime& now, const QString& action, const QByteArray& resultXml)
{
    const QByteArray requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QByteArray name = action.toLatin1();
    HttpResponse response;
    response.headers = {
        {"x-amzn-RequestId"_ba, requestId},
        {"Date"_ba, httpDate(now)},
        {"Content-Type"_ba, "text/xml"_ba},
    };
    response.body = "<" + name + "Response xmlns=\"" + kNamespace.latin1() + "\">\n  <" + name
        + "Result>\n" + resultXml + "\n  </" + name
        + "Result>\n  <ResponseMetadata>\n    <RequestId>" + requestId
        + "</RequestId>\n  </ResponseMetadata>\n</" + name + "Response>\n";
    return response;
}

HttpResponse stsErrorResponse(const QDateTime& now, const AwsError& error)
{
    const QByteArray requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    QByteArray errorXml;
    QXmlStreamWriter writer(&errorXml);
    writer.writeStartElement(u"Error"_s);
    writer.writeTextElement(u"Type"_s, error.httpStatus >= 500 ? u"Receiver"_s : u"Sender"_s);
    writer.writeTextElement(u"Code"_s, error.code);
    writer.writeTextElement(u"Message"_s, error.message);
    writer.writeEndElement();
    HttpResponse response;
    response.status = error.httpStatus;
    response.headers = {
        {"x-amzn-RequestId"_ba, requestId},
        {"Date"_ba, httpDate(now)},
        {"Content-Type"_ba, "text/xml"_ba},
    };
    response.body = "<ErrorResponse xmlns=\"" + QByteArray(kNamespace.latin1()) + "\">\n  "
        + errorXml + "\n  <RequestId>" + requestId + "</RequestId>\n</ErrorResponse>\n";
    return response;
}

} // namespace ecr::sandbox
