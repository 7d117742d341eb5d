#pragma once

#include "MfaPrompter.h"

#include <QPointer>
#include <QWidget>

namespace ecr {

// The app's MfaPrompter: an MfaCodeDialog over the active modal dialog (the profile manager,
// say), else over the parent widget, opened with open() and awaited through its `finished`
// signal; no nested event loop. nullopt when the user cancels or the dialog goes away unanswered.
class DialogMfaPrompter final : public MfaPrompter
{
public:
    explicit DialogMfaPrompter(QWidget* parent);

    QCoro::Task<std::optional<QString>> askCode(QString profileName, QString mfaSerial) override;

private:
    QPointer<QWidget> m_parent;
};

} // namespace ecr
