#pragma once

#include "AwsError.h"
#include "CallerIdentity.h"
#include "TemporaryCredentials.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>
#include <utility>

// AWS STS as values and pure functions: the requests, the regional endpoint and the XML answers.
// The awsQuery protocol itself (form body, error answers) is the call pipeline's
// (ServiceProtocol.h); StsClient sends the calls.
namespace ecr {

struct StsAssumeRoleRequest
{
    QString roleArn;
    QString roleSessionName;
    std::optional<int> durationSeconds;
    QString externalId;
    QString serialNumber; // with tokenCode: the MFA device and its current code
    QString tokenCode;
};

struct StsAssumeRoleResult
{
    TemporaryCredentials credentials;
    QString assumedRoleArn; // arn:aws:sts::<account>:assumed-role/<role>/<session>
    QString assumedRoleId;
};

struct StsGetSessionTokenRequest
{
    std::optional<int> durationSeconds;
    QString serialNumber;
    QString tokenCode;
};

// STS's pieces, pure and tested on their own.
namespace sts {
// https://sts.<region>.<dnsSuffix>/, or the custom endpoint.
Result<QUrl> endpoint(const QString& region, const QUrl& customEndpoint);
Result<StsAssumeRoleResult> parseAssumeRole(const QByteArray& body);
Result<TemporaryCredentials> parseGetSessionToken(const QByteArray& body);
Result<CallerIdentity> parseGetCallerIdentity(const QByteArray& body);
} // namespace sts

} // namespace ecr
