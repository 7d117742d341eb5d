#pragma once

#include <QString>

class QLabel;
class QWidget;

// Plain-text helpers for labels and tooltips. A field's own message line, directly under the field:
// error colour, word wrap, hidden while empty. The text is mirrored into the field's accessible
// description for screen readers.
namespace ecr {

void initFieldMessageLabel(QLabel* label);
void setFieldMessage(QLabel* label, QWidget* field, const QString& message);

// A tooltip that shows `text` as it is: Qt guesses whether a tooltip is rich text, so text that
// may come from a server (an error's details, a rule's fields) is escaped first.
QString plainToolTip(const QString& text);

} // namespace ecr
