#pragma once

#include "ErrorPresenter.h"

#include <QColor>
#include <QCoroTask>
#include <QString>
#include <QStringList>

class QWidget;

namespace ecr {

// A decision the user must take before something is changed or removed. For a destructive
// action it names whom it touches: the profile's marker as a coloured band, the profile,
// account and region, and the items affected.
struct Confirmation
{
    QString title;
    QString text;
    QString acceptLabel; // "&Delete"; the cancelling choice is the default
    QString bandText; // "PRODUCTION": the profile's label; empty: no band
    QColor bandColor; // its background
    QColor bandTextColor;
    QString target; // "Profile prod-admin · account 123456789012 · eu-west-1"
    QStringList items; // the prefixes (or profiles) affected, one per line
};

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
    // True when the user chose the accept button; the cancelling choice is the default.
    virtual QCoro::Task<bool> confirm(QWidget* parent, Confirmation confirmation) = 0;
    // A notice the user reads and closes (About, say).
    virtual QCoro::Task<void> showInformation(QWidget* parent, QString title, QString text) = 0;
};

// QMessageBox (errors, information) and a ConfirmDialog (decisions), window-modal, opened with
// open(). Every text is plain text: a server's message quoted in an error is never interpreted
// as markup.
class QMessageBoxPresenter final : public MessagePresenter
{
public:
    QCoro::Task<void> showError(QWidget* parent, ErrorText text) override;
    QCoro::Task<bool> confirm(QWidget* parent, Confirmation confirmation) override;
    QCoro::Task<void> showInformation(QWidget* parent, QString title, QString text) override;
};

} // namespace ecr
