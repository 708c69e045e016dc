// fixtures/fuzz-regressions/<target>/<case>.<ext> -> <case>.expected: every input
// a fuzzer found a bug with, replayed through its target's entry function
// (fuzz/fuzz_targets.h, the code the fuzz binaries run), with no invariant
// broken and the exact outcome users get pinned. Also: a catastrophic-
// backtracking pattern in a user rule runs in linear time (RE2).
#include <algorithm>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "fuzz/fuzz_targets.h"
#include "lint/model/snapshot_loader.h"
#include "lint/rules/engine.h"
#include "lint/rules/rule_loader.h"
#include "tests/golden.h"

namespace lint {

namespace fs = std::filesystem;

namespace {

/// The inputs of one folder, sorted, without their goldens.
std::vector<fs::path> Inputs(const fs::path& dir) {
  std::vector<fs::path> inputs;
  if (!fs::is_directory(dir)) return inputs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".expected") inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

/// Replays one input; a broken invariant fails the test unless `reported`.
void Replay(const fuzz::FuzzTarget& target, const fs::path& input, bool reported) {
  INFO("fuzz target " << target.name << ", input " << input.string());
  fuzz::FuzzOutcome outcome = target.run(testing::ReadFile(input));
  for (const std::string& violation : outcome.violations) {
    if (reported) {
      MESSAGE("still open (reported): " << violation);
    } else {
      CHECK_MESSAGE(false, violation);
    }
  }
  fs::path golden = input;
  golden.replace_extension(".expected");
  testing::CheckGolden(golden, outcome.summary + "\n");
}

}  // namespace

// fixtures/fuzz-regressions/<target>/: fixed bugs, which must stay fixed.
// fixtures/fuzz-regressions/reported/<target>/: bugs found in code this
// work may not change, reported to its owners; replayed (they must not
// crash) with their invariant violations shown, not failed. Once fixed,
// an input moves up to <target>/.
TEST_CASE("FuzzRegressions: every kept crash input runs to its expected outcome") {
  fs::path root = testing::SourceDir() / "fixtures" / "fuzz-regressions";
  size_t cases = 0;
  for (const fuzz::FuzzTarget& target : fuzz::kFuzzTargets) {
    for (const fs::path& input : Inputs(root / target.name)) {
      Replay(target, input, false);
      ++cases;
    }
    for (const fs::path& input : Inputs(root / "reported" / target.name)) Replay(target, input, true);
  }
  // Every folder is a known target: a renamed target must not silently
  // stop replaying its inputs.
  for (const fs::path& dir : {root, root / "reported"}) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::string name = entry.path().filename().string();
      if (!entry.is_directory() || (dir == root && name == "reported")) continue;
      INFO("folder " << entry.path().string());
      CHECK(fuzz::FindFuzzTarget(name) != nullptr);
    }
  }
  CHECK(cases > 0);
}

TEST_CASE("FuzzRegressions: fuzz/CMakeLists.txt and fuzz/fuzz.sh build and run every target") {
  std::string names;
  for (const fuzz::FuzzTarget& target : fuzz::kFuzzTargets) {
    names += (names.empty() ? "" : " ") + std::string(target.name);
  }
  std::string cmake = testing::ReadFile(testing::SourceDir() / "fuzz" / "CMakeLists.txt");
  std::string script = testing::ReadFile(testing::SourceDir() / "fuzz" / "fuzz.sh");
  CHECK(cmake.find("set(FUZZ_TARGETS " + names + ")") != std::string::npos);
  CHECK(script.find("targets=(" + names + ")") != std::string::npos);
}

TEST_CASE("FuzzRegressions: the snapshot archive splits into its files") {
  auto files = fuzz::SplitArchive("@@@ onprem/a.xml\n<Objs/>\n@@@ cloud/b.json\n{}");
  REQUIRE(files.size() == 2);
  CHECK(files[0] == std::pair<std::string, std::string>("onprem/a.xml", "<Objs/>"));
  CHECK(files[1] == std::pair<std::string, std::string>("cloud/b.json", "{}"));
  auto plain = fuzz::SplitArchive("Name : x\n");
  REQUIRE(plain.size() == 1);
  CHECK(plain[0].first == "input.txt");
  CHECK(fuzz::SplitArchive("@@@ x").size() == 1);
}

TEST_CASE("FuzzRegressions: IsValidUtf8 accepts UTF-8 and nothing else") {
  CHECK(fuzz::IsValidUtf8("plain ASCII"));
  CHECK(fuzz::IsValidUtf8("caf\xC3\xA9 \xE2\x80\xA6 \xF0\x9F\x98\x80"));
  CHECK_FALSE(fuzz::IsValidUtf8("\xC3"));              // cut off
  CHECK_FALSE(fuzz::IsValidUtf8("\xC0\xAF"));          // overlong
  CHECK_FALSE(fuzz::IsValidUtf8("\xED\xA0\x80"));      // surrogate U+D800
  CHECK_FALSE(fuzz::IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK_FALSE(fuzz::IsValidUtf8("\xE2\x80"));          // cut off
}

// `(a+)+$` against "aaa...ab" takes exponential time in a backtracking
// engine. Rule patterns go through RE2, which is linear: the run returns,
// and with the right answer (the string of a's matches, the one ending in
// b does not).
TEST_CASE("FuzzRegressions: a catastrophic-backtracking pattern in a user rule runs in linear time") {
  const std::string rule = R"(id: POL901
severity: warning
path: any
direction: both
applies_to: {kind: OrganizationRelationship, side: cloud}
assert:
  property: TargetApplicationUri
  matches: '(a+)+$'
message: "organization relationship '{object}' has a TargetApplicationUri that does not end in a's"
fix: "Set-OrganizationRelationship -Identity '{object}' -TargetApplicationUri aaa"
docs:
  what: A pattern that backtracking engines take exponential time on.
  why: Every pattern from a user goes through RE2, which runs in linear time.
  references: ["issue 6"]
)";
  DiagnosticSink rule_sink;
  std::vector<Rule> rules = LoadRules({RuleSource{"rules/backtracking.yaml", rule, false}}, rule_sink);
  INFO(RenderDiagnostics(rule_sink.diagnostics(), nullptr));
  REQUIRE(rules.size() == 1);

  const std::string as(50000, 'a');
  fuzz::MemoryFileSystem fs;
  fs.files["snap/cloud/Get-OrganizationRelationship.yaml"] =
      "side: cloud\nobjects:\n"
      "  - kind: OrganizationRelationship\n    properties:\n      Name: ends-in-b\n"
      "      TargetApplicationUri: " + as + "b\n"
      "  - kind: OrganizationRelationship\n    properties:\n      Name: only-a\n"
      "      TargetApplicationUri: " + as + "\n";
  DiagnosticSink sink;
  Snapshot snapshot = LoadSnapshot({"snap"}, fs, LoadOptions{}, sink);
  INFO(RenderDiagnostics(sink.diagnostics(), &snapshot.sources));
  REQUIRE_FALSE(sink.has_errors());
  REQUIRE(snapshot.objects.size() == 2);

  LintResult result = RunRules({&rules[0]}, snapshot, EngineOptions{"2026-11-22"});
  REQUIRE(result.findings.size() == 1);
  CHECK(result.findings[0].object == "ends-in-b");
  CHECK(result.findings[0].rule->id == "POL901");
  CHECK(result.passed == 1);
  CHECK(result.not_evaluated.empty());
}

}  // namespace lint
