#include "lint/cli/cli.h"

#include <filesystem>
#include <sstream>

#include <unistd.h>

#include <doctest/doctest.h>

#include "tests/golden.h"
#include "tests/recording_file_system.h"

namespace lint {

namespace fs = std::filesystem;

namespace {

int RunCli(std::vector<std::string_view> args, FileSystem& file_system, std::string& out, std::string& err) {
  std::ostringstream o, e;
  int status = cli::Run(args, file_system, o, e, "2026-11-22");
  out = o.str();
  err = e.str();
  return status;
}

}  // namespace

TEST_CASE("Cli: lint reads the inputs and writes nothing") {
  fs::current_path(testing::SourceDir());
  testing::RecordingFileSystem recording;
  std::string out, err;
  RunCli({"lint", "examples/contoso"}, recording, out, err);
  CHECK(recording.writes.empty());
  CHECK(recording.reads.size() >= 20);
}

TEST_CASE("Cli: --format json:FILE writes the whole report to FILE and nothing to stdout") {
  fs::current_path(testing::SourceDir());
  fs::path dir = fs::temp_directory_path() / ("hybridlint-cli-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string target = (dir / "report.json").string();
  testing::RecordingFileSystem recording;
  std::string out, err;
  std::string flag = "json:" + target;
  RunCli({"lint", "examples/contoso", "--format", flag}, recording, out, err);
  CHECK(out.empty());
  REQUIRE(recording.writes == std::vector<std::string>{target});
  std::string written = testing::ReadFile(target);
  CHECK(written.starts_with("{\n  \"tool\""));
  CHECK(written.ends_with("}\n"));
  // Nothing else (no temporary file) is left in the directory.
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  CHECK(entries == 1);
  fs::remove_all(dir);
}

TEST_CASE("Cli: an unwritable output path is exit 2 and leaves no file") {
  fs::current_path(testing::SourceDir());
  testing::RecordingFileSystem recording;
  std::string out, err;
  int status = RunCli({"lint", "examples/contoso", "--format", "json:/nonexistent-dir/report.json"}, recording, out, err);
  CHECK(status == 2);
  CHECK(err.find("cannot write '/nonexistent-dir/report.json'") != std::string::npos);
  CHECK(!fs::exists("/nonexistent-dir/report.json"));
}

TEST_CASE("Cli: input errors exit 2 whatever --fail-on says") {
  fs::current_path(testing::SourceDir());
  testing::RecordingFileSystem recording;
  std::string out, err;
  int status = RunCli({"lint", "--fail-on", "never", "fixtures/bad-input/malformed.xml"}, recording, out, err);
  CHECK(status == 2);
  CHECK(err.find("fixtures/bad-input/malformed.xml:7:5: error[LINT-IMPORT]") != std::string::npos);
}

}  // namespace lint
