#include "RegistryPicker.h"

#include "Endpoint.h"

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kEveryRoleRole = Qt::UserRole + 1;
constexpr int kPartitionRole = Qt::UserRole + 2;

} // namespace

RegistryPicker::RegistryPicker(ProfileDirectory& profiles, QWidget* parent)
    : QWidget(parent)
    , m_directory(profiles)
    , m_profiles(new QListWidget(this))
    , m_regions(new QListWidget(this))
    , m_allRegions(new QCheckBox(tr("&All regions of the partition"), this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* profilesLabel = new QLabel(tr("&Profiles:"), this);
    profilesLabel->setBuddy(m_profiles);
    auto* regionsLabel = new QLabel(tr("&Regions:"), this);
    regionsLabel->setBuddy(m_regions);
    m_profiles->setAccessibleName(tr("Profiles"));
    m_regions->setAccessibleName(tr("Regions"));
    layout->addWidget(profilesLabel);
    layout->addWidget(m_profiles, 2);
    layout->addWidget(regionsLabel);
    layout->addWidget(m_allRegions);
    layout->addWidget(m_regions, 3);
    connect(m_profiles, &QListWidget::itemChanged, this, &RegistryPicker::changed);
    connect(m_regions, &QListWidget::itemChanged, this, &RegistryPicker::changed);
    connect(m_allRegions, &QCheckBox::toggled, this, [this](bool all) {
        m_regions->setEnabled(!all);
        Q_EMIT changed();
    });
    connect(&m_directory, &ProfileDirectory::profilesChanged, this, &RegistryPicker::reload);
    reload();
}

void RegistryPicker::reload()
{
    QHash<QString, bool> checked;
    for (int i = 0; i < m_profiles->count(); ++i) {
        const QListWidgetItem* item = m_profiles->item(i);
        checked.insert(item->data(kIdRole).toString()
                + (item->data(kEveryRoleRole).toBool() ? u"#every"_s : QString()),
            item->checkState() == Qt::Checked);
    }
    const QSignalBlocker blocker(m_profiles);
    m_profiles->clear();
    QStringList partitionIds;
    for (const ProfileEntry& entry : m_directory.profiles()) {
        if (!partitionIds.contains(entry.partition))
            partitionIds.append(entry.partition);
        auto add = [&](const QString& text, bool everyRole) {
            auto* item = new QListWidgetItem(text, m_profiles);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
            item->setData(kIdRole, entry.id);
            item->setData(kEveryRoleRole, everyRole);
            const QString key = entry.id + (everyRole ? u"#every"_s : QString());
            item->setCheckState(checked.value(key) ? Qt::Checked : Qt::Unchecked);
        };
        add(entry.displayName, false);
        if (entry.sso)
            add(tr("%1: every account and role it reaches").arg(entry.displayName), true);
    }
    // The regions of every partition a profile is in, each once.
    QHash<QString, bool> regionChecked;
    for (int i = 0; i < m_regions->count(); ++i)
        regionChecked.insert(m_regions->item(i)->data(kIdRole).toString(),
            m_regions->item(i)->checkState() == Qt::Checked);
    const QSignalBlocker regionBlocker(m_regions);
    m_regions->clear();
    if (partitionIds.isEmpty())
        partitionIds.append(u"aws"_s);
    for (const Partition& p : partitions()) {
        if (!partitionIds.contains(p.id))
            continue;
        for (qsizetype i = 0; i < p.regions.size(); ++i) {
            const QString& region = p.regions.at(i);
            const QString description = p.regionDescriptions.value(i);
            auto* item = new QListWidgetItem(
                description.isEmpty() ? region : tr("%1 — %2").arg(region, description), m_regions);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
            item->setData(kIdRole, region);
            item->setData(kPartitionRole, p.id);
            item->setCheckState(regionChecked.value(region) ? Qt::Checked : Qt::Unchecked);
        }
    }
    Q_EMIT changed();
}

QList<RegistryPicker::PickedProfile> RegistryPicker::profiles() const
{
    QList<PickedProfile> out;
    const QList<ProfileEntry> entries = m_directory.profiles();
    for (int i = 0; i < m_profiles->count(); ++i) {
        const QListWidgetItem* item = m_profiles->item(i);
        if (item->checkState() != Qt::Checked)
            continue;
        for (const ProfileEntry& entry : entries) {
            if (entry.id == item->data(kIdRole).toString())
                out.append({entry, item->data(kEveryRoleRole).toBool()});
        }
    }
    return out;
}

QStringList RegistryPicker::regionsFor(const ProfileEntry& entry) const
{
    QStringList out;
    for (int i = 0; i < m_regions->count(); ++i) {
        const QListWidgetItem* item = m_regions->item(i);
        if (item->data(kPartitionRole).toString() != entry.partition)
            continue;
        if (m_allRegions->isChecked() || item->checkState() == Qt::Checked)
            out.append(item->data(kIdRole).toString());
    }
    return out;
}

int RegistryPicker::registryCount() const
{
    int count = 0;
    for (const PickedProfile& p : profiles()) {
        if (!p.everyRole)
            count += int(regionsFor(p.entry).size());
    }
    return count;
}

bool RegistryPicker::hasChoice() const
{
    for (const PickedProfile& p : profiles()) {
        if (!regionsFor(p.entry).isEmpty())
            return true;
    }
    return false;
}

QCoro::Task<RegistryPicker::Targets> RegistryPicker::targets(
    CancelToken cancel, std::function<void(const QString&)> status)
{
    QPointer<RegistryPicker> self(this);
    Targets out;
    const QList<PickedProfile> picked = profiles();
    for (const PickedProfile& p : picked) {
        const QStringList regions = regionsFor(p.entry);
        if (regions.isEmpty())
            continue;
        if (!p.everyRole) {
            for (const QString& region : regions)
                out.targets.append({p.entry.id, p.entry.displayName, region, std::nullopt});
            continue;
        }
        if (status)
            status(tr("Listing the accounts and roles %1 reaches…").arg(p.entry.displayName));
        const QString id = p.entry.id;
        const Result<QList<ReachableRole>> roles = co_await m_directory.reachableRoles(id, cancel);
        if (!self || (cancel && cancel->isCancelled())) {
            out.cancelled = true;
            co_return out;
        }
        if (!roles) {
            FleetRegistry failed;
            failed.target = {p.entry.id, p.entry.displayName, regions.first(), std::nullopt};
            failed.error = roles.error();
            failed.finished = true;
            out.failures.append(failed);
            continue;
        }
        for (const ReachableRole& role : roles.value()) {
            for (const QString& region : regions)
                out.targets.append({p.entry.id, p.entry.displayName, region, role});
        }
    }
    co_return out;
}

bool RegistryPicker::setProfileChecked(const QString& profileId, bool everyRole, bool checked)
{
    for (int i = 0; i < m_profiles->count(); ++i) {
        QListWidgetItem* item = m_profiles->item(i);
        if (item->data(kIdRole).toString() == profileId
            && item->data(kEveryRoleRole).toBool() == everyRole) {
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            return true;
        }
    }
    return false;
}

bool RegistryPicker::setRegionChecked(const QString& region, bool checked)
{
    for (int i = 0; i < m_regions->count(); ++i) {
        QListWidgetItem* item = m_regions->item(i);
        if (item->data(kIdRole).toString() == region) {
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            return true;
        }
    }
    return false;
}

void RegistryPicker::setAllRegions(bool all)
{
    m_allRegions->setChecked(all);
}

void layOutPickerDialog(QDialog* dialog, RegistryPicker* picker, QLayout* underPicker, QLayout* top,
    QWidget* work, QProgressBar* progress, QLabel* status, QDialogButtonBox* buttons)
{
    auto* left = new QWidget(dialog);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(picker);
    leftLayout->addLayout(underPicker);
    auto* right = new QWidget(dialog);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(top);
    rightLayout->addWidget(work, 1);
    auto* splitter = new QSplitter(dialog);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);
    progress->setRange(0, 1);
    progress->setValue(0);
    status->setWordWrap(true);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(splitter, 1);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(progress);
    statusRow->addWidget(status, 1);
    layout->addLayout(statusRow);
    layout->addWidget(buttons);
}

} // namespace ecr
