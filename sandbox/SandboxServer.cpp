// Over 400 lines on purpose: the sandbox's one HTTP front — request conversion, TLS, the rolled,
// queued and scripted faults and answers, latency and slow drips — share the socket handling.
#include "SandboxServer.h"

#include "SandboxRepositories.h"
#include "SandboxSecretsManager.h"
#include "SandboxService.h"
#include "SandboxSso.h"

#include <QFile>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QtHttpServer/qhttpserverrequest.h>

#include <memory>

namespace ecr::sandbox {

using namespace Qt::StringLiterals;

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get:
        return "GET"_ba;
    case M::Put:
        return "PUT"_ba;
    case M::Delete:
        return "DELETE"_ba;
    case M::Post:
        return "POST"_ba;
    case M::Head:
        return "HEAD"_ba;
    case M::Options:
        return "OPTIONS"_ba;
    case M::Patch:
        return "PATCH"_ba;
    case M::Connect:
        return "CONNECT"_ba;
    case M::Trace:
        return "TRACE"_ba;
    default:
        return "UNKNOWN"_ba;
    }
}

// QtHttpServer 6.4 keeps one value per header name (the last) and not their order; SigV4
// canonicalisation sorts the names anyway.
HttpRequest toSandboxRequest(const QHttpServerRequest& request)
{
    HttpRequest out;
    out.method = methodName(request.method());
    const QUrl url = request.url();
    out.path = url.path(QUrl::FullyEncoded).toUtf8();
    if (out.path.isEmpty())
        out.path = "/"_ba;
    out.query = url.query(QUrl::FullyEncoded).toUtf8();
    for (const auto& [name, value] : request.headers())
        out.headers.append({name, value});
    out.body = request.body();
    return out;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK"_ba;
    case 400:
        return "Bad Request"_ba;
    case 401:
        return "Unauthorized"_ba;
    case 403:
        return "Forbidden"_ba;
    case 404:
        return "Not Found"_ba;
    case 405:
        return "Method Not Allowed"_ba;
    case 429:
        return "Too Many Requests"_ba;
    case 500:
        return "Internal Server Error"_ba;
    case 503:
        return "Service Unavailable"_ba;
    default:
        return "Status"_ba;
    }
}

QByteArray serialize(const HttpResponse& response, bool closeAfter)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
        + reasonPhrase(response.status) + "\r\n";
    for (const auto& [name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    if (closeAfter)
        out += "Connection: close\r\n";
    out += "\r\n" + response.body;
    return out;
}

void send(QTcpSocket* socket, const std::optional<HttpResponse>& response, bool closeAfter)
{
    if (!response) {
        // The client sees a reset connection. QAbstractHttpServer deletes the socket later.
        socket->abort();
        return;
    }
    socket->write(serialize(*response, closeAfter));
    if (closeAfter)
        socket->disconnectFromHost();
}

} // namespace

SandboxServer::SandboxServer(SandboxService& service, FaultConfig faults, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_service(service)
{
    setFaults(faults);
}

void SandboxServer::setFaults(const FaultConfig& faults)
{
    m_faults = faults;
    m_random.seed(faults.seed);
}

bool SandboxServer::enableTls(const QString& certFile, const QString& keyFile, QString* error)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certFile, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = u"no PEM certificate in %1"_s.arg(certFile);
        return false;
    }
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(keyFile, file.errorString());
        return false;
    }
    const QByteArray pem = file.readAll();
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        *error = u"no RSA or EC private key (PEM, unencrypted) in %1"_s.arg(keyFile);
        return false;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    sslSetup(configuration);
    m_tls = configuration;
    return true;
}

bool SandboxServer::listen(const QHostAddress& host, quint16 port)
{
    // The TCP server is made here rather than by QAbstractHttpServer::listen, which only logs
    // why it failed.
    QTcpServer* server = nullptr;
    if (m_tls) {
        auto* sslServer = new QSslServer(this);
        sslServer->setSslConfiguration(*m_tls);
        server = sslServer;
    } else {
        server = new QTcpServer(this);
    }
    if (!server->listen(host, port)) {
        m_errorString = u"cannot listen on %1:%2: %3"_s.arg(host.toString())
                            .arg(port)
                            .arg(server->errorString());
        delete server;
        return false;
    }
    bind(server);
    m_host = host;
    m_port = server->serverPort();
    return true;
}

QUrl SandboxServer::url() const
{
    QUrl url;
    url.setScheme(m_tls ? u"https"_s : u"http"_s);
    const bool any = m_host == QHostAddress::Any || m_host == QHostAddress::AnyIPv4
        || m_host == QHostAddress::AnyIPv6 || m_host.isNull();
    url.setHost(any ? u"127.0.0.1"_s : m_host.toString());
    url.setPort(m_port);
    return url;
}

void SandboxServer::queueFaults(const QString& operation, const QList<Fault>& faults)
{
    m_queuedFaults[operation].append(faults);
}

void SandboxServer::queueAnswers(const QString& operation, const QList<ScriptedAnswer>& answers)
{
    m_scriptedAnswers[operation].append(answers);
}

void SandboxServer::drip(QTcpSocket* socket, const QByteArray& bytes, const ScriptedAnswer& answer,
    const QString& region)
{
    const QPointer<QTcpSocket> guard(socket);
    const qsizetype step = answer.dripBytes;
    auto* timer = new QTimer(this);
    timer->setInterval(std::max(1, answer.dripIntervalMs));
    auto offset = std::make_shared<qsizetype>(0);
    const auto writeNext = [this, guard, bytes, step, offset, timer, region] {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState
            || *offset >= bytes.size()) {
            timer->stop();
            timer->deleteLater();
            leave(region);
            return;
        }
        guard->write(bytes.mid(*offset, step));
        *offset += step;
    };
    connect(timer, &QTimer::timeout, this, writeNext);
    writeNext();
    timer->start();
}

QString SandboxServer::operationOf(const HttpRequest& request)
{
    if (SandboxSso::isSsoRequest(request))
        return SandboxSso::operationOf(request);
    if (SandboxSts::isStsRequest(request))
        return SandboxSts::action(request);
    if (SandboxRepositories::isRegistryApiRequest(request))
        return SandboxRepositories::registryOperationOf(request);
    const sigv4::Request view{request.method, request.path, request.query, request.headers, {}};
    const QByteArray target = view.header("X-Amz-Target");
    const qsizetype dot = target.lastIndexOf('.');
    return dot < 0 ? QString() : QString::fromLatin1(target.mid(dot + 1));
}

SandboxServer::Fault SandboxServer::rollFault()
{
    const double roll = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
    const std::pair<double, Fault> faults[] = {
        {m_faults.throttleRate, Fault::Throttle},
        {m_faults.serverErrorRate, Fault::ServerError},
        {m_faults.html503Rate, Fault::Html503},
        {m_faults.resetRate, Fault::Reset},
        {m_faults.commitThenResetRate, Fault::CommitThenReset},
    };
    double threshold = 0;
    for (const auto& [rate, fault] : faults) {
        threshold += rate;
        if (roll < threshold)
            return fault;
    }
    return Fault::None;
}

bool SandboxServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    const HttpRequest sandboxRequest = toSandboxRequest(request);
    ++m_requestsReceived;
    m_maxInFlight = std::max(m_maxInFlight, ++m_inFlight);
    const QString region = m_gauge ? signingRegionOf(sandboxRequest) : QString();
    if (m_gauge)
        m_gauge->enter(region);
    const bool closeAfter
        = request.value("connection"_ba).trimmed().compare("close", Qt::CaseInsensitive) == 0;
    const QDateTime now = m_service.clock().now();
    if (!m_scriptedAnswers.isEmpty()) {
        const auto scripted = m_scriptedAnswers.find(operationOf(sandboxRequest));
        if (scripted != m_scriptedAnswers.end() && !scripted->isEmpty()) {
            const ScriptedAnswer answer = scripted->takeFirst();
            const HttpResponse response{answer.status,
                {{"Date"_ba, httpDate(now)}, {"Content-Type"_ba, answer.contentType},
                    {"x-amzn-RequestId"_ba, "scripted-answer"_ba}},
                answer.body};
            if (answer.dripBytes <= 0) {
                deliver(socket, response, closeAfter, region);
            } else {
                drip(socket, serialize(response, closeAfter), answer, region);
            }
            return true;
        }
    }
    Fault fault = Fault::None;
    if (!m_queuedFaults.isEmpty()) {
        const auto queued = m_queuedFaults.find(operationOf(sandboxRequest));
        if (queued != m_queuedFaults.end() && !queued->isEmpty())
            fault = queued->takeFirst();
    }
    if (fault == Fault::None)
        fault = rollFault();
    const bool sts = SandboxSts::isStsRequest(sandboxRequest);
    const bool secretsManager = operationOf(sandboxRequest) == u"CreateSecret"
        || operationOf(sandboxRequest) == u"DescribeSecret"
        || operationOf(sandboxRequest) == u"ListSecrets"
        || operationOf(sandboxRequest) == u"PutSecretValue";
    if (fault != Fault::None)
        ++m_faultsInjected;

    std::optional<HttpResponse> response;
    switch (fault) {
    case Fault::None:
        response = m_service.handle(sandboxRequest);
        break;
    case Fault::Throttle:
        // STS (Query protocol) answers in XML with its own codes; the registry API in its own.
        if (SandboxRepositories::isRegistryApiRequest(sandboxRequest)) {
            response = HttpResponse{429,
                {{"Date"_ba, httpDate(now)}, {"Content-Type"_ba, "application/json"_ba},
                    {"Retry-After"_ba, "1"_ba}},
                "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"Rate exceeded\"}]}"_ba};
            break;
        }
        response = sts
            ? stsErrorResponse(now, serviceError(400, u"Throttling"_s, u"Rate exceeded"_s))
            : errorResponse(now, serviceError(400, u"ThrottlingException"_s, u"Rate exceeded"_s));
        break;
    case Fault::ServerError:
        response = sts
            ? stsErrorResponse(now,
                serviceError(500, u"InternalFailure"_s, u"Internal failure (injected fault)"_s))
            : secretsManager
            ? secretsManagerErrorResponse(now,
                serviceError(
                    500, u"InternalServiceError"_s, u"Internal failure (injected fault)"_s))
            : errorResponse(now,
                serviceError(500, u"ServerException"_s, u"Internal failure (injected fault)"_s));
        break;
    case Fault::Html503:
        response
            = HttpResponse{503, {{"Date"_ba, httpDate(now)}, {"Content-Type"_ba, "text/html"_ba}},
                "<html><body><h1>503 Service Unavailable</h1></body></html>"_ba};
        break;
    case Fault::Reset:
        break;
    case Fault::CommitThenReset:
        m_service.handle(sandboxRequest);
        break;
    }
    deliver(socket, std::move(response), closeAfter, region);
    return true;
}

void SandboxServer::leave(const QString& region)
{
    --m_inFlight;
    if (m_gauge)
        m_gauge->leave(region);
}

void SandboxServer::deliver(QTcpSocket* socket, std::optional<HttpResponse> response,
    bool closeAfter, const QString& region)
{
    if (m_faults.latencyMs <= 0) {
        send(socket, response, closeAfter);
        leave(region);
        return;
    }
    // If the client goes away first, QAbstractHttpServer deletes the socket: the guard says so,
    // and the request still leaves the in-flight count.
    QTimer::singleShot(m_faults.latencyMs, this,
        [this, socket = QPointer<QTcpSocket>(socket), response = std::move(response), closeAfter,
            region] {
            leave(region);
            if (socket && socket->state() == QAbstractSocket::ConnectedState)
                send(socket, response, closeAfter);
        });
}

QString SandboxServer::signingRegionOf(const HttpRequest& request)
{
    const sigv4::Request view{request.method, request.path, request.query, request.headers, {}};
    QString credential;
    const QString authorization = QString::fromLatin1(view.header("Authorization"));
    const qsizetype at = authorization.indexOf(u"Credential=");
    if (at >= 0)
        credential = authorization.mid(at + 11).section(u',', 0, 0);
    else {
        for (const QByteArray& pair : request.query.split('&')) {
            if (pair.startsWith("X-Amz-Credential="))
                credential = QUrl::fromPercentEncoding(pair.mid(17));
        }
    }
    // AKID/20261202/us-east-1/ecr/aws4_request
    return credential.section(u'/', 2, 2);
}

void InFlightGauge::enter(const QString& region)
{
    m_max = std::max(m_max, ++m_now);
    int& inRegion = m_region[region];
    ++inRegion;
    int& regionMax = m_regionMax[region];
    regionMax = std::max(regionMax, inRegion);
}

void InFlightGauge::leave(const QString& region)
{
    --m_now;
    --m_region[region];
}

int InFlightGauge::maxInAnyRegion() const
{
    int most = 0;
    for (const int n : m_regionMax)
        most = std::max(most, n);
    return most;
}

void SandboxServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    // Not reached: handleRequest answers every request.
    const bool closeAfter
        = request.value("connection"_ba).trimmed().compare("close", Qt::CaseInsensitive) == 0;
    send(socket,
        errorResponse(m_service.clock().now(),
            serviceError(404, u"UnknownOperationException"_s, u"Not found"_s)),
        closeAfter);
}

} // namespace ecr::sandbox
