#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <cstdint>

// SHA-256 and HMAC-SHA-256 for the signer, on OpenSSL's libcrypto: its SHA-256 uses the CPU's
// SHA extensions where there are any, about ten times the speed of QCryptographicHash's
// portable code on the signer's short messages (see docs/BENCHMARKS.md). The digest context is
// a SHA256_CTX on the stack, so a digest allocates nothing (see Sha256.cpp).
namespace ecr::sha256 {

using Digest = std::array<std::uint8_t, 32>;

Digest hash(QByteArrayView data);
Digest hmac(QByteArrayView key, QByteArrayView message);

// Lower-case hex of a digest (64 characters), appended to `out`.
void appendHex(QByteArray& out, const Digest& digest);
QByteArray hex(const Digest& digest);

inline QByteArray bytes(const Digest& digest)
{
    return QByteArray(reinterpret_cast<const char*>(digest.data()), qsizetype(digest.size()));
}

} // namespace ecr::sha256
