#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "SigV4.h"

#include <QCoroTask>

namespace ecr {

// Where a client gets the credentials it signs with, asked again before every attempt so that
// refreshed temporary credentials are picked up. Getting them may prompt for an MFA code, call
// STS or run a credential_process command; cancelling the token stops all of that.
class CredentialsProvider
{
public:
    virtual ~CredentialsProvider() = default;
    virtual QCoro::Task<Result<sigv4::Credentials>> credentials(CancelToken cancel) = 0;
    QCoro::Task<Result<sigv4::Credentials>> credentials() { return credentials(CancelToken()); }
};

// Fixed credentials (the Local sandbox's demo keys, tests).
class StaticCredentialsProvider final : public CredentialsProvider
{
public:
    explicit StaticCredentialsProvider(sigv4::Credentials credentials)
        : m_credentials(std::move(credentials))
    { }
    using CredentialsProvider::credentials;
    QCoro::Task<Result<sigv4::Credentials>> credentials(CancelToken cancel) override;

private:
    sigv4::Credentials m_credentials;
};

} // namespace ecr
