// Every output format over the one rich render fixture (fixtures/render/):
// fixtures/render/expected.<ext> is the exact report, tool version redacted.
// Also pins how `lint --format F[:FILE]` reaches the renderers.
#include <filesystem>
#include <sstream>

#include <doctest/doctest.h>

#include "lint/cli/cli.h"
#include "lint/diag/renderer.h"
#include "tests/golden.h"
#include "tests/recording_file_system.h"
#include "tests/render_fixture.h"

namespace lint {

namespace fs = std::filesystem;

namespace {

struct CliRun {
  int status = -1;
  std::string out, err;
};

CliRun RunCli(std::vector<std::string> args, FileSystem& file_system) {
  std::vector<std::string_view> views(args.begin(), args.end());
  std::ostringstream out, err;
  CliRun run;
  run.status = cli::Run(views, file_system, out, err, testing::kRenderFixtureNow);
  run.out = out.str();
  run.err = err.str();
  return run;
}

}  // namespace

TEST_CASE("RenderGoldens: every format renders the render fixture exactly as its golden") {
  auto fx = testing::LoadRenderFixture();
  ReportInput input = fx->Input();
  for (const RendererInfo& r : AllRenderers()) {
    INFO("format " << std::string(r.name));
    std::string report = r.render(input);
    CHECK(report.ends_with("\n"));
    testing::CheckGolden(testing::SourceDir() / "fixtures/render" / ("expected" + std::string(r.extension)),
                         testing::RedactVersion(report));
  }
}

namespace {

// Markdown text outside code spans (where CommonMark reads no markup).
std::string OutsideCodeSpans(const std::string& md) {
  std::string out;
  for (size_t i = 0; i < md.size();) {
    if (md[i] != '`') {
      out += md[i++];
      continue;
    }
    size_t run = md.find_first_not_of('`', i) - i;
    size_t close = md.find(std::string(run, '`'), i + run);
    if (close == std::string::npos) return out + md.substr(i);
    i = close + run;
  }
  return out;
}

}  // namespace

TEST_CASE("RenderGoldens: no format lets the fixture's markup through unescaped") {
  auto fx = testing::LoadRenderFixture();
  ReportInput input = fx->Input();
  for (std::string name : {"junit", "html", "markdown"}) {
    INFO("format " << name);
    std::string report = FindRenderer(name)->render(input);
    if (name == "markdown") report = OutsideCodeSpans(report);
    CHECK(report.find("<script>") == std::string::npos);
    CHECK(report.find("<img") == std::string::npos);
  }
}

TEST_CASE("RenderGoldens: lint writes several formats in one run, each to its own file") {
  fs::path dir = testing::FreshTempDir("hybridlint-render-cli");
  std::string sarif = (dir / "out.sarif").string(), junit = (dir / "out.junit.xml").string();
  testing::RecordingFileSystem file_system;
  CliRun run = RunCli({"lint", "fixtures/render/snapshot", "--now", testing::kRenderFixtureNow, "--select",
                       "ORG,IOC,VDR,RCP003,RCP005", "--format", "sarif:" + sarif, "--format", "junit:" + junit,
                       "--format", "markdown"},
                      file_system);
  CHECK(run.status == 1);  // the fixture has errors
  CHECK(file_system.writes == std::vector<std::string>{sarif, junit});
  std::string sarif_text = testing::ReadFile(sarif);
  CHECK(sarif_text.starts_with("{\n  \"$schema\""));
  CHECK(sarif_text.find("\"ruleId\": \"ORG003\"") != std::string::npos);
  CHECK(testing::ReadFile(junit).starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
  CHECK(run.out.starts_with("### hybridlint: "));
  fs::remove_all(dir);
}

TEST_CASE("RenderGoldens: lint refuses two formats on standard output, two on one file, and unknown formats") {
  testing::RecordingFileSystem file_system;
  CliRun both = RunCli({"lint", "fixtures/render/snapshot", "--format", "json", "--format", "sarif"}, file_system);
  CHECK(both.status == 2);
  CHECK(both.err ==
        "hybridlint: only one --format can write to standard output; give the others a file (--format sarif:FILE)\n"
        "run 'hybridlint help' for usage\n");
  CliRun same = RunCli({"lint", "fixtures/render/snapshot", "--format", "json:a.json", "--format", "sarif:a.json"},
                       file_system);
  CHECK(same.status == 2);
  CHECK(same.err == "hybridlint: two --format options write to 'a.json'\nrun 'hybridlint help' for usage\n");
  CliRun unknown = RunCli({"lint", "fixtures/render/snapshot", "--format", "sarf"}, file_system);
  CHECK(unknown.status == 2);
  CHECK(unknown.err ==
        "hybridlint: unknown --format 'sarf' (expected text, json, sarif, junit, markdown, html) (did you mean "
        "'sarif'?)\nrun 'hybridlint help' for usage\n");
  CliRun empty = RunCli({"lint", "fixtures/render/snapshot", "--format", "html:"}, file_system);
  CHECK(empty.status == 2);
  CHECK(empty.err == "hybridlint: --format html: needs a file name after ':'\nrun 'hybridlint help' for usage\n");
  CHECK(file_system.writes.empty());
}

TEST_CASE("RenderGoldens: an unwritable report path is exit 2 and leaves no file") {
  fs::path dir = testing::FreshTempDir("hybridlint-render-unwritable");
  std::string target = (dir / "missing-dir" / "report.html").string();
  RealFileSystem real;
  CliRun run = RunCli({"lint", "fixtures/render/snapshot", "--format", "html:" + target}, real);
  CHECK(run.status == 2);
  CHECK(run.err.starts_with("hybridlint: "));
  CHECK(!fs::exists(dir / "missing-dir"));
  CHECK(fs::is_empty(dir));
  fs::remove_all(dir);
}

}  // namespace lint
