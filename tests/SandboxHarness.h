#pragma once

// A client wired to an in-process sandbox over real loopback HTTP, for the integration tests.
#include "Clock.h"
#include "EcrClient.h"
#include "RequestAuth.h"
#include "SandboxServer.h"
#include "SandboxService.h"
#include "ServiceClient.h"

#include <QCoroTask>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTest>

#include <memory>

namespace ecr::test {

struct HarnessOptions
{
    sandbox::SandboxConfig sandbox;
    sandbox::FaultConfig faults;
    std::chrono::milliseconds serverClockOffset{0};
    RetrySettings retry = fastRetries();
    std::chrono::milliseconds attemptTimeout{10000};
    sigv4::Credentials credentials = defaultCredentials();
    QString region = QStringLiteral("us-east-1");
    QString tlsCertFile; // PEM; with tlsKeyFile the sandbox serves HTTPS
    QString tlsKeyFile;
    QString clientCaBundle; // what the client trusts besides the system CAs

    // The standard mode's rules with millisecond backoff, so tests do not sleep for seconds.
    static RetrySettings fastRetries()
    {
        RetrySettings r;
        r.backoffBase = std::chrono::milliseconds(2);
        r.backoffCap = std::chrono::milliseconds(40);
        return r;
    }
    static sigv4::Credentials defaultCredentials()
    {
        const auto key = sandbox::SandboxService::defaultKey();
        return {key.accessKeyId, key.secretAccessKey, {}};
    }
};

class SandboxHarness
{
public:
    explicit SandboxHarness(HarnessOptions options = {})
        : m_options(std::move(options))
        , m_serverClock(m_clock, m_options.serverClockOffset)
        , m_service(m_serverClock, m_options.sandbox)
        , m_server(m_service, m_options.faults)
        , m_credentials(m_options.credentials)
        , m_auth(m_credentials, m_clock)
    {
        if (!m_options.tlsCertFile.isEmpty()) {
            QString error;
            if (!m_server.enableTls(m_options.tlsCertFile, m_options.tlsKeyFile, &error))
                qFatal("sandbox TLS setup failed: %s", qPrintable(error));
        }
        if (!m_server.listen())
            qFatal("sandbox failed to listen: %s", qPrintable(m_server.errorString()));
        m_transport = std::make_unique<ServiceClient>(m_network, m_clock, clientConfig(), &m_auth);
        m_transport->setRandomSeed(7);
        m_client = std::make_unique<EcrClient>(*m_transport);
    }

    // The ECR pipeline's settings for this sandbox (tests build more clients from it).
    ServiceClientConfig clientConfig() const
    {
        ServiceClientConfig config;
        config.service = EcrClient::service();
        config.endpoint = {m_server.url(), m_options.region, QStringLiteral("aws")};
        config.retry = m_options.retry;
        config.attemptTimeout = m_options.attemptTimeout;
        config.caBundlePath = m_options.clientCaBundle;
        return config;
    }

    EcrClient& client() { return *m_client; }
    ServiceClient& transport() { return *m_transport; }
    const Clock& clock() const { return m_clock; }
    sandbox::SandboxService& service() { return m_service; }
    sandbox::SandboxServer& server() { return m_server; }
    QNetworkAccessManager& network() { return m_network; }
    const QString& region() const { return m_options.region; }

    // Runs the event loop until the task is done (tests only: product code never nests loops).
    template <typename T>
    static T wait(QCoro::Task<T>&& task)
    {
        std::optional<T> out;
        QEventLoop loop;
        auto continuation = task.then([&](T value) {
            out.emplace(std::move(value));
            loop.quit();
        });
        if (!out)
            loop.exec();
        return std::move(*out);
    }

private:
    HarnessOptions m_options;
    SystemClock m_clock;
    OffsetClock m_serverClock;
    sandbox::SandboxService m_service;
    sandbox::SandboxServer m_server;
    QNetworkAccessManager m_network;
    StaticCredentialsProvider m_credentials;
    SigV4Auth m_auth;
    std::unique_ptr<ServiceClient> m_transport;
    std::unique_ptr<EcrClient> m_client;
};

// A self-signed certificate for 127.0.0.1 (openssl), for the sandbox's HTTPS; false on failure.
inline bool makeSelfSignedCertificate(const QString& certFile, const QString& keyFile)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
            QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
            QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
            QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
            QStringLiteral("-keyout"), keyFile, QStringLiteral("-out"), certFile});
    return openssl.waitForFinished(30000) && openssl.exitStatus() == QProcess::NormalExit
        && openssl.exitCode() == 0;
}

inline const QString kSecretArn = QStringLiteral(
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf");

inline QString secretArn(const QString& name)
{
    return QStringLiteral("arn:aws:secretsmanager:us-east-1:123456789012:secret:"
                          "ecr-pullthroughcache/")
        + name;
}

} // namespace ecr::test
