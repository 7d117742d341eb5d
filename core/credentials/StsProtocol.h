#pragma once

#include "AwsError.h"
#include "TemporaryCredentials.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>
#include <utility>

// AWS STS's Query protocol as values and pure functions: the form body (Action=…&Version=
// 2011-06-15&…), the regional endpoint, and the XML answers and errors. StsClient sends them.
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

struct CallerIdentity
{
    QString account;
    QString arn;
    QString userId;
};

// The Query protocol's pieces, pure and tested on their own.
namespace sts {
using Parameters = QList<std::pair<QString, QString>>;
// "Action=AssumeRole&Version=2011-06-15&RoleArn=…" with SigV4's strict percent-encoding.
QByteArray formBody(const QString& action, const Parameters& parameters);
// https://sts.<region>.<dnsSuffix>/, or the custom endpoint.
Result<QUrl> endpoint(const QString& region, const QUrl& customEndpoint);
// <ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse> (and the
// <Response><Errors><Error> variant); a body that is not that becomes InvalidResponse.
AwsError parseError(int httpStatus, const QByteArray& body, const QString& requestIdHeader);
Result<StsAssumeRoleResult> parseAssumeRole(const QByteArray& body);
Result<TemporaryCredentials> parseGetSessionToken(const QByteArray& body);
Result<CallerIdentity> parseGetCallerIdentity(const QByteArray& body);
} // namespace sts

} // namespace ecr
