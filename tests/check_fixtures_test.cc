// Every rule x every case in its fixture folder, the rule alone, against
// the exact golden text (checks/README.md "Fixtures").
#include <algorithm>
#include <filesystem>

#include <doctest/doctest.h>

#include "lint/diag/render.h"
#include "lint/model/snapshot_loader.h"
#include "lint/rules/engine.h"
#include "lint/rules/rule_loader.h"
#include "tests/golden.h"

namespace lint {
namespace {

namespace fs = std::filesystem;

/// The date every fixture is evaluated at, so expiry rules are stable.
constexpr const char* kFixtureNow = "2026-11-22";

std::string RunCase(const Rule& rule, const fs::path& case_path, const fs::path& root) {
  RealFileSystem real;
  DiagnosticSink sink;
  std::string rel = fs::relative(case_path, root).generic_string();
  Snapshot snapshot = LoadSnapshot({rel}, real, LoadOptions{}, sink);
  std::string out = RenderDiagnostics(sink.diagnostics(), &snapshot.sources);
  LintResult result = RunRules({&rule}, snapshot, EngineOptions{kFixtureNow});
  TextOptions options;
  options.paths = false;
  options.summary = false;
  out += RenderText(result, snapshot, options);
  // Paths relative to the rule's fixture folder.
  std::string prefix = fs::relative(case_path.parent_path(), root).generic_string() + "/";
  return testing::ReplaceAll(out, prefix, "");
}

}  // namespace

TEST_CASE("CheckFixtures: every rule matches the golden of each of its fixture cases") {
  fs::path root = testing::SourceDir();
  fs::current_path(root);
  DiagnosticSink sink;
  std::vector<Rule> rules = LoadRules(BuiltinRuleSources(), sink);
  REQUIRE_MESSAGE(sink.diagnostics().empty(), RenderDiagnostics(sink.diagnostics(), nullptr));
  for (const Rule& rule : rules) {
    fs::path dir = root / "fixtures" / "checks" / rule.category / rule.name;
    if (!fs::is_directory(dir)) continue;  // the catalog test reports it
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".expected") continue;
      cases.push_back(entry.path());
    }
    std::sort(cases.begin(), cases.end());
    for (const fs::path& c : cases) {
      std::string stem = c.filename().string();
      if (!fs::is_directory(c)) stem = c.stem().string();
      INFO("rule " << rule.id << " " << rule.name << ", case " << stem);
      testing::CheckGolden(dir / (stem + ".expected"), RunCase(rule, c, root));
    }
  }
}

}  // namespace lint
