#pragma once

#include "RepositoryTemplate.h"
#include "SubmitDialog.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace ecr {

class FormValidation;
class MessageBar;

// Creates or edits a repository creation template with every field the model has, checked as
// the user types (validateTemplate) with the pitfalls shown as warnings: prefix (fixed when
// editing), description, what it applies to, encryption and KMS key, tag mutability and its
// exclusion filters, resource tags (key=value per line), the repository and lifecycle policies
// as JSON (with lifecycle presets), and the custom role.
class TemplateEditDialog final : public SubmitDialog
{
    Q_OBJECT

public:
    explicit TemplateEditDialog(QWidget* parent = nullptr);
    ~TemplateEditDialog() override;

    // An existing template to edit (its prefix cannot change), or a first draft to create.
    void setTemplate(const RepositoryCreationTemplate& t, bool editing);
    void setAccountId(const QString& accountId);
    RepositoryCreationTemplate currentTemplate() const;
    bool isEditing() const { return m_editing; }

Q_SIGNALS:
    void saveRequested(const ecr::RepositoryCreationTemplate& t);

private:
    void refresh(bool byUser = true);
    QLineEdit* addLine(
        TemplateField field, const QString& title, const QString& name, const QString& placeholder);
    QWidget* addRow(
        TemplateField field, const QString& title, QWidget* editor, const QString& name);

    FormValidation* m_validation;
    QFormLayout* m_form = nullptr;
    QWidget* m_fields = nullptr;
    QLineEdit* m_prefix = nullptr;
    QLineEdit* m_description = nullptr;
    QCheckBox* m_forPtc = nullptr;
    QCheckBox* m_forReplication = nullptr;
    QCheckBox* m_forPush = nullptr;
    QComboBox* m_encryption = nullptr;
    QLineEdit* m_kmsKey = nullptr;
    QComboBox* m_mutability = nullptr;
    QLineEdit* m_filters = nullptr;
    QPlainTextEdit* m_tags = nullptr;
    QPlainTextEdit* m_repositoryPolicy = nullptr;
    QComboBox* m_presets = nullptr;
    QPlainTextEdit* m_lifecyclePolicy = nullptr;
    QLineEdit* m_role = nullptr;
    QLabel* m_warnings = nullptr;
    MessageBar* m_messageBar = nullptr;
    QString m_accountId;
    bool m_editing = false;
    bool m_filling = true; // setTemplate() at work: not the user's changes
};

} // namespace ecr
