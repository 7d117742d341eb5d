#pragma once

#include "EcrTypes.h"
#include "SecretsManagerClient.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace ecr {

class CreateSecretDialog;
class MessagePresenter;
class ReplaceTokenDialog;
class RulesController;
class SecretButtons;
class SecretPickerDialog;

// What Choose… and Create Secret… beside a credential ARN do: list the registry's
// ecr-pullthroughcache/ secrets to pick from, or create one (CreateSecretDialog), through the
// controller's session, and put the chosen or created ARN into the field.
class SecretActions final : public QObject
{
    Q_OBJECT

public:
    SecretActions(RulesController& controller, MessagePresenter& presenter,
        std::function<QList<PullThroughCacheRule>()> rules, QObject* parent = nullptr);

    // `suggestedName`: a first secret name after the prefix (the registry's default prefix).
    void attach(
        SecretButtons* buttons, QWidget* dialogParent, std::function<QString()> suggestedName);
    // Create Secret… for `buttons`' field, over `parent` (a pre-flight check's fix); `name` is
    // the part after ecr-pullthroughcache/.
    void createFor(SecretButtons* buttons, QWidget* parent, const QString& name);

Q_SIGNALS:
    void notice(const QString& text);

private:
    QCoro::Task<void> choose(QPointer<SecretButtons> buttons, QPointer<QWidget> parent);
    void openCreate(QPointer<SecretButtons> buttons, QWidget* parent, const QString& name);
    QCoro::Task<void> create(QPointer<CreateSecretDialog> dialog, QPointer<SecretButtons> buttons,
        CreateSecretRequest request);
    QString where() const;
    void openReplace(const QString& arn, const QString& name, QWidget* parent);
    QCoro::Task<void> replace(
        QPointer<ReplaceTokenDialog> dialog, QString arn, UpstreamCredentials credentials);

    RulesController& m_controller;
    MessagePresenter& m_presenter;
    std::function<QList<PullThroughCacheRule>()> m_rules;
};

} // namespace ecr
