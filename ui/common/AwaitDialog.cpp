#include "AwaitDialog.h"

#include <QCoroSignal>
#include <QDialog>
#include <QPointer>

namespace ecr {

namespace {

// Outlives the dialog it watches: it reports the dialog's result, or Rejected when the dialog
// is destroyed unanswered, so the awaiting coroutine always resumes.
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

QCoro::Task<int> awaitDialog(QDialog* dialog, CancelToken cancel)
{
    QPointer<QDialog> guarded(dialog);
    if (cancel && cancel->isCancelled())
        co_return int(QDialog::Rejected);
    DialogOutcome outcome(dialog);
    if (cancel)
        QObject::connect(cancel.get(), &Cancellation::cancelled, dialog, [guarded] {
            if (guarded)
                guarded->reject();
        });
    dialog->open();
    const int result = co_await qCoro(&outcome, &DialogOutcome::decided);
    co_return result;
}

} // namespace ecr

#include "AwaitDialog.moc"
