#include "SsoTokenProvider.h"

#include "HttpTransport.h"
#include "RetryPolicy.h"

#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcSso, "ecr.sso", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

AwsError ssoError(ErrorKind kind, const QString& code, const QString& message)
{
    return makeError(kind, code, message, 0);
}

AwsError cancelled()
{
    return ssoError(ErrorKind::Cancelled, u"SsoSignInCancelled"_s,
        SsoTokenProvider::tr("Signing in was cancelled."));
}

// A token the refresh or the device flow granted, with what refreshing it takes.
SsoToken tokenFrom(const SsoSessionConfig& session, const SsoTokenGrant& grant,
    const SsoRegistration& registration, const QDateTime& grantedAt, const QString& oldRefresh)
{
    SsoToken token;
    token.startUrl = session.startUrl;
    token.region = session.region;
    token.accessToken = grant.accessToken;
    token.expiresAt = grantedAt.toUTC().addSecs(grant.expiresInSeconds);
    token.refreshToken = grant.refreshToken.isEmpty() ? oldRefresh : grant.refreshToken;
    token.clientId = registration.clientId;
    token.clientSecret = registration.clientSecret;
    token.registrationExpiresAt = registration.expiresAt;
    return token;
}

} // namespace

SsoTokenProvider::SsoTokenProvider(QNetworkAccessManager& network, const Clock& clock,
    SsoTokenCache cache, SsoOptions options, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
    , m_cache(std::move(cache))
    , m_options(std::move(options))
{ }

SsoTokenProvider::~SsoTokenProvider()
{
    // Nobody can use a sign-in still running: close its prompt, abort its calls.
    const auto pending = m_pending;
    for (const auto& fetch : pending)
        fetch->cancel->cancel();
}

QString SsoTokenProvider::keyOf(const SsoSessionConfig& session)
{
    return session.tokenFileName() + u'\n' + session.startUrl + u'\n' + session.region;
}

SsoClientConfig SsoTokenProvider::clientConfig(const SsoSessionConfig& session, bool portal) const
{
    SsoClientConfig config;
    config.region = session.region;
    config.customEndpoint = portal ? session.portalEndpoint : session.oidcEndpoint;
    config.customEndpointOrigin
        = portal ? session.portalEndpointOrigin : session.oidcEndpointOrigin;
    config.caBundlePath = session.caBundlePath;
    config.attemptTimeout = m_options.attemptTimeout;
    config.retry = m_options.retry;
    return config;
}

SsoOidcClient& SsoTokenProvider::oidc(const SsoSessionConfig& session)
{
    const SsoClientConfig config = clientConfig(session, false);
    const QString key = QStringList{config.region, config.customEndpoint.toString(),
        config.customEndpointOrigin, config.caBundlePath}
                            .join(u'\n');
    std::unique_ptr<SsoOidcClient>& slot = m_oidc[key];
    if (!slot)
        slot = std::make_unique<SsoOidcClient>(m_network, m_clock, config);
    return *slot;
}

SsoPortalClient& SsoTokenProvider::portal(const SsoSessionConfig& session)
{
    const SsoClientConfig config = clientConfig(session, true);
    const QString key = QStringList{config.region, config.customEndpoint.toString(),
        config.customEndpointOrigin, config.caBundlePath}
                            .join(u'\n');
    std::unique_ptr<SsoPortalClient>& slot = m_portals[key];
    if (!slot)
        slot = std::make_unique<SsoPortalClient>(m_network, m_clock, config);
    return *slot;
}

AwsError SsoTokenProvider::signInCancelled()
{
    return cancelled();
}

QCoro::Task<Result<QList<SsoAccount>>> SsoTokenProvider::listAccounts(
    SsoSessionConfig session, CancelToken cancel)
{
    const PortalCall<QList<SsoAccount>> call = [cancel](SsoPortalClient& portal, QString token) {
        return portal.listAccounts(std::move(token), cancel);
    };
    co_return co_await withToken(session, call, cancel);
}

QCoro::Task<Result<QList<SsoRole>>> SsoTokenProvider::listAccountRoles(
    SsoSessionConfig session, QString accountId, CancelToken cancel)
{
    const PortalCall<QList<SsoRole>> call
        = [cancel, accountId](SsoPortalClient& portal, QString token) {
              return portal.listAccountRoles(std::move(token), accountId, cancel);
          };
    co_return co_await withToken(session, call, cancel);
}

void SsoTokenProvider::forgetRegistration(const SsoSessionConfig& session)
{
    m_registrations.remove(keyOf(session));
    if (const Result<Unit> removed = m_cache.removeRegistration(session); !removed)
        qCWarning(lcSso) << removed.error().message;
}

void SsoTokenProvider::reject(const SsoSessionConfig& session, const QString& accessToken)
{
    m_rejected.insert(keyOf(session), accessToken);
}

QCoro::Task<Result<SsoToken>> SsoTokenProvider::token(SsoSessionConfig session, CancelToken cancel)
{
    if (cancel && cancel->isCancelled())
        co_return cancelled();
    const QString key = keyOf(session);
    std::shared_ptr<Pending> pending = m_pending.value(key);
    if (!pending || pending->cancel->isCancelled()) {
        pending = std::make_shared<Pending>();
        m_pending.insert(key, pending);
        run(session, pending); // runs on by itself; callers wait for it
    }
    const AwsError gaveUp = cancelled();
    Result<SsoToken> result = co_await Pending::wait(pending, cancel, gaveUp);
    co_return result;
}

QCoro::Task<void> SsoTokenProvider::run(SsoSessionConfig session, std::shared_ptr<Pending> pending)
{
    QPointer<SsoTokenProvider> self(this);
    const CancelToken cancel = pending->cancel;
    Result<SsoToken> result = co_await obtain(session, cancel);
    if (self) {
        const QString key = keyOf(session);
        if (result)
            m_rejected.remove(key);
        if (m_pending.value(key) == pending)
            m_pending.remove(key);
    }
    pending->finish(std::move(result));
}

QCoro::Task<Result<SsoToken>> SsoTokenProvider::obtain(SsoSessionConfig session, CancelToken cancel)
{
    QPointer<SsoTokenProvider> self(this);
    const Result<std::optional<SsoToken>> cached = m_cache.readToken(session);
    if (!cached)
        qCInfo(lcSso) << "the SSO cache entry is not usable; signing in again:"
                      << cached.error().message;
    const QDateTime now = m_clock.now();
    // A token for another portal or region under this name (another tool's session of the
    // same name) is not this session's: sign in instead of using it.
    const bool samePortal = cached && cached.value()
        && (cached.value()->startUrl.isEmpty() || cached.value()->startUrl == session.startUrl)
        && (cached.value()->region.isEmpty() || cached.value()->region == session.region);
    if (cached && cached.value() && !samePortal)
        qCInfo(lcSso) << "the SSO cache entry of" << session.displayName()
                      << "is for another portal; signing in again";
    if (samePortal) {
        const SsoToken token = *cached.value();
        const bool rejected = m_rejected.value(keyOf(session)) == token.accessToken;
        const qint64 left = now.secsTo(token.expiresAt);
        if (!rejected && left > m_options.refreshWindow.count())
            co_return token;
        // Refresh (a legacy profile has none, as in the CLI); keep the old token while it lasts.
        if (!session.isLegacy() && token.canRefreshAt(now)) {
            // Not cancelled with the callers: once sent, the refresh token may be spent, and
            // only finishing (and caching the new one) keeps the session.
            const CancelToken uncancelled;
            Result<SsoToken> refreshed = co_await refresh(session, token, uncancelled);
            if (!self)
                co_return cancelled();
            if (refreshed)
                co_return refreshed;
            if (refreshed.error().kind == ErrorKind::Cancelled)
                co_return refreshed.error();
            qCInfo(lcSso) << "refreshing the SSO token failed:" << refreshed.error().code;
        }
        if (!rejected && left > m_options.expiryMargin.count())
            co_return token;
    }
    Result<SsoToken> signedIn = co_await signIn(session, cancel);
    co_return signedIn;
}

QCoro::Task<Result<SsoToken>> SsoTokenProvider::refresh(
    SsoSessionConfig session, SsoToken token, CancelToken cancel)
{
    SsoRegistration registration;
    registration.clientId = token.clientId;
    registration.clientSecret = token.clientSecret;
    registration.expiresAt = token.registrationExpiresAt;
    const QString refreshToken = token.refreshToken;
    QPointer<SsoTokenProvider> self(this);
    const QDateTime asked = m_clock.now();
    const Result<SsoTokenGrant> grant
        = co_await oidc(session).refresh(registration, refreshToken, cancel);
    if (!self)
        co_return cancelled();
    if (!grant)
        co_return grant.error();
    const SsoToken refreshed = tokenFrom(session, grant.value(), registration, asked, refreshToken);
    if (const Result<Unit> written = m_cache.writeToken(session, refreshed); !written)
        qCWarning(lcSso) << "the refreshed SSO token could not be cached:"
                         << written.error().message;
    qCInfo(lcSso) << "refreshed the SSO token of" << session.displayName();
    co_return refreshed;
}

QCoro::Task<Result<SsoRegistration>> SsoTokenProvider::registration(
    SsoSessionConfig session, CancelToken cancel)
{
    const QDateTime now = m_clock.now();
    const auto usable = [&](const SsoRegistration& r) {
        return r.isValid() && now.secsTo(r.expiresAt) > m_options.refreshWindow.count()
            && r.scopes == session.scopes;
    };
    const QString key = keyOf(session);
    if (const auto it = m_registrations.constFind(key);
        it != m_registrations.cend() && usable(*it)) {
        SsoRegistration copy = *it;
        co_return copy;
    }
    if (const Result<std::optional<SsoRegistration>> stored = m_cache.readRegistration(session);
        stored && stored.value() && usable(*stored.value())) {
        SsoRegistration copy = *stored.value();
        co_return copy;
    }
    // The CLI names its clients botocore-client-<session> (<unix time> for legacy profiles).
    const QString clientName = m_options.clientNamePrefix + u'-'
        + (session.isLegacy() ? QString::number(now.toSecsSinceEpoch()) : session.name);
    const QStringList scopes = session.scopes;
    QPointer<SsoTokenProvider> self(this);
    Result<SsoRegistration> registered
        = co_await oidc(session).registerClient(clientName, scopes, cancel);
    if (self && registered)
        m_registrations.insert(key, registered.value());
    co_return registered;
}

QCoro::Task<Result<SsoToken>> SsoTokenProvider::signIn(SsoSessionConfig session, CancelToken cancel)
{
    QPointer<SsoTokenProvider> self(this);
    if (!m_prompter)
        co_return ssoError(ErrorKind::Credentials, u"SsoSignInUnavailable"_s,
            tr("Sign in to %1 first (for example with `aws sso login`): no sign-in window is "
               "available here.")
                .arg(session.displayName()));
    const QString startUrl = session.startUrl;
    SsoRegistration client;
    std::optional<DeviceAuthorization> started;
    // A cached registration the service no longer knows (its client deleted, another
    // instance's): dropped, and the client registered once more.
    for (int attempt = 1; !started; ++attempt) {
        const Result<SsoRegistration> registered = co_await registration(session, cancel);
        if (!self)
            co_return cancelled();
        if (!registered)
            co_return registered.error();
        client = registered.value();
        const SsoRegistration used = client;
        const Result<DeviceAuthorization> authorized
            = co_await oidc(session).startDeviceAuthorization(used, startUrl, cancel);
        if (!self)
            co_return cancelled();
        if (authorized) {
            started = authorized.value();
        } else if (attempt == 1
            && (authorized.error().isService(u"InvalidClientException")
                || authorized.error().isService(u"UnauthorizedClientException"))) {
            qCInfo(lcSso) << "the SSO client registration of" << session.displayName()
                          << "is no longer valid; registering again";
            forgetRegistration(session);
        } else {
            co_return authorized.error();
        }
    }
    const DeviceAuthorization device = *started;
    const QString deviceCode = device.deviceCode;
    int interval = device.intervalSeconds;

    // The user's own Cancel (in the sign-in view) stops the flow as well as the callers' do.
    const CancelToken userCancel = Cancellation::create();
    const CancelToken flow = Cancellation::create();
    for (const CancelToken& source : {cancel, userCancel}) {
        if (!source)
            continue;
        if (source->isCancelled())
            flow->cancel();
        connect(source.get(), &Cancellation::cancelled, flow.get(),
            [stop = flow.get()] { stop->cancel(); });
    }

    std::unique_ptr<SsoSignInView> view;
    for (;;) {
        const QDateTime asked = m_clock.now();
        const Result<SsoTokenGrant> grant
            = co_await oidc(session).createToken(client, deviceCode, flow);
        if (!self)
            co_return cancelled();
        if (grant) {
            view.reset();
            const SsoToken token = tokenFrom(session, grant.value(), client, asked, QString());
            if (const Result<Unit> saved = m_cache.writeRegistration(session, client); !saved)
                qCWarning(lcSso) << "the SSO registration could not be cached:"
                                 << saved.error().message;
            if (const Result<Unit> saved = m_cache.writeToken(session, token); !saved)
                qCWarning(lcSso) << "the SSO token could not be cached:" << saved.error().message;
            qCInfo(lcSso) << "signed in to" << session.displayName();
            co_return token;
        }
        const AwsError& error = grant.error();
        if (error.kind == ErrorKind::Cancelled)
            co_return cancelled();
        if (error.isService(u"SlowDownException")) {
            interval += m_options.slowDownSeconds;
            if (view)
                view->setStatus(tr("The service asked to check less often; still waiting."));
        } else if (error.isService(u"ExpiredTokenException")) {
            co_return ssoError(ErrorKind::Credentials, u"SsoSignInExpired"_s,
                tr("The sign-in code for %1 expired before it was approved. Sign in again.")
                    .arg(session.displayName()));
        } else if (error.isService(u"AccessDeniedException")) {
            co_return ssoError(ErrorKind::Credentials, u"SsoSignInDenied"_s,
                tr("The sign-in to %1 was denied. Sign in again and allow access in the "
                   "browser, or ask your administrator for access.")
                    .arg(session.displayName()));
        } else if (classifyForRetry(error, u"CreateToken") != RetryClass::None) {
            // A network blip or a server error while the user approves: keep polling.
            if (view)
                view->setStatus(
                    tr("Could not reach IAM Identity Center (%1); still trying.")
                        .arg(error.code.isEmpty() ? errorKindName(error.kind) : error.code));
        } else if (!error.isService(u"AuthorizationPendingException")) {
            co_return error;
        } else if (view) {
            view->setStatus(tr("Waiting for you to approve the sign-in in the browser…"));
        }
        if (!view) {
            // Not authorized yet: now the user has to act.
            SsoSignInPrompt prompt{session.displayName(), session.startUrl, device.userCode,
                device.verificationUri, device.verificationUriComplete, device.expiresAt};
            view = m_prompter->open(prompt, userCancel);
            if (!view)
                co_return cancelled();
        }
        if (m_clock.now() >= device.expiresAt)
            co_return ssoError(ErrorKind::Credentials, u"SsoSignInExpired"_s,
                tr("The sign-in code for %1 expired before it was approved. Sign in again.")
                    .arg(session.displayName()));
        const std::chrono::milliseconds wait = m_options.intervalUnit * interval;
        const bool slept = co_await sleepUnlessCancelled(wait, flow);
        if (!self || !slept)
            co_return cancelled();
    }
}

} // namespace ecr
