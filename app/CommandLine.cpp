#include "CommandLine.h"

#include "AppProfileDirectory.h"
#include "LogLevel.h"
#include "MainWindow.h"
#include "Profile.h"
#include "TransportSecurity.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::CommandLine)
};

void print(std::FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

struct Options
{
    QCommandLineOption sandbox{u"sandbox"_s,
        Tr::tr("Start straight into the Local sandbox (an in-process ECR emulator; no AWS account "
               "needed).")};
    QCommandLineOption profile{u"profile"_s,
        Tr::tr("Open the profile NAME: one of the app's profiles or a profile of ~/.aws/config "
               "(instead of AWS_PROFILE or the last one used)."),
        Tr::tr("NAME")};
    QCommandLineOption region{u"region"_s,
        Tr::tr("Open the profile in REGION, such as eu-west-1 (instead of AWS_REGION or the "
               "profile's region)."),
        Tr::tr("REGION")};
    QCommandLineOption endpointUrl{u"endpoint-url"_s,
        Tr::tr("Send ECR requests to URL instead of the region's endpoint, as "
               "AWS_ENDPOINT_URL_ECR does: https, or http to this computer only."),
        Tr::tr("URL")};
    QCommandLineOption logLevel{u"log-level"_s,
        Tr::tr("How much the log says: error, warning, info (the default) or debug. "
               "QT_LOGGING_RULES refines it."),
        Tr::tr("LEVEL")};
};

void addOptions(QCommandLineParser& parser, const Options& options)
{
    parser.setApplicationDescription(Tr::tr("Manage Amazon ECR pull-through cache rules."));
    for (const QCommandLineOption* option : {&options.sandbox, &options.profile, &options.region,
             &options.endpointUrl, &options.logLevel})
        parser.addOption(*option);
}

std::optional<CommandLine> mistake(const QString& message, int* exitCode)
{
    print(stderr,
        Tr::tr("%1: %2\nTry '%1 --help'.\n").arg(QCoreApplication::applicationName(), message));
    *exitCode = 2;
    return std::nullopt;
}

} // namespace

QString CommandLine::helpText()
{
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addVersionOption();
    const Options options;
    addOptions(parser, options);
    return parser.helpText();
}

std::optional<CommandLine> CommandLine::parse(const QStringList& arguments, int* exitCode)
{
    QCommandLineParser parser;
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const Options options;
    addOptions(parser, options);

    if (!parser.parse(arguments))
        return mistake(parser.errorText(), exitCode);
    if (!parser.positionalArguments().isEmpty())
        return mistake(
            Tr::tr("unexpected argument '%1'").arg(parser.positionalArguments().first()), exitCode);
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
    line.sandbox = parser.isSet(options.sandbox);
    line.profile = parser.value(options.profile).trimmed();
    if (parser.isSet(options.profile) && line.profile.isEmpty())
        return mistake(Tr::tr("--profile needs a profile name."), exitCode);
    if (line.sandbox && !line.profile.isEmpty())
        return mistake(
            Tr::tr("--sandbox and --profile each choose what to open; give one of them."),
            exitCode);
    line.region = parser.value(options.region).trimmed();
    if (parser.isSet(options.region) && !isValidRegionName(line.region))
        return mistake(Tr::tr("'%1' is not an AWS region (such as us-east-1 or eu-west-1).")
                           .arg(parser.value(options.region)),
            exitCode);
    if (parser.isSet(options.endpointUrl)) {
        const QString text = parser.value(options.endpointUrl).trimmed();
        const QUrl url(text, QUrl::StrictMode);
        if (text.isEmpty() || !url.isValid() || url.host().isEmpty()
            || (url.scheme() != u"https" && url.scheme() != u"http"))
            return mistake(Tr::tr("--endpoint-url '%1' is not an http(s) URL with a host.")
                               .arg(parser.value(options.endpointUrl)),
                exitCode);
        if (const auto refused = checkEndpointUrl(url, u"--endpoint-url"_s))
            return mistake(refused->message, exitCode);
        line.endpointUrl = url;
    }
    line.logLevel = parser.value(options.logLevel).trimmed().toLower();
    if (parser.isSet(options.logLevel) && !logging::filterRulesFor(line.logLevel))
        return mistake(
            Tr::tr("--log-level '%1' is not one of %2.")
                .arg(parser.value(options.logLevel), logging::logLevelNames().join(u", "_s)),
            exitCode);
    return line;
}

QString applyCommandLine(const CommandLine& line, AppProfileDirectory& profiles, MainWindow& window)
{
    profiles.setEndpointOverride(line.endpointUrl);
    if (line.profile.isEmpty()) {
        if (!line.region.isEmpty())
            window.setStartupChoice(QString(), line.region);
        return {};
    }
    const QString id = profiles.profileIdNamed(line.profile);
    if (id.isEmpty())
        return Tr::tr("%1: there is no profile named '%2' (the app's profiles and those of "
                      "~/.aws/config are looked at).\n")
            .arg(QCoreApplication::applicationName(), line.profile);
    window.setStartupChoice(id, line.region);
    return {};
}

} // namespace ecr
