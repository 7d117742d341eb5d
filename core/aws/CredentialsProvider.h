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
    // The service refused the credentials with access key `accessKeyId` as expired or unknown
    // (ExpiredToken*, UnrecognizedClient, InvalidClientTokenId). A provider of temporary
    // credentials drops them, from memory and its cache, and returns true when the next
    // credentials() fetches new ones; fixed keys have nothing to renew and return false.
    virtual QCoro::Task<bool> refused(QString accessKeyId);
};

// Whether an answer refuses the credentials themselves: expired, or unknown to this issuer.
bool refusesCredentials(const AwsError& error);

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
