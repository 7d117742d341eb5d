#include "FormValidation.h"

#include "FieldMessage.h"

#include <QLabel>
#include <QLineEdit>

#include <algorithm>

namespace ecr {

FormValidation::FormValidation(QObject* parent)
    : QObject(parent)
{ }

void FormValidation::addField(int id, Field field)
{
    if (!m_fields.contains(id))
        m_order.insert(std::lower_bound(m_order.begin(), m_order.end(), id), id);
    initFieldMessageLabel(field.messageLabel);
    m_fields.insert(id, std::move(field));
}

void FormValidation::addFields(const QList<Plain>& fields, const std::function<bool()>& shown)
{
    for (const Plain& plain : fields) {
        Field field;
        field.editor = plain.editor;
        field.messageLabel = plain.messageLabel;
        field.shown = shown;
        addField(plain.id, field);
        if (auto* edit = qobject_cast<QLineEdit*>(plain.editor))
            connect(edit, &QLineEdit::textEdited, this, [this, id = plain.id] { markTouched(id); });
    }
}

void FormValidation::watch(int id, QLineEdit* edit, std::function<void()> changed)
{
    connect(edit, &QLineEdit::textEdited, this, [this, id] { markTouched(id); });
    connect(edit, &QLineEdit::textChanged, this, [this, id, changed] {
        m_serverErrors.remove(id);
        if (changed)
            changed();
        else
            refresh();
    });
}

void FormValidation::markTouched(int id)
{
    m_touched.insert(id);
    refresh();
}

void FormValidation::markAllTouched()
{
    m_allTouched = true;
    refresh();
}

bool FormValidation::isTouched(int id) const
{
    return m_allTouched || m_touched.contains(id);
}

void FormValidation::resetTouched()
{
    m_touched.clear();
    m_allTouched = false;
    refresh();
}

void FormValidation::setServerError(int id, const QString& message)
{
    m_serverErrors.insert(id, message);
    refresh();
}

void FormValidation::clearServerError(int id)
{
    if (m_serverErrors.remove(id) > 0)
        refresh();
}

void FormValidation::clearServerErrors()
{
    if (m_serverErrors.isEmpty())
        return;
    m_serverErrors.clear();
    refresh();
}

bool FormValidation::isShown(int id) const
{
    const auto it = m_fields.constFind(id);
    return it != m_fields.cend() && (!it->shown || it->shown());
}

void FormValidation::show(const QMap<int, QString>& messages, const QSet<int>& eager)
{
    m_messages = messages;
    m_eager = eager;
    bool valid = true;
    for (const int id : std::as_const(m_order)) {
        const Field& field = m_fields[id];
        const bool shown = isShown(id);
        const QString found = messages.value(id);
        if (shown && !found.isEmpty())
            valid = false;
        QString text;
        if (shown) {
            bool hasValue = false;
            if (field.hasValue)
                hasValue = field.hasValue();
            else if (const auto* edit = qobject_cast<const QLineEdit*>(field.editor))
                hasValue = !edit->text().isEmpty();
            if (m_serverErrors.contains(id))
                text = m_serverErrors.value(id);
            else if (isTouched(id) || hasValue || eager.contains(id))
                text = found;
        }
        setFieldMessage(field.messageLabel, field.editor, text);
    }
    if (valid != m_valid || !m_shownOnce) {
        const bool changed = valid != m_valid;
        m_valid = valid;
        m_shownOnce = true;
        if (changed)
            Q_EMIT validityChanged(valid);
    }
}

bool FormValidation::focusFirstMessage(const QList<int>& among)
{
    for (const int id : std::as_const(m_order)) {
        if (!among.isEmpty() && !among.contains(id))
            continue;
        const Field& field = m_fields[id];
        QWidget* owner = field.messageLabel->parentWidget();
        if (!field.messageLabel->isVisibleTo(owner ? owner->window() : field.messageLabel))
            continue;
        QWidget* target = field.focusTarget ? field.focusTarget() : field.editor;
        if (target)
            target->setFocus(Qt::OtherFocusReason);
        return true;
    }
    return false;
}

void FormValidation::setErrorFields(std::function<QList<int>(const AwsError&)> fieldsFor)
{
    m_errorFields = std::move(fieldsFor);
}

bool FormValidation::showServerError(const AwsError& error, const QString& text)
{
    if (!m_errorFields)
        return false;
    QList<int> blamed;
    for (const int id : m_errorFields(error)) {
        if (!isShown(id))
            continue;
        m_serverErrors.insert(id, text);
        blamed.append(id);
    }
    if (blamed.isEmpty())
        return false;
    refresh();
    // The field the server blamed, even when an earlier one has a message of its own.
    focusFirstMessage(blamed);
    return true;
}

} // namespace ecr
