#pragma once

#include "AwsError.h"
#include "PtcValidation.h"

#include <QJsonObject>
#include <QLatin1StringView>
#include <QStringList>

#include <optional>

// Checks a request body's members the way the service does, with its wording:
// a member of the wrong JSON type is a SerializationException, a missing required member an
// InvalidParameterException ("Invalid parameter at 'm' failed to satisfy constraint: 'must not be
// null'"), and every broken model constraint one entry of a ValidationException ("2 validation
// errors detected: Value 'x' at 'm' failed to satisfy constraint: Member must …; …").
// The constraints themselves come from ecr::ptc (core/PtcValidation.h).
namespace ecr::sandbox {

class SandboxValidator final
{
public:
    explicit SandboxValidator(const QJsonObject& body);

    void string(QLatin1StringView member, ptc::Field field, bool required = false);
    void string(QLatin1StringView member); // a string without constraints (nextToken)
    // A list of repository prefixes (1..100 items), e.g. ecrRepositoryPrefixes.
    void prefixList(QLatin1StringView member, int minItems, int maxItems);
    void integer(QLatin1StringView member, int minimum, int maximum);

    // The first serialization error, else the first missing member, else all violations.
    std::optional<AwsError> error() const;

    // The service's text for one broken constraint of a string value, if any.
    static std::optional<QString> violation(
        ptc::Field field, const QString& value, const QString& memberPath);

private:
    void serializationError(QLatin1StringView member, QLatin1StringView expected);

    QJsonObject m_body;
    std::optional<AwsError> m_serialization;
    std::optional<AwsError> m_missing;
    QStringList m_violations;
};

} // namespace ecr::sandbox
