#pragma once

#include "Cancellation.h"

#include <QCoroTask>

class QDialog;

namespace ecr {

// Opens a dialog with open() (window-modal, no nested event loop) and resumes when the user
// answers, when the dialog is destroyed unanswered (its parent closed) or when `cancel` fires,
// which rejects it. Returns QDialog::Accepted, QDialog::Rejected or a button's result code.
// Every confirmation, error box and prompt of the app is awaited this way.
QCoro::Task<int> awaitDialog(QDialog* dialog, CancelToken cancel = {});

} // namespace ecr
