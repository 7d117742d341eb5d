#include "Sha256.h"

#include <cstring>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdexcept>

namespace ecr::sha256 {

namespace {

constexpr std::size_t kBlock = 64;

// The fetched algorithm and one reusable digest context per thread.
struct Context
{
    Context()
        : md(EVP_MD_fetch(nullptr, "SHA256", nullptr))
        , ctx(EVP_MD_CTX_new())
    {
        if (!md || !ctx)
            throw std::runtime_error("libcrypto has no SHA-256");
    }
    ~Context()
    {
        EVP_MD_CTX_free(ctx);
        EVP_MD_free(md);
    }
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    void begin() { EVP_DigestInit_ex2(ctx, md, nullptr); }
    void update(const void* data, std::size_t size)
    {
        if (size > 0)
            EVP_DigestUpdate(ctx, data, size);
    }
    void update(QByteArrayView data) { update(data.data(), std::size_t(data.size())); }
    Digest finish()
    {
        Digest out{};
        unsigned int length = 0;
        EVP_DigestFinal_ex(ctx, out.data(), &length);
        return out;
    }

    EVP_MD* md;
    EVP_MD_CTX* ctx;
};

Context& context()
{
    thread_local Context local;
    return local;
}

} // namespace

Digest hash(QByteArrayView data)
{
    Context& c = context();
    c.begin();
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
    Context& c = context();
    c.begin();
    c.update(pad, kBlock);
    c.update(message);
    const Digest inner = c.finish();
    for (std::size_t i = 0; i < kBlock; ++i)
        pad[i] = block[i] ^ 0x5c;
    c.begin();
    c.update(pad, kBlock);
    c.update(inner.data(), inner.size());
    const Digest outer = c.finish();
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
