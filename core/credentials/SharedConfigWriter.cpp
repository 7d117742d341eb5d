#include "SharedConfigWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace ecr {

using namespace Qt::StringLiterals;

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::SharedConfigWriter)
};

QString line(const QString& key, const QString& value)
{
    return value.isEmpty() ? QString() : key + u" = "_s + value + u'\n';
}

} // namespace

QString ssoConfigText(const Profile& profile, bool withSession)
{
    const QString header
        = profile.name == u"default" ? u"[default]"_s : u"[profile %1]"_s.arg(profile.name);
    QString text = u"\n"_s + header + u'\n';
    if (profile.ssoSession.isEmpty()) {
        text += line(u"sso_start_url"_s, profile.ssoStartUrl);
        text += line(u"sso_region"_s, profile.ssoRegion);
    } else {
        text += line(u"sso_session"_s, profile.ssoSession);
    }
    text += line(u"sso_account_id"_s, profile.ssoAccountId);
    text += line(u"sso_role_name"_s, profile.ssoRoleName);
    text += line(u"region"_s, profile.region);
    if (withSession && !profile.ssoSession.isEmpty()) {
        text += u"\n[sso-session %1]\n"_s.arg(profile.ssoSession);
        text += line(u"sso_start_url"_s, profile.ssoStartUrl);
        text += line(u"sso_region"_s, profile.ssoRegion);
        text += line(u"sso_registration_scopes"_s, profile.ssoRegistrationScopes.join(u','));
    }
    return text;
}

QString ssoConfigConflict(const SharedConfig& config, const Profile& profile, bool* withSession)
{
    *withSession = false;
    if (config.profile(profile.name) && !config.profile(profile.name)->settings.isEmpty())
        return Tr::tr("%1 has a profile named '%2' already; choose another name.")
            .arg(config.paths().config, profile.name);
    if (profile.ssoSession.isEmpty())
        return {};
    if (!config.ssoSessions().contains(profile.ssoSession)) {
        *withSession = true;
        return {};
    }
    const QMap<QString, QString> session = config.ssoSession(profile.ssoSession);
    if (session.value(u"sso_start_url"_s) != profile.ssoStartUrl
        || session.value(u"sso_region"_s) != profile.ssoRegion)
        return Tr::tr("%1 has an sso-session '%2' for another portal or region; choose another "
                      "session name.")
            .arg(config.paths().config, profile.ssoSession);
    return {};
}

Result<Unit> appendToConfigFile(const QString& path, const QString& text)
{
    auto failed = [&](const QString& why) {
        return makeError(ErrorKind::Configuration, u"ConfigNotWritten"_s,
            Tr::tr("%1 could not be written: %2").arg(path, why), 0);
    };
    const QFileInfo info(path);
    if (!info.dir().exists()) {
        if (!QDir().mkpath(info.absolutePath()))
            return failed(Tr::tr("its folder cannot be created"));
        QFile::setPermissions(info.absolutePath(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    QByteArray content;
    const bool existed = info.exists();
    if (existed) {
        QFile current(path);
        if (!current.open(QIODevice::ReadOnly))
            return failed(current.errorString());
        content = current.readAll();
        if (!content.isEmpty() && !content.endsWith('\n'))
            content += '\n';
    }
    content += text.toUtf8();
    QSaveFile file(path); // keeps an existing file's permissions
    if (!file.open(QIODevice::WriteOnly))
        return failed(file.errorString());
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (!existed)
        file.setPermissions(ownerOnly); // the temporary file, before anything is in it
    if (file.write(content) != content.size() || !file.commit())
        return failed(file.errorString());
    if (!existed)
        QFile::setPermissions(path, ownerOnly);
    return Unit{};
}

} // namespace ecr
