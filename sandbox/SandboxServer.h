#pragma once

#include "SandboxHttp.h"

#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QUrl>
#include <QtHttpServer/qabstracthttpserver.h>

#include <memory>
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

// A canned answer for a test of a broken or hostile server: sent instead of the service's for
// one request of an operation, with the status, type and body given. A slow drip writes the
// answer `dripBytes` at a time every `dripIntervalMs` (an answer that never quite finishes).
struct ScriptedAnswer
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/x-amz-json-1.1");
    QByteArray body;
    int dripBytes = 0; // 0: all at once
    int dripIntervalMs = 0;
};

// Requests in flight, counted across the servers that share the gauge (two sandboxes standing
// for two accounts) and per signing region (the region of the request's SigV4 scope; empty for
// unsigned requests): tests assert a client's bounds overall and per region.
class InFlightGauge final
{
public:
    void enter(const QString& region);
    void leave(const QString& region);
    int now() const { return m_now; }
    int max() const { return m_max; }
    int maxInRegion(const QString& region) const { return m_regionMax.value(region); }
    // The highest per-region figure of any region.
    int maxInAnyRegion() const;
    // Regions that saw at least one request.
    int regionCount() const { return int(m_regionMax.size()); }

private:
    int m_now = 0;
    int m_max = 0;
    QHash<QString, int> m_region;
    QHash<QString, int> m_regionMax;
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
    int requestsReceived() const { return m_requestsReceived; } // every request, faults included
    // Requests received and not answered yet, and the most there ever were at once (tests assert
    // a client's bound on requests in flight).
    int inFlight() const { return m_inFlight; }
    int maxInFlight() const { return m_maxInFlight; }
    void resetMaxInFlight() { m_maxInFlight = m_inFlight; }
    // Counts this server's requests into `gauge` as well (null: none).
    void setGauge(std::shared_ptr<InFlightGauge> gauge) { m_gauge = std::move(gauge); }
    // The region of a request's SigV4 credential scope (Authorization header or
    // X-Amz-Credential); empty when it has none.
    static QString signingRegionOf(const HttpRequest& request);
    // Deterministic faults: the next requests for `operation` (an ECR operation such as
    // "CreatePullThroughCacheRule", or an STS action) get these faults, one each, in order,
    // before the random ones are rolled. For tests that must hit one path every time.
    void queueFaults(const QString& operation, const QList<Fault>& faults);
    // The next requests for `operation` get these answers, one each, in order; the service does
    // not see them (nothing changes). Checked before the queued and random faults.
    void queueAnswers(const QString& operation, const QList<ScriptedAnswer>& answers);
    int scriptedAnswersLeft(const QString& operation) const
    {
        return int(m_scriptedAnswers.value(operation).size());
    }
    // The operation (ECR) or action (STS) a request names; empty when it names none.
    static QString operationOf(const HttpRequest& request);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    Fault rollFault();
    // Writes the response (or aborts the connection when there is none), after the latency.
    void deliver(QTcpSocket* socket, std::optional<HttpResponse> response, bool closeAfter,
        const QString& region);
    void leave(const QString& region);
    void drip(QTcpSocket* socket, const QByteArray& bytes, const ScriptedAnswer& answer,
        const QString& region);

    SandboxService& m_service;
    FaultConfig m_faults;
    std::mt19937 m_random;
    int m_faultsInjected = 0;
    int m_requestsReceived = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
    std::shared_ptr<InFlightGauge> m_gauge;
    QHash<QString, QList<Fault>> m_queuedFaults;
    QHash<QString, QList<ScriptedAnswer>> m_scriptedAnswers;
    QHostAddress m_host;
    quint16 m_port = 0;
    QString m_errorString;
    std::optional<QSslConfiguration> m_tls;
};

} // namespace ecr::sandbox
