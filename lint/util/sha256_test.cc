#include "lint/util/sha256.h"

#include <string>

#include <doctest/doctest.h>
#include <openssl/evp.h>

namespace lint {

namespace {

std::string Hex(const std::array<uint8_t, 32>& d) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : d) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace

TEST_CASE("SHA-256 matches the FIPS 180-4 examples and OpenSSL") {
  CHECK(Hex(Sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Hex(Sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Hex(Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // Every length around the block and padding boundaries.
  for (size_t n = 0; n < 200; ++n) {
    std::string data(n, '\0');
    for (size_t i = 0; i < n; ++i) data[i] = static_cast<char>('a' + (i * 7 + n) % 26);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
    std::array<uint8_t, 32> expected;
    std::copy(md, md + 32, expected.begin());
    CHECK_MESSAGE(Sha256(data) == expected, "length ", n);
  }
}

}  // namespace lint
