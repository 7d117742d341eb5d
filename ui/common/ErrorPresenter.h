#pragma once

#include "AwsError.h"
#include "PtcValidation.h"

#include <QList>
#include <QString>

#include <optional>

// The one place that turns an AwsError into words for the user: what happened, what to do, and
// the facts for a bug report. Dialogs and the message bar show these texts; nothing else
// composes error messages.
namespace ecr {

struct ErrorText
{
    QString title; // a short headline
    QString what; // one sentence: what happened
    QString action; // one sentence: what to do
    QString details; // code, HTTP status, request id, attempts, service message (those present)
};

// operationName is what the user asked for, as the subject of a sentence: tr("Creating the
// rule"). Every modelled ECR error code, the AWS authentication errors, every ErrorKind and the
// keychain codes ("KeychainLocked", "KeychainAccessDenied", "KeychainUnavailable",
// "KeychainEntryMissing", kind Credentials) have their own text.
// `changes`: whether the operation changes something (its advice after a lost answer is to look
// whether the change was applied); a read-only one (a test, a list) is simply tried again.
ErrorText describeError(const AwsError& error, const QString& operationName, bool changes = true);

// The form fields an error is about, for showing it under the field instead of in a message box:
// AlreadyExists → prefix; the secret errors → credential ARN; UnsupportedUpstreamRegistry →
// credential ARN when it is about authentication, else the URL; Validation and InvalidParameter →
// the members their message names; InvalidInput → the member in its code. Empty: no field.
QList<ptc::Field> fieldsForError(const AwsError& error);

// The text for a field's own message line: what happened and what to do.
QString fieldErrorText(const ErrorText& text);
// The text for an inline message bar: "Title: what happened what to do".
QString inlineErrorText(const ErrorText& text);

// A ValidatePullThroughCacheRule answer with isValid false: ECR reached the upstream, but could
// not sign in with the rule's secret.
ErrorText describeValidationFailure(
    const QString& prefix, const QString& failure, const QString& requestId);
// Several rules deleted at once, some not: one line per rule, and what to do.
struct DeleteOutcome
{
    QString prefix;
    std::optional<AwsError> error; // nullopt: deleted
};
ErrorText describeDeleteOutcomes(const QList<DeleteOutcome>& outcomes, qsizetype asked);

// The Local sandbox could not start (its port could not be bound, say).
ErrorText describeSandboxStartFailure(const QString& detail);

} // namespace ecr
