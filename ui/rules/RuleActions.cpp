#include "RuleActions.h"

#include "ErrorPresenter.h"
#include "MessagePresenter.h"
#include "RuleFormDialog.h"
#include "RulesController.h"
#include "UpdateCredentialsDialog.h"

#include <QClipboard>
#include <QGuiApplication>

namespace ecr {

namespace {

// Answers a dialog that waited for its request (null: it was closed meanwhile, and its Cancel
// stopped the request): fail() with the error, else succeed(). True on success.
template <typename T>
bool answer(SubmitDialog* dialog, const Result<T>& result)
{
    if (!dialog)
        return false;
    if (result)
        dialog->succeed();
    else
        dialog->fail(result.error());
    return result.ok();
}

} // namespace

RuleActions::RuleActions(RulesController& controller, MessagePresenter& presenter, QWidget* window)
    : QObject(window)
    , m_controller(controller)
    , m_presenter(presenter)
    , m_window(window)
{ }

void RuleActions::showError(const AwsError& error, const QString& operation)
{
    if (error.kind == ErrorKind::Cancelled) {
        Q_EMIT notice(tr("Cancelled."));
        return;
    }
    m_presenter.showError(m_window, describeError(error, operation));
}

void RuleActions::newRule(const RegistryLocation& location)
{
    auto* dialog = new RuleFormDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setRegistryLocation(location);
    connect(dialog, &SubmitDialog::cancelRequested, &m_controller, &RulesController::cancelAll);
    connect(dialog, &RuleFormDialog::createRequested, this,
        [this, dialog = QPointer<RuleFormDialog>(dialog)](
            const CreateRuleRequest& request) { create(dialog, request); });
    dialog->open();
}

QCoro::Task<void> RuleActions::create(QPointer<RuleFormDialog> dialog, CreateRuleRequest request)
{
    QPointer<RuleActions> self(this);
    const auto result = co_await m_controller.createRule(request);
    if (!self || !answer(dialog.data(), result))
        co_return;
    const QString prefix = request.ecrRepositoryPrefix;
    Q_EMIT ruleCreated(prefix);
    Q_EMIT notice(result->reconciled
            ? tr("The rule %1 already existed with these settings.").arg(prefix)
            : tr("Created the rule %1.").arg(prefix));
}

void RuleActions::editCredentials(const PullThroughCacheRule& rule)
{
    auto* dialog = new UpdateCredentialsDialog(rule, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SubmitDialog::cancelRequested, &m_controller, &RulesController::cancelAll);
    connect(dialog, &UpdateCredentialsDialog::updateRequested, this,
        [this, dialog = QPointer<UpdateCredentialsDialog>(dialog)](
            const UpdateRuleRequest& request) { update(dialog, request); });
    dialog->open();
}

QCoro::Task<void> RuleActions::update(
    QPointer<UpdateCredentialsDialog> dialog, UpdateRuleRequest request)
{
    QPointer<RuleActions> self(this);
    const auto result = co_await m_controller.updateRule(request);
    if (!self || !answer(dialog.data(), result))
        co_return;
    Q_EMIT notice(tr("Updated the credentials of %1.").arg(request.ecrRepositoryPrefix));
}

QCoro::Task<void> RuleActions::verify(QString prefix)
{
    QPointer<RuleActions> self(this);
    const auto result = co_await m_controller.validateRule(prefix);
    if (!self)
        co_return;
    if (!result) {
        showError(result.error(), tr("Verifying authentication"));
        co_return;
    }
    if (result->value.isValid) {
        Q_EMIT information(
            tr("Authentication for %1 works: ECR reached the upstream registry and signed in.")
                .arg(prefix));
        co_return;
    }
    co_await m_presenter.showError(
        m_window, describeValidationFailure(prefix, result->value.failure, result->requestId));
}

QCoro::Task<void> RuleActions::remove(QString prefix)
{
    QPointer<RuleActions> self(this);
    const bool confirmed = co_await m_presenter.confirm(m_window, tr("Delete rule"),
        tr("Delete the pull-through cache rule '%1'?\n\nImages already cached stay in their "
           "repositories; only future caching from the upstream stops.")
            .arg(prefix),
        tr("&Delete"));
    if (!self || !confirmed)
        co_return;
    const auto result = co_await m_controller.deleteRule(prefix);
    if (!self)
        co_return;
    if (!result) {
        showError(result.error(), tr("Deleting the rule"));
        co_return;
    }
    Q_EMIT notice(tr("Deleted the rule %1.").arg(prefix));
}

void RuleActions::copyPullReference(
    const PullThroughCacheRule& rule, const RegistryLocation& location)
{
    const QString reference = location.pullReference(rule);
    QGuiApplication::clipboard()->setText(reference);
    Q_EMIT notice(tr("Copied %1").arg(reference));
}

} // namespace ecr
