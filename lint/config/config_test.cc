#include "lint/config/config.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "lint/config/waivers.h"
#include "lint/diag/render.h"
#include "lint/rules/rule_loader.h"
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

struct ParsedConfig {
  Settings settings;
  std::string errors;  // "line:col: message" per diagnostic
};

ParsedConfig Parse(const std::string& yaml, const std::string& path = "repo/.hybridlint.yaml") {
  SourceSet sources;
  const SourceFile& file = sources.Add(path, Encoding::kUtf8, yaml);
  DiagnosticSink sink;
  ParsedConfig p;
  p.settings = DefaultSettings("2026-11-22");
  bool ok = ParseConfig(file, BuiltinRules(), p.settings, sink);
  CHECK(ok == sink.diagnostics().empty());
  for (const Diagnostic& d : sink.diagnostics()) {
    CHECK(d.code == "LINT-CONFIG");
    LineColumn lc = file.Locate(d.span.begin);
    p.errors += std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " + d.message + "\n";
  }
  return p;
}

// An in-memory file system holding only the paths it is given (a path
// ending in '/' is a directory), relative or absolute as the caller uses
// them.
class FakeFileSystem final : public FileSystem {
 public:
  FakeFileSystem(std::set<std::string> paths, std::string cwd) : paths_(std::move(paths)), cwd_(std::move(cwd)) {}
  std::expected<std::string, std::string> ReadFile(const std::string& path, size_t) override {
    if (!paths_.count(Absolute(path))) return std::unexpected(std::string("No such file or directory"));
    return std::string();
  }
  bool IsDirectory(const std::string& path) override { return paths_.count(Absolute(path) + "/") > 0; }
  bool Exists(const std::string& path) override {
    asked.push_back(path);
    return paths_.count(Absolute(path)) || paths_.count(Absolute(path) + "/");
  }
  std::expected<std::vector<std::string>, std::string> ListFilesRecursive(const std::string&) override { return {}; }
  std::expected<void, std::string> WriteFileAtomic(const std::string&, std::string_view) override {
    return std::unexpected(std::string("read-only"));
  }
  std::vector<std::string> asked;

 private:
  std::string Absolute(const std::string& path) const {
    std::string p = (fs::path(cwd_) / path).lexically_normal().generic_string();
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    return p;
  }
  std::set<std::string> paths_;
  std::string cwd_;
};

Finding At(Severity severity, bool waived = false, bool baselined = false) {
  Finding f;
  f.severity = severity;
  f.waived = waived;
  f.baselined = baselined;
  return f;
}

}  // namespace

TEST_CASE("Config: every key is read with the position it came from") {
  ParsedConfig p = Parse(
      "# comment\n"
      "select: [ORG, VDR003]\n"
      "ignore: ORG014, ORG015\n"
      "severity:\n"
      "  IOC007: warning\n"
      "  ews-vdir-oauth: info\n"
      "fail_on: warning\n"
      "max_warnings: 5\n"
      "waivers: waivers/hybrid.yaml\n"
      "baseline: ../baselines/contoso.json\n"
      "organization:\n"
      "  onprem_domains: [Contoso.com, fabrikam.com]\n"
      "  tenant: contoso\n"
      "  cloud_instance: gcchigh\n");
  REQUIRE(p.errors == "");
  const Settings& s = p.settings;
  CHECK(s.select.value == std::vector<std::string>{"ORG", "VDR003"});
  CHECK(s.select.origin.kind == Origin::Kind::kConfig);
  CHECK(s.select.origin.Describe() == "repo/.hybridlint.yaml:2:9");
  CHECK(s.ignore.value == std::vector<std::string>{"ORG014", "ORG015"});
  REQUIRE(s.severity.size() == 2);
  CHECK(s.severity[0].first == "IOC007");
  CHECK(s.severity[0].second.value == Severity::kWarning);
  CHECK(s.severity[0].second.origin.Describe() == "repo/.hybridlint.yaml:5:11");
  CHECK(s.severity[1].first == "VDR003");  // the name is stored as the id
  CHECK(s.fail_on.value == "warning");
  CHECK(s.fail_on.origin.Describe() == "repo/.hybridlint.yaml:7:10");
  CHECK(s.max_warnings.value == 5);
  CHECK(s.waivers.value == "repo/waivers/hybrid.yaml");  // relative to the config file
  CHECK(s.baseline.value == "baselines/contoso.json");
  CHECK(s.onprem_domains.value == std::vector<std::string>{"contoso.com", "fabrikam.com"});
  CHECK(s.tenant.value == "contoso");
  CHECK(s.cloud_instance.value == "gcchigh");
  CHECK(s.cloud_instance.origin.Describe() == "repo/.hybridlint.yaml:14:19");
  CHECK(s.now.origin.kind == Origin::Kind::kDefault);
}

TEST_CASE("Config: an empty file sets nothing") {
  ParsedConfig p = Parse("# nothing yet\n");
  CHECK(p.errors == "");
  CHECK(p.settings.fail_on.value == "error");
  CHECK(p.settings.fail_on.origin.kind == Origin::Kind::kDefault);
}

TEST_CASE("Config: every problem is an error at its line and column, with a suggestion") {
  CHECK(Parse("fail-on: warning\n").errors == "1:1: unknown config key 'fail-on' (did you mean 'fail_on'?)\n");
  CHECK(Parse("max_warning: 3\n").errors == "1:1: unknown config key 'max_warning' (did you mean 'max_warnings'?)\n");
  CHECK(Parse("fail_on: warnings\n").errors ==
        "1:10: expected fail_on error, warning, info or never, found 'warnings' (did you mean 'warning'?)\n");
  CHECK(Parse("fail_on: [error]\n").errors == "1:10: expected a single value, found a list\n");
  CHECK(Parse("max_warnings: -1\n").errors == "1:15: expected max_warnings to be a whole number 0 or more, found '-1'\n");
  CHECK(Parse("max_warnings: many\n").errors == "1:15: expected max_warnings to be a whole number 0 or more, found 'many'\n");
  CHECK(Parse("select: [ORG, VDR03]\n").errors ==
        "1:15: no rule 'VDR03' (did you mean 'VDR003'?) (expected rule ids, id prefixes such as ORG, or rule names)\n");
  CHECK(Parse("ignore: XYZ\n").errors == "1:9: no rule 'XYZ' (expected rule ids, id prefixes such as ORG, or rule names)\n");
  CHECK(Parse("severity:\n  ORG03: warning\n").errors ==
        "2:3: no rule 'ORG03' (did you mean 'ORG003'?) (severity overrides name one rule id each)\n");
  CHECK(Parse("severity:\n  ORG003: warn\n").errors ==
        "2:11: expected severity error, warning or info for ORG003, found 'warn' (did you mean 'warning'?)\n");
  CHECK(Parse("severity: warning\n").errors ==
        "1:11: expected severity overrides as a mapping of rule id to error, warning or info (severity: {IOC007: warning})\n");
  CHECK(Parse("severity: {ORG003: info, cloud-target-application-uri: error}\n").errors ==
        "1:26: rule ORG003 has two severity overrides\n");
  CHECK(Parse("organization:\n  tenant_id: contoso\n").errors ==
        "2:3: unknown organization key 'tenant_id' (did you mean 'tenant'?)\n");
  CHECK(Parse("fail_on:\nmax_warnings:\nselect:\n").errors ==
        "1:1: expected a value after 'fail_on:', found nothing\n"
        "2:1: expected a value after 'max_warnings:', found nothing\n");
  CHECK(Parse("organization:\n  cloud_instance: gcc-high\n").errors ==
        "2:19: unknown cloud_instance 'gcc-high' (did you mean 'gcchigh'?) (expected worldwide, gcchigh, dod, china)\n");
  CHECK(Parse("organization:\n  tenant: contoso.onmicrosoft.com\n").errors ==
        "2:11: 'contoso.onmicrosoft.com' is the tenant's initial domain: give the tenant name 'contoso' or its routing "
        "domain 'contoso.mail.onmicrosoft.com'\n");
  CHECK(Parse("organization:\n  tenant: contoso.com\n").errors ==
        "2:11: expected a tenant name such as contoso, or its routing domain such as contoso.mail.onmicrosoft.com, found "
        "'contoso.com'\n");
  CHECK(Parse("organization:\n  onprem_domains: [contoso.com, 'contoso com', contoso.mail.onmicrosoft.com]\n").errors ==
        "2:33: expected an SMTP domain such as contoso.com, found 'contoso com'\n"
        "2:48: 'contoso.mail.onmicrosoft.com' is a tenant domain, not an on-premises domain (set the tenant with "
        "organization.tenant)\n");
  CHECK(Parse("waivers: ''\n").errors == "1:10: expected a path to the waivers file, relative to this config file\n");
  CHECK(Parse("fail_on: error\nfail_on: never\n").errors == "2:1: duplicate key 'fail_on' (first at repo/.hybridlint.yaml:1:1)\n");
  CHECK(Parse("[select]\n").errors ==
        "1:1: expected a mapping of settings (select, ignore, severity, fail_on, max_warnings, waivers, baseline, organization, limits)\n");
  CHECK(Parse("select: [ORG\n").errors == "2:1: invalid YAML: end of sequence flow not found\n");
}

TEST_CASE("Config: the command line wins over the config file, which wins over the defaults") {
  ParsedConfig p = Parse("fail_on: warning\nmax_warnings: 3\nselect: [ORG]\nwaivers: w.yaml\n");
  REQUIRE(p.errors == "");
  Settings s = p.settings;
  CHECK(s.ignore.origin.Describe() == "default");
  CommandLineSettings cl;
  cl.fail_on = "error";
  cl.select = std::vector<std::string>{"VDR"};
  cl.baseline = "b.json";
  ApplyCommandLine(cl, s);
  CHECK(s.fail_on.value == "error");
  CHECK(s.fail_on.origin.Describe() == "command line --fail-on");
  CHECK(s.select.value == std::vector<std::string>{"VDR"});  // replaced, not extended
  CHECK(s.select.origin.Describe() == "command line --select");
  CHECK(s.max_warnings.value == 3);
  CHECK(s.max_warnings.origin.Describe() == "repo/.hybridlint.yaml:2:15");
  CHECK(s.waivers.value == "repo/w.yaml");
  CHECK(s.baseline.value == "b.json");
  CHECK(s.baseline.origin.kind == Origin::Kind::kCommandLine);
  CHECK(s.ignore.origin.kind == Origin::Kind::kDefault);
}

TEST_CASE("Config: discovery walks up from the snapshot and stops at the repository root") {
  FakeFileSystem fs({"/work/repo/.git/", "/work/repo/exports/.hybridlint.yaml", "/work/.hybridlint.yaml",
                     "/work/repo/exports/2026/contoso/", "/work/repo/other/contoso/"},
                    "/work/repo");
  // Relative to the working directory, found two levels up.
  CHECK(FindConfigFile("exports/2026/contoso", "/work/repo", fs) == "exports/.hybridlint.yaml");
  CHECK(fs.asked == std::vector<std::string>{"exports/2026/contoso/.hybridlint.yaml", "exports/2026/contoso/.git",
                                             "exports/2026/.hybridlint.yaml", "exports/2026/.git",
                                             "exports/.hybridlint.yaml"});
  // Absolute paths stay absolute; a trailing slash changes nothing.
  CHECK(FindConfigFile("/work/repo/exports/2026/contoso/", "/elsewhere", fs) == "/work/repo/exports/.hybridlint.yaml");
  // Not above the repository root, even though /work has one.
  CHECK(FindConfigFile("other/contoso", "/work/repo", fs) == std::nullopt);
  FakeFileSystem no_git({"/work/.hybridlint.yaml", "/work/repo/a/"}, "/work/repo");
  // Above the working directory, as a ../ path.
  CHECK(FindConfigFile("a", "/work/repo", no_git) == "../.hybridlint.yaml");
  FakeFileSystem at_root({"/work/.hybridlint.yaml"}, "/work");
  CHECK(FindConfigFile(".", "/work", at_root) == ".hybridlint.yaml");
  FakeFileSystem none({"/x/y/"}, "/");
  CHECK(FindConfigFile("/x/y", "/", none) == std::nullopt);
}

TEST_CASE("Config: discovery finds fixtures/config/walk/.hybridlint.yaml from a snapshot two levels down") {
  fs::current_path(testing::SourceDir());
  RealFileSystem real;
  CHECK(FindConfigFile("fixtures/config/walk/exports/2026-11", testing::SourceDir().string(), real) ==
        "fixtures/config/walk/.hybridlint.yaml");
  // examples/contoso-broken has none, and the walk stops at the repository root.
  CHECK(FindConfigFile("examples/contoso-broken", testing::SourceDir().string(), real) == std::nullopt);
}

TEST_CASE("Config: the tenant's routing domain follows the cloud instance") {
  CHECK(TenantRoutingDomain("contoso", "") == "contoso.mail.onmicrosoft.com");
  CHECK(TenantRoutingDomain("Contoso", "gcchigh") == "contoso.mail.onmicrosoft.us");
  CHECK(TenantRoutingDomain("contoso", "china") == "contoso.mail.partner.onmschina.cn");
  CHECK(TenantRoutingDomain("contoso.mail.onmicrosoft.com", "gcchigh") == "contoso.mail.onmicrosoft.com");
  CHECK(CloudInstanceNames() == std::vector<std::string>{"worldwide", "gcchigh", "dod", "china"});
}

TEST_CASE("Config: severity overrides change the loaded rules") {
  std::vector<Rule> rules = BuiltinRules();
  ParsedConfig p = Parse("severity: {ORG003: warning, IOC007: error}\n");
  ApplySeverityOverrides(p.settings, rules);
  for (const Rule& r : rules) {
    if (r.id == "ORG003") CHECK(r.severity == Severity::kWarning);
    if (r.id == "IOC007") CHECK(r.severity == Severity::kError);
    if (r.id == "ORG001") CHECK(r.severity == BuiltinRules()[&r - rules.data()].severity);
  }
}

TEST_CASE("Gate: fail_on picks the lowest severity that fails; waived and baselined findings never fail") {
  std::vector<Finding> findings = {At(Severity::kWarning), At(Severity::kInfo)};
  CHECK(!EvaluateGate(findings, "error", std::nullopt).fail);
  CHECK(EvaluateGate(findings, "warning", std::nullopt).fail);
  CHECK(EvaluateGate(findings, "warning", std::nullopt).failing == 1);
  CHECK(EvaluateGate(findings, "info", std::nullopt).failing == 2);
  CHECK(!EvaluateGate(findings, "never", std::nullopt).fail);

  std::vector<Finding> covered = {At(Severity::kError, true), At(Severity::kError, false, true),
                                  At(Severity::kWarning, true, true)};
  for (const char* level : {"error", "warning", "info", "never"}) CHECK(!EvaluateGate(covered, level, 0).fail);
  CHECK(EvaluateGate(covered, "info", 0).warnings == 0);
}

TEST_CASE("Gate: more warnings than max_warnings fail, with a message; never disables the gate") {
  std::vector<Finding> findings = {At(Severity::kWarning), At(Severity::kWarning), At(Severity::kWarning, true),
                                   At(Severity::kInfo)};
  CHECK(!EvaluateGate(findings, "error", 2).fail);
  Gate gate = EvaluateGate(findings, "error", 1);
  CHECK(gate.fail);
  CHECK(gate.warnings == 2);
  CHECK(gate.message == "2 warning(s) that are neither waived nor baselined, more than the 1 that max_warnings allows");
  CHECK(!EvaluateGate(findings, "never", 0).fail);
}

// fixtures/config/<case>.yaml -> <case>.expected: for good-* the effective
// settings as --show-config prints them, for bad-* the diagnostics as users
// see them (file:line:col, the line, a caret).
TEST_CASE("Config: every fixture file gives exactly its expected settings or diagnostics") {
  fs::path root = testing::SourceDir();
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(root / "fixtures" / "config")) {
    if (entry.path().extension() == ".yaml") cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  CHECK(cases.size() >= 4);
  for (const fs::path& path : cases) {
    INFO("config fixture " << path.filename().string());
    SourceSet sources;
    const SourceFile& file =
        sources.Add("fixtures/config/" + path.filename().string(), Encoding::kUtf8, testing::ReadFile(path));
    DiagnosticSink sink;
    Settings settings = DefaultSettings("2026-11-22");
    settings.config_how = "--config";
    bool ok = ParseConfig(file, BuiltinRules(), settings, sink);
    bool good = path.filename().string().starts_with("good-");
    CHECK(ok == good);
    fs::path expected = path;
    expected.replace_extension(".expected");
    testing::CheckGolden(expected, good ? RenderSettings(settings) : RenderDiagnostics(sink.diagnostics(), &sources));
  }
}

// The JSON Schemas (schema/config.schema.json, schema/waivers.schema.json)
// list exactly the keys the loaders accept, accept every good file and
// reject the bad keys. Validation runs Debian's python3-jsonschema.

namespace {

// YAML as JSON the way an editor's YAML 1.2 language server sees it:
// plain scalars that look like numbers, booleans or null become those,
// everything else (dates too) stays a string.
nlohmann::json YamlToJson(const YAML::Node& node) {
  if (node.IsMap()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& entry : node) out[entry.first.Scalar()] = YamlToJson(entry.second);
    return out;
  }
  if (node.IsSequence()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : node) out.push_back(YamlToJson(item));
    return out;
  }
  if (node.IsNull()) return nullptr;
  const std::string& s = node.Scalar();
  if (node.Tag() == "?") {
    if (s == "true" || s == "false") return s == "true";
    size_t digits = s.starts_with("-") ? 1 : 0;
    if (s.size() > digits && s.size() < 18 && s.find_first_not_of("0123456789", digits) == std::string::npos) {
      return std::stoll(s);
    }
  }
  return s;
}

std::vector<std::string> SchemaKeys(const nlohmann::json& properties) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : properties.items()) keys.push_back(k);
  return keys;
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_CASE("Schemas: config.schema.json and waivers.schema.json list exactly the keys the loaders accept") {
  fs::path schema_dir = testing::SourceDir() / "schema";
  auto config = nlohmann::json::parse(testing::ReadFile(schema_dir / "config.schema.json"));
  CHECK(Sorted(SchemaKeys(config["properties"])) == Sorted(ConfigFileKeys()));
  CHECK(Sorted(SchemaKeys(config["properties"]["organization"]["properties"])) == Sorted(ConfigOrganizationKeys()));
  CHECK(Sorted(SchemaKeys(config["properties"]["limits"]["properties"])) == Sorted(ConfigLimitsKeys()));
  CHECK(config["properties"]["organization"]["properties"]["cloud_instance"]["enum"].get<std::vector<std::string>>() ==
        CloudInstanceNames());
  auto waivers = nlohmann::json::parse(testing::ReadFile(schema_dir / "waivers.schema.json"));
  CHECK(SchemaKeys(waivers["properties"]) == std::vector<std::string>{"waivers"});
  CHECK(Sorted(SchemaKeys(waivers["$defs"]["waiver"]["properties"])) == Sorted(WaiverKeys()));
  CHECK(Sorted(waivers["$defs"]["waiver"]["required"].get<std::vector<std::string>>()) == Sorted(WaiverRequiredKeys()));
}

TEST_CASE("Schemas: every good config and waiver file validates; unknown keys do not") {
  fs::path root = testing::SourceDir();
  fs::path dir = fs::temp_directory_path() / ("hybridlint-schema-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  struct Case {
    fs::path file;
    std::string schema;
    bool valid;
  };
  std::vector<Case> cases = {
      {root / "examples" / "contoso" / ".hybridlint.yaml", "config", true},
      {root / "examples" / "waivers.yaml", "waivers", true},
      {root / "fixtures" / "config" / "walk" / ".hybridlint.yaml", "config", true},
      {root / "fixtures" / "config" / "bad-unknown-keys.yaml", "config", false},
      {root / "fixtures" / "config" / "bad-values.yaml", "config", false},
      {root / "fixtures" / "config" / "bad-organization.yaml", "config", false},
      {root / "fixtures" / "config" / "bad-limits.yaml", "config", false},
      {root / "fixtures" / "config" / "bad-limits-list.yaml", "config", false},
      {root / "fixtures" / "waivers" / "bad-unknown-keys.yaml", "waivers", false},
      {root / "fixtures" / "waivers" / "bad-missing-required.yaml", "waivers", false},
      {root / "fixtures" / "waivers" / "bad-side-and-property.yaml", "waivers", false},
  };
  for (const auto& entry : fs::directory_iterator(root / "fixtures" / "config")) {
    std::string name = entry.path().filename().string();
    if (name.starts_with("good-") && name.ends_with(".yaml")) cases.push_back({entry.path(), "config", true});
  }
  for (const auto& entry : fs::directory_iterator(root / "fixtures" / "waivers")) {
    std::string name = entry.path().filename().string();
    if (name.starts_with("good-") && name.ends_with(".yaml")) cases.push_back({entry.path(), "waivers", true});
  }
  // One line per case for the validator: schema path, instance path.
  std::string list;
  for (size_t i = 0; i < cases.size(); ++i) {
    fs::path instance = dir / (std::to_string(i) + ".json");
    std::ofstream(instance) << YamlToJson(YAML::LoadFile(cases[i].file.string())).dump();
    list += (root / "schema" / (cases[i].schema + ".schema.json")).string() + "\t" + instance.string() + "\n";
  }
  std::ofstream(dir / "cases.txt") << list;
  std::string script =
      "import json, sys\n"
      "from jsonschema import Draft202012Validator\n"
      "for line in open(sys.argv[1]):\n"
      "    schema, instance = line.rstrip('\\n').split('\\t')\n"
      "    v = Draft202012Validator(json.load(open(schema)))\n"
      "    print('valid' if v.is_valid(json.load(open(instance))) else 'invalid')\n";
  std::ofstream(dir / "validate.py") << script;
  std::string command = "/usr/bin/python3 '" + (dir / "validate.py").string() + "' '" + (dir / "cases.txt").string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  int status = pclose(pipe);
  fs::remove_all(dir);
  REQUIRE_MESSAGE(status == 0, "python3-jsonschema is needed (scripts/install-deps.sh installs it): " << output);
  std::vector<std::string> verdicts;
  std::stringstream ss(output);
  for (std::string line; std::getline(ss, line);) verdicts.push_back(line);
  REQUIRE(verdicts.size() == cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    INFO(cases[i].file.string());
    CHECK(verdicts[i] == (cases[i].valid ? "valid" : "invalid"));
  }
}

}  // namespace lint
