// The cache at work over loopback against the sandbox: a test pull through each upstream kind
// creates the cached repository (with its template's settings) and a second pull is served
// from it; each registry error comes back with its code and its sentence; a wrong token is
// UNAUTHORIZED. The repository operations' success paths and modelled errors, and the cleanup:
// the dry run and the deletion agree exactly, cancel stops between repositories, and a failure
// on one is reported while the rest go on.
#include "CachedRepositories.h"
#include "EcrSession.h"
#include "ErrorPresenter.h"
#include "SandboxHarness.h"
#include "SandboxUpstreams.h"
#include "TestPull.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

const QString kAccount = u"123456789012"_s;

struct Cache
{
    explicit Cache(HarnessOptions o = {})
        : harness(o)
    {
        ConnectionTarget target;
        target.displayName = u"sandbox"_s;
        target.region = harness.region();
        target.customEndpoint = harness.server().url();
        target.credentials
            = std::make_shared<StaticCredentialsProvider>(HarnessOptions::defaultCredentials());
        target.accountId = kAccount;
        session = std::move(EcrSession::create(harness.network(), clock, target).value());
        puller = std::make_unique<TestPuller>(*session);
    }
    PullThroughCacheRule add(const QString& prefix, const QString& url, const QString& arn = {},
        const QString& upstreamPrefix = {})
    {
        const auto created = SandboxHarness::wait(
            harness.client().createRule({prefix, url, {}, {}, arn, {}, upstreamPrefix}));
        if (!created.ok())
            qWarning() << created.error().code << created.error().message;
        return created.ok() ? created->value : PullThroughCacheRule{};
    }
    Result<PulledManifest> pull(const PullThroughCacheRule& rule, const QString& image)
    {
        return SandboxHarness::wait(puller->pull(rule, image));
    }
    EcrRepositoryClient& repositories() { return session->repositories(); }
    sandbox::SandboxRepositories& sandboxRepositories() { return harness.service().repositories(); }

    SandboxHarness harness;
    SystemClock clock;
    std::unique_ptr<EcrSession> session;
    std::unique_ptr<TestPuller> puller;
};

QString sentence(const AwsError& error)
{
    const ErrorText text = describeError(error, u"The test pull"_s, false);
    return text.what + u' ' + text.action;
}

sandbox::SandboxRepository seeded(const QString& name, int ageDays, qint64 size,
    std::optional<int> pulledDaysAgo, const QDateTime& now)
{
    sandbox::SandboxRepository r;
    r.name = name;
    r.createdAt = now.addDays(-ageDays);
    sandbox::SandboxImage image;
    image.digest = u"sha256:%1"_s.arg(QString::number(qHash(name), 16).rightJustified(64, u'0'));
    image.mediaType = u"application/vnd.oci.image.manifest.v1+json"_s;
    image.tags = {u"latest"_s};
    image.size = size;
    image.pushedAt = r.createdAt;
    if (pulledDaysAgo)
        image.lastPull = now.addDays(-*pulledDaysAgo);
    r.images.append(image);
    return r;
}

} // namespace

class TestCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Sizes in a manifest are the registry's numbers: a huge, negative, fractional or non-number
    // size counts as unknown (0) instead of overflowing, and the total stops at 2^53.
    void manifestSizesThatAreNotSizesCountAsUnknown_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("imageBytes");
        QTest::newRow("plain") << R"({"config":{"size":10},"layers":[{"size":5},{"size":7}]})"_ba
                               << qint64(22);
        QTest::newRow("huge") << R"({"config":{"size":1e300},"layers":[{"size":5}]})"_ba
                              << qint64(5);
        QTest::newRow("negative") << R"({"config":{"size":-3},"layers":[{"size":5}]})"_ba
                                  << qint64(5);
        QTest::newRow("fraction") << R"({"config":{"size":2.5},"layers":[{"size":"9"}]})"_ba
                                  << qint64(0);
        QTest::newRow("sum capped")
            << R"({"config":{"size":9007199254740992},"layers":[{"size":9007199254740992}]})"_ba
            << qint64(9007199254740992LL);
        QTest::newRow("not json") << "<html>"_ba << qint64(0);
    }
    void manifestSizesThatAreNotSizesCountAsUnknown()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, imageBytes);
        ecr::PulledManifest out;
        ecr::describeManifest(body, out);
        QCOMPARE(out.imageBytes, imageBytes);
        QCOMPARE(out.manifestBytes, body.size());
    }

    // A first pull through each kind of upstream creates the cached repository; the second is
    // served from the cache (no upstream fetch) and records the pull.
    void testPullThroughEachUpstream_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<int>("platforms");
        QTest::newRow("docker-hub official")
            << u"docker-hub"_s << u"registry-1.docker.io"_s << u"alpine:3.20"_s
            << u"docker-hub/library/alpine"_s << 2;
        QTest::newRow("docker-hub single")
            << u"hub"_s << u"registry-1.docker.io"_s << u"docker.io/bitnami/redis:7.2"_s
            << u"hub/bitnami/redis"_s << 0;
        QTest::newRow("quay") << u"quay"_s << u"quay.io"_s << u"prometheus/node-exporter:v1.8.2"_s
                              << u"quay/prometheus/node-exporter"_s << 2;
        QTest::newRow("ghcr") << u"github"_s << u"ghcr.io"_s << u"fluxcd/flux-cli:v2.3.0"_s
                              << u"github/fluxcd/flux-cli"_s << 2;
        QTest::newRow("k8s") << u"k8s"_s << u"registry.k8s.io"_s << u"pause:3.9"_s << u"k8s/pause"_s
                             << 2;
        QTest::newRow("ecr-public")
            << u"ecr-public"_s << u"public.ecr.aws"_s << u"docker/library/alpine:3.20"_s
            << u"ecr-public/docker/library/alpine"_s << 2;
        QTest::newRow("azure") << u"azure"_s << u"myregistry.azurecr.io"_s
                               << u"samples/hello-world:v1"_s << u"azure/samples/hello-world"_s
                               << 0;
        QTest::newRow("gitlab") << u"gitlab"_s << u"registry.gitlab.com"_s
                                << u"gitlab-org/gitlab-runner:alpine"_s
                                << u"gitlab/gitlab-org/gitlab-runner"_s << 2;
        QTest::newRow("chainguard")
            << u"chainguard"_s << u"cgr.dev"_s << u"chainguard/static:latest"_s
            << u"chainguard/chainguard/static"_s << 2;
        QTest::newRow("ecr") << u"team-cache"_s << u"444455556666.dkr.ecr.eu-west-1.amazonaws.com"_s
                             << u"team/app:1.0"_s << u"team-cache/team/app"_s << 0;
    }

    void testPullThroughEachUpstream()
    {
        QFETCH(QString, prefix);
        QFETCH(QString, url);
        QFETCH(QString, image);
        QFETCH(QString, repository);
        QFETCH(int, platforms);
        Cache c;
        const std::optional<UpstreamRegistry> registry = upstreamRegistryForUrl(url);
        QVERIFY(registry);
        const bool secret = upstreamRegistryInfo(*registry).auth == UpstreamAuth::SecretsManager;
        const PullThroughCacheRule rule
            = c.add(prefix, url, secret ? secretArn(prefix + u"-AbCdEf"_s) : QString(),
                *registry == UpstreamRegistry::Ecr ? u"ROOT"_s : QString());
        QVERIFY(!rule.ecrRepositoryPrefix.isEmpty());

        const Result<PulledManifest> first = c.pull(rule, image);
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
        QCOMPARE(first->repositoryName, repository);
        QVERIFY(first->digest.startsWith(u"sha256:"_s));
        QVERIFY(first->digestMatches);
        QCOMPARE(first->platforms.size(), platforms);
        QCOMPARE(first->imageBytes > 0, platforms == 0); // an index does not say its images' size
        QVERIFY(first->manifestBytes > 0);
        QCOMPARE(c.sandboxRepositories().upstreamFetches(), 1);
        if (platforms > 0)
            QVERIFY(first->mediaType.contains(u"index"_s) || first->mediaType.contains(u"list"_s));
        else
            QVERIFY(first->mediaType.endsWith(u"manifest.v1+json"_s)
                || first->mediaType.endsWith(u"manifest.v2+json"_s));

        // The registry API was asked over loopback with the Basic token and containerd's
        // Accept list; the repository exists now, as ECR creates it.
        const sandbox::HttpRequest& sent = c.harness.service().recentRequests().last();
        const sigv4::Request view{sent.method, sent.path, sent.query, sent.headers, {}};
        QCOMPARE(sent.path,
            "/v2/"_ba + repository.toUtf8() + "/manifests/"_ba + image.section(u':', -1).toUtf8());
        QVERIFY(view.header("Authorization").startsWith("Basic "));
        QVERIFY(view.header("Accept").contains("application/vnd.oci.image.index.v1+json"));
        QVERIFY(view.header("Accept").contains(
            "application/vnd.docker.distribution.manifest.list.v2+json"));
        const auto listed = SandboxHarness::wait(c.repositories().describeRepositories(prefix));
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().name, repository);

        // The second pull: from the cache, same digest, and the pull is recorded.
        const Result<PulledManifest> second = c.pull(rule, image);
        QVERIFY(second.ok());
        QCOMPARE(second->digest, first->digest);
        QCOMPARE(c.sandboxRepositories().upstreamFetches(), 1);
        const auto images = SandboxHarness::wait(c.repositories().describeImages(repository));
        QVERIFY(images.ok());
        QCOMPARE(images->size(), platforms > 0 ? 1 + platforms : 1); // the index and its manifests
        const RepositoryUsage usage = RepositoryUsage::of(images.value());
        QVERIFY(usage.lastPull.has_value());
        QVERIFY(usage.totalBytes > 0);
        // One GetAuthorizationToken for both pulls: the token is kept until it expires.
        QCOMPARE(c.harness.service().requestCount(u"GetAuthorizationToken"_s), 1);
    }

    // What a typed image becomes: the repository under the rule's prefix and the reference.
    void pullTargets_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("upstreamPrefix");
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("repository"); // empty: refused
        QTest::addColumn<QString>("reference");
        const QString digest = u"sha256:"_s + QString(64, u'a');
        QTest::newRow("official") << u"docker-hub"_s << u"registry-1.docker.io"_s << QString()
                                  << u"nginx"_s << u"docker-hub/library/nginx"_s << u"latest"_s;
        QTest::newRow("docker.io host")
            << u"docker-hub"_s << u"registry-1.docker.io"_s << QString()
            << u"docker.io/bitnami/redis:7.2"_s << u"docker-hub/bitnami/redis"_s << u"7.2"_s;
        QTest::newRow("tag and digest")
            << u"quay"_s << u"quay.io"_s << QString() << u"coreos/etcd:v3.5.0@"_s + digest
            << u"quay/coreos/etcd"_s << digest;
        QTest::newRow("ecr upstream prefix")
            << u"team-cache"_s << u"444455556666.dkr.ecr.eu-west-1.amazonaws.com"_s << u"team"_s
            << u"444455556666.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.0"_s << u"team-cache/app"_s
            << u"1.0"_s;
        QTest::newRow("outside the upstream prefix")
            << u"team-cache"_s << u"444455556666.dkr.ecr.eu-west-1.amazonaws.com"_s << u"team"_s
            << u"other/app:1.0"_s << QString() << QString();
        QTest::newRow("upper case") << u"quay"_s << u"quay.io"_s << QString() << u"CoreOS/etcd:v3"_s
                                    << QString() << QString();
        QTest::newRow("placeholder") << u"quay"_s << u"quay.io"_s << QString()
                                     << u"<repository>:<tag>"_s << QString() << QString();
        QTest::newRow("bad digest") << u"quay"_s << u"quay.io"_s << QString()
                                    << u"coreos/etcd@sha256:xyz"_s << QString() << QString();
    }

    void pullTargets()
    {
        QFETCH(QString, prefix);
        QFETCH(QString, url);
        QFETCH(QString, upstreamPrefix);
        QFETCH(QString, image);
        QFETCH(QString, repository);
        QFETCH(QString, reference);
        PullThroughCacheRule rule;
        rule.ecrRepositoryPrefix = prefix;
        rule.upstreamRegistryUrl = url;
        rule.upstreamRepositoryPrefix = upstreamPrefix;
        const std::optional<PullTarget> target = pullTarget(rule, image);
        QCOMPARE(target.has_value(), !repository.isEmpty());
        if (target) {
            QCOMPARE(target->repositoryName, repository);
            QCOMPARE(target->reference, reference);
        }
    }

    void theRepositoryGetsItsTemplatesSettings()
    {
        Cache c;
        RepositoryCreationTemplate t;
        t.prefix = u"quay"_s;
        t.appliedFor = {u"PULL_THROUGH_CACHE"_s};
        t.imageTagMutability = u"IMMUTABLE"_s;
        QVERIFY(SandboxHarness::wait(c.session->registry().createTemplate(t)).ok());
        const PullThroughCacheRule rule = c.add(u"quay"_s, u"quay.io"_s);
        QVERIFY(c.pull(rule, u"coreos/etcd:v3.5.0"_s).ok());
        const auto listed = SandboxHarness::wait(c.repositories().describeRepositories(u"quay"_s));
        QVERIFY(listed.ok() && listed->size() == 1);
        QCOMPARE(listed->first().imageTagMutability, u"IMMUTABLE"_s);
        QCOMPARE(listed->first().encryptionType, u"AES256"_s);
    }

    // Each registry error with its code and the sentence the user reads.
    void registryErrors()
    {
        HarnessOptions o;
        o.sandbox.secretsMustExist = true;
        Cache c(o);
        const PullThroughCacheRule quay = c.add(u"quay"_s, u"quay.io"_s);

        const auto noRepo = c.pull(quay, u"prometheus/no-such-image:1"_s);
        QVERIFY(!noRepo.ok());
        QCOMPARE(noRepo.error().code, u"NAME_UNKNOWN"_s);
        QCOMPARE(noRepo.error().httpStatus, 404);
        QVERIFY(sentence(noRepo.error()).contains(u"library/"_s));

        const auto noTag = c.pull(quay, u"prometheus/node-exporter:v0.0.1"_s);
        QVERIFY(!noTag.ok());
        QCOMPARE(noTag.error().code, u"MANIFEST_UNKNOWN"_s);
        QVERIFY(sentence(noTag.error()).contains(u"Check the tag"_s));

        // A first pull by digest does not populate the cache.
        const auto byDigest = c.pull(quay, u"coreos/etcd@sha256:%1"_s.arg(QString(64, u'0')));
        QVERIFY(!byDigest.ok());
        QCOMPARE(byDigest.error().code, u"MANIFEST_UNKNOWN"_s);
        QVERIFY(sentence(byDigest.error()).contains(u"digest"_s));

        // Permissions: the first pull needs ecr:CreateRepository, every import
        // ecr:BatchImportUpstreamImage.
        c.sandboxRepositories().setDeniedAction(u"ecr:CreateRepository"_s);
        const auto denied = c.pull(quay, u"coreos/etcd:v3.5.0"_s);
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().code, u"DENIED"_s);
        QCOMPARE(denied.error().httpStatus, 403);
        QVERIFY(denied.error().message.contains(u"ecr:CreateRepository"_s));
        QVERIFY(sentence(denied.error()).contains(u"ecr:BatchImportUpstreamImage"_s));
        c.sandboxRepositories().setDeniedAction({});

        // The upstream's credentials: a rule whose secret ECR cannot read.
        const PullThroughCacheRule hub = [&] {
            SandboxHarness::wait(c.session->secrets().createSecret({u"ecr-pullthroughcache/hub"_s,
                {}, {}, {u"example-user"_s, u"EXAMPLETOKENSENTINEL-cache"_s}}));
            const auto secrets = SandboxHarness::wait(c.session->secrets().listPtcSecrets());
            return c.add(u"hub"_s, u"registry-1.docker.io"_s, secrets->first().arn);
        }();
        QVERIFY(!hub.ecrRepositoryPrefix.isEmpty());
        c.harness.service().secretsManager().reset(); // the secret is gone
        const auto upstream = c.pull(hub, u"alpine:3.20"_s);
        QVERIFY(!upstream.ok());
        QCOMPARE(upstream.error().code, u"DENIED"_s);
        QVERIFY(sentence(upstream.error()).contains(u"Replace Token"_s));

        // Rate limited.
        c.harness.server().queueFaults(
            u"RegistryManifest"_s, {sandbox::SandboxServer::Fault::Throttle});
        const auto limited = c.pull(quay, u"coreos/etcd:v3.5.0"_s);
        QVERIFY(!limited.ok());
        QCOMPARE(limited.error().code, u"TOOMANYREQUESTS"_s);
        QCOMPARE(limited.error().httpStatus, 429);

        // Not an image reference at all: refused before anything is sent.
        const int before = c.harness.service().totalRequestCount();
        const auto invalid = c.pull(quay, u"Not An Image"_s);
        QVERIFY(!invalid.ok());
        QCOMPARE(invalid.error().code, u"InvalidImageReference"_s);
        QCOMPARE(c.harness.service().totalRequestCount(), before);
    }

    void aWrongTokenIsUnauthorized()
    {
        Cache c;
        const PullThroughCacheRule quay = c.add(u"quay"_s, u"quay.io"_s);
        RegistryToken wrong;
        wrong.authorizationToken = QByteArray("AWS:not-a-token-EXAMPLE").toBase64();
        wrong.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        c.puller->setToken(wrong);
        const auto refused = c.pull(quay, u"coreos/etcd:v3.5.0"_s);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, u"UNAUTHORIZED"_s);
        QCOMPARE(refused.error().httpStatus, 401);
        QVERIFY(sentence(refused.error()).contains(u"new token"_s));
        QCOMPARE(c.sandboxRepositories().upstreamFetches(), 0);
        // The refused token is dropped: the next pull asks for a new one and works.
        const auto again = c.pull(quay, u"coreos/etcd:v3.5.0"_s);
        QVERIFY(again.ok());
        QCOMPARE(c.harness.service().requestCount(u"GetAuthorizationToken"_s), 1);
    }

    void authorizationToken()
    {
        Cache c;
        const auto token = SandboxHarness::wait(c.repositories().authorizationToken());
        QVERIFY(token.ok());
        QVERIFY(QByteArray::fromBase64(token->authorizationToken).startsWith("AWS:"));
        QCOMPARE(token->proxyEndpoint.host(), u"123456789012.dkr.ecr.us-east-1.amazonaws.com"_s);
        const qint64 lifetime = QDateTime::currentDateTimeUtc().secsTo(token->expiresAt);
        QVERIFY(lifetime > 11 * 3600 && lifetime <= 12 * 3600);
        // The registry answers /v2/ to the token (the sandbox serves it on the same port).
        QCOMPARE(c.session->registryEndpoint(token->proxyEndpoint), c.harness.server().url());
        // registryIds, deprecated, are still validated.
        OperationRequest bad;
        bad.name = u"GetAuthorizationToken"_s;
        bad.body = QJsonObject{{u"registryIds"_s, QJsonArray{u"not-an-account"_s}}};
        const auto refused = SandboxHarness::wait(c.harness.transport().call(bad));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, u"InvalidParameterException"_s);
    }

    void repositoriesAndImages()
    {
        Cache c;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        // 2,500 repositories under three prefixes: listed over three pages, filtered.
        for (int i = 0; i < 2500; ++i)
            c.sandboxRepositories().addRepository(u"us-east-1"_s,
                seeded(u"%1/image-%2"_s.arg(i % 3 == 0 ? u"quay"_s : u"docker-hub"_s).arg(i), 10,
                    1000 + i, std::nullopt, now));
        int progressCalls = 0;
        const auto quay = SandboxHarness::wait(
            c.repositories().describeRepositories(u"quay/"_s, [&](int) { ++progressCalls; }));
        QVERIFY(quay.ok());
        QCOMPARE(quay->size(), 834);
        QCOMPARE(progressCalls, 3);
        QCOMPARE(c.harness.service().requestCount(u"DescribeRepositories"_s), 3);
        for (const CachedRepository& r : quay.value())
            QVERIFY(r.name.startsWith(u"quay/"_s));
        QVERIFY(
            quay->first().arn.startsWith(u"arn:aws:ecr:us-east-1:123456789012:repository/quay/"_s));
        QVERIFY(
            quay->first().uri.startsWith(u"123456789012.dkr.ecr.us-east-1.amazonaws.com/quay/"_s));

        // DescribeImages of a missing repository; DescribeRepositories by a missing name.
        const auto missing
            = SandboxHarness::wait(c.repositories().describeImages(u"quay/no-such"_s));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, u"RepositoryNotFoundException"_s);
        OperationRequest byName;
        byName.name = u"DescribeRepositories"_s;
        byName.body = QJsonObject{{u"repositoryNames"_s, QJsonArray{u"quay/no-such"_s}}};
        const auto named = SandboxHarness::wait(c.harness.transport().call(byName));
        QVERIFY(!named.ok());
        QCOMPARE(named.error().code, u"RepositoryNotFoundException"_s);
        OperationRequest badName;
        badName.name = u"DescribeImages"_s;
        badName.body = QJsonObject{{u"repositoryName"_s, u"Upper/Case"_s}};
        const auto invalid = SandboxHarness::wait(c.harness.transport().call(badName));
        QVERIFY(!invalid.ok());
        QCOMPARE(invalid.error().code, u"InvalidParameterException"_s);
        OperationRequest badPage;
        badPage.name = u"DescribeRepositories"_s;
        badPage.body = QJsonObject{{u"maxResults"_s, 1001}};
        QCOMPARE(SandboxHarness::wait(c.harness.transport().call(badPage)).error().code,
            u"InvalidParameterException"_s);

        // Pull an index, then BatchDeleteImage: a manifest the index references cannot go, an
        // unknown digest fails, the index goes.
        const PullThroughCacheRule k8s = c.add(u"k8s"_s, u"registry.k8s.io"_s);
        const auto pulled = c.pull(k8s, u"pause:3.9"_s);
        QVERIFY(pulled.ok());
        const auto images = SandboxHarness::wait(c.repositories().describeImages(u"k8s/pause"_s));
        QVERIFY(images.ok());
        QCOMPARE(images->size(), 3);
        QString child;
        for (const ImageSummary& i : images.value())
            if (i.tags.isEmpty())
                child = i.digest;
        const auto refusedChild = SandboxHarness::wait(c.repositories().batchDeleteImage(
            u"k8s/pause"_s, {{child, {}}, {u"sha256:%1"_s.arg(QString(64, u'f')), {}}}));
        QVERIFY(refusedChild.ok());
        QCOMPARE(refusedChild->deleted.size(), 0);
        QCOMPARE(refusedChild->failures.size(), 2);
        QCOMPARE(refusedChild->failures.at(0).code, u"ImageReferencedByManifestList"_s);
        QCOMPARE(refusedChild->failures.at(1).code, u"ImageNotFound"_s);
        // More than the model's 100 ids a call: sent in batches, every failure reported.
        QList<ImageId> many;
        for (int i = 0; i < 150; ++i)
            many.append({u"sha256:%1"_s.arg(QString::number(i, 16).rightJustified(64, u'e')), {}});
        const int before = c.harness.service().requestCount(u"BatchDeleteImage"_s);
        const auto batched
            = SandboxHarness::wait(c.repositories().batchDeleteImage(u"k8s/pause"_s, many));
        QVERIFY(batched.ok());
        QCOMPARE(batched->failures.size(), 150);
        QCOMPARE(c.harness.service().requestCount(u"BatchDeleteImage"_s) - before, 2);
        const auto index = SandboxHarness::wait(
            c.repositories().batchDeleteImage(u"k8s/pause"_s, {{pulled->digest, {}}}));
        QVERIFY(index.ok());
        QCOMPARE(index->deleted.size(), 1);
        QCOMPARE(index->deleted.first().tag, u"3.9"_s);

        // DeleteRepository: not empty without force; with force it goes.
        const auto notEmpty
            = SandboxHarness::wait(c.repositories().deleteRepository(u"k8s/pause"_s, false));
        QVERIFY(!notEmpty.ok());
        QCOMPARE(notEmpty.error().code, u"RepositoryNotEmptyException"_s);
        const auto forced
            = SandboxHarness::wait(c.repositories().deleteRepository(u"k8s/pause"_s, true));
        QVERIFY(forced.ok());
        QCOMPARE(forced->name, u"k8s/pause"_s);
        QVERIFY(!c.sandboxRepositories().find(u"us-east-1"_s, u"k8s/pause"_s));
        const auto gone
            = SandboxHarness::wait(c.repositories().deleteRepository(u"k8s/pause"_s, true));
        QCOMPARE(gone.error().code, u"RepositoryNotFoundException"_s);
    }

    void usageIsFetchedWithABound()
    {
        Cache c;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QStringList names;
        for (int i = 0; i < 40; ++i) {
            names.append(u"quay/r%1"_s.arg(i));
            c.sandboxRepositories().addRepository(
                u"us-east-1"_s, seeded(names.last(), 5, 100 * (i + 1), i % 2, now));
        }
        c.harness.server().setFaults([] {
            sandbox::FaultConfig f;
            f.latencyMs = 5;
            return f;
        }());
        int done = 0;
        const QHash<QString, RepositoryUsage> usage
            = SandboxHarness::wait(fetchUsage(c.repositories(), names, 4,
                [&](const QString&, const RepositoryUsage&) { ++done; }, {}, {}));
        QCOMPARE(usage.size(), 40);
        QCOMPARE(done, 40);
        QCOMPARE(usage.value(u"quay/r3"_s).totalBytes, 400);
        QCOMPARE(c.harness.service().requestCount(u"DescribeImages"_s), 40);
        QVERIFY(c.harness.server().maxInFlight() <= 4);
        QVERIFY(c.harness.server().maxInFlight() >= 2); // concurrent, not one by one
    }

    // The dry run lists exactly what the deletion removes; cancel stops between repositories;
    // a failure on one is reported and the rest go on; a repository pulled after the dry run
    // is kept.
    void cleanupDeletesExactlyTheDryRun()
    {
        Cache c;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto& repos = c.sandboxRepositories();
        repos.addRepository(u"us-east-1"_s, seeded(u"quay/old-big"_s, 200, 9000, 100, now));
        repos.addRepository(u"us-east-1"_s, seeded(u"quay/old-small"_s, 200, 10, 95, now));
        repos.addRepository(u"us-east-1"_s, seeded(u"quay/never"_s, 120, 500, std::nullopt, now));
        repos.addRepository(u"us-east-1"_s, seeded(u"quay/recent"_s, 200, 7000, 3, now));
        repos.addRepository(u"us-east-1"_s, seeded(u"quay/new"_s, 2, 50, std::nullopt, now));
        repos.addRepository(u"us-east-1"_s, seeded(u"other/old"_s, 200, 50, 100, now));

        const auto listed = SandboxHarness::wait(c.repositories().describeRepositories(u"quay"_s));
        QVERIFY(listed.ok());
        QList<CachedRepositoryRow> rows;
        QStringList names;
        for (const CachedRepository& r : listed.value()) {
            rows.append({r, std::nullopt, {}});
            names.append(r.name);
        }
        const auto usage = SandboxHarness::wait(fetchUsage(c.repositories(), names, 4, {}, {}, {}));
        for (CachedRepositoryRow& row : rows)
            row.usage = usage.value(row.repository.name);

        const CleanupCriteria notPulled90{90, std::nullopt};
        const CleanupPlan plan = planCleanup(rows, notPulled90, now);
        QStringList planned;
        for (const CachedRepositoryRow& r : plan.repositories)
            planned.append(r.repository.name);
        QCOMPARE(planned, (QStringList{u"quay/old-big"_s, u"quay/never"_s, u"quay/old-small"_s}));
        QCOMPARE(plan.freedBytes, 9510);
        // By size as well: at least 1,000 bytes.
        QCOMPARE(planCleanup(rows, {90, 1000}, now).repositories.size(), 1);

        // Cancel after the first deletion: the rest stay.
        const CancelToken cancel = Cancellation::create();
        QList<CleanupOutcome> heard;
        const QList<CleanupOutcome> first = SandboxHarness::wait(runCleanup(
            c.repositories(), plan, notPulled90, [] { return QDateTime::currentDateTimeUtc(); },
            [&](const CleanupOutcome& o) {
                heard.append(o);
                cancel->cancel();
            },
            cancel));
        QCOMPARE(first.size(), 1);
        QCOMPARE(heard.size(), 1);
        QCOMPARE(first.first().name, u"quay/old-big"_s);
        QCOMPARE(first.first().result, CleanupOutcome::Result::Deleted);
        QCOMPARE(first.first().freedBytes, 9000);
        QVERIFY(!repos.find(u"us-east-1"_s, u"quay/old-big"_s));
        QVERIFY(repos.find(u"us-east-1"_s, u"quay/never"_s));

        // Again with the rest: one fails (the server keeps failing its deletion), one was
        // pulled since the dry run, and nothing else is touched.
        CleanupPlan rest = plan;
        rest.repositories.removeFirst();
        c.harness.server().queueFaults(u"DeleteRepository"_s,
            {sandbox::SandboxServer::Fault::ServerError, sandbox::SandboxServer::Fault::ServerError,
                sandbox::SandboxServer::Fault::ServerError});
        sandbox::SandboxRepository small = *repos.find(u"us-east-1"_s, u"quay/old-small"_s);
        small.images.first().lastPull = now;
        repos.addRepository(u"us-east-1"_s, small);
        const QList<CleanupOutcome> second = SandboxHarness::wait(runCleanup(c.repositories(), rest,
            notPulled90, [] { return QDateTime::currentDateTimeUtc(); }, {}, {}));
        QCOMPARE(second.size(), 2);
        QCOMPARE(second.at(0).name, u"quay/never"_s);
        QCOMPARE(second.at(0).result, CleanupOutcome::Result::Failed);
        QVERIFY(!second.at(0).detail.isEmpty());
        QCOMPARE(second.at(1).name, u"quay/old-small"_s);
        QCOMPARE(second.at(1).result, CleanupOutcome::Result::Skipped);
        QVERIFY(repos.find(u"us-east-1"_s, u"quay/never"_s));
        QVERIFY(repos.find(u"us-east-1"_s, u"quay/old-small"_s));
        for (const QString& kept : {u"quay/recent"_s, u"quay/new"_s, u"other/old"_s})
            QVERIFY2(repos.find(u"us-east-1"_s, kept), qPrintable(kept));
        // The deletion that kept failing was tried three times (the faults never reach the
        // service), then reported; the one before it went through once.
        QCOMPARE(c.harness.server().faultsInjected(), 3);
        QCOMPARE(c.harness.service().requestCount(u"DeleteRepository"_s), 1);
    }
};

QTEST_GUILESS_MAIN(TestCache)
#include "tst_cache.moc"
