#include "HttpExchange.h"

#include <QCoreApplication>
#include <QCoroNetworkReply>
#include <QCoroTimer>
#include <QNetworkAccessManager>
#include <QTimer>

namespace ecr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ecr::HttpExchange", text);
}

// Qt numbers connection and proxy errors below 200; content, protocol and server errors (which
// come with an HTTP status) from 200 up.
bool isTransportError(QNetworkReply::NetworkError error)
{
    return error != QNetworkReply::NoError && int(error) < 200;
}

} // namespace

QByteArray HttpExchange::header(QByteArrayView name) const
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

QDateTime parseHttpDate(const QByteArray& value)
{
    QString text = QString::fromLatin1(value).trimmed();
    if (text.endsWith(u" GMT") || text.endsWith(u" UTC"))
        text = text.left(text.size() - 4) + u" +0000";
    return QDateTime::fromString(text, Qt::RFC2822Date);
}

AwsError transportError(
    QNetworkReply::NetworkError error, const QString& detail, const QString& service)
{
    AwsError e;
    e.message = detail;
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        e.kind = ErrorKind::HostNotFound;
        e.message = tr("The %1 endpoint's host name could not be resolved (%2). Check the "
                       "region, the endpoint URL and your network.")
                        .arg(service, detail);
        break;
    case QNetworkReply::ConnectionRefusedError:
        e.kind = ErrorKind::ConnectionRefused;
        e.message = tr("%1 refused the connection (%2).").arg(service, detail);
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.kind = ErrorKind::ConnectionReset;
        e.message = tr("The connection to %1 closed before a complete answer arrived (%2).")
                        .arg(service, detail);
        break;
    case QNetworkReply::TimeoutError:
        e.kind = ErrorKind::Timeout;
        e.message = tr("The connection to %1 timed out (%2).").arg(service, detail);
        break;
    case QNetworkReply::SslHandshakeFailedError:
        e.kind = ErrorKind::Tls;
        e.message
            = tr("The secure connection to %1 could not be established (%2).").arg(service, detail);
        break;
    default:
        e.kind = ErrorKind::Network;
        e.message = tr("A network error occurred while calling %1 (%2).").arg(service, detail);
        break;
    }
    return e;
}

QCoro::Task<bool> sleepUnlessCancelled(std::chrono::milliseconds delay, CancelToken cancel)
{
    if (delay.count() <= 0)
        co_return !(cancel && cancel->isCancelled());
    QTimer timer;
    timer.setSingleShot(true);
    if (cancel)
        QObject::connect(
            cancel.get(), &Cancellation::cancelled, &timer, [&timer] { timer.start(0); });
    timer.start(delay);
    co_await qCoro(timer).waitForTimeout();
    co_return !(cancel && cancel->isCancelled());
}

QCoro::Task<HttpExchange> postOnce(QNetworkAccessManager& network, QNetworkRequest request,
    QByteArray body, std::chrono::milliseconds timeout, CancelToken cancel, QString service)
{
    QNetworkReply* reply = network.post(request, body);
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, reply, [reply] {
        reply->setProperty("ecrTimedOut", true);
        reply->abort();
    });
    if (cancel)
        QObject::connect(
            cancel.get(), &Cancellation::cancelled, reply, [reply] { reply->abort(); });
    timer.start(timeout);
    if (cancel && cancel->isCancelled())
        reply->abort();
    co_await qCoro(reply).waitForFinished();
    timer.stop();
    reply->deleteLater();

    HttpExchange exchange;
    const QNetworkReply::NetworkError error = reply->error();
    if (error == QNetworkReply::OperationCanceledError) {
        const bool timedOut = reply->property("ecrTimedOut").toBool();
        exchange.failure
            = makeError(timedOut ? ErrorKind::Timeout : ErrorKind::Cancelled, QString(),
                timedOut ? tr("%1 did not answer completely within %2 seconds.")
                               .arg(service)
                               .arg(double(timeout.count()) / 1000.0)
                         : tr("The request was cancelled."));
        co_return exchange;
    }
    if (isTransportError(error)) {
        exchange.failure = transportError(error, reply->errorString(), service);
        co_return exchange;
    }
    exchange.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    exchange.headers = reply->rawHeaderPairs();
    exchange.body = reply->readAll(); // may carry secrets (STS): never logged
    exchange.serverDate = parseHttpDate(exchange.header("Date"));
    co_return exchange;
}

} // namespace ecr
