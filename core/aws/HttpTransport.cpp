#include "HttpTransport.h"

#include "Proxy.h"

#include <QCoreApplication>
#include <QCoroSignal>
#include <QCoroTimer>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QTimer>

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::HttpTransport)
};

// How much Qt may buffer below us; we drain it as it arrives, so this bounds the memory an
// answer takes besides the (capped) body itself.
constexpr qint64 kReadBufferBytes = 256 * 1024;

// Qt numbers connection and proxy errors below 200; content, protocol and server errors (which
// come with an HTTP status) from 200 up.
bool isTransportError(QNetworkReply::NetworkError error)
{
    return error != QNetworkReply::NoError && int(error) < 200;
}

QByteArray findHeader(const QList<QNetworkReply::RawHeaderPair>& headers, QByteArrayView name)
{
    for (const auto& [key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString mebibytes(qint64 bytes)
{
    return QLocale().toString(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

// Reads a reply while it downloads and stops it at the cap, the timeout or a cancel. It lives in
// the sending coroutine's frame: its connections end with it.
class ReplyReader final : public QObject
{
    Q_OBJECT

public:
    ReplyReader(QNetworkReply* reply, qint64 cap)
        : m_reply(reply)
        , m_cap(cap)
    {
        // The wait ends when the reply finishes, and also when it is destroyed unfinished (its
        // network manager went away first): a coroutine awaiting a destroyed object's signal
        // would never resume, and would hold its frame, its callers' and their sessions.
        connect(reply, &QNetworkReply::finished, this, &ReplyReader::ended);
        connect(reply, &QObject::destroyed, this, &ReplyReader::ended);
        reply->setReadBufferSize(kReadBufferBytes);
        connect(reply, &QNetworkReply::metaDataChanged, this, [this] {
            const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
            if (length.isValid() && length.toLongLong() > m_cap)
                stop(Stop::TooLarge);
        });
        connect(reply, &QIODevice::readyRead, this, &ReplyReader::drain);
    }

    enum class Stop
    {
        None,
        TooLarge,
        Timeout,
        Cancelled,
    };

    void drain()
    {
        if (m_stop != Stop::None || !m_reply)
            return;
        m_body += m_reply->readAll();
        if (m_body.size() > m_cap)
            stop(Stop::TooLarge);
    }
    void stop(Stop why)
    {
        if (m_stop != Stop::None)
            return;
        m_stop = why;
        m_body.clear();
        m_body.squeeze();
        if (m_reply)
            m_reply->abort();
    }
    Stop stopped() const { return m_stop; }
    QByteArray takeBody() { return std::move(m_body); }
    bool replyGone() const { return !m_reply; }

Q_SIGNALS:
    void ended();

private:
    QPointer<QNetworkReply> m_reply;
    qint64 m_cap;
    QByteArray m_body;
    Stop m_stop = Stop::None;
};

QNetworkReply* start(QNetworkAccessManager& network, const QNetworkRequest& request,
    const QByteArray& method, const QByteArray& body)
{
    if (method == "POST")
        return network.post(request, body);
    if (method == "GET" && body.isEmpty())
        return network.get(request);
    if (method == "HEAD")
        return network.head(request);
    if (method == "DELETE" && body.isEmpty())
        return network.deleteResource(request);
    if (method == "PUT")
        return network.put(request, body);
    return network.sendCustomRequest(request, method, body);
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto& h : headers) {
        if (QByteArrayView(h.name).compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return {};
}

void HttpRequest::setHeader(const QByteArray& name, const QByteArray& value)
{
    headers.removeIf([&](const sigv4::Header& h) {
        return QByteArrayView(h.name).compare(name, Qt::CaseInsensitive) == 0;
    });
    headers.append({name, value});
}

QByteArray HttpAnswer::header(QByteArrayView name) const
{
    return findHeader(headers, name);
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
        e.message = Tr::tr("The %1 endpoint's host name could not be resolved (%2). Check the "
                           "region, the endpoint URL and your network.")
                        .arg(service, detail);
        break;
    case QNetworkReply::ConnectionRefusedError:
        e.kind = ErrorKind::ConnectionRefused;
        e.message = Tr::tr("%1 refused the connection (%2).").arg(service, detail);
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.kind = ErrorKind::ConnectionReset;
        e.message = Tr::tr("The connection to %1 closed before a complete answer arrived (%2).")
                        .arg(service, detail);
        break;
    case QNetworkReply::TimeoutError:
        e.kind = ErrorKind::Timeout;
        e.message = Tr::tr("The connection to %1 timed out (%2).").arg(service, detail);
        break;
    case QNetworkReply::SslHandshakeFailedError:
        e.kind = ErrorKind::Tls;
        e.message = Tr::tr("The secure connection to %1 could not be established (%2).")
                        .arg(service, detail);
        break;
    default:
        e.kind = ErrorKind::Network;
        e.message = Tr::tr("A network error occurred while calling %1 (%2).").arg(service, detail);
        break;
    }
    return e;
}

bool mayHaveReachedServer(const AwsError& error)
{
    switch (error.kind) {
    case ErrorKind::HostNotFound:
    case ErrorKind::ConnectionRefused:
    case ErrorKind::Tls:
    case ErrorKind::InvalidInput:
    case ErrorKind::Configuration:
    case ErrorKind::Credentials:
        return false;
    default:
        return true;
    }
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

QCoro::Task<Result<HttpAnswer>> sendHttp(QNetworkAccessManager& network, HttpRequest request,
    TransportOptions options, CancelToken cancel, QString service)
{
    if (cancel && cancel->isCancelled())
        co_return makeError(
            ErrorKind::Cancelled, QString(), Tr::tr("The request was cancelled."), 0);

    QNetworkRequest networkRequest(request.url);
    for (const auto& header : std::as_const(request.headers)) {
        if (QByteArrayView(header.name).compare("Host", Qt::CaseInsensitive) != 0)
            networkRequest.setRawHeader(header.name, header.value);
    }
    networkRequest.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(
        QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    networkRequest.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    if (options.tls && request.url.scheme() == u"https")
        networkRequest.setSslConfiguration(*options.tls);

    QNetworkReply* reply = start(managerForProxy(network, options.proxy, request.url),
        networkRequest, request.method, request.body);
    ReplyReader reader(reply, options.maxResponseBytes);
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(
        &timer, &QTimer::timeout, &reader, [&reader] { reader.stop(ReplyReader::Stop::Timeout); });
    if (cancel)
        QObject::connect(cancel.get(), &Cancellation::cancelled, &reader,
            [&reader] { reader.stop(ReplyReader::Stop::Cancelled); });
    timer.start(options.timeout);
    if (cancel && cancel->isCancelled())
        reader.stop(ReplyReader::Stop::Cancelled);
    if (!reply->isFinished())
        co_await qCoro(&reader, &ReplyReader::ended);
    timer.stop();
    if (reader.replyGone()) // its network manager was destroyed: nothing may be sent again
        co_return makeError(ErrorKind::Cancelled, QString(),
            Tr::tr("The request was abandoned: the connection it used was closed."));
    reader.drain();
    reply->deleteLater();

    switch (reader.stopped()) {
    case ReplyReader::Stop::TooLarge:
        co_return makeError(ErrorKind::InvalidResponse, kResponseTooLargeCode,
            Tr::tr(
                "The answer from %1 was larger than %2 MiB, more than this request can take, and "
                "was not read to the end.")
                .arg(service, mebibytes(options.maxResponseBytes)));
    case ReplyReader::Stop::Timeout:
        co_return makeError(ErrorKind::Timeout, QString(),
            Tr::tr("%1 did not answer completely within %2 seconds.")
                .arg(service)
                .arg(double(options.timeout.count()) / 1000.0));
    case ReplyReader::Stop::Cancelled:
        co_return makeError(ErrorKind::Cancelled, QString(), Tr::tr("The request was cancelled."));
    case ReplyReader::Stop::None:
        break;
    }
    const QNetworkReply::NetworkError error = reply->error();
    if (error == QNetworkReply::OperationCanceledError)
        co_return makeError(ErrorKind::Cancelled, QString(), Tr::tr("The request was cancelled."));
    if (isTransportError(error))
        co_return transportError(error, reply->errorString(), service);

    HttpAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.headers = reply->rawHeaderPairs();
    answer.body = reader.takeBody();
    answer.serverDate = parseHttpDate(answer.header("Date"));
    co_return answer;
}

} // namespace ecr

#include "HttpTransport.moc"
