#pragma once

#include "SecretsManagerClient.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace ecr {

class CreateSecretDialog;
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
    explicit SecretActions(RulesController& controller, QObject* parent = nullptr);

    // `suggestedName`: a first secret name after the prefix (the registry's default prefix).
    void attach(
        SecretButtons* buttons, QWidget* dialogParent, std::function<QString()> suggestedName);

Q_SIGNALS:
    void notice(const QString& text);

private:
    QCoro::Task<void> choose(QPointer<SecretButtons> buttons, QPointer<QWidget> parent);
    void openCreate(QPointer<SecretButtons> buttons, QWidget* parent, const QString& name);
    QCoro::Task<void> create(QPointer<CreateSecretDialog> dialog, QPointer<SecretButtons> buttons,
        CreateSecretRequest request);
    QString where() const;

    RulesController& m_controller;
};

} // namespace ecr
