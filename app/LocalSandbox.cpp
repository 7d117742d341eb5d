#include "LocalSandbox.h"

#include "SandboxServer.h"
#include "SandboxService.h"

#include <QDir>
#include <QRandomGenerator>
#include <QStandardPaths>

namespace ecr {

namespace {

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(raw.data()), bytes / 4);
    return QString::fromLatin1(raw.toHex().toUpper());
}

} // namespace

LocalSandbox::LocalSandbox(const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_clock(clock)
{ }

LocalSandbox::~LocalSandbox() = default;

bool LocalSandbox::start(QString* error)
{
    if (m_server)
        return true;
    // Keys invented for this run: only this process knows them, so nothing else on the machine
    // can use the sandbox's port.
    // The secret carries the SANDBOXSECRET sentinel, as every sandbox secret: the secret scan
    // finds it wherever a test run leaves it.
    m_credentials = {u"AKIDLOCALSANDBOX" + randomToken(4), u"SANDBOXSECRET" + randomToken(20), {}};
    sandbox::SandboxConfig config;
    config.keys = {{m_credentials.accessKeyId, m_credentials.secretAccessKey}};
    config.sso.pollIntervalSeconds = 1; // as IAM Identity Center answers today
    // As ECR: a rule's secret must exist (Create Secret… in the form makes one).
    config.secretsMustExist = true;
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!dataDir.isEmpty() && QDir().mkpath(dataDir))
        config.statePath = dataDir + QStringLiteral("/local-sandbox-rules.json");
    m_service = std::make_unique<sandbox::SandboxService>(m_clock, config);
    auto server = std::make_unique<sandbox::SandboxServer>(*m_service);
    if (!server->listen(QHostAddress::LocalHost, 0)) {
        if (error)
            *error = server->errorString();
        m_service.reset();
        return false;
    }
    m_server = std::move(server);
    Q_EMIT started();
    return true;
}

QUrl LocalSandbox::url() const
{
    return m_server ? m_server->url() : QUrl();
}

Profile LocalSandbox::ssoDemoProfile() const
{
    Profile profile;
    profile.id = QStringLiteral("sandbox-sso");
    profile.name = tr("Local sandbox (SSO demo)");
    profile.region = defaultRegion();
    profile.source = CredentialSource::Sso;
    profile.ssoSession = QStringLiteral("ecr-ptc-admin-local-sandbox");
    profile.ssoStartUrl = m_service ? m_service->config().sso.startUrl : QString();
    profile.ssoRegion = defaultRegion();
    profile.ssoAccountId = accountId();
    profile.ssoRoleName = QStringLiteral("AdministratorAccess");
    const QUrl endpoint = url();
    profile.endpointUrl = endpoint;
    profile.stsEndpointUrl = endpoint;
    profile.ssoEndpointUrl = endpoint;
    profile.ssoOidcEndpointUrl = endpoint;
    const QString origin = tr("the Local sandbox");
    profile.endpointUrlOrigin = origin;
    profile.stsEndpointUrlOrigin = origin;
    profile.ssoEndpointUrlOrigin = origin;
    profile.ssoOidcEndpointUrlOrigin = origin;
    return profile;
}

QString LocalSandbox::accountId() const
{
    return m_service ? m_service->config().account : QString();
}

} // namespace ecr
