#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ecr::CommandLine", text);
}

void print(std::FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

std::optional<CommandLine> CommandLine::parse(const QStringList& arguments, int* exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Manage Amazon ECR pull-through cache rules."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption sandbox(u"sandbox"_s,
        tr("Start straight into the Local sandbox (an in-process ECR emulator; no AWS account "
           "needed)."));
    parser.addOption(sandbox);

    if (!parser.parse(arguments)) {
        print(stderr,
            tr("%1: %2\nTry '%1 --help'.\n")
                .arg(QCoreApplication::applicationName(), parser.errorText()));
        *exitCode = 2;
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        print(stderr,
            tr("%1: unexpected argument '%2'\nTry '%1 --help'.\n")
                .arg(QCoreApplication::applicationName(), parser.positionalArguments().first()));
        *exitCode = 2;
        return std::nullopt;
    }
    if (parser.isSet(help) || parser.isSet(u"help-all"_s)) {
        print(stdout, parser.helpText());
        *exitCode = 0;
        return std::nullopt;
    }
    if (parser.isSet(version)) {
        print(stdout,
            u"%1 %2\n"_s.arg(
                QCoreApplication::applicationName(), QCoreApplication::applicationVersion()));
        *exitCode = 0;
        return std::nullopt;
    }
    CommandLine line;
    line.sandbox = parser.isSet(sandbox);
    return line;
}

} // namespace ecr
