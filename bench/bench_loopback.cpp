// Round trips through the whole client stack (validation, signing, QNetworkAccessManager,
// loopback HTTP, the sandbox's verification and JSON) against an in-process sandbox.
// Usage: bench_loopback [rounds]
#include "EcrClient.h"
#include "RequestAuth.h"
#include "SandboxServer.h"
#include "SandboxService.h"
#include "ServiceClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>

#include <algorithm>
#include <cstdio>

using namespace ecr;

namespace {

template <typename T>
T wait(QCoro::Task<T>&& task)
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

void report(const char* name, QList<qint64> micros)
{
    std::sort(micros.begin(), micros.end());
    const auto at = [&](double q) {
        return micros[qsizetype(q * double(micros.size() - 1))];
    };
    std::printf("%-34s p50 %6lld us  p95 %6lld us  max %6lld us  (n=%lld)\n", name,
        static_cast<long long>(at(0.5)), static_cast<long long>(at(0.95)),
        static_cast<long long>(micros.last()), static_cast<long long>(micros.size()));
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    SystemClock clock;
    sandbox::SandboxService service(clock, {});
    sandbox::SandboxServer server(service);
    if (!server.listen())
        return 1;
    const auto key = sandbox::SandboxService::defaultKey();
    QNetworkAccessManager network;
    StaticCredentialsProvider credentials({key.accessKeyId, key.secretAccessKey, {}});
    SigV4Auth auth(credentials, clock);
    ServiceClientConfig config;
    config.service = EcrClient::service();
    config.endpoint = {server.url(), QStringLiteral("us-east-1"), QStringLiteral("aws")};
    ServiceClient transport(network, clock, config, &auth);
    EcrClient client(transport);

    QList<qint64> create, describe, remove;
    QElapsedTimer timer;
    for (int round = 0; round < rounds; ++round) {
        const QList<QString> prefixes{QStringLiteral("bench-a-%1").arg(round % 50),
            QStringLiteral("bench-b-%1").arg(round % 50)};
        for (const QString& prefix : prefixes) {
            CreateRuleRequest request{prefix, QStringLiteral("public.ecr.aws"), {}, {}, {}, {}, {}};
            timer.start();
            if (!wait(client.createRule(request)).ok())
                return 2;
            create.append(timer.nsecsElapsed() / 1000);
        }
        DescribeRulesRequest all;
        timer.start();
        if (!wait(client.describeAllRules(all)).ok())
            return 3;
        describe.append(timer.nsecsElapsed() / 1000);
        for (const QString& prefix : prefixes) {
            RuleKey ruleKey{prefix, {}};
            timer.start();
            if (!wait(client.deleteRule(ruleKey)).ok())
                return 4;
            remove.append(timer.nsecsElapsed() / 1000);
        }
    }
    report("CreatePullThroughCacheRule", create);
    report("DescribePullThroughCacheRules", describe);
    report("DeletePullThroughCacheRule", remove);
    return 0;
}
