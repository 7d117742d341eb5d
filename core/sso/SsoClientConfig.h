#pragma once

#include "Clock.h"
#include "RetryPolicy.h"
#include "ServiceClient.h"

#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace ecr {

// Where an SSO client talks to: the Identity Center region and, for an emulator or a proxy, a
// custom endpoint (with the setting it came from, for messages).
struct SsoClientConfig
{
    QString region;
    QUrl customEndpoint;
    QString customEndpointOrigin;
    QString caBundlePath;
    std::chrono::milliseconds attemptTimeout{30000};
    RetrySettings retry;
};

// The call pipeline both SSO clients (OIDC, portal) run their operations through, or why there
// is none (an endpoint that cannot be worked out: every call answers that error).
struct SsoPipeline
{
    std::unique_ptr<ServiceClient> client;
    std::optional<AwsError> endpointError;
};
SsoPipeline ssoPipeline(QNetworkAccessManager& network, const Clock& clock,
    const SsoClientConfig& config, ServiceInfo service, const Result<QUrl>& url);

} // namespace ecr
