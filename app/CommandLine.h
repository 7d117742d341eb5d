#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace ecr {

// The app's command line, read before any window exists: --help and --version print and exit
// without a display; a bad option exits with status 2 and says why.
struct CommandLine
{
    bool sandbox = false; // start straight into the Local sandbox

    // The options, or the exit code to end with (0 after --help/--version, 2 for a mistake);
    // what to print goes to stdout (help, version) or stderr (mistakes).
    static std::optional<CommandLine> parse(const QStringList& arguments, int* exitCode);
};

} // namespace ecr
