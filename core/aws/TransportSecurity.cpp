#include "TransportSecurity.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::TransportSecurity)
};

AwsError configurationError(const QString& code, const QString& message)
{
    return makeError(ErrorKind::Configuration, code, message, 0);
}

} // namespace

bool isLoopbackHost(const QString& host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

std::optional<AwsError> checkEndpointUrl(const QUrl& url, const QString& origin)
{
    const QString where = origin.isEmpty() ? Tr::tr("the endpoint URL") : origin;
    if (!url.isValid() || url.host().isEmpty())
        return configurationError(u"InvalidEndpoint"_s,
            Tr::tr("The endpoint URL '%1' from %2 is not a valid URL.")
                .arg(url.toDisplayString(), where));
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https")
        return std::nullopt;
    if (scheme == u"http") {
        if (isLoopbackHost(url.host()))
            return std::nullopt;
        return configurationError(u"InsecureEndpoint"_s,
            Tr::tr("The endpoint URL '%1' from %2 uses plain http to another computer. Answers "
                   "carry secret keys and session tokens, so plain http is allowed only to this "
                   "computer (localhost, 127.0.0.1, ::1); use https.")
                .arg(url.toDisplayString(), where));
    }
    return configurationError(u"InvalidEndpoint"_s,
        Tr::tr("The endpoint URL '%1' from %2 is not an https URL.")
            .arg(url.toDisplayString(), where));
}

Result<QList<QSslCertificate>> loadCaBundle(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return configurationError(u"CaBundleUnreadable"_s,
            Tr::tr("The CA bundle %1 cannot be read: %2.").arg(path, file.errorString()));
    // A bundle holds a few certificates; anything far larger is not one.
    constexpr qint64 kMaxBundleBytes = 16 * 1024 * 1024;
    const QByteArray pem = file.read(kMaxBundleBytes + 1);
    if (pem.size() > kMaxBundleBytes)
        return configurationError(u"CaBundleInvalid"_s,
            Tr::tr("The CA bundle %1 is larger than 16 MiB; it is not a certificate bundle.")
                .arg(path));
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certificates.isEmpty())
        return configurationError(u"CaBundleInvalid"_s,
            Tr::tr("The CA bundle %1 holds no PEM certificate (-----BEGIN CERTIFICATE-----).")
                .arg(path));
    return certificates;
}

} // namespace ecr
