#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "TemporaryCredentials.h"

#include <QCoroTask>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

// Runs a `credential_process` command the way the AWS CLI does: split with POSIX shell quoting
// rules (Python's shlex.split: '…', "…", backslash escapes; QProcess::splitCommand knows only
// double quotes) but run without a shell, stdout parsed as {"Version": 1, "AccessKeyId",
// "SecretAccessKey", "SessionToken"?, "Expiration"?, "AccountId"?}. A non-zero exit or unreadable
// output is an error that quotes stderr (trimmed, at most kMaxStderr characters); a command that
// runs longer than the timeout is killed. Neither stdout nor stderr is ever logged.
namespace ecr {

struct CredentialProcessOptions
{
    std::chrono::milliseconds timeout{30000};
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString workingDirectory; // empty: the app's
};

class CredentialProcess final
{
public:
    static constexpr qsizetype kMaxStderr = 500;

    // Cancelling kills the command (an error of kind Cancelled).
    static QCoro::Task<Result<TemporaryCredentials>> run(
        QString commandLine, CredentialProcessOptions options = {}, CancelToken cancel = {});
    // The JSON step on its own (stdout of a finished command).
    static Result<TemporaryCredentials> parseOutput(const QByteArray& output);
    // Program and arguments; nullopt for an unterminated quote or a trailing backslash.
    static std::optional<QStringList> splitCommandLine(const QString& commandLine);
};

} // namespace ecr
