#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace ecr {

// What went wrong with a call, typed so the UI can say what happened and what to do.
enum class ErrorKind
{
    Service, // the service answered with an error code (see AwsError::code)
    InvalidResponse, // a body that is not the protocol's JSON (an HTML error page, say)
    HostNotFound, // DNS
    ConnectionRefused,
    ConnectionReset, // the connection closed before a complete answer
    Tls,
    Timeout,
    Network, // any other transport failure
    Cancelled,
    InvalidInput, // refused before sending (client-side validation)
    Configuration, // endpoint or profile settings that cannot work
    Credentials, // no usable credentials
};

struct AwsError
{
    ErrorKind kind = ErrorKind::Service;
    QString code; // sanitised service error code, e.g. "PullThroughCacheRuleNotFoundException"
    QString message; // the service's message, or a readable description
    int httpStatus = 0; // 0 when no response arrived
    QString requestId; // x-amzn-RequestId, when there was one
    int attempts = 1; // how many times the request was sent
    QString operation; // the API operation that failed ("DescribePullThroughCacheRules"), if any
    bool retried() const { return attempts > 1; }
    bool isService(QStringView errorCode) const
    {
        return kind == ErrorKind::Service && code == errorCode;
    }
};

QString errorKindName(ErrorKind kind);

inline AwsError makeError(ErrorKind kind, QString code, QString message, int attempts = 1)
{
    AwsError error;
    error.kind = kind;
    error.code = std::move(code);
    error.message = std::move(message);
    error.attempts = attempts;
    return error;
}

// A value or an AwsError, never an empty payload that means "failed".
template <typename T>
class Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    Result(AwsError error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }
    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<0>(m_data); }
    T& value() & { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    const T* operator->() const { return &std::get<0>(m_data); }
    const AwsError& error() const { return std::get<1>(m_data); }

private:
    std::variant<T, AwsError> m_data;
};

struct Unit
{
};

} // namespace ecr
