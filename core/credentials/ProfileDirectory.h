#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "ConnectionTarget.h"

#include <QCoroTask>
#include <QList>
#include <QObject>
#include <QString>

namespace ecr {

// One identity the main window's profile selector offers.
struct ProfileEntry
{
    enum class Kind
    {
        Environment, // AWS_ACCESS_KEY_ID… or AWS_PROFILE
        Keychain, // a profile the app keeps (secrets in the OS keychain)
        SharedConfig, // a profile of ~/.aws/config and ~/.aws/credentials
        LocalSandbox, // the in-process sandbox with its demo keys
    };
    QString id; // stable key for settings ("env", "sandbox", "keychain:prod", "shared:dev")
    QString displayName;
    Kind kind = Kind::Keychain;
    QString defaultRegion; // may be empty
    QString partition = QStringLiteral("aws");
    QString label; // the profile's marker ("production") and colour name, when it has them
    QString color;
    bool sso = false; // an IAM Identity Center sign-in: its other accounts and roles can be reached
};

// An account and role an IAM Identity Center sign-in reaches (ListAccounts, ListAccountRoles).
struct ReachableRole
{
    QString accountId;
    QString accountName;
    QString roleName;
};

// What the selector lists and how an entry becomes a connection. Resolving may be slow (a
// keychain read, an STS call, an MFA prompt), so it is a coroutine; nothing blocks.
class ProfileDirectory : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    virtual QList<ProfileEntry> profiles() const = 0;
    // Cancelling stops what resolving does (an MFA prompt, an STS call, a credential_process).
    virtual QCoro::Task<Result<ConnectionTarget>> resolve(
        QString profileId, QString region, CancelToken cancel)
        = 0;
    // Changes whenever what a connection to the entry is made of changes (its settings, its
    // source profiles', its keys; not its label or colour): a session opened at another
    // revision must be opened again. Empty for entries that never change.
    virtual QString connectionRevision(const QString& profileId) const
    {
        Q_UNUSED(profileId);
        return {};
    }

    // Every account and role the sign-in of an SSO entry reaches (may prompt for a sign-in); an
    // error for entries that are not SSO sign-ins.
    virtual QCoro::Task<Result<QList<ReachableRole>>> reachableRoles(
        QString profileId, CancelToken cancel);
    // Resolves like resolve(), as `role` of the entry's sign-in instead of its own.
    virtual QCoro::Task<Result<ConnectionTarget>> resolveRole(
        QString profileId, ReachableRole role, QString region, CancelToken cancel);

Q_SIGNALS:
    void profilesChanged();
};

} // namespace ecr
