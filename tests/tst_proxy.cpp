// Which proxy a request takes: HTTPS_PROXY / HTTP_PROXY / NO_PROXY as the AWS CLI reads them
// (upper or lower case), never one for this computer, the system's otherwise; a profile's own
// proxy (a manager of its own) and the rules a proxy URL must follow.
#include "Profile.h"
#include "Proxy.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTest>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

QNetworkProxy proxyFor(const QProcessEnvironment& environment, const QString& url)
{
    AwsProxyFactory factory(environment);
    const QList<QNetworkProxy> proxies = factory.queryProxy(QNetworkProxyQuery(QUrl(url)));
    return proxies.isEmpty() ? QNetworkProxy() : proxies.first();
}

QProcessEnvironment environmentOf(std::initializer_list<std::pair<const char*, const char*>> values)
{
    QProcessEnvironment environment;
    for (const auto& [name, value] : values)
        environment.insert(QString::fromLatin1(name), QString::fromLatin1(value));
    return environment;
}

} // namespace

class TestProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theEnvironmentChoosesTheProxy()
    {
        const auto environment = environmentOf({{"HTTPS_PROXY", "http://proxy.example.com:3128"},
            {"http_proxy", "plain.example.com:8080"},
            {"NO_PROXY", ".internal.example.com,10.0.0.1"}});
        const QNetworkProxy https
            = proxyFor(environment, u"https://ecr.us-east-1.amazonaws.com/"_s);
        QCOMPARE(https.type(), QNetworkProxy::HttpProxy);
        QCOMPARE(https.hostName(), u"proxy.example.com"_s);
        QCOMPARE(https.port(), quint16(3128));
        const QNetworkProxy http = proxyFor(environment, u"http://registry.example.org/"_s);
        QCOMPARE(http.hostName(), u"plain.example.com"_s); // no scheme: http://
        QCOMPARE(http.port(), quint16(8080));
        for (const char* direct : {"https://ecr.internal.example.com/",
                 "https://internal.example.com/", "https://10.0.0.1/", "http://127.0.0.1:4566/",
                 "http://localhost:8080/", "http://[::1]:1/"})
            QCOMPARE(
                proxyFor(environment, QString::fromLatin1(direct)).type(), QNetworkProxy::NoProxy);
        QCOMPARE(proxyFor(environmentOf(
                              {{"https_proxy", "socks5://s.example.com:1080"}, {"no_proxy", "*"}}),
                     u"https://sts.amazonaws.com/"_s)
                     .type(),
            QNetworkProxy::NoProxy);
        QCOMPARE(proxyFor(environmentOf({{"https_proxy", "socks5://s.example.com:1080"}}),
                     u"https://sts.amazonaws.com/"_s)
                     .type(),
            QNetworkProxy::Socks5Proxy);
    }

    void aProfilesProxyGetsAManagerOfItsOwn()
    {
        QNetworkAccessManager network;
        const QUrl proxy(u"http://me@proxy.example.com:3128"_s);
        QNetworkAccessManager& proxied
            = managerForProxy(network, proxy, QUrl(u"https://ecr.eu-west-1.amazonaws.com/"_s));
        QVERIFY(&proxied != &network);
        QCOMPARE(proxied.proxy().hostName(), u"proxy.example.com"_s);
        QCOMPARE(proxied.proxy().user(), u"me"_s);
        QCOMPARE(&managerForProxy(network, proxy, QUrl(u"https://sts.amazonaws.com/"_s)), &proxied);
        QCOMPARE(&managerForProxy(network, proxy, QUrl(u"http://127.0.0.1:9/"_s)), &network);
        QCOMPARE(&managerForProxy(network, QUrl(), QUrl(u"https://x.example/"_s)), &network);
    }

    void aProxyUrlIsChecked()
    {
        QVERIFY(!proxyUrlProblem(QUrl()));
        QVERIFY(!proxyUrlProblem(QUrl(u"http://proxy.example.com:3128"_s)));
        QVERIFY(!proxyUrlProblem(QUrl(u"http://user@proxy.example.com:3128/"_s)));
        QVERIFY(proxyUrlProblem(QUrl(u"ftp://proxy.example.com:21"_s)));
        QVERIFY(proxyUrlProblem(QUrl(u"http://proxy.example.com"_s))->contains(u"port"_s));
        QVERIFY(proxyUrlProblem(QUrl(u"http://user:pw@proxy.example.com:3128"_s))
                    ->contains(u"password"_s));
        QVERIFY(proxyUrlProblem(QUrl(u"http://proxy.example.com:3128/path"_s)));
        Profile profile;
        profile.name = u"dev"_s;
        profile.region = u"us-east-1"_s;
        profile.source = CredentialSource::Environment;
        profile.proxyUrl = QUrl(u"http://user:pw@proxy.example.com:3128"_s);
        const QList<ProfileIssue> issues = validateProfile(profile, {});
        QVERIFY(std::any_of(issues.cbegin(), issues.cend(),
            [](const ProfileIssue& issue) { return issue.field == ProfileField::ProxyUrl; }));
    }
};

QTEST_GUILESS_MAIN(TestProxy)
#include "tst_proxy.moc"
