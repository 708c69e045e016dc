// Every JSON and SARIF report the tests produce is validated against
// schema/output.schema.json and the official SARIF 2.1.0 schema
// (schema/vendor/) by Debian's python3-jsonschema, plus GitHub code
// scanning's upload rules (tests/report_schema_check.py). JUnit reports are
// parsed back with pugixml and their counts checked against the run.
#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include "lint/diag/render.h"
#include "lint/diag/renderer.h"
#include "lint/model/snapshot_loader.h"
#include "lint/rules/rule_loader.h"
#include "tests/golden.h"
#include "tests/render_fixture.h"

namespace lint {

namespace fs = std::filesystem;

namespace {

struct Command {
  std::string output;
  int status = -1;
};

Command RunCommand(const std::string& command) {
  Command run;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.output.append(buffer.data(), n);
  int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string Quote(const std::string& s) { return "'" + testing::ReplaceAll(s, "'", "'\\''") + "'"; }

// A whole-snapshot run of every built-in rule, as `hybridlint lint DIR`.
struct ExampleRun {
  std::vector<Rule> rules;
  std::vector<const Rule*> selected;
  Snapshot snapshot;
  LintResult result;
  ReportInput Input() const { return ReportInput{result, snapshot, selected, "2026-11-22", HYBRIDLINT_VERSION}; }
};

std::unique_ptr<ExampleRun> RunExample(const std::string& dir) {
  fs::current_path(testing::SourceDir());
  auto run = std::make_unique<ExampleRun>();
  DiagnosticSink sink;
  run->rules = LoadRules(BuiltinRuleSources(), sink);
  for (const Rule& r : run->rules) run->selected.push_back(&r);
  RealFileSystem real;
  run->snapshot = LoadSnapshot({dir}, real, LoadOptions{}, sink);
  REQUIRE_MESSAGE(!sink.has_errors(), dir);
  run->result = RunRules(run->selected, run->snapshot, EngineOptions{"2026-11-22"});
  return run;
}

// The render fixture with the cases no golden has: a finding without a
// span, a note without a location, a tool diagnostic with a path only.
void AddEdgeCases(testing::RenderFixture& fx) {
  Finding f = fx.result.findings.front();
  f.span = {};
  f.object = "Zoë's side-level check";
  f.notes = {{"a note without a location", {}}};
  f.fingerprint = "0123456789abcdef";
  fx.result.findings.push_back(f);
  Diagnostic unused;
  unused.code = "LINT-WAIVER";
  unused.severity = Severity::kError;
  unused.message = "a waiver matched nothing";
  unused.path = "C:\\exports\\waivers.yaml";
  fx.result.tool_diagnostics.push_back(unused);
}

void WriteText(const fs::path& path, const std::string& text) {
  RealFileSystem real;
  REQUIRE(real.WriteFileAtomic(path.string(), text).has_value());
}

// Parses a JUnit report and checks it against the run it came from.
void CheckJunit(const std::string& name, const std::string& xml, const LintResult& result) {
  INFO("JUnit report " << name);
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  REQUIRE_MESSAGE(parsed, parsed.description() << " at offset " << parsed.offset);
  pugi::xml_node suites = doc.child("testsuites");
  REQUIRE(suites);
  std::vector<pugi::xml_node> suite_nodes;
  for (pugi::xml_node s : suites.children("testsuite")) suite_nodes.push_back(s);
  REQUIRE(suite_nodes.size() == 1);  // one snapshot, one suite
  pugi::xml_node suite = suite_nodes.front();
  size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  std::multiset<std::pair<std::string, std::string>> seen;
  for (pugi::xml_node c : suite.children("testcase")) {
    ++tests;
    CHECK(std::string(c.attribute("classname").value()) != "");
    CHECK(std::string(c.attribute("name").value()) != "");
    seen.emplace(c.attribute("classname").value(), c.attribute("name").value());
    if (c.child("failure")) ++failures;
    if (c.child("error")) ++errors;
    if (c.child("skipped")) ++skipped;
    CHECK((c.child("failure") ? 1 : 0) + (c.child("error") ? 1 : 0) + (c.child("skipped") ? 1 : 0) <= 1);
  }
  for (pugi::xml_node n : {suites, suite}) {
    CHECK(n.attribute("tests").as_ullong() == tests);
    CHECK(n.attribute("failures").as_ullong() == failures);
    CHECK(n.attribute("errors").as_ullong() == errors);
    CHECK(n.attribute("skipped").as_ullong() == skipped);
  }
  // One test case per rule x object the run judged, plus the notices.
  size_t covered = 0, active = 0;
  for (const Finding& f : result.findings) (IsActive(f) ? active : covered)++;
  size_t diag_failures = 0, diag_errors = 0;
  for (const Diagnostic& d : result.tool_diagnostics) {
    if (d.severity == Severity::kWarning) ++diag_failures;
    if (d.severity == Severity::kError) ++diag_errors;
  }
  CHECK(tests == result.passed_checks.size() + result.findings.size() + result.not_evaluated.size() +
                     result.tool_diagnostics.size());
  CHECK(failures == active + diag_failures);
  CHECK(errors == diag_errors);
  CHECK(skipped == covered + result.not_evaluated.size());
  // Names come back exactly, whatever characters they hold.
  for (const Finding& f : result.findings) {
    std::string case_name = std::string(SideName(f.side)) + (f.kind.empty() ? "" : "/" + f.kind) +
                            (f.object.empty() ? "" : "/" + f.object);
    CHECK_MESSAGE(seen.count({f.rule->id + "." + f.rule->name, case_name}) == 1, case_name);
  }
}

}  // namespace

TEST_CASE("ReportSchema: every JSON and SARIF report validates against its schema and GitHub's rules") {
  fs::path dir = testing::FreshTempDir("hybridlint-report-schema");
  std::vector<fs::path> files;
  auto add = [&](const std::string& name, const std::string& text) {
    files.push_back(dir / name);
    WriteText(files.back(), text);
  };

  auto fx = testing::LoadRenderFixture();
  add("render.json", FindRenderer("json")->render(fx->Input()));
  add("render.sarif", FindRenderer("sarif")->render(fx->Input()));
  AddEdgeCases(*fx);
  add("render-edge.json", FindRenderer("json")->render(fx->Input()));
  add("render-edge.sarif", FindRenderer("sarif")->render(fx->Input()));
  for (const char* example : {"examples/contoso", "examples/contoso-broken"}) {
    auto run = RunExample(example);
    std::string stem = fs::path(example).filename().string();
    add(stem + ".json", FindRenderer("json")->render(run->Input()));
    add(stem + ".sarif", FindRenderer("sarif")->render(run->Input()));
  }
  // The goldens themselves, and every JSON report a CLI golden pins.
  fs::path root = testing::SourceDir();
  files.push_back(root / "fixtures/render/expected.json");
  files.push_back(root / "fixtures/render/expected.sarif");
  for (const auto& entry : fs::directory_iterator(root / "fixtures/cli")) {
    fs::path out = entry.path() / "stdout";
    std::string text = testing::ReadFile(out);
    if (text.starts_with("{") && text.find("\"schema_version\"") != std::string::npos) files.push_back(out);
  }
  // The combined reports of `lint --each` (every rule, every organization):
  // the JSON against schema/batch.schema.json and each organization's
  // report in it against output.schema.json, the SARIF log (one run per
  // organization) against SARIF 2.1.0 and GitHub's rules.
  fs::current_path(root);
  for (const char* format : {"json", "sarif"}) {
    std::string target = (dir / (std::string("each.") + format)).string();
    std::string cmd = Quote(HYBRIDLINT_BINARY) + " lint --each fixtures/batch/orgs --now 2026-11-22 --format " + format + ":" +
                      Quote(target);
    Command each = RunCommand(cmd);
    INFO(each.output);
    CHECK(each.status == 2);  // northwind-unreadable
    files.push_back(target);
  }
  files.push_back(root / "fixtures/cli/each-json/stdout");
  fs::copy_file(root / "fixtures/cli/each-sarif/stdout", dir / "each-select.sarif");
  files.push_back(dir / "each-select.sarif");

  std::string command = "/usr/bin/python3 " + Quote((root / "tests/report_schema_check.py").string()) + " " +
                        Quote((root / "schema/output.schema.json").string()) + " " +
                        Quote((root / "schema/vendor/sarif-schema-2.1.0.json").string());
  for (const fs::path& f : files) command += " " + Quote(f.string());
  Command run = RunCommand(command);
  INFO(run.output);
  CHECK(run.status == 0);
  CHECK(run.output.ends_with(std::to_string(files.size()) + " file(s) checked, 0 problem(s)\n"));
  fs::remove_all(dir);
}

TEST_CASE("ReportSchema: the validator catches a report that breaks the schema or GitHub's rules") {
  fs::path dir = testing::FreshTempDir("hybridlint-report-schema-bad");
  auto fx = testing::LoadRenderFixture();
  std::string json = FindRenderer("json")->render(fx->Input());
  std::string sarif = FindRenderer("sarif")->render(fx->Input());
  // A finding whose rule id is malformed, and a result at line 0.
  WriteText(dir / "bad.json", testing::ReplaceAll(json, "\"rule\": \"ORG003\"", "\"rule\": \"org-3\""));
  WriteText(dir / "bad.sarif", testing::ReplaceAll(sarif, "\"startLine\": 10,", "\"startLine\": 0,"));
  // A combined report whose organization's report breaks output.schema.json.
  std::string combined = testing::ReadFile(testing::SourceDir() / "fixtures/cli/each-json/stdout");
  REQUIRE(combined.find("\"rule\": \"ORG") != std::string::npos);
  WriteText(dir / "bad-each.json", testing::ReplaceAll(combined, "\"rule\": \"ORG", "\"rule\": \"org-"));
  fs::path root = testing::SourceDir();
  Command run = RunCommand("/usr/bin/python3 " + Quote((root / "tests/report_schema_check.py").string()) + " " +
                           Quote((root / "schema/output.schema.json").string()) + " " +
                           Quote((root / "schema/vendor/sarif-schema-2.1.0.json").string()) + " " +
                           Quote((dir / "bad.json").string()) + " " + Quote((dir / "bad.sarif").string()) + " " +
                           Quote((dir / "bad-each.json").string()));
  INFO(run.output);
  CHECK(run.status == 1);
  CHECK(run.output.find("bad.json: /findings/") != std::string::npos);
  CHECK(run.output.find("'org-3' does not match") != std::string::npos);
  CHECK(run.output.find("startLine 0 < 1") != std::string::npos);
  CHECK(run.output.find("bad-each.json: /organizations/1/report/findings/") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("ReportSchema: JUnit reports parse back with the counts and names of their run") {
  auto fx = testing::LoadRenderFixture();
  CheckJunit("render fixture", FindRenderer("junit")->render(fx->Input()), fx->result);
  for (const char* example : {"examples/contoso", "examples/contoso-broken"}) {
    auto run = RunExample(example);
    CheckJunit(example, FindRenderer("junit")->render(run->Input()), run->result);
  }
  AddEdgeCases(*fx);
  CheckJunit("render fixture with edge cases", FindRenderer("junit")->render(fx->Input()), fx->result);
}

TEST_CASE("ReportSchema: JUnit keeps the fixture's hostile and non-ASCII names intact") {
  auto fx = testing::LoadRenderFixture();
  std::string xml = FindRenderer("junit")->render(fx->Input());
  pugi::xml_document doc;
  REQUIRE(doc.load_buffer(xml.data(), xml.size()));
  std::set<std::string> names;
  for (pugi::xml_node c : doc.child("testsuites").child("testsuite").children("testcase")) {
    names.insert(c.attribute("name").value());
  }
  CHECK(names.count("onprem/MailboxFolderPermission/zoë.brontë@contoso.com:\\Calendar (Default)") == 1);
  CHECK(names.count("onprem/MailboxFolderPermission/<script>alert('x')</script>\"><img src=x "
                    "onerror=alert(1)>@fabrikam.com:\\Calendar (Default)") == 1);
  CHECK(std::string(doc.child("testsuites").child("testsuite").attribute("name").value()) ==
        "Zoë's Contoso <Lab> & \"Partners\"");
}

}  // namespace lint

namespace lint {

TEST_CASE("ReportSchema: the combined JUnit report of lint --each holds one suite per organization and their totals") {
  pugi::xml_document doc;
  std::string xml = testing::ReadFile(testing::SourceDir() / "fixtures/cli/each-junit/stdout");
  REQUIRE(doc.load_string(xml.c_str()));
  pugi::xml_node root = doc.child("testsuites");
  REQUIRE(root);
  std::vector<std::string> names;
  std::map<std::string, long> sums;
  for (pugi::xml_node suite : root.children("testsuite")) {
    names.emplace_back(suite.attribute("name").value());
    long cases = 0;
    for (pugi::xml_node c : suite.children("testcase")) {
      (void)c;
      ++cases;
    }
    CHECK(suite.attribute("tests").as_llong() == cases);
    for (const char* a : {"tests", "failures", "errors", "skipped"}) sums[a] += suite.attribute(a).as_llong();
  }
  CHECK(names == std::vector<std::string>{"contoso", "contoso-broken", "northwind-unreadable"});
  for (const char* a : {"tests", "failures", "errors", "skipped"}) CHECK_MESSAGE(root.attribute(a).as_llong() == sums[a], a);
  pugi::xml_node broken = root.find_child_by_attribute("testsuite", "name", "northwind-unreadable");
  CHECK(std::string(broken.child("testcase").child("error").attribute("type").value()) == "input");
}

}  // namespace lint
