#include "AwsJsonClient.h"

#include "HttpExchange.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QUuid>

#include <cstdlib>

Q_LOGGING_CATEGORY(lcAwsClient, "ecr.aws.client", QtInfoMsg)

namespace ecr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ecr::AwsJsonClient", text);
}

QByteArray headerValue(const QList<QNetworkReply::RawHeaderPair>& headers, QByteArrayView name)
{
    for (const auto& [key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString htmlTitle(const QByteArray& body)
{
    static const QRegularExpression re(QStringLiteral("<(title|h1)[^>]*>([^<]{1,200})<"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = re.match(QString::fromUtf8(body.left(4096)));
    return match.hasMatch() ? match.captured(2).trimmed() : QString();
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
    return code.trimmed();
}

AwsError parseAwsJsonError(
    int httpStatus, const QList<QNetworkReply::RawHeaderPair>& headers, const QByteArray& body)
{
    AwsError e;
    e.kind = ErrorKind::Service;
    e.httpStatus = httpStatus;
    e.requestId = QString::fromLatin1(headerValue(headers, "x-amzn-RequestId"));
    if (e.requestId.isEmpty())
        e.requestId = QString::fromLatin1(headerValue(headers, "x-amz-request-id"));

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject json = doc.object();
    QString code = QString::fromLatin1(headerValue(headers, "X-Amzn-Errortype"));
    if (code.isEmpty())
        code = json.value(u"__type").toString();
    if (code.isEmpty())
        code = json.value(u"code").toString();
    e.code = sanitizeErrorCode(code);
    e.message = json.value(u"message").toString();
    if (e.message.isEmpty())
        e.message = json.value(u"Message").toString();

    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        e.kind = e.code.isEmpty() ? ErrorKind::InvalidResponse : ErrorKind::Service;
        const QString reason = QLocale::c().toString(httpStatus);
        const QString title = htmlTitle(body);
        e.message = title.isEmpty()
            ? tr("The service answered HTTP %1 with a body that is not JSON.").arg(reason)
            : tr("The service answered HTTP %1 with a web page instead of JSON: \"%2\".")
                  .arg(reason, title);
    } else if (e.code.isEmpty()) {
        e.code = QString::number(httpStatus);
    }
    return e;
}

struct AwsJsonClient::AttemptOutcome
{
    std::optional<AwsJsonResponse> response;
    AwsError error;
    QDateTime serverDate;
};

AwsJsonClient::AwsJsonClient(QNetworkAccessManager& network, const Clock& clock,
    CredentialsProvider& credentials, AwsJsonClientConfig config, AwsJsonService service,
    QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
    , m_credentials(credentials)
    , m_config(std::move(config))
    , m_service(std::move(service))
    , m_signer(clock)
    , m_bucket(m_config.retry)
    , m_random(QRandomGenerator::global()->generate())
{ }

QCoro::Task<AwsJsonClient::AttemptOutcome> AwsJsonClient::sendOnce(const QString& operation,
    const QByteArray& body, const sigv4::Credentials& credentials, const QByteArray& invocationId,
    int attempt, const CancelToken& cancel)
{
    const QUrl& url = m_config.endpoint.url;
    sigv4::Request request;
    request.method = "POST";
    request.path = url.path(QUrl::FullyEncoded).toLatin1();
    if (request.path.isEmpty())
        request.path = "/";
    request.query = url.query(QUrl::FullyEncoded).toLatin1();
    request.headers = {
        {"Host", hostHeader(url)},
        {"Content-Type", "application/x-amz-json-1.1"},
        {"X-Amz-Target", m_service.targetPrefix + '.' + operation.toLatin1()},
    };
    request.body = body;

    SigV4Signer::Options options;
    options.region = m_config.endpoint.signingRegion.toLatin1();
    options.service = m_service.signingName;
    options.clockOffset = m_clockOffset;
    const auto signedRequest = m_signer.signHeaders(std::move(request), credentials, options);

    QNetworkRequest networkRequest(url);
    for (const auto& header : signedRequest.request.headers) {
        if (QByteArrayView(header.name).compare("Host", Qt::CaseInsensitive) != 0)
            networkRequest.setRawHeader(header.name, header.value);
    }
    networkRequest.setRawHeader("amz-sdk-invocation-id", invocationId);
    networkRequest.setRawHeader("amz-sdk-request",
        "attempt=" + QByteArray::number(attempt)
            + "; max=" + QByteArray::number(m_config.retry.maxAttempts));
    networkRequest.setRawHeader("User-Agent",
        "ecr-ptc-admin/" + QCoreApplication::applicationVersion().toLatin1() + " Qt/"
            + QByteArray(qVersion()));
    networkRequest.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(
        QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);

    if (!m_config.caBundlePath.isEmpty() && url.scheme() == u"https") {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_config.caBundlePath);
        networkRequest.setSslConfiguration(tls);
    }

    qCDebug(lcAwsClient) << "send" << operation << "attempt" << attempt << "to" << url.host();
    const QString service = QStringLiteral("ECR");
    const HttpExchange exchange = co_await postOnce(
        m_network, networkRequest, body, m_config.attemptTimeout, cancel, service);
    AttemptOutcome outcome;
    if (exchange.failure) {
        outcome.error = *exchange.failure;
        co_return outcome;
    }
    const int status = exchange.status;
    const QByteArray& responseBody = exchange.body;
    const auto& headers = exchange.headers;
    outcome.serverDate = exchange.serverDate;
    const QString requestId = QString::fromLatin1(exchange.header("x-amzn-RequestId"));
    qCDebug(lcAwsClient) << "answer" << operation << "HTTP" << status << "request id" << requestId;

    if (status == 200) {
        QJsonParseError parseError{};
        const QJsonDocument doc = responseBody.trimmed().isEmpty()
            ? QJsonDocument(QJsonObject())
            : QJsonDocument::fromJson(responseBody, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            outcome.error.kind = ErrorKind::InvalidResponse;
            outcome.error.httpStatus = status;
            outcome.error.requestId = requestId;
            outcome.error.message = tr("The service answered with a body that is not JSON.");
            co_return outcome;
        }
        outcome.response = AwsJsonResponse{doc.object(), requestId, attempt};
        co_return outcome;
    }
    outcome.error = parseAwsJsonError(status, headers, responseBody);
    co_return outcome;
}

QCoro::Task<Result<AwsJsonResponse>> AwsJsonClient::call(
    QString operation, QJsonObject input, CancelToken cancel)
{
    const QByteArray body
        = input.isEmpty() ? QByteArray("{}") : QJsonDocument(input).toJson(QJsonDocument::Compact);
    const QByteArray invocationId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    CallRetry retry(m_config.retry, m_bucket, m_random, m_clock, m_clockOffset);

    for (int attempt = 1;; ++attempt) {
        if (cancel && cancel->isCancelled())
            co_return makeError(
                ErrorKind::Cancelled, QString(), tr("The request was cancelled."), attempt - 1);

        Result<sigv4::Credentials> credentials = co_await m_credentials.credentials();
        if (!credentials) {
            AwsError error = credentials.error();
            error.attempts = attempt - 1;
            co_return error;
        }

        AttemptOutcome outcome = co_await sendOnce(
            operation, body, credentials.value(), invocationId, attempt, cancel);
        if (outcome.response) {
            retry.onSuccess();
            co_return std::move(*outcome.response);
        }

        AwsError error = std::move(outcome.error);
        error.attempts = attempt;
        const CallRetry::Decision decision = retry.onFailure(error, operation, outcome.serverDate);
        if (decision.action == CallRetry::Decision::Action::GiveUp)
            co_return error;
        if (decision.action == CallRetry::Decision::Action::RetryNow) {
            qCInfo(lcAwsClient) << "clock skew corrected; offset now" << m_clockOffset.count()
                                << "ms";
            continue;
        }
        const auto delay = decision.delay;
        qCDebug(lcAwsClient) << "retrying" << operation << "after" << delay.count() << "ms;"
                             << error.code << errorKindName(error.kind);
        if (!co_await sleepUnlessCancelled(delay, cancel))
            co_return makeError(
                ErrorKind::Cancelled, QString(), tr("The request was cancelled."), attempt);
    }
}

} // namespace ecr
