#include "MfaPrompter.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {
// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::MfaPrompter)
};
} // namespace

MfaPrompter::~MfaPrompter() = default;

bool isValidMfaCode(const QString& code)
{
    static const QRegularExpression sixDigits(u"^[0-9]{6}$"_s);
    return sixDigits.match(code).hasMatch();
}

QCoro::Task<Result<QString>> askMfaCode(
    MfaPrompter* prompter, QString profileName, QString serial, CancelToken cancel)
{
    if (!prompter)
        co_return makeError(ErrorKind::Credentials, u"MfaPromptUnavailable"_s,
            Tr::tr("Profile '%1' needs a code from MFA device %2, but no prompt is available.")
                .arg(profileName, serial),
            0);
    const std::optional<QString> code = co_await prompter->askCode(profileName, serial, cancel);
    if (!code)
        co_return makeError(
            ErrorKind::Cancelled, u"MfaCancelled"_s, Tr::tr("The MFA code was not entered."), 0);
    const QString trimmed = code->trimmed();
    if (!isValidMfaCode(trimmed))
        co_return makeError(
            ErrorKind::InvalidInput, u"InvalidMfaCode"_s, Tr::tr("An MFA code has six digits."), 0);
    co_return trimmed;
}

} // namespace ecr
