#pragma once

#include "AwsError.h"

#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>

#include <functional>

class QLabel;
class QLineEdit;
class QWidget;

namespace ecr {

// The machinery every validated form shares, in one place: each field has an editor and its own
// message line; a message shows once the user edited the field, the field holds a value, or the
// user tried to submit; an error the server reported about a field shows until that field is
// edited; hidden fields show nothing; the first field with a message can take the focus; and
// the form's validity is a signal. What is valid stays the form's business: it computes the
// messages (from the model's rules) and hands them to show().
class FormValidation final : public QObject
{
    Q_OBJECT

public:
    struct Field
    {
        QWidget* editor = nullptr; // what gets the focus and the accessible description
        QLabel* messageLabel = nullptr;
        std::function<bool()> shown; // empty: always shown
        std::function<bool()> hasValue; // empty: a QLineEdit editor's text is not empty
        std::function<QWidget*()> focusTarget; // empty: the editor
    };

    explicit FormValidation(QObject* parent = nullptr);

    // Ids are in form order (an enum of the form's fields): the first message is the first
    // field's, whatever order the fields are added in.
    void addField(int id, Field field);
    // Several plain fields at once: an editor and its message line each, shown while `shown`
    // says so (empty: always); a line edit's typing marks its field touched.
    struct Plain
    {
        int id;
        QWidget* editor;
        QLabel* messageLabel;
    };
    void addFields(const QList<Plain>& fields, const std::function<bool()>& shown = {});
    // A line edit's typing marks its field touched; any change of its text clears the field's
    // server error and calls `changed` (which recomputes the messages).
    void watch(int id, QLineEdit* edit, std::function<void()> changed);

    void markTouched(int id);
    void markAllTouched(); // the user tried to submit
    bool isTouched(int id) const;
    void resetTouched();

    void setServerError(int id, const QString& message);
    void clearServerError(int id);
    void clearServerErrors();
    bool hasServerError(int id) const { return m_serverErrors.contains(id); }

    // Shows what validation found now; emits validityChanged() when the form's validity changes
    // (valid: no message for a shown field). Server errors do not make a form invalid: the user
    // may submit again. Messages of `eager` fields show even before the user touched them:
    // what another field's value says about this one (a role that the upstream account needs).
    void show(const QMap<int, QString>& messages, const QSet<int>& eager = {});
    void refresh()
    {
        show(m_messages, m_eager);
    } // again, after touched state or visibility changed
    bool isValid() const { return m_valid; }

    bool isShown(int id) const;
    // Focuses the first field whose message line is visible (of `among`, when given); false
    // when there is none.
    bool focusFirstMessage(const QList<int>& among = {});

    // Which fields a service error is about (the form knows its own fields).
    void setErrorFields(std::function<QList<int>(const AwsError&)> fieldsFor);
    // Shows `text` under every shown field the error is about and focuses the first; false
    // when it is about none of them (the caller shows it elsewhere).
    bool showServerError(const AwsError& error, const QString& text);

Q_SIGNALS:
    void validityChanged(bool valid);

private:
    QList<int> m_order;
    QMap<int, Field> m_fields;
    QSet<int> m_touched;
    bool m_allTouched = false;
    QMap<int, QString> m_serverErrors;
    QMap<int, QString> m_messages;
    QSet<int> m_eager;
    bool m_valid = true;
    bool m_shownOnce = false;
    std::function<QList<int>(const AwsError&)> m_errorFields;
};

} // namespace ecr
