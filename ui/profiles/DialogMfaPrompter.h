#pragma once

#include "MfaPrompter.h"

#include <QPointer>
#include <QWidget>

namespace ecr {

// The app's MfaPrompter: an MfaCodeDialog over the active modal dialog (the profile manager,
// say), else over the parent widget, awaited with awaitDialog(): no nested event loop, and
// cancelling the request that needs the code closes the dialog. nullopt when the user cancels,
// the request is cancelled, or the dialog goes away unanswered.
class DialogMfaPrompter final : public MfaPrompter
{
public:
    explicit DialogMfaPrompter(QWidget* parent);

    QCoro::Task<std::optional<QString>> askCode(
        QString profileName, QString mfaSerial, CancelToken cancel) override;

private:
    QPointer<QWidget> m_parent;
};

} // namespace ecr
