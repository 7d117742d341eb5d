#include "AppProfileDirectory.h"

#include "CredentialProfileDirectory.h"

namespace ecr {

namespace {

QCoro::Task<Result<CallerIdentity>> sandboxIdentity(QString account)
{
    co_return CallerIdentity{account, QString(), QString()};
}

} // namespace

const QString AppProfileDirectory::kSandboxId = QStringLiteral("sandbox");
const QString AppProfileDirectory::kSandboxSsoId = QStringLiteral("sandbox-sso");

AppProfileDirectory::AppProfileDirectory(
    CredentialProfileDirectory& credentials, LocalSandbox& sandbox, QObject* parent)
    : ProfileDirectory(parent)
    , m_credentials(credentials)
    , m_sandbox(sandbox)
{
    connect(&m_sandbox, &LocalSandbox::started, this, [this] {
        m_credentials.setTransientProfile(m_sandbox.ssoDemoProfile());
        Q_EMIT profilesChanged();
    });
    connect(&m_credentials, &ProfileDirectory::profilesChanged, this,
        &ProfileDirectory::profilesChanged);
}

QList<ProfileEntry> AppProfileDirectory::profiles() const
{
    QList<ProfileEntry> entries = m_credentials.profiles();
    if (m_sandbox.isRunning()) {
        entries.append({kSandboxId, tr("Local sandbox"), ProfileEntry::Kind::LocalSandbox,
            LocalSandbox::defaultRegion(), QStringLiteral("aws"), {}, {}});
        entries.append(
            {kSandboxSsoId, m_sandbox.ssoDemoProfile().name, ProfileEntry::Kind::LocalSandbox,
                LocalSandbox::defaultRegion(), QStringLiteral("aws"), {}, {}, true});
    }
    return entries;
}

QString AppProfileDirectory::connectionRevision(const QString& profileId) const
{
    return profileId == kSandboxId || profileId == kSandboxSsoId
        ? QString()
        : m_credentials.connectionRevision(profileId);
}

QCoro::Task<Result<ConnectionTarget>> AppProfileDirectory::resolve(
    QString profileId, QString region, CancelToken cancel)
{
    if (profileId == kSandboxId) {
        if (!m_sandbox.isRunning())
            co_return makeError(ErrorKind::Configuration, QStringLiteral("UnknownProfile"),
                tr("The Local sandbox is not running."), 0);
        ConnectionTarget target;
        target.displayName = tr("Local sandbox");
        target.region = region;
        target.customEndpoint = m_sandbox.url();
        target.credentials = std::make_shared<StaticCredentialsProvider>(m_sandbox.credentials());
        target.accountId = m_sandbox.accountId();
        // The sandbox's own identity: its account, no IAM principal to name.
        const QString account = target.accountId;
        target.identify = [account](CancelToken) {
            return sandboxIdentity(account);
        };
        co_return target;
    }
    if (profileId == kSandboxSsoId && !m_sandbox.isRunning())
        co_return makeError(ErrorKind::Configuration, QStringLiteral("UnknownProfile"),
            tr("The Local sandbox is not running."), 0);
    // The SSO demo resolves as any SSO profile: sign-in, token cache, role credentials.
    // Named locals: GCC 12 mishandles temporaries inside a co_await expression.
    const QString id = profileId;
    const QString wanted = region;
    Result<ConnectionTarget> target = co_await m_credentials.resolve(id, wanted, cancel);
    if (id != kSandboxSsoId)
        applyOverride(target);
    co_return target;
}

void AppProfileDirectory::applyOverride(Result<ConnectionTarget>& target) const
{
    if (!target || m_endpointOverride.isEmpty())
        return;
    ConnectionTarget changed = target.value();
    changed.customEndpoint = m_endpointOverride;
    changed.customEndpointOrigin = QStringLiteral("--endpoint-url");
    target = std::move(changed);
}

QString AppProfileDirectory::profileIdNamed(const QString& name) const
{
    const QList<ProfileEntry> entries = profiles();
    for (const auto kind : {ProfileEntry::Kind::Keychain, ProfileEntry::Kind::SharedConfig,
             ProfileEntry::Kind::LocalSandbox}) {
        for (const ProfileEntry& entry : entries) {
            if (entry.kind != kind)
                continue;
            if (entry.id == name || entry.displayName == name || entry.id.section(u':', 1) == name)
                return entry.id;
        }
    }
    return {};
}

QCoro::Task<Result<QList<ReachableRole>>> AppProfileDirectory::reachableRoles(
    QString profileId, CancelToken cancel)
{
    if (profileId == kSandboxSsoId && !m_sandbox.isRunning())
        co_return makeError(ErrorKind::Configuration, QStringLiteral("UnknownProfile"),
            tr("The Local sandbox is not running."), 0);
    const QString id = profileId;
    co_return co_await m_credentials.reachableRoles(id, cancel);
}

QCoro::Task<Result<ConnectionTarget>> AppProfileDirectory::resolveRole(
    QString profileId, ReachableRole role, QString region, CancelToken cancel)
{
    if (profileId == kSandboxSsoId && !m_sandbox.isRunning())
        co_return makeError(ErrorKind::Configuration, QStringLiteral("UnknownProfile"),
            tr("The Local sandbox is not running."), 0);
    const QString id = profileId;
    const ReachableRole which = role;
    const QString wanted = region;
    Result<ConnectionTarget> target = co_await m_credentials.resolveRole(id, which, wanted, cancel);
    if (id != kSandboxSsoId)
        applyOverride(target);
    co_return target;
}

} // namespace ecr
