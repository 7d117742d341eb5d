// Over 400 lines on purpose: the one owner of the session and of every operation on it (rules,
// secrets, templates, registry policy), with the activity log written in one place.
#include "RulesController.h"

#include "ActivityLog.h"
#include "PreflightRun.h"
#include "SessionFactory.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace ecr {

struct RulesController::Flight
{
    quint64 generation;
    CancelToken cancel;
    QString description;
};

RulesController::RulesController(SessionFactory& sessions, QObject* parent)
    : QObject(parent)
    , m_sessions(sessions)
{ }

RulesController::~RulesController()
{
    // Cancelling finishes the calls in flight at once, inside this destructor: what they would
    // tell must not reach a window that is being destroyed.
    blockSignals(true);
    cancelAll();
}

RegistryLocation RulesController::location() const
{
    return m_session ? m_session->location() : RegistryLocation{};
}

void RulesController::setSession(std::unique_ptr<EcrSession> session)
{
    cancelAll();
    ++m_generation;
    m_session = std::move(session);
    Q_EMIT rulesCleared();
    Q_EMIT sessionChanged();
}

void RulesController::disconnectSession()
{
    setSession(nullptr);
    m_profileId.clear();
    m_region.clear();
}

QCoro::Task<void> RulesController::connectTo(QString profileId, QString region)
{
    setSession(nullptr);
    m_profileId = profileId;
    m_region = region;
    Q_EMIT connecting(profileId, region);
    const auto flight = begin(tr("Connecting…"));
    QPointer<RulesController> self(this);
    const CancelToken cancel = flight->cancel;
    Result<std::unique_ptr<EcrSession>> opened
        = co_await m_sessions.open(profileId, region, cancel);
    if (!self)
        co_return;
    const bool current = isCurrent(flight);
    const bool sameSelection = flight->generation == m_generation;
    end(flight);
    if (!current) {
        // Cancelled by the user: say so (the window must not stay at "Connecting…"). Another
        // selection meanwhile says nothing: its own connection speaks.
        if (sameSelection)
            Q_EMIT connectFailed(
                makeError(ErrorKind::Cancelled, QString(), tr("Connecting was cancelled."), 0));
        co_return;
    }
    if (!opened) {
        Q_EMIT connectFailed(opened.error());
        co_return;
    }
    setSession(std::move(opened).value());
    Q_EMIT connected();
    identify();
    co_await refresh();
}

std::shared_ptr<RulesController::Flight> RulesController::begin(const QString& description)
{
    auto flight
        = std::make_shared<Flight>(Flight{m_generation, Cancellation::create(), description});
    m_inFlight.append(flight);
    Q_EMIT busyChanged(true, description);
    return flight;
}

void RulesController::end(const std::shared_ptr<Flight>& flight)
{
    m_inFlight.removeOne(flight);
    const QString next = m_inFlight.isEmpty() ? QString() : m_inFlight.last()->description;
    Q_EMIT busyChanged(!m_inFlight.isEmpty(), next);
}

bool RulesController::isCurrent(const std::shared_ptr<Flight>& flight) const
{
    return flight->generation == m_generation && !flight->cancel->isCancelled();
}

void RulesController::cancelAll()
{
    const auto flights = m_inFlight;
    for (const auto& flight : flights)
        flight->cancel->cancel();
}

AwsError RulesController::notConnected() const
{
    return makeError(ErrorKind::Configuration, QStringLiteral("NotConnected"),
        tr("No profile is selected. Choose a profile or start the Local sandbox."), 0);
}

QCoro::Task<void> RulesController::refresh()
{
    const std::shared_ptr<EcrSession> session = m_session; // alive until this call ends
    if (!session) {
        // Not connected (the connection failed or was cancelled): refreshing connects again.
        if (!m_profileId.isEmpty() && !isBusy()) {
            const QString profileId = m_profileId;
            const QString region = m_region;
            co_await connectTo(profileId, region);
            co_return;
        }
        if (m_profileId.isEmpty())
            Q_EMIT refreshFailed(notConnected());
        co_return;
    }
    if (m_refreshCancel)
        m_refreshCancel->cancel(); // a newer refresh replaces an older one
    const auto flight = begin(tr("Loading rules…"));
    m_refreshCancel = flight->cancel;
    Q_EMIT refreshStarted();
    QPointer<RulesController> self(this);
    // Arguments of an awaited call are named locals: GCC 12 destroys braced temporaries and
    // lambda-to-std::function conversions inside a co_await expression twice.
    const DescribeRulesRequest all;
    const std::function<void(int)> progress = [self, flight](int loaded) {
        if (self && self->isCurrent(flight))
            Q_EMIT self->loadProgress(loaded);
    };
    auto result = co_await session->client().describeAllRules(all, flight->cancel, progress);
    if (!self)
        co_return;
    const bool current = isCurrent(flight);
    const bool sameSession = flight->generation == m_generation;
    const bool replaced = m_refreshCancel != flight->cancel;
    end(flight);
    if (!current) {
        // Another profile/region, or a newer refresh: these rows are stale. Cancelled by the
        // user: say so, so it never looks like an empty registry.
        if (sameSession && !replaced)
            Q_EMIT refreshCancelled();
        co_return;
    }
    if (result) {
        // An account the credentials did not say is the registry's: every rule names it.
        if (!result->value.isEmpty() && session->location().accountId.isEmpty())
            session->learnAccount(result->value.first().registryId);
        Q_EMIT rulesLoaded(result->value);
        loadTemplates(); // runs on by itself
    } else {
        Q_EMIT refreshFailed(result.error());
    }
}

QCoro::Task<void> RulesController::identify()
{
    const std::shared_ptr<EcrSession> session = m_session;
    if (!session || !session->target().identify)
        co_return;
    const quint64 generation = m_generation;
    QPointer<RulesController> self(this);
    const CancelToken cancel = Cancellation::create();
    const Result<CallerIdentity> identity = co_await session->identity(cancel);
    if (!self || generation != m_generation)
        co_return;
    if (identity)
        Q_EMIT identityKnown(identity.value());
    else
        Q_EMIT identityFailed(identity.error());
}

namespace {

template <typename T>
QString requestIdOf(const EcrReply<T>& reply)
{
    return reply.requestId;
}

template <typename T>
QString requestIdOf(const T&)
{
    return {};
}

} // namespace

template <typename T>
QCoro::Task<Result<T>> RulesController::logged(
    QString operation, QString target, QCoro::Task<Result<T>> task)
{
    QPointer<RulesController> self(this);
    const QString profile = m_profileId;
    const RegistryLocation where = location();
    Result<T> result = co_await std::move(task);
    if (self) {
        const QString id = result ? requestIdOf(result.value()) : result.error().requestId;
        writeActivity(profile, where, operation, target, result ? nullptr : &result.error(), id);
    }
    co_return result;
}

void RulesController::recordActivity(const QString& operation, const QString& target,
    const AwsError* error, const QString& requestId)
{
    writeActivity(m_profileId, location(), operation, target, error, requestId);
}

void RulesController::writeActivity(const QString& profile, const RegistryLocation& where,
    const QString& operation, const QString& target, const AwsError* error,
    const QString& requestId)
{
    if (!m_activityLog)
        return;
    ActivityEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.profile = profile;
    entry.account = where.accountId;
    entry.region = where.region;
    entry.operation = operation;
    entry.target = target;
    entry.result = !error                     ? u"succeeded"_s
        : error->kind == ErrorKind::Cancelled ? u"Cancelled"_s
        : !error->code.isEmpty()              ? error->code
                                              : u"failed"_s;
    entry.requestId = error ? error->requestId : requestId;
    if (m_activityLog->record(entry)) {
        m_lastLogError.clear();
        return;
    }
    // The change itself stands; the log's trouble is said once, not after every change.
    if (m_activityLog->lastError() != m_lastLogError) {
        m_lastLogError = m_activityLog->lastError();
        Q_EMIT activityLogFailed(m_lastLogError);
    }
}

template <typename T>
QCoro::Task<Result<EcrReply<T>>> RulesController::perform(
    QString description, Operation<T> operation, OnSuccess<T> onSuccess, CancelToken caller)
{
    const std::shared_ptr<EcrSession> session = m_session; // alive until this call ends
    if (!session)
        co_return notConnected();
    const auto flight = begin(description);
    // The caller's token (a dialog's Cancel) stops this operation and no other.
    QMetaObject::Connection linked;
    if (caller) {
        const CancelToken own = flight->cancel;
        if (caller->isCancelled())
            own->cancel();
        linked
            = connect(caller.get(), &Cancellation::cancelled, own.get(), [own] { own->cancel(); });
    }
    QPointer<RulesController> self(this);
    const CancelToken cancel = flight->cancel;
    Result<EcrReply<T>> result = co_await operation(session->client(), cancel);
    QObject::disconnect(linked);
    if (!self)
        co_return result;
    const bool current = isCurrent(flight);
    end(flight);
    if (current && result && onSuccess)
        onSuccess(result.value());
    co_return result;
}

// The operations: what to call, what to tell when the answer is still current. Each returns
// perform()'s task; the lambdas become perform()'s parameters, never temporaries of a co_await.
QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> RulesController::createRule(
    CreateRuleRequest request, CancelToken cancel)
{
    return logged<EcrReply<PullThroughCacheRule>>(u"CreatePullThroughCacheRule"_s,
        request.ecrRepositoryPrefix,
        perform<PullThroughCacheRule>(
            tr("Creating rule %1…").arg(request.ecrRepositoryPrefix),
            [request](EcrClient& c, CancelToken t) { return c.createRule(request, t); },
            [this](
                const EcrReply<PullThroughCacheRule>& reply) { Q_EMIT ruleChanged(reply.value); },
            cancel));
}

QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> RulesController::updateRule(
    UpdateRuleRequest request, CancelToken cancel)
{
    // Update answers only some members: the row is refreshed from the full rule list.
    return logged<EcrReply<PullThroughCacheRule>>(u"UpdatePullThroughCacheRule"_s,
        request.ecrRepositoryPrefix,
        perform<PullThroughCacheRule>(
            tr("Updating credentials of %1…").arg(request.ecrRepositoryPrefix),
            [request](EcrClient& c, CancelToken t) { return c.updateRule(request, t); },
            [this](const EcrReply<PullThroughCacheRule>&) { refresh(); }, cancel));
}

QCoro::Task<Result<EcrReply<ValidateRuleResult>>> RulesController::validateRule(QString prefix)
{
    return perform<ValidateRuleResult>(tr("Verifying authentication of %1…").arg(prefix),
        [prefix](EcrClient& c, CancelToken t) {
            return c.validateRule(RuleKey{prefix, {}}, t);
        },
        {}, {});
}

QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> RulesController::deleteRule(QString prefix)
{
    return logged<EcrReply<PullThroughCacheRule>>(u"DeletePullThroughCacheRule"_s, prefix,
        perform<PullThroughCacheRule>(
            tr("Deleting rule %1…").arg(prefix),
            [prefix](EcrClient& c, CancelToken t) {
                return c.deleteRule(RuleKey{prefix, {}}, t);
            },
            [this, prefix](const EcrReply<PullThroughCacheRule>&) { Q_EMIT ruleRemoved(prefix); },
            CancelToken()));
}

QCoro::Task<Result<QList<SecretSummary>>> RulesController::listSecrets(CancelToken cancel)
{
    const std::shared_ptr<EcrSession> session = m_session; // kept while the call runs
    if (!session)
        co_return notConnected();
    co_return co_await session->secrets().listPtcSecrets(cancel);
}

QCoro::Task<Result<CreatedSecret>> RulesController::createSecret(
    CreateSecretRequest request, CancelToken cancel)
{
    const QString name = request.name;
    return logged<CreatedSecret>(u"CreateSecret"_s, name, sendCreateSecret(request, cancel));
}

QCoro::Task<Result<CreatedSecret>> RulesController::sendCreateSecret(
    CreateSecretRequest request, CancelToken cancel)
{
    const std::shared_ptr<EcrSession> session = m_session;
    if (!session)
        co_return notConnected();
    Result<CreatedSecret> created = co_await session->secrets().createSecret(request, cancel);
    request.credentials.accessToken.clear();
    co_return created;
}

QCoro::Task<Result<CreatedSecret>> RulesController::replaceSecretToken(
    QString secretArn, UpstreamCredentials credentials, CancelToken cancel)
{
    return logged<CreatedSecret>(
        u"PutSecretValue"_s, secretArn, sendSecretValue(secretArn, credentials, cancel));
}

QCoro::Task<Result<CreatedSecret>> RulesController::sendSecretValue(
    QString secretArn, UpstreamCredentials credentials, CancelToken cancel)
{
    const std::shared_ptr<EcrSession> session = m_session;
    if (!session)
        co_return notConnected();
    Result<CreatedSecret> put
        = co_await session->secrets().putSecretValue(secretArn, credentials, cancel);
    credentials.accessToken.clear();
    co_return put;
}

QCoro::Task<void> RulesController::loadTemplates()
{
    const std::shared_ptr<EcrSession> session = m_session;
    if (!session)
        co_return;
    const quint64 generation = m_generation;
    QPointer<RulesController> self(this);
    const QStringList all;
    const CancelToken cancel;
    const Result<QList<RepositoryCreationTemplate>> listed
        = co_await session->registry().describeAllTemplates(all, cancel);
    if (!self || generation != m_generation)
        co_return; // another session by now
    if (listed) {
        m_templates = listed.value();
        Q_EMIT templatesLoaded(listed.value());
    } else {
        m_templates.reset();
        Q_EMIT templatesUnavailable(listed.error());
    }
}

// Create, Update and Delete of a template: the call on the current session, then the templates
// again, so that every view shows the change.
QCoro::Task<Result<RepositoryCreationTemplate>> RulesController::changeTemplate(TemplateCall call)
{
    const std::shared_ptr<EcrSession> session = m_session;
    if (!session)
        co_return notConnected();
    QPointer<RulesController> self(this);
    EcrRegistryClient& registry = session->registry();
    Result<RepositoryCreationTemplate> changed = co_await call(registry);
    if (self && changed)
        loadTemplates();
    co_return changed;
}

QCoro::Task<Result<RepositoryCreationTemplate>> RulesController::createTemplate(
    RepositoryCreationTemplate t, CancelToken cancel)
{
    return logged<RepositoryCreationTemplate>(u"CreateRepositoryCreationTemplate"_s, t.prefix,
        changeTemplate([t, cancel](EcrRegistryClient& registry) {
            return registry.createTemplate(t, cancel);
        }));
}

QCoro::Task<Result<RepositoryCreationTemplate>> RulesController::updateTemplate(
    RepositoryCreationTemplate t, CancelToken cancel)
{
    return logged<RepositoryCreationTemplate>(u"UpdateRepositoryCreationTemplate"_s, t.prefix,
        changeTemplate([t, cancel](EcrRegistryClient& registry) {
            return registry.updateTemplate(t, cancel);
        }));
}

QCoro::Task<Result<RepositoryCreationTemplate>> RulesController::deleteTemplate(
    QString prefix, CancelToken cancel)
{
    return logged<RepositoryCreationTemplate>(u"DeleteRepositoryCreationTemplate"_s, prefix,
        changeTemplate([prefix, cancel](EcrRegistryClient& registry) {
            return registry.deleteTemplate(prefix, cancel);
        }));
}

QCoro::Task<Result<QList<PreflightFinding>>> RulesController::preflight(
    CreateRuleRequest rule, bool exists, QStringList existingPrefixes, CancelToken cancel)
{
    const std::shared_ptr<EcrSession> session = m_session;
    if (!session)
        co_return notConnected();
    QList<PreflightFinding> findings
        = co_await runPreflight(*session, rule, exists, existingPrefixes, cancel);
    if (cancel && cancel->isCancelled())
        co_return makeError(ErrorKind::Cancelled, QString(), tr("The check was cancelled."), 0);
    co_return findings;
}

QCoro::Task<Result<std::pair<QString, QString>>> RulesController::registryPolicyFix(QString prefix)
{
    const std::shared_ptr<EcrSession> session = m_session;
    if (!session)
        co_return notConnected();
    const CancelToken none;
    const Result<std::optional<QString>> current
        = co_await session->registry().registryPolicy(none);
    if (!current)
        co_return current.error();
    const QString before = current->value_or(QString());
    const QString after = mergedRegistryPolicy(before, session->location(), prefix);
    if (after.isEmpty())
        co_return makeError(ErrorKind::Configuration, QStringLiteral("RegistryPolicyNotMerged"),
            tr("The registry policy cannot be read as JSON (or the account is not known yet), so "
               "no statement is added to it. Edit it in the AWS console or CLI."),
            0);
    co_return std::pair<QString, QString>(before, after);
}

QCoro::Task<Result<QString>> RulesController::putRegistryPolicy(QString policyText)
{
    return logged<QString>(
        u"PutRegistryPolicy"_s, location().accountId, sendRegistryPolicy(policyText));
}

QCoro::Task<Result<QString>> RulesController::sendRegistryPolicy(QString policyText)
{
    const std::shared_ptr<EcrSession> session = m_session;
    if (!session)
        co_return notConnected();
    const CancelToken none;
    co_return co_await session->registry().putRegistryPolicy(policyText, none);
}

} // namespace ecr
