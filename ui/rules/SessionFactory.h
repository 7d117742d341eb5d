#pragma once

#include "Cancellation.h"
#include "Clock.h"
#include "EcrSession.h"
#include "ProfileDirectory.h"

#include <QCoroTask>

#include <memory>

class QNetworkAccessManager;

namespace ecr {

// Turns a profile and a region into an ECR session: resolving the profile may prompt for an
// MFA code, call STS or run credential_process (cancelling stops all of it), then the client is
// built. The rules controller gets one injected, so tests bring their own.
class SessionFactory
{
public:
    virtual ~SessionFactory();
    virtual QCoro::Task<Result<std::unique_ptr<EcrSession>>> open(
        QString profileId, QString region, CancelToken cancel)
        = 0;
};

// The app's factory: the profile directory's targets, over the app's network and clock.
class DirectorySessionFactory final : public SessionFactory
{
public:
    DirectorySessionFactory(
        ProfileDirectory& profiles, QNetworkAccessManager& network, const Clock& clock)
        : m_profiles(profiles)
        , m_network(network)
        , m_clock(clock)
    { }

    QCoro::Task<Result<std::unique_ptr<EcrSession>>> open(
        QString profileId, QString region, CancelToken cancel) override;

private:
    ProfileDirectory& m_profiles;
    QNetworkAccessManager& m_network;
    const Clock& m_clock;
};

} // namespace ecr
