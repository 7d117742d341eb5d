#pragma once

#include "RepositoryTemplate.h"

#include <QCoroTask>
#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTableWidget;

namespace ecr {

class MessagePresenter;
class RulesController;
class TemplateEditDialog;

// Repository › Templates: the registry's repository creation templates (every page) with their
// prefix, what they apply to, encryption, tag mutability, tags, policies and role, and which
// rules' repositories each one shapes; New, Edit and Delete (asked first) through the controller.
class TemplatesDialog final : public QDialog
{
    Q_OBJECT

public:
    TemplatesDialog(
        RulesController& controller, MessagePresenter& presenter, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    // New…, with the prefix filled in (a rule just created).
    void newTemplate(const QString& prefix);
    // Edit…, of the template with this prefix (once the list is loaded).
    void editTemplate(const QString& prefix);

Q_SIGNALS:
    // Copy to…: the selected template, to other regions or accounts.
    void copyRequested(const RepositoryCreationTemplate& t);

private:
    void fill(const QList<RepositoryCreationTemplate>& templates);
    void updateButtons();
    std::optional<RepositoryCreationTemplate> selected() const;
    void openEditor(const RepositoryCreationTemplate& t, bool editing);
    QCoro::Task<void> save(QPointer<TemplateEditDialog> dialog, RepositoryCreationTemplate t);
    QCoro::Task<void> deleteSelected();

    RulesController& m_controller;
    MessagePresenter& m_presenter;
    QList<RepositoryCreationTemplate> m_templates;
    QString m_pendingEdit; // editTemplate() before the list was loaded
    QLabel* m_status = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_new = nullptr;
    QPushButton* m_edit = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_copy = nullptr;
};

} // namespace ecr
