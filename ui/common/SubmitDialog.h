#pragma once

#include "AwsError.h"
#include "ErrorPresenter.h"

#include <QDialog>
#include <QList>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace ecr {

class FormValidation;
class MessageBar;

// A dialog that hands what the user entered to its caller and waits: the submit button is
// enabled while the input can be submitted; submitting shows the busy state (the content
// disabled, a busy line, no second submit); closing while busy emits cancelRequested() before
// the dialog rejects; the caller answers with succeed() (the dialog accepts) or fail(error) (the
// dialog stays open with everything the user typed and shows the error under its field, or at
// the top when it belongs to no field). RuleFormDialog, UpdateCredentialsDialog and
// ProfileEditDialog are this dialog with their own content.
class SubmitDialog : public QDialog
{
    Q_OBJECT

public:
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    void reject() override;

public Q_SLOTS:
    void succeed();
    void fail(const ecr::AwsError& error);

Q_SIGNALS:
    void cancelRequested();
    // The user submitted valid input: the dialog is busy until succeed() or fail().
    void submitted();

protected:
    explicit SubmitDialog(QWidget* parent = nullptr);

    // After setupUi(): adds the submit button to `buttons` and wires the standard parts. The
    // form's validation decides when Submit is enabled, shows every message when an invalid
    // form is submitted, and takes the errors that are about its fields; `operationName` is
    // the subject of error sentences, tr("Creating the rule").
    void initSubmit(QDialogButtonBox* buttons, const QString& submitText,
        const QString& submitObjectName, QLabel* busyLabel, MessageBar* messageBar,
        QList<QWidget*> content, FormValidation* validation, const QString& operationName);
    // An extra condition for Submit besides a valid form (an edit must change something).
    void setSubmitCondition(std::function<bool()> condition);
    QPushButton* submitButton() const { return m_submitButton; }
    // Call when what the submit condition depends on changed.
    void updateSubmitButton();

private:
    void submit();

    bool canSubmit() const;

    QPushButton* m_submitButton = nullptr;
    QLabel* m_busyLabel = nullptr;
    MessageBar* m_messageBar = nullptr;
    QList<QWidget*> m_content;
    FormValidation* m_validation = nullptr;
    QString m_operationName;
    std::function<bool()> m_condition;
    bool m_busy = false;
};

} // namespace ecr
