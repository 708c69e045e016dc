#include "lint/util/edit_distance.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace lint {
namespace {

TEST_CASE("EditDistance: counts insertions, deletions and substitutions") {
  CHECK(EditDistance("", "") == 0);
  CHECK(EditDistance("abc", "") == 3);
  CHECK(EditDistance("", "abcd") == 4);
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("sitting", "kitten") == 3);
  CHECK(EditDistance("flaw", "lawn") == 2);
  CHECK(EditDistance("Domains", "Domain") == 1);
  CHECK(EditDistance("severity", "sevrity") == 1);
  CHECK(EditDistance("abc", "xyz") == 3);
}

TEST_CASE("EditDistance: a transposition costs two") {
  CHECK(EditDistance("ab", "ba") == 2);
  CHECK(EditDistance("TargetApplicationUri", "TargetApplicaitonUri") == 2);
}

TEST_CASE("EditDistance: ignores ASCII case") {
  CHECK(EditDistance("DomainNames", "domainnames") == 0);
  CHECK(EditDistance("FREEBUSYACCESSLEVEL", "FreeBusyAccessLevel") == 0);
  CHECK(EditDistance("Enabled", "enabeld") == 2);
}

TEST_CASE("EditDistance: compares bytes, so non-ASCII case is not folded") {
  // U+00C4 vs U+00E4 differ in their second byte only.
  CHECK(EditDistance("\xC3\x84", "\xC3\xA4") == 1);
  CHECK(EditDistance("\xC3\xA4", "\xC3\xA4") == 0);
}

TEST_CASE("ClosestMatch: picks the nearest candidate within distance 3") {
  std::vector<std::string> keys = {"severity", "message", "help", "docs", "select"};
  CHECK(ClosestMatch("sevrity", keys) == "severity");
  CHECK(ClosestMatch("mesage", keys) == "message");
  CHECK(ClosestMatch("HELP", keys) == "help");
  CHECK(ClosestMatch("selcet", keys) == "select");
}

TEST_CASE("ClosestMatch: returns empty beyond distance 3") {
  std::vector<std::string> keys = {"severity", "message"};
  CHECK(ClosestMatch("sev", keys) == "");       // 5 deletions
  CHECK(ClosestMatch("messxxxx", keys) == "");  // 4 edits
  CHECK(ClosestMatch("mesxxxe", keys) == "message");  // exactly 3 edits
}

TEST_CASE("ClosestMatch: keeps the first of equally near candidates") {
  std::vector<std::string> keys = {"cat", "bat", "hat"};
  CHECK(ClosestMatch("rat", keys) == "cat");
  std::vector<std::string> reversed = {"hat", "bat", "cat"};
  CHECK(ClosestMatch("rat", reversed) == "hat");
  CHECK(ClosestMatch("bat", keys) == "bat");  // exact match beats the earlier near one
}

TEST_CASE("ClosestMatch: returns empty for no candidates") {
  std::vector<std::string> none;
  CHECK(ClosestMatch("anything", none) == "");
}

TEST_CASE("DidYouMean: formats the suggestion or nothing") {
  std::vector<std::string> formats = {"text", "json", "sarif", "junit"};
  CHECK(DidYouMean("sarf", formats) == " (did you mean 'sarif'?)");
  CHECK(DidYouMean("JSON", formats) == " (did you mean 'json'?)");
  CHECK(DidYouMean("markdown", formats) == "");
}

}  // namespace
}  // namespace lint
