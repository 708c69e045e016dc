#include "lint/diagnose/matcher.h"

#include <doctest/doctest.h>

#include "lint/diag/render.h"

namespace lint {

namespace {

std::string Entry(const std::string& id, const std::string& section, const std::string& signatures,
                  const std::string& extra = "") {
  return "id: " + id + "\nsection: \"" + section + "\"\nsource: seed 000\ndirection: both\nissue: x\nmessage: \"" +
         section + "\"\nsignatures:\n" + signatures + extra +
         "causes:\n  - {text: t, checkable: false, why: w}\n";
}

// A generic 401 message, a specific one that contains it, two that share
// one fragment, and one with a LID and a keyword.
std::vector<CatalogEntry> SmallCatalog() {
  DiagnosticSink sink;
  std::vector<CatalogEntry> catalog = LoadCatalog(
      {
          {"checks/errors/generic.yaml", Entry("FB901", "Proxy 401", "  - 'proxy web request failed{sep}http status 401'\n")},
          {"checks/errors/specific.yaml",
           Entry("FB902", "Ambiguous user",
                 "  - 'user-context in the token is ambiguous'\n"
                 "  - {pattern: 'proxy web request failed{sep}http status 401{gap}2000005', weight: 6}\n")},
          {"checks/errors/shared-a.yaml",
           Entry("FB903", "Forcibly closed on receive",
                 "  - 'proxy web request failed{gap}on a receive'\n  - {pattern: 'forcibly closed by the remote host', weight: 4}\n")},
          {"checks/errors/shared-b.yaml",
           Entry("FB904", "Forcibly closed on send",
                 "  - 'on a send{gap}forcibly closed by the remote host'\n  - {pattern: 'forcibly closed by the remote host', weight: 4}\n",
                 "keywords: [Test-OAuthConnectivity]\n")},
          {"checks/errors/lid.yaml",
           Entry("FB905", "Timed out", "  - 'the request timed out'\n", "lids: [43404]\nkeywords: [TimeoutExpiredException]\n")},
      },
      std::vector<std::string>{}, sink);
  INFO(RenderDiagnostics(sink.diagnostics(), nullptr));
  CHECK(sink.diagnostics().empty());
  return catalog;
}

std::vector<std::string> Ids(const MatchResult& r) {
  std::vector<std::string> ids;
  for (const EntryMatch& m : r.matches) ids.push_back(m.entry->id + ":" + std::to_string(m.score));
  return ids;
}

}  // namespace

TEST_CASE("Matcher: a message inside a longer, better-scoring one is that one") {
  auto catalog = SmallCatalog();
  ErrorText t = NormalizeErrorText("Proxy web request failed. , HTTP status 401 diagnostics: 2000005; the user-context in the token is ambiguous");
  CHECK(Ids(MatchErrorText(catalog, t)) == std::vector<std::string>{"FB902:16"});
  ErrorText generic = NormalizeErrorText("Proxy web request failed. HTTP status 401");
  CHECK(Ids(MatchErrorText(catalog, generic)) == std::vector<std::string>{"FB901:10"});
}

TEST_CASE("Matcher: the same error twice in a log is counted, and a second, different error is kept") {
  auto catalog = SmallCatalog();
  ErrorText t = NormalizeErrorText(
      "09:00 Proxy web request failed, HTTP status 401\n"
      "09:05 Proxy web request failed, HTTP status 401\n"
      "09:10 Proxy web request failed, HTTP status 401 ... 2000005 the user-context in the token is ambiguous\n");
  MatchResult r = MatchErrorText(catalog, t);
  CHECK(Ids(r) == std::vector<std::string>{"FB902:16", "FB901:10"});
  REQUIRE(r.matches[1].signatures.size() == 1);
  CHECK(r.matches[1].signatures[0].count == 3);
  CHECK(t.Locate(r.matches[1].signatures[0].raw_begin).line == 1);
}

TEST_CASE("Matcher: a shared fragment alone matches every entry that has it, tied and sorted by id") {
  auto catalog = SmallCatalog();
  ErrorText t = NormalizeErrorText("An existing connection was forcibly closed by the remote host.");
  CHECK(Ids(MatchErrorText(catalog, t)) == std::vector<std::string>{"FB903:4", "FB904:4"});
}

TEST_CASE("Matcher: a keyword breaks a tie on the same fragment, and never matches alone") {
  auto catalog = SmallCatalog();
  ErrorText t = NormalizeErrorText("Test-OAuthConnectivity: An existing connection was forcibly closed by the remote host.");
  MatchResult r = MatchErrorText(catalog, t);
  CHECK(Ids(r) == std::vector<std::string>{"FB904:5"});
  REQUIRE(r.matches[0].keywords.size() == 1);
  CHECK(r.matches[0].keywords[0].keyword->text == "Test-OAuthConnectivity");
  CHECK(MatchErrorText(catalog, NormalizeErrorText("Test-OAuthConnectivity failed")).matches.empty());
}

TEST_CASE("Matcher: LIDs the section lists add to the score") {
  auto catalog = SmallCatalog();
  MatchResult r = MatchErrorText(catalog, NormalizeErrorText("TimeoutExpiredException: The request timed out. LID: 43404"));
  CHECK(Ids(r) == std::vector<std::string>{"FB905:13"});
  CHECK(r.matches[0].lids == std::vector<int>{43404});
  CHECK(Ids(MatchErrorText(catalog, NormalizeErrorText("The request timed out. LID: 11111"))) ==
        std::vector<std::string>{"FB905:10"});
}

TEST_CASE("Matcher: no match lists the nearest entries by the share of their words found") {
  auto catalog = SmallCatalog();
  MatchResult r = MatchErrorText(catalog, NormalizeErrorText("the connection was closed on a send by the host"));
  CHECK(r.matches.empty());
  REQUIRE(r.nearest.size() >= 1);
  CHECK(r.nearest[0].entry->id == "FB904");
  CHECK(r.nearest[0].shared_words == std::vector<std::string>{"closed", "send"});
  CHECK(MatchErrorText(catalog, NormalizeErrorText("zzz qqq")).nearest.empty());
}

}  // namespace lint
