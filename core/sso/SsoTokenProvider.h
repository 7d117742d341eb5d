#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "Clock.h"
#include "SharedFetch.h"
#include "SsoOidcClient.h"
#include "SsoPortalClient.h"
#include "SsoSignInPrompter.h"
#include "SsoTokenCache.h"

#include <QCoroTask>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <map>
#include <memory>

class QNetworkAccessManager;

namespace ecr {

struct SsoOptions
{
    // Refresh a token with less than this left (botocore's 15 minutes); a registration with less
    // left is not used for a new sign-in.
    std::chrono::seconds refreshWindow{15 * 60};
    // A token with less than this left is not used at all.
    std::chrono::seconds expiryMargin{60};
    // How long one "second" of the service's poll interval (and of slow_down's +5) lasts; tests
    // shorten it.
    std::chrono::milliseconds intervalUnit{1000};
    int slowDownSeconds = 5;
    QString clientNamePrefix = QStringLiteral("ecr-ptc-admin");
    std::chrono::milliseconds attemptTimeout{30000};
    RetrySettings retry;
};

// Access tokens of IAM Identity Center sessions. token() gives a usable one: the cache's (the
// app's or one `aws sso login` wrote) while it has more than `refreshWindow` left; else it is
// refreshed with its refresh token when the registration allows; else the user signs in with the
// device flow through the prompter (RegisterClient — reused while valid —,
// StartDeviceAuthorization, one CreateToken before showing the code, then polling at the given
// interval: pending goes on, slow_down adds five seconds, an expired code or a denial ends it).
// Every caller waiting for one session shares one refresh or sign-in; a caller that cancels
// stops waiting, and the sign-in stops when all have (or when the user cancels it). Nothing is
// written until a sign-in succeeds: then the registration and the token go to the cache.
class SsoTokenProvider final : public QObject
{
    Q_OBJECT

public:
    SsoTokenProvider(QNetworkAccessManager& network, const Clock& clock, SsoTokenCache cache,
        SsoOptions options = {}, QObject* parent = nullptr);
    ~SsoTokenProvider() override;

    void setPrompter(SsoSignInPrompter* prompter) { m_prompter = prompter; }

    QCoro::Task<Result<SsoToken>> token(SsoSessionConfig session, CancelToken cancel = {});
    // The portal refused this access token (UnauthorizedException): the next token() for the
    // session neither uses it nor trusts its expiry, and refreshes or signs in instead.
    void reject(const SsoSessionConfig& session, const QString& accessToken);

    // A portal call with the session's token; a token the portal refuses (UnauthorizedException)
    // is rejected and the call made once more with a new one (refreshed or signed in again).
    template <typename T>
    using PortalCall = std::function<QCoro::Task<Result<T>>(SsoPortalClient&, QString)>;
    template <typename T>
    QCoro::Task<Result<T>> withToken(
        SsoSessionConfig session, PortalCall<T> call, CancelToken cancel = {});
    // Every account, and every role of one account, the signed-in user may reach.
    QCoro::Task<Result<QList<SsoAccount>>> listAccounts(
        SsoSessionConfig session, CancelToken cancel = {});
    QCoro::Task<Result<QList<SsoRole>>> listAccountRoles(
        SsoSessionConfig session, QString accountId, CancelToken cancel = {});
    static AwsError signInCancelled();

    SsoPortalClient& portal(const SsoSessionConfig& session);
    SsoOidcClient& oidc(const SsoSessionConfig& session);
    const SsoTokenCache& cache() const { return m_cache; }
    const SsoOptions& options() const { return m_options; }

private:
    using Pending = PendingFetch<SsoToken>;
    QCoro::Task<void> run(SsoSessionConfig session, std::shared_ptr<Pending> pending);
    QCoro::Task<Result<SsoToken>> obtain(SsoSessionConfig session, CancelToken cancel);
    QCoro::Task<Result<SsoToken>> refresh(
        SsoSessionConfig session, SsoToken token, CancelToken cancel);
    QCoro::Task<Result<SsoToken>> signIn(SsoSessionConfig session, CancelToken cancel);
    QCoro::Task<Result<SsoRegistration>> registration(SsoSessionConfig session, CancelToken cancel);
    SsoClientConfig clientConfig(const SsoSessionConfig& session, bool portal) const;
    void forgetRegistration(const SsoSessionConfig& session);
    static QString keyOf(const SsoSessionConfig& session);

    QNetworkAccessManager& m_network;
    const Clock& m_clock;
    SsoTokenCache m_cache;
    SsoOptions m_options;
    SsoSignInPrompter* m_prompter = nullptr;
    QHash<QString, std::shared_ptr<Pending>> m_pending;
    QHash<QString, QString> m_rejected; // session key → the access token the portal refused
    QHash<QString, SsoRegistration> m_registrations; // made this run, not yet on disk
    std::map<QString, std::unique_ptr<SsoOidcClient>> m_oidc;
    std::map<QString, std::unique_ptr<SsoPortalClient>> m_portals;
};

template <typename T>
QCoro::Task<Result<T>> SsoTokenProvider::withToken(
    SsoSessionConfig session, PortalCall<T> call, CancelToken cancel)
{
    QPointer<SsoTokenProvider> self(this);
    for (int attempt = 1;; ++attempt) {
        const Result<SsoToken> token = co_await this->token(session, cancel);
        if (!self)
            co_return signInCancelled();
        if (!token)
            co_return token.error();
        const QString accessToken = token.value().accessToken;
        Result<T> answer = co_await call(portal(session), accessToken);
        if (!self)
            co_return signInCancelled();
        if (!answer && attempt == 1 && answer.error().isService(u"UnauthorizedException")) {
            reject(session, accessToken);
            continue;
        }
        co_return answer;
    }
}

} // namespace ecr
