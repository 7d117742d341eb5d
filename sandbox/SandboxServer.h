#pragma once

#include "SandboxHttp.h"

#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QUrl>
#include <QtHttpServer/qabstracthttpserver.h>

#include <optional>
#include <random>

namespace ecr::sandbox {

class SandboxService;

// Faults injected per request, each with its own probability (0..1; the rates together at most
// 1). One roll per request, from a std::mt19937 seeded with `seed`, so a run is reproducible.
struct FaultConfig
{
    double throttleRate = 0; // 400 ThrottlingException (STS: Throttling) "Rate exceeded"
    double serverErrorRate = 0; // 500 ServerException (STS: InternalFailure), operation not run
    double html503Rate = 0; // 503 with an HTML body (a proxy's answer), operation not run
    double resetRate = 0; // connection aborted without an answer, operation not run
    double commitThenResetRate = 0; // operation run (state changes), then connection aborted
    int latencyMs = 0; // every answer (and every abort) is delayed this long
    quint32 seed = 1;
};

// The HTTP transport of the sandbox: turns each request into an HttpRequest for the
// SandboxService, injects the configured faults and writes the answer. Owns nothing but a
// reference to the service; the server stays responsive while answers are delayed.
class SandboxServer final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    enum class Fault
    {
        None,
        Throttle,
        ServerError,
        Html503,
        Reset,
        CommitThenReset,
    };

    explicit SandboxServer(
        SandboxService& service, FaultConfig faults = {}, QObject* parent = nullptr);

    // false, with errorString(), when the address cannot be bound (a busy port, say).
    bool listen(const QHostAddress& host = QHostAddress::LocalHost, quint16 port = 0);
    QString errorString() const { return m_errorString; }
    quint16 port() const { return m_port; }
    QUrl url() const; // http(s)://127.0.0.1:P (the listening address; 127.0.0.1 for "any")

    void setFaults(const FaultConfig& faults);
    // Loads a PEM certificate and key; call before listen(). false with *error on failure.
    bool enableTls(const QString& certFile, const QString& keyFile, QString* error);
    int faultsInjected() const { return m_faultsInjected; }
    // Requests received and not answered yet, and the most there ever were at once (tests assert
    // a client's bound on requests in flight).
    int inFlight() const { return m_inFlight; }
    int maxInFlight() const { return m_maxInFlight; }
    void resetMaxInFlight() { m_maxInFlight = m_inFlight; }
    // Deterministic faults: the next requests for `operation` (an ECR operation such as
    // "CreatePullThroughCacheRule", or an STS action) get these faults, one each, in order,
    // before the random ones are rolled. For tests that must hit one path every time.
    void queueFaults(const QString& operation, const QList<Fault>& faults);
    // The operation (ECR) or action (STS) a request names; empty when it names none.
    static QString operationOf(const HttpRequest& request);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    Fault rollFault();
    // Writes the response (or aborts the connection when there is none), after the latency.
    void deliver(QTcpSocket* socket, std::optional<HttpResponse> response, bool closeAfter);

    SandboxService& m_service;
    FaultConfig m_faults;
    std::mt19937 m_random;
    int m_faultsInjected = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
    QHash<QString, QList<Fault>> m_queuedFaults;
    QHostAddress m_host;
    quint16 m_port = 0;
    QString m_errorString;
    std::optional<QSslConfiguration> m_tls;
};

} // namespace ecr::sandbox
