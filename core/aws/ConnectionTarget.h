#pragma once

#include "CallerIdentity.h"
#include "CredentialsProvider.h"

#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace ecr {

// Where and as whom to talk to AWS: what a profile (or the environment, or the Local sandbox)
// resolves to.
struct ConnectionTarget
{
    QString displayName; // "Environment", "prod-admin", "Local sandbox"
    QString region;
    QUrl customEndpoint; // empty: the partition's endpoint
    QString customEndpointOrigin; // the setting it came from, for messages ("AWS_ENDPOINT_URL")
    // The registry HTTP API (/v2/…) for test pulls; empty: GetAuthorizationToken's
    // proxyEndpoint, or the custom endpoint when that is on this computer (the sandbox).
    QUrl registryEndpoint;
    bool useFips = false;
    bool useDualStack = false;
    std::shared_ptr<CredentialsProvider> credentials;
    QString accountId; // when known (the sandbox's, or from GetCallerIdentity)
    QString caBundlePath; // extra trusted CA certificates (PEM) for a private endpoint
    QUrl proxy; // the profile's proxy (Profile::proxyUrl); empty: HTTPS_PROXY or the system's
    // Asks AWS whom these credentials belong to (STS GetCallerIdentity); empty: not available.
    std::function<QCoro::Task<Result<CallerIdentity>>(CancelToken)> identify;
};

} // namespace ecr
