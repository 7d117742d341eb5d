#include "WindowActions.h"

#include "ActionGate.h"
#include "AppIcon.h"
#include "ui_MainWindow.h"

using namespace Qt::StringLiterals;

namespace ecr {

void decorateActions(Ui::MainWindow& ui)
{
    const std::tuple<QAction*, const char*, const char*> icons[] = {
        {ui.newRuleAction, "list-add", "new-rule"},
        {ui.editCredentialsAction, "document-edit", "edit"},
        {ui.verifyAction, "security-high", "verify"},
        {ui.showDetailsAction, "view-list-details", "details"},
        {ui.deleteAction, "edit-delete", "delete"},
        {ui.refreshAction, "view-refresh", "refresh"},
        {ui.copyPullUrlAction, "edit-copy", "copy"},
        {ui.manageProfilesAction, "system-users", "profiles"},
        {ui.localSandboxAction, "package-x-generic", "sandbox"},
        {ui.shortcutsAction, "preferences-desktop-keyboard", "keyboard"},
        {ui.documentationAction, "help-contents", "documentation"},
    };
    for (const auto& [action, theme, fallback] : icons)
        action->setIcon(actionIcon(QString::fromLatin1(theme), QString::fromLatin1(fallback)));
    ui.copyMenu->setIcon(actionIcon(u"edit-copy"_s, u"copy"_s));
}

void gateActions(Ui::MainWindow& ui, ActionGate& gate)
{
    using N = ActionGate::Needs;
    const std::pair<QAction*, N> gates[] = {{ui.newRuleAction, N::RoomForARule},
        {ui.refreshAction, N::Profile}, {ui.templatesAction, N::Profile},
        {ui.editCredentialsAction, N::OneRuleWithCredentials}, {ui.verifyAction, N::OneRule},
        {ui.checkAction, N::OneRule}, {ui.showDetailsAction, N::OneRule},
        {ui.cachedRepositoriesAction, N::OneRule}, {ui.testPullAction, N::OneRule},
        {ui.mirrorConfigAction, N::OneRule}, {ui.copyRepositoryUriAction, N::OneRule},
        {ui.copyPullUrlAction, N::OneRule}, {ui.copyDockerPullAction, N::OneRule},
        {ui.copyRuleJsonAction, N::OneRule}, {ui.copyCredentialArnAction, N::OneRuleWithSecret},
        {ui.deleteAction, N::SomeRules}, {ui.copyToRegistriesAction, N::SomeRules}};
    for (const auto& [action, needs] : gates)
        gate.add(action, needs);
}

} // namespace ecr
