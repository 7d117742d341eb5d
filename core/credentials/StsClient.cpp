#include "StsClient.h"

#include <QCoreApplication>

Q_LOGGING_CATEGORY(lcSts, "ecr.sts", QtInfoMsg)

namespace ecr {

using namespace Qt::StringLiterals;

namespace {

// DurationSeconds, and SerialNumber + TokenCode: a request with a one-time code is sent once.
void addSessionParameters(OperationRequest& operation, const std::optional<int>& durationSeconds,
    const QString& serialNumber, const QString& tokenCode)
{
    if (durationSeconds)
        operation.parameters.append({u"DurationSeconds"_s, QString::number(*durationSeconds)});
    if (!serialNumber.isEmpty()) {
        operation.parameters.append({u"SerialNumber"_s, serialNumber});
        operation.parameters.append({u"TokenCode"_s, tokenCode});
        operation.retryable = false;
    }
}

// The typed answer of a call: its error, or what `parse` makes of the XML body.
template <typename T>
Result<T> parsed(const Result<ServiceAnswer>& answer, Result<T> (*parse)(const QByteArray&))
{
    if (!answer)
        return answer.error();
    return parse(answer->body);
}

} // namespace

QDateTime StsClient::onLocalClock(const QDateTime& expiration, const ServiceAnswer& answer) const
{
    // STS states the expiry on its own clock; freshness is judged on ours. The answer's Date
    // says how far apart they are (a skewed laptop would otherwise assume a role on every call
    // or use expired keys).
    if (!expiration.isValid() || !answer.serverDate.isValid())
        return expiration;
    return expiration.addMSecs(answer.serverDate.msecsTo(m_clock.now()));
}

StsClient::StsClient(
    QNetworkAccessManager& network, const Clock& clock, StsConfig config, QObject* parent)
    : QObject(parent)
    , m_clock(clock)
    , m_config(std::move(config))
{
    const Result<QUrl> url = sts::endpoint(m_config.region, m_config.customEndpoint);
    if (!url) {
        m_endpointError = url.error();
        return;
    }
    ServiceClientConfig pipeline;
    pipeline.service = service();
    pipeline.endpoint = {url.value(), m_config.region.isEmpty() ? u"us-east-1"_s : m_config.region,
        partitionForRegion(m_config.region).id};
    pipeline.endpointOrigin = m_config.customEndpointOrigin;
    pipeline.caBundlePath = m_config.caBundlePath;
    pipeline.proxy = m_config.proxy;
    pipeline.attemptTimeout = m_config.attemptTimeout;
    pipeline.retry = m_config.retry;
    m_pipeline = std::make_unique<ServiceClient>(network, clock, pipeline);
}

StsClient::~StsClient() = default;

ServiceInfo StsClient::service()
{
    return {tr("AWS STS"), "sts", Protocol::AwsQuery, {}, "2011-06-15"};
}

QCoro::Task<Result<StsAssumeRoleResult>> StsClient::assumeRole(
    sigv4::Credentials credentials, StsAssumeRoleRequest request, CancelToken cancel)
{
    OperationRequest operation;
    operation.name = u"AssumeRole"_s;
    operation.parameters.append({u"RoleArn"_s, request.roleArn});
    operation.parameters.append({u"RoleSessionName"_s, request.roleSessionName});
    if (!request.externalId.isEmpty())
        operation.parameters.append({u"ExternalId"_s, request.externalId});
    addSessionParameters(
        operation, request.durationSeconds, request.serialNumber, request.tokenCode);
    const Result<ServiceAnswer> answer = co_await call(operation, credentials, cancel);
    Result<StsAssumeRoleResult> out = parsed(answer, &sts::parseAssumeRole);
    if (!out)
        co_return out;
    StsAssumeRoleResult role = out.value();
    role.credentials.expiration = onLocalClock(role.credentials.expiration, answer.value());
    co_return role;
}

QCoro::Task<Result<TemporaryCredentials>> StsClient::getSessionToken(
    sigv4::Credentials credentials, StsGetSessionTokenRequest request, CancelToken cancel)
{
    OperationRequest operation;
    operation.name = u"GetSessionToken"_s;
    addSessionParameters(
        operation, request.durationSeconds, request.serialNumber, request.tokenCode);
    const Result<ServiceAnswer> answer = co_await call(operation, credentials, cancel);
    Result<TemporaryCredentials> out = parsed(answer, &sts::parseGetSessionToken);
    if (!out)
        co_return out;
    TemporaryCredentials session = out.value();
    session.expiration = onLocalClock(session.expiration, answer.value());
    co_return session;
}

QCoro::Task<Result<CallerIdentity>> StsClient::getCallerIdentity(
    sigv4::Credentials credentials, CancelToken cancel)
{
    OperationRequest operation;
    operation.name = u"GetCallerIdentity"_s;
    const Result<ServiceAnswer> answer = co_await call(operation, credentials, cancel);
    co_return parsed(answer, &sts::parseGetCallerIdentity);
}

QCoro::Task<Result<ServiceAnswer>> StsClient::call(
    OperationRequest operation, sigv4::Credentials credentials, CancelToken cancel)
{
    if (m_endpointError) {
        AwsError error = *m_endpointError; // a copy: QCoro 0.8 moves from what co_return names
        co_return error;
    }
    if (!credentials.isValid())
        co_return makeError(
            ErrorKind::Credentials, u"NoCredentials"_s, tr("No credentials to call STS with."), 0);
    StaticCredentialsProvider provider(credentials);
    SigV4Auth auth(provider, m_clock);
    RequestAuth* signer = &auth;
    qCDebug(lcSts) << "calling" << operation.name;
    Result<ServiceAnswer> answer = co_await m_pipeline->call(operation, signer, cancel);
    co_return answer;
}

} // namespace ecr
