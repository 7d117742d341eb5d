#include "SecretActions.h"

#include "CreateSecretDialog.h"
#include "ErrorPresenter.h"
#include "MessagePresenter.h"
#include "ReplaceTokenDialog.h"
#include "RulesController.h"
#include "SecretButtons.h"
#include "SecretPickerDialog.h"

#include <QLineEdit>

namespace ecr {

SecretActions::SecretActions(RulesController& controller, MessagePresenter& presenter,
    std::function<QList<PullThroughCacheRule>()> rules, QObject* parent)
    : QObject(parent)
    , m_controller(controller)
    , m_presenter(presenter)
    , m_rules(std::move(rules))
{ }

QString SecretActions::where() const
{
    const RegistryLocation location = m_controller.location();
    return location.accountId.isEmpty()
        ? location.region
        : tr("account %1 in %2").arg(location.accountId, location.region);
}

void SecretActions::attach(
    SecretButtons* buttons, QWidget* dialogParent, std::function<QString()> suggestedName)
{
    const QPointer<SecretButtons> guard(buttons);
    const QPointer<QWidget> parent(dialogParent);
    connect(buttons, &SecretButtons::chooseRequested, this,
        [this, guard, parent] { choose(guard, parent); });
    connect(buttons, &SecretButtons::createRequested, this, [this, guard, parent, suggestedName] {
        openCreate(guard, parent, suggestedName ? suggestedName() : QString());
    });
}

QCoro::Task<void> SecretActions::choose(QPointer<SecretButtons> buttons, QPointer<QWidget> parent)
{
    QPointer<SecretActions> self(this);
    QPointer<SecretPickerDialog> dialog = new SecretPickerDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const CancelToken cancel = Cancellation::create();
    connect(dialog, &SecretPickerDialog::cancelRequested, cancel.get(),
        [token = cancel.get()] { token->cancel(); });
    connect(dialog, &QDialog::accepted, this, [dialog, buttons] {
        if (dialog && buttons)
            buttons->setArn(dialog->selectedArn());
    });
    connect(dialog, &SecretPickerDialog::replaceTokenRequested, this,
        [this, dialog](
            const QString& arn, const QString& name) { openReplace(arn, name, dialog); });
    dialog->setLoading(where());
    dialog->open();
    const Result<QList<SecretSummary>> listed = co_await m_controller.listSecrets(cancel);
    if (!self || !dialog)
        co_return;
    if (!listed) {
        const ErrorText text = describeError(listed.error(), tr("Listing the secrets"), false);
        dialog->setError(text.what + u' ' + text.action);
        co_return;
    }
    const QString current = buttons ? buttons->currentArn() : QString();
    dialog->setSecrets(listed.value(), current);
}

void SecretActions::createFor(SecretButtons* buttons, QWidget* parent, const QString& name)
{
    openCreate(QPointer<SecretButtons>(buttons), parent, name);
}

void SecretActions::openCreate(
    QPointer<SecretButtons> buttons, QWidget* parent, const QString& name)
{
    auto* dialog = new CreateSecretDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const RegistryLocation location = m_controller.location();
    dialog->setLocation(location.accountId, location.region);
    dialog->setSuggestedName(name);
    connect(dialog, &CreateSecretDialog::createRequested, this,
        [this, dialog = QPointer<CreateSecretDialog>(dialog), buttons](
            const CreateSecretRequest& request) { create(dialog, buttons, request); });
    dialog->open();
}

QCoro::Task<void> SecretActions::create(QPointer<CreateSecretDialog> dialog,
    QPointer<SecretButtons> buttons, CreateSecretRequest request)
{
    QPointer<SecretActions> self(this);
    const CancelToken cancel = Cancellation::create();
    if (dialog)
        connect(dialog, &SubmitDialog::cancelRequested, cancel.get(),
            [token = cancel.get()] { token->cancel(); });
    else
        cancel->cancel();
    // The token is in `request` only for this call; the dialog's field is emptied once answered.
    const Result<CreatedSecret> created = co_await m_controller.createSecret(request, cancel);
    request.credentials.accessToken.clear();
    if (!self)
        co_return;
    if (dialog)
        dialog->clearToken();
    if (!created) {
        if (dialog)
            dialog->fail(created.error());
        co_return;
    }
    if (buttons)
        buttons->setArn(created->arn);
    if (dialog)
        dialog->succeed();
    Q_EMIT notice(tr("Created the secret %1.").arg(created->name));
}

void SecretActions::openReplace(const QString& arn, const QString& name, QWidget* parent)
{
    auto* dialog = new ReplaceTokenDialog(name, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReplaceTokenDialog::replaceRequested, this,
        [this, dialog = QPointer<ReplaceTokenDialog>(dialog), arn](
            const UpstreamCredentials& credentials) { replace(dialog, arn, credentials); });
    dialog->open();
}

QCoro::Task<void> SecretActions::replace(
    QPointer<ReplaceTokenDialog> dialog, QString arn, UpstreamCredentials credentials)
{
    QPointer<SecretActions> self(this);
    const CancelToken cancel = Cancellation::create();
    if (dialog)
        connect(dialog, &SubmitDialog::cancelRequested, cancel.get(),
            [token = cancel.get()] { token->cancel(); });
    const Result<CreatedSecret> put
        = co_await m_controller.replaceSecretToken(arn, credentials, cancel);
    credentials.accessToken.clear();
    if (!self)
        co_return;
    if (dialog)
        dialog->clearToken();
    if (!put) {
        if (dialog)
            dialog->fail(put.error());
        co_return;
    }
    if (dialog)
        dialog->succeed();
    // Every rule that uses the secret, verified with the new credentials.
    QStringList results;
    const QList<PullThroughCacheRule> rules = m_rules ? m_rules() : QList<PullThroughCacheRule>{};
    for (const PullThroughCacheRule& rule : rules) {
        if (rule.credentialArn != arn)
            continue;
        const QString prefix = rule.ecrRepositoryPrefix;
        const auto verified = co_await m_controller.validateRule(prefix);
        if (!self)
            co_return;
        const QString why = verified
            ? QString()
            : describeError(verified.error(), tr("Verifying the rule"), false).what;
        results.append(!verified ? tr("%1: not verified: %2").arg(prefix, why)
                : verified->value.isValid
                ? tr("%1: the upstream accepts the new credentials.").arg(prefix)
                : tr("%1: the upstream refused them: %2").arg(prefix, verified->value.failure));
    }
    Q_EMIT notice(tr("Replaced the token of %1.").arg(put->name));
    const QString title = tr("Token Replaced");
    const QString text = results.isEmpty()
        ? tr("The secret %1 has the new credentials. No rule of this registry uses it.")
              .arg(put->name)
        : tr("The secret %1 has the new credentials.\n\n%2").arg(put->name, results.join(u'\n'));
    co_await m_presenter.showInformation(nullptr, title, text);
}

} // namespace ecr
