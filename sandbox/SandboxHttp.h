#pragma once

#include "AwsError.h"
#include "SigV4.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <utility>

// The sandbox's view of HTTP: plain request and response values, so the service logic runs
// without sockets, and the awsJson1_1 response shapes (success and error) every answer shares.
namespace ecr::sandbox {

struct HttpRequest
{
    QByteArray method;
    QByteArray path; // as received, percent-encoded
    QByteArray query; // as received, without '?'
    sigv4::HeaderList headers;
    QByteArray body;
};

struct HttpResponse
{
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const; // first value, case-insensitive; empty if none
};

inline constexpr QByteArrayView kAmzJsonContentType = "application/x-amz-json-1.1";

// "Fri, 27 Nov 2026 12:00:00 GMT" (RFC 7231 IMF-fixdate).
QByteArray httpDate(const QDateTime& time);

// A 200 (or other status) with a compact JSON body and the headers every ECR answer carries:
// x-amzn-RequestId (a fresh UUID), Date (from `now`) and the awsJson content type.
HttpResponse jsonResponse(const QDateTime& now, const QJsonObject& body, int status = 200);

// An awsJson error: {"__type": code, "message": text} plus the x-amzn-ErrorType header.
HttpResponse errorResponse(const QDateTime& now, const AwsError& error);

// A service error value; `status` is 400 for client errors, 403 for authentication, 500 for
// ServerException.
AwsError serviceError(int status, const QString& code, const QString& message);

} // namespace ecr::sandbox
