#pragma once

#include "Clock.h"
#include "Profile.h"
#include "SigV4.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace ecr {

namespace sandbox {
class SandboxServer;
class SandboxService;
} // namespace sandbox

// The app's "Local sandbox" mode: the ECR emulator running in-process on 127.0.0.1 with demo keys
// made up for this run, so a newcomer can create, list, validate and delete rules without an
// AWS account. Rules persist in the app's data folder between runs.
class LocalSandbox final : public QObject
{
    Q_OBJECT

public:
    explicit LocalSandbox(const Clock& clock, QObject* parent = nullptr);
    ~LocalSandbox() override;

    bool start(QString* error);
    bool isRunning() const { return m_server != nullptr; }
    QUrl url() const;
    sigv4::Credentials credentials() const { return m_credentials; }
    QString accountId() const;
    static QString defaultRegion() { return QStringLiteral("us-east-1"); }
    // The SSO demo: a profile that signs in to the sandbox's IAM Identity Center (its device
    // page approves the code) and gets role credentials for the sandbox account.
    Profile ssoDemoProfile() const;

Q_SIGNALS:
    void started();

private:
    const Clock& m_clock;
    sigv4::Credentials m_credentials;
    std::unique_ptr<sandbox::SandboxService> m_service;
    std::unique_ptr<sandbox::SandboxServer> m_server;
};

} // namespace ecr
