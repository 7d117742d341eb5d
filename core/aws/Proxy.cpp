#include "Proxy.h"

#include "TransportSecurity.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::Proxy)
};

QString firstOf(const QProcessEnvironment& environment, std::initializer_list<const char*> names)
{
    for (const char* name : names) {
        const QString value = environment.value(QString::fromLatin1(name)).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return {};
}

// NO_PROXY: comma-separated hosts or domain suffixes (".example.com" and "example.com" both
// cover sub.example.com); "*" covers everything.
bool excluded(const QString& noProxy, const QString& host)
{
    for (QString entry : noProxy.split(u',', Qt::SkipEmptyParts)) {
        entry = entry.trimmed().toLower();
        if (entry == u"*")
            return true;
        entry = entry.section(u':', 0, 0); // a port in the entry is ignored
        if (entry.startsWith(u'.'))
            entry.remove(0, 1);
        if (!entry.isEmpty() && (host == entry || host.endsWith(u'.' + entry)))
            return true;
    }
    return false;
}

} // namespace

AwsProxyFactory::AwsProxyFactory(QProcessEnvironment environment)
    : m_environment(std::move(environment))
{ }

QList<QNetworkProxy> AwsProxyFactory::queryProxy(const QNetworkProxyQuery& query)
{
    const QString host = query.peerHostName().toLower();
    if (isLoopbackHost(host))
        return {QNetworkProxy::NoProxy};
    const QString noProxy = firstOf(m_environment, {"NO_PROXY", "no_proxy"});
    if (!excluded(noProxy, host)) {
        const bool https = query.protocolTag().compare(u"https", Qt::CaseInsensitive) == 0;
        const QString proxy = https ? firstOf(m_environment, {"HTTPS_PROXY", "https_proxy"})
                                    : firstOf(m_environment, {"HTTP_PROXY", "http_proxy"});
        if (!proxy.isEmpty()) {
            QUrl url(proxy.contains(u"://") ? proxy : u"http://"_s + proxy);
            if (url.isValid() && !url.host().isEmpty())
                return {proxyFromUrl(url)};
        }
    } else {
        return {QNetworkProxy::NoProxy};
    }
    return systemProxyForQuery(query);
}

void AwsProxyFactory::install()
{
    QNetworkProxyFactory::setApplicationProxyFactory(new AwsProxyFactory());
}

std::optional<QString> proxyUrlProblem(const QUrl& url)
{
    if (url.isEmpty())
        return std::nullopt;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != u"http" && scheme != u"https" && scheme != u"socks5"))
        return Tr::tr("A proxy looks like http://proxy.example.com:3128 (http, https or socks5, "
                      "a host and a port).");
    if (url.port() <= 0)
        return Tr::tr("Give the proxy's port, such as http://proxy.example.com:3128.");
    if (!url.password().isEmpty())
        return Tr::tr("Leave the password out of the proxy URL: it would be kept in the settings "
                      "in clear text.");
    if (!url.path().isEmpty() && url.path() != u"/")
        return Tr::tr("A proxy URL has no path: http://host:port.");
    return std::nullopt;
}

QNetworkProxy proxyFromUrl(const QUrl& url)
{
    const bool socks = url.scheme().compare(u"socks5", Qt::CaseInsensitive) == 0;
    QNetworkProxy proxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, url.host(),
        quint16(url.port(socks ? 1080 : 3128)));
    if (!url.userName().isEmpty())
        proxy.setUser(url.userName());
    return proxy;
}

QNetworkAccessManager& managerForProxy(
    QNetworkAccessManager& network, const QUrl& proxy, const QUrl& destination)
{
    if (proxy.isEmpty() || isLoopbackHost(destination.host()))
        return network;
    const QString name = u"proxy:"_s + proxy.toString(QUrl::RemovePassword);
    if (auto* existing
        = network.findChild<QNetworkAccessManager*>(name, Qt::FindDirectChildrenOnly))
        return *existing;
    auto* manager = new QNetworkAccessManager(&network);
    manager->setObjectName(name);
    manager->setProxy(proxyFromUrl(proxy));
    manager->setTransferTimeout(network.transferTimeout());
    return *manager;
}

} // namespace ecr
