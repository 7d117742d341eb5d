#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace ecr {

// The app's command line, read before any window exists: --help and --version print and exit
// without a display; a bad option or value exits with status 2 and says why. The AWS
// environment variables (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_ECR, …) keep working; an
// option given here wins over them.
struct CommandLine
{
    bool sandbox = false; // start straight into the Local sandbox
    QString profile; // --profile: the name of the profile to open (app, shared-file or SSO)
    QString region; // --region: the region to open it in
    QUrl endpointUrl; // --endpoint-url: the ECR endpoint for every profile but the sandbox
    QString logLevel; // --log-level: error, warning, info or debug (empty: info)

    // The options, or the exit code to end with (0 after --help/--version, 2 for a mistake);
    // what to print goes to stdout (help, version) or stderr (mistakes).
    static std::optional<CommandLine> parse(const QStringList& arguments, int* exitCode);
    // The text --help prints (tests read it).
    static QString helpText();
};

class AppProfileDirectory;
class MainWindow;

// Gives the composed app what the command line chose: the ECR endpoint override, and the
// profile and region the window opens first. Returns the message for a --profile that names no
// profile (the app then exits with status 2), else an empty string.
QString applyCommandLine(
    const CommandLine& line, AppProfileDirectory& profiles, MainWindow& window);

} // namespace ecr
