#pragma once

#include "AwsError.h"
#include "SigV4.h"

#include <QCoroTask>

namespace ecr {

// Where a client gets the credentials it signs with, asked again before every attempt so that
// refreshed temporary credentials are picked up.
class CredentialsProvider
{
public:
    virtual ~CredentialsProvider() = default;
    virtual QCoro::Task<Result<sigv4::Credentials>> credentials() = 0;
};

// Fixed credentials (the Local sandbox's demo keys, tests).
class StaticCredentialsProvider final : public CredentialsProvider
{
public:
    explicit StaticCredentialsProvider(sigv4::Credentials credentials)
        : m_credentials(std::move(credentials))
    { }
    QCoro::Task<Result<sigv4::Credentials>> credentials() override;

private:
    sigv4::Credentials m_credentials;
};

} // namespace ecr
