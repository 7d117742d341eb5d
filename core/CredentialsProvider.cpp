#include "CredentialsProvider.h"

#include <QCoreApplication>

namespace ecr {

QCoro::Task<Result<sigv4::Credentials>> StaticCredentialsProvider::credentials()
{
    if (!m_credentials.isValid())
        co_return makeError(ErrorKind::Credentials, QStringLiteral("NoCredentials"),
            QCoreApplication::translate("ecr::Credentials", "No access key is configured."), 0);
    co_return m_credentials;
}

} // namespace ecr
