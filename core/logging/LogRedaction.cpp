#include "LogRedaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace ecr::logging {

namespace {

// The member names whose values authenticate. Compared without letter case.
const QStringList& secretFields()
{
    static const QStringList fields{u"secretAccessKey"_s, u"aws_secret_access_key"_s,
        u"sessionToken"_s, u"aws_session_token"_s, u"accessToken"_s, u"refreshToken"_s,
        u"clientSecret"_s, u"idToken"_s, u"deviceCode"_s, u"SecretString"_s, u"SecretBinary"_s,
        u"authorizationToken"_s, u"password"_s, u"token"_s, u"securityToken"_s};
    return fields;
}

QString fieldAlternation()
{
    QStringList escaped;
    for (const QString& field : secretFields())
        escaped.append(QRegularExpression::escape(field));
    return escaped.join(u'|');
}

QJsonValue redactJson(const QJsonValue& value)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (isSecretField(it.key()))
                it.value() = QString::fromLatin1(kRedacted);
            else
                it.value() = redactJson(it.value());
        }
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto it = array.begin(); it != array.end(); ++it)
            *it = redactJson(*it);
        return array;
    }
    return value;
}

} // namespace

bool isSecretHeader(QByteArrayView name)
{
    for (QByteArrayView secret : {"authorization", "x-amz-security-token", "x-amz-sso_bearer_token",
             "cookie", "proxy-authorization"}) {
        if (name.compare(secret, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isSecretField(QStringView name)
{
    for (const QString& field : secretFields()) {
        if (name.compare(field, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString redactBody(const QByteArray& body, qsizetype maxChars)
{
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parse);
    QString text;
    if (parse.error == QJsonParseError::NoError && (document.isObject() || document.isArray())) {
        const QJsonValue redacted
            = redactJson(document.isObject() ? QJsonValue(document.object()) : document.array());
        text = QString::fromUtf8((redacted.isObject() ? QJsonDocument(redacted.toObject())
                                                      : QJsonDocument(redacted.toArray()))
                                     .toJson(QJsonDocument::Compact));
    } else {
        text = QString::fromUtf8(body);
    }
    text = redactText(text);
    if (text.size() > maxChars)
        text = text.left(maxChars) + u"… (%1 bytes)"_s.arg(body.size());
    return text;
}

QString redactText(QString text)
{
    const QString redacted = QString::fromLatin1(kRedacted);
    // "field": "value" in JSON, also when the JSON is itself quoted (\"field\":\"value\").
    static const QRegularExpression json(
        u"(\\\\*\"(?:%1)\\\\*\"\\s*:\\s*\\\\*\")((?:[^\"\\\\]|\\\\(?!\\\\*\"))*)"_s.arg(
            fieldAlternation()),
        QRegularExpression::CaseInsensitiveOption);
    text.replace(json, u"\\1"_s + redacted);
    // <SessionToken>value</SessionToken> in XML (STS answers).
    static const QRegularExpression xml(u"(<(%1)>)[^<]*(</\\2>)"_s.arg(fieldAlternation()),
        QRegularExpression::CaseInsensitiveOption);
    text.replace(xml, u"\\1"_s + redacted + u"\\3"_s);
    // aws_secret_access_key = value, X-Amz-Security-Token=value (ini files, query strings).
    static const QRegularExpression assignment(
        u"(\\b(?:aws_secret_access_key|aws_session_token|aws_security_token|"
        "X-Amz-Security-Token|X-Amz-Signature|X-Amz-Credential)\\s*=\\s*)[^\\s&\"',;]+"_s,
        QRegularExpression::CaseInsensitiveOption);
    text.replace(assignment, u"\\1"_s + redacted);
    // Authorization: value, and any SigV4 authorization value on its own.
    static const QRegularExpression header(
        u"(\\b(?:authorization|x-amz-security-token|x-amz-sso_bearer_token|proxy-authorization|"
        "cookie)\\b(?:\\\\*\"?\\s*[:=]\\s*\\\\*\"?|\\\\*\"\\s+\\\\*\"))(?!<redacted>)[^\\s\"\\\\,;](?:(?!; )[^\"\\\\\\n])*"_s,
        QRegularExpression::CaseInsensitiveOption);
    text.replace(header, u"\\1"_s + redacted);
    static const QRegularExpression sigv4(
        u"AWS4-HMAC-SHA256\\s+Credential=[^\\s\"]*(\\s*,?\\s*SignedHeaders=[^\\s,\"]*)?"
        "(\\s*,?\\s*Signature=[0-9a-fA-F]*)?"_s);
    text.replace(sigv4, redacted);
    // A signature on its own (a header value cut at "; ", a log of the string to sign).
    static const QRegularExpression signature(u"\\bSignature=[0-9a-fA-F]{16,}"_s);
    text.replace(signature, u"Signature="_s + redacted);
    static const QRegularExpression bearer(
        u"\\bBearer\\s+[A-Za-z0-9._~+/=-]+"_s, QRegularExpression::CaseInsensitiveOption);
    text.replace(bearer, u"Bearer "_s + redacted);
    return text;
}

} // namespace ecr::logging
