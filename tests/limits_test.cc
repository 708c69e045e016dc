// Limits (issue 6): every input surface refuses input over a limit with an
// exact message and position, never a crash or a silent cut; deep YAML in
// rule, waiver, config, baseline and manifest files stops cleanly; every
// pattern runs through RE2. Large and deep inputs are generated here, never
// committed.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "lint/cli/cli.h"
#include "lint/config/baseline.h"
#include "lint/config/config.h"
#include "lint/config/waivers.h"
#include "lint/diag/render.h"
#include "lint/import/yaml_importer.h"
#include "lint/model/snapshot_loader.h"
#include "lint/rules/rule_loader.h"
#include "lint/util/limits.h"
#include "lint/util/yaml_documents.h"
#include "tests/golden.h"
#include "tests/render_fixture.h"

namespace lint {

namespace {

namespace fs = std::filesystem;

void Write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// "line:col: message" for each diagnostic, or "path: message" without a span.
std::string Located(const DiagnosticSink& sink, const SourceSet* sources) {
  std::string out;
  for (const Diagnostic& d : sink.diagnostics()) {
    const SourceFile* file = sources && d.span.valid() ? sources->Find(d.span.file_id) : nullptr;
    if (file) {
      LineColumn lc = file->Locate(d.span.begin);
      out += std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " + d.message + "\n";
    } else {
      out += d.path + ": " + d.message + "\n";
    }
  }
  return out;
}

const std::vector<Rule>& BuiltinRules() {
  static const std::vector<Rule> rules = [] {
    DiagnosticSink sink;
    return LoadRules(BuiltinRuleSources(), sink);
  }();
  return rules;
}

// The two shapes that overflow a naive recursive-descent YAML parser.
std::string DeepFlowSequence() { return std::string(100000, '['); }
std::string DeepFlowMapping() {
  std::string s;
  for (int i = 0; i < 100000; ++i) s += "{a: ";
  return s;
}

}  // namespace

TEST_CASE("Limits: deep YAML in every settings file is an error at the first collection too deep") {
  const std::string kDeep = "values nest more than 128 levels deep; the limit for this file is 128";
  for (const std::string& text : {DeepFlowSequence(), DeepFlowMapping(), "waivers: " + DeepFlowSequence()}) {
    INFO(text.substr(0, 20));
    SUBCASE("helper") {
      try {
        LoadAllYamlDocuments(text);
        FAIL("expected a parser error");
      } catch (const YAML::ParserException& e) {
        CHECK(e.msg == kDeep);
      }
    }
    SUBCASE("config") {
      SourceSet sources;
      const SourceFile& file = sources.Add(".hybridlint.yaml", Encoding::kUtf8, text);
      Settings settings = DefaultSettings("2026-11-22");
      DiagnosticSink sink;
      CHECK(!ParseConfig(file, BuiltinRules(), settings, sink));
      // yaml-cpp reads each `[` of an unclosed run as a sequence holding a
      // one-pair mapping's key: two levels per bracket.
      std::string column = text.starts_with("{") ? "509" : text.starts_with("[") ? "65" : "74";
      CHECK(Located(sink, &sources) == "1:" + column + ": invalid YAML: " + kDeep + "\n");
    }
    SUBCASE("waivers") {
      SourceSet sources;
      const SourceFile& file = sources.Add("waivers.yaml", Encoding::kUtf8, text);
      DiagnosticSink sink;
      CHECK(ParseWaivers(file, BuiltinRules(), sink).empty());
      REQUIRE(sink.diagnostics().size() == 1);
      CHECK(sink.diagnostics()[0].message.ends_with(kDeep));
    }
    SUBCASE("baseline") {
      SourceSet sources;
      const SourceFile& file = sources.Add("baseline.json", Encoding::kUtf8, text);
      DiagnosticSink sink;
      Baseline baseline;
      CHECK(!ParseBaseline(file, baseline, sink));
      REQUIRE(sink.diagnostics().size() == 1);
      CHECK(sink.diagnostics()[0].message == "invalid JSON: " + kDeep);
    }
    SUBCASE("rule file") {
      DiagnosticSink sink;
      CHECK(LoadRules({RuleSource{"deep.yaml", text, false}}, sink).empty());
      REQUIRE(sink.diagnostics().size() == 1);
      CHECK(sink.diagnostics()[0].message == "invalid YAML: " + kDeep);
    }
  }
}

TEST_CASE("Limits: a rule's deepest conditions meet the rule loader's own limit before the YAML bound") {
  std::string condition = "{property: WorkingHoursTimeZone, equals: x}";
  for (int i = 0; i < 33; ++i) condition = "{all: [" + condition + "]}";
  std::string text = "id: POL905\nseverity: warning\npath: any\ndirection: both\n"
                     "applies_to: {kind: CalendarConfiguration, side: onprem}\n"
                     "assert: " + condition + "\nmessage: \"m\"\nfix: \"f\"\n"
                     "docs:\n  what: w.\n  why: y.\n  references: [\"r\"]\n";
  DiagnosticSink sink;
  CHECK(LoadRules({RuleSource{"pol.yaml", text, false}}, sink).empty());
  REQUIRE(!sink.diagnostics().empty());
  CHECK(sink.diagnostics()[0].message == "conditions nested deeper than 32 levels");
}

TEST_CASE("Limits: a deep snapshot.yaml manifest is an import error, not a crash") {
  fs::path dir = testing::FreshTempDir("hybridlint-limits-manifest");
  Write(dir / "snapshot.yaml", "organization: " + DeepFlowSequence());
  Write(dir / "onprem" / "Get-AuthConfig.json", "{\"Name\": \"Auth Configuration\"}");
  RealFileSystem real;
  DiagnosticSink sink;
  Snapshot s = LoadSnapshot({dir.string()}, real, LoadOptions{}, sink);
  CHECK(Located(sink, &s.sources) ==
        (dir / "snapshot.yaml").string() +
            ":1:79: invalid snapshot manifest: values nest more than 128 levels deep; the limit for this file is 128\n");
  fs::remove_all(dir);
}

TEST_CASE("Limits: a YAML snapshot deeper than the YAML reader supports stops before yaml-cpp's guard") {
  SourceFile file(0, "x.yaml", Encoding::kUtf8, "objects:\n- kind: X\n  properties:\n    A: " + DeepFlowSequence());
  ImportLimits limits;
  auto result = ImportYaml(file, limits);
  REQUIRE(!result);
  CHECK(result.error().message == "values nest more than 256 levels deep; the limit is 256 (raise it with --max-depth)");
  limits.max_depth = kMaxSupportedDepth;
  result = ImportYaml(file, limits);
  REQUIRE(!result);
  CHECK(result.error().message ==
        "values nest more than 400 levels deep, the most this YAML reader supports (yaml-cpp); export in another format");

  SourceFile maps(0, "x.yaml", Encoding::kUtf8, "objects:\n- kind: X\n  properties:\n    A: " + DeepFlowMapping());
  result = ImportYaml(maps, ImportLimits{});
  REQUIRE(!result);
  CHECK(result.error().message == "values nest more than 256 levels deep; the limit is 256 (raise it with --max-depth)");
}

TEST_CASE("Limits: a file over --max-file-size is an import error naming its size and the flag") {
  fs::path dir = testing::FreshTempDir("hybridlint-limits-size");
  Write(dir / "onprem" / "Get-AuthConfig.json", "{\"Name\": \"" + std::string(2000, 'x') + "\"}");
  Write(dir / "snapshot.yaml", "organization: Contoso\n# " + std::string(2000, 'x') + "\n");
  RealFileSystem real;
  DiagnosticSink sink;
  Limits limits;
  limits.max_file_bytes = 1024;
  Snapshot s = LoadSnapshot({dir.string()}, real, LoadOptionsFor(limits), sink);
  CHECK(Located(sink, &s.sources) ==
        (dir / "snapshot.yaml").string() +
            ": cannot read: file is 2025 bytes; the limit is 1 KiB (raise it with --max-file-size)\n" +
            (dir / "onprem" / "Get-AuthConfig.json").string() +
            ": cannot read: file is 2012 bytes; the limit is 1 KiB (raise it with --max-file-size)\n");
  fs::remove_all(dir);
}

TEST_CASE("Limits: more rule files than --max-rules are refused before any is read") {
  fs::path dir = testing::FreshTempDir("hybridlint-limits-rules");
  for (int i = 0; i < 3; ++i) Write(dir / ("r" + std::to_string(i) + ".yaml"), "id: POL00" + std::to_string(i) + "\n");
  RealFileSystem real;
  Limits limits;
  limits.max_rules = 2;
  DiagnosticSink sink;
  size_t seen = 0;
  CHECK(RuleSourcesFromDirectory(dir.string(), real, sink, limits, seen).empty());
  CHECK(Located(sink, nullptr) ==
        dir.string() + ": more than 2 rule files (3 with this directory); the limit is 2 (raise it with --max-rules)\n");
  limits.max_rules = 3;
  DiagnosticSink ok;
  CHECK(RuleSourcesFromDirectory(dir.string(), real, ok, limits).size() == 3);
  CHECK(ok.diagnostics().empty());
  // The count runs over every --rules directory.
  DiagnosticSink second;
  size_t count = 0;
  CHECK(RuleSourcesFromDirectory(dir.string(), real, second, limits, count).size() == 3);
  CHECK(RuleSourcesFromDirectory(dir.string(), real, second, limits, count).empty());
  CHECK(Located(second, nullptr) ==
        dir.string() + ": more than 3 rule files (6 with this directory); the limit is 3 (raise it with --max-rules)\n");

  Write(dir / "big.yaml", "# " + std::string(kMaxRuleFileBytes, 'x') + "\n");
  limits.max_rules = 10;
  DiagnosticSink big;
  CHECK(RuleSourcesFromDirectory(dir.string(), real, big, limits).size() == 3);
  CHECK(Located(big, nullptr) == (dir / "big.yaml").string() + ": rule file is " +
                                     std::to_string(kMaxRuleFileBytes + 3) +
                                     " bytes; the limit for a rule file is 4 MiB (a rule is a few KiB)\n");
  fs::remove_all(dir);
}

TEST_CASE("Limits: the defaults accept every real sample (../shared/samples/real)") {
  fs::path samples = testing::SourceDir().parent_path() / "shared" / "samples" / "real";
  REQUIRE(fs::is_directory(samples));
  RealFileSystem real;
  DiagnosticSink sink;
  Snapshot s = LoadSnapshot({samples.string()}, real, LoadOptionsFor(Limits{}), sink);
  INFO(RenderDiagnostics(sink.diagnostics(), &s.sources));
  CHECK(!sink.has_errors());
  CHECK(s.inputs.size() == 5);  // and SOURCES.md, which is not an export
  CHECK(!s.objects.empty());
}

TEST_CASE("Limits: the limits: map of .hybridlint.yaml, with origins, and its errors") {
  SourceSet sources;
  const SourceFile& file = sources.Add(
      "repo/.hybridlint.yaml", Encoding::kUtf8,
      "limits:\n  max_file_size: 1GiB\n  max_depth: 512\n  max_objects: 500000\n  max_string_size: 65536\n");
  Settings settings = DefaultSettings("2026-11-22");
  DiagnosticSink sink;
  REQUIRE(ParseConfig(file, BuiltinRules(), settings, sink));
  Limits l = settings.limits.Effective();
  CHECK(l.max_file_bytes == size_t{1} << 30);
  CHECK(l.max_depth == 512);
  CHECK(l.max_objects == 500000);
  CHECK(l.max_string_bytes == 65536);
  CHECK(l.max_rules == 10000);
  CHECK(settings.limits.max_depth.origin.Describe() == "repo/.hybridlint.yaml:3:14");
  CommandLineSettings cl;
  cl.limits.max_depth = 64;
  ApplyCommandLine(cl, settings);
  CHECK(settings.limits.Effective().max_depth == 64);
  CHECK(settings.limits.max_depth.origin.Describe() == "command line --max-depth");

  const SourceFile& bad = sources.Add(
      "bad/.hybridlint.yaml", Encoding::kUtf8,
      "limits:\n  max_file_size: 1.5GiB\n  max_depth: 5000\n  max_rules: 5\n  max_object: 3\n  max_string_size:\n");
  Settings s2 = DefaultSettings("2026-11-22");
  DiagnosticSink errors;
  CHECK(!ParseConfig(bad, BuiltinRules(), s2, errors));
  CHECK(Located(errors, &sources) ==
        "2:18: max_file_size: expected a size such as 512MiB, 1GiB, 64KiB or a number of bytes, found '1.5GiB'\n"
        "3:14: max_depth: expected a whole number from 1 to 1000, found '5000'\n"
        "4:3: max_rules can be given only on the command line (--max-rules): rules are read before this file\n"
        "5:3: unknown limits key 'max_object' (did you mean 'max_objects'?)\n"
        "6:3: expected a value after 'max_string_size:', found nothing\n");
}

// The rule language runs every pattern through RE2: a pattern that
// backtracks exponentially in a backtracking engine is linear here.
TEST_CASE("Limits: catastrophic-backtracking patterns in a user rule complete with the exact findings") {
  fs::path dir = testing::FreshTempDir("hybridlint-limits-re2");
  std::string value = std::string(50000, 'a') + "!";
  Write(dir / "snapshot" / "onprem" / "Get-MailboxCalendarConfiguration.yaml",
        "kind: CalendarConfiguration\nobjects:\n  - side: onprem\n    properties:\n      Identity: Room 1\n"
        "      WorkingHoursTimeZone: '" + value + "'\n");
  auto rule = [](const std::string& id, const std::string& pattern) {
    return "id: " + id +
           "\nseverity: warning\npath: any\ndirection: both\n"
           "applies_to: {kind: CalendarConfiguration, side: onprem}\n"
           "assert:\n  property: WorkingHoursTimeZone\n  matches: '" + pattern + "'\n"
           "message: \"calendar '{object}' time zone does not match " + pattern + "\"\n"
           "fix: \"Set-MailboxCalendarConfiguration -Identity '{object}' -WorkingHoursTimeZone 'UTC'\"\n"
           "docs:\n  what: A test of RE2.\n  why: Patterns must not backtrack.\n  references: [\"issue 6\"]\n";
  };
  Write(dir / "rules" / "a.yaml", rule("POL901", "(a+)+$"));
  Write(dir / "rules" / "x.yaml", rule("POL902", "(x+x+)+y"));
  Write(dir / "rules" / "ok.yaml", rule("POL903", "^(a+)+!$"));
  std::vector<std::string> args = {"lint", (dir / "snapshot").string(), "--rules", (dir / "rules").string(),
                                   "--select", "POL", "--format", "json", "--now", "2026-11-22"};
  std::vector<std::string_view> views(args.begin(), args.end());
  std::ostringstream out, err;
  RealFileSystem real;
  int status = cli::Run(views, real, out, err, "2026-11-22");
  CHECK(err.str() == "");
  CHECK(status == 0);  // warnings only
  nlohmann::json report = nlohmann::json::parse(out.str());
  REQUIRE(report["findings"].size() == 2);
  CHECK(report["findings"][0]["rule"] == "POL901");
  CHECK(report["findings"][0]["object"] == "Room 1");
  CHECK(report["findings"][0]["message"] == "calendar 'Room 1' time zone does not match (a+)+$");
  CHECK(report["findings"][0]["actual"] == value);
  CHECK(report["findings"][1]["rule"] == "POL902");
  CHECK(report["findings"][1]["message"] == "calendar 'Room 1' time zone does not match (x+x+)+y");
  CHECK(report["summary"]["passed"] == 1);  // POL903 matches
  fs::remove_all(dir);
}

TEST_CASE("Limits: an invalid or too large pattern in a rule is a LINT-RULE error at the pattern") {
  auto load = [](const std::string& pattern) {
    std::string text = "id: POL904\nseverity: warning\npath: any\ndirection: both\n"
                       "applies_to: {kind: CalendarConfiguration, side: onprem}\n"
                       "assert:\n  property: WorkingHoursTimeZone\n  matches: '" + pattern + "'\n"
                       "message: \"m\"\nfix: \"f\"\n"
                       "docs:\n  what: w.\n  why: y.\n  references: [\"r\"]\n";
    DiagnosticSink sink;
    std::vector<Rule> rules = LoadRules({RuleSource{"pol.yaml", text, false}}, sink);
    CHECK(rules.empty());
    std::string out;
    for (const Diagnostic& d : sink.diagnostics()) out += d.path + ": " + d.code + ": " + d.message + "\n";
    return out;
  };
  CHECK(load("(abc") == "pol.yaml:8:12: LINT-RULE: invalid RE2 pattern: missing ): (abc at '(abc'\n");
  CHECK(load("a{1000}{1000}") ==
        "pol.yaml:8:12: LINT-RULE: invalid RE2 pattern: bad repetition operator: {1000}{1000} at '{1000}{1000}'\n");
  CHECK(load("\\pL{1000}") ==
        "pol.yaml:8:12: LINT-RULE: invalid RE2 pattern: it needs more memory than RE2 allows a pattern (8 MiB); "
        "use fewer or smaller repetitions\n");
}

}  // namespace lint
