#include "StsClient.h"

#include "HttpExchange.h"

#include <QCoreApplication>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSslConfiguration>

Q_LOGGING_CATEGORY(lcSts, "ecr.sts", QtInfoMsg)

namespace ecr {

using namespace Qt::StringLiterals;

struct StsClient::AttemptOutcome
{
    std::optional<Response> response;
    AwsError error;
    QDateTime serverDate;
};

StsClient::StsClient(
    QNetworkAccessManager& network, const Clock& clock, StsConfig config, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
    , m_config(std::move(config))
    , m_signer(clock)
    , m_bucket(m_config.retry)
    , m_random(QRandomGenerator::global()->generate())
{ }

QCoro::Task<Result<StsAssumeRoleResult>> StsClient::assumeRole(
    sigv4::Credentials credentials, StsAssumeRoleRequest request, CancelToken cancel)
{
    sts::Parameters parameters;
    parameters.append({u"RoleArn"_s, request.roleArn});
    parameters.append({u"RoleSessionName"_s, request.roleSessionName});
    if (request.durationSeconds)
        parameters.append({u"DurationSeconds"_s, QString::number(*request.durationSeconds)});
    if (!request.externalId.isEmpty())
        parameters.append({u"ExternalId"_s, request.externalId});
    if (!request.serialNumber.isEmpty()) {
        parameters.append({u"SerialNumber"_s, request.serialNumber});
        parameters.append({u"TokenCode"_s, request.tokenCode});
    }
    const Result<Response> response = co_await call(
        u"AssumeRole"_s, std::move(parameters), std::move(credentials), std::move(cancel));
    if (!response)
        co_return response.error();
    co_return sts::parseAssumeRole(response->body);
}

QCoro::Task<Result<TemporaryCredentials>> StsClient::getSessionToken(
    sigv4::Credentials credentials, StsGetSessionTokenRequest request, CancelToken cancel)
{
    sts::Parameters parameters;
    if (request.durationSeconds)
        parameters.append({u"DurationSeconds"_s, QString::number(*request.durationSeconds)});
    if (!request.serialNumber.isEmpty()) {
        parameters.append({u"SerialNumber"_s, request.serialNumber});
        parameters.append({u"TokenCode"_s, request.tokenCode});
    }
    const Result<Response> response = co_await call(
        u"GetSessionToken"_s, std::move(parameters), std::move(credentials), std::move(cancel));
    if (!response)
        co_return response.error();
    co_return sts::parseGetSessionToken(response->body);
}

QCoro::Task<Result<CallerIdentity>> StsClient::getCallerIdentity(
    sigv4::Credentials credentials, CancelToken cancel)
{
    const Result<Response> response
        = co_await call(u"GetCallerIdentity"_s, {}, std::move(credentials), std::move(cancel));
    if (!response)
        co_return response.error();
    co_return sts::parseGetCallerIdentity(response->body);
}

QCoro::Task<StsClient::AttemptOutcome> StsClient::sendOnce(const QUrl& url, const QString& action,
    const QByteArray& body, const sigv4::Credentials& credentials, const CancelToken& cancel)
{
    sigv4::Request request;
    request.method = "POST";
    request.path = url.path(QUrl::FullyEncoded).toLatin1();
    if (request.path.isEmpty())
        request.path = "/";
    request.query = url.query(QUrl::FullyEncoded).toLatin1();
    request.headers = {
        {"Host", hostHeader(url)},
        {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
    };
    request.body = body;
    SigV4Signer::Options options;
    options.region
        = m_config.region.isEmpty() ? QByteArray("us-east-1") : m_config.region.toLatin1();
    options.service = "sts";
    options.clockOffset = m_clockOffset;
    const auto signedRequest = m_signer.signHeaders(std::move(request), credentials, options);

    QNetworkRequest networkRequest(url);
    for (const auto& header : signedRequest.request.headers) {
        if (QByteArrayView(header.name).compare("Host", Qt::CaseInsensitive) != 0)
            networkRequest.setRawHeader(header.name, header.value);
    }
    networkRequest.setRawHeader("User-Agent",
        "ecr-ptc-admin/" + QCoreApplication::applicationVersion().toLatin1() + " Qt/"
            + QByteArray(qVersion()));
    networkRequest.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!m_config.caBundlePath.isEmpty() && url.scheme() == u"https") {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_config.caBundlePath);
        networkRequest.setSslConfiguration(tls);
    }

    qCDebug(lcSts) << "send" << action << "to" << url.host();
    const QString service = QStringLiteral("STS");
    const HttpExchange exchange = co_await postOnce(
        m_network, networkRequest, body, m_config.attemptTimeout, cancel, service);
    AttemptOutcome outcome;
    if (exchange.failure) {
        outcome.error = *exchange.failure;
        co_return outcome;
    }
    const int status = exchange.status;
    const QByteArray& responseBody = exchange.body; // secrets: never logged
    outcome.serverDate = exchange.serverDate;
    QString requestId = QString::fromLatin1(exchange.header("x-amzn-RequestId"));
    qCDebug(lcSts) << "answer" << action << "HTTP" << status << "request id" << requestId;
    if (status == 200) {
        outcome.response = Response{responseBody, requestId};
        co_return outcome;
    }
    outcome.error = sts::parseError(status, responseBody, requestId);
    co_return outcome;
}

QCoro::Task<Result<StsClient::Response>> StsClient::call(
    QString action, sts::Parameters parameters, sigv4::Credentials credentials, CancelToken cancel)
{
    const Result<QUrl> url = sts::endpoint(m_config.region, m_config.customEndpoint);
    if (!url)
        co_return url.error();
    if (!credentials.isValid())
        co_return makeError(
            ErrorKind::Credentials, u"NoCredentials"_s, tr("No credentials to call STS with."), 0);
    const QByteArray body = sts::formBody(action, parameters);
    CallRetry retry(m_config.retry, m_bucket, m_random, m_clock, m_clockOffset);
    for (int attempt = 1;; ++attempt) {
        if (cancel && cancel->isCancelled())
            co_return makeError(
                ErrorKind::Cancelled, QString(), tr("The request was cancelled."), attempt - 1);
        AttemptOutcome outcome = co_await sendOnce(url.value(), action, body, credentials, cancel);
        if (outcome.response) {
            retry.onSuccess();
            Response response = std::move(*outcome.response);
            co_return response;
        }
        AwsError error = std::move(outcome.error);
        error.attempts = attempt;
        const CallRetry::Decision decision = retry.onFailure(error, action, outcome.serverDate);
        if (decision.action == CallRetry::Decision::Action::GiveUp)
            co_return error;
        if (decision.action == CallRetry::Decision::Action::RetryNow)
            continue;
        const auto delay = decision.delay;
        qCDebug(lcSts) << "retrying" << action << "after" << delay.count() << "ms;" << error.code;
        if (!co_await sleepUnlessCancelled(delay, cancel))
            co_return makeError(
                ErrorKind::Cancelled, QString(), tr("The request was cancelled."), attempt);
    }
}

} // namespace ecr
