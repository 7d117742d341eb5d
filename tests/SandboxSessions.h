#pragma once

// An ECR session of a harness's sandbox as another region (and account) sees it: the tests of
// the fleet and of copying talk to several registries of one sandbox.
#include "EcrSession.h"
#include "SandboxHarness.h"

namespace ecr::test {

inline std::unique_ptr<EcrSession> sessionOf(
    SandboxHarness& h, const Clock& clock, const QString& region, const QString& accountId)
{
    ConnectionTarget target;
    target.displayName = QStringLiteral("sandbox");
    target.region = region;
    target.customEndpoint = h.server().url();
    target.credentials
        = std::make_shared<StaticCredentialsProvider>(HarnessOptions::defaultCredentials());
    target.accountId = accountId;
    return std::move(EcrSession::create(h.network(), clock, target).value());
}

// HarnessOptions for a sandbox of this account.
inline HarnessOptions accountOptions(const QString& id)
{
    HarnessOptions o;
    o.sandbox.account = id;
    return o;
}

} // namespace ecr::test
