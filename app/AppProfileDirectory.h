#pragma once

#include "LocalSandbox.h"
#include "ProfileDirectory.h"

namespace ecr {

class CredentialProfileDirectory;

// What the profile selector lists: the credential chain (environment, AWS_PROFILE, the app's
// keychain profiles, the shared files) and, once started, the Local sandbox.
class AppProfileDirectory final : public ProfileDirectory
{
    Q_OBJECT

public:
    AppProfileDirectory(
        CredentialProfileDirectory& credentials, LocalSandbox& sandbox, QObject* parent = nullptr);

    QList<ProfileEntry> profiles() const override;
    QCoro::Task<Result<ConnectionTarget>> resolve(
        QString profileId, QString region, CancelToken cancel) override;
    QString connectionRevision(const QString& profileId) const override;

    static const QString kSandboxId;

private:
    CredentialProfileDirectory& m_credentials;
    LocalSandbox& m_sandbox;
};

} // namespace ecr
