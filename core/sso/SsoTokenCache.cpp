#include "SsoTokenCache.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryFile>

#include <filesystem>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::SsoTokenCache)
};

AwsError fileError(const QString& message)
{
    return makeError(ErrorKind::Configuration, u"SsoCacheUnusable"_s, message, 0);
}

// {"a": "x", "b": "y"} with Python's separators, in the order given.
QByteArray pythonObject(const QList<std::pair<QString, QString>>& members)
{
    QStringList parts;
    for (const auto& [key, json] : members)
        parts.append(pythonJsonString(key) + u": "_s + json);
    return (u'{' + parts.join(u", "_s) + u'}').toUtf8();
}

constexpr QFileDevice::Permissions kOwnerOnlyDir = QFileDevice::ReadOwner | QFileDevice::WriteOwner
    | QFileDevice::ExeOwner | QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser;

// Creates the missing folders of `path` one by one, each 0700.
bool makePrivatePath(const QString& path)
{
    const QString clean = QDir::cleanPath(path);
    if (QFileInfo(clean).isDir())
        return true;
    const QString parent = QFileInfo(clean).path();
    if (parent != clean && !makePrivatePath(parent))
        return false;
    if (!QDir().mkdir(clean))
        return QFileInfo(clean).isDir();
    return QFile::setPermissions(clean, kOwnerOnlyDir);
}

Result<QByteArray> readFile(const QString& path, bool* missing)
{
    QFile file(path);
    *missing = !file.exists();
    if (*missing)
        return QByteArray();
    if (!file.open(QIODevice::ReadOnly))
        return fileError(
            Tr::tr("The SSO cache file %1 cannot be read: %2.").arg(path, file.errorString()));
    constexpr qint64 kMaxCacheFile = 1024 * 1024;
    QByteArray content = file.read(kMaxCacheFile + 1);
    if (content.size() > kMaxCacheFile)
        return fileError(Tr::tr("The SSO cache file %1 is too large to be a token.").arg(path));
    return content;
}

} // namespace

QString SsoTokenCache::directoryFor(const QString& home)
{
    return QDir(home).filePath(u".aws/sso/cache"_s);
}

QString SsoTokenCache::tokenPath(const SsoSessionConfig& session) const
{
    return QDir(m_directory).filePath(session.tokenFileName());
}

QString SsoTokenCache::registrationPath(const SsoSessionConfig& session) const
{
    return QDir(m_directory).filePath(session.registrationFileName());
}

QByteArray SsoTokenCache::tokenJson(const SsoToken& token)
{
    QList<std::pair<QString, QString>> members{
        {u"startUrl"_s, pythonJsonString(token.startUrl)},
        {u"region"_s, pythonJsonString(token.region)},
        {u"accessToken"_s, pythonJsonString(token.accessToken)},
        {u"expiresAt"_s, pythonJsonString(cliTimestamp(token.expiresAt))},
    };
    if (!token.clientId.isEmpty()) {
        members.append({u"clientId"_s, pythonJsonString(token.clientId)});
        members.append({u"clientSecret"_s, pythonJsonString(token.clientSecret)});
        members.append({u"registrationExpiresAt"_s,
            pythonJsonString(cliTimestamp(token.registrationExpiresAt))});
    }
    if (!token.refreshToken.isEmpty())
        members.append({u"refreshToken"_s, pythonJsonString(token.refreshToken)});
    return pythonObject(members);
}

QByteArray SsoTokenCache::registrationJson(const SsoRegistration& registration)
{
    QList<std::pair<QString, QString>> members{
        {u"clientId"_s, pythonJsonString(registration.clientId)},
        {u"clientSecret"_s, pythonJsonString(registration.clientSecret)},
        {u"expiresAt"_s, pythonJsonString(cliTimestamp(registration.expiresAt))},
    };
    if (!registration.scopes.isEmpty()) {
        QStringList scopes;
        for (const QString& scope : registration.scopes)
            scopes.append(pythonJsonString(scope));
        members.append({u"scopes"_s, u'[' + scopes.join(u", "_s) + u']'});
    }
    return pythonObject(members);
}

std::optional<SsoToken> SsoTokenCache::parseToken(const QByteArray& json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    SsoToken token;
    token.startUrl = o.value(u"startUrl"_s).toString();
    token.region = o.value(u"region"_s).toString();
    token.accessToken = o.value(u"accessToken"_s).toString();
    token.expiresAt = parseCliTimestamp(o.value(u"expiresAt"_s).toString());
    token.refreshToken = o.value(u"refreshToken"_s).toString();
    token.clientId = o.value(u"clientId"_s).toString();
    token.clientSecret = o.value(u"clientSecret"_s).toString();
    token.registrationExpiresAt = parseCliTimestamp(o.value(u"registrationExpiresAt"_s).toString());
    if (!token.isValid())
        return std::nullopt;
    return token;
}

std::optional<SsoRegistration> SsoTokenCache::parseRegistration(const QByteArray& json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    SsoRegistration registration;
    registration.clientId = o.value(u"clientId"_s).toString();
    registration.clientSecret = o.value(u"clientSecret"_s).toString();
    registration.expiresAt = parseCliTimestamp(o.value(u"expiresAt"_s).toString());
    for (const QJsonValue& scope : o.value(u"scopes"_s).toArray())
        registration.scopes.append(scope.toString());
    if (!registration.isValid() || !registration.expiresAt.isValid())
        return std::nullopt;
    // CLI 2.22+ registers for the PKCE flow (grantTypes authorization_code): a client of one
    // flow cannot be used for the other.
    for (const QJsonValue& grant : o.value(u"grantTypes"_s).toArray()) {
        if (grant.toString() == u"authorization_code")
            return std::nullopt;
    }
    return registration;
}

Result<std::optional<SsoToken>> SsoTokenCache::readToken(const SsoSessionConfig& session) const
{
    bool missing = false;
    const QString path = tokenPath(session);
    const Result<QByteArray> content = readFile(path, &missing);
    if (!content)
        return content.error();
    if (missing)
        return std::optional<SsoToken>();
    std::optional<SsoToken> token = parseToken(content.value());
    if (!token)
        return fileError(
            Tr::tr("The SSO cache file %1 is not a token (it needs accessToken and expiresAt).")
                .arg(path));
    return token;
}

Result<std::optional<SsoRegistration>> SsoTokenCache::readRegistration(
    const SsoSessionConfig& session) const
{
    bool missing = false;
    const Result<QByteArray> content = readFile(registrationPath(session), &missing);
    if (!content)
        return content.error();
    if (missing)
        return std::optional<SsoRegistration>();
    // An unreadable registration is no worse than none: a new one is made.
    return parseRegistration(content.value());
}

Result<Unit> SsoTokenCache::writeToken(const SsoSessionConfig& session, const SsoToken& token) const
{
    return writeFile(tokenPath(session), tokenJson(token));
}

Result<Unit> SsoTokenCache::writeRegistration(
    const SsoSessionConfig& session, const SsoRegistration& registration) const
{
    return writeFile(registrationPath(session), registrationJson(registration));
}

Result<Unit> SsoTokenCache::removeToken(const SsoSessionConfig& session) const
{
    return removeFile(tokenPath(session));
}

Result<Unit> SsoTokenCache::removeRegistration(const SsoSessionConfig& session) const
{
    return removeFile(registrationPath(session));
}

Result<Unit> SsoTokenCache::removeFile(const QString& path) const
{
    QFile file(path);
    if (file.exists() && !file.remove())
        return fileError(Tr::tr("The SSO cache file %1 cannot be removed: %2.")
                             .arg(file.fileName(), file.errorString()));
    return Unit{};
}

Result<Unit> SsoTokenCache::writeFile(const QString& path, const QByteArray& content) const
{
    if (!makePrivatePath(m_directory))
        return fileError(Tr::tr("The SSO cache folder %1 cannot be created.").arg(m_directory));
    // QTemporaryFile creates its file 0600; the rename replaces the old one in one step.
    QTemporaryFile file(QDir(m_directory).filePath(u".tmp-XXXXXX"_s));
    if (!file.open())
        return fileError(Tr::tr("The SSO cache folder %1 is not writable: %2.")
                             .arg(m_directory, file.errorString()));
    if (file.write(content) != content.size() || !file.flush())
        return fileError(
            Tr::tr("The SSO cache file %1 cannot be written: %2.").arg(path, file.errorString()));
#ifdef Q_OS_UNIX
    ::fsync(file.handle());
#endif
    const QString temporary = file.fileName();
    file.close();
    // std::filesystem::rename replaces an existing file in one step (POSIX rename(2),
    // MoveFileEx with REPLACE_EXISTING on Windows); QFile::rename would refuse to.
    std::error_code failed;
    std::filesystem::rename(std::filesystem::path(temporary.toStdU16String()),
        std::filesystem::path(path.toStdU16String()), failed);
    if (failed)
        return fileError(Tr::tr("The SSO cache file %1 cannot be written: %2.")
                             .arg(path, QString::fromStdString(failed.message())));
    file.setAutoRemove(false);
    return Unit{};
}

} // namespace ecr
