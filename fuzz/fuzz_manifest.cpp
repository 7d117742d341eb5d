// The registry manifest parser: a manifest or index body as a registry returns it (part 2),
// with the Content-Type the answer named (part 1, may be empty).
#include "FuzzInput.h"
#include "TestPull.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QList<QByteArray> input = ecr::fuzz::parts(ecr::fuzz::bytes(data, size), 2);
    ecr::PulledManifest manifest;
    manifest.mediaType = QString::fromUtf8(input[0].trimmed());
    ecr::describeManifest(input[1], manifest);
    (void)manifest.platforms.join(u',');
    return 0;
}
