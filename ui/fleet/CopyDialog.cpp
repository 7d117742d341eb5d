// Over 400 lines because the dialog is one flow — preview, the plan tree with its Overwrite and
// Map Secret choices, apply and its log entries — over one list of destinations; the planning
// itself is core/fleet/RuleCopy and the layout is shared with the fleet view (RegistryPicker).
#include "CopyDialog.h"

#include "ActivityLog.h"
#include "Appearance.h"
#include "ErrorPresenter.h"
#include "RegistryPicker.h"
#include "SecretPickerDialog.h"

#include <QCoroSignal>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

constexpr int kDestinationRole = Qt::UserRole;
constexpr int kIndexRole = Qt::UserRole + 1; // the plan item; -1 on a destination row
constexpr int kTemplateRole = Qt::UserRole + 2;

enum Column
{
    WhatColumn,
    ActionColumn,
    ReasonColumn,
    ResultColumn,
    ColumnCount
};

QString actionText(CopyPlanItem::Action action, bool overwrite)
{
    using Action = CopyPlanItem::Action;
    switch (action) {
    case Action::Create:
        return CopyDialog::tr("Create");
    case Action::Identical:
        return CopyDialog::tr("Exists, identical");
    case Action::Conflict:
        return overwrite ? CopyDialog::tr("Conflict: overwrite") : CopyDialog::tr("Conflict: keep");
    case Action::NeedsSecret:
        return CopyDialog::tr("Needs a secret there");
    case Action::NeedsRole:
        return CopyDialog::tr("Needs a role there");
    case Action::NeedsKey:
        return CopyDialog::tr("Needs a key there");
    }
    return {};
}

QString outcomeText(const CopyOutcome& outcome)
{
    if (outcome.error)
        return CopyDialog::tr("Failed: %1").arg(outcome.error->message);
    if (outcome.created)
        return CopyDialog::tr("Created");
    if (outcome.updated)
        return CopyDialog::tr("Overwritten");
    return CopyDialog::tr("Unchanged");
}

} // namespace

int CopyDialog::Destination::planned() const
{
    if (applied || registry.error)
        return 0;
    const auto rulesPlanned = std::count_if(
        rules.cbegin(), rules.cend(), [](const CopyPlanItem& r) { return r.changes(); });
    const auto templatesPlanned = std::count_if(templates.cbegin(), templates.cend(),
        [](const TemplateCopyItem& t) { return t.changes(); });
    return int(rulesPlanned + templatesPlanned);
}

int CopyDialog::Destination::changed() const
{
    int n = 0;
    for (const QList<CopyOutcome>* list : {&ruleOutcomes, &templateOutcomes})
        n += int(std::count_if(
            list->cbegin(), list->cend(), [](const CopyOutcome& o) { return o.changed(); }));
    return n;
}

int CopyDialog::Destination::failed() const
{
    int n = 0;
    for (const QList<CopyOutcome>* list : {&ruleOutcomes, &templateOutcomes})
        n += int(std::count_if(list->cbegin(), list->cend(),
            [](const CopyOutcome& o) { return o.error.has_value(); }));
    return n;
}

CopyDialog::CopyDialog(ProfileDirectory& profiles, const Clock& clock, CopySource source,
    FleetOptions options, QWidget* parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_clock(clock)
    , m_source(std::move(source))
    , m_options(options)
    , m_picker(new RegistryPicker(profiles, this))
    , m_summary(new QLabel(this))
    , m_plan(new QTreeWidget(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_previewButton(new QPushButton(tr("&Preview"), this))
    , m_applyButton(new QPushButton(tr("&Apply"), this))
    , m_mapSecretButton(new QPushButton(tr("&Map Secret…"), this))
    , m_stopButton(new QPushButton(tr("&Stop"), this))
{
    setWindowTitle(tr("Copy to other registries"));
    setWindowFlag(Qt::WindowMaximizeButtonHint);
    resize(1100, 650);
    m_options.templates = !m_source.templates.isEmpty();
    m_fetch = new FleetFetch(profiles, clock, m_options, this);

    const QString what = m_source.templates.isEmpty()
        ? tr("%n rule(s)", nullptr, int(m_source.rules.size()))
        : m_source.rules.isEmpty()
        ? tr("%n template(s)", nullptr, int(m_source.templates.size()))
        : tr("%1 and %2")
              .arg(tr("%n rule(s)", nullptr, int(m_source.rules.size())),
                  tr("%n template(s)", nullptr, int(m_source.templates.size())));
    m_summary->setText(tr("Copy %1 from %2 to the registries picked on the left. Nothing that "
                          "exists is changed unless you tick Overwrite on its row.")
                           .arg(what, m_source.label));
    m_summary->setWordWrap(true);

    m_plan->setColumnCount(ColumnCount);
    m_plan->setHeaderLabels({tr("Destination / item"), tr("Plan"), tr("Why"), tr("Result")});
    m_plan->setAccessibleName(tr("Copy plan"));
    m_plan->setUniformRowHeights(true);
    m_plan->setAlternatingRowColors(true);
    m_plan->header()->setStretchLastSection(true);
    connect(m_plan, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        if (m_filling || column != WhatColumn || item->data(WhatColumn, kIndexRole).toInt() < 0)
            return;
        const int d = item->data(WhatColumn, kDestinationRole).toInt();
        const int i = item->data(WhatColumn, kIndexRole).toInt();
        const bool overwrite = item->checkState(WhatColumn) == Qt::Checked;
        if (item->data(WhatColumn, kTemplateRole).toBool())
            m_destinations[d].templates[i].overwrite = overwrite;
        else
            m_destinations[d].rules[i].overwrite = overwrite;
        item->setText(ActionColumn, actionText(CopyPlanItem::Action::Conflict, overwrite));
        updateButtons();
    });
    connect(m_plan, &QTreeWidget::itemSelectionChanged, this, &CopyDialog::updateButtons);

    m_previewButton->setToolTip(tr("Read the destinations and show what copying would do"));
    m_applyButton->setToolTip(tr("Make the planned changes in every destination"));
    m_mapSecretButton->setToolTip(
        tr("Use one of the destination's own secrets for the selected rule"));
    auto* underPicker = new QVBoxLayout;
    underPicker->addWidget(m_previewButton);
    auto* top = new QVBoxLayout;
    top->addWidget(m_summary);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_mapSecretButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_stopButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_applyButton, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &CopyDialog::reject);
    layOutPickerDialog(this, m_picker, underPicker, top, m_plan, m_progress, m_status, buttons);

    connect(m_previewButton, &QPushButton::clicked, this, [this] { preview(); });
    connect(m_applyButton, &QPushButton::clicked, this, [this] { apply(); });
    connect(m_mapSecretButton, &QPushButton::clicked, this, [this] { chooseSecretForSelected(); });
    connect(m_stopButton, &QPushButton::clicked, this, &CopyDialog::stop);
    connect(m_picker, &RegistryPicker::changed, this, &CopyDialog::updateButtons);
    connect(m_fetch, &FleetFetch::progress, this, [this](int finished, int total) {
        m_progress->setRange(0, std::max(1, total));
        m_progress->setValue(finished);
        m_status->setText(tr("Reading the destinations… %1 of %2")
                              .arg(QLocale().toString(finished), QLocale().toString(total)));
    });
    m_status->setText(tr("Pick the destinations, then Preview."));
    updateButtons();
}

CopyDialog::~CopyDialog()
{
    if (m_cancel)
        m_cancel->cancel();
}

void CopyDialog::reject()
{
    stop();
    QDialog::reject();
}

void CopyDialog::stop()
{
    if (m_cancel)
        m_cancel->cancel();
    m_fetch->cancel();
}

QCoro::Task<void> CopyDialog::preview()
{
    QPointer<CopyDialog> self(this);
    if (m_busy)
        co_return;
    m_busy = true;
    m_cancel = Cancellation::create();
    const CancelToken cancel = m_cancel;
    m_destinations.clear();
    fillTree();
    updateButtons();
    std::function<void(const QString&)> status = [self](const QString& text) {
        if (self)
            self->m_status->setText(text);
    };
    const RegistryPicker::Targets picked = co_await m_picker->targets(cancel, status);
    if (!self)
        co_return;
    if (!picked.cancelled) {
        m_fetch->start(picked.targets);
        if (m_fetch->isRunning()) {
            auto finished = qCoro(m_fetch, &FleetFetch::finished);
            co_await std::move(finished);
            if (!self)
                co_return;
        }
    }
    m_busy = false;
    for (int i = 0; i < m_fetch->results().size(); ++i) {
        Destination d;
        d.registry = m_fetch->results().at(i);
        d.session = m_fetch->sharedSession(i);
        m_destinations.append(d);
    }
    for (const FleetRegistry& failed : picked.failures)
        m_destinations.append({failed, nullptr, {}, {}, {}, {}, {}, std::nullopt, false});
    for (int i = 0; i < m_destinations.size(); ++i)
        replan(i);
    fillTree();
    int failed = 0;
    for (const Destination& d : std::as_const(m_destinations))
        failed += d.registry.error ? 1 : 0;
    m_status->setText(cancel->isCancelled() ? tr("Stopped.")
            : failed > 0 ? tr("%n destination(s) could not be read (shown in red); the others "
                              "are planned.",
                  nullptr, failed)
                         : tr("Planned. Tick Overwrite where a conflict should change, map "
                              "secrets where needed, then Apply."));
    updateButtons();
    Q_EMIT previewed();
}

void CopyDialog::replan(int index)
{
    Destination& d = m_destinations[index];
    if (d.registry.error)
        return;
    const CopyDestination to{
        d.registry.target.label(), d.registry.location(), d.registry.rules, d.registry.templates};
    // A choice made on a row survives a new plan of its destination (after a secret mapping).
    QHash<QString, bool> overwrite;
    for (const CopyPlanItem& item : std::as_const(d.rules))
        overwrite.insert(item.request.ecrRepositoryPrefix, item.overwrite);
    d.rules = planCopy(m_source.rules, to, d.secretMap);
    for (CopyPlanItem& item : d.rules)
        item.overwrite = overwrite.value(item.request.ecrRepositoryPrefix);
    QHash<QString, bool> templateOverwrite;
    for (const TemplateCopyItem& item : std::as_const(d.templates))
        templateOverwrite.insert(item.request.prefix, item.overwrite);
    d.templates = planTemplateCopy(m_source.templates, to);
    for (TemplateCopyItem& item : d.templates)
        item.overwrite = templateOverwrite.value(item.request.prefix);
}

void CopyDialog::fillTree()
{
    m_filling = true;
    m_plan->clear();
    for (int di = 0; di < m_destinations.size(); ++di) {
        const Destination& d = m_destinations.at(di);
        auto* top = new QTreeWidgetItem(m_plan);
        top->setText(WhatColumn, d.registry.target.label());
        top->setData(WhatColumn, kDestinationRole, di);
        top->setData(WhatColumn, kIndexRole, -1);
        if (!d.registry.accountId.isEmpty())
            top->setText(ActionColumn, tr("Account %1").arg(d.registry.accountId));
        if (d.registry.error) {
            const ErrorText text = describeError(*d.registry.error, tr("Reading it"), false);
            top->setText(ReasonColumn, text.what);
            top->setToolTip(ReasonColumn, text.what + u' ' + text.action);
            for (int c = 0; c < ColumnCount; ++c)
                top->setForeground(c, errorTextColor(palette()));
            continue;
        }
        int changes = 0;
        auto addItem = [&](const QString& kind, const QString& prefix, CopyPlanItem::Action action,
                           const QString& reason, bool overwrite, int index, bool isTemplate,
                           const CopyOutcome* outcome) {
            auto* child = new QTreeWidgetItem(top);
            child->setText(WhatColumn, tr("%1 %2").arg(kind, prefix));
            child->setData(WhatColumn, kDestinationRole, di);
            child->setData(WhatColumn, kIndexRole, index);
            child->setData(WhatColumn, kTemplateRole, isTemplate);
            child->setText(ActionColumn, actionText(action, overwrite));
            child->setText(ReasonColumn, reason);
            child->setToolTip(ReasonColumn, reason);
            if (action == CopyPlanItem::Action::Conflict) {
                child->setFlags(child->flags() | Qt::ItemIsUserCheckable);
                child->setCheckState(WhatColumn, overwrite ? Qt::Checked : Qt::Unchecked);
                child->setToolTip(WhatColumn, tr("Tick to overwrite what the destination has"));
            }
            if (CopyPlanItem::makesChange(action, overwrite))
                ++changes;
            if (outcome) {
                child->setText(ResultColumn, outcomeText(*outcome));
                if (outcome->error)
                    child->setForeground(ResultColumn, errorTextColor(palette()));
            }
        };
        for (int i = 0; i < d.templates.size(); ++i) {
            const TemplateCopyItem& t = d.templates.at(i);
            addItem(tr("Template"), t.request.prefix, t.action, t.reason, t.overwrite, i, true,
                i < d.templateOutcomes.size() ? &d.templateOutcomes.at(i) : nullptr);
        }
        for (int i = 0; i < d.rules.size(); ++i) {
            const CopyPlanItem& r = d.rules.at(i);
            addItem(tr("Rule"), r.request.ecrRepositoryPrefix, r.action, r.reason, r.overwrite, i,
                false, i < d.ruleOutcomes.size() ? &d.ruleOutcomes.at(i) : nullptr);
        }
        if (d.applied) {
            const int done = d.changed();
            const int failed = d.failed();
            top->setText(ResultColumn,
                d.applyError     ? tr("Failed: %1").arg(d.applyError->message)
                    : failed > 0 ? tr("%1 changed, %2 failed")
                                       .arg(QLocale().toString(done), QLocale().toString(failed))
                                 : tr("%n change(s) made", nullptr, done));
        } else {
            top->setText(ReasonColumn,
                changes == 0 ? tr("Nothing to change")
                             : tr("%n change(s) planned", nullptr, changes));
        }
    }
    m_plan->expandAll();
    for (int c = 0; c < ReasonColumn; ++c)
        m_plan->resizeColumnToContents(c);
    m_filling = false;
}

QTreeWidgetItem* CopyDialog::selectedChild() const
{
    const QList<QTreeWidgetItem*> selected = m_plan->selectedItems();
    if (selected.size() != 1 || selected.first()->data(WhatColumn, kIndexRole).toInt() < 0)
        return nullptr;
    return selected.first();
}

void CopyDialog::updateButtons()
{
    int planned = 0;
    for (const Destination& d : std::as_const(m_destinations))
        planned += d.planned();
    m_previewButton->setEnabled(!m_busy && m_picker->hasChoice());
    m_applyButton->setEnabled(!m_busy && planned > 0);
    m_applyButton->setText(
        planned > 0 ? tr("&Apply %n change(s)", nullptr, planned) : tr("&Apply"));
    m_stopButton->setEnabled(m_busy);
    const QTreeWidgetItem* child = selectedChild();
    bool needsSecret = false;
    if (child && !child->data(WhatColumn, kTemplateRole).toBool()) {
        const Destination& d = m_destinations.at(child->data(WhatColumn, kDestinationRole).toInt());
        const int i = child->data(WhatColumn, kIndexRole).toInt();
        needsSecret = !d.applied && d.session && i < d.rules.size()
            && (d.rules.at(i).action == CopyPlanItem::Action::NeedsSecret
                || !d.secretMap.isEmpty());
    }
    m_mapSecretButton->setEnabled(!m_busy && needsSecret);
}

bool CopyDialog::selectItem(int destination, const QString& prefix, bool isTemplate)
{
    QTreeWidgetItem* top = m_plan->topLevelItem(destination);
    if (!top)
        return false;
    for (int i = 0; i < top->childCount(); ++i) {
        QTreeWidgetItem* child = top->child(i);
        const int index = child->data(WhatColumn, kIndexRole).toInt();
        const Destination& d = m_destinations.at(destination);
        const QString p = isTemplate ? d.templates.value(index).request.prefix
                                     : d.rules.value(index).request.ecrRepositoryPrefix;
        if (child->data(WhatColumn, kTemplateRole).toBool() == isTemplate && p == prefix) {
            m_plan->setCurrentItem(child);
            return true;
        }
    }
    return false;
}

bool CopyDialog::setOverwrite(
    int destination, const QString& prefix, bool isTemplate, bool overwrite)
{
    if (!selectItem(destination, prefix, isTemplate))
        return false;
    QTreeWidgetItem* child = m_plan->currentItem();
    if (!(child->flags() & Qt::ItemIsUserCheckable))
        return false;
    child->setCheckState(WhatColumn, overwrite ? Qt::Checked : Qt::Unchecked);
    return true;
}

void CopyDialog::mapSecret(int destination, const QString& sourceArn, const QString& destinationArn)
{
    if (destination < 0 || destination >= m_destinations.size())
        return;
    m_destinations[destination].secretMap.insert(sourceArn, destinationArn);
    replan(destination);
    fillTree();
    updateButtons();
}

QCoro::Task<void> CopyDialog::chooseSecretForSelected()
{
    QPointer<CopyDialog> self(this);
    const QTreeWidgetItem* child = selectedChild();
    if (!child || child->data(WhatColumn, kTemplateRole).toBool())
        co_return;
    const int di = child->data(WhatColumn, kDestinationRole).toInt();
    const int index = child->data(WhatColumn, kIndexRole).toInt();
    const std::shared_ptr<EcrSession> session = m_destinations.at(di).session;
    if (!session)
        co_return;
    // The source's ARN: what the plan item asks to map (its request still names it).
    QString sourceArn;
    const QString prefix = m_destinations.at(di).rules.at(index).request.ecrRepositoryPrefix;
    for (const PullThroughCacheRule& r : std::as_const(m_source.rules)) {
        QString p = r.ecrRepositoryPrefix;
        while (p.endsWith(u'/'))
            p.chop(1);
        if (p == prefix)
            sourceArn = r.credentialArn;
    }
    if (sourceArn.isEmpty())
        co_return;
    QPointer<SecretPickerDialog> dialog = new SecretPickerDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(
        tr("Secret for %1 in %2").arg(prefix, m_destinations.at(di).registry.target.label()));
    const CancelToken cancel = Cancellation::create();
    connect(dialog, &SecretPickerDialog::cancelRequested, cancel.get(),
        [token = cancel.get()] { token->cancel(); });
    connect(dialog, &QDialog::accepted, this, [self, dialog, di, sourceArn] {
        if (self && dialog && !dialog->selectedArn().isEmpty())
            self->mapSecret(di, sourceArn, dialog->selectedArn());
    });
    dialog->setLoading(m_destinations.at(di).registry.target.label());
    dialog->open();
    const Result<QList<SecretSummary>> listed = co_await session->secrets().listPtcSecrets(cancel);
    if (!self || !dialog)
        co_return;
    if (!listed) {
        const ErrorText text = describeError(listed.error(), tr("Listing the secrets"), false);
        dialog->setError(text.what + u' ' + text.action);
        co_return;
    }
    dialog->setSecrets(listed.value(), m_destinations.at(di).secretMap.value(sourceArn));
}

QCoro::Task<void> CopyDialog::apply()
{
    QPointer<CopyDialog> self(this);
    if (m_busy)
        co_return;
    m_busy = true;
    m_cancel = Cancellation::create();
    const CancelToken cancel = m_cancel;
    updateButtons();
    QList<int> queue;
    for (int i = 0; i < m_destinations.size(); ++i) {
        if (!m_destinations.at(i).registry.error && !m_destinations.at(i).applied
            && m_destinations.at(i).session)
            queue.append(i);
    }
    m_progress->setRange(0, std::max<int>(1, int(queue.size())));
    m_progress->setValue(0);
    m_status->setText(tr("Applying to %n destination(s)…", nullptr, int(queue.size())));
    // Every destination at once (up to the fleet's bound); each one's changes in order.
    std::vector<QCoro::Task<void>> running;
    int started = 0;
    int finishedCount = 0;
    while (started < queue.size()) {
        const int batch = std::min<int>(m_options.maxInFlight, int(queue.size()) - started);
        running.clear();
        for (int i = 0; i < batch; ++i)
            running.push_back(applyTo(queue.at(started + i), cancel));
        started += batch;
        for (QCoro::Task<void>& task : running) {
            co_await task;
            if (!self)
                co_return;
            m_progress->setValue(++finishedCount);
        }
        fillTree();
    }
    m_busy = false;
    int changed = 0;
    int failed = 0;
    for (const Destination& d : std::as_const(m_destinations)) {
        changed += d.changed();
        failed += d.failed();
    }
    fillTree();
    QString text = failed > 0 ? tr("%1 changes made, %2 failed: see each destination.")
                                    .arg(QLocale().toString(changed), QLocale().toString(failed))
                              : tr("%n change(s) made.", nullptr, changed);
    if (cancel->isCancelled())
        text = tr("Stopped. ") + text;
    if (!m_logError.isEmpty())
        text += u' ' + tr("The activity log could not be written: %1").arg(m_logError);
    m_status->setText(text);
    updateButtons();
    Q_EMIT applied();
}

QCoro::Task<void> CopyDialog::applyTo(int index, CancelToken cancel)
{
    QPointer<CopyDialog> self(this);
    const std::shared_ptr<EcrSession> session = m_destinations.at(index).session;
    // Templates first: the repositories the rules create then get them.
    const QList<TemplateCopyItem> templates = m_destinations.at(index).templates;
    const QList<CopyOutcome> templateOutcomes
        = co_await applyTemplateCopy(session->registry(), templates, cancel);
    if (!self)
        co_return;
    const QList<CopyPlanItem> rules = m_destinations.at(index).rules;
    const QList<CopyOutcome> ruleOutcomes = co_await applyCopy(session->client(), rules, cancel);
    if (!self)
        co_return;
    Destination& d = m_destinations[index];
    d.templateOutcomes = templateOutcomes;
    d.ruleOutcomes = ruleOutcomes;
    d.applied = true;
    recordChanges(d);
}

void CopyDialog::recordChanges(const Destination& d)
{
    if (!m_activityLog)
        return;
    auto record = [&](const QString& operation, const CopyOutcome& outcome) {
        ActivityEntry entry;
        entry.time = QDateTime::currentDateTimeUtc();
        entry.profile = d.registry.target.role
            ? tr("%1 · %2").arg(d.registry.target.profileName, d.registry.target.role->roleName)
            : d.registry.target.profileName;
        entry.account = d.registry.accountId;
        entry.region = d.registry.target.region;
        entry.operation = operation;
        entry.target = tr("%1 (copied from %2)").arg(outcome.prefix, m_source.label);
        entry.result = !outcome.error                     ? u"succeeded"_s
            : outcome.error->kind == ErrorKind::Cancelled ? u"Cancelled"_s
            : !outcome.error->code.isEmpty()              ? outcome.error->code
                                                          : u"failed"_s;
        entry.requestId = outcome.error ? outcome.error->requestId : outcome.requestId;
        if (!m_activityLog->record(entry))
            m_logError = m_activityLog->lastError();
    };
    for (int i = 0; i < d.templateOutcomes.size(); ++i) {
        const CopyOutcome& o = d.templateOutcomes.at(i);
        if (o.created || (o.error && o.action == CopyPlanItem::Action::Create))
            record(u"CreateRepositoryCreationTemplate"_s, o);
        else if (o.updated || o.error)
            record(u"UpdateRepositoryCreationTemplate"_s, o);
    }
    for (int i = 0; i < d.ruleOutcomes.size(); ++i) {
        const CopyOutcome& o = d.ruleOutcomes.at(i);
        if (!o.changed() && !o.error)
            continue;
        const bool replaced = i < d.rules.size() && d.rules.at(i).replaces();
        if (o.created || o.action == CopyPlanItem::Action::Create)
            record(u"CreatePullThroughCacheRule"_s, o);
        else if (replaced) {
            record(u"DeletePullThroughCacheRule"_s, o);
            record(u"CreatePullThroughCacheRule"_s, o);
        } else
            record(u"UpdatePullThroughCacheRule"_s, o);
    }
}

} // namespace ecr
