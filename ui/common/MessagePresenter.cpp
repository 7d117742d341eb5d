#include "MessagePresenter.h"

#include "AwaitDialog.h"
#include "ConfirmDialog.h"

#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// A box that shows every part as plain text, deleted once answered.
QMessageBox* plainBox(QMessageBox::Icon icon, const QString& title, const QString& text,
    const QString& informative, QWidget* parent)
{
    auto* box = new QMessageBox(icon, title, text, QMessageBox::NoButton, parent);
    box->setTextFormat(Qt::PlainText);
    if (!informative.isEmpty()) {
        box->setInformativeText(informative);
        // QMessageBox guesses the informative label's format; it must never guess rich text.
        if (auto* label = box->findChild<QLabel*>(u"qt_msgbox_informativelabel"_s))
            label->setTextFormat(Qt::PlainText);
    }
    return box;
}

} // namespace

MessagePresenter::~MessagePresenter() = default;

QCoro::Task<void> QMessageBoxPresenter::showError(QWidget* parent, ErrorText text)
{
    QPointer<QMessageBox> box
        = plainBox(QMessageBox::Warning, text.title, text.what, text.action, parent);
    box->setStandardButtons(QMessageBox::Ok);
    box->setDetailedText(text.details);
    co_await awaitDialog(box);
    if (box)
        box->deleteLater();
}

QCoro::Task<bool> QMessageBoxPresenter::confirm(QWidget* parent, Confirmation confirmation)
{
    QPointer<ConfirmDialog> dialog = new ConfirmDialog(confirmation, parent);
    const int result = co_await awaitDialog(dialog);
    if (dialog)
        dialog->deleteLater();
    co_return result == QDialog::Accepted;
}

QCoro::Task<void> QMessageBoxPresenter::showInformation(
    QWidget* parent, QString title, QString text)
{
    QPointer<QMessageBox> box = plainBox(QMessageBox::Information, title, text, {}, parent);
    box->setStandardButtons(QMessageBox::Ok);
    co_await awaitDialog(box);
    if (box)
        box->deleteLater();
}

} // namespace ecr
