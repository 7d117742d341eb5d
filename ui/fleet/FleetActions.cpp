#include "FleetActions.h"

#include "CopyDialog.h"
#include "FleetDialog.h"
#include "RegistryPicker.h"
#include "RulesController.h"

namespace ecr {

FleetActions::FleetActions(ProfileDirectory& profiles, RulesController& controller, QWidget* window)
    : QObject(window)
    , m_profiles(profiles)
    , m_controller(controller)
    , m_window(window)
{ }

void FleetActions::openFleet()
{
    if (auto* open = m_window->findChild<FleetDialog*>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto* dialog = new FleetDialog(m_profiles, m_clock, FleetOptions{}, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setActivityLog(m_controller.activityLog());
    dialog->picker()->setProfileChecked(m_controller.profileId(), false);
    dialog->picker()->setRegionChecked(m_controller.region());
    dialog->show();
}

QString FleetActions::registryLabel() const
{
    const RegistryLocation here = m_controller.location();
    return here.accountId.isEmpty() ? here.region : tr("%1 · %2").arg(here.accountId, here.region);
}

void FleetActions::copyRules(const QList<PullThroughCacheRule>& rules)
{
    if (rules.isEmpty())
        return;
    CopySource source;
    source.rules = rules;
    source.label = registryLabel();
    if (const auto& known = m_controller.templates())
        source.templates = templatesForRules(prefixesOf(rules), *known);
    auto* dialog = new CopyDialog(m_profiles, m_clock, source, FleetOptions{}, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setActivityLog(m_controller.activityLog());
    dialog->open();
}

void FleetActions::copyTemplate(const RepositoryCreationTemplate& t, QWidget* parent)
{
    CopySource source;
    source.label = registryLabel();
    source.templates = {t};
    auto* dialog = new CopyDialog(m_profiles, m_clock, source, FleetOptions{}, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setActivityLog(m_controller.activityLog());
    dialog->open();
}

} // namespace ecr
