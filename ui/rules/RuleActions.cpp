// Over 400 lines on purpose: every action on the rules (create, edit, verify, check, delete,
// copy, templates) with its dialog and confirmation, in one place; secrets are SecretActions.
#include "RuleActions.h"

#include "AwaitDialog.h"
#include "ErrorPresenter.h"
#include "ExportDialog.h"
#include "MessagePresenter.h"
#include "PreflightDialog.h"
#include "RuleForm.h"
#include "RuleFormDialog.h"
#include "RulesController.h"
#include "RulesTableModel.h"
#include "RulesView.h"
#include "SecretActions.h"
#include "SecretButtons.h"
#include "TemplatesDialog.h"
#include "UpdateCredentialsDialog.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QInputDialog>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// A token for one submit of a dialog: closing the dialog while it waits (or its Cancel) stops
// that request only.
CancelToken cancelledBy(SubmitDialog* dialog)
{
    const CancelToken cancel = Cancellation::create();
    if (dialog)
        QObject::connect(dialog, &SubmitDialog::cancelRequested, cancel.get(),
            [token = cancel.get()] { token->cancel(); });
    else
        cancel->cancel();
    return cancel;
}

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
    , m_secrets(new SecretActions(
          controller, presenter,
          [this] { return m_view ? m_view->model().rules() : QList<PullThroughCacheRule>(); },
          this))
{
    connect(m_secrets, &SecretActions::notice, this, &RuleActions::notice);
}

void RuleActions::showError(const AwsError& error, const QString& operation)
{
    if (error.kind == ErrorKind::Cancelled) {
        Q_EMIT notice(tr("Cancelled."));
        return;
    }
    m_presenter.showError(m_window, describeError(error, operation));
}

void RuleActions::newRule(
    const RegistryLocation& location, const QList<PullThroughCacheRule>& existing)
{
    auto* dialog = new RuleFormDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setRegistryLocation(location);
    QStringList prefixes;
    for (const PullThroughCacheRule& rule : existing)
        prefixes.append(rule.ecrRepositoryPrefix);
    dialog->form()->setExistingPrefixes(prefixes);
    RuleForm* form = dialog->form();
    connect(dialog, &RuleFormDialog::checkRequested, this,
        [this, dialog, form](const CreateRuleRequest& request) {
            openCheck(request, false, dialog, form->secretButtons());
        });
    m_secrets->attach(form->secretButtons(), dialog, [form] {
        const std::optional<UpstreamRegistry> registry = form->registry();
        return registry ? upstreamRegistryInfo(*registry).defaultPrefix : QString();
    });
    connect(dialog, &RuleFormDialog::createRequested, this,
        [this, dialog = QPointer<RuleFormDialog>(dialog)](
            const CreateRuleRequest& request) { create(dialog, request); });
    dialog->open();
}

QCoro::Task<void> RuleActions::create(QPointer<RuleFormDialog> dialog, CreateRuleRequest request)
{
    QPointer<RuleActions> self(this);
    const CancelToken cancel = cancelledBy(dialog.data());
    const bool templateAfterwards = dialog && dialog->createTemplateAfterwards();
    const auto result = co_await m_controller.createRule(request, cancel);
    if (!self || !answer(dialog.data(), result))
        co_return;
    const QString prefix = request.ecrRepositoryPrefix;
    Q_EMIT ruleCreated(prefix);
    if (templateAfterwards) {
        openTemplates();
        if (auto* templates = m_window->findChild<TemplatesDialog*>())
            templates->newTemplate(prefix);
    }
    Q_EMIT notice(result->reconciled
            ? tr("The rule %1 already existed with these settings.").arg(prefix)
            : tr("Created the rule %1.").arg(prefix));
}

void RuleActions::editCredentials(
    const PullThroughCacheRule& rule, const RegistryLocation& location, QWidget* parent)
{
    auto* dialog = new UpdateCredentialsDialog(rule, parent ? parent : m_window);
    dialog->setRegistryLocation(location);
    const QString prefix = rule.ecrRepositoryPrefix;
    m_secrets->attach(dialog->secretButtons(), dialog, [prefix] { return prefix; });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UpdateCredentialsDialog::updateRequested, this,
        [this, dialog = QPointer<UpdateCredentialsDialog>(dialog)](
            const UpdateRuleRequest& request) { update(dialog, request); });
    dialog->open();
}

QCoro::Task<void> RuleActions::update(
    QPointer<UpdateCredentialsDialog> dialog, UpdateRuleRequest request)
{
    QPointer<RuleActions> self(this);
    const CancelToken cancel = cancelledBy(dialog.data());
    const auto result = co_await m_controller.updateRule(request, cancel);
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
    // Named locals: GCC 12 destroys some temporaries of a co_await expression twice.
    QWidget* window = m_window;
    const ErrorText failure
        = describeValidationFailure(prefix, result->value.failure, result->requestId);
    co_await m_presenter.showError(window, failure);
}

void RuleActions::attach(RulesView& view)
{
    m_view = &view;
}

std::optional<PullThroughCacheRule> RuleActions::selected() const
{
    return m_view ? m_view->currentRule() : std::nullopt;
}

void RuleActions::newRuleInView()
{
    if (!m_controller.session() || !m_view)
        return;
    const QList<PullThroughCacheRule>& rules = m_view->model().rules();
    newRule(m_controller.location(), rules);
}

void RuleActions::editSelected()
{
    if (const auto rule = selected())
        editCredentials(*rule, m_controller.location());
}

void RuleActions::verifySelected()
{
    if (const auto rule = selected())
        verify(rule->ecrRepositoryPrefix);
}

void RuleActions::deleteSelected()
{
    QStringList prefixes;
    for (const PullThroughCacheRule& rule :
        m_view ? m_view->selectedRules() : QList<PullThroughCacheRule>{})
        prefixes.append(rule.ecrRepositoryPrefix);
    remove(prefixes);
}

void RuleActions::copySelectedRepositoryUri()
{
    if (const auto rule = selected())
        copyRepositoryUri(*rule, m_controller.location());
}

void RuleActions::copySelectedPullReference()
{
    if (const auto rule = selected())
        copyPullReference(*rule, m_controller.location());
}

void RuleActions::copySelectedDockerPull()
{
    if (const auto rule = selected())
        copyDockerPull(*rule, m_controller.location());
}

void RuleActions::copySelectedRuleJson()
{
    if (const auto rule = selected())
        copyRuleJson(*rule);
}

void RuleActions::copySelectedCredentialArn()
{
    if (const auto rule = selected())
        copyCredentialArn(*rule);
}

void RuleActions::setMarker(const QString& text, const QColor& background, const QColor& foreground)
{
    m_markerText = text;
    m_markerBackground = background;
    m_markerForeground = foreground;
}

QCoro::Task<void> RuleActions::remove(QStringList prefixes)
{
    if (prefixes.isEmpty())
        co_return;
    QPointer<RuleActions> self(this);
    Confirmation confirmation;
    confirmation.title = prefixes.size() == 1 ? tr("Delete rule") : tr("Delete rules");
    confirmation.text = prefixes.size() == 1
        ? tr("Delete the pull-through cache rule '%1'?").arg(prefixes.first())
        : tr("Delete these %n pull-through cache rules?", nullptr, int(prefixes.size()));
    confirmation.text += u"\n\n"_s
        + tr("Images already cached stay in their repositories; only future caching from the "
             "upstream stops.");
    confirmation.acceptLabel = tr("&Delete");
    confirmation.bandText = m_markerText;
    confirmation.bandColor = m_markerBackground;
    confirmation.bandTextColor = m_markerForeground;
    if (const EcrSession* session = m_controller.session()) {
        const RegistryLocation where = m_controller.location();
        confirmation.target
            = tr("Profile %1 · account %2 · %3")
                  .arg(session->target().displayName,
                      where.accountId.isEmpty() ? tr("unknown") : where.accountId, where.region);
    }
    confirmation.items = prefixes;
    const bool confirmed = co_await m_presenter.confirm(m_window, confirmation);
    if (!self || !confirmed)
        co_return;
    QList<DeleteOutcome> outcomes;
    for (const QString& prefix : std::as_const(prefixes)) {
        const auto result = co_await m_controller.deleteRule(prefix);
        if (!self)
            co_return;
        outcomes.append({prefix, result ? std::nullopt : std::optional(result.error())});
        if (!result && result.error().kind == ErrorKind::Cancelled)
            break; // Cancel stops the rest
    }
    const qsizetype failed = std::count_if(outcomes.cbegin(), outcomes.cend(),
        [](const DeleteOutcome& outcome) { return outcome.error.has_value(); });
    if (failed == 0 && outcomes.size() == prefixes.size()) {
        Q_EMIT notice(prefixes.size() == 1
                ? tr("Deleted the rule %1.").arg(prefixes.first())
                : tr("Deleted %n rules.", nullptr, int(prefixes.size())));
        co_return;
    }
    if (prefixes.size() == 1) {
        showError(*outcomes.first().error, tr("Deleting the rule"));
        co_return;
    }
    QWidget* window = m_window;
    const ErrorText report = describeDeleteOutcomes(outcomes, prefixes.size());
    co_await m_presenter.showError(window, report);
}

void RuleActions::copy(const QString& text, const QString& what)
{
    QGuiApplication::clipboard()->setText(text);
    Q_EMIT notice(tr("Copied %1: %2").arg(what, text));
}

void RuleActions::copyPullReference(
    const PullThroughCacheRule& rule, const RegistryLocation& location)
{
    copy(location.pullReference(rule), tr("the pull reference"));
}

void RuleActions::copyRepositoryUri(
    const PullThroughCacheRule& rule, const RegistryLocation& location)
{
    copy(location.repositoryUri(rule), tr("the repository URI"));
}

QCoro::Task<void> RuleActions::copyDockerPull(PullThroughCacheRule rule, RegistryLocation location)
{
    QPointer<RuleActions> self(this);
    QPointer<QInputDialog> dialog = new QInputDialog(m_window);
    dialog->setObjectName(u"imageInputDialog"_s);
    dialog->setWindowTitle(tr("Copy docker pull"));
    dialog->setLabelText(tr("Upstream image to pull through %1 (repository, and a tag or digest):")
                             .arg(rule.ecrRepositoryPrefix));
    dialog->setTextValue(exampleImage(rule.registry()));
    const int result = co_await awaitDialog(dialog);
    if (!self || !dialog)
        co_return;
    const QString image = dialog->textValue().trimmed();
    dialog->deleteLater();
    if (result != QDialog::Accepted || image.isEmpty())
        co_return;
    copy(u"docker pull "_s + location.pullReference(rule, image), tr("the pull command"));
}

void RuleActions::copyRuleJson(const PullThroughCacheRule& rule)
{
    copy(QString::fromUtf8(QJsonDocument(rule.toJson()).toJson(QJsonDocument::Indented)).trimmed(),
        tr("the rule as JSON"));
}

void RuleActions::copyCredentialArn(const PullThroughCacheRule& rule)
{
    if (!rule.credentialArn.isEmpty())
        copy(rule.credentialArn, tr("the credential ARN"));
}

void RuleActions::openTemplates()
{
    if (auto* open = m_window->findChild<TemplatesDialog*>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto* dialog = new TemplatesDialog(m_controller, m_presenter, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_templateCopier) {
        connect(dialog, &TemplatesDialog::copyRequested, this,
            [this, dialog](const RepositoryCreationTemplate& t) { m_templateCopier(t, dialog); });
    }
    dialog->show();
}

void RuleActions::exportSelected()
{
    if (!m_view)
        return;
    ExportInput input;
    input.rules = m_view->selectedRules();
    input.region = m_controller.location().region;
    if (input.rules.isEmpty())
        return;
    // The templates the rules' repositories get, each once.
    if (const auto& known = m_controller.templates())
        input.templates = templatesForRules(prefixesOf(input.rules), *known);
    auto* dialog = new ExportDialog(input, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void RuleActions::openTemplateFor(const QString& rulePrefix)
{
    openTemplates();
    auto* templates = m_window->findChild<TemplatesDialog*>();
    if (!templates)
        return;
    const std::optional<QList<RepositoryCreationTemplate>> known = m_controller.templates();
    const std::optional<RepositoryCreationTemplate> applies
        = known ? templateForRule(rulePrefix, *known) : std::nullopt;
    if (applies)
        templates->editTemplate(applies->prefix);
    else if (known)
        templates->newTemplate(rulePrefix);
    else
        templates->editTemplate(rulePrefix); // once listed, if the prefix has its own
}

void RuleActions::openCheck(
    const CreateRuleRequest& rule, bool exists, QWidget* parent, SecretButtons* formSecret)
{
    QStringList prefixes;
    if (m_view) {
        for (const PullThroughCacheRule& r : m_view->model().rules())
            prefixes.append(r.ecrRepositoryPrefix);
    }
    auto* dialog = new PreflightDialog(m_controller, m_presenter, rule, exists, prefixes, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QPointer<SecretButtons> secret(formSecret);
    connect(dialog, &PreflightDialog::fixRequested, this,
        [this, dialog, secret](const PreflightFinding& f) { fixFinding(f, dialog, secret); });
    if (formSecret)
        connect(formSecret, &SecretButtons::arnSet, dialog, &PreflightDialog::setCredentialArn);
    dialog->open();
    dialog->check();
}

// The fixes made in their own dialogs, opened over the check (a window-modal dialog blocks its
// siblings) so that it checks again when they are done.
void RuleActions::fixFinding(
    const PreflightFinding& finding, PreflightDialog* check, SecretButtons* formSecret)
{
    if (finding.fix == PreflightFinding::Fix::Template) {
        auto* templates = new TemplatesDialog(m_controller, m_presenter, check);
        templates->setAttribute(Qt::WA_DeleteOnClose);
        templates->show();
        templates->editTemplate(finding.target);
        return;
    }
    if (finding.fix != PreflightFinding::Fix::Secret)
        return;
    if (formSecret) {
        const QString name = finding.target.startsWith(kPtcSecretPrefix)
            ? finding.target.mid(kPtcSecretPrefix.size())
            : QString();
        m_secrets->createFor(formSecret, check, name);
        return;
    }
    const QString prefix = check->rule().ecrRepositoryPrefix;
    const QList<PullThroughCacheRule> rules
        = m_view ? m_view->model().rules() : QList<PullThroughCacheRule>{};
    for (const PullThroughCacheRule& rule : rules) {
        if (rule.ecrRepositoryPrefix == prefix) {
            editCredentials(rule, m_controller.location(), check);
            return;
        }
    }
}

void RuleActions::checkSelected()
{
    const std::optional<PullThroughCacheRule> rule = selected();
    if (!rule)
        return;
    const CreateRuleRequest request{rule->ecrRepositoryPrefix, rule->upstreamRegistryUrl,
        rule->registryId, rule->upstreamRegistry, rule->credentialArn, rule->customRoleArn,
        rule->upstreamRepositoryPrefix};
    openCheck(request, true, m_window);
}

} // namespace ecr
