#pragma once

#include <QString>

class QLabel;
class QWidget;

// A field's own message line, directly under the field: error colour, word wrap, hidden while
// empty. The text is mirrored into the field's accessible description for screen readers.
namespace ecr {

void initFieldMessageLabel(QLabel* label);
void setFieldMessage(QLabel* label, QWidget* field, const QString& message);

} // namespace ecr
