#pragma once

#include "AwsError.h"
#include "Cancellation.h"

#include <QCoroTask>
#include <QDateTime>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <chrono>
#include <optional>

class QNetworkAccessManager;

// One HTTP POST and what came back, shared by the awsJson client (ECR) and the STS client:
// the per-attempt timeout, cancellation, and the mapping of transport failures to AwsError.
namespace ecr {

struct HttpExchange
{
    std::optional<AwsError> failure; // no usable HTTP answer (transport, timeout, cancelled)
    int status = 0;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray body;
    QDateTime serverDate; // the Date header, when valid

    QByteArray header(QByteArrayView name) const; // case-insensitive; empty if absent
};

// Sends the request, waits for the whole answer (never blocking: a coroutine), aborts it when the
// timeout passes or `cancel` fires. `service` names the other side in messages ("ECR", "STS").
QCoro::Task<HttpExchange> postOnce(QNetworkAccessManager& network, QNetworkRequest request,
    QByteArray body, std::chrono::milliseconds timeout, CancelToken cancel, QString service);

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

} // namespace ecr
