#include "SandboxHttp.h"

#include <QJsonDocument>
#include <QLocale>
#include <QUuid>

namespace ecr::sandbox {

using namespace Qt::StringLiterals;

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray httpDate(const QDateTime& time)
{
    return QLocale::c().toString(time.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
}

HttpResponse jsonResponse(const QDateTime& now, const QJsonObject& body, int status)
{
    HttpResponse response;
    response.status = status;
    response.headers = {
        {"x-amzn-RequestId"_ba, QUuid::createUuid().toByteArray(QUuid::WithoutBraces)},
        {"Date"_ba, httpDate(now)},
        {"Content-Type"_ba, kAmzJsonContentType.toByteArray()},
    };
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse errorResponse(const QDateTime& now, const AwsError& error)
{
    HttpResponse response = jsonResponse(now,
        QJsonObject{{"__type"_L1, error.code}, {"message"_L1, error.message}}, error.httpStatus);
    response.headers.append({"x-amzn-ErrorType"_ba, error.code.toLatin1()});
    return response;
}

AwsError serviceError(int status, const QString& code, const QString& message)
{
    AwsError error;
    error.kind = ErrorKind::Service;
    error.code = code;
    error.message = message;
    error.httpStatus = status;
    return error;
}

} // namespace ecr::sandbox
