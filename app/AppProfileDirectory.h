#pragma once

#include "LocalSandbox.h"
#include "ProfileDirectory.h"

namespace ecr {

class CredentialProfileDirectory;

// What the profile selector lists: the credential chain (environment, AWS_PROFILE, the app's
// keychain profiles, the shared files) and, once started, the Local sandbox with its SSO demo.
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
    QCoro::Task<Result<QList<ReachableRole>>> reachableRoles(
        QString profileId, CancelToken cancel) override;
    QCoro::Task<Result<ConnectionTarget>> resolveRole(
        QString profileId, ReachableRole role, QString region, CancelToken cancel) override;

    // --endpoint-url: every profile but the Local sandbox's sends its ECR requests here.
    void setEndpointOverride(const QUrl& url) { m_endpointOverride = url; }
    // The profile --profile NAME means: an entry whose id or name is NAME (the app's own
    // profiles first, then the shared files'); empty when there is none.
    QString profileIdNamed(const QString& name) const;

    static const QString kSandboxId;
    static const QString kSandboxSsoId; // the sandbox's SSO demo (LocalSandbox::ssoDemoProfile)

private:
    CredentialProfileDirectory& m_credentials;
    LocalSandbox& m_sandbox;
    QUrl m_endpointOverride;

    void applyOverride(Result<ConnectionTarget>& target) const;
};

} // namespace ecr
