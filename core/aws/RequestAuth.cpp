#include "RequestAuth.h"

namespace ecr {

RequestAuth::~RequestAuth() = default;

QCoro::Task<bool> RequestAuth::credentialsRefused()
{
    co_return false;
}

QCoro::Task<bool> SigV4Auth::credentialsRefused()
{
    const QString accessKeyId = m_lastAccessKeyId;
    if (accessKeyId.isEmpty())
        co_return false;
    const bool renewed = co_await m_credentials.refused(accessKeyId);
    co_return renewed;
}

SigV4Auth::SigV4Auth(CredentialsProvider& credentials, const Clock& clock)
    : m_credentials(credentials)
    , m_signer(clock)
{ }

QCoro::Task<Result<Unit>> SigV4Auth::authorize(
    HttpRequest& request, SigningScope scope, CancelToken cancel)
{
    const Result<sigv4::Credentials> credentials = co_await m_credentials.credentials(cancel);
    if (!credentials)
        co_return credentials.error();
    m_lastAccessKeyId = credentials.value().accessKeyId;

    sigv4::Request toSign;
    toSign.method = request.method;
    toSign.path = request.url.path(QUrl::FullyEncoded).toLatin1();
    if (toSign.path.isEmpty())
        toSign.path = "/";
    toSign.query = request.url.query(QUrl::FullyEncoded).toLatin1();
    toSign.headers = request.headers;
    toSign.setHeader("Host", hostHeader(request.url));
    toSign.body = request.body;

    SigV4Signer::Options options;
    options.region = scope.region;
    options.service = scope.service;
    options.clockOffset = scope.clockOffset;
    const SigV4Signer::Result signedRequest
        = m_signer.signHeaders(std::move(toSign), credentials.value(), options);
    request.headers.clear();
    for (const sigv4::Header& header : signedRequest.request.headers) {
        if (QByteArrayView(header.name).compare("Host", Qt::CaseInsensitive) != 0)
            request.headers.append(header);
    }
    co_return Unit{};
}

BearerTokenAuth::BearerTokenAuth(TokenSource source, QByteArray headerName, QByteArray prefix)
    : m_source(std::move(source))
    , m_headerName(std::move(headerName))
    , m_prefix(std::move(prefix))
{ }

QCoro::Task<Result<Unit>> BearerTokenAuth::authorize(
    HttpRequest& request, SigningScope, CancelToken cancel)
{
    const Result<QString> token = co_await m_source(cancel);
    if (!token)
        co_return token.error();
    request.setHeader(m_headerName, m_prefix + token.value().toUtf8());
    co_return Unit{};
}

BasicAuth::BasicAuth(QString user, QString password)
    : m_header("Basic " + (user + u':' + password).toUtf8().toBase64())
{ }

QCoro::Task<Result<Unit>> BasicAuth::authorize(HttpRequest& request, SigningScope, CancelToken)
{
    request.setHeader("Authorization", m_header);
    co_return Unit{};
}

QCoro::Task<Result<Unit>> NoAuth::authorize(HttpRequest&, SigningScope, CancelToken)
{
    co_return Unit{};
}

} // namespace ecr
