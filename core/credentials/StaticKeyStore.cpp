#include "StaticKeyStore.h"

#include "TemporaryCredentials.h"

#include <QCoreApplication>

namespace ecr {

using namespace Qt::StringLiterals;

QString StaticKeyStore::keyFor(const QString& profileId)
{
    return u"keys/"_s
        + QString::fromLatin1(profileId.toUtf8().toBase64(
            QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QCoro::Task<KeychainResult<Unit>> StaticKeyStore::store(QString profileId, sigv4::Credentials keys)
{
    // Arguments are named locals: GCC 12 destroys some temporaries of a co_await expression twice.
    const QString key = keyFor(profileId);
    const TemporaryCredentials stored{keys, {}, {}};
    const QByteArray json = toKeychainJson(stored);
    co_return co_await m_secrets.write(key, json);
}

QCoro::Task<Result<sigv4::Credentials>> StaticKeyStore::read(QString profileId)
{
    const QString key = keyFor(profileId);
    const KeychainResult<QByteArray> stored = co_await m_secrets.read(key);
    if (!stored)
        co_return stored.toAwsError();
    const std::optional<StoredCredentials> parsed = fromKeychainJson(stored.value());
    if (!parsed)
        co_return makeError(ErrorKind::Credentials, u"KeychainEntryMissing"_s,
            QCoreApplication::translate("ecr::StaticKeyStore",
                "The keys saved in the system keychain for this profile cannot be read. Edit the "
                "profile and enter its access key again."),
            0);
    sigv4::Credentials keys = parsed->credentials.credentials;
    co_return keys;
}

QCoro::Task<KeychainResult<Unit>> StaticKeyStore::remove(QString profileId)
{
    const QString key = keyFor(profileId);
    co_return co_await m_secrets.remove(key);
}

} // namespace ecr
