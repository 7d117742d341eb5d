// SHA-256 through libcrypto's SHA256_Init/Update/Final on a context on the stack. OpenSSL 3
// marks that API deprecated in favour of EVP, but keeps it in every 3.x release, and it uses the
// same SHA-NI / AVX2 block code; EVP instead sets up provider state on every EVP_DigestInit_ex2
// (an allocation and a free), about 50 ns per digest on the benchmark machine, and a warm
// signature takes four digests.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "Sha256.h"

#include <cstring>
#include <openssl/crypto.h>
#include <openssl/sha.h>

namespace ecr::sha256 {

namespace {

constexpr std::size_t kBlock = 64;

class Context
{
public:
    Context() { SHA256_Init(&m_ctx); }
    ~Context() { OPENSSL_cleanse(&m_ctx, sizeof m_ctx); }
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    void update(const void* data, std::size_t size)
    {
        if (size > 0)
            SHA256_Update(&m_ctx, data, size);
    }
    void update(QByteArrayView data) { update(data.data(), std::size_t(data.size())); }
    Digest finish()
    {
        Digest out{};
        SHA256_Final(out.data(), &m_ctx);
        return out;
    }

private:
    SHA256_CTX m_ctx;
};

} // namespace

Digest hash(QByteArrayView data)
{
    Context c;
    c.update(data);
    return c.finish();
}

Digest hmac(QByteArrayView key, QByteArrayView message)
{
    // RFC 2104: H((K ^ opad) || H((K ^ ipad) || message)), K padded to one block.
    std::uint8_t block[kBlock] = {};
    if (std::size_t(key.size()) > kBlock) {
        const Digest shortened = hash(key);
        std::memcpy(block, shortened.data(), shortened.size());
    } else if (!key.isEmpty()) {
        std::memcpy(block, key.data(), std::size_t(key.size()));
    }
    std::uint8_t pad[kBlock];
    for (std::size_t i = 0; i < kBlock; ++i)
        pad[i] = block[i] ^ 0x36;
    Context innerHash;
    innerHash.update(pad, kBlock);
    innerHash.update(message);
    const Digest inner = innerHash.finish();
    for (std::size_t i = 0; i < kBlock; ++i)
        pad[i] = block[i] ^ 0x5c;
    Context outerHash;
    outerHash.update(pad, kBlock);
    outerHash.update(inner.data(), inner.size());
    const Digest outer = outerHash.finish();
    // The padded key may be derived from a secret: do not leave it on the stack.
    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(pad, sizeof pad);
    return outer;
}

void appendHex(QByteArray& out, const Digest& digest)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const qsizetype at = out.size();
    out.resize(at + qsizetype(digest.size()) * 2);
    char* p = out.data() + at;
    for (const std::uint8_t byte : digest) {
        *p++ = kHex[byte >> 4];
        *p++ = kHex[byte & 0x0f];
    }
}

QByteArray hex(const Digest& digest)
{
    QByteArray out;
    out.reserve(qsizetype(digest.size()) * 2);
    appendHex(out, digest);
    return out;
}

} // namespace ecr::sha256
