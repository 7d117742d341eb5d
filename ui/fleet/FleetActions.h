#pragma once

#include "Clock.h"
#include "EcrTypes.h"
#include "ProfileDirectory.h"
#include "RepositoryTemplate.h"

#include <QObject>

class QWidget;

namespace ecr {

class RulesController;

// What the window's fleet actions open: the fleet view (starting from the window's profile and
// region), and the copy dialog for selected rules (with the templates their repositories get)
// or one template. Every copy is written to the controller's activity log.
class FleetActions final : public QObject
{
    Q_OBJECT

public:
    FleetActions(ProfileDirectory& profiles, RulesController& controller, QWidget* window);

    void openFleet();
    void copyRules(const QList<PullThroughCacheRule>& rules);
    void copyTemplate(const RepositoryCreationTemplate& t, QWidget* parent);

private:
    QString registryLabel() const; // "123456789012 · us-east-1": where the window is

    ProfileDirectory& m_profiles;
    RulesController& m_controller;
    QWidget* m_window;
    SystemClock m_clock; // for the fleet's own sessions
};

} // namespace ecr
