#pragma once

#include "AwsError.h"
#include "EcrTypes.h"
#include "PullCommand.h"
#include "RepositoryTemplate.h"

#include <QColor>
#include <QCoroTask>
#include <QObject>
#include <QPointer>

#include <optional>

class QWidget;

namespace ecr {

class PreflightDialog;
struct PreflightFinding;
class SecretActions;
class SecretButtons;

class MessagePresenter;
class RuleFormDialog;
class RulesController;
class RulesView;
class UpdateCredentialsDialog;

// What the user can do to a rule, with its dialogs and confirmations: create (the form), edit
// credentials, verify authentication, delete (after a confirmation), copy the pull reference.
// It runs the operations through the controller, answers the dialogs, and tells the window what
// to show: a brief notice, an inline message, a rule to select.
class RuleActions final : public QObject
{
    Q_OBJECT

public:
    RuleActions(RulesController& controller, MessagePresenter& presenter, QWidget* window);

    // The form checks as the user types against the registry and its existing rules.
    void newRule(const RegistryLocation& location, const QList<PullThroughCacheRule>& existing);
    void editCredentials(const PullThroughCacheRule& rule, const RegistryLocation& location,
        QWidget* parent = nullptr);
    QCoro::Task<void> verify(QString prefix);
    // One confirmation for all of them (naming profile, account, region and every prefix), then
    // one Delete each; the outcome is reported per rule.
    QCoro::Task<void> remove(QStringList prefixes);
    void copyPullReference(const PullThroughCacheRule& rule, const RegistryLocation& location);

    // The Copy menu: each puts text on the clipboard that pastes into a shell as it is.
    void copyRepositoryUri(const PullThroughCacheRule& rule, const RegistryLocation& location);
    // Asks for an upstream image ("nginx:1.27", "library/alpine:3.20") and copies its
    // `docker pull` through the rule (Docker Hub's library/ rule applied).
    QCoro::Task<void> copyDockerPull(PullThroughCacheRule rule, RegistryLocation location);
    void copyRuleJson(const PullThroughCacheRule& rule);
    void copyCredentialArn(const PullThroughCacheRule& rule);

    // The same on what a rules view has selected, for the window's menus, toolbar and keys.
    void attach(RulesView& view);
    void newRuleInView();
    void editSelected();
    void verifySelected();
    void deleteSelected();
    void copySelectedRepositoryUri();
    void copySelectedPullReference();
    void copySelectedDockerPull();
    void copySelectedRuleJson();
    void copySelectedCredentialArn();
    void openTemplates(); // the registry's repository creation templates
    // What the templates dialog's Copy to… opens (the window's copy dialog); unset: no button.
    void setTemplateCopier(
        std::function<void(const RepositoryCreationTemplate&, QWidget* parent)> copier)
    {
        m_templateCopier = std::move(copier);
    }
    // Export as code: the selected rules and the templates their repositories get.
    void exportSelected();
    // The template a rule's repositories get, in its editor (a new one for the prefix if none
    // applies): where a lifecycle policy goes.
    void openTemplateFor(const QString& rulePrefix);
    void checkSelected(); // the pre-flight check of the selected rule
    // `formSecret`: the New Rule form's secret buttons, where a created secret goes.
    void openCheck(const CreateRuleRequest& rule, bool exists, QWidget* parent,
        SecretButtons* formSecret = nullptr);
    void fixFinding(
        const PreflightFinding& finding, PreflightDialog* check, SecretButtons* formSecret);

    // The profile's marker for destructive confirmations (empty text: none).
    void setMarker(const QString& text, const QColor& background, const QColor& foreground);

Q_SIGNALS:
    void notice(const QString& text); // brief, for the status bar
    void information(const QString& text); // stays until dismissed or replaced
    void ruleCreated(const QString& prefix);

private:
    QCoro::Task<void> create(QPointer<RuleFormDialog> dialog, CreateRuleRequest request);
    QCoro::Task<void> update(QPointer<UpdateCredentialsDialog> dialog, UpdateRuleRequest request);
    void showError(const AwsError& error, const QString& operation);

    void copy(const QString& text, const QString& what);

    std::optional<PullThroughCacheRule> selected() const;

    RulesController& m_controller;
    RulesView* m_view = nullptr;
    MessagePresenter& m_presenter;
    QWidget* m_window;
    SecretActions* m_secrets; // Choose… and Create Secret… of the rule dialogs
    QString m_markerText;
    QColor m_markerBackground;
    QColor m_markerForeground;
    std::function<void(const RepositoryCreationTemplate&, QWidget*)> m_templateCopier;
};

} // namespace ecr
