#include "lint/batch/batch.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <doctest/doctest.h>

#include "lint/cli/cli.h"
#include "lint/diag/render.h"
#include "lint/source/file_system.h"
#include "tests/golden.h"

namespace lint::batch {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> Names(const std::vector<Organization>& orgs) {
  std::vector<std::string> names;
  for (const Organization& o : orgs) names.push_back(o.name);
  return names;
}

fs::path TempDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("hybridlint-batch-test-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

struct CliRun {
  int status = -1;
  std::string out, err;
};

CliRun RunCli(std::vector<std::string> args) {
  std::vector<std::string_view> views(args.begin(), args.end());
  std::ostringstream out, err;
  RealFileSystem real;
  CliRun run;
  run.status = cli::Run(views, real, out, err, "2026-11-22");
  run.out = out.str();
  run.err = err.str();
  return run;
}

}  // namespace

TEST_CASE("Batch: organizations are the subdirectories, sorted by name, hidden ones and files skipped") {
  fs::current_path(testing::SourceDir());
  RealFileSystem real;
  auto orgs = DiscoverOrganizations("fixtures/batch/orgs/", real);
  REQUIRE(orgs.has_value());
  CHECK(Names(*orgs) == std::vector<std::string>{"contoso", "contoso-broken", "northwind-unreadable"});
  CHECK(orgs->front().path == "fixtures/batch/orgs/contoso");

  fs::path dir = TempDir("order");
  for (const char* name : {"b", "B", "a-2", "a_1", "a", ".git", "Zeta"}) fs::create_directories(dir / name);
  std::ofstream(dir / "c.txt") << "not a directory\n";
  auto sorted = DiscoverOrganizations(dir.string(), real);
  REQUIRE(sorted.has_value());
  // Byte order: upper case before lower case, '-' before '_'.
  CHECK(Names(*sorted) == std::vector<std::string>{"B", "Zeta", "a", "a-2", "a_1", "b"});
}

TEST_CASE("Batch: a missing directory, a file or a directory without subdirectories is an error") {
  fs::current_path(testing::SourceDir());
  RealFileSystem real;
  auto missing = DiscoverOrganizations("fixtures/batch/no-such-dir", real);
  REQUIRE(!missing);
  CHECK(missing.error() == "--each: no directory 'fixtures/batch/no-such-dir'");
  auto file = DiscoverOrganizations("fixtures/batch/orgs/README.md", real);
  REQUIRE(!file);
  CHECK(file.error().find("is not a directory") != std::string::npos);
  auto flat = DiscoverOrganizations("fixtures/batch/orgs/contoso/onprem", real);
  REQUIRE(!flat);
  CHECK(flat.error().find("has no subdirectory") != std::string::npos);
}

TEST_CASE("Batch: reports come back in the organizations' order whatever the jobs and finishing order") {
  std::vector<Organization> orgs;
  for (int i = 0; i < 12; ++i) orgs.push_back({"org" + std::to_string(i), "dir/org" + std::to_string(i)});
  auto lint_one = [](const Organization& o) {
    // Early organizations finish last.
    int n = std::stoi(o.name.substr(3));
    std::this_thread::sleep_for(std::chrono::milliseconds((12 - n) * 2));
    OrgReport r;
    r.org = o;
    r.ok = n % 5 != 3;
    r.text = "report of " + o.name + "\n";
    return r;
  };
  for (size_t jobs : {1u, 3u, 12u, 50u}) {
    INFO("jobs " << jobs);
    std::vector<std::string> order;
    auto reports = RunEach(orgs, jobs, lint_one, [&](const OrgReport& r) { order.push_back(r.org.name); }, nullptr);
    REQUIRE(reports.size() == orgs.size());
    for (size_t i = 0; i < orgs.size(); ++i) {
      CHECK(reports[i].org.name == orgs[i].name);
      CHECK(order[i] == orgs[i].name);
      CHECK(reports[i].text == "report of " + orgs[i].name + "\n");
    }
    CHECK(Totals(reports).broken == 2);
  }
}

TEST_CASE("Batch: at most `jobs` organizations are linted at once") {
  std::vector<Organization> orgs(20, Organization{"o", "d/o"});
  std::atomic<int> running = 0, peak = 0;
  auto lint_one = [&](const Organization& o) {
    int now = ++running;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {}
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --running;
    OrgReport r;
    r.org = o;
    r.ok = true;
    return r;
  };
  RunEach(orgs, 3, lint_one, nullptr, nullptr);
  CHECK(peak.load() <= 3);
  CHECK(peak.load() >= 1);
}

TEST_CASE("Batch: the progress bar is drawn and cleared on a terminal, never elsewhere") {
  std::ostringstream off;
  Progress quiet(off, false, 4);
  quiet.Update(1, 0);
  quiet.Clear();
  CHECK(off.str().empty());

  std::ostringstream on;
  Progress bar(on, true, 4);
  bar.Update(1, 0);
  CHECK(on.str() == "\r[#####...............] 1/4 organizations");
  bar.Update(4, 1);
  CHECK(on.str().ends_with("\r[####################] 4/4 organizations, 1 broken"));
  on.str("");
  bar.Clear();
  CHECK(on.str() == "\r" + std::string(50, ' ') + "\r");
  on.str("");
  bar.Clear();  // nothing on screen any more
  CHECK(on.str().empty());

  // RunEach clears the bar before an organization's diagnostics and at the end.
  std::ostringstream run_out;
  Progress run_bar(run_out, true, 2);
  std::vector<Organization> orgs = {{"a", "d/a"}, {"b", "d/b"}};
  RunEach(orgs, 2,
          [](const Organization& o) {
            OrgReport r;
            r.org = o;
            r.ok = o.name == "a";
            r.diagnostics = o.name == "b" ? "d/b/x.xml: error\n" : "";
            return r;
          },
          [&](const OrgReport& r) { run_out << r.diagnostics; }, &run_bar);
  std::string expected = "\r[....................] 0/2 organizations" + std::string("\r[##########..........] 1/2 organizations") +
                         "\r" + std::string(40, ' ') + "\r" + "d/b/x.xml: error\n" +
                         "\r[####################] 2/2 organizations, 1 broken" + "\r" + std::string(50, ' ') + "\r";
  CHECK(run_out.str() == expected);
}

TEST_CASE("Batch: the error lines of a broken organization's diagnostics") {
  CHECK(ErrorLines("a.xml:3:1: error[LINT-IMPORT]: truncated\n  |\n3 | <Obj\n  | ^\n\nb.json:1:1: warning[LINT-IMPORT]: "
                   "odd\nhybridlint: no exports\n") ==
        std::vector<std::string>{"a.xml:3:1: error[LINT-IMPORT]: truncated", "hybridlint: no exports"});
  CHECK(ErrorLines("something odd\n\n") == std::vector<std::string>{"something odd"});
}

TEST_CASE("Batch: every combined report is byte-identical whatever --jobs is") {
  fs::current_path(testing::SourceDir());
  fs::path dir = TempDir("jobs");
  for (const char* format : {"text", "json", "sarif", "junit", "markdown", "html"}) {
    INFO(format);
    std::string one = (dir / (std::string("one.") + format)).string();
    std::string three = (dir / (std::string("three.") + format)).string();
    CliRun a = RunCli({"lint", "--each", "fixtures/batch/orgs", "--jobs", "1", "--now", "2026-11-22", "--format",
                       std::string(format) + ":" + one});
    CliRun b = RunCli({"lint", "--jobs=3", "--each=fixtures/batch/orgs", "--now", "2026-11-22", "--format",
                       std::string(format) + ":" + three});
    CHECK(a.status == 2);
    CHECK(b.status == 2);
    CHECK(a.err == b.err);
    std::string first = testing::ReadFile(one);
    CHECK(!first.empty());
    CHECK(first == testing::ReadFile(three));
    if (std::string(format) == "json" || std::string(format) == "sarif") {
      // Spliced from each organization's text, yet the same text as dumping the whole document.
      CHECK(DumpReportJson(nlohmann::ordered_json::parse(first)) == first);
    }
  }
}

TEST_CASE("Batch: the gate applies to each organization with its own settings") {
  fs::current_path(testing::SourceDir());
  fs::path dir = TempDir("gate");
  fs::copy("examples/contoso", dir / "contoso", fs::copy_options::recursive);
  fs::copy("examples/contoso-broken", dir / "contoso-broken", fs::copy_options::recursive);
  CliRun run = RunCli({"lint", "--each", dir.string(), "--now", "2026-11-22", "--format", "json:" + (dir / "r.json").string()});
  CHECK(run.status == 1);
  CHECK(run.out.empty());
  CHECK(run.err == "hybridlint: 1 of 2 organization(s) fail the gate: contoso-broken (5 finding(s) at or above --fail-on error)\n");

  CliRun never = RunCli({"lint", "--each", dir.string(), "--fail-on", "never", "--now", "2026-11-22", "--format", "junit:" + (dir / "r.xml").string()});
  CHECK(never.status == 0);
  CHECK(never.err.empty());

  // An empty subdirectory holds no export: that organization is broken, the others still run.
  fs::create_directories(dir / "empty");
  CliRun empty = RunCli({"lint", "--each", dir.string(), "--now", "2026-11-22", "--format", "text:" + (dir / "r.txt").string()});
  CHECK(empty.status == 2);
  CHECK(empty.err.find("hybridlint: organization empty (" + (dir / "empty").string() + "):\n") != std::string::npos);
  CHECK(empty.err.ends_with("hybridlint: 1 of 3 organization(s) could not be read: empty\n"));
  std::string text = testing::ReadFile(dir / "r.txt");
  CHECK(text.find("== contoso-broken (") != std::string::npos);
  CHECK(text.find("could not be read ==") != std::string::npos);
}

}  // namespace lint::batch
