#include "SandboxValidator.h"

#include "SandboxHttp.h"

#include <QJsonArray>

#include <cmath>

namespace ecr::sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr int kBadRequest = 400;

QString failed(const QString& value, const QString& memberPath, const QString& constraint)
{
    return u"Value '%1' at '%2' failed to satisfy constraint: %3"_s.arg(
        value, memberPath, constraint);
}

} // namespace

SandboxValidator::SandboxValidator(const QJsonObject& body)
    : m_body(body)
{ }

std::optional<QString> SandboxValidator::violation(
    ptc::Field field, const QString& value, const QString& memberPath)
{
    if (!ptc::checkField(field, value))
        return std::nullopt;
    const ptc::FieldConstraint& c = ptc::constraintFor(field);
    if (c.minLength > 0 && value.size() < c.minLength)
        return failed(value, memberPath,
            u"Member must have length greater than or equal to %1"_s.arg(c.minLength));
    if (c.maxLength > 0 && value.size() > c.maxLength)
        return failed(value, memberPath,
            u"Member must have length less than or equal to %1"_s.arg(c.maxLength));
    return failed(
        value, memberPath, u"Member must satisfy regular expression pattern: "_s + c.pattern);
}

void SandboxValidator::serializationError(QLatin1StringView member, QLatin1StringView expected)
{
    if (!m_serialization)
        m_serialization = serviceError(kBadRequest, u"SerializationException"_s,
            u"Unexpected value for '%1': expected %2"_s.arg(member, expected));
}

void SandboxValidator::string(QLatin1StringView member, ptc::Field field, bool required)
{
    const QJsonValue value = m_body.value(member);
    if (value.isUndefined() || value.isNull()) {
        if (required && !m_missing)
            m_missing = serviceError(kBadRequest, u"InvalidParameterException"_s,
                u"Invalid parameter at '%1' failed to satisfy constraint: 'must not be null'"_s.arg(
                    member));
        return;
    }
    if (!value.isString()) {
        serializationError(member, "a string"_L1);
        return;
    }
    if (auto text = violation(field, value.toString(), member))
        m_violations.append(*text);
}

void SandboxValidator::string(QLatin1StringView member)
{
    const QJsonValue value = m_body.value(member);
    if (!value.isUndefined() && !value.isNull() && !value.isString())
        serializationError(member, "a string"_L1);
}

void SandboxValidator::prefixList(QLatin1StringView member, int minItems, int maxItems)
{
    const QJsonValue value = m_body.value(member);
    if (value.isUndefined() || value.isNull())
        return;
    if (!value.isArray()) {
        serializationError(member, "a list of strings"_L1);
        return;
    }
    const QJsonArray items = value.toArray();
    QStringList texts;
    for (const QJsonValue& item : items) {
        if (!item.isString()) {
            serializationError(member, "a list of strings"_L1);
            return;
        }
        texts.append(item.toString());
    }
    const QString listText = u'[' + texts.join(", "_L1) + u']';
    if (items.size() < minItems)
        m_violations.append(failed(listText, member,
            u"Member must have length greater than or equal to %1"_s.arg(minItems)));
    if (items.size() > maxItems)
        m_violations.append(failed(
            listText, member, u"Member must have length less than or equal to %1"_s.arg(maxItems)));
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const QString path = u"%1.%2.member"_s.arg(member).arg(i + 1);
        if (auto text = violation(ptc::Field::EcrRepositoryPrefix, texts[i], path))
            m_violations.append(*text);
    }
}

void SandboxValidator::integer(QLatin1StringView member, int minimum, int maximum)
{
    const QJsonValue value = m_body.value(member);
    if (value.isUndefined() || value.isNull())
        return;
    const double number = value.toDouble();
    if (!value.isDouble() || std::trunc(number) != number || std::abs(number) > 2147483647.0) {
        serializationError(member, "an integer"_L1);
        return;
    }
    const QString text = QString::number(static_cast<qint64>(number));
    if (number < minimum)
        m_violations.append(failed(
            text, member, u"Member must have value greater than or equal to %1"_s.arg(minimum)));
    if (number > maximum)
        m_violations.append(failed(
            text, member, u"Member must have value less than or equal to %1"_s.arg(maximum)));
}

std::optional<AwsError> SandboxValidator::error() const
{
    if (m_serialization)
        return m_serialization;
    if (m_missing)
        return m_missing;
    if (m_violations.isEmpty())
        return std::nullopt;
    const QString count = m_violations.size() == 1
        ? u"1 validation error detected: "_s
        : u"%1 validation errors detected: "_s.arg(m_violations.size());
    return serviceError(kBadRequest, u"ValidationException"_s, count + m_violations.join("; "_L1));
}

} // namespace ecr::sandbox
