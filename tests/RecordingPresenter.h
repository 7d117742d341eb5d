#pragma once

// The presenter seam for GUI tests: records what would have been shown and answers
// confirmations at once, as a user who always gives the same answer.
#include "MessagePresenter.h"

#include <QStringList>

namespace ecr::test {

class RecordingPresenter final : public MessagePresenter
{
public:
    QCoro::Task<void> showError(QWidget*, ErrorText text) override
    {
        errors.append(text);
        co_return;
    }
    QCoro::Task<bool> confirm(QWidget*, Confirmation confirmation) override
    {
        confirmations.append(confirmation.title + u'\n' + confirmation.text);
        asked.append(confirmation);
        const bool answer = confirmAnswer;
        co_return answer;
    }
    QCoro::Task<void> showInformation(QWidget*, QString title, QString text) override
    {
        informations.append(title + u'\n' + text);
        co_return;
    }
    QList<ErrorText> errors;
    QStringList confirmations; // title and text of each
    QList<Confirmation> asked; // each confirmation in full
    QStringList informations;
    bool confirmAnswer = true;
};

} // namespace ecr::test
