#include "FieldMessage.h"

#include "Appearance.h"

#include <QLabel>
#include <QPalette>

namespace ecr {

void initFieldMessageLabel(QLabel* label)
{
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, errorTextColor(palette));
    label->setPalette(palette);
    label->clear();
    label->hide();
}

void setFieldMessage(QLabel* label, QWidget* field, const QString& message)
{
    if (label->text() != message)
        label->setText(message);
    label->setVisible(!message.isEmpty());
    if (field)
        field->setAccessibleDescription(message);
}

QString plainToolTip(const QString& text)
{
    if (text.isEmpty())
        return text;
    return QStringLiteral("<p style='white-space:pre-wrap'>") + text.toHtmlEscaped()
        + QStringLiteral("</p>");
}

} // namespace ecr
