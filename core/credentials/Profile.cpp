#include "Profile.h"

#include "CredentialProcess.h"
#include "Endpoint.h"
#include "Patterns.h"
#include "Proxy.h"
#include "TransportSecurity.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUuid>

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::Profile)
};

bool matchesWhole(const QString& pattern, const QString& value)
{
    return compiledPattern(QRegularExpression::anchoredPattern(pattern),
        QRegularExpression::UseUnicodePropertiesOption)
        .match(value)
        .hasMatch();
}

const Profile* findProfile(const QList<Profile>& profiles, const QString& idOrName)
{
    for (const Profile& p : profiles) {
        if (p.id == idOrName)
            return &p;
    }
    for (const Profile& p : profiles) {
        if (p.name == idOrName)
            return &p;
    }
    return nullptr;
}

void checkUrl(QList<ProfileIssue>& issues, ProfileField field, const QUrl& url)
{
    if (url.isEmpty())
        return;
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != u"https" && url.scheme() != u"http"))
        issues.append({field,
            Tr::tr("The endpoint URL '%1' is not a valid http(s) URL.")
                .arg(url.toDisplayString())});
    else if (url.scheme() == u"http" && !isLoopbackHost(url.host()))
        issues.append({field,
            Tr::tr(
                "Plain http is allowed only to this computer (localhost, 127.0.0.1, ::1): answers "
                "carry secret keys. Use https.")});
}

void validateSso(QList<ProfileIssue>& issues, const Profile& profile)
{
    if (!profile.ssoSession.isEmpty() && !isValidSsoSessionName(profile.ssoSession))
        issues.append({ProfileField::SsoSession,
            Tr::tr("An SSO session name has no spaces or brackets (for example my-sso).")});
    if (profile.ssoStartUrl.isEmpty())
        issues.append({ProfileField::SsoStartUrl,
            Tr::tr("Enter the AWS access portal URL, such as "
                   "https://my-company.awsapps.com/start.")});
    else if (!isValidSsoStartUrl(QUrl(profile.ssoStartUrl)))
        issues.append({ProfileField::SsoStartUrl,
            Tr::tr("'%1' is not an https URL. The AWS access portal URL looks like "
                   "https://my-company.awsapps.com/start.")
                .arg(profile.ssoStartUrl)});
    if (profile.ssoRegion.isEmpty())
        issues.append({ProfileField::SsoRegion,
            Tr::tr("Enter the region of your IAM Identity Center (for example eu-west-1).")});
    else if (!isValidRegionName(profile.ssoRegion))
        issues.append({ProfileField::SsoRegion,
            Tr::tr("'%1' is not a region of any AWS partition.").arg(profile.ssoRegion)});
    if (!isValidAccountId(profile.ssoAccountId))
        issues.append({ProfileField::SsoAccountId,
            profile.ssoAccountId.isEmpty()
                ? Tr::tr("Choose the account.")
                : Tr::tr("An account ID is 12 digits, such as 123456789012.")});
    if (profile.ssoRoleName.isEmpty())
        issues.append({ProfileField::SsoRoleName, Tr::tr("Choose the role (permission set).")});
    else if (!isValidSsoRoleName(profile.ssoRoleName))
        issues.append({ProfileField::SsoRoleName,
            Tr::tr("A role name is 1 to 64 letters, digits and +=,.@- characters.")});
    checkUrl(issues, ProfileField::SsoEndpointUrl, profile.ssoEndpointUrl);
    checkUrl(issues, ProfileField::SsoEndpointUrl, profile.ssoOidcEndpointUrl);
}

} // namespace

QString credentialSourceName(CredentialSource source)
{
    switch (source) {
    case CredentialSource::StaticKeys:
        return QStringLiteral("static-keys");
    case CredentialSource::AssumeRole:
        return QStringLiteral("assume-role");
    case CredentialSource::CredentialProcess:
        return QStringLiteral("credential-process");
    case CredentialSource::Environment:
        return QStringLiteral("environment");
    case CredentialSource::Sso:
        return QStringLiteral("sso");
    }
    return {};
}

std::optional<CredentialSource> credentialSourceFromName(QStringView name)
{
    for (CredentialSource source : {CredentialSource::StaticKeys, CredentialSource::AssumeRole,
             CredentialSource::CredentialProcess, CredentialSource::Environment,
             CredentialSource::Sso}) {
        if (credentialSourceName(source) == name)
            return source;
    }
    return std::nullopt;
}

QString Profile::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString Profile::effectivePartition() const
{
    if (!partition.isEmpty())
        return partition;
    if (!region.isEmpty())
        return partitionForRegion(region).id;
    return QStringLiteral("aws");
}

bool isValidRegionName(const QString& region)
{
    static const QRegularExpression shape(QStringLiteral("^[a-z]{2,}(-[a-z0-9]+)*-[0-9]+$"));
    if (!shape.match(region).hasMatch())
        return false;
    for (const Partition& partition : partitions()) {
        if (partition.regions.contains(region) || partition.regionRegex.match(region).hasMatch())
            return true;
    }
    return false;
}

bool isValidRoleArn(const QString& arn)
{
    return matchesWhole(
               QStringLiteral("arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}"), arn)
        && arn.size() <= 2048;
}

bool isValidMfaSerial(const QString& serial)
{
    return matchesWhole(QStringLiteral("[\\w+=/:,.@-]{9,256}"), serial);
}

bool isValidRoleSessionName(const QString& name)
{
    return matchesWhole(QStringLiteral("[\\w+=,.@-]{2,64}"), name);
}

bool isValidExternalId(const QString& id)
{
    return matchesWhole(QStringLiteral("[\\w+=,.@:/-]{2,1224}"), id);
}

bool isValidAccountId(const QString& accountId)
{
    return matchesWhole(QStringLiteral("[0-9]{12}"), accountId);
}

bool isValidSsoRoleName(const QString& roleName)
{
    return matchesWhole(QStringLiteral("[\\w+=,.@-]{1,64}"), roleName);
}

bool isValidSsoStartUrl(const QUrl& url)
{
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == u"https" || (url.scheme() == u"http" && isLoopbackHost(url.host())));
}

bool isValidSsoSessionName(const QString& name)
{
    return matchesWhole(QStringLiteral("[^\\s\\[\\]]{1,128}"), name);
}

QList<ProfileIssue> validateProfile(const Profile& profile, const QList<Profile>& others)
{
    QList<ProfileIssue> issues;
    const QString name = profile.name.trimmed();
    if (name.isEmpty()) {
        issues.append({ProfileField::Name, Tr::tr("Enter a name for the profile.")});
    } else if (name != profile.name) {
        issues.append(
            {ProfileField::Name, Tr::tr("The name must not start or end with white space.")});
    } else {
        for (const Profile& other : others) {
            if (other.id != profile.id && other.name.compare(name, Qt::CaseInsensitive) == 0) {
                issues.append(
                    {ProfileField::Name, Tr::tr("A profile named '%1' already exists.").arg(name)});
                break;
            }
        }
    }

    if (profile.label.size() > kMaxProfileLabelLength)
        issues.append({ProfileField::Label,
            Tr::tr("A label has at most %1 characters.").arg(kMaxProfileLabelLength)});
    else if (profile.label != profile.label.trimmed())
        issues.append(
            {ProfileField::Label, Tr::tr("The label must not start or end with white space.")});
    if (!profile.color.isEmpty() && !profileColor(profile.color))
        issues.append(
            {ProfileField::Label, Tr::tr("'%1' is not one of the colours.").arg(profile.color)});

    if (!profile.region.isEmpty() && !isValidRegionName(profile.region))
        issues.append({ProfileField::Region,
            Tr::tr("'%1' is not a region of any AWS partition (for example us-east-1).")
                .arg(profile.region)});
    if (!profile.partition.isEmpty()) {
        if (!partitionById(profile.partition))
            issues.append({ProfileField::Partition,
                Tr::tr("'%1' is not an AWS partition (aws, aws-cn, aws-us-gov, …).")
                    .arg(profile.partition)});
        else if (!profile.region.isEmpty() && isValidRegionName(profile.region)
            && partitionForRegion(profile.region).id != profile.partition)
            issues.append({ProfileField::Partition,
                Tr::tr("Region %1 belongs to partition %2, not %3.")
                    .arg(
                        profile.region, partitionForRegion(profile.region).id, profile.partition)});
    }
    checkUrl(issues, ProfileField::EndpointUrl, profile.endpointUrl);
    checkUrl(issues, ProfileField::StsEndpointUrl, profile.stsEndpointUrl);
    if (const auto problem = proxyUrlProblem(profile.proxyUrl))
        issues.append({ProfileField::ProxyUrl, *problem});
    if (!profile.caBundlePath.isEmpty() && !QFileInfo(profile.caBundlePath).isReadable())
        issues.append({ProfileField::CaBundlePath,
            Tr::tr("The CA bundle '%1' does not exist or cannot be read.")
                .arg(profile.caBundlePath)});

    if (!profile.mfaSerial.isEmpty() && !isValidMfaSerial(profile.mfaSerial))
        issues.append({ProfileField::MfaSerial,
            Tr::tr("The MFA device must be an ARN such as arn:aws:iam::123456789012:mfa/alice or a "
                   "hardware serial: 9 to 256 letters, digits and +=/:,.@- characters.")});

    switch (profile.source) {
    case CredentialSource::StaticKeys:
    case CredentialSource::Environment:
        break;
    case CredentialSource::AssumeRole: {
        if (profile.roleArn.isEmpty())
            issues.append({ProfileField::RoleArn, Tr::tr("Enter the ARN of the role to assume.")});
        else if (!isValidRoleArn(profile.roleArn))
            issues.append({ProfileField::RoleArn,
                Tr::tr("'%1' is not a role ARN. It looks like arn:aws:iam::123456789012:role/name.")
                    .arg(profile.roleArn)});
        if (profile.roleSourceIsEnvironment) {
            if (!profile.sourceProfile.isEmpty())
                issues.append({ProfileField::SourceProfile,
                    Tr::tr("Choose either a source profile or the environment, not both.")});
        } else if (profile.sourceProfile.isEmpty()) {
            issues.append({ProfileField::SourceProfile,
                Tr::tr("Choose the profile whose credentials assume the role.")});
        } else if (profile.sourceProfile == profile.id || profile.sourceProfile == profile.name) {
            issues.append({ProfileField::SourceProfile,
                Tr::tr("A profile cannot be its own source profile.")});
        } else if (const Profile* source = findProfile(others, profile.sourceProfile);
                   !source && !profile.sourceProfile.startsWith(u"shared:")) {
            issues.append({ProfileField::SourceProfile,
                Tr::tr("There is no profile '%1'.").arg(profile.sourceProfile)});
        }
        if (!profile.externalId.isEmpty() && !isValidExternalId(profile.externalId))
            issues.append({ProfileField::ExternalId,
                Tr::tr("The external ID must be 2 to 1224 letters, digits and +=,.@:/- "
                       "characters.")});
        if (profile.durationSeconds < Profile::kMinDurationSeconds
            || profile.durationSeconds > Profile::kMaxDurationSeconds)
            issues.append({ProfileField::DurationSeconds,
                Tr::tr("The session duration must be between 900 seconds (15 minutes) and 43200 "
                       "seconds (12 hours).")});
        if (!profile.sessionName.isEmpty() && !isValidRoleSessionName(profile.sessionName))
            issues.append({ProfileField::SessionName,
                Tr::tr("The session name must be 2 to 64 letters, digits and +=,.@- characters.")});
        break;
    }
    case CredentialSource::CredentialProcess:
        if (const std::optional<QStringList> words
            = CredentialProcess::splitCommandLine(profile.credentialProcess);
            !words)
            issues.append({ProfileField::CredentialProcess,
                Tr::tr("The command has an unterminated quote or a trailing backslash.")});
        else if (words->isEmpty())
            issues.append({ProfileField::CredentialProcess,
                Tr::tr("Enter the command that prints the credentials.")});
        break;
    case CredentialSource::Sso:
        validateSso(issues, profile);
        break;
    }
    return issues;
}

const QList<ProfileColor>& profileColors()
{
    static const QList<ProfileColor> colors{
        {QStringLiteral("red"), Tr::tr("Red"), QStringLiteral("#c62828"),
            QStringLiteral("#ffffff")},
        {QStringLiteral("orange"), Tr::tr("Orange"), QStringLiteral("#e65100"),
            QStringLiteral("#ffffff")},
        {QStringLiteral("yellow"), Tr::tr("Yellow"), QStringLiteral("#f9d71c"),
            QStringLiteral("#000000")},
        {QStringLiteral("green"), Tr::tr("Green"), QStringLiteral("#2e7d32"),
            QStringLiteral("#ffffff")},
        {QStringLiteral("blue"), Tr::tr("Blue"), QStringLiteral("#1565c0"),
            QStringLiteral("#ffffff")},
        {QStringLiteral("purple"), Tr::tr("Purple"), QStringLiteral("#6a1b9a"),
            QStringLiteral("#ffffff")},
        {QStringLiteral("grey"), Tr::tr("Grey"), QStringLiteral("#546e7a"),
            QStringLiteral("#ffffff")},
    };
    return colors;
}

const ProfileColor* profileColor(const QString& name)
{
    for (const ProfileColor& color : profileColors()) {
        if (color.name == name)
            return &color;
    }
    return nullptr;
}

bool isValidAccessKeyId(const QString& accessKeyId)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9]{16,128}$"));
    return pattern.match(accessKeyId).hasMatch();
}

QList<AccessKeyIssue> validateTypedKeys(const QString& accessKeyId, const QString& secretAccessKey,
    bool anythingTyped, bool hasStoredKeys)
{
    QList<AccessKeyIssue> issues;
    if (!anythingTyped && hasStoredKeys)
        return issues; // keep the stored keys
    const bool replacing = anythingTyped && hasStoredKeys;
    if (accessKeyId.isEmpty())
        issues.append({AccessKeyField::AccessKeyId,
            replacing ? Tr::tr("To replace the stored keys, enter the access key ID too.")
                      : Tr::tr("Enter the access key ID.")});
    else if (!isValidAccessKeyId(accessKeyId))
        issues.append({AccessKeyField::AccessKeyId,
            Tr::tr("An access key ID is 16 to 128 letters and digits, such as "
                   "AKIAIOSFODNN7EXAMPLE.")});
    if (secretAccessKey.isEmpty())
        issues.append({AccessKeyField::SecretAccessKey,
            replacing ? Tr::tr("To replace the stored keys, enter the secret access key too.")
                      : Tr::tr("Enter the secret access key.")});
    return issues;
}

} // namespace ecr
