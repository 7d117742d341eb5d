#pragma once

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

} // namespace ecr
