#pragma once

#include "Cancellation.h"
#include "EcrSession.h"
#include "Preflight.h"
#include "PullCommand.h"

#include <QCoroTask>
#include <QObject>

#include <functional>
#include <memory>

namespace ecr {

class ActivityLog;

class SessionFactory;

// Runs the rule operations of the current session for the main window: one place that opens the
// session for a profile and region, owns it, tracks what is in flight (for the busy indicator
// and its Cancel), and makes sure an answer that arrives after the profile or region changed
// never reaches the table.
class RulesController final : public QObject
{
    Q_OBJECT

public:
    explicit RulesController(SessionFactory& sessions, QObject* parent = nullptr);
    ~RulesController() override;

    // Connects to a profile and region: cancels everything in flight (a connection being set up
    // included: its MFA prompt, STS call or credential_process), forgets the rules, opens the
    // session and loads its rules. Emits connecting(), then connected() or connectFailed().
    QCoro::Task<void> connectTo(QString profileId, QString region);
    // Not connected (no profile to show).
    void disconnectSession();
    // The profile and region the window works on: the session's, or the one being opened.
    QString profileId() const { return m_profileId; }
    // Every change made through the controller (and those reported with recordActivity) is
    // written to the log; a failed write is reported (activityLogFailed) and changes nothing
    // else. Null: no log.
    void setActivityLog(ActivityLog* log) { m_activityLog = log; }
    ActivityLog* activityLog() const { return m_activityLog; }
    // `error`: null when the change succeeded.
    void recordActivity(const QString& operation, const QString& target, const AwsError* error,
        const QString& requestId = {});
    QString region() const { return m_region; }
    EcrSession* session() const { return m_session.get(); }
    // For work that outlives a change of session (a dialog's own calls hold it).
    std::shared_ptr<EcrSession> sharedSession() const { return m_session; }
    // The registry the session looks at; an empty account until it is known.
    RegistryLocation location() const;
    bool isBusy() const { return !m_inFlight.isEmpty(); }

    // Each returns the call's result too, for dialogs that stay open on failure; the signals
    // below tell everyone else. Refreshing while not connected (after a failed or cancelled
    // connection) connects again.
    QCoro::Task<void> refresh();
    // `cancel` (a dialog's Cancel) stops that operation only; the status bar's Cancel stops all.
    QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> createRule(
        CreateRuleRequest request, CancelToken cancel = {});
    QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> updateRule(
        UpdateRuleRequest request, CancelToken cancel = {});
    QCoro::Task<Result<EcrReply<ValidateRuleResult>>> validateRule(QString prefix);
    QCoro::Task<Result<EcrReply<PullThroughCacheRule>>> deleteRule(QString prefix);
    // Secrets Manager in the session's account and region, for the rules' upstream secrets.
    // Not shown as busy here: the dialog that asks shows its own state and Cancel.
    QCoro::Task<Result<QList<SecretSummary>>> listSecrets(CancelToken cancel = {});
    QCoro::Task<Result<CreatedSecret>> createSecret(
        CreateSecretRequest request, CancelToken cancel = {});
    QCoro::Task<Result<CreatedSecret>> replaceSecretToken(
        QString secretArn, UpstreamCredentials credentials, CancelToken cancel = {});

    // The registry's repository creation templates: loaded after the rules (templatesLoaded, or
    // templatesUnavailable when they cannot be listed, say without the permission), and
    // changed here; each change loads them again.
    const std::optional<QList<RepositoryCreationTemplate>>& templates() const
    {
        return m_templates;
    }
    QCoro::Task<void> loadTemplates();
    QCoro::Task<Result<RepositoryCreationTemplate>> createTemplate(
        RepositoryCreationTemplate t, CancelToken cancel = {});
    QCoro::Task<Result<RepositoryCreationTemplate>> updateTemplate(
        RepositoryCreationTemplate t, CancelToken cancel = {});
    QCoro::Task<Result<RepositoryCreationTemplate>> deleteTemplate(
        QString prefix, CancelToken cancel = {});

    // The pre-flight check of a rule to create (or of an existing one) on the current session.
    QCoro::Task<Result<QList<PreflightFinding>>> preflight(
        CreateRuleRequest rule, bool exists, QStringList existingPrefixes, CancelToken cancel = {});
    // The registry policy now (empty: none) and with the statement for `prefix` merged in.
    QCoro::Task<Result<std::pair<QString, QString>>> registryPolicyFix(QString prefix);
    QCoro::Task<Result<QString>> putRegistryPolicy(QString policyText);

public Q_SLOTS:
    void cancelAll();

Q_SIGNALS:
    void connecting(const QString& profileId, const QString& region);
    void connected();
    void connectFailed(const ecr::AwsError& error); // Cancelled when the user cancelled it
    void sessionChanged();
    void busyChanged(bool busy, const QString& description);
    void rulesCleared(); // the session changed: nothing is known about the new one yet
    void refreshStarted();
    void refreshCancelled(); // by the user (a newer refresh or another session says nothing)
    void rulesLoaded(const QList<ecr::PullThroughCacheRule>& rules);
    // Who the session's credentials belong to, once STS said (asked once per session).
    void identityKnown(const ecr::CallerIdentity& identity);
    void identityFailed(const ecr::AwsError& error);
    void loadProgress(int loaded);
    void refreshFailed(const ecr::AwsError& error);
    void ruleChanged(const ecr::PullThroughCacheRule& rule); // created or updated
    void ruleRemoved(const QString& prefix);
    void templatesLoaded(const QList<ecr::RepositoryCreationTemplate>& templates);
    void templatesUnavailable(const ecr::AwsError& error);
    void activityLogFailed(const QString& message);

private:
    struct Flight;
    template <typename T>
    using Operation = std::function<QCoro::Task<Result<EcrReply<T>>>(EcrClient&, CancelToken)>;
    template <typename T>
    using OnSuccess = std::function<void(const EcrReply<T>&)>;

    // The one way an operation runs: on the current session, as a flight the busy indicator
    // shows and Cancel stops; `onSuccess` runs only if the answer is still current.
    template <typename T>
    QCoro::Task<Result<EcrReply<T>>> perform(
        QString description, Operation<T> operation, OnSuccess<T> onSuccess, CancelToken caller);

    // The change `task` makes, recorded in the activity log when it ends (as the profile and
    // registry it started on).
    template <typename T>
    QCoro::Task<Result<T>> logged(QString operation, QString target, QCoro::Task<Result<T>> task);
    QCoro::Task<Result<CreatedSecret>> sendCreateSecret(
        CreateSecretRequest request, CancelToken cancel);
    QCoro::Task<Result<CreatedSecret>> sendSecretValue(
        QString secretArn, UpstreamCredentials credentials, CancelToken cancel);
    QCoro::Task<Result<QString>> sendRegistryPolicy(QString policyText);
    void writeActivity(const QString& profile, const RegistryLocation& where,
        const QString& operation, const QString& target, const AwsError* error,
        const QString& requestId);

    void setSession(std::unique_ptr<EcrSession> session);
    QCoro::Task<void> identify();
    using TemplateCall
        = std::function<QCoro::Task<Result<RepositoryCreationTemplate>>(EcrRegistryClient&)>;
    QCoro::Task<Result<RepositoryCreationTemplate>> changeTemplate(TemplateCall call);
    std::shared_ptr<Flight> begin(const QString& description);
    void end(const std::shared_ptr<Flight>& flight);
    bool isCurrent(const std::shared_ptr<Flight>& flight) const;
    AwsError notConnected() const;

    SessionFactory& m_sessions;
    std::shared_ptr<EcrSession> m_session; // calls in flight hold their own reference
    QString m_profileId;
    QString m_region;
    ActivityLog* m_activityLog = nullptr;
    QString m_lastLogError; // reported once until a write works again
    std::optional<QList<RepositoryCreationTemplate>> m_templates;
    quint64 m_generation = 0; // bumped by every session change: older answers are stale
    QList<std::shared_ptr<Flight>> m_inFlight;
    CancelToken m_refreshCancel;
};

} // namespace ecr
