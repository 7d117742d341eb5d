#include "SharedConfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSet>

namespace ecr {

namespace {

using namespace Qt::StringLiterals;

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::SharedConfig)
};

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

} // namespace

QString expandHome(const QString& path, const QString& home)
{
    if (path == u"~")
        return home;
    if (path.startsWith(u"~/") || path.startsWith(u"~\\"))
        return home + path.mid(1);
    return path;
}

QString SharedConfigIssue::toString() const
{
    return line > 0 ? u"%1:%2: %3"_s.arg(file).arg(line).arg(message)
                    : u"%1: %2"_s.arg(file, message);
}

bool SharedProfile::usesSso() const
{
    return !value(u"sso_session"_s).isEmpty() || !value(u"sso_start_url"_s).isEmpty()
        || !value(u"sso_account_id"_s).isEmpty() || !value(u"sso_role_name"_s).isEmpty();
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
        result.m_issues.prepend({paths.config, 0, Tr::tr("cannot be read: %1").arg(configError)});
    if (!credentialsError.isEmpty())
        result.m_issues.prepend(
            {paths.credentials, 0, Tr::tr("cannot be read: %1").arg(credentialsError)});
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
        SsoSession,
        Skipped, // a non-profile section, or a broken header
    };
    Section section = Section::None;
    SharedProfile* profile = nullptr;
    QString servicesName; // also the name of an [sso-session]
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
        if (section == Section::Services || section == Section::SsoSession) {
            auto& sections = section == Section::Services ? m_services : m_ssoSessionSettings;
            sections[servicesName].insert(key, value);
            return;
        }
        if (section != Section::Profile)
            return;
        if (seenKeys.contains(key))
            issue(lineNumber,
                Tr::tr("'%1' is set again in this section; the last value counts.").arg(key));
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
                    Tr::tr("The section header '%1' has no closing ']'; the lines up to the next "
                           "section are ignored.")
                        .arg(trimmed));
                section = Section::Skipped;
                continue;
            }
            const QString header = trimmed.mid(1, close - 1).simplified();
            const QString rest = stripInlineComment(trimmed.mid(close + 1).trimmed());
            if (!rest.isEmpty())
                issue(lineNumber,
                    Tr::tr("Text after the section header is ignored: '%1'.").arg(rest));
            QString profileName;
            section = Section::Skipped;
            if (isConfigFile) {
                if (header == u"default") {
                    profileName = header;
                } else if (header.startsWith(u"profile ")) {
                    profileName = header.mid(8).trimmed();
                } else if (header.startsWith(u"sso-session ")) {
                    section = Section::SsoSession;
                    servicesName = header.mid(12).trimmed();
                    if (!m_ssoSessions.contains(servicesName))
                        m_ssoSessions.append(servicesName);
                    m_ssoSessionSettings[servicesName];
                } else if (header.startsWith(u"services ")) {
                    section = Section::Services;
                    servicesName = header.mid(9).trimmed();
                } else if (header == u"preview" || header == u"plugins") {
                    // CLI settings, not profiles
                } else if (header == u"profile") {
                    issue(lineNumber, Tr::tr("The profile section has no name."));
                } else if (!header.isEmpty()) {
                    issue(lineNumber,
                        Tr::tr("[%1] is not a profile section: in the config file profiles are "
                               "written [profile %1] (only [default] has no prefix).")
                            .arg(header));
                }
            } else {
                profileName = header;
                if (header.startsWith(u"profile "))
                    issue(lineNumber,
                        Tr::tr("In the credentials file sections have no 'profile ' prefix; this "
                               "section is the profile named '%1'.")
                            .arg(header));
            }
            if (!profileName.isEmpty()) {
                section = Section::Profile;
                profile = profileNamed(profileName);
            } else if (header.isEmpty()) {
                issue(lineNumber, Tr::tr("The section header has no name."));
            }
            if (seenSections.contains(header))
                issue(lineNumber,
                    Tr::tr("The section [%1] appears more than once; its values are merged.")
                        .arg(header));
            seenSections.insert(header);
            continue;
        }

        if (indented && !lastKey.isEmpty()) {
            // Under an empty value: a sub-property. Under a value: its continuation.
            QString parentValue = section == Section::Services
                ? m_services[servicesName].value(lastKey)
                : section == Section::SsoSession
                ? m_ssoSessionSettings[servicesName].value(lastKey)
                : (profile ? profile->settings.value(lastKey) : QString());
            if (parentValue.isEmpty()) {
                const qsizetype eq = trimmed.indexOf(u'=');
                if (eq <= 0) {
                    issue(lineNumber,
                        Tr::tr("Expected 'name = value' under '%1', found '%2'.")
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
                Tr::tr("'%1' is outside a section; settings belong under a header such as "
                       "[default].")
                    .arg(eq > 0 ? trimmed.left(eq).trimmed() : trimmed));
            continue;
        }
        if (eq < 0) {
            issue(lineNumber, Tr::tr("Expected 'name = value', found '%1'.").arg(trimmed));
            continue;
        }
        const QString key = trimmed.left(eq).trimmed().toLower();
        if (key.isEmpty()) {
            issue(lineNumber, Tr::tr("The setting has no name."));
            continue;
        }
        if (section == Section::Skipped)
            continue;
        lastKey = key;
        store(lineNumber, key, stripInlineComment(trimmed.mid(eq + 1).trimmed()));
    }
}

} // namespace ecr
