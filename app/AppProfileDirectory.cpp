#include "AppProfileDirectory.h"

#include "EnvironmentCredentials.h"

namespace ecr {

const QString AppProfileDirectory::kEnvironmentId = QStringLiteral("env");
const QString AppProfileDirectory::kSandboxId = QStringLiteral("sandbox");

AppProfileDirectory::AppProfileDirectory(
    QProcessEnvironment environment, LocalSandbox& sandbox, QObject* parent)
    : ProfileDirectory(parent)
    , m_environment(std::move(environment))
    , m_sandbox(sandbox)
{
    connect(&m_sandbox, &LocalSandbox::started, this, &ProfileDirectory::profilesChanged);
}

QString AppProfileDirectory::environmentRegion() const
{
    QString region = m_environment.value(QStringLiteral("AWS_REGION"));
    if (region.isEmpty())
        region = m_environment.value(QStringLiteral("AWS_DEFAULT_REGION"));
    return region;
}

QUrl AppProfileDirectory::environmentEndpoint() const
{
    QString url = m_environment.value(QStringLiteral("AWS_ENDPOINT_URL_ECR"));
    if (url.isEmpty())
        url = m_environment.value(QStringLiteral("AWS_ENDPOINT_URL"));
    return url.isEmpty() ? QUrl() : QUrl(url);
}

QList<ProfileEntry> AppProfileDirectory::profiles() const
{
    QList<ProfileEntry> entries;
    if (EnvironmentCredentialsProvider::isAvailable(m_environment)) {
        const QString region = environmentRegion();
        entries.append({kEnvironmentId, tr("Environment"), ProfileEntry::Kind::Environment, region,
            partitionForRegion(region.isEmpty() ? QStringLiteral("us-east-1") : region).id});
    }
    if (m_sandbox.isRunning())
        entries.append({kSandboxId, tr("Local sandbox"), ProfileEntry::Kind::LocalSandbox,
            LocalSandbox::defaultRegion(), QStringLiteral("aws")});
    return entries;
}

QCoro::Task<Result<ConnectionTarget>> AppProfileDirectory::resolve(
    QString profileId, QString region)
{
    ConnectionTarget target;
    target.region = region;
    if (profileId == kSandboxId && m_sandbox.isRunning()) {
        target.displayName = tr("Local sandbox");
        target.customEndpoint = m_sandbox.url();
        target.credentials = std::make_shared<StaticCredentialsProvider>(m_sandbox.credentials());
        target.accountId = m_sandbox.accountId();
        co_return target;
    }
    if (profileId == kEnvironmentId && EnvironmentCredentialsProvider::isAvailable(m_environment)) {
        target.displayName = tr("Environment");
        target.customEndpoint = environmentEndpoint();
        target.credentials = std::make_shared<EnvironmentCredentialsProvider>(m_environment);
        co_return target;
    }
    co_return makeError(ErrorKind::Configuration, QStringLiteral("UnknownProfile"),
        tr("The profile '%1' is no longer available.").arg(profileId), 0);
}

} // namespace ecr
