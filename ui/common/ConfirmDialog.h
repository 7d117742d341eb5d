#pragma once

#include "MessagePresenter.h"

#include <QDialog>

class QPushButton;

namespace ecr {

// The box for a decision (MessagePresenter::confirm): the profile's coloured band, the title,
// the text, whom it touches and the items affected, all plain text; the cancelling button is
// the default, so Enter never deletes.
class ConfirmDialog final : public QDialog
{
    Q_OBJECT

public:
    ConfirmDialog(const Confirmation& confirmation, QWidget* parent = nullptr);

    QPushButton* acceptButton() const { return m_accept; }
    QPushButton* cancelButton() const { return m_cancel; }

private:
    QPushButton* m_accept;
    QPushButton* m_cancel;
};

} // namespace ecr
