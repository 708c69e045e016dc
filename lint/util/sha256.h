#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace lint {

/// SHA-256 of `data` (FIPS 180-4). Finding fingerprints use it; computing
/// them with OpenSSL's EVP_Digest cost more to initialize OpenSSL (its
/// configuration and default provider, about 5 M instructions) than the
/// rest of a small organization's run.
std::array<uint8_t, 32> Sha256(std::string_view data);

}  // namespace lint
