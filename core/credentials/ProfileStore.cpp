#include "ProfileStore.h"

#include <QCoreApplication>

#include <algorithm>

namespace ecr {

namespace {

using namespace Qt::StringLiterals;

constexpr auto kGroup = "profiles"_L1;

// Every settings key of a profile, with how it maps to the value type. Nothing secret is here.
struct ProfileSetting
{
    QLatin1StringView key;
    QVariant (*read)(const Profile&);
    void (*write)(Profile&, const QVariant&);
};

template <QString Profile::*field>
QVariant readText(const Profile& p)
{
    return p.*field;
}
template <QString Profile::*field>
void writeText(Profile& p, const QVariant& v)
{
    p.*field = v.toString();
}
template <QUrl Profile::*field>
QVariant readUrl(const Profile& p)
{
    return (p.*field).toString();
}
template <QUrl Profile::*field>
void writeUrl(Profile& p, const QVariant& v)
{
    p.*field = QUrl(v.toString());
}

const ProfileSetting kSettings[] = {
    {"name"_L1, [](const Profile& p) { return QVariant(p.name); },
        [](Profile& p, const QVariant& v) {
            p.name = v.toString();
        }},
    {"label"_L1, [](const Profile& p) { return QVariant(p.label); },
        [](Profile& p, const QVariant& v) {
            p.label = v.toString();
        }},
    {"color"_L1, [](const Profile& p) { return QVariant(p.color); },
        [](Profile& p, const QVariant& v) {
            p.color = v.toString();
        }},
    {"region"_L1, [](const Profile& p) { return QVariant(p.region); },
        [](Profile& p, const QVariant& v) {
            p.region = v.toString();
        }},
    {"partition"_L1, [](const Profile& p) { return QVariant(p.partition); },
        [](Profile& p, const QVariant& v) {
            p.partition = v.toString();
        }},
    {"endpointUrl"_L1, [](const Profile& p) { return QVariant(p.endpointUrl.toString()); },
        [](Profile& p, const QVariant& v) {
            p.endpointUrl = QUrl(v.toString());
        }},
    {"proxyUrl"_L1, [](const Profile& p) { return QVariant(p.proxyUrl.toString()); },
        [](Profile& p, const QVariant& v) {
            p.proxyUrl = QUrl(v.toString());
        }},
    {"stsEndpointUrl"_L1, [](const Profile& p) { return QVariant(p.stsEndpointUrl.toString()); },
        [](Profile& p, const QVariant& v) {
            p.stsEndpointUrl = QUrl(v.toString());
        }},
    {"caBundlePath"_L1, [](const Profile& p) { return QVariant(p.caBundlePath); },
        [](Profile& p, const QVariant& v) {
            p.caBundlePath = v.toString();
        }},
    {"source"_L1, [](const Profile& p) { return QVariant(credentialSourceName(p.source)); },
        [](Profile& p, const QVariant& v) {
            p.source
                = credentialSourceFromName(v.toString()).value_or(CredentialSource::StaticKeys);
        }},
    {"mfaSerial"_L1, [](const Profile& p) { return QVariant(p.mfaSerial); },
        [](Profile& p, const QVariant& v) {
            p.mfaSerial = v.toString();
        }},
    {"roleArn"_L1, [](const Profile& p) { return QVariant(p.roleArn); },
        [](Profile& p, const QVariant& v) {
            p.roleArn = v.toString();
        }},
    {"sourceProfile"_L1, [](const Profile& p) { return QVariant(p.sourceProfile); },
        [](Profile& p, const QVariant& v) {
            p.sourceProfile = v.toString();
        }},
    {"roleSourceIsEnvironment"_L1,
        [](const Profile& p) { return QVariant(p.roleSourceIsEnvironment); },
        [](Profile& p, const QVariant& v) {
            p.roleSourceIsEnvironment = v.toBool();
        }},
    {"externalId"_L1, [](const Profile& p) { return QVariant(p.externalId); },
        [](Profile& p, const QVariant& v) {
            p.externalId = v.toString();
        }},
    {"durationSeconds"_L1, [](const Profile& p) { return QVariant(p.durationSeconds); },
        [](Profile& p, const QVariant& v) {
            bool ok = false;
            const int seconds = v.toInt(&ok);
            p.durationSeconds = ok ? seconds : Profile::kDefaultDurationSeconds;
        }},
    {"sessionName"_L1, [](const Profile& p) { return QVariant(p.sessionName); },
        [](Profile& p, const QVariant& v) {
            p.sessionName = v.toString();
        }},
    {"credentialProcess"_L1, [](const Profile& p) { return QVariant(p.credentialProcess); },
        [](Profile& p, const QVariant& v) {
            p.credentialProcess = v.toString();
        }},
    {"ssoSession"_L1, readText<&Profile::ssoSession>, writeText<&Profile::ssoSession>},
    {"ssoStartUrl"_L1, readText<&Profile::ssoStartUrl>, writeText<&Profile::ssoStartUrl>},
    {"ssoRegion"_L1, readText<&Profile::ssoRegion>, writeText<&Profile::ssoRegion>},
    {"ssoRegistrationScopes"_L1,
        [](const Profile& p) { return QVariant(p.ssoRegistrationScopes.join(u',')); },
        [](Profile& p, const QVariant& v) {
            p.ssoRegistrationScopes = v.toString().split(u',', Qt::SkipEmptyParts);
        }},
    {"ssoAccountId"_L1, readText<&Profile::ssoAccountId>, writeText<&Profile::ssoAccountId>},
    {"ssoRoleName"_L1, readText<&Profile::ssoRoleName>, writeText<&Profile::ssoRoleName>},
    {"ssoEndpointUrl"_L1, readUrl<&Profile::ssoEndpointUrl>, writeUrl<&Profile::ssoEndpointUrl>},
    {"ssoOidcEndpointUrl"_L1, readUrl<&Profile::ssoOidcEndpointUrl>,
        writeUrl<&Profile::ssoOidcEndpointUrl>},
};

} // namespace

ProfileStore::ProfileStore(QSettings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
{ }

QList<Profile> ProfileStore::profiles() const
{
    QList<Profile> out;
    m_settings.beginGroup(kGroup);
    const QStringList ids = m_settings.childGroups();
    for (const QString& id : ids) {
        m_settings.beginGroup(id);
        Profile profile;
        profile.id = id;
        for (const ProfileSetting& setting : kSettings) {
            if (m_settings.contains(setting.key))
                setting.write(profile, m_settings.value(setting.key));
        }
        m_settings.endGroup();
        out.append(std::move(profile));
    }
    m_settings.endGroup();
    std::sort(out.begin(), out.end(), [](const Profile& a, const Profile& b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return out;
}

std::optional<Profile> ProfileStore::profile(const QString& id) const
{
    for (const Profile& p : profiles()) {
        if (p.id == id)
            return p;
    }
    return std::nullopt;
}

std::optional<Profile> ProfileStore::profileByName(const QString& name) const
{
    for (const Profile& p : profiles()) {
        if (p.name == name)
            return p;
    }
    return std::nullopt;
}

QList<ProfileIssue> ProfileStore::validate(const Profile& profile) const
{
    return validateProfile(profile, profiles());
}

Result<Profile> ProfileStore::save(Profile profile)
{
    if (profile.id.isEmpty())
        profile.id = Profile::newId();
    if (profile.id.contains(u'/') || profile.id.contains(u'\\')
        || profile.id.startsWith(u"shared:"))
        return makeError(ErrorKind::InvalidInput, QStringLiteral("InvalidProfileId"),
            QCoreApplication::translate("ecr::ProfileStore", "'%1' cannot be a profile id.")
                .arg(profile.id),
            0);
    const QList<ProfileIssue> issues = validate(profile);
    if (!issues.isEmpty()) {
        QStringList messages;
        for (const ProfileIssue& issue : issues)
            messages.append(issue.message);
        return makeError(
            ErrorKind::InvalidInput, QStringLiteral("InvalidProfile"), messages.join(u'\n'), 0);
    }
    m_settings.beginGroup(kGroup);
    m_settings.remove(profile.id); // no stale keys from an older shape
    m_settings.beginGroup(profile.id);
    for (const ProfileSetting& setting : kSettings)
        m_settings.setValue(setting.key, setting.read(profile));
    m_settings.endGroup();
    m_settings.endGroup();
    m_settings.sync();
    Q_EMIT changed();
    return profile;
}

bool ProfileStore::remove(const QString& id)
{
    m_settings.beginGroup(kGroup);
    const bool existed = !id.isEmpty() && m_settings.childGroups().contains(id);
    if (existed)
        m_settings.remove(id);
    m_settings.endGroup();
    if (!existed)
        return false;
    m_settings.sync();
    Q_EMIT changed();
    return true;
}

} // namespace ecr
