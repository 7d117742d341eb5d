// ecr-sandbox: a local emulator of the ECR pull-through-cache API. See sandbox/README.md.
#include "Clock.h"
#include "SandboxServer.h"
#include "SandboxService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

#include <chrono>
#include <cstdio>
#include <optional>

using namespace ecr;
using namespace ecr::sandbox;
using namespace Qt::StringLiterals;

namespace {

constexpr int kUsageError = 2;
constexpr int kRuntimeError = 1;

int fail(int code, const QString& message)
{
    std::fprintf(stderr, "ecr-sandbox: %s\n", qPrintable(message));
    return code;
}

std::optional<double> parseRate(const QCommandLineParser& parser, const QString& name)
{
    bool ok = false;
    const double rate = parser.value(name).toDouble(&ok);
    if (!ok || rate < 0.0 || rate > 1.0)
        return std::nullopt;
    return rate;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"ecr-sandbox"_s);
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A local emulator of the Amazon ECR pull-through-cache API (awsJson 1.1, SigV4), with STS "
        "and IAM Identity Center (SSO OIDC and portal)."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QList<QCommandLineOption> options{
        {u"port"_s, u"TCP port; 0 picks a free one (default 0)."_s, u"N"_s, u"0"_s},
        {u"host"_s, u"Address to listen on (default 127.0.0.1)."_s, u"ADDRESS"_s, u"127.0.0.1"_s},
        {u"account"_s, u"The account (registry id) of the sandbox."_s, u"ID"_s, u"123456789012"_s},
        {u"access-key"_s, u"An accepted access key id (repeatable, paired with --secret-key)."_s,
            u"ID"_s},
        {u"secret-key"_s, u"The secret of the --access-key at the same position."_s, u"SECRET"_s},
        {u"state"_s, u"Load rules from FILE and save them there after every change."_s, u"FILE"_s},
        {u"latency-ms"_s, u"Delay every answer by MS milliseconds."_s, u"MS"_s, u"0"_s},
        {u"throttle-rate"_s, u"Share of requests answered 400 ThrottlingException."_s, u"0..1"_s,
            u"0"_s},
        {u"server-error-rate"_s, u"Share of requests answered 500 ServerException."_s, u"0..1"_s,
            u"0"_s},
        {u"html503-rate"_s, u"Share of requests answered 503 with an HTML page."_s, u"0..1"_s,
            u"0"_s},
        {u"reset-rate"_s, u"Share of connections aborted before the operation runs."_s, u"0..1"_s,
            u"0"_s},
        {u"commit-then-reset-rate"_s,
            u"Share of requests whose operation runs but whose connection is then aborted."_s,
            u"0..1"_s, u"0"_s},
        {u"seed"_s, u"Seed of the fault generator (default 1)."_s, u"N"_s, u"1"_s},
        {u"clock-offset-seconds"_s, u"Run the sandbox clock this far from the system clock."_s,
            u"S"_s, u"0"_s},
        {u"quota"_s, u"Rules allowed per account and region (default 50)."_s, u"N"_s, u"50"_s},
        {u"tls-cert"_s, u"Serve HTTPS with this PEM certificate (needs --tls-key)."_s, u"FILE"_s},
        {u"tls-key"_s, u"The PEM private key of --tls-cert."_s, u"FILE"_s},
        {u"mfa-serial"_s, u"STS: the serial (or ARN) of the sandbox user's MFA device."_s,
            u"SERIAL"_s},
        {u"mfa-code"_s, u"STS: the six-digit code that device accepts (needs --mfa-serial)."_s,
            u"CODE"_s},
        {u"sts-lifetime-seconds"_s,
            u"STS: lifetime of every issued credential (default: the requested duration)."_s,
            u"S"_s},
        {u"require-mfa-for-roles"_s, u"STS: AssumeRole succeeds only with MFA."_s},
        {u"sso-start-url"_s, u"SSO: the start URL of the sandbox's Identity Center."_s, u"URL"_s},
        {u"sso-poll-interval"_s, u"SSO: the device flow's poll interval (default 5)."_s,
            u"SECONDS"_s, u"5"_s},
        {u"sso-token-lifetime-seconds"_s, u"SSO: lifetime of every access token (default 28800)."_s,
            u"S"_s, u"28800"_s},
        {u"secret-name-conventions"_s,
            u"A rule's secret need not exist: its name decides (missing…, denied…, "
            "undecryptable…, invalid…). Default: it must exist in the sandbox's Secrets "
            "Manager, as ECR checks."_s},
    };
    parser.addOptions(options);
    parser.process(app);

    bool ok = false;
    const uint port = parser.value(u"port"_s).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(kUsageError, u"--port must be 0..65535"_s);
    const QHostAddress host(parser.value(u"host"_s));
    if (host.isNull())
        return fail(kUsageError, u"--host must be an IP address"_s);

    SandboxConfig config;
    config.account = parser.value(u"account"_s);
    static const QRegularExpression accountPattern(u"^[0-9]{12}$"_s);
    if (!accountPattern.match(config.account).hasMatch())
        return fail(kUsageError, u"--account must be 12 digits"_s);
    const QStringList ids = parser.values(u"access-key"_s);
    const QStringList secrets = parser.values(u"secret-key"_s);
    if (ids.size() != secrets.size())
        return fail(kUsageError, u"give --access-key and --secret-key in pairs"_s);
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (ids[i].isEmpty() || secrets[i].isEmpty())
            return fail(kUsageError, u"--access-key and --secret-key must not be empty"_s);
        config.keys.append({ids[i], secrets[i]});
    }
    config.statePath = parser.value(u"state"_s);
    config.ruleQuota = parser.value(u"quota"_s).toInt(&ok);
    if (!ok || config.ruleQuota < 0)
        return fail(kUsageError, u"--quota must be a number >= 0"_s);

    FaultConfig faults;
    const std::pair<QString, double*> rates[] = {
        {u"throttle-rate"_s, &faults.throttleRate},
        {u"server-error-rate"_s, &faults.serverErrorRate},
        {u"html503-rate"_s, &faults.html503Rate},
        {u"reset-rate"_s, &faults.resetRate},
        {u"commit-then-reset-rate"_s, &faults.commitThenResetRate},
    };
    double totalRate = 0;
    for (const auto& [name, target] : rates) {
        const std::optional<double> rate = parseRate(parser, name);
        if (!rate)
            return fail(kUsageError, u"--%1 must be a number in 0..1"_s.arg(name));
        *target = *rate;
        totalRate += *rate;
    }
    if (totalRate > 1.0)
        return fail(kUsageError, u"the fault rates add up to more than 1"_s);
    faults.latencyMs = parser.value(u"latency-ms"_s).toInt(&ok);
    if (!ok || faults.latencyMs < 0)
        return fail(kUsageError, u"--latency-ms must be a number >= 0"_s);
    faults.seed = parser.value(u"seed"_s).toUInt(&ok);
    if (!ok)
        return fail(kUsageError, u"--seed must be a non-negative number"_s);
    const qint64 offsetSeconds = parser.value(u"clock-offset-seconds"_s).toLongLong(&ok);
    if (!ok)
        return fail(kUsageError, u"--clock-offset-seconds must be a whole number"_s);
    const QString tlsCert = parser.value(u"tls-cert"_s);
    const QString tlsKey = parser.value(u"tls-key"_s);
    if (tlsCert.isEmpty() != tlsKey.isEmpty())
        return fail(kUsageError, u"give both --tls-cert and --tls-key, or neither"_s);

    config.mfaSerial = parser.value(u"mfa-serial"_s);
    config.mfaCode = parser.value(u"mfa-code"_s);
    static const QRegularExpression serialPattern(u"^[\\w+=/:,.@-]{9,256}$"_s);
    static const QRegularExpression codePattern(u"^[0-9]{6}$"_s);
    if (!config.mfaSerial.isEmpty() && !serialPattern.match(config.mfaSerial).hasMatch())
        return fail(kUsageError, u"--mfa-serial must be 9 to 256 characters of [\\w+=/:,.@-]"_s);
    if (config.mfaSerial.isEmpty() != config.mfaCode.isEmpty())
        return fail(kUsageError, u"give both --mfa-serial and --mfa-code, or neither"_s);
    if (!config.mfaCode.isEmpty() && !codePattern.match(config.mfaCode).hasMatch())
        return fail(kUsageError, u"--mfa-code must be six digits"_s);
    config.requireMfaForRoles = parser.isSet(u"require-mfa-for-roles"_s);
    if (parser.isSet(u"sts-lifetime-seconds"_s)) {
        const qint64 lifetime = parser.value(u"sts-lifetime-seconds"_s).toLongLong(&ok);
        if (!ok || lifetime < 1)
            return fail(kUsageError, u"--sts-lifetime-seconds must be a number >= 1"_s);
        config.stsCredentialLifetime = std::chrono::seconds(lifetime);
    }

    if (parser.isSet(u"sso-start-url"_s))
        config.sso.startUrl = parser.value(u"sso-start-url"_s);
    config.sso.pollIntervalSeconds = parser.value(u"sso-poll-interval"_s).toInt(&ok);
    if (!ok || config.sso.pollIntervalSeconds < 1)
        return fail(kUsageError, u"--sso-poll-interval must be a number >= 1"_s);
    config.sso.accessTokenLifetimeSeconds
        = parser.value(u"sso-token-lifetime-seconds"_s).toLongLong(&ok);
    if (!ok || config.sso.accessTokenLifetimeSeconds < 1)
        return fail(kUsageError, u"--sso-token-lifetime-seconds must be a number >= 1"_s);
    config.sso.accounts = SandboxSsoConfig::defaultAccounts(config.account);
    config.secretsMustExist = !parser.isSet(u"secret-name-conventions"_s);

    const SystemClock systemClock;
    const OffsetClock clock(systemClock, std::chrono::seconds(offsetSeconds));
    SandboxService service(clock, config);
    if (!service.stateError().isEmpty())
        return fail(kRuntimeError, service.stateError());

    SandboxServer server(service, faults);
    if (!tlsCert.isEmpty()) {
        QString error;
        if (!server.enableTls(tlsCert, tlsKey, &error))
            return fail(kRuntimeError, error);
    }
    if (!server.listen(host, static_cast<quint16>(port)))
        return fail(kRuntimeError, server.errorString());

    std::printf("listening on %s\n", qPrintable(server.url().toString()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
