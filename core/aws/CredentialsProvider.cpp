#include "CredentialsProvider.h"

#include <QCoreApplication>

namespace ecr {

QCoro::Task<Result<sigv4::Credentials>> StaticCredentialsProvider::credentials(CancelToken)
{
    if (!m_credentials.isValid())
        co_return makeError(ErrorKind::Credentials, QStringLiteral("NoCredentials"),
            QCoreApplication::translate("ecr::Credentials", "No access key is configured."), 0);
    // A copy on purpose: QCoro 0.8's return_value(U&&) moves from non-const lvalues.
    sigv4::Credentials copy = m_credentials;
    co_return copy;
}

QCoro::Task<bool> CredentialsProvider::refused(QString)
{
    co_return false;
}

bool refusesCredentials(const AwsError& error)
{
    if (error.kind != ErrorKind::Service)
        return false;
    for (const char* code : {"ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException",
             "UnrecognizedClient", "InvalidClientTokenId"}) {
        if (error.code == QLatin1StringView(code))
            return true;
    }
    return false;
}

} // namespace ecr
