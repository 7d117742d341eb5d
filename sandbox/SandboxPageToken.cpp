#include "SandboxPageToken.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>

namespace ecr::sandbox {

QString pageToken(const QString& listing, qsizetype offset)
{
    const QByteArray digest
        = QCryptographicHash::hash(listing.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    const QByteArray raw = "v1:" + QByteArray::number(offset) + ':' + digest;
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<qsizetype> pageTokenOffset(const QString& listing, const QString& token)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QList<QByteArray> parts = decoded.decoded.split(':');
    bool ok = false;
    const qsizetype offset = parts.size() == 3 ? parts[1].toLongLong(&ok) : -1;
    if (!ok || offset < 0 || parts[0] != "v1" || pageToken(listing, offset) != token)
        return std::nullopt;
    return offset;
}

} // namespace ecr::sandbox
