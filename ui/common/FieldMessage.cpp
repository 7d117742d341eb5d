#include "FieldMessage.h"

#include <QLabel>
#include <QPalette>

namespace ecr {

void initFieldMessageLabel(QLabel* label)
{
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = label->palette();
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    palette.setColor(
        QPalette::WindowText, dark ? QColor(0xFF, 0x7B, 0x72) : QColor(0xB3, 0x26, 0x1E));
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
