// The form validators: every line of the input is a value typed into a field. Each line is
// checked as every rule field, profile field, URL and image reference the forms take; the first
// seven lines also fill a whole Create request (prefix, URL, registry id, upstream, secret,
// role, upstream prefix), checked as the form and the registry checks would.
#include "EcrTypes.h"
#include "FuzzInput.h"
#include "Profile.h"
#include "Proxy.h"
#include "PtcValidation.h"
#include "PullCommand.h"
#include "RegistryChecks.h"
#include "TestPull.h"
#include "TransportSecurity.h"
#include "UpstreamRegistry.h"
#include "UpstreamUrl.h"

#include <QUrl>

#include <array>

namespace {

constexpr std::array kRuleFields{ecr::ptc::Field::EcrRepositoryPrefix,
    ecr::ptc::Field::UpstreamRegistryUrl, ecr::ptc::Field::RegistryId,
    ecr::ptc::Field::UpstreamRegistry, ecr::ptc::Field::CredentialArn,
    ecr::ptc::Field::CustomRoleArn, ecr::ptc::Field::UpstreamRepositoryPrefix,
    ecr::ptc::Field::MaxResults};

void checkOneValue(const QString& value)
{
    for (const ecr::ptc::Field field : kRuleFields)
        (void)ecr::ptc::checkField(field, value);
    (void)ecr::ptc::normalizedPrefix(value);
    (void)ecr::isValidRegionName(value);
    (void)ecr::isValidRoleArn(value);
    (void)ecr::isValidMfaSerial(value);
    (void)ecr::isValidRoleSessionName(value);
    (void)ecr::isValidAccountId(value);
    (void)ecr::isValidSsoRoleName(value);
    (void)ecr::isValidSsoSessionName(value);
    (void)ecr::isValidExternalId(value);
    (void)ecr::isValidAccessKeyId(value);
    (void)ecr::validateTypedKeys(value, value, true, false);
    const QUrl url(value);
    (void)ecr::isValidSsoStartUrl(url);
    (void)ecr::proxyUrlProblem(url);
    (void)ecr::checkEndpointUrl(url, QStringLiteral("fuzz"));
    (void)ecr::upstreamRegistryFromWireName(value);
    (void)ecr::upstreamRegistryForUrl(value);
    (void)ecr::isEcrUpstreamRegion(value);
    for (const ecr::UpstreamRegistryInfo& info : ecr::upstreamRegistries()) {
        const ecr::UpstreamUrlParts parts{value, value.left(12), value};
        (void)ecr::composeUpstreamUrl(info.registry, parts);
        (void)ecr::upstreamUrlForDisplay(info.registry, parts);
        (void)ecr::upstreamUrlMatches(info.registry, value);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // The first 16 lines are checked one by one (every validator runs regular expressions: more
    // lines would only slow the run down, not reach other code).
    const QStringList lines = QString::fromUtf8(ecr::fuzz::bytes(data, size)).split(u'\n');
    for (const QString& line : lines.mid(0, 16))
        checkOneValue(line);

    ecr::CreateRuleRequest request;
    request.ecrRepositoryPrefix = lines.value(0);
    request.upstreamRegistryUrl = lines.value(1);
    request.registryId = lines.value(2);
    request.upstreamRegistry = lines.value(3);
    request.credentialArn = lines.value(4);
    request.customRoleArn = lines.value(5);
    request.upstreamRepositoryPrefix = lines.value(6);
    (void)ecr::ptc::validateCreate(request);
    const ecr::RegistryLocation location{QStringLiteral("123456789012"),
        QStringLiteral("eu-west-1"), QStringLiteral("amazonaws.com")};
    const QStringList existing{QStringLiteral("docker-hub"), lines.value(7)};
    (void)ecr::ptc::checkInRegistry(request, location, existing);

    ecr::PullThroughCacheRule rule;
    rule.ecrRepositoryPrefix = request.ecrRepositoryPrefix;
    rule.upstreamRegistryUrl = request.upstreamRegistryUrl;
    rule.upstreamRegistry = request.upstreamRegistry;
    rule.upstreamRepositoryPrefix = request.upstreamRepositoryPrefix;
    for (const QString& line : lines.mid(0, 16)) {
        (void)ecr::pullTarget(rule, line);
        (void)location.pullReference(rule, line);
    }
    return 0;
}
