#include "PreflightDialog.h"

#include "AppIcon.h"
#include "ErrorPresenter.h"
#include "MessagePresenter.h"
#include "RulesController.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

using Status = PreflightFinding::Status;

QString statusText(Status status)
{
    switch (status) {
    case Status::Passed:
        return PreflightDialog::tr("✓ Passed");
    case Status::Warning:
        return PreflightDialog::tr("⚠ Warning");
    case Status::Failed:
        return PreflightDialog::tr("✗ Failed");
    case Status::NotChecked:
        return PreflightDialog::tr("– Not checked");
    }
    return {};
}

} // namespace

PreflightDialog::PreflightDialog(RulesController& controller, MessagePresenter& presenter,
    CreateRuleRequest rule, bool exists, QStringList existingPrefixes, QWidget* parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_presenter(presenter)
    , m_rule(std::move(rule))
    , m_exists(exists)
    , m_prefixes(std::move(existingPrefixes))
{
    setObjectName(u"preflightDialog"_s);
    setWindowTitle(tr("Check Rule %1").arg(m_rule.ecrRepositoryPrefix));
    setWindowIcon(applicationIcon());
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"summaryLabel"_s);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"findingsList"_s);
    m_list->setAccessibleName(tr("Findings"));
    m_list->setHeaderLabels({tr("Result"), tr("Finding")});
    m_list->setRootIsDecorated(false);
    m_list->setWordWrap(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    layout->addWidget(m_list, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_fix = buttons->addButton(tr("&Fix…"), QDialogButtonBox::ActionRole);
    m_fix->setObjectName(u"fixButton"_s);
    m_recheck = buttons->addButton(tr("&Recheck"), QDialogButtonBox::ActionRole);
    m_recheck->setObjectName(u"recheckButton"_s);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreflightDialog::reject);
    connect(m_fix, &QPushButton::clicked, this, [this] { fix(); });
    connect(m_recheck, &QPushButton::clicked, this, [this] { check(); });
    connect(m_list, &QTreeWidget::currentItemChanged, this, &PreflightDialog::updateButtons);
    // A fix made in another dialog lands here as a changed rule or new templates.
    // (Update answers only some members: the controller reloads the list after it.)
    connect(&m_controller, &RulesController::rulesLoaded, this,
        [this](const QList<PullThroughCacheRule>& rules) {
            for (const PullThroughCacheRule& r : rules) {
                if (m_exists && r.ecrRepositoryPrefix == m_rule.ecrRepositoryPrefix)
                    setCredentialArn(r.credentialArn);
            }
        });
    connect(&m_controller, &RulesController::templatesLoaded, this, [this] {
        if (!m_findings.isEmpty())
            check();
    });
    resize(760, 420);
    updateButtons();
}

PreflightDialog::~PreflightDialog()
{
    if (m_cancel)
        m_cancel->cancel();
}

void PreflightDialog::reject()
{
    if (m_cancel)
        m_cancel->cancel();
    QDialog::reject();
}

QCoro::Task<void> PreflightDialog::check()
{
    QPointer<PreflightDialog> self(this);
    if (m_cancel)
        m_cancel->cancel();
    m_cancel = Cancellation::create();
    const CancelToken cancel = m_cancel;
    m_summary->setText(tr("Checking %1…").arg(m_rule.ecrRepositoryPrefix));
    m_recheck->setEnabled(false);
    const CreateRuleRequest rule = m_rule;
    const QStringList prefixes = m_prefixes;
    const Result<QList<PreflightFinding>> findings
        = co_await m_controller.preflight(rule, m_exists, prefixes, cancel);
    if (!self || cancel != m_cancel)
        co_return;
    m_recheck->setEnabled(true);
    m_list->clear();
    m_findings.clear();
    if (!findings) {
        const ErrorText text = describeError(findings.error(), tr("Checking the rule"), false);
        m_summary->setText(text.what + u' ' + text.action);
        updateButtons();
        co_return;
    }
    m_findings = findings.value();
    int failed = 0;
    int warnings = 0;
    for (const PreflightFinding& f : std::as_const(m_findings)) {
        auto* item = new QTreeWidgetItem(m_list, {statusText(f.status), f.sentence});
        item->setData(0, Qt::UserRole, f.id);
        item->setToolTip(1, f.sentence);
        failed += f.status == Status::Failed ? 1 : 0;
        warnings += f.status == Status::Warning ? 1 : 0;
    }
    m_summary->setText(failed > 0
            ? tr("%n check(s) failed: the rule would not work yet.", nullptr, failed)
            : warnings > 0 ? tr("No check failed; %n warning(s).", nullptr, warnings)
                           : tr("Every check passed."));
    for (int i = 0; i < m_findings.size(); ++i) {
        if (m_findings.at(i).fix != PreflightFinding::Fix::None) {
            m_list->setCurrentItem(m_list->topLevelItem(i));
            break;
        }
    }
    updateButtons();
}

void PreflightDialog::setCredentialArn(const QString& arn)
{
    if (arn == m_rule.credentialArn)
        return;
    m_rule.credentialArn = arn;
    check();
}

void PreflightDialog::updateButtons()
{
    QTreeWidgetItem* item = m_list->currentItem();
    const int row = item ? m_list->indexOfTopLevelItem(item) : -1;
    const PreflightFinding::Fix fix = row >= 0 && row < m_findings.size()
        ? m_findings.at(row).fix
        : PreflightFinding::Fix::None;
    m_fix->setEnabled(fix != PreflightFinding::Fix::None);
    switch (fix) {
    case PreflightFinding::Fix::Secret:
        m_fix->setText(m_exists ? tr("&Fix: Edit Credentials…") : tr("&Fix: Create Secret…"));
        break;
    case PreflightFinding::Fix::Template:
        m_fix->setText(tr("&Fix: Edit Template…"));
        break;
    case PreflightFinding::Fix::RegistryPolicy:
        m_fix->setText(tr("&Fix: Change Policy…"));
        break;
    case PreflightFinding::Fix::None:
        m_fix->setText(tr("&Fix…"));
        break;
    }
}

QCoro::Task<void> PreflightDialog::fix()
{
    QTreeWidgetItem* item = m_list->currentItem();
    const int row = item ? m_list->indexOfTopLevelItem(item) : -1;
    if (row < 0 || row >= m_findings.size())
        co_return;
    const PreflightFinding finding = m_findings.at(row);
    if (finding.fix == PreflightFinding::Fix::RegistryPolicy)
        co_await fixRegistryPolicy();
    else if (finding.fix != PreflightFinding::Fix::None)
        Q_EMIT fixRequested(finding);
}

QCoro::Task<void> PreflightDialog::fixRegistryPolicy()
{
    QPointer<PreflightDialog> self(this);
    const QString prefix = m_rule.ecrRepositoryPrefix;
    m_fix->setEnabled(false);
    const Result<std::pair<QString, QString>> change
        = co_await m_controller.registryPolicyFix(prefix);
    if (!self)
        co_return;
    if (!change) {
        const ErrorText text = describeError(change.error(), tr("Reading the registry policy"));
        co_await m_presenter.showError(this, text);
        if (self)
            updateButtons();
        co_return;
    }
    Confirmation confirmation;
    confirmation.title = tr("Change the Registry Policy");
    confirmation.text = tr("Add a statement that lets this account's principals create "
                           "repositories and import upstream images under %1? Every statement "
                           "the policy has stays as it is. The lines added:")
                            .arg(prefix);
    confirmation.acceptLabel = tr("&Apply");
    confirmation.items = addedStatementLines(change->first, change->second);
    const bool confirmed = co_await m_presenter.confirm(this, confirmation);
    if (!self)
        co_return;
    if (!confirmed) {
        updateButtons();
        co_return;
    }
    const QString policy = change->second;
    const Result<QString> put = co_await m_controller.putRegistryPolicy(policy);
    if (!self)
        co_return;
    if (!put) {
        const ErrorText text = describeError(put.error(), tr("Changing the registry policy"));
        co_await m_presenter.showError(this, text);
        if (self)
            updateButtons();
        co_return;
    }
    check();
}

} // namespace ecr
