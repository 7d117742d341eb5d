#pragma once

#include "AwsError.h"
#include "KeychainStore.h"
#include "SigV4.h"

#include <QCoroTask>
#include <QString>

namespace ecr {

// The access keys of the app's own profiles, in the keychain only: one entry per profile under
// "keys/<b64url(profile id)>", as JSON in the shape credential_process prints. Nothing else in
// the app reads or writes them.
class StaticKeyStore final
{
public:
    explicit StaticKeyStore(SecretStore& secrets)
        : m_secrets(secrets)
    { }

    static QString keyFor(const QString& profileId);

    QCoro::Task<KeychainResult<Unit>> store(QString profileId, sigv4::Credentials keys);
    // KeychainEntryMissing (kind Credentials) when there is none or it cannot be read.
    QCoro::Task<Result<sigv4::Credentials>> read(QString profileId);
    QCoro::Task<KeychainResult<Unit>> remove(QString profileId);

private:
    SecretStore& m_secrets;
};

} // namespace ecr
