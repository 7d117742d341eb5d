#pragma once

#include "CredentialsProvider.h"

#include <QProcessEnvironment>

namespace ecr {

// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, read when asked (so a changed
// environment is seen), from an injectable environment for tests.
class EnvironmentCredentialsProvider final : public CredentialsProvider
{
public:
    explicit EnvironmentCredentialsProvider(
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment())
        : m_environment(std::move(environment))
    { }
    static bool isAvailable(const QProcessEnvironment& environment);
    using CredentialsProvider::credentials;
    QCoro::Task<Result<sigv4::Credentials>> credentials(CancelToken cancel) override;

private:
    QProcessEnvironment m_environment;
};

} // namespace ecr
