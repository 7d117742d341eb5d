#include "ServiceProtocol.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::ServiceProtocol)
};

QString htmlTitle(const QByteArray& body)
{
    static const QRegularExpression re(
        u"<(title|h1)[^>]*>([^<]{1,200})<"_s, QRegularExpression::CaseInsensitiveOption);
    const auto match = re.match(QString::fromUtf8(body.left(4096)));
    return match.hasMatch() ? match.captured(2).trimmed() : QString();
}

AwsError notAnErrorAnswer(const ServiceInfo& service, const HttpAnswer& answer, QString code)
{
    AwsError e;
    e.httpStatus = answer.status;
    e.requestId = requestIdOf(answer);
    e.code = std::move(code);
    e.kind = e.code.isEmpty() ? ErrorKind::InvalidResponse : ErrorKind::Service;
    const QString status = QLocale::c().toString(answer.status);
    const QString title = sanitizeServerText(htmlTitle(answer.body), 200);
    e.message = title.isEmpty()
        ? Tr::tr("%1 answered HTTP %2 with a body that is not one of its error answers.")
              .arg(service.displayName, status)
        : Tr::tr("%1 answered HTTP %2 with a web page instead of an error answer: \"%3\".")
              .arg(service.displayName, status, title);
    return e;
}

// POST to the endpoint itself (its path, else "/"): both awsJson1_1 and awsQuery.
HttpRequest postToEndpoint(const QUrl& endpoint)
{
    HttpRequest request;
    request.method = "POST";
    request.url = endpoint;
    if (request.url.path().isEmpty())
        request.url.setPath(u"/"_s);
    return request;
}

// awsJson1_1: POST / with the JSON body ("{}" when empty) and the operation in X-Amz-Target.
HttpRequest buildAwsJson(
    const ServiceInfo& service, const QUrl& endpoint, const OperationRequest& operation)
{
    HttpRequest request = postToEndpoint(endpoint);
    request.headers = {
        {"Content-Type", "application/x-amz-json-1.1"},
        {"X-Amz-Target", service.targetPrefix + '.' + operation.name.toLatin1()},
    };
    request.body = operation.body.isEmpty()
        ? QByteArray("{}")
        : QJsonDocument(operation.body).toJson(QJsonDocument::Compact);
    return request;
}

// awsQuery: POST / with a form body.
HttpRequest buildAwsQuery(
    const ServiceInfo& service, const QUrl& endpoint, const OperationRequest& operation)
{
    HttpRequest request = postToEndpoint(endpoint);
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    request.body = queryFormBody(operation.name, service.apiVersion, operation.parameters);
    return request;
}

// restJson1: the operation's own method, path (under the endpoint's), query and headers; a JSON
// body when it has members.
HttpRequest buildRestJson(
    const ServiceInfo&, const QUrl& endpoint, const OperationRequest& operation)
{
    HttpRequest request;
    request.method = operation.method;
    request.url = endpoint;
    QString base = endpoint.path(QUrl::FullyEncoded);
    if (base.endsWith(u'/'))
        base.chop(1);
    const QString path = QString::fromLatin1(operation.path);
    request.url.setPath(base + (path.startsWith(u'/') ? path : u'/' + path), QUrl::TolerantMode);
    if (!operation.query.isEmpty()) {
        QByteArray query;
        for (const auto& [name, value] : operation.query) {
            if (!query.isEmpty())
                query += '&';
            query += sigv4::uriEncode(name.toUtf8()) + '=' + sigv4::uriEncode(value.toUtf8());
        }
        request.url.setQuery(QString::fromLatin1(query), QUrl::TolerantMode);
    }
    request.headers = operation.headers;
    if (!operation.body.isEmpty()) {
        request.headers.append(sigv4::Header{"Content-Type", "application/json"});
        request.body = QJsonDocument(operation.body).toJson(QJsonDocument::Compact);
    }
    return request;
}

} // namespace

QString sanitizeErrorCode(QString code)
{
    const qsizetype colon = code.indexOf(u':');
    if (colon >= 0)
        code.truncate(colon);
    const qsizetype hash = code.indexOf(u'#');
    if (hash >= 0)
        code = code.mid(hash + 1);
    code = code.trimmed();
    code.removeIf([](QChar c) {
        return !(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_' && c != u'.' && c != u'-';
    });
    return code.left(128);
}

QString sanitizeServerText(const QString& text, qsizetype maxLength)
{
    QString out;
    out.reserve(std::min(text.size(), maxLength + 1));
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool bidiControl = (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069)
            || u == 0x200E || u == 0x200F || u == 0x061C;
        if (u == u'\n' || u == u'\r' || u == u'\t')
            out.append(u' ');
        else if (c.category() == QChar::Other_Control || bidiControl || c.isNonCharacter())
            continue;
        else
            out.append(c);
    }
    out = out.simplified();
    if (out.size() > maxLength)
        out = out.left(maxLength - 1) + u'…';
    return out;
}

QString requestIdOf(const HttpAnswer& answer)
{
    QByteArray id = answer.header("x-amzn-RequestId");
    if (id.isEmpty())
        id = answer.header("x-amz-request-id");
    return sanitizeServerText(QString::fromLatin1(id), 128);
}

AwsError parseJsonError(const ServiceInfo& service, const HttpAnswer& answer)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(answer.body, &parseError);
    const QJsonObject json = doc.object();
    QString code = QString::fromLatin1(answer.header("X-Amzn-Errortype"));
    if (code.isEmpty())
        code = json.value(u"__type").toString();
    if (code.isEmpty())
        code = json.value(u"code").toString();
    if (code.isEmpty()) {
        // OAuth-style bodies (SSO OIDC): {"error": "authorization_pending"} names
        // AuthorizationPendingException, "server_error" InternalServerException.
        const QString oauth = json.value(u"error").toString();
        if (oauth == u"server_error") {
            code = u"InternalServerException"_s; // the one the model does not spell out
        } else if (!oauth.isEmpty()) {
            for (const QString& word : oauth.split(u'_', Qt::SkipEmptyParts))
                code += word.left(1).toUpper() + word.mid(1);
            code += u"Exception"_s;
        }
    }
    code = sanitizeErrorCode(code);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return notAnErrorAnswer(service, answer, code);

    AwsError e;
    e.kind = ErrorKind::Service;
    e.httpStatus = answer.status;
    e.requestId = requestIdOf(answer);
    e.code = code.isEmpty() ? QString::number(answer.status) : code;
    for (const QLatin1StringView key : {"message"_L1, "Message"_L1, "error_description"_L1}) {
        if (const QJsonValue value = json.value(key); value.isString()) {
            e.message = sanitizeServerText(value.toString());
            break;
        }
    }
    return e;
}

AwsError parseQueryError(const ServiceInfo& service, const HttpAnswer& answer)
{
    AwsError e;
    e.kind = ErrorKind::Service;
    e.httpStatus = answer.status;
    e.requestId = requestIdOf(answer);
    const std::optional<FlatXml> xml = flattenXml(answer.body);
    QString requestId;
    if (xml && xml->root == u"ErrorResponse") {
        e.code = xml->value(u"Error/Code"_s);
        e.message = xml->value(u"Error/Message"_s);
        requestId = xml->value(u"RequestId"_s);
    } else if (xml && xml->root == u"Response") {
        e.code = xml->value(u"Errors/Error/Code"_s);
        e.message = xml->value(u"Errors/Error/Message"_s);
        requestId = xml->value(u"RequestID"_s);
    }
    e.code = sanitizeErrorCode(e.code);
    if (e.code.isEmpty())
        return notAnErrorAnswer(service, answer, QString());
    e.message = sanitizeServerText(e.message);
    if (e.requestId.isEmpty())
        e.requestId = sanitizeServerText(requestId, 128);
    return e;
}

QByteArray queryFormBody(const QString& action, const QByteArray& version,
    const QList<std::pair<QString, QString>>& parameters)
{
    QByteArray body = "Action=" + sigv4::uriEncode(action.toUtf8()) + "&Version=" + version;
    for (const auto& [name, value] : parameters)
        body += '&' + sigv4::uriEncode(name.toUtf8()) + '=' + sigv4::uriEncode(value.toUtf8());
    return body;
}

std::optional<FlatXml> flattenXml(const QByteArray& body)
{
    constexpr int kMaxDepth = 32;
    QXmlStreamReader reader(body);
    FlatXml out;
    QStringList path;
    QString text;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement:
            if (path.isEmpty())
                out.root = reader.name().toString();
            path.append(reader.name().toString());
            if (path.size() > kMaxDepth)
                return std::nullopt;
            text.clear();
            break;
        case QXmlStreamReader::Characters:
            text += reader.text();
            break;
        case QXmlStreamReader::EndElement:
            out.values.insert(path.join(u'/'), text.trimmed());
            path.removeLast();
            text.clear();
            break;
        case QXmlStreamReader::DTD:
            return std::nullopt; // answers never carry one; entity tricks stay out
        default:
            break;
        }
    }
    if (reader.hasError() || out.root.isEmpty())
        return std::nullopt;
    return out;
}

const ProtocolAdapter& protocolAdapter(Protocol protocol)
{
    static const ProtocolAdapter adapters[] = {
        {Protocol::AwsJson1_1, &buildAwsJson, &parseJsonError, true},
        {Protocol::AwsQuery, &buildAwsQuery, &parseQueryError, false},
        {Protocol::RestJson1, &buildRestJson, &parseJsonError, true},
    };
    for (const ProtocolAdapter& adapter : adapters) {
        if (adapter.protocol == protocol)
            return adapter;
    }
    return adapters[0];
}

} // namespace ecr
