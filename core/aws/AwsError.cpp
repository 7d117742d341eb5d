#include "AwsError.h"

namespace ecr {

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Service:
        return QStringLiteral("Service");
    case ErrorKind::InvalidResponse:
        return QStringLiteral("InvalidResponse");
    case ErrorKind::HostNotFound:
        return QStringLiteral("HostNotFound");
    case ErrorKind::ConnectionRefused:
        return QStringLiteral("ConnectionRefused");
    case ErrorKind::ConnectionReset:
        return QStringLiteral("ConnectionReset");
    case ErrorKind::Tls:
        return QStringLiteral("Tls");
    case ErrorKind::Timeout:
        return QStringLiteral("Timeout");
    case ErrorKind::Network:
        return QStringLiteral("Network");
    case ErrorKind::Cancelled:
        return QStringLiteral("Cancelled");
    case ErrorKind::InvalidInput:
        return QStringLiteral("InvalidInput");
    case ErrorKind::Configuration:
        return QStringLiteral("Configuration");
    case ErrorKind::Credentials:
        return QStringLiteral("Credentials");
    }
    return QString();
}

} // namespace ecr
