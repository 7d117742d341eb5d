#include "RuleDetailsPane.h"

#include "RegistryIcons.h"
#include "ValueView.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

QString timeText(std::optional<EpochSeconds> seconds)
{
    if (!seconds)
        return QString();
    const QDateTime time = toDateTime(*seconds);
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) + u"  ("_s
        + time.toString(Qt::ISODate) + u')';
}

} // namespace

RuleDetailsPane::RuleDetailsPane(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_fields(new QWidget(this))
{
    setObjectName(u"ruleDetailsPane"_s);
    auto* layout = new QVBoxLayout(this);
    m_title->setObjectName(u"detailsTitleLabel"_s);
    m_title->setTextFormat(Qt::PlainText);
    QFont font = m_title->font();
    font.setBold(true);
    m_title->setFont(font);
    layout->addWidget(m_title);
    auto* form = new QFormLayout(m_fields);
    form->setContentsMargins(0, 0, 0, 0);
    const std::pair<Item, QString> rows[] = {
        {Item::Prefix, tr("Cache prefix:")},
        {Item::Upstream, tr("Upstream registry:")},
        {Item::UpstreamUrl, tr("Upstream URL:")},
        {Item::UpstreamPrefix, tr("Upstream prefix:")},
        {Item::CredentialArn, tr("Credential ARN:")},
        {Item::CustomRoleArn, tr("Custom role ARN:")},
        {Item::RegistryId, tr("Registry ID:")},
        {Item::Created, tr("Created:")},
        {Item::Updated, tr("Updated:")},
        {Item::RepositoryUri, tr("Repository URI:")},
        {Item::PullReference, tr("Pull reference:")},
    };
    for (const auto& [item, label] : rows) {
        auto* edit = new ValueView(m_fields);
        edit->setObjectName(u"details%1Edit"_s.arg(int(item)));
        edit->setAccessibleName(label);
        auto* title = new QLabel(label, m_fields);
        title->setBuddy(edit);
        form->addRow(title, edit);
        m_edits.insert(item, edit);
    }
    layout->addWidget(m_fields);
    layout->addStretch(1);
    setRule(std::nullopt, {});
}

void RuleDetailsPane::setActions(const QList<QAction*>& actions)
{
    // Two to a row, so that the pane stays narrow beside the table.
    auto* grid = new QGridLayout;
    for (qsizetype i = 0; i < actions.size(); ++i) {
        QAction* action = actions.at(i);
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        if (action->menu())
            button->setPopupMode(QToolButton::InstantPopup);
        grid->addWidget(button, int(i / 2), int(i % 2));
    }
    static_cast<QVBoxLayout*>(layout())->insertLayout(1, grid);
}

void RuleDetailsPane::setRule(
    const std::optional<PullThroughCacheRule>& rule, const RegistryLocation& location)
{
    m_fields->setVisible(rule.has_value());
    if (!rule) {
        m_title->setText(tr("No rule selected. Select a rule to see all of its settings."));
        for (ValueView* edit : std::as_const(m_edits))
            edit->setValue(QString());
        return;
    }
    m_title->setText(tr("Rule %1").arg(rule->ecrRepositoryPrefix));
    const std::optional<UpstreamRegistry> registry = rule->registry();
    const QMap<Item, QString> values{
        {Item::Prefix, rule->ecrRepositoryPrefix},
        {Item::Upstream, registry ? registryDisplayName(*registry) : rule->upstreamRegistry},
        {Item::UpstreamUrl, rule->upstreamRegistryUrl},
        {Item::UpstreamPrefix, rule->upstreamRepositoryPrefix},
        {Item::CredentialArn, rule->credentialArn},
        {Item::CustomRoleArn, rule->customRoleArn},
        {Item::RegistryId, rule->registryId},
        {Item::Created, timeText(rule->createdAt)},
        {Item::Updated, timeText(rule->updatedAt)},
        {Item::RepositoryUri, location.repositoryUri(*rule)},
        {Item::PullReference, location.pullReference(*rule)},
    };
    for (auto it = m_edits.cbegin(); it != m_edits.cend(); ++it) {
        const QString value = values.value(it.key());
        it.value()->setValue(value.isEmpty() ? tr("—") : value);
    }
}

QString RuleDetailsPane::text(Item item) const
{
    return m_edits.value(item)->value();
}

void RuleDetailsPane::focusFirstField()
{
    if (m_fields->isVisible())
        m_edits.value(Item::Prefix)->setFocus(Qt::OtherFocusReason);
}

} // namespace ecr
