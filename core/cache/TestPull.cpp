#include "TestPull.h"

#include "EcrSession.h"
#include "HttpTransport.h"
#include "JsonValues.h"
#include "PullCommand.h"
#include "TransportSecurity.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>

Q_LOGGING_CATEGORY(lcCache, "ecr.cache", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::TestPull)
};

QString normalizedPrefix(QString prefix)
{
    prefix = prefix.trimmed();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    return prefix;
}

// The registry's error body ({"errors":[{"code","message"}]}) as an AwsError with its code.
AwsError registryError(const HttpAnswer& answer)
{
    const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
    const QJsonObject first = body.value(u"errors"_s).toArray().first().toObject();
    QString code = first.value(u"code"_s).toString();
    QString message = first.value(u"message"_s).toString();
    if (code.isEmpty()) {
        switch (answer.status) {
        case 401:
            code = u"UNAUTHORIZED"_s;
            break;
        case 403:
            code = u"DENIED"_s;
            break;
        case 404:
            code = u"MANIFEST_UNKNOWN"_s;
            break;
        case 429:
            code = u"TOOMANYREQUESTS"_s;
            break;
        default:
            code = u"RegistryError"_s;
        }
    }
    if (message.isEmpty())
        message = Tr::tr("The registry answered HTTP %1.").arg(answer.status);
    AwsError error = makeError(ErrorKind::Service, code, message);
    error.httpStatus = answer.status;
    return error;
}

} // namespace

QByteArray manifestAcceptHeader()
{
    return "application/vnd.docker.distribution.manifest.v2+json, "
           "application/vnd.docker.distribution.manifest.list.v2+json, "
           "application/vnd.oci.image.manifest.v1+json, "
           "application/vnd.oci.image.index.v1+json, */*"_ba;
}

std::optional<PullTarget> pullTarget(const PullThroughCacheRule& rule, const QString& image)
{
    QString text = image.trimmed();
    if (text.isEmpty() || text.contains(u' '))
        return std::nullopt;
    PullTarget out;
    QString path = text;
    const qsizetype at = text.indexOf(u'@');
    if (at >= 0) {
        path = text.left(at);
        out.reference = text.mid(at + 1);
        out.byDigest = true;
        // name:tag@digest: the digest decides, the tag goes.
        const qsizetype colon = path.lastIndexOf(u':');
        if (colon > path.lastIndexOf(u'/'))
            path = path.left(colon);
    } else {
        const qsizetype slash = text.lastIndexOf(u'/');
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon > slash) {
            path = text.left(colon);
            out.reference = text.mid(colon + 1);
        } else {
            out.reference = u"latest"_s;
        }
    }
    if (path.isEmpty() || out.reference.isEmpty())
        return std::nullopt;
    const std::optional<UpstreamRegistry> registry = rule.upstreamRegistry.isEmpty()
        ? upstreamRegistryForUrl(rule.upstreamRegistryUrl)
        : upstreamRegistryFromWireName(rule.upstreamRegistry);
    // An ECR upstream's own host, then the upstream repository prefix the rule maps.
    if (path.startsWith(rule.upstreamRegistryUrl + u'/'))
        path = path.mid(rule.upstreamRegistryUrl.size() + 1);
    const QString upstreamPrefix = normalizedPrefix(rule.upstreamRepositoryPrefix);
    if (!upstreamPrefix.isEmpty() && upstreamPrefix != u"ROOT") {
        if (!path.startsWith(upstreamPrefix + u'/'))
            return std::nullopt; // the rule caches nothing else of that upstream
        path = path.mid(upstreamPrefix.size() + 1);
    }
    // The same rules as a pull reference: library/ for Docker Hub, upstream hosts dropped.
    const QString host = privateRegistryHost(u"000000000000"_s, u"r"_s, {});
    const QString full = pullImageReference(
        u"000000000000"_s, u"r"_s, {}, rule.ecrRepositoryPrefix, registry, path);
    if (!full.startsWith(host + u'/'))
        return std::nullopt;
    out.repositoryName = full.mid(host.size() + 1);
    // The registry API's grammar (distribution spec): lower-case path components, a tag or a
    // sha256 digest.
    static const QRegularExpression name(
        u"^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$"_s);
    static const QRegularExpression tag(u"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$"_s);
    static const QRegularExpression digest(u"^sha256:[a-f0-9]{64}$"_s);
    if (!name.match(out.repositoryName).hasMatch()
        || !(out.byDigest ? digest : tag).match(out.reference).hasMatch())
        return std::nullopt;
    return out;
}

void describeManifest(const QByteArray& body, PulledManifest& out)
{
    out.manifestBytes = body.size();
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (out.mediaType.isEmpty())
        out.mediaType = json.value(u"mediaType"_s).toString();
    const QJsonArray manifests = json.value(u"manifests"_s).toArray();
    if (!manifests.isEmpty()) {
        // The index names its manifests, not their layers: no image size without fetching them.
        out.imageBytes = 0;
        for (const QJsonValue& v : manifests) {
            const QJsonObject m = v.toObject();
            const QJsonObject platform = m.value(u"platform"_s).toObject();
            QString name = platform.value(u"os"_s).toString() + u'/'
                + platform.value(u"architecture"_s).toString();
            if (platform.contains(u"variant"_s))
                name += u'/' + platform.value(u"variant"_s).toString();
            if (name != u"/")
                out.platforms.append(name);
        }
        return;
    }
    // Sizes are the registry's numbers: a non-number, a fraction or a value past 2^53 counts as
    // unknown (0), and the sum stops at 2^53 rather than overflow.
    const auto cap = qint64(ecr::json::kMaxExactInteger);
    qint64 size = ecr::json::count(json.value(u"config"_s).toObject().value(u"size"_s));
    for (const QJsonValue& layer : json.value(u"layers"_s).toArray())
        size = std::min(size + ecr::json::count(layer.toObject().value(u"size"_s)), cap);
    out.imageBytes = size;
}

TestPuller::TestPuller(EcrSession& session)
    : m_session(session)
{ }

QCoro::Task<Result<RegistryToken>> TestPuller::token(CancelToken cancel)
{
    // A token is reused until five minutes before it expires.
    const QDateTime soon = m_session.clock().now().addSecs(300);
    if (m_token && (!m_token->expiresAt.isValid() || m_token->expiresAt > soon)) {
        // A named copy: GCC 12 moves from the operand of `co_return *m_token` (a member).
        RegistryToken cached = *m_token;
        co_return cached;
    }
    const Result<RegistryToken> fresh
        = co_await m_session.repositories().authorizationToken(cancel);
    if (!fresh)
        co_return fresh.error();
    m_token = fresh.value();
    co_return fresh.value();
}

QCoro::Task<Result<PulledManifest>> TestPuller::pull(
    PullThroughCacheRule rule, QString image, CancelToken cancel)
{
    const std::optional<PullTarget> target = pullTarget(rule, image);
    if (!target)
        co_return makeError(ErrorKind::InvalidInput, u"InvalidImageReference"_s,
            Tr::tr("%1 is not an image of this rule's upstream: give a repository path and a tag, "
                   "such as library/alpine:3.20.")
                .arg(image.trimmed()),
            0);
    const Result<RegistryToken> registryToken = co_await token(cancel);
    if (!registryToken)
        co_return registryToken.error();

    const QUrl registry = m_session.registryEndpoint(registryToken->proxyEndpoint);
    QUrl url = registry;
    url.setPath(u"/v2/%1/manifests/%2"_s.arg(target->repositoryName, target->reference));
    HttpRequest request;
    request.method = "GET"_ba;
    request.url = url;
    request.setHeader("Authorization"_ba, "Basic "_ba + registryToken->authorizationToken);
    request.setHeader("Accept"_ba, manifestAcceptHeader());
    TransportOptions options;
    options.timeout = std::chrono::seconds(60); // a first pull waits for the upstream
    options.proxy = m_session.target().proxy;
    if (!m_session.target().caBundlePath.isEmpty()) {
        const auto bundle = loadCaBundle(m_session.target().caBundlePath);
        if (!bundle)
            co_return bundle.error();
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(bundle.value());
        options.tls = tls;
    }
    QElapsedTimer timer;
    timer.start();
    const QString service = Tr::tr("the Amazon ECR registry");
    const Result<HttpAnswer> answer
        = co_await sendHttp(m_session.network(), request, options, cancel, service);
    const auto elapsed = std::chrono::microseconds(timer.nsecsElapsed() / 1000);
    if (!answer)
        co_return answer.error();
    if (answer->status == 401)
        m_token.reset();
    if (answer->status != 200)
        co_return registryError(answer.value());

    PulledManifest out;
    out.repositoryName = target->repositoryName;
    out.reference = target->reference;
    out.registry = registry;
    out.elapsed = elapsed;
    out.mediaType
        = QString::fromLatin1(answer->header("Content-Type")).section(u';', 0, 0).trimmed();
    out.digest = QString::fromLatin1(answer->header("Docker-Content-Digest"));
    const QString computed = u"sha256:"_s
        + QString::fromLatin1(
            QCryptographicHash::hash(answer->body, QCryptographicHash::Sha256).toHex());
    out.digestMatches = out.digest.isEmpty() || out.digest == computed;
    if (out.digest.isEmpty())
        out.digest = computed;
    describeManifest(answer->body, out);
    qCInfo(lcCache) << "test pull of" << image.trimmed() << "through" << rule.ecrRepositoryPrefix
                    << "got" << out.mediaType << out.digest;
    co_return out;
}

} // namespace ecr
