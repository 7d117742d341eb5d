#include "DialogMfaPrompter.h"

#include "AwaitDialog.h"
#include "MfaCodeDialog.h"

#include <QApplication>

namespace ecr {

DialogMfaPrompter::DialogMfaPrompter(QWidget* parent)
    : m_parent(parent)
{ }

QCoro::Task<std::optional<QString>> DialogMfaPrompter::askCode(
    QString profileName, QString mfaSerial, CancelToken cancel)
{
    std::optional<QString> code;
    if (cancel && cancel->isCancelled())
        co_return code;
    QWidget* parent = QApplication::activeModalWidget();
    if (!parent)
        parent = m_parent;
    QPointer<MfaCodeDialog> dialog = new MfaCodeDialog(parent);
    dialog->setRequest(profileName, mfaSerial);
    const int result = co_await awaitDialog(dialog, cancel);
    if (dialog) {
        if (result == QDialog::Accepted && dialog->isCodeComplete()
            && !(cancel && cancel->isCancelled()))
            code = dialog->code();
        dialog->deleteLater();
    }
    co_return code;
}

} // namespace ecr
