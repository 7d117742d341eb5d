#include "MessagePresenter.h"

#include <QMessageBox>
#include <QPushButton>

namespace ecr {

MessagePresenter::~MessagePresenter() = default;

void QMessageBoxPresenter::showError(QWidget* parent, const ErrorText& text)
{
    QMessageBox box(QMessageBox::Warning, text.title, text.what, QMessageBox::Ok, parent);
    box.setInformativeText(text.action);
    box.setDetailedText(text.details);
    box.exec();
}

bool QMessageBoxPresenter::confirm(
    QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel)
{
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    QPushButton* acceptButton = box.addButton(acceptLabel, QMessageBox::AcceptRole);
    QPushButton* cancelButton = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancelButton);
    box.setEscapeButton(cancelButton);
    box.exec();
    return box.clickedButton() == acceptButton;
}

} // namespace ecr
