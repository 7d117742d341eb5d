#pragma once

class QLineEdit;

namespace ecr {

// Makes a line edit a secret field: masked, with a trailing show/hide toggle (also Ctrl+H while
// the field has focus). What it holds is never shown unless the user asks.
void makeSecretField(QLineEdit* edit);

} // namespace ecr
