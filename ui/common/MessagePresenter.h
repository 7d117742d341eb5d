#pragma once

#include "ErrorPresenter.h"

#include <QCoroTask>
#include <QString>

class QWidget;

namespace ecr {

// Modal messages go through this interface, so tests can answer them without a message box.
// Every call is awaitable: the box is opened with open() and the caller resumes when the user
// answers — no nested event loop. Widgets get a MessagePresenter passed in; app/ owns the
// QMessageBoxPresenter.
class MessagePresenter
{
public:
    virtual ~MessagePresenter();
    // Resumes when the user dismissed the error.
    virtual QCoro::Task<void> showError(QWidget* parent, ErrorText text) = 0;
    // True when the user chose acceptLabel; the cancelling choice is the default.
    virtual QCoro::Task<bool> confirm(
        QWidget* parent, QString title, QString text, QString acceptLabel)
        = 0;
    // A notice the user reads and closes (About, say).
    virtual QCoro::Task<void> showInformation(QWidget* parent, QString title, QString text) = 0;
};

// QMessageBox, window-modal, opened with open(). Every text is plain text: a server's message
// quoted in an error is never interpreted as markup.
class QMessageBoxPresenter final : public MessagePresenter
{
public:
    QCoro::Task<void> showError(QWidget* parent, ErrorText text) override;
    QCoro::Task<bool> confirm(
        QWidget* parent, QString title, QString text, QString acceptLabel) override;
    QCoro::Task<void> showInformation(QWidget* parent, QString title, QString text) override;
};

} // namespace ecr
