#include "AwsJsonClient.h"

#include <QCoreApplication>
#include <QCoroNetworkReply>
#include <QCoroTimer>
#include <QJsonDocument>
#include <QLocale>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QUuid>

#include <cstdlib>

Q_LOGGING_CATEGORY(lcAwsClient, "ecr.aws.client", QtInfoMsg)

namespace ecr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ecr::AwsJsonClient", text);
}

constexpr auto kClockSkewThreshold = std::chrono::minutes(4);

QByteArray headerValue(const QList<QNetworkReply::RawHeaderPair>& headers, QByteArrayView name)
{
    for (const auto& [key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray hostHeader(const QUrl& url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int port = url.port();
    const int defaultPort = url.scheme() == u"https" ? 443 : 80;
    if (port > 0 && port != defaultPort)
        host += ':' + QByteArray::number(port);
    return host;
}

QString htmlTitle(const QByteArray& body)
{
    static const QRegularExpression re(QStringLiteral("<(title|h1)[^>]*>([^<]{1,200})<"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = re.match(QString::fromUtf8(body.left(4096)));
    return match.hasMatch() ? match.captured(2).trimmed() : QString();
}

// An HTTP Date (IMF-fixdate, "Fri, 27 Nov 2026 01:09:37 GMT"). Qt's RFC 2822 parser wants a
// numeric zone, so "GMT"/"UTC" become "+0000".
QDateTime parseHttpDate(const QByteArray& value)
{
    QString text = QString::fromLatin1(value).trimmed();
    if (text.endsWith(u" GMT") || text.endsWith(u" UTC"))
        text = text.left(text.size() - 4) + u" +0000";
    return QDateTime::fromString(text, Qt::RFC2822Date);
}

AwsError transportError(QNetworkReply::NetworkError error, const QString& detail)
{
    AwsError e;
    e.code = QString();
    e.message = detail;
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        e.kind = ErrorKind::HostNotFound;
        e.message = tr("The endpoint's host name could not be resolved (%1). Check the region, "
                       "the endpoint URL and your network.")
                        .arg(detail);
        break;
    case QNetworkReply::ConnectionRefusedError:
        e.kind = ErrorKind::ConnectionRefused;
        e.message = tr("The connection was refused (%1).").arg(detail);
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.kind = ErrorKind::ConnectionReset;
        e.message = tr("The connection closed before a complete answer arrived (%1).").arg(detail);
        break;
    case QNetworkReply::TimeoutError:
        e.kind = ErrorKind::Timeout;
        e.message = tr("The connection timed out (%1).").arg(detail);
        break;
    case QNetworkReply::SslHandshakeFailedError:
        e.kind = ErrorKind::Tls;
        e.message = tr("The secure connection could not be established (%1).").arg(detail);
        break;
    default:
        e.kind = ErrorKind::Network;
        e.message = tr("A network error occurred (%1).").arg(detail);
        break;
    }
    return e;
}

bool isTransportError(QNetworkReply::NetworkError error)
{
    // Qt numbers connection and proxy errors below 200; content, protocol and server errors
    // (which come with an HTTP status) from 200 up.
    return error != QNetworkReply::NoError && int(error) < 200;
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

QCoro::Task<bool> AwsJsonClient::sleepUnlessCancelled(
    std::chrono::milliseconds delay, const CancelToken& cancel)
{
    if (delay.count() <= 0)
        co_return !(cancel && cancel->isCancelled());
    QTimer timer;
    timer.setSingleShot(true);
    if (cancel)
        connect(cancel.get(), &Cancellation::cancelled, &timer, [&timer] { timer.start(0); });
    timer.start(delay);
    co_await qCoro(timer).waitForTimeout();
    co_return !(cancel && cancel->isCancelled());
}

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

    qCDebug(lcAwsClient) << "send" << operation << "attempt" << attempt << "to" << url.host();
    QNetworkReply* reply = m_network.post(networkRequest, body);
    const QPointer<QNetworkReply> guard(reply);
    QTimer timeout;
    timeout.setSingleShot(true);
    connect(&timeout, &QTimer::timeout, reply, [reply] {
        reply->setProperty("ecrTimedOut", true);
        reply->abort();
    });
    if (cancel)
        connect(cancel.get(), &Cancellation::cancelled, reply, [reply] { reply->abort(); });
    timeout.start(m_config.attemptTimeout);
    if (cancel && cancel->isCancelled())
        reply->abort();
    co_await qCoro(reply).waitForFinished();
    timeout.stop();
    reply->deleteLater();

    AttemptOutcome outcome;
    const QNetworkReply::NetworkError networkError = reply->error();
    if (networkError == QNetworkReply::OperationCanceledError) {
        const bool timedOut = reply->property("ecrTimedOut").toBool();
        outcome.error.kind = timedOut ? ErrorKind::Timeout : ErrorKind::Cancelled;
        outcome.error.message = timedOut
            ? tr("No complete answer arrived within %1 seconds.")
                  .arg(double(m_config.attemptTimeout.count()) / 1000.0)
            : tr("The request was cancelled.");
        co_return outcome;
    }
    if (isTransportError(networkError)) {
        outcome.error = transportError(networkError, reply->errorString());
        co_return outcome;
    }

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray responseBody = reply->readAll();
    const auto headers = reply->rawHeaderPairs();
    outcome.serverDate = parseHttpDate(headerValue(headers, "Date"));
    const QString requestId = QString::fromLatin1(headerValue(headers, "x-amzn-RequestId"));
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
    std::uniform_real_distribution<double> jitter(0.0, 1.0);
    int lastAcquired = 0;
    bool skewCorrected = false;

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
            m_bucket.onSuccess(lastAcquired);
            co_return std::move(*outcome.response);
        }

        AwsError error = std::move(outcome.error);
        error.attempts = attempt;
        if (error.kind == ErrorKind::Cancelled || attempt >= m_config.retry.maxAttempts)
            co_return error;

        // Clock skew: the server's Date says our clock is off; sign with its time from now on.
        if (error.kind == ErrorKind::Service && isClockSkewCode(error.code) && !skewCorrected
            && outcome.serverDate.isValid()) {
            const auto ourNow = m_clock.now().addMSecs(m_clockOffset.count());
            const auto skew = std::chrono::milliseconds(ourNow.msecsTo(outcome.serverDate));
            if (std::chrono::abs(skew) > kClockSkewThreshold) {
                m_clockOffset
                    = std::chrono::milliseconds(m_clock.now().msecsTo(outcome.serverDate));
                skewCorrected = true;
                qCInfo(lcAwsClient)
                    << "clock skew corrected; offset now" << m_clockOffset.count() << "ms";
                continue;
            }
        }

        const RetryClass retryClass = classifyForRetry(error, operation);
        if (retryClass == RetryClass::None)
            co_return error;
        const int cost = m_bucket.acquire(retryClass);
        if (cost == 0) {
            qCInfo(lcAwsClient) << "retry quota exhausted; not retrying" << operation;
            co_return error;
        }
        lastAcquired = cost;
        const auto delay = backoffDelay(m_config.retry, attempt, jitter(m_random));
        qCDebug(lcAwsClient) << "retrying" << operation << "after" << delay.count() << "ms;"
                             << error.code << errorKindName(error.kind);
        if (!co_await sleepUnlessCancelled(delay, cancel))
            co_return makeError(
                ErrorKind::Cancelled, QString(), tr("The request was cancelled."), attempt);
    }
}

} // namespace ecr
