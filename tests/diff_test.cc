// fixtures/diff/<case>/{old,new}/ -> expected.txt, expected.json,
// expected.md and status: `hybridlint diff` end to end, in process, with
// the same --now for both runs. A case whose run exits 2 pins
// expected.stderr instead (and prints nothing on stdout).
#include <algorithm>
#include <filesystem>
#include <sstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "lint/cli/cli.h"
#include "tests/golden.h"
#include "tests/recording_file_system.h"

namespace lint {

namespace fs = std::filesystem;

namespace {

struct RunResult {
  int status = 0;
  std::string out, err;
  std::vector<std::string> writes;
};

RunResult RunDiff(std::vector<std::string> args) {
  args.insert(args.begin(), "diff");
  std::vector<std::string_view> views(args.begin(), args.end());
  std::ostringstream out, err;
  testing::RecordingFileSystem file_system;
  RunResult r;
  r.status = cli::Run(views, file_system, out, err, "2026-11-22");
  r.out = out.str();
  r.err = err.str();
  r.writes = file_system.writes;
  return r;
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(testing::SourceDir() / "fixtures" / "diff")) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

// Extra arguments for a case, one per line, from its optional `args` file.
std::vector<std::string> ExtraArgs(const fs::path& dir) {
  std::vector<std::string> args;
  std::stringstream ss(testing::ReadFile(dir / "args"));
  std::string line;
  while (std::getline(ss, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) args.push_back(line);
  }
  return args;
}

}  // namespace

TEST_CASE("DiffGoldens: every case matches its text, JSON and Markdown output and exit status") {
  fs::path root = testing::SourceDir();
  fs::current_path(root);
  std::vector<fs::path> cases = Cases();
  CHECK(cases.size() >= 7);
  for (const fs::path& dir : cases) {
    std::string name = dir.filename().string();
    INFO("diff case " << name);
    std::string rel = "fixtures/diff/" + name;
    std::vector<std::string> args = {rel + "/old", rel + "/new", "--now", "2026-11-22"};
    std::vector<std::string> extra = ExtraArgs(dir);
    args.insert(args.end(), extra.begin(), extra.end());

    RunResult text = RunDiff(args);
    CHECK(text.writes.empty());  // nothing is ever written next to the inputs
    testing::CheckGolden(dir / "status", std::to_string(text.status) + "\n");
    if (text.status == 2) {
      CHECK(text.out.empty());
      testing::CheckGolden(dir / "expected.stderr", text.err);
      continue;
    }
    CHECK(text.err.empty());
    testing::CheckGolden(dir / "expected.txt", text.out);

    std::vector<std::string> json_args = args;
    json_args.insert(json_args.end(), {"--format", "json"});
    RunResult json = RunDiff(json_args);
    CHECK(json.status == text.status);
    testing::CheckGolden(dir / "expected.json", json.out);

    std::vector<std::string> md_args = args;
    md_args.insert(md_args.end(), {"--format", "markdown"});
    RunResult md = RunDiff(md_args);
    CHECK(md.status == text.status);
    testing::CheckGolden(dir / "expected.md", md.out);
  }
}

TEST_CASE("DiffGoldens: renamed and reformatted exports show no change at all") {
  fs::current_path(testing::SourceDir());
  for (const char* name : {"renamed-files", "reformatted-exports"}) {
    INFO("diff case " << name);
    std::string rel = std::string("fixtures/diff/") + name;
    RunResult r = RunDiff({rel + "/old", rel + "/new", "--now", "2026-11-22", "--format", "json"});
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["changes"].empty());
    CHECK(j["not_compared"].empty());
    CHECK(j["findings_introduced"].empty());
    CHECK(j["findings_resolved"].empty());
    CHECK(j["findings_severity_changed"].empty());
    CHECK(j["paths"]["changed"].empty());
    CHECK(j["summary"]["objects"]["matched"] == 5);
  }
}

TEST_CASE("DiffGoldens: the OAuth-to-DAuth case fails the gate through a raised finding") {
  fs::current_path(testing::SourceDir());
  std::string rel = "fixtures/diff/oauth-to-dauth";
  RunResult r = RunDiff({rel + "/old", rel + "/new", "--now", "2026-11-22", "--format", "json"});
  CHECK(r.status == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["paths"]["old"]["cloud_to_onprem"]["mechanism"] == "oauth");
  CHECK(j["paths"]["new"]["cloud_to_onprem"]["mechanism"] == "dauth");
  REQUIRE(j["findings_severity_changed"].size() == 1);
  CHECK(j["findings_severity_changed"][0]["old_severity"] == "info");
  CHECK(j["findings_severity_changed"][0]["severity"] == "error");
  // --fail-on never: the same report, exit 0.
  RunResult never = RunDiff({rel + "/old", rel + "/new", "--now", "2026-11-22", "--fail-on", "never"});
  CHECK(never.status == 0);
}

TEST_CASE("Diff: usage errors exit 2 with a message") {
  fs::current_path(testing::SourceDir());
  RunResult one = RunDiff({"fixtures/diff/renamed-files/old"});
  CHECK(one.status == 2);
  CHECK(one.err ==
        "hybridlint: diff needs two snapshots, OLD and NEW (directories or export files), found 1\n"
        "run 'hybridlint help' for usage\n");
  RunResult format = RunDiff({"fixtures/diff/renamed-files/old", "fixtures/diff/renamed-files/new", "--format", "markdwn"});
  CHECK(format.status == 2);
  CHECK(format.err ==
        "hybridlint: unknown --format 'markdwn' (expected text, json or markdown) (did you mean 'markdown'?)\n"
        "run 'hybridlint help' for usage\n");
  RunResult now = RunDiff({"fixtures/diff/renamed-files/old", "fixtures/diff/renamed-files/new", "--now", "22.11.2026"});
  CHECK(now.status == 2);
  CHECK(now.err == "hybridlint: --now expects a date YYYY-MM-DD, found '22.11.2026'\nrun 'hybridlint help' for usage\n");
  RunResult missing = RunDiff({"fixtures/diff/renamed-files/old", "fixtures/diff/no-such-snapshot"});
  CHECK(missing.status == 2);
  CHECK(missing.err == "fixtures/diff/no-such-snapshot: error[LINT-IMPORT]: no such file or directory\n");
  CHECK(missing.out.empty());
  // A directory without a single export is not "everything was removed".
  fs::path empty = fs::temp_directory_path() / "hybridlint-diff-test-empty";
  fs::remove_all(empty);
  fs::create_directories(empty / "onprem");
  RunResult nothing = RunDiff({"fixtures/diff/renamed-files/old", empty.string()});
  CHECK(nothing.status == 2);
  CHECK(nothing.err == "hybridlint: NEW (" + empty.string() +
                           ") holds no exports: expected a snapshot directory or export files\n");
  CHECK(nothing.out.empty());
  fs::remove_all(empty);
}

TEST_CASE("Diff: --format json:FILE writes the report whole, and only there") {
  fs::current_path(testing::SourceDir());
  fs::path target = fs::temp_directory_path() / "hybridlint-diff-test-report.json";
  fs::remove(target);
  std::string rel = "fixtures/diff/object-removed";
  RunResult r = RunDiff({rel + "/old", rel + "/new", "--now", "2026-11-22", "--format", "json:" + target.string(),
                         "--format", "text"});
  CHECK(r.status == 0);
  REQUIRE(r.writes.size() == 1);
  CHECK(r.writes[0] == target.string());
  auto j = nlohmann::json::parse(testing::ReadFile(target));
  CHECK(j["changes"].size() == 1);
  CHECK(j["changes"][0]["change"] == "removed");
  CHECK(r.out.starts_with("OLD: fixtures/diff/object-removed/old"));
  fs::remove(target);
}

}  // namespace lint
