#pragma once

#include "AwsError.h"
#include "Cancellation.h"

#include <QCoroTask>
#include <QString>

#include <optional>

namespace ecr {

// Asks the user for the current code of an MFA device. The UI implements it with a dialog,
// tests with a fake. nullopt means the user cancelled — or `cancel` fired, which closes the
// prompt.
class MfaPrompter
{
public:
    virtual ~MfaPrompter();
    virtual QCoro::Task<std::optional<QString>> askCode(
        QString profileName, QString mfaSerial, CancelToken cancel)
        = 0;
};

// An MFA code as STS takes it: six digits.
bool isValidMfaCode(const QString& code);

// Asks `prompter` (may be null: then an error says that no prompt is available) for the code of
// `serial` and checks it: the trimmed code, or MfaCancelled (Cancelled), InvalidMfaCode.
QCoro::Task<Result<QString>> askMfaCode(
    MfaPrompter* prompter, QString profileName, QString serial, CancelToken cancel);

} // namespace ecr
