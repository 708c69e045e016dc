#include "lint/config/baseline.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "lint/cli/cli.h"
#include "lint/diag/render.h"
#include "lint/model/snapshot_loader.h"
#include "lint/rules/rule_loader.h"
#include "tests/format_writers.h"
#include "tests/golden.h"

namespace lint {

namespace {

namespace fs = std::filesystem;

const std::vector<Rule>& BuiltinRules() {
  static const std::vector<Rule> rules = [] {
    DiagnosticSink sink;
    return LoadRules(BuiltinRuleSources(), sink);
  }();
  return rules;
}

std::vector<const Rule*> AllRules() {
  std::vector<const Rule*> out;
  for (const Rule& r : BuiltinRules()) out.push_back(&r);
  return out;
}

const Rule* FindRule(const std::string& id) {
  for (const Rule& r : BuiltinRules()) {
    if (r.id == id) return &r;
  }
  FAIL("no rule " << id);
  return nullptr;
}

// "line:col: message" per diagnostic of parsing `json` as a baseline.
std::string Errors(const std::string& json, Baseline* out = nullptr) {
  SourceSet sources;
  const SourceFile& file = sources.Add("baseline.json", Encoding::kUtf8, json);
  DiagnosticSink sink;
  Baseline baseline;
  bool ok = ParseBaseline(file, baseline, sink);
  CHECK(ok == sink.diagnostics().empty());
  std::string text;
  for (const Diagnostic& d : sink.diagnostics()) {
    CHECK(d.code == "LINT-BASELINE");
    LineColumn lc = file.Locate(d.span.begin);
    text += std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " + d.message + "\n";
  }
  if (out) *out = baseline;
  return text;
}

Finding MakeFinding(const std::string& rule_id, Side side, const std::string& object) {
  const Rule* rule = FindRule(rule_id);
  Finding f;
  f.rule = rule;
  f.severity = rule->severity;
  f.side = side;
  f.kind = rule->applies_kind;
  f.object = object;
  f.property = rule->property;
  f.fingerprint = Fingerprint(rule->id, side, f.kind, object, f.property);
  return f;
}

// A fresh directory under the system temp dir, removed at scope end.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("hybridlint-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

void WriteBytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

struct Run {
  Snapshot snapshot;
  LintResult result;
};

Run Lint(const fs::path& dir) {
  Run run;
  RealFileSystem real;
  DiagnosticSink sink;
  run.snapshot = LoadSnapshot({dir.string()}, real, LoadOptions{}, sink);
  CHECK_MESSAGE(!sink.has_errors(), RenderDiagnostics(sink.diagnostics(), &run.snapshot.sources));
  run.result = RunRules(AllRules(), run.snapshot, EngineOptions{"2026-11-22"});
  return run;
}

std::vector<const Object*> Reversed(const Snapshot& s, const std::string& kind, Side side) {
  std::vector<const Object*> objects = s.Find(kind, side);
  std::reverse(objects.begin(), objects.end());
  return objects;
}

std::string LocationOf(const Run& run, const std::string& rule) {
  for (const Finding& f : run.result.findings) {
    if (f.rule->id == rule) return LocationText(run.snapshot.sources, f.span);
  }
  return "";
}

}  // namespace

TEST_CASE("Baseline: what SerializeBaseline writes parses back to the same entries") {
  LintResult result;
  result.findings = {MakeFinding("VDR003", Side::kOnPrem, "EX02\\EWS (Default Web Site)"),
                     MakeFinding("ORG003", Side::kCloud, "O365 to On-premises - Zoë"),
                     MakeFinding("ORG003", Side::kCloud, "O365 to On-premises - Zoë")};  // twice: one entry
  std::vector<BaselineEntry> entries = BaselineEntries(result, nullptr, AllRules());
  std::string text = SerializeBaseline(entries);
  CHECK(text ==
        "{\n"
        "  \"hybridlint_baseline\": 1,\n"
        "  \"findings\": [\n"
        "    {\n"
        "      \"fingerprint\": \"" + result.findings[1].fingerprint + "\",\n"
        "      \"rule\": \"ORG003\",\n"
        "      \"side\": \"cloud\",\n"
        "      \"kind\": \"OrganizationRelationship\",\n"
        "      \"object\": \"O365 to On-premises - Zoë\",\n"
        "      \"property\": \"TargetApplicationUri\"\n"
        "    },\n"
        "    {\n"
        "      \"fingerprint\": \"" + result.findings[0].fingerprint + "\",\n"
        "      \"rule\": \"VDR003\",\n"
        "      \"side\": \"onprem\",\n"
        "      \"kind\": \"WebServicesVirtualDirectory\",\n"
        "      \"object\": \"EX02\\\\EWS (Default Web Site)\",\n"
        "      \"property\": \"ExternalAuthenticationMethods\"\n"
        "    }\n"
        "  ]\n"
        "}\n");
  Baseline read;
  CHECK(Errors(text, &read) == "");
  REQUIRE(read.entries.size() == 2);
  CHECK(read.entries[0].fingerprint == entries[0].fingerprint);
  CHECK(read.entries[0].object == "O365 to On-premises - Zoë");
  CHECK(read.entries[1].object == "EX02\\EWS (Default Web Site)");
  CHECK(SerializeBaseline(read.entries) == text);
}

TEST_CASE("Baseline: waived findings are left out; entries of rules that did not run are kept") {
  LintResult result;
  result.findings = {MakeFinding("VDR003", Side::kOnPrem, "EX02\\EWS (Default Web Site)"),
                     MakeFinding("ORG003", Side::kCloud, "O365 to On-premises")};
  result.findings[1].waived = true;
  Baseline previous;
  previous.entries = {{"0123456789abcdef", "ORG014", "onprem", "OrganizationRelationship", "x", "TargetAutodiscoverEpr", {}},
                      {"fedcba9876543210", "VDR003", "onprem", "WebServicesVirtualDirectory", "EX01\\EWS (Default Web Site)",
                       "ExternalAuthenticationMethods", {}}};
  std::vector<const Rule*> ran = {FindRule("VDR003"), FindRule("ORG003")};
  std::vector<BaselineEntry> entries = BaselineEntries(result, &previous, ran);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].rule == "ORG014");  // not run this time: kept
  CHECK(entries[1].rule == "VDR003");
  CHECK(entries[1].object == "EX02\\EWS (Default Web Site)");  // EX01's entry was fixed: dropped
}

TEST_CASE("Baseline: findings in the baseline are marked; stale entries of rules that ran are reported once") {
  LintResult result;
  result.findings = {MakeFinding("VDR003", Side::kOnPrem, "EX02\\EWS (Default Web Site)"),
                     MakeFinding("ORG003", Side::kCloud, "O365 to On-premises")};
  Baseline baseline;
  CHECK(Errors(SerializeBaseline({{result.findings[0].fingerprint, "VDR003", "onprem", "WebServicesVirtualDirectory",
                                   "EX02\\EWS (Default Web Site)", "ExternalAuthenticationMethods", {}},
                                  {Fingerprint("VDR003", Side::kOnPrem, "WebServicesVirtualDirectory", "EX01\\EWS (Default Web Site)",
                                               "ExternalAuthenticationMethods"),
                                   "VDR003", "onprem", "WebServicesVirtualDirectory", "EX01\\EWS (Default Web Site)",
                                   "ExternalAuthenticationMethods", {}},
                                  {Fingerprint("ORG014", Side::kOnPrem, "OrganizationRelationship", "x", "TargetAutodiscoverEpr"),
                                   "ORG014", "onprem", "OrganizationRelationship", "x", "TargetAutodiscoverEpr", {}}}),
               &baseline) == "");
  std::vector<const Rule*> ran = {FindRule("VDR003"), FindRule("ORG003")};
  ApplyBaseline(baseline, ran, result);
  CHECK(result.findings[0].baselined);
  CHECK(!result.findings[1].baselined);
  REQUIRE(result.tool_diagnostics.size() == 1);
  const Diagnostic& d = result.tool_diagnostics[0];
  CHECK(d.code == "LINT-BASELINE");
  CHECK(d.severity == Severity::kInfo);
  CHECK(d.message == "1 baseline entry matches no finding any more (fixed, or the object is gone)");
  CHECK(d.help == "re-create the baseline with --write-baseline to drop it");
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].message.starts_with("VDR003 on-premises WebServicesVirtualDirectory 'EX01\\EWS (Default Web Site)' "
                                       "ExternalAuthenticationMethods ("));
  CHECK(d.span == baseline.entries[1].span);
}

TEST_CASE("Baseline: every problem in the file is an error at its line and column") {
  CHECK(Errors("{\"hybridlint_baseline\": 1, \"findings\": [}\n") == "1:41: invalid JSON: illegal flow end\n");
  CHECK(Errors("[]\n") ==
        "1:1: expected a baseline object {\"hybridlint_baseline\": 1, \"findings\": [...]} as --write-baseline writes it\n");
  CHECK(Errors("{\"hybridlint_baseline\": 2, \"findings\": []}\n") ==
        "1:25: unsupported baseline version '2' (this hybridlint reads version 1)\n");
  CHECK(Errors("{\"findings\": []}\n") == "1:1: missing required key 'hybridlint_baseline' (the format version, 1)\n");
  CHECK(Errors("{\"hybridlint_baseline\": 1, \"finding\": []}\n") ==
        "1:1: missing required key 'findings' (a list; [] for none)\n"
        "1:28: unknown baseline key 'finding' (did you mean 'findings'?)\n");
  CHECK(Errors("{\"hybridlint_baseline\": 1, \"findings\": {}}\n") == "1:40: expected 'findings' to be a list of entries\n");
  CHECK(Errors("{\n  \"hybridlint_baseline\": 1,\n  \"findings\": [\n    {\"fingerprnt\": \"0123456789abcdef\"}\n  ]\n}\n") ==
        "4:5: missing required key 'fingerprint'\n"
        "4:6: unknown baseline entry key 'fingerprnt' (did you mean 'fingerprint'?)\n");
  CHECK(Errors("{\"hybridlint_baseline\": 1, \"findings\": [{\"fingerprint\": \"0123456789ABCDEF\"}]}\n") ==
        "1:57: expected a fingerprint of 16 lower-case hex digits, found '0123456789ABCDEF'\n");
  std::string fp = Fingerprint("ORG003", Side::kCloud, "OrganizationRelationship", "a", "TargetApplicationUri");
  CHECK(Errors("{\"hybridlint_baseline\": 1, \"findings\": [{\"fingerprint\": \"" + fp +
               "\", \"rule\": \"ORG003\", \"side\": \"cloud\", \"kind\": \"OrganizationRelationship\", \"object\": \"b\", "
               "\"property\": \"TargetApplicationUri\"}]}\n") ==
        "1:57: fingerprint " + fp + " does not belong to ORG003 cloud OrganizationRelationship 'b' TargetApplicationUri (that is " +
            Fingerprint("ORG003", Side::kCloud, "OrganizationRelationship", "b", "TargetApplicationUri") +
            "): was the entry edited? Re-create the baseline with --write-baseline\n");
  CHECK(Errors("{\"hybridlint_baseline\": 1, \"findings\": [\"" + fp + "\"]}\n") ==
        "1:41: expected an entry {\"fingerprint\": ..., \"rule\": ..., ...}\n");
}

// The promise: fingerprints never use positions, so a baseline
// written for one export still matches after the export is reordered and
// re-exported in another format.
TEST_CASE("Baseline: reordering objects and changing the export format leave the baseline matching") {
  TempDir dir("baseline-reorder");
  fs::copy(testing::SourceDir() / "examples" / "contoso-broken", dir.path / "original", fs::copy_options::recursive);
  Run original = Lint(dir.path / "original");
  REQUIRE(original.result.findings.size() == 8);
  std::vector<BaselineEntry> entries = BaselineEntries(original.result, nullptr, AllRules());
  Baseline baseline;
  REQUIRE(Errors(SerializeBaseline(entries), &baseline) == "");

  // The same objects, the two EWS virtual directories swapped, written by
  // Export-Clixml in UTF-16LE (what Windows PowerShell writes by default).
  fs::copy(dir.path / "original", dir.path / "swapped", fs::copy_options::recursive);
  WriteBytes(dir.path / "swapped" / "onprem" / "Get-WebServicesVirtualDirectory.xml",
             testing::Utf16LeWithBom(testing::WriteClixml(
                 Reversed(original.snapshot, "WebServicesVirtualDirectory", Side::kOnPrem))));
  // The same objects as ConvertTo-Json instead of Export-Clixml, reversed.
  fs::copy(dir.path / "original", dir.path / "json", fs::copy_options::recursive);
  for (auto [kind, side, folder] : {std::tuple{"WebServicesVirtualDirectory", Side::kOnPrem, "onprem"},
                                    std::tuple{"OrganizationRelationship", Side::kCloud, "cloud"},
                                    std::tuple{"MailboxFolderPermission", Side::kOnPrem, "onprem"}}) {
    fs::remove(dir.path / "json" / folder / ("Get-" + std::string(kind) + ".xml"));
    WriteBytes(dir.path / "json" / folder / ("Get-" + std::string(kind) + ".json"),
               testing::WriteJson(Reversed(original.snapshot, kind, side)));
  }

  for (const char* variant : {"swapped", "json"}) {
    INFO("variant " << variant);
    Run changed = Lint(dir.path / variant);
    // The export really changed: the EWS finding is at another position.
    CHECK(LocationOf(changed, "VDR003") != LocationOf(original, "VDR003"));
    ApplyBaseline(baseline, AllRules(), changed.result);
    CHECK(changed.result.findings.size() == original.result.findings.size());
    for (const Finding& f : changed.result.findings) {
      INFO(f.rule->id << " " << f.object);
      CHECK(f.baselined);
    }
    CHECK(changed.result.tool_diagnostics.empty());  // no entry went stale
    CHECK(SerializeBaseline(BaselineEntries(changed.result, &baseline, AllRules())) == SerializeBaseline(entries));
  }

  // A renamed object is a new finding: the baseline does not absorb it.
  fs::copy(dir.path / "json", dir.path / "renamed", fs::copy_options::recursive);
  std::string vdirs = testing::ReadFile(dir.path / "renamed" / "onprem" / "Get-WebServicesVirtualDirectory.json");
  REQUIRE(vdirs.find("EX02") != std::string::npos);
  WriteBytes(dir.path / "renamed" / "onprem" / "Get-WebServicesVirtualDirectory.json", testing::ReplaceAll(vdirs, "EX02", "EX03"));
  Run renamed = Lint(dir.path / "renamed");
  ApplyBaseline(baseline, AllRules(), renamed.result);
  size_t new_findings = 0;
  for (const Finding& f : renamed.result.findings) {
    if (!f.baselined) {
      ++new_findings;
      CHECK(f.object == "EX03\\EWS (Default Web Site)");
    }
  }
  CHECK(new_findings == 1);
  REQUIRE(renamed.result.tool_diagnostics.size() == 1);
  CHECK(renamed.result.tool_diagnostics[0].message == "1 baseline entry matches no finding any more (fixed, or the object is gone)");
}

// The same, end to end through the command line: --write-baseline, then
// --baseline on the re-exported snapshot passes the gate; a new finding
// fails it.
TEST_CASE("Baseline: lint --write-baseline then --baseline passes the gate until a new finding appears") {
  TempDir dir("baseline-cli");
  fs::current_path(testing::SourceDir());
  std::string baseline = (dir.path / "baseline.json").string();
  auto lint = [&](std::vector<std::string> args, std::string* err_text = nullptr) {
    std::vector<std::string_view> views(args.begin(), args.end());
    std::ostringstream out, err;
    RealFileSystem real;
    int status = cli::Run(views, real, out, err, "2026-11-22");
    if (err_text) *err_text = err.str();
    return status;
  };
  std::string err;
  CHECK(lint({"lint", "examples/contoso-broken", "--write-baseline", baseline}, &err) == 0);
  CHECK(err == "hybridlint: wrote 8 finding(s) to the baseline " + baseline + "\n");
  std::string written = testing::ReadFile(baseline);
  CHECK(written.starts_with("{\n  \"hybridlint_baseline\": 1,\n  \"findings\": [\n"));
  size_t entries = 0;
  for (size_t pos = 0; (pos = written.find("\"fingerprint\"", pos)) != std::string::npos; ++pos) ++entries;
  CHECK(entries == 8);

  CHECK(lint({"lint", "examples/contoso-broken"}) == 1);
  CHECK(lint({"lint", "examples/contoso-broken", "--baseline", baseline}) == 0);
  CHECK(lint({"lint", "examples/contoso-broken", "--baseline", baseline, "--fail-on", "info"}) == 0);

  fs::copy(testing::SourceDir() / "examples" / "contoso-broken", dir.path / "snap", fs::copy_options::recursive);
  Run original = Lint(dir.path / "snap");
  fs::remove(dir.path / "snap" / "onprem" / "Get-WebServicesVirtualDirectory.xml");
  WriteBytes(dir.path / "snap" / "onprem" / "Get-WebServicesVirtualDirectory.json",
             testing::WriteJson(Reversed(original.snapshot, "WebServicesVirtualDirectory", Side::kOnPrem)));
  CHECK(lint({"lint", (dir.path / "snap").string(), "--baseline", baseline}) == 0);

  std::string vdir = testing::ReadFile(dir.path / "snap" / "onprem" / "Get-WebServicesVirtualDirectory.json");
  WriteBytes(dir.path / "snap" / "onprem" / "Get-WebServicesVirtualDirectory.json", testing::ReplaceAll(vdir, "EX02", "EX03"));
  CHECK(lint({"lint", (dir.path / "snap").string(), "--baseline", baseline}) == 1);

  // An unwritable baseline is exit 2 and leaves nothing behind.
  CHECK(lint({"lint", "examples/contoso-broken", "--write-baseline", "/nonexistent-dir/baseline.json"}, &err) == 2);
  CHECK(err.find("cannot write '/nonexistent-dir/baseline.json'") != std::string::npos);
  CHECK(!fs::exists("/nonexistent-dir"));
}

}  // namespace lint
