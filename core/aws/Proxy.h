#pragma once

#include <QNetworkProxyFactory>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;

// Which proxy a request goes through, the way the AWS CLI decides: HTTPS_PROXY (https) or
// HTTP_PROXY (http), upper or lower case, unless NO_PROXY names the host; else the system's
// proxy settings. A profile may name its own proxy (Profile::proxyUrl), which wins for that
// profile's calls. This computer (the Local sandbox, tests) is never reached through a proxy.
namespace ecr {

class AwsProxyFactory final : public QNetworkProxyFactory
{
public:
    explicit AwsProxyFactory(
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment());
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery& query) override;

    // Installs one for the whole app (QNetworkProxyFactory::setApplicationProxyFactory).
    static void install();

private:
    QProcessEnvironment m_environment;
};

// A proxy URL as HTTPS_PROXY takes it: http://host:port (or socks5://host:port). A user name
// may be given; a password may not (it would sit in settings in clear text). Empty: fine.
// Returns the problem, or nothing.
std::optional<QString> proxyUrlProblem(const QUrl& url);

QNetworkProxy proxyFromUrl(const QUrl& url);

// The manager to send through `proxy`: `network` itself when the URL is empty or the host is
// this computer, else a manager for that proxy, made once and owned by `network`.
QNetworkAccessManager& managerForProxy(
    QNetworkAccessManager& network, const QUrl& proxy, const QUrl& destination);

} // namespace ecr
