// fixtures/paths/<case>/ -> <case>.expected: which mechanism each
// free/busy direction takes (seed 002), as the text report shows it.
#include <algorithm>
#include <filesystem>

#include <doctest/doctest.h>

#include "lint/diag/render.h"
#include "lint/model/snapshot_loader.h"
#include "lint/rules/engine.h"
#include "tests/golden.h"

namespace lint {

namespace fs = std::filesystem;

TEST_CASE("Paths: each case resolves both free/busy directions as its golden says") {
  fs::path root = testing::SourceDir();
  fs::current_path(root);
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(root / "fixtures" / "paths")) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  CHECK(cases.size() >= 6);
  for (const fs::path& c : cases) {
    INFO("paths case " << c.filename().string());
    RealFileSystem real;
    DiagnosticSink sink;
    Snapshot snapshot = LoadSnapshot({fs::relative(c, root).generic_string()}, real, LoadOptions{}, sink);
    REQUIRE_MESSAGE(!sink.has_errors(), RenderDiagnostics(sink.diagnostics(), &snapshot.sources));
    LintResult result = RunRules({}, snapshot, EngineOptions{"2026-11-22"});
    TextOptions options;
    options.findings = false;
    options.not_evaluated = false;
    options.summary = false;
    testing::CheckGolden(c.string() + ".expected", RenderText(result, snapshot, options));
  }
}

}  // namespace lint
