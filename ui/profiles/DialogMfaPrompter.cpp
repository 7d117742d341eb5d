#include "DialogMfaPrompter.h"

#include "MfaCodeDialog.h"

#include <QApplication>
#include <QCoroSignal>

namespace ecr {

namespace {

// Outlives the dialog it watches: it reports the dialog's result, or Rejected when the dialog
// is destroyed unanswered (its parent closed), so the awaiting coroutine always resumes.
class DialogOutcome final : public QObject
{
    Q_OBJECT

public:
    explicit DialogOutcome(QDialog* dialog)
    {
        connect(dialog, &QDialog::finished, this, &DialogOutcome::decided);
        connect(dialog, &QObject::destroyed, this, [this] { Q_EMIT decided(QDialog::Rejected); });
    }

Q_SIGNALS:
    void decided(int result);
};

} // namespace

DialogMfaPrompter::DialogMfaPrompter(QWidget* parent)
    : m_parent(parent)
{ }

QCoro::Task<std::optional<QString>> DialogMfaPrompter::askCode(
    QString profileName, QString mfaSerial)
{
    QWidget* parent = QApplication::activeModalWidget();
    if (!parent)
        parent = m_parent;
    QPointer<MfaCodeDialog> dialog = new MfaCodeDialog(parent);
    dialog->setRequest(profileName, mfaSerial);
    DialogOutcome outcome(dialog);
    dialog->open();
    const int result = co_await qCoro(&outcome, &DialogOutcome::decided);
    std::optional<QString> code;
    if (dialog) {
        if (result == QDialog::Accepted && dialog->isCodeComplete())
            code = dialog->code();
        dialog->deleteLater();
    }
    co_return code;
}

} // namespace ecr

#include "DialogMfaPrompter.moc"
