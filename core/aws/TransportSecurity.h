#pragma once

#include "AwsError.h"

#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <optional>

// What the app accepts before it opens a connection: which endpoint URLs, and which extra CA
// certificates. Checked by the call pipeline for every service.
namespace ecr {

// localhost, 127.0.0.0/8 and ::1.
bool isLoopbackHost(const QString& host);

// An endpoint URL is https, or http to a loopback host (the Local sandbox, tests): answers from
// AWS carry secret keys and session tokens, and requests carry MFA codes, so they never cross a
// network in clear text. `origin` names the setting the URL came from ("AWS_ENDPOINT_URL_ECR",
// "endpoint_url of profile 'dev' in ~/.aws/config"); the error message quotes it.
std::optional<AwsError> checkEndpointUrl(const QUrl& url, const QString& origin);

// The PEM certificates of a CA bundle file. An unreadable file, or one that holds no
// certificate, is a Configuration error naming the file.
Result<QList<QSslCertificate>> loadCaBundle(const QString& path);

} // namespace ecr
