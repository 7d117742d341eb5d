#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "SigV4.h"

#include <QCoroTask>
#include <QDateTime>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QUrl>

#include <chrono>
#include <optional>

class QNetworkAccessManager;

// One HTTP exchange and nothing more: send a request, read the answer while it downloads (never
// more than a cap), stop at the attempt timeout or when cancelled, and turn transport failures
// into typed errors. The call pipeline (ServiceClient) calls it once per attempt.
namespace ecr {

struct HttpRequest
{
    QByteArray method = QByteArrayLiteral("POST");
    QUrl url; // scheme, host, port, path and query as they go on the wire
    sigv4::HeaderList headers; // besides Host, which comes from the URL
    QByteArray body;

    QByteArray header(QByteArrayView name) const; // first value, case-insensitive
    void setHeader(const QByteArray& name, const QByteArray& value); // replaces that name
};

struct HttpAnswer
{
    int status = 0;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray body; // may carry secrets (STS, SSO): logged only through logging::redactBody
    QDateTime serverDate; // the Date header, when valid

    QByteArray header(QByteArrayView name) const; // case-insensitive; empty if absent
};

struct TransportOptions
{
    std::chrono::milliseconds timeout{30000}; // from sending to the last byte
    qint64 maxResponseBytes = 4 * 1024 * 1024; // larger answers are aborted while they arrive
    std::optional<QSslConfiguration> tls; // for https: with the profile's extra CAs
    QUrl proxy; // the profile's proxy (see Proxy.h); empty: the app's proxy factory decides
};

inline constexpr auto kResponseTooLargeCode = QLatin1StringView("ResponseTooLarge");

// Sends the request and waits for the whole answer (a coroutine; nothing blocks). An answer
// larger than options.maxResponseBytes (by its Content-Length, or as it arrives) is aborted with
// an InvalidResponse error coded ResponseTooLarge; memory stays bounded by the cap. `service`
// names the other side in messages ("Amazon ECR", "AWS STS"). Redirects are not followed and no
// HTTP cache is used.
QCoro::Task<Result<HttpAnswer>> sendHttp(QNetworkAccessManager& network, HttpRequest request,
    TransportOptions options, CancelToken cancel, QString service);

// Waits `delay` (a retry backoff) without blocking; wakes early when `cancel` fires. False when
// cancelled.
QCoro::Task<bool> sleepUnlessCancelled(std::chrono::milliseconds delay, CancelToken cancel);

// The Host header SigV4 signs for a URL: host, plus the port when it is not the default.
QByteArray hostHeader(const QUrl& url);
// An HTTP date (IMF-fixdate, "Fri, 27 Nov 2026 01:09:37 GMT"); Qt's RFC 2822 parser wants a
// numeric zone, so "GMT"/"UTC" become "+0000".
QDateTime parseHttpDate(const QByteArray& value);
// A QNetworkReply failure without an HTTP status, as a typed error.
AwsError transportError(
    QNetworkReply::NetworkError error, const QString& detail, const QString& service);
// Whether a request that failed this way may have reached the server (and had an effect).
// False only when it certainly did not: no such host, connection refused, TLS handshake failed,
// cancelled or refused before sending.
bool mayHaveReachedServer(const AwsError& error);

} // namespace ecr
