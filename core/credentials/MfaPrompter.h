#pragma once

#include <QCoroTask>
#include <QString>

#include <optional>

namespace ecr {

// Asks the user for the current code of an MFA device. The UI implements it with a dialog,
// tests with a fake. nullopt means the user cancelled.
class MfaPrompter
{
public:
    virtual ~MfaPrompter();
    virtual QCoro::Task<std::optional<QString>> askCode(QString profileName, QString mfaSerial) = 0;
};

} // namespace ecr
