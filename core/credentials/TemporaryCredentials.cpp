#include "TemporaryCredentials.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ecr {

using namespace Qt::StringLiterals;

QDateTime parseIsoTimestamp(const QString& text)
{
    const QString trimmed = text.trimmed();
    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(trimmed, Qt::ISODate);
    if (!time.isValid())
        return {};
    if (time.timeSpec() == Qt::LocalTime && !trimmed.endsWith(u'Z'))
        time.setTimeSpec(Qt::UTC); // no zone given: the AWS convention is UTC
    return time.toUTC();
}

QByteArray toKeychainJson(const TemporaryCredentials& credentials, const QByteArray& fingerprint)
{
    QJsonObject json{
        {"Version"_L1, 1},
        {"AccessKeyId"_L1, credentials.credentials.accessKeyId},
        {"SecretAccessKey"_L1, credentials.credentials.secretAccessKey},
    };
    if (!credentials.credentials.sessionToken.isEmpty())
        json.insert("SessionToken"_L1, credentials.credentials.sessionToken);
    if (credentials.expires())
        json.insert("Expiration"_L1, credentials.expiration.toUTC().toString(Qt::ISODate));
    if (!credentials.accountId.isEmpty())
        json.insert("AccountId"_L1, credentials.accountId);
    if (!fingerprint.isEmpty())
        json.insert("Fingerprint"_L1, QString::fromLatin1(fingerprint));
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

std::optional<StoredCredentials> fromKeychainJson(const QByteArray& json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject object = doc.object();
    StoredCredentials stored;
    TemporaryCredentials& c = stored.credentials;
    c.credentials.accessKeyId = object.value("AccessKeyId"_L1).toString();
    c.credentials.secretAccessKey = object.value("SecretAccessKey"_L1).toString();
    c.credentials.sessionToken = object.value("SessionToken"_L1).toString();
    if (object.contains("Expiration"_L1)) {
        c.expiration = parseIsoTimestamp(object.value("Expiration"_L1).toString());
        if (!c.expiration.isValid())
            return std::nullopt;
    }
    c.accountId = object.value("AccountId"_L1).toString();
    stored.fingerprint = object.value("Fingerprint"_L1).toString().toLatin1();
    if (!c.credentials.isValid())
        return std::nullopt;
    return stored;
}

} // namespace ecr
