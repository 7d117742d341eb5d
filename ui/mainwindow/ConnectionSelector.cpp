#include "ConnectionSelector.h"

#include "ElidedLabel.h"
#include "Endpoint.h"
#include "ErrorPresenter.h"
#include "RulesController.h"

#include <QComboBox>
#include <QLabel>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace ecr {

ConnectionSelector::ConnectionSelector(AppSettings& settings, QToolBar* toolBar, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_profileCombo(new QComboBox(toolBar))
    , m_regionCombo(new QComboBox(toolBar))
    , m_identity(new ElidedLabel(toolBar))
{
    auto* profileLabel = new QLabel(tr("&Profile:"), toolBar);
    m_profileCombo->setObjectName(u"profileComboBox"_s);
    m_profileCombo->setMinimumContentsLength(16);
    m_profileCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    profileLabel->setBuddy(m_profileCombo);
    auto* regionLabel = new QLabel(tr("Re&gion:"), toolBar);
    m_regionCombo->setObjectName(u"regionComboBox"_s);
    // Narrow enough that the selectors stay on screen at 800 px; the list shows the names.
    m_regionCombo->setMinimumContentsLength(18);
    m_regionCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_identity->setObjectName(u"identityLabel"_s);
    m_identity->setContentsMargins(8, 0, 8, 0);
    regionLabel->setBuddy(m_regionCombo);
    toolBar->addWidget(profileLabel);
    toolBar->addWidget(m_profileCombo);
    toolBar->addSeparator();
    toolBar->addWidget(regionLabel);
    toolBar->addWidget(m_regionCombo);
    toolBar->addSeparator();
    toolBar->addWidget(m_identity);

    connect(m_profileCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filling)
            return;
        const QString id = profileId();
        fillRegions(id, m_settings.regionForProfile(id));
        Q_EMIT selectionChanged(id, region());
    });
    connect(m_regionCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filling)
            return;
        m_settings.setRegionForProfile(profileId(), region());
        Q_EMIT selectionChanged(profileId(), region());
    });
}

void ConnectionSelector::setIdentity(
    const QString& account, const QString& principal, const QString& tooltip)
{
    const QString region = this->region();
    const QString where
        = region.isEmpty() ? QString() : tr("%1 (%2)").arg(region, partitionForRegion(region).id);
    QStringList parts;
    if (!account.isEmpty())
        parts.append(tr("Account %1").arg(account));
    if (!principal.isEmpty())
        parts.append(principal);
    if (!where.isEmpty())
        parts.append(where);
    m_identity->setFullText(parts.join(u"  ·  "_s), tooltip);
}

void ConnectionSelector::followIdentity(RulesController& controller)
{
    RulesController* c = &controller;
    connect(
        c, &RulesController::connecting, this, [this] { setIdentity({}, tr("connecting…"), {}); });
    connect(c, &RulesController::connected, this,
        [this, c] { setIdentity(c->location().accountId, tr("identity…"), {}); });
    connect(c, &RulesController::identityKnown, this, [this, c](const CallerIdentity& identity) {
        bool sandbox = false;
        for (const ProfileEntry& entry : std::as_const(m_entries))
            sandbox |= entry.id == c->profileId() && entry.kind == ProfileEntry::Kind::LocalSandbox;
        setIdentity(identity.account, sandbox ? tr("Local sandbox") : describePrincipal(identity),
            identity.arn);
    });
    connect(c, &RulesController::identityFailed, this, [this, c](const AwsError& error) {
        setIdentity(c->location().accountId, tr("identity unknown"),
            describeError(error, tr("Asking STS who this is")).what);
    });
    connect(c, &RulesController::connectFailed, this,
        [this] { setIdentity({}, tr("not connected"), {}); });
}

QString ConnectionSelector::identityText() const
{
    return m_identity->fullText();
}

QString ConnectionSelector::profileId() const
{
    return m_profileCombo->currentData().toString();
}

QString ConnectionSelector::region() const
{
    return m_regionCombo->currentData().toString();
}

bool ConnectionSelector::setProfiles(const QList<ProfileEntry>& entries, const QString& inUse)
{
    m_entries = entries;
    m_filling = true;
    m_profileCombo->clear();
    for (const ProfileEntry& entry : entries)
        m_profileCombo->addItem(entry.displayName, entry.id);
    const int index = inUse.isEmpty() ? -1 : m_profileCombo->findData(inUse);
    m_profileCombo->setCurrentIndex(index);
    m_filling = false;
    if (index < 0)
        m_regionCombo->clear();
    return index >= 0;
}

QString ConnectionSelector::fallbackProfile() const
{
    const QString last = m_settings.lastProfile();
    if (m_profileCombo->findData(last) >= 0)
        return last;
    return m_entries.isEmpty() ? QString() : m_entries.first().id;
}

bool ConnectionSelector::choose(const QString& profileId, const QString& region)
{
    const int index = m_profileCombo->findData(profileId);
    if (index < 0)
        return false;
    m_filling = true;
    m_profileCombo->setCurrentIndex(index);
    m_filling = false;
    fillRegions(profileId, region.isEmpty() ? m_settings.regionForProfile(profileId) : region);
    return true;
}

void ConnectionSelector::fillRegions(const QString& profileId, const QString& preferred)
{
    ProfileEntry entry;
    for (const ProfileEntry& e : std::as_const(m_entries)) {
        if (e.id == profileId)
            entry = e;
    }
    const Partition* partition = partitionById(entry.partition);
    if (!partition)
        partition = partitionById(u"aws"_s);
    m_filling = true;
    m_regionCombo->clear();
    for (qsizetype i = 0; i < partition->regions.size(); ++i)
        m_regionCombo->addItem(
            partition->regions[i] + u"  —  "_s + partition->regionDescriptions.value(i),
            partition->regions[i]);
    QString wanted = preferred.isEmpty() ? entry.defaultRegion : preferred;
    if (wanted.isEmpty())
        wanted = u"us-east-1"_s;
    int index = m_regionCombo->findData(wanted);
    if (index < 0) { // a region this build's partition table does not know yet
        m_regionCombo->addItem(wanted, wanted);
        index = m_regionCombo->count() - 1;
    }
    m_regionCombo->setCurrentIndex(index);
    m_filling = false;
}

} // namespace ecr
