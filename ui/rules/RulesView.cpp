#include "RulesView.h"

#include "AppSettings.h"
#include "ErrorPresenter.h"
#include "RegistryChecks.h"
#include "RuleDetailsPane.h"
#include "RulesController.h"
#include "RulesFilterProxyModel.h"
#include "RulesTableModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

QLabel* plainLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

RulesView::RulesView(RulesTableModel& model, AppSettings& settings, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_settings(settings)
    , m_proxy(new RulesFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_countLabel(plainLabel(u"ruleCountLabel"_s, this))
    , m_refreshedLabel(plainLabel(u"lastRefreshedLabel"_s, this))
    , m_tableStack(new QStackedWidget(this))
    , m_table(new QTableView(m_tableStack))
    , m_stateTitle(plainLabel(u"stateTitleLabel"_s, this))
    , m_stateText(plainLabel(u"stateTextLabel"_s, this))
    , m_stateButton(new QPushButton(this))
    , m_details(new RuleDetailsPane(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* filterRow = new QHBoxLayout;
    auto* filterLabel = new QLabel(tr("&Filter:"), this);
    filterLabel->setBuddy(m_filter);
    m_filter->setObjectName(u"filterLineEdit"_s);
    m_filter->setPlaceholderText(tr("Prefix, upstream, URL or secret (Down: to the table)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &RulesFilterProxyModel::setFilterText);
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_countLabel);
    filterRow->addSpacing(12);
    filterRow->addWidget(m_refreshedLabel);
    layout->addLayout(filterRow);

    // The state panel: what the table would show if it could.
    auto* statePage = new QWidget(m_tableStack);
    statePage->setObjectName(u"statePage"_s);
    auto* stateLayout = new QVBoxLayout(statePage);
    stateLayout->addStretch(1);
    QFont font = m_stateTitle->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    m_stateTitle->setFont(font);
    for (QLabel* label : {m_stateTitle, m_stateText}) {
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        stateLayout->addWidget(label);
    }
    m_stateButton->setObjectName(u"stateButton"_s);
    auto* buttonRow = new QHBoxLayout;
    buttonRow->addStretch(1);
    buttonRow->addWidget(m_stateButton);
    buttonRow->addStretch(1);
    stateLayout->addLayout(buttonRow);
    stateLayout->addStretch(2);
    m_tableStack->addWidget(m_table);
    m_tableStack->addWidget(statePage);
    connect(m_stateButton, &QPushButton::clicked, this, [this] {
        if (m_state == State::Rows)
            Q_EMIT newRuleRequested();
        else
            Q_EMIT retryRequested();
    });

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(u"rulesSplitter"_s);
    splitter->addWidget(m_tableStack);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(true);
    if (!splitter->restoreState(m_settings.rulesSplitterState()))
        splitter->setSizes({880, 380});
    connect(splitter, &QSplitter::splitterMoved, this,
        [this, splitter] { m_settings.setRulesSplitterState(splitter->saveState()); });
    layout->addWidget(splitter, 1);

    setUpTable();
    // The proxy drops its rows before the model has, so the counts follow the model too.
    for (QAbstractItemModel* model :
        {static_cast<QAbstractItemModel*>(m_proxy), static_cast<QAbstractItemModel*>(&m_model)}) {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(model, signal, this, [this] { updatePage(); });
        connect(model, &QAbstractItemModel::modelReset, this, [this] { updatePage(); });
    }
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, [this] { updatePage(); });
    updatePage();
}

RulesView::~RulesView() = default;

void RulesView::setUpTable()
{
    m_proxy->setSourceModel(&m_model);
    m_table->setObjectName(u"rulesTableView"_s);
    m_table->setModel(m_proxy);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->verticalHeader()->hide();
    m_table->sortByColumn(RulesTableModel::Prefix, Qt::AscendingOrder);

    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    if (!header->restoreState(m_settings.rulesHeaderState())) {
        // Defaults that fit 1280 px without scrolling: the columns a reader needs first.
        // (The pull reference is in the details pane and the Copy menu.)
        const std::pair<RulesTableModel::Column, int> widths[] = {{RulesTableModel::Prefix, 150},
            {RulesTableModel::Upstream, 180}, {RulesTableModel::UpstreamUrl, 180},
            {RulesTableModel::CredentialArn, 240}, {RulesTableModel::Created, 130}};
        for (const auto& [column, width] : widths)
            header->resizeSection(column, width);
        for (auto column : {RulesTableModel::UpstreamPrefix, RulesTableModel::CustomRoleArn,
                 RulesTableModel::RegistryId, RulesTableModel::Updated, RulesTableModel::PullUrl})
            header->hideSection(column);
    }
    if (const auto hidden = m_settings.rulesHiddenColumns()) {
        for (int column = 0; column < m_model.columnCount(); ++column)
            header->setSectionHidden(
                column, column != RulesTableModel::Prefix && hidden->contains(column));
    }
    const auto save = [this] {
        saveLayout();
    };
    connect(header, &QHeaderView::sectionResized, this, save);
    connect(header, &QHeaderView::sectionMoved, this, save);
    connect(header, &QHeaderView::customContextMenuRequested, this, &RulesView::showColumnMenu);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { Q_EMIT selectionChanged(); });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
        const QModelIndex source = m_proxy->mapToSource(index);
        if (source.isValid())
            Q_EMIT ruleActivated(m_model.ruleAt(source.row()));
    });
}

void RulesView::showColumnMenu(const QPoint& position)
{
    QHeaderView* header = m_table->horizontalHeader();
    auto* menu = new QMenu(this);
    menu->setObjectName(u"columnsMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (int column = 0; column < m_model.columnCount(); ++column) {
        QAction* action = menu->addAction(m_model.headerData(column, Qt::Horizontal).toString());
        action->setObjectName(u"column%1Action"_s.arg(column));
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The prefix names the rule: it cannot be hidden.
        action->setEnabled(column != RulesTableModel::Prefix);
        connect(action, &QAction::toggled, this, [this, header, column](bool shown) {
            header->setSectionHidden(column, !shown);
            saveLayout();
        });
    }
    menu->popup(header->mapToGlobal(position));
}

void RulesView::follow(RulesController& controller)
{
    RulesController* c = &controller;
    connect(c, &RulesController::connecting, this,
        [this] { setState(State::Loading, tr("Connecting…")); });
    const auto locate = [this, c] {
        m_model.setRegistryLocation(c->location());
    };
    connect(c, &RulesController::connected, this, locate);
    connect(c, &RulesController::identityKnown, this, locate);
    connect(c, &RulesController::connectFailed, this, [this](const AwsError& error) {
        if (error.kind == ErrorKind::Cancelled)
            setState(State::Cancelled,
                tr("Connecting was cancelled; nothing was loaded. Retry to connect again."));
        else
            setState(State::NotConnected, inlineErrorText(describeError(error, tr("Connecting"))));
    });
    connect(c, &RulesController::rulesCleared, this, [this] {
        m_model.setRules({});
        m_model.setTemplates(std::nullopt); // another registry's templates are not known yet
        Q_EMIT contentChanged();
    });
    connect(c, &RulesController::templatesLoaded, this,
        [this](const QList<RepositoryCreationTemplate>& templates) {
            m_model.setTemplates(templates);
        });
    connect(c, &RulesController::templatesUnavailable, this,
        [this] { m_model.setTemplates(std::nullopt); });
    connect(c, &RulesController::refreshStarted, this, [this] { setState(State::Loading); });
    connect(c, &RulesController::refreshCancelled, this, [this] { setState(State::Cancelled); });
    connect(
        c, &RulesController::rulesLoaded, this, [this](const QList<PullThroughCacheRule>& rules) {
            const auto selected = currentRule();
            m_model.setRules(rules);
            setState(State::Rows);
            setRefreshedAt(QDateTime::currentDateTime());
            if (selected)
                selectPrefix(selected->ecrRepositoryPrefix);
            Q_EMIT contentChanged();
        });
    connect(c, &RulesController::refreshFailed, this, [this](const AwsError& error) {
        setState(State::Failed, inlineErrorText(describeError(error, tr("Loading the rules"))));
    });
    connect(c, &RulesController::ruleChanged, this, [this](const PullThroughCacheRule& rule) {
        m_model.upsertRule(rule);
        setState(State::Rows);
        Q_EMIT contentChanged();
    });
    connect(c, &RulesController::ruleRemoved, this, [this](const QString& prefix) {
        m_model.removeRule(prefix);
        Q_EMIT contentChanged();
    });
}

void RulesView::saveLayout()
{
    QHeaderView* header = m_table->horizontalHeader();
    if (header->count() != m_model.columnCount())
        return; // a header between models says nothing about the reader's choice
    m_settings.setRulesHeaderState(header->saveState());
    QList<int> hidden;
    for (int column = 0; column < header->count(); ++column) {
        if (header->isSectionHidden(column))
            hidden.append(column);
    }
    m_settings.setRulesHiddenColumns(hidden);
}

std::optional<PullThroughCacheRule> RulesView::currentRule() const
{
    const QList<PullThroughCacheRule> rules = selectedRules();
    if (rules.size() != 1)
        return std::nullopt;
    return rules.first();
}

QList<PullThroughCacheRule> RulesView::selectedRules() const
{
    QList<PullThroughCacheRule> rules;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows()) {
        const QModelIndex source = m_proxy->mapToSource(index);
        if (source.isValid() && source.row() < m_model.rowCount())
            rules.append(m_model.ruleAt(source.row()));
    }
    std::sort(rules.begin(), rules.end(),
        [](const auto& a, const auto& b) { return a.ecrRepositoryPrefix < b.ecrRepositoryPrefix; });
    return rules;
}

void RulesView::selectPrefix(const QString& prefix)
{
    const int row = m_model.rowOfPrefix(prefix);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model.index(row, 0));
    if (!index.isValid())
        return;
    m_table->selectionModel()->select(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

void RulesView::setState(State state, const QString& detail)
{
    m_state = state;
    switch (state) {
    case State::Rows:
        m_stateTitle->setText(tr("No rules yet"));
        m_stateText->setText(tr("This registry has no pull-through cache rules in this region. "
                                "Create one to cache images from an upstream registry."));
        m_stateButton->setText(tr("&New rule…"));
        break;
    case State::NotConnected:
        m_stateTitle->setText(tr("Not connected"));
        m_stateText->setText(detail.isEmpty() ? tr("Choose a profile and a region.") : detail);
        m_stateButton->setText(tr("&Retry"));
        break;
    case State::Loading:
        m_stateTitle->setText(tr("Loading rules…"));
        m_stateText->setText(detail);
        m_stateButton->setText(QString());
        break;
    case State::Cancelled:
        m_stateTitle->setText(tr("Loading was cancelled"));
        m_stateText->setText(detail.isEmpty()
                ? tr("The list below is not the registry's: it was not loaded. Retry to load it.")
                : detail);
        m_stateButton->setText(tr("&Retry"));
        break;
    case State::Failed:
        m_stateTitle->setText(tr("The rules could not be loaded"));
        m_stateText->setText(detail);
        m_stateButton->setText(tr("&Retry"));
        break;
    }
    m_stateButton->setVisible(!m_stateButton->text().isEmpty());
    updatePage();
}

void RulesView::setRefreshedAt(const QDateTime& time)
{
    m_refreshedLabel->setText(
        tr("Last refreshed %1").arg(QLocale().toString(time.toLocalTime().time(), u"HH:mm"_s)));
    m_refreshedLabel->setToolTip(QLocale().toString(time.toLocalTime(), QLocale::LongFormat));
}

void RulesView::updateCounts()
{
    const int shown = m_proxy->rowCount();
    const int total = m_model.rowCount();
    const QString quota = tr("%1 of %2 rules").arg(total).arg(ptc::kRuleQuota);
    m_countLabel->setText(shown == total ? quota : tr("%1 shown · %2").arg(shown).arg(quota));
    m_countLabel->setToolTip(
        tr("A registry can have at most %1 pull-through cache rules per region; the quota "
           "cannot be raised.")
            .arg(ptc::kRuleQuota));
}

void RulesView::updatePage()
{
    updateCounts();
    // Rows, or an empty registry that loaded fine, show the table unless it is empty.
    const bool rows = m_state == State::Rows && m_model.rowCount() > 0;
    m_tableStack->setCurrentIndex(rows ? 0 : 1);
}

bool RulesView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape && !m_filter->text().isEmpty()) {
            m_filter->clear();
            return true;
        }
        if ((key->key() == Qt::Key_Down || key->key() == Qt::Key_Return
                || key->key() == Qt::Key_Enter)
            && m_proxy->rowCount() > 0) {
            m_table->setFocus(Qt::ShortcutFocusReason);
            if (m_table->selectionModel()->selectedRows().isEmpty())
                m_table->selectRow(0);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ecr
