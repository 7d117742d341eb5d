// How long signing one ECR request takes, with the signing-key cache warm and cold.
// Usage: bench_sigv4 [iterations]
#include "Clock.h"
#include "SigV4Signer.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace ecr;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int iterations = argc > 1 ? std::max(1, std::atoi(argv[1])) : 100000;
    ManualClock clock(QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC));
    const sigv4::Credentials credentials{QStringLiteral("AKIDEXAMPLE"),
        QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), {}};
    const sigv4::Request request{"POST", "/", {},
        {{"Host", "api.ecr.us-east-1.amazonaws.com"},
            {"Content-Type", "application/x-amz-json-1.1"},
            {"X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.CreatePullThroughCacheRule"}},
        R"({"ecrRepositoryPrefix":"docker-hub","upstreamRegistryUrl":"registry-1.docker.io"})"};
    const SigV4Signer::Options options{"us-east-1", "ecr"};

    auto run = [&](const char* name, bool coldKeys) {
        QElapsedTimer timer;
        qint64 sink = 0;
        timer.start();
        for (int i = 0; i < iterations; ++i) {
            SigV4Signer fresh(clock);
            static SigV4Signer warm(clock);
            const SigV4Signer& signer = coldKeys ? fresh : warm;
            sink += signer.signHeaders(request, credentials, options).signature.size();
        }
        const double ns = double(timer.nsecsElapsed()) / iterations;
        std::printf("%-28s %10.0f ns/request  (%d iterations, checksum %lld)\n", name, ns,
            iterations, static_cast<long long>(sink));
    };
    run("sign, signing key cached", false);
    run("sign, signing key derived", true);
    return 0;
}
