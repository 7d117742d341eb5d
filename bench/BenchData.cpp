#include "BenchData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace ecr::bench {

namespace {

struct Upstream
{
    const char* url;
    const char* wireName;
    bool secret;
};

constexpr Upstream kUpstreams[] = {
    {"registry-1.docker.io", "docker-hub", true},
    {"public.ecr.aws", "ecr-public", false},
    {"registry.k8s.io", "k8s", false},
    {"quay.io", "quay", false},
    {"ghcr.io", "github-container-registry", true},
    {"registry.gitlab.com", "gitlab-container-registry", true},
};

} // namespace

QStringList awsRegions()
{
    return {u"us-east-1"_s, u"us-east-2"_s, u"us-west-1"_s, u"us-west-2"_s, u"af-south-1"_s,
        u"ap-east-1"_s, u"ap-south-1"_s, u"ap-south-2"_s, u"ap-southeast-1"_s, u"ap-southeast-2"_s,
        u"ap-southeast-3"_s, u"ap-southeast-4"_s, u"ap-southeast-5"_s, u"ap-southeast-7"_s,
        u"ap-northeast-1"_s, u"ap-northeast-2"_s, u"ap-northeast-3"_s, u"ca-central-1"_s,
        u"ca-west-1"_s, u"eu-central-1"_s, u"eu-central-2"_s, u"eu-west-1"_s, u"eu-west-2"_s,
        u"eu-west-3"_s, u"eu-south-1"_s, u"eu-south-2"_s, u"eu-north-1"_s, u"il-central-1"_s,
        u"me-south-1"_s, u"me-central-1"_s, u"mx-central-1"_s, u"sa-east-1"_s, u"ap-east-2"_s,
        u"eu-west-4"_s};
}

QList<PullThroughCacheRule> rules(int count, const QString& region, const QString& account)
{
    QList<PullThroughCacheRule> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        const Upstream& up = kUpstreams[i % std::size(kUpstreams)];
        PullThroughCacheRule rule;
        rule.ecrRepositoryPrefix
            = u"team-%1-%2"_s.arg(i, 4, 10, QLatin1Char('0')).arg(QLatin1StringView(up.wireName));
        rule.upstreamRegistryUrl = QString::fromLatin1(up.url);
        rule.upstreamRegistry = QString::fromLatin1(up.wireName);
        rule.registryId = account;
        rule.createdAt = 1767225600.0 + i * 37.5;
        rule.updatedAt = *rule.createdAt + 3600;
        if (up.secret)
            rule.credentialArn
                = u"arn:aws:secretsmanager:%1:%2:secret:ecr-pullthroughcache/%3-AbCdEf"_s.arg(
                    region, account, rule.ecrRepositoryPrefix);
        // Every 97th rule is set up differently in the second account: the consistency column
        // has something to say.
        if (account.endsWith(u"6666") && i % 97 == 0)
            rule.upstreamRepositoryPrefix = u"library"_s;
        out.append(rule);
    }
    return out;
}

QList<FleetRegistry> fleet(int profiles, int regions, int perRegistry)
{
    const QStringList allRegions = awsRegions();
    QList<FleetRegistry> out;
    for (int p = 0; p < profiles; ++p) {
        const QString account = p % 2 == 0 ? u"123456789012"_s : u"444455556666"_s;
        for (int r = 0; r < regions; ++r) {
            FleetRegistry registry;
            registry.target.profileId = u"profile-%1"_s.arg(p);
            registry.target.profileName = p == 0 ? u"prod-admin"_s : u"staging-admin"_s;
            registry.target.region = allRegions.at(r % allRegions.size());
            registry.accountId = account;
            registry.rules = rules(perRegistry, registry.target.region, account);
            registry.finished = true;
            out.append(registry);
        }
    }
    return out;
}

QByteArray describeRulesPage(int count)
{
    QJsonArray array;
    for (const PullThroughCacheRule& rule : rules(count, u"us-east-1"_s, u"123456789012"_s))
        array.append(rule.toJson());
    return QJsonDocument(QJsonObject{{u"pullThroughCacheRules"_s, array},
                             {u"nextToken"_s, u"eyJvZmZzZXQiOjEwMDB9"_s}})
        .toJson(QJsonDocument::Compact);
}

QByteArray describeRepositoriesPage(int count)
{
    QJsonArray array;
    for (int i = 0; i < count; ++i) {
        const QString name = u"docker-hub/library/image-%1"_s.arg(i, 4, 10, QLatin1Char('0'));
        QJsonObject scanning;
        scanning.insert(u"scanOnPush"_s, false);
        QJsonObject encryption;
        encryption.insert(u"encryptionType"_s, u"AES256"_s);
        QJsonObject repository;
        repository.insert(u"repositoryArn"_s,
            QString(u"arn:aws:ecr:us-east-1:123456789012:repository/"_s + name));
        repository.insert(u"registryId"_s, u"123456789012"_s);
        repository.insert(u"repositoryName"_s, name);
        repository.insert(
            u"repositoryUri"_s, QString(u"123456789012.dkr.ecr.us-east-1.amazonaws.com/"_s + name));
        repository.insert(u"createdAt"_s, 1767225600.0 + i * 11.25);
        repository.insert(u"imageTagMutability"_s, u"MUTABLE"_s);
        repository.insert(u"imageScanningConfiguration"_s, scanning);
        repository.insert(u"encryptionConfiguration"_s, encryption);
        array.append(repository);
    }
    return QJsonDocument(
        QJsonObject{{u"repositories"_s, array}, {u"nextToken"_s, u"eyJvZmZzZXQiOjEwMDB9"_s}})
        .toJson(QJsonDocument::Compact);
}

} // namespace ecr::bench
