#pragma once

#include "ErrorPresenter.h"

#include <QString>

class QWidget;

namespace ecr {

// Modal messages go through this interface, so tests can answer them without a message box.
// Widgets get a MessagePresenter passed in; app/ owns the QMessageBoxPresenter.
class MessagePresenter
{
public:
    virtual ~MessagePresenter();
    virtual void showError(QWidget* parent, const ErrorText& text) = 0;
    // True when the user chose acceptLabel; the cancelling choice is the default.
    virtual bool confirm(
        QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel)
        = 0;
};

class QMessageBoxPresenter final : public MessagePresenter
{
public:
    void showError(QWidget* parent, const ErrorText& text) override;
    bool confirm(QWidget* parent, const QString& title, const QString& text,
        const QString& acceptLabel) override;
};

} // namespace ecr
