// Over 400 lines on purpose: the AWS CLI's INI dialect and its profiles' mapping, read together.
#include "SharedConfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSet>

namespace ecr {

namespace {

using namespace Qt::StringLiterals;

QString tr(const char* text)
{
    return QCoreApplication::translate("ecr::SharedConfig", text);
}

QString ssoNote()
{
    return tr("uses IAM Identity Center (SSO), which this app does not support yet");
}

// A value without its inline comment: '#' or ';' preceded by white space starts one.
QString stripInlineComment(const QString& value)
{
    for (qsizetype i = 1; i < value.size(); ++i) {
        if ((value[i] == u'#' || value[i] == u';') && value[i - 1].isSpace())
            return value.left(i).trimmed();
    }
    if (value.startsWith(u'#') || value.startsWith(u';'))
        return {};
    return value;
}

QString expandHome(const QString& path, const QString& home)
{
    if (path == u"~")
        return home;
    if (path.startsWith(u"~/") || path.startsWith(u"~\\"))
        return home + path.mid(1);
    return path;
}

} // namespace

QString SharedConfigIssue::toString() const
{
    return line > 0 ? u"%1:%2: %3"_s.arg(file).arg(line).arg(message)
                    : u"%1: %2"_s.arg(file, message);
}

bool SharedProfile::usesSso() const
{
    return notes.contains(ssoNote());
}

bool SharedProfile::hasStaticKeys() const
{
    return !value(u"aws_access_key_id"_s).isEmpty() && !value(u"aws_secret_access_key"_s).isEmpty();
}

sigv4::Credentials SharedProfile::staticKeys() const
{
    QString token = value(u"aws_session_token"_s);
    if (token.isEmpty())
        token = value(u"aws_security_token"_s);
    return {value(u"aws_access_key_id"_s), value(u"aws_secret_access_key"_s), token};
}

SharedConfigPaths SharedConfigPaths::fromEnvironment(const QProcessEnvironment& environment)
{
    QString home = environment.value(u"HOME"_s);
    if (home.isEmpty())
        home = environment.value(u"USERPROFILE"_s);
    if (home.isEmpty() && environment.contains(u"HOMEDRIVE"_s))
        home = environment.value(u"HOMEDRIVE"_s) + environment.value(u"HOMEPATH"_s);
    if (home.isEmpty())
        home = QDir::homePath();
    SharedConfigPaths paths;
    paths.home = home;
    paths.config = environment.value(u"AWS_CONFIG_FILE"_s);
    paths.config
        = paths.config.isEmpty() ? home + u"/.aws/config"_s : expandHome(paths.config, home);
    paths.credentials = environment.value(u"AWS_SHARED_CREDENTIALS_FILE"_s);
    paths.credentials = paths.credentials.isEmpty() ? home + u"/.aws/credentials"_s
                                                    : expandHome(paths.credentials, home);
    return paths;
}

SharedConfig SharedConfig::load(const SharedConfigPaths& paths)
{
    auto readFile = [](const QString& path, bool* exists, QString* error) {
        QFile file(path);
        *exists = file.exists();
        if (!*exists)
            return QByteArray();
        if (!file.open(QIODevice::ReadOnly)) {
            *error = file.errorString();
            return QByteArray();
        }
        return file.readAll();
    };
    bool configExists = false;
    bool credentialsExists = false;
    QString configError;
    QString credentialsError;
    const QByteArray config = readFile(paths.config, &configExists, &configError);
    const QByteArray credentials
        = readFile(paths.credentials, &credentialsExists, &credentialsError);
    SharedConfig result = parse(config, credentials, paths);
    result.m_configExists = configExists;
    result.m_credentialsExists = credentialsExists;
    if (!configError.isEmpty())
        result.m_issues.prepend({paths.config, 0, tr("cannot be read: %1").arg(configError)});
    if (!credentialsError.isEmpty())
        result.m_issues.prepend(
            {paths.credentials, 0, tr("cannot be read: %1").arg(credentialsError)});
    return result;
}

SharedConfig SharedConfig::parse(
    const QByteArray& configText, const QByteArray& credentialsText, const SharedConfigPaths& paths)
{
    SharedConfig result;
    result.m_paths = paths;
    result.m_configExists = !configText.isEmpty();
    result.m_credentialsExists = !credentialsText.isEmpty();
    result.parseFile(configText, paths.config, true);
    result.parseFile(credentialsText, paths.credentials, false);
    return result;
}

const SharedProfile* SharedConfig::profile(const QString& name) const
{
    for (const SharedProfile& p : m_profiles) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

void SharedConfig::parseFile(const QByteArray& text, const QString& fileName, bool isConfigFile)
{
    enum class Section
    {
        None, // before the first header
        Profile,
        Services,
        Skipped, // [sso-session], a non-profile section, or a broken header
    };
    Section section = Section::None;
    SharedProfile* profile = nullptr;
    QString servicesName;
    QString lastKey; // for indented lines
    QSet<QString> seenSections;
    QSet<QString> seenKeys;

    auto issue = [&](int line, const QString& message) {
        m_issues.append({fileName, line, message});
    };
    auto profileNamed = [&](const QString& name) -> SharedProfile* {
        for (SharedProfile& p : m_profiles) {
            if (p.name == name)
                return &p;
        }
        m_profiles.append(SharedProfile{name, {}, {}, {}});
        return &m_profiles.last();
    };
    auto store = [&](int lineNumber, const QString& key, const QString& value) {
        if (section == Section::Services) {
            m_services[servicesName].insert(key, value);
            return;
        }
        if (section != Section::Profile)
            return;
        if (key.startsWith(u"sso_")) {
            if (!profile->notes.contains(ssoNote()))
                profile->notes.append(ssoNote());
            return;
        }
        if (seenKeys.contains(key))
            issue(lineNumber,
                tr("'%1' is set again in this section; the last value counts.").arg(key));
        seenKeys.insert(key);
        profile->settings.insert(key, value);
        if (!isConfigFile && !profile->credentialsFileKeys.contains(key))
            profile->credentialsFileKeys.append(key);
    };

    QString content = QString::fromUtf8(text);
    if (content.startsWith(QChar(0xFEFF)))
        content.remove(0, 1);
    const QStringList lines = content.split(u'\n');
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const int lineNumber = int(index) + 1;
        QString line = lines[index];
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#') || trimmed.startsWith(u';'))
            continue;
        const bool indented = line.front().isSpace();

        if (!indented && trimmed.startsWith(u'[')) {
            lastKey.clear();
            seenKeys.clear();
            profile = nullptr;
            const qsizetype close = trimmed.indexOf(u']');
            if (close < 0) {
                issue(lineNumber,
                    tr("The section header '%1' has no closing ']'; the lines up to the next "
                       "section are ignored.")
                        .arg(trimmed));
                section = Section::Skipped;
                continue;
            }
            const QString header = trimmed.mid(1, close - 1).simplified();
            const QString rest = stripInlineComment(trimmed.mid(close + 1).trimmed());
            if (!rest.isEmpty())
                issue(lineNumber, tr("Text after the section header is ignored: '%1'.").arg(rest));
            QString profileName;
            section = Section::Skipped;
            if (isConfigFile) {
                if (header == u"default") {
                    profileName = header;
                } else if (header.startsWith(u"profile ")) {
                    profileName = header.mid(8).trimmed();
                } else if (header.startsWith(u"sso-session ")) {
                    m_ssoSessions.append(header.mid(12).trimmed());
                } else if (header.startsWith(u"services ")) {
                    section = Section::Services;
                    servicesName = header.mid(9).trimmed();
                } else if (header == u"preview" || header == u"plugins") {
                    // CLI settings, not profiles
                } else if (header == u"profile") {
                    issue(lineNumber, tr("The profile section has no name."));
                } else if (!header.isEmpty()) {
                    issue(lineNumber,
                        tr("[%1] is not a profile section: in the config file profiles are "
                           "written [profile %1] (only [default] has no prefix).")
                            .arg(header));
                }
            } else {
                profileName = header;
                if (header.startsWith(u"profile "))
                    issue(lineNumber,
                        tr("In the credentials file sections have no 'profile ' prefix; this "
                           "section is the profile named '%1'.")
                            .arg(header));
            }
            if (!profileName.isEmpty()) {
                section = Section::Profile;
                profile = profileNamed(profileName);
            } else if (header.isEmpty()) {
                issue(lineNumber, tr("The section header has no name."));
            }
            if (seenSections.contains(header))
                issue(lineNumber,
                    tr("The section [%1] appears more than once; its values are merged.")
                        .arg(header));
            seenSections.insert(header);
            continue;
        }

        if (indented && !lastKey.isEmpty()) {
            // Under an empty value: a sub-property. Under a value: its continuation.
            QString parentValue = section == Section::Services
                ? m_services[servicesName].value(lastKey)
                : (profile ? profile->settings.value(lastKey) : QString());
            if (parentValue.isEmpty()) {
                const qsizetype eq = trimmed.indexOf(u'=');
                if (eq <= 0) {
                    issue(lineNumber,
                        tr("Expected 'name = value' under '%1', found '%2'.")
                            .arg(lastKey, trimmed));
                    continue;
                }
                const QString subKey = trimmed.left(eq).trimmed().toLower();
                store(lineNumber, lastKey + u'.' + subKey,
                    stripInlineComment(trimmed.mid(eq + 1).trimmed()));
            } else if (section == Section::Profile && profile) {
                profile->settings[lastKey] = parentValue + u'\n' + stripInlineComment(trimmed);
            }
            continue;
        }

        const qsizetype eq = trimmed.indexOf(u'=');
        if (section == Section::None) {
            issue(lineNumber,
                tr("'%1' is outside a section; settings belong under a header such as "
                   "[default].")
                    .arg(eq > 0 ? trimmed.left(eq).trimmed() : trimmed));
            continue;
        }
        if (eq < 0) {
            issue(lineNumber, tr("Expected 'name = value', found '%1'.").arg(trimmed));
            continue;
        }
        const QString key = trimmed.left(eq).trimmed().toLower();
        if (key.isEmpty()) {
            issue(lineNumber, tr("The setting has no name."));
            continue;
        }
        if (section == Section::Skipped)
            continue;
        lastKey = key;
        store(lineNumber, key, stripInlineComment(trimmed.mid(eq + 1).trimmed()));
    }
}

Result<Profile> SharedConfig::toProfile(const QString& name) const
{
    const SharedProfile* shared = profile(name);
    auto fail = [&](const QString& message) {
        return makeError(ErrorKind::Configuration, QStringLiteral("UnsupportedProfile"),
            tr("Profile '%1' %2.").arg(name, message), 0);
    };
    if (!shared)
        return makeError(ErrorKind::Configuration, QStringLiteral("UnknownProfile"),
            tr("There is no profile '%1' in %2 or %3.")
                .arg(name, m_paths.config, m_paths.credentials),
            0);
    const SharedProfile& p = *shared;
    Profile profile;
    profile.id = idPrefix() + name;
    profile.name = name;
    profile.region = p.value(u"region"_s);
    profile.caBundlePath = expandHome(
        p.value(u"ca_bundle"_s), m_paths.home.isEmpty() ? QDir::homePath() : m_paths.home);
    const QString servicesName = p.value(u"services"_s);
    const QMap<QString, QString> services = this->services(servicesName);
    const QString globalEndpoint = p.value(u"endpoint_url"_s);
    const QString fileOf
        = p.credentialsFileKeys.contains(u"endpoint_url"_s) ? m_paths.credentials : m_paths.config;
    const QString globalOrigin = tr("endpoint_url of profile '%1' in %2").arg(name, fileOf);
    auto endpointOf = [&](const QString& service, QString* origin) {
        const QString key = service + u".endpoint_url"_s;
        if (services.contains(key)) {
            *origin = tr("%1 in [services %2] of %3").arg(key, servicesName, m_paths.config);
            return services.value(key);
        }
        *origin = globalEndpoint.isEmpty() ? QString() : globalOrigin;
        return globalEndpoint;
    };
    const QString ecrEndpoint = endpointOf(u"ecr"_s, &profile.endpointUrlOrigin);
    const QString stsEndpoint = endpointOf(u"sts"_s, &profile.stsEndpointUrlOrigin);
    profile.endpointUrl = ecrEndpoint.isEmpty() ? QUrl() : QUrl(ecrEndpoint);
    profile.stsEndpointUrl = stsEndpoint.isEmpty() ? QUrl() : QUrl(stsEndpoint);
    profile.mfaSerial = p.value(u"mfa_serial"_s);

    const QString roleArn = p.value(u"role_arn"_s);
    if (!roleArn.isEmpty()) {
        profile.source = CredentialSource::AssumeRole;
        profile.roleArn = roleArn;
        const QString sourceProfile = p.value(u"source_profile"_s);
        const QString credentialSource = p.value(u"credential_source"_s);
        if (!sourceProfile.isEmpty() && !credentialSource.isEmpty())
            return fail(tr("sets both source_profile and credential_source"));
        if (!sourceProfile.isEmpty()) {
            profile.sourceProfile = sourceProfile == name
                ? QString(idPrefix() + name + selfKeysSuffix())
                : QString(idPrefix() + sourceProfile);
        } else if (credentialSource == u"Environment") {
            profile.roleSourceIsEnvironment = true;
        } else if (!credentialSource.isEmpty()) {
            return fail(tr("uses credential_source = %1; only Environment is supported")
                            .arg(credentialSource));
        } else if (!p.value(u"web_identity_token_file"_s).isEmpty()) {
            return fail(tr("uses web_identity_token_file, which this app does not support"));
        } else {
            return fail(tr("sets role_arn without source_profile or credential_source"));
        }
        profile.externalId = p.value(u"external_id"_s);
        profile.sessionName = p.value(u"role_session_name"_s);
        const QString duration = p.value(u"duration_seconds"_s);
        if (!duration.isEmpty()) {
            bool ok = false;
            profile.durationSeconds = duration.toInt(&ok);
            if (!ok)
                return fail(tr("has duration_seconds = '%1', which is not a number").arg(duration));
        }
        return profile;
    }
    if (p.usesSso())
        return fail(ssoNote());
    auto hasCredentialsFileKeys = [&] {
        return p.hasStaticKeys() && p.credentialsFileKeys.contains(u"aws_access_key_id"_s);
    };
    if (hasCredentialsFileKeys()
        || (p.hasStaticKeys() && p.value(u"credential_process"_s).isEmpty())) {
        profile.source = CredentialSource::StaticKeys;
        return profile;
    }
    if (!p.value(u"credential_process"_s).isEmpty()) {
        profile.source = CredentialSource::CredentialProcess;
        profile.credentialProcess = p.value(u"credential_process"_s);
        return profile;
    }
    if (!p.value(u"web_identity_token_file"_s).isEmpty())
        return fail(tr("uses web_identity_token_file, which this app does not support"));
    return fail(tr("has no credentials (no access key, role_arn or credential_process)"));
}

} // namespace ecr
