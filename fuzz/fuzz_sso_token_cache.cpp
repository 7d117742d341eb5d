// The SSO cache files the AWS CLI and the app share: a token file and a client registration,
// each read and, when accepted, written back and read again (the round trip must hold).
#include "FuzzInput.h"
#include "SsoTokenCache.h"
#include "SsoTypes.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = ecr::fuzz::bytes(data, size);
    if (const std::optional<ecr::SsoToken> token = ecr::SsoTokenCache::parseToken(input)) {
        if (!ecr::SsoTokenCache::parseToken(ecr::SsoTokenCache::tokenJson(*token)))
            std::abort(); // a token the app writes must be one it reads
    }
    if (const std::optional<ecr::SsoRegistration> registration
        = ecr::SsoTokenCache::parseRegistration(input)) {
        if (!ecr::SsoTokenCache::parseRegistration(
                ecr::SsoTokenCache::registrationJson(*registration)))
            std::abort();
    }
    (void)ecr::parseCliTimestamp(QString::fromUtf8(input.left(64)));
    return 0;
}
