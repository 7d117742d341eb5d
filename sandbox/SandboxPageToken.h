#pragma once

#include <QString>

#include <optional>

// Describe's nextToken: base64url("v1:<offset>:<digest>"), the digest binding the token to one
// listing (account, region and filter), so a token from another listing is refused rather than
// misread. Opaque to clients, as the service's tokens are.
namespace ecr::sandbox {

QString pageToken(const QString& listing, qsizetype offset);

// The offset the token stands for, or nothing for a malformed or foreign token.
std::optional<qsizetype> pageTokenOffset(const QString& listing, const QString& token);

} // namespace ecr::sandbox
