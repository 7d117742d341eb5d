#include "EnvironmentCredentials.h"

#include <QCoreApplication>

namespace ecr {

bool EnvironmentCredentialsProvider::isAvailable(const QProcessEnvironment& environment)
{
    return !environment.value(QStringLiteral("AWS_ACCESS_KEY_ID")).isEmpty()
        && !environment.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")).isEmpty();
}

QCoro::Task<Result<sigv4::Credentials>> EnvironmentCredentialsProvider::credentials(CancelToken)
{
    if (!isAvailable(m_environment))
        co_return makeError(ErrorKind::Credentials, QStringLiteral("NoCredentials"),
            QCoreApplication::translate("ecr::EnvironmentCredentials",
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set."),
            0);
    sigv4::Credentials credentials{m_environment.value(QStringLiteral("AWS_ACCESS_KEY_ID")),
        m_environment.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")),
        m_environment.value(QStringLiteral("AWS_SESSION_TOKEN"))};
    co_return credentials;
}

} // namespace ecr
