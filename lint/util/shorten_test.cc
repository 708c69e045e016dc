#include "lint/util/shorten.h"

#include <doctest/doctest.h>

namespace lint {

TEST_CASE("ShortenForMessage: keeps short text and cuts long text at a UTF-8 boundary") {
  CHECK(ShortenForMessage("contoso.com") == "contoso.com");
  std::string long_ascii(80, 'a');
  CHECK(ShortenForMessage(long_ascii) == std::string(57, 'a') + "...");
  std::string accents = std::string(56, 'a') + "\xC3\xAB" + std::string(20, 'b');  // ë at bytes 56-57
  CHECK(ShortenForMessage(accents) == std::string(56, 'a') + "...");
}

}  // namespace lint
