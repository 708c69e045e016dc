// fixtures/importers/<format>/<case>.<ext> -> <case>.dump: the canonical
// snapshot dump (or the import errors) of that one file.
#include <algorithm>
#include <filesystem>
#include <set>

#include <doctest/doctest.h>

#include "lint/diag/render.h"
#include "lint/model/snapshot_dump.h"
#include "lint/model/snapshot_loader.h"
#include "tests/golden.h"

namespace lint {

namespace fs = std::filesystem;

std::string DumpFixture(const fs::path& file, const fs::path& root) {
  RealFileSystem real;
  DiagnosticSink sink;
  std::string rel = fs::relative(file, root).generic_string();
  Snapshot snapshot = LoadSnapshot({rel}, real, LoadOptions{}, sink);
  std::string out = RenderDiagnostics(sink.diagnostics(), &snapshot.sources) + DumpText(snapshot);
  return testing::ReplaceAll(out, fs::relative(file.parent_path(), root).generic_string() + "/", "");
}

TEST_CASE("ImporterGoldens: every importer fixture dumps to its golden") {
  fs::path root = testing::SourceDir();
  fs::current_path(root);
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root / "fixtures" / "importers")) {
    if (!entry.is_regular_file() || entry.path().extension() == ".dump") continue;
    if (entry.path().parent_path().filename() == "cross-format") continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  CHECK(files.size() >= 20);
  for (const fs::path& f : files) {
    INFO("fixture " << f.string());
    fs::path golden = f;
    golden.replace_extension(".dump");
    testing::CheckGolden(golden, DumpFixture(f, root));
  }
}

TEST_CASE("ImporterGoldens: one object set in all five formats dumps to identical properties") {
  fs::path root = testing::SourceDir();
  fs::current_path(root);
  fs::path dir = root / "fixtures" / "importers" / "cross-format";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() != ".dump" && entry.path().extension() != ".md") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 5);
  std::set<std::string> formats;
  std::string reference;
  fs::path reference_file;
  RealFileSystem real;
  for (const fs::path& f : files) {
    DiagnosticSink sink;
    Snapshot snapshot = LoadSnapshot({fs::relative(f, root).generic_string()}, real, LoadOptions{}, sink);
    REQUIRE_MESSAGE(!sink.has_errors(), RenderDiagnostics(sink.diagnostics(), &snapshot.sources));
    formats.insert(snapshot.inputs.at(0).format);
    // Properties only: locations and formats differ by design.
    nlohmann::ordered_json objects = DumpJson(snapshot)["objects"];
    for (auto& o : objects) o.erase("location");
    // Property order follows each file; compare as sorted maps.
    std::string text = nlohmann::json::parse(objects.dump()).dump(2);
    if (reference.empty()) {
      reference = text;
      reference_file = f;
      testing::CheckGolden(dir / "objects.json.dump", text + "\n");
    } else {
      INFO(f.filename().string() << " differs from " << reference_file.filename().string());
      CHECK(text == reference);
    }
  }
  CHECK(formats == std::set<std::string>{"clixml", "json", "format-list", "csv", "yaml"});
}

}  // namespace lint
