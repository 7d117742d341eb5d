#pragma once

#include "AwsError.h"
#include "HttpTransport.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

// The wire protocols AWS services speak, as data plus two functions each: build the HTTP
// request of an operation, and read an error answer. A new service is a ServiceInfo row and a
// typed client over ServiceClient; it never needs a loop of its own.
namespace ecr {

enum class Protocol
{
    AwsJson1_1, // POST /, X-Amz-Target: <prefix>.<Operation>, JSON both ways (ECR, Secrets Manager)
    AwsQuery, // POST /, form body Action=<Operation>&Version=…, XML answers (STS)
    RestJson1, // method + path + query + headers per operation, JSON bodies (SSO OIDC, SSO portal)
};

// One service as the pipeline needs it.
struct ServiceInfo
{
    QString displayName; // the other side in messages: "Amazon ECR", "AWS STS"
    QByteArray signingName; // SigV4's service name: "ecr", "sts"
    Protocol protocol = Protocol::AwsJson1_1;
    QByteArray targetPrefix; // awsJson1_1: "AmazonEC2ContainerRegistry_V20150921"
    QByteArray apiVersion; // awsQuery: "2011-06-15"
};

// One operation's input, as a typed client fills it; the protocol adapter turns it into HTTP.
struct OperationRequest
{
    QString name; // "CreatePullThroughCacheRule", "AssumeRole", "CreateToken"
    QJsonObject body; // awsJson1_1 and restJson1 bodies (restJson1: empty means none)
    QList<std::pair<QString, QString>> parameters; // awsQuery form parameters (besides Action)
    QByteArray method = QByteArrayLiteral("POST"); // restJson1
    QByteArray path = QByteArrayLiteral("/"); // restJson1, percent-encoded: "/token"
    QList<std::pair<QString, QString>> query; // restJson1 query members
    sigv4::HeaderList headers; // restJson1 header members
    // False for a request that must not reach the server twice (it carries a one-time MFA
    // code): after an attempt that may have reached the server, the call gives up.
    bool retryable = true;
    qint64 maxResponseBytes = 0; // 0: the client's cap
};

// A successful answer.
struct ServiceAnswer
{
    int status = 200;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray body; // the raw body (awsQuery's XML); may carry secrets: never logged
    QJsonObject json; // the body, for the JSON protocols ({} for an empty body)
    QString requestId;
    QDateTime serverDate; // the answer's Date header (invalid without one): the server's clock
    int attempts = 1;
};

struct ProtocolAdapter
{
    Protocol protocol;
    // The HTTP request of one operation at an endpoint, before authentication.
    HttpRequest (*buildRequest)(
        const ServiceInfo& service, const QUrl& endpoint, const OperationRequest& operation);
    // A non-2xx answer as a typed error (code, sanitised message, status, request id).
    AwsError (*parseError)(const ServiceInfo& service, const HttpAnswer& answer);
    bool jsonAnswers; // success bodies are JSON objects
};
const ProtocolAdapter& protocolAdapter(Protocol protocol);

// The pieces, pure and tested on their own.

// "aws.protocols#ValidationException:http://…" → "ValidationException"; at most 128 characters
// of [A-Za-z0-9_.-].
QString sanitizeErrorCode(QString code);
// Text from a server, fit to show: control and bidirectional-override characters removed (line
// breaks become spaces), at most `maxLength` characters (an ellipsis marks the cut).
QString sanitizeServerText(const QString& text, qsizetype maxLength = 500);
// The request id an answer carries (x-amzn-RequestId, else x-amz-request-id).
QString requestIdOf(const HttpAnswer& answer);

// awsJson1_1 (and restJson1) errors: code from X-Amzn-Errortype, then __type, then code;
// message from message / Message / error_description. A body that is not JSON becomes an
// InvalidResponse error that quotes the HTTP status (and an HTML page's title).
AwsError parseJsonError(const ServiceInfo& service, const HttpAnswer& answer);
// awsQuery errors: <ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse>
// and the <Response><Errors><Error> variant.
AwsError parseQueryError(const ServiceInfo& service, const HttpAnswer& answer);
// "Action=AssumeRole&Version=2011-06-15&RoleArn=…" with SigV4's strict percent-encoding.
QByteArray queryFormBody(const QString& action, const QByteArray& version,
    const QList<std::pair<QString, QString>>& parameters);

// An XML answer as "Root/Child/Leaf" → text, plus the root element's name (awsQuery answers).
struct FlatXml
{
    QString root;
    QHash<QString, QString> values;
    QString value(const QString& path) const { return values.value(root + u'/' + path); }
};
std::optional<FlatXml> flattenXml(const QByteArray& body);

} // namespace ecr
