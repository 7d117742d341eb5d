#include "ServiceClient.h"

#include "LogRedaction.h"
#include "TransportSecurity.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QUuid>

Q_LOGGING_CATEGORY(lcAwsCall, "ecr.aws.call", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::ServiceClient)
};

// At debug level, what goes on the wire, with every credential redacted where it is written.
void logRequest(const QString& operation, const HttpRequest& request)
{
    QStringList headers;
    for (const sigv4::Header& header : request.headers)
        headers.append(QString::fromLatin1(header.name) + u": "_s
            + (logging::isSecretHeader(header.name) ? QString::fromLatin1(logging::kRedacted)
                                                    : QString::fromUtf8(header.value)));
    qCDebug(lcAwsCall).noquote() << "request" << operation << QString::fromLatin1(request.method)
                                 << logging::redactText(request.url.toString()) << "headers"
                                 << headers.join(u"; "_s) << "body"
                                 << logging::redactBody(request.body);
}

AwsError cancelled(int attempts)
{
    return makeError(
        ErrorKind::Cancelled, QString(), Tr::tr("The request was cancelled."), attempts);
}

// Its owner destroyed the client mid-call (a session closed): as good as cancelled.
AwsError clientGone(const QString& serviceName, int attempts)
{
    return makeError(ErrorKind::Cancelled, QStringLiteral("ClientClosed"),
        Tr::tr("The %1 request was stopped: its connection was closed.").arg(serviceName),
        attempts);
}

Result<ServiceAnswer> successAnswer(
    const ServiceInfo& service, const ProtocolAdapter& adapter, const HttpAnswer& answer)
{
    ServiceAnswer out;
    out.status = answer.status;
    out.headers = answer.headers;
    out.body = answer.body;
    out.requestId = requestIdOf(answer);
    out.serverDate = answer.serverDate;
    if (!adapter.jsonAnswers)
        return out;
    if (answer.body.trimmed().isEmpty())
        return out;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(answer.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        AwsError e = makeError(ErrorKind::InvalidResponse, QString(),
            Tr::tr("%1 answered with a body that is not JSON.").arg(service.displayName));
        e.httpStatus = answer.status;
        e.requestId = out.requestId;
        return e;
    }
    out.json = doc.object();
    return out;
}

NoAuth& unsignedRequests()
{
    static NoAuth none;
    return none;
}

} // namespace

QByteArray ServiceClient::userAgent()
{
    QByteArray version = QCoreApplication::applicationVersion().toLatin1();
    if (version.isEmpty())
        version = "unknown";
    return "ecr-ptc-admin/" + version + " Qt/" + QByteArray(qVersion());
}

ServiceClient::ServiceClient(QNetworkAccessManager& network, const Clock& clock,
    ServiceClientConfig config, RequestAuth* auth, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
    , m_config(std::move(config))
    , m_auth(auth)
    , m_bucket(m_config.retry)
    , m_random(QRandomGenerator::global()->generate())
{
    m_transport.timeout = m_config.attemptTimeout;
    m_transport.maxResponseBytes = m_config.maxResponseBytes;
    m_transport.proxy = m_config.proxy;
    m_setupError = checkEndpointUrl(m_config.endpoint.url, m_config.endpointOrigin);
    if (!m_setupError && !m_config.caBundlePath.isEmpty()) {
        const Result<QList<QSslCertificate>> bundle = loadCaBundle(m_config.caBundlePath);
        if (bundle) {
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.addCaCertificates(bundle.value());
            m_transport.tls = tls;
        } else {
            m_setupError = bundle.error();
        }
    }
}

ServiceClient::~ServiceClient() = default;

QCoro::Task<Result<ServiceAnswer>> ServiceClient::call(
    OperationRequest operation, CancelToken cancel)
{
    // Named locals: GCC 12 destroys some temporaries of a co_await expression twice.
    RequestAuth* auth = m_auth;
    const OperationRequest named = std::move(operation);
    const CancelToken token = std::move(cancel);
    Result<ServiceAnswer> result = co_await call(named, auth, token);
    co_return result;
}

QCoro::Task<Result<ServiceAnswer>> ServiceClient::call(
    OperationRequest operation, RequestAuth* auth, CancelToken cancel)
{
    const QString name = operation.name;
    const OperationRequest named = std::move(operation);
    const CancelToken token = std::move(cancel);
    Result<ServiceAnswer> result = co_await attempts(named, auth, token);
    if (result || !result.error().operation.isEmpty())
        co_return result;
    AwsError error = result.error();
    error.operation = name;
    co_return error;
}

QCoro::Task<Result<ServiceAnswer>> ServiceClient::attempts(
    OperationRequest operation, RequestAuth* auth, CancelToken cancel)
{
    if (m_setupError) {
        AwsError error = *m_setupError; // a copy: QCoro 0.8 moves from what co_return names
        error.attempts = 0;
        co_return error;
    }
    if (!auth)
        auth = &unsignedRequests();
    const ServiceInfo& service = m_config.service;
    const ProtocolAdapter& adapter = protocolAdapter(service.protocol);
    const QByteArray invocationId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    TransportOptions transport = m_transport;
    if (operation.maxResponseBytes > 0)
        transport.maxResponseBytes = operation.maxResponseBytes;
    const QString serviceName = service.displayName;
    CallRetry retry(m_config.retry, m_bucket, m_random, m_clock, m_clockOffset);
    // A client destroyed while its call waits (its owner went away) is not touched again.
    const QPointer<ServiceClient> self(this);
    bool renewedCredentials = false; // refused credentials are renewed once per call

    for (int attempt = 1;; ++attempt) {
        if (cancel && cancel->isCancelled())
            co_return cancelled(attempt - 1);

        HttpRequest request = adapter.buildRequest(service, m_config.endpoint.url, operation);
        SigningScope scope;
        scope.region = m_config.endpoint.signingRegion.toLatin1();
        scope.service = service.signingName;
        scope.clockOffset = m_clockOffset;
        const Result<Unit> authorized = co_await auth->authorize(request, scope, cancel);
        if (!self)
            co_return clientGone(serviceName, attempt - 1);
        if (!authorized) {
            AwsError error = authorized.error();
            error.attempts = attempt - 1;
            co_return error;
        }
        request.setHeader("amz-sdk-invocation-id", invocationId);
        request.setHeader("amz-sdk-request",
            "attempt=" + QByteArray::number(attempt)
                + "; max=" + QByteArray::number(m_config.retry.maxAttempts));
        request.setHeader("User-Agent", userAgent());

        qCDebug(lcAwsCall) << "send" << serviceName << operation.name << "attempt" << attempt
                           << "to" << request.url.host();
        if (lcAwsCall().isDebugEnabled())
            logRequest(operation.name, request);
        const Result<HttpAnswer> answer
            = co_await sendHttp(m_network, request, transport, cancel, serviceName);
        if (!self)
            co_return clientGone(serviceName, attempt);
        AwsError error;
        QDateTime serverDate;
        if (answer) {
            const HttpAnswer& http = answer.value();
            serverDate = http.serverDate;
            qCDebug(lcAwsCall) << "answer" << operation.name << "HTTP" << http.status
                               << "request id" << requestIdOf(http);
            if (lcAwsCall().isDebugEnabled())
                qCDebug(lcAwsCall).noquote()
                    << "answer body" << operation.name << logging::redactBody(http.body);
            if (http.status >= 200 && http.status < 300) {
                Result<ServiceAnswer> parsed = successAnswer(service, adapter, http);
                if (parsed) {
                    retry.onSuccess();
                    ServiceAnswer out = std::move(parsed).value();
                    out.attempts = attempt;
                    co_return out;
                }
                error = parsed.error();
            } else {
                error = adapter.parseError(service, http);
            }
        } else {
            error = answer.error();
        }
        error.attempts = attempt;
        if (error.kind == ErrorKind::Cancelled)
            co_return error;
        if (!renewedCredentials && refusesCredentials(error)) {
            // Refused at the door (nothing was done): with new temporary credentials the call
            // is sent again once, whether or not the operation is retryable.
            renewedCredentials = true;
            const bool renewed = co_await auth->credentialsRefused();
            if (!self)
                co_return clientGone(serviceName, attempt);
            if (renewed) {
                qCInfo(lcAwsCall) << serviceName << "refused the credentials" << error.code
                                  << "; sending" << operation.name << "again with new ones";
                continue;
            }
        }
        if (!operation.retryable && mayHaveReachedServer(error)) {
            // Only worth a line when another call would have been retried.
            if (classifyForRetry(error, operation.name) != RetryClass::None)
                qCInfo(lcAwsCall) << operation.name
                                  << "is not retried: it may have reached the server" << error.code
                                  << errorKindName(error.kind);
            // Still learn what the answer says about the clock, for the next call.
            const CallRetry::ClockCheck clock = retry.checkClock(error, serverDate);
            if (clock.error) {
                AwsError replaced = *clock.error;
                co_return replaced;
            }
            co_return error;
        }

        const CallRetry::Decision decision = retry.onFailure(error, operation.name, serverDate);
        if (decision.action == CallRetry::Decision::Action::GiveUp) {
            if (decision.error) {
                AwsError replaced = *decision.error;
                co_return replaced;
            }
            co_return error;
        }
        if (decision.action == CallRetry::Decision::Action::RetryNow) {
            qCInfo(lcAwsCall) << "clock skew corrected for" << serviceName << "; offset now"
                              << m_clockOffset.count() << "ms";
            continue;
        }
        const auto delay = decision.delay;
        qCDebug(lcAwsCall) << "retrying" << operation.name << "after" << delay.count() << "ms;"
                           << error.code << errorKindName(error.kind);
        const bool slept = co_await sleepUnlessCancelled(delay, cancel);
        if (!self)
            co_return clientGone(serviceName, attempt);
        if (!slept)
            co_return cancelled(attempt);
    }
}

} // namespace ecr
