// credential_process output (the JSON a finished command printed), and the command line split
// the way the app runs it (without a shell).
#include "CredentialProcess.h"
#include "FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = ecr::fuzz::bytes(data, size);
    (void)ecr::CredentialProcess::parseOutput(input);
    (void)ecr::CredentialProcess::splitCommandLine(QString::fromUtf8(input));
    return 0;
}
