#pragma once

#include "AwsError.h"
#include "Cancellation.h"
#include "EcrTypes.h"
#include "RepositoryTypes.h"

#include <QCoroTask>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

// A test pull without Docker (reference notes §4): a registry token from GetAuthorizationToken,
// then GET /v2/<prefix>/<upstream path>/manifests/<tag> on the private registry with the media
// types containerd accepts. The first pull by tag makes ECR fetch the image from the upstream
// and create the cached repository. Registry errors come back as AwsErrors whose code is the
// registry's (UNAUTHORIZED, DENIED, NAME_UNKNOWN, MANIFEST_UNKNOWN, TOOMANYREQUESTS, …), which
// the error presenter turns into sentences with a next step.
namespace ecr {

class EcrSession;

// The repository name and reference an image typed by the user is pulled as through a rule:
// "alpine:3.20" through docker-hub is docker-hub/library/alpine and 3.20. A missing tag is
// "latest"; "@sha256:…" is a digest.
struct PullTarget
{
    QString repositoryName;
    QString reference;
    bool byDigest = false;
};
std::optional<PullTarget> pullTarget(const PullThroughCacheRule& rule, const QString& image);

struct PulledManifest
{
    QString repositoryName;
    QString reference;
    QString digest; // Docker-Content-Digest, checked against the body
    bool digestMatches = false;
    QString mediaType;
    qint64 manifestBytes = 0;
    qint64 imageBytes = 0; // config and layers of a manifest; 0 for an index (see platforms)
    QStringList platforms; // an index's "linux/amd64", …
    std::chrono::microseconds elapsed{0}; // the manifest request alone
    QUrl registry; // where it was asked
};

// The Accept header of every manifest request: Docker v2 and list, OCI manifest and index.
QByteArray manifestAcceptHeader();

// What a manifest's bytes say: type (the body's mediaType when the header has none), platforms
// of an index, sizes. Unknown or malformed bodies give what could be read.
void describeManifest(const QByteArray& body, PulledManifest& out);

class TestPuller final
{
public:
    explicit TestPuller(EcrSession& session);

    QCoro::Task<Result<PulledManifest>> pull(
        PullThroughCacheRule rule, QString image, CancelToken cancel = {});
    // Forget the token (after UNAUTHORIZED, or for a test of a wrong one).
    void dropToken() { m_token.reset(); }
    // For tests: the next pulls use this token instead of asking for one.
    void setToken(const RegistryToken& token) { m_token = token; }

private:
    QCoro::Task<Result<RegistryToken>> token(CancelToken cancel);

    EcrSession& m_session;
    std::optional<RegistryToken> m_token; // in memory only, until it expires
};

} // namespace ecr
