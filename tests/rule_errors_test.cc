// fixtures/rule-errors/<case>.yaml -> <case>.expected: the loader's exact
// diagnostics for broken rule files (file:line:col, did-you-mean).
#include <algorithm>
#include <filesystem>

#include <doctest/doctest.h>

#include "lint/diag/render.h"
#include "lint/rules/rule_loader.h"
#include "tests/golden.h"

namespace lint {

namespace fs = std::filesystem;

TEST_CASE("RuleErrors: every broken rule file gives its exact diagnostics and no rule") {
  fs::path dir = testing::SourceDir() / "fixtures" / "rule-errors";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  CHECK(files.size() >= 8);
  for (const fs::path& f : files) {
    INFO("rule file " << f.filename().string());
    DiagnosticSink sink;
    std::vector<Rule> rules =
        LoadRules({RuleSource{"rule-errors/" + f.filename().string(), testing::ReadFile(f), false}}, sink);
    CHECK(rules.empty());
    CHECK(sink.has_errors());
    fs::path golden = f;
    golden.replace_extension(".expected");
    testing::CheckGolden(golden, RenderDiagnostics(sink.diagnostics(), nullptr));
  }
}

}  // namespace lint
