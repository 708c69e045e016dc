// The bundled examples, run through the real binary (README Quick start):
// examples/<name>.expected is the exact output of
// `hybridlint lint examples/<name> --now 2026-11-22`, and the README shows
// the broken example's output verbatim between markers.
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <doctest/doctest.h>

#include "tests/golden.h"

namespace lint {

namespace {

struct Run {
  std::string output;
  int status = -1;
};

Run RunBinary(const std::string& args) {
  std::string command = std::string("cd '") + HYBRIDLINT_SOURCE_DIR + "' && '" + HYBRIDLINT_BINARY + "' " + args + " 2>&1";
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.output.append(buffer.data(), n);
  int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace

TEST_CASE("Examples: the healthy contoso example lints clean with the real binary") {
  Run run = RunBinary("lint examples/contoso --now 2026-11-22");
  testing::CheckGolden(testing::SourceDir() / "examples" / "contoso.expected", run.output);
  CHECK(run.status == 0);
}

TEST_CASE("Examples: the broken contoso example reports its breakages and exits 1") {
  Run run = RunBinary("lint examples/contoso-broken --now 2026-11-22");
  testing::CheckGolden(testing::SourceDir() / "examples" / "contoso-broken.expected", run.output);
  CHECK(run.status == 1);
}

TEST_CASE("Examples: the README shows the broken example's output as it is") {
  std::string readme = testing::ReadFile(testing::SourceDir() / "README.md");
  const std::string begin = "<!-- contoso-broken output: begin -->\n```text\n";
  const std::string end = "```\n<!-- contoso-broken output: end -->";
  auto b = readme.find(begin);
  auto e = readme.find(end);
  REQUIRE_MESSAGE(b != std::string::npos, "README.md lacks the contoso-broken output block");
  REQUIRE(e != std::string::npos);
  std::string shown = readme.substr(b + begin.size(), e - b - begin.size());
  std::string actual = testing::ReadFile(testing::SourceDir() / "examples" / "contoso-broken.expected");
  CHECK_MESSAGE(shown == actual, "update the README block from examples/contoso-broken.expected");
}

}  // namespace lint
