#include "CredentialProcess.h"

#include <QCoreApplication>
#include <QCoroProcess>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <utility>

namespace ecr {

using namespace Qt::StringLiterals;

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::CredentialProcess)
};

AwsError cancelled()
{
    return makeError(ErrorKind::Cancelled, u"CredentialProcessCancelled"_s,
        Tr::tr("The credential process was stopped: the credentials are no longer needed."), 0);
}

AwsError processError(const QString& message)
{
    return makeError(ErrorKind::Credentials, u"CredentialProcessFailed"_s, message, 0);
}

QString stderrExcerpt(const QByteArray& bytes)
{
    QString text = QString::fromUtf8(bytes).trimmed();
    if (text.size() > CredentialProcess::kMaxStderr)
        text = text.left(CredentialProcess::kMaxStderr) + u'…';
    return text;
}

QString withStderr(const QString& message, const QByteArray& stderrBytes)
{
    const QString excerpt = stderrExcerpt(stderrBytes);
    return excerpt.isEmpty() ? message : Tr::tr("%1 It said: %2").arg(message, excerpt);
}

} // namespace

std::optional<QStringList> CredentialProcess::splitCommandLine(const QString& commandLine)
{
    QStringList words;
    QString word;
    bool inWord = false;
    enum class Quote
    {
        None,
        Single,
        Double,
    } quote
        = Quote::None;
    for (qsizetype i = 0; i < commandLine.size(); ++i) {
        const QChar c = commandLine[i];
        switch (quote) {
        case Quote::Single:
            if (c == u'\'')
                quote = Quote::None;
            else
                word.append(c);
            continue;
        case Quote::Double:
            if (c == u'"') {
                quote = Quote::None;
            } else if (c == u'\\' && i + 1 < commandLine.size()
                && (commandLine[i + 1] == u'"' || commandLine[i + 1] == u'\\')) {
                word.append(commandLine[++i]);
            } else {
                word.append(c);
            }
            continue;
        case Quote::None:
            break;
        }
        if (c.isSpace()) {
            if (inWord)
                words.append(std::exchange(word, QString()));
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == u'\'') {
            quote = Quote::Single;
        } else if (c == u'"') {
            quote = Quote::Double;
        } else if (c == u'\\') {
            if (++i >= commandLine.size())
                return std::nullopt;
            if (commandLine[i] != u'\n')
                word.append(commandLine[i]);
        } else {
            word.append(c);
        }
    }
    if (quote != Quote::None)
        return std::nullopt;
    if (inWord)
        words.append(word);
    return words;
}

Result<TemporaryCredentials> CredentialProcess::parseOutput(const QByteArray& output)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(output, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return processError(Tr::tr("The credential process did not print a JSON object."));
    const QJsonObject json = doc.object();
    const QJsonValue version = json.value("Version"_L1);
    if (version.isUndefined())
        return processError(Tr::tr("The credential process output has no Version (it must be 1)."));
    if (!version.isDouble())
        return processError(
            Tr::tr("The credential process output has a Version that is not a number (it must be "
                   "the number 1)."));
    if (version.toInt() != 1 || version.toDouble() != 1.0)
        return processError(
            Tr::tr("The credential process output has Version %1; only Version 1 is supported.")
                .arg(QString::number(version.toDouble())));
    TemporaryCredentials c;
    c.credentials.accessKeyId = json.value("AccessKeyId"_L1).toString();
    c.credentials.secretAccessKey = json.value("SecretAccessKey"_L1).toString();
    c.credentials.sessionToken = json.value("SessionToken"_L1).toString();
    c.accountId = json.value("AccountId"_L1).toString();
    if (c.credentials.accessKeyId.isEmpty())
        return processError(Tr::tr("The credential process output has no AccessKeyId."));
    if (c.credentials.secretAccessKey.isEmpty())
        return processError(Tr::tr("The credential process output has no SecretAccessKey."));
    const QJsonValue expiration = json.value("Expiration"_L1);
    if (!expiration.isUndefined() && !expiration.isNull()) {
        c.expiration = parseIsoTimestamp(expiration.toString());
        if (!c.expiration.isValid())
            return processError(
                Tr::tr("The credential process output has an Expiration that is not an ISO 8601 "
                       "time: '%1'.")
                    .arg(expiration.toString()));
    }
    return c;
}

QCoro::Task<Result<TemporaryCredentials>> CredentialProcess::run(
    QString commandLine, CredentialProcessOptions options, CancelToken cancel)
{
    if (cancel && cancel->isCancelled())
        co_return cancelled();
    const std::optional<QStringList> split = splitCommandLine(commandLine);
    if (!split)
        co_return processError(Tr::tr(
            "The credential_process command has an unterminated quote or a trailing backslash."));
    const QStringList arguments = *split;
    if (arguments.isEmpty())
        co_return processError(Tr::tr("The credential_process command is empty."));

    QProcess process;
    process.setProgram(arguments.first());
    process.setArguments(arguments.mid(1));
    process.setProcessEnvironment(options.environment);
    if (!options.workingDirectory.isEmpty())
        process.setWorkingDirectory(options.workingDirectory);
    process.setStandardInputFile(QProcess::nullDevice());
    if (cancel)
        QObject::connect(cancel.get(), &Cancellation::cancelled, &process, [&process] {
            if (process.state() != QProcess::NotRunning)
                process.kill();
        });
    process.start(QIODevice::ReadOnly);

    auto coProcess = qCoro(process);
    const bool started = co_await coProcess.waitForStarted(options.timeout);
    if (cancel && cancel->isCancelled()) {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            co_await coProcess.waitForFinished(std::chrono::milliseconds(5000));
        }
        co_return cancelled();
    }
    if (!started)
        co_return processError(Tr::tr("The credential process '%1' could not be started: %2")
                                   .arg(arguments.first(), process.errorString()));
    const bool finished = co_await coProcess.waitForFinished(options.timeout);
    if (cancel && cancel->isCancelled()) {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            co_await coProcess.waitForFinished(std::chrono::milliseconds(5000));
        }
        co_return cancelled();
    }
    if (!finished && process.state() != QProcess::NotRunning) {
        process.kill();
        co_await coProcess.waitForFinished(std::chrono::milliseconds(5000));
        co_return makeError(ErrorKind::Timeout, u"CredentialProcessTimeout"_s,
            Tr::tr("The credential process '%1' did not finish within %2 seconds and was stopped.")
                .arg(arguments.first())
                .arg(double(options.timeout.count()) / 1000.0),
            0);
    }
    const QByteArray standardError = process.readAllStandardError();
    if (process.exitStatus() == QProcess::CrashExit)
        co_return processError(withStderr(
            Tr::tr("The credential process '%1' crashed.").arg(arguments.first()), standardError));
    if (process.exitCode() != 0)
        co_return processError(
            withStderr(Tr::tr("The credential process '%1' exited with status %2.")
                           .arg(arguments.first())
                           .arg(process.exitCode()),
                standardError));
    Result<TemporaryCredentials> parsed = parseOutput(process.readAllStandardOutput());
    if (!parsed) {
        AwsError error = parsed.error();
        error.message = withStderr(error.message, standardError);
        co_return error;
    }
    co_return parsed;
}

} // namespace ecr
