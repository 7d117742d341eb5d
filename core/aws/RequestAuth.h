#pragma once

#include "Cancellation.h"
#include "Clock.h"
#include "CredentialsProvider.h"
#include "HttpTransport.h"
#include "SigV4Signer.h"

#include <QCoroTask>

#include <chrono>
#include <functional>

// How a request proves who sends it. Each strategy decorates one attempt's request and is asked
// again before every attempt, so refreshed credentials or tokens are picked up and a signature
// always carries the attempt's own time.
namespace ecr {

// What SigV4 signs with besides the credentials: the scope and the clock-skew correction.
struct SigningScope
{
    QByteArray region;
    QByteArray service;
    std::chrono::milliseconds clockOffset{0};
};

class RequestAuth
{
public:
    virtual ~RequestAuth();
    // Adds what the strategy adds to `request` (which outlives the call). An error (no
    // credentials, a cancelled MFA prompt) ends the call before anything is sent.
    virtual QCoro::Task<Result<Unit>> authorize(
        HttpRequest& request, SigningScope scope, CancelToken cancel)
        = 0;
    // The service refused what the last authorize() added as expired or unknown (see
    // refusesCredentials). True when the strategy dropped it and the next authorize() brings new
    // credentials, so the call may be sent once more; the default has nothing to renew.
    virtual QCoro::Task<bool> credentialsRefused();
};

// AWS Signature Version 4 in the Authorization header, with the credentials of a provider.
class SigV4Auth final : public RequestAuth
{
public:
    SigV4Auth(CredentialsProvider& credentials, const Clock& clock);
    QCoro::Task<Result<Unit>> authorize(
        HttpRequest& request, SigningScope scope, CancelToken cancel) override;
    QCoro::Task<bool> credentialsRefused() override;
    const SigV4Signer& signer() const { return m_signer; }

private:
    CredentialsProvider& m_credentials;
    SigV4Signer m_signer;
    QString m_lastAccessKeyId; // whose signature the last request carried
};

// A bearer token in a header: "Authorization: Bearer <token>", or a service's own header (the
// SSO portal's x-amz-sso_bearer_token carries the bare token).
class BearerTokenAuth final : public RequestAuth
{
public:
    using TokenSource = std::function<QCoro::Task<Result<QString>>(CancelToken)>;
    explicit BearerTokenAuth(
        TokenSource source, QByteArray headerName = "Authorization", QByteArray prefix = "Bearer ");
    QCoro::Task<Result<Unit>> authorize(
        HttpRequest& request, SigningScope scope, CancelToken cancel) override;

private:
    TokenSource m_source;
    QByteArray m_headerName;
    QByteArray m_prefix;
};

// HTTP Basic authentication with a fixed user and password (a registry token).
class BasicAuth final : public RequestAuth
{
public:
    BasicAuth(QString user, QString password);
    QCoro::Task<Result<Unit>> authorize(
        HttpRequest& request, SigningScope scope, CancelToken cancel) override;

private:
    QByteArray m_header;
};

// Unsigned requests (the SSO OIDC device flow).
class NoAuth final : public RequestAuth
{
public:
    QCoro::Task<Result<Unit>> authorize(
        HttpRequest& request, SigningScope scope, CancelToken cancel) override;
};

} // namespace ecr
