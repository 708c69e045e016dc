#include "lint/config/waivers.h"

#include <algorithm>
#include <filesystem>

#include <doctest/doctest.h>

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

const Rule* FindRule(const std::string& id) {
  for (const Rule& r : BuiltinRules()) {
    if (r.id == id) return &r;
  }
  FAIL("no rule " << id);
  return nullptr;
}

struct Parsed {
  std::vector<Waiver> waivers;
  std::string errors;  // "line:col: message" per diagnostic
};

Parsed Parse(const std::string& yaml) {
  SourceSet sources;
  const SourceFile& file = sources.Add("waivers.yaml", Encoding::kUtf8, yaml);
  DiagnosticSink sink;
  Parsed p;
  p.waivers = ParseWaivers(file, BuiltinRules(), sink);
  for (const Diagnostic& d : sink.diagnostics()) {
    LineColumn lc = file.Locate(d.span.begin);
    p.errors += std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " + d.message + "\n";
  }
  return p;
}

// A waiver file with one entry; `fields` replace or add lines.
std::string One(const std::string& extra = "", const std::string& expires = "2027-06-30") {
  return "waivers:\n"
         "  - rule: ORG003\n"
         "    side: cloud\n"
         "    object: 'O365 to On-premises - *'\n"
         "    reason: the Hybrid Agent publishes this relationship\n"
         "    owner: messaging@contoso.com\n"
         "    expires: " + expires + "\n" + extra;
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

}  // namespace

TEST_CASE("Waivers: a complete entry parses, with its glob compiled and its position kept") {
  Parsed p = Parse(One());
  CHECK(p.errors == "");
  REQUIRE(p.waivers.size() == 1);
  const Waiver& w = p.waivers[0];
  CHECK(w.rule == "ORG003");
  CHECK(w.side == Side::kCloud);
  CHECK(w.object == "O365 to On-premises - *");
  CHECK(w.object_is_glob);
  CHECK(w.property == "");
  CHECK(w.reason == "the Hybrid Agent publishes this relationship");
  CHECK(w.owner == "messaging@contoso.com");
  CHECK(w.expires == "2027-06-30");
  CHECK(w.where == "waivers.yaml:2:5");
}

TEST_CASE("Waivers: a rule name is accepted and stored as its id; an exact object has no glob") {
  Parsed p = Parse(
      "waivers:\n"
      "  - rule: cloud-target-application-uri\n"
      "    side: cloud\n"
      "    object: O365 to On-premises - 3f2a\n"
      "    property: TargetApplicationUri\n"
      "    reason: r\n"
      "    owner: o\n"
      "    expires: 2027-01-31\n");
  CHECK(p.errors == "");
  REQUIRE(p.waivers.size() == 1);
  CHECK(p.waivers[0].rule == "ORG003");
  CHECK(!p.waivers[0].object_is_glob);
  CHECK(p.waivers[0].property == "TargetApplicationUri");
}

TEST_CASE("Waivers: an empty list is valid") {
  CHECK(Parse("waivers: []\n").errors == "");
  CHECK(Parse("waivers:\n").errors == "");
}

TEST_CASE("Waivers: every problem is an error at its line and column") {
  CHECK(Parse("waivers: [\n").errors == "2:1: invalid YAML: end of sequence flow not found\n");
  CHECK(Parse("- rule: ORG003\n").errors ==
        "1:1: expected a mapping with a 'waivers:' list (each item with rule, side, object, reason, owner and expires)\n");
  CHECK(Parse("waiver: []\n").errors ==
        "1:1: unknown waiver file key 'waiver' (did you mean 'waivers'?)\n"
        "1:1: missing required key 'waivers' (a list; 'waivers: []' for none)\n");
  CHECK(Parse("waivers: {rule: ORG003}\n").errors == "1:10: expected 'waivers' to be a list of waivers ('- rule: ...')\n");
  CHECK(Parse("waivers:\n  - ORG003\n").errors ==
        "2:5: expected a waiver: a mapping with rule, side, object, reason, owner and expires\n");
  CHECK(Parse(One("    reasn: typo\n")).errors == "8:5: unknown waiver key 'reasn' (did you mean 'reason'?)\n");
  CHECK(Parse(One("    expiry: 2027-01-01\n")).errors == "8:5: unknown waiver key 'expiry' (did you mean 'expires'?)\n");
  CHECK(Parse("waivers:\n  - rule: ORG003\n    side: cloud\n    object: x\n    reason: r\n").errors ==
        "2:5: waiver is missing required keys 'owner' and 'expires' (every waiver needs rule, side, object, reason, "
        "owner and expires)\n");
  CHECK(Parse("waivers:\n  - {rule: ORG003, side: cloud, object: x, owner: o, expires: 2027-01-01}\n").errors ==
        "2:5: waiver is missing required key 'reason' (every waiver needs rule, side, object, reason, owner and expires)\n");
  CHECK(Parse(One("", "2026-02-30")).errors ==
        "7:14: expected expires as a date YYYY-MM-DD (the last day the waiver applies), found '2026-02-30'\n");
  CHECK(Parse(One("", "2026-13-01")).errors ==
        "7:14: expected expires as a date YYYY-MM-DD (the last day the waiver applies), found '2026-13-01'\n");
  CHECK(Parse(One("", "2027-1-5")).errors ==
        "7:14: expected expires as a date YYYY-MM-DD (the last day the waiver applies), found '2027-1-5'\n");
  CHECK(Parse(One("", "next quarter")).errors ==
        "7:14: expected expires as a date YYYY-MM-DD (the last day the waiver applies), found 'next quarter'\n");
  CHECK(Parse(One("", "")).errors == "7:5: expected a value after 'expires:', found nothing\n");
}

TEST_CASE("Waivers: unknown rules, sides and properties are errors with a suggestion") {
  std::string base = "waivers:\n  - rule: {RULE}\n    side: {SIDE}\n    object: x\n{PROP}    reason: r\n    owner: o\n    expires: 2027-01-01\n";
  auto file = [&](std::string rule, std::string side, std::string prop) {
    std::string s = testing::ReplaceAll(base, "{RULE}", rule);
    s = testing::ReplaceAll(s, "{SIDE}", side);
    return testing::ReplaceAll(s, "{PROP}", prop);
  };
  CHECK(Parse(file("ORG03", "cloud", "")).errors ==
        "2:11: no rule 'ORG03' (did you mean 'ORG003'?) (a waiver names one rule id, such as ORG003)\n");
  CHECK(Parse(file("ORG003", "clod", "")).errors == "3:11: expected side onprem or cloud, found 'clod' (did you mean 'cloud'?)\n");
  CHECK(Parse(file("ORG003", "on-premises", "")).errors ==
        "3:11: rule ORG003 checks cloud objects, so a waiver for the on-premises side would never apply\n");
  CHECK(Parse(file("VDR003", "on-premises", "")).errors == "");
  CHECK(Parse(file("ORG003", "cloud", "    property: DomainNames\n")).errors ==
        "5:15: rule ORG003 reports on property 'TargetApplicationUri', so a waiver for 'DomainNames' would never apply\n");
  CHECK(Parse(file("ORG003", "cloud", "    property: targetapplicationuri\n")).errors == "");
}

TEST_CASE("Waivers: globs that do not compile are errors at the object") {
  std::string yaml = "waivers:\n  - rule: VDR003\n    side: onprem\n    object: '{OBJ}'\n    reason: r\n    owner: o\n    expires: 2027-01-01\n";
  CHECK(Parse(testing::ReplaceAll(yaml, "{OBJ}", "EX0[12\\EWS*")).errors ==
        "4:13: invalid glob 'EX0[12\\EWS*': '[' at character 4 is not closed by ']' (write [[] for a literal '[')\n");
  CHECK(Parse(testing::ReplaceAll(yaml, "{OBJ}", "EX0[9-1]*")).errors ==
        "4:13: invalid glob 'EX0[9-1]*': invalid character class range: 9-1\n");
  CHECK(Parse(testing::ReplaceAll(yaml, "{OBJ}", "EX0[1-2]\\EWS*")).errors == "");
}

TEST_CASE("Waivers: empty reasons and owners, lists and duplicate keys are errors") {
  CHECK(Parse(testing::ReplaceAll(One(), "reason: the Hybrid Agent publishes this relationship", "reason: ''")).errors ==
        "5:13: reason must say why the finding is accepted\n");
  CHECK(Parse(testing::ReplaceAll(One(), "owner: messaging@contoso.com", "owner: [a, b]")).errors ==
        "6:12: expected a single value, found a list\n");
  CHECK(Parse(One("    owner: someone-else\n")).errors == "8:5: duplicate key 'owner' (first on line 6)\n");
  CHECK(Parse("waivers: []\n---\nwaivers: []\n").errors == "3:1: a waiver file holds one YAML document: remove the second one\n");
}

TEST_CASE("Waivers: globs are fnmatch-like; backslashes in identities need no escape") {
  CHECK(GlobToRegex("EX0?\\EWS (*)").value() == "EX0.\\\\EWS\\ \\(.*\\)");
  CHECK(GlobToRegex("[!ab]x").value() == "[^ab]x");
  CHECK(GlobToRegex("[]]").value() == "[\\]]");
  CHECK(!GlobToRegex("[ab").has_value());

  Parsed p = Parse("waivers:\n  - {rule: VDR003, side: onprem, object: 'ex0?\\EWS (*)', reason: r, owner: o, expires: 2027-01-01}\n");
  REQUIRE(p.waivers.size() == 1);
  CHECK(WaiverMatches(p.waivers[0], MakeFinding("VDR003", Side::kOnPrem, "EX02\\EWS (Default Web Site)")));
  CHECK(!WaiverMatches(p.waivers[0], MakeFinding("VDR003", Side::kOnPrem, "EX10\\EWS (Default Web Site)")));
  CHECK(!WaiverMatches(p.waivers[0], MakeFinding("VDR003", Side::kCloud, "EX02\\EWS (Default Web Site)")));
  CHECK(!WaiverMatches(p.waivers[0], MakeFinding("VDR001", Side::kOnPrem, "EX02\\EWS (Default Web Site)")));

  Parsed exact = Parse("waivers:\n  - {rule: RCP003, side: onprem, object: 'Zoë Müller:\\Calendar', reason: r, owner: o, expires: 2027-01-01}\n");
  REQUIRE(exact.waivers.size() == 1);
  CHECK(WaiverMatches(exact.waivers[0], MakeFinding("RCP003", Side::kOnPrem, "ZOË MÜLLER:\\CALENDAR")));
  CHECK(!WaiverMatches(exact.waivers[0], MakeFinding("RCP003", Side::kOnPrem, "Zoë Müller:\\Calendar (Default)")));
}

TEST_CASE("Waivers: applying marks the finding waived, and reports expired, expiring and unused waivers") {
  Parsed p = Parse(
      "waivers:\n"
      "  - {rule: ORG003, side: cloud, object: 'O365*', reason: Hybrid Agent, owner: alice, expires: 2026-12-22}\n"  // 30 days left
      "  - {rule: VDR003, side: onprem, object: 'EX02*', reason: old, owner: bob, expires: 2026-11-21}\n"      // expired yesterday
      "  - {rule: RCP003, side: onprem, object: 'nobody', reason: gone, owner: carol, expires: 2027-01-01}\n"  // unused
      "  - {rule: ORG014, side: onprem, object: '*', reason: not run, owner: dan, expires: 2027-01-01}\n"      // rule not run
      "  - {rule: IOC001, side: cloud, object: '*', reason: today, owner: erin, expires: 2026-11-22}\n"       // last day
      "  - {rule: IOC001, side: cloud, object: 'HybridIOC*', reason: twice, owner: fay, expires: 2027-01-01}\n"  // shadowed
      "  - {rule: IOC007, side: cloud, object: '*', reason: later, owner: gus, expires: 2026-12-23}\n");     // 31 days left
  REQUIRE(p.errors == "");
  LintResult result;
  result.findings = {MakeFinding("ORG003", Side::kCloud, "O365 to On-premises - 3f2a"),
                     MakeFinding("VDR003", Side::kOnPrem, "EX02\\EWS (Default Web Site)"),
                     MakeFinding("IOC001", Side::kCloud, "HybridIOC - 3f2a"),
                     MakeFinding("IOC007", Side::kCloud, "HybridIOC - 3f2a")};
  std::vector<const Rule*> ran = {FindRule("ORG003"), FindRule("VDR003"), FindRule("RCP003"), FindRule("IOC001"),
                                  FindRule("IOC007")};
  ApplyWaivers(p.waivers, "2026-11-22", ran, result);

  CHECK(result.findings[0].waived);
  CHECK(result.findings[0].waiver.reason == "Hybrid Agent");
  CHECK(result.findings[0].waiver.owner == "alice");
  CHECK(result.findings[0].waiver.expires == "2026-12-22");
  CHECK(result.findings[0].waiver.source == "waivers.yaml:2:5");
  CHECK(!result.findings[1].waived);  // expired: counts again
  CHECK(result.findings[2].waived);
  CHECK(result.findings[2].waiver.owner == "erin");  // the first matching waiver wins
  CHECK(result.findings[3].waived);

  std::string text;
  for (const Diagnostic& d : result.tool_diagnostics) {
    CHECK(d.code == "LINT-WAIVER");
    text += std::string(SeverityName(d.severity)) + " @" + std::to_string(d.span.begin) + ": " + d.message + "\n";
  }
  CHECK(text ==
        "info @13: waiver of ORG003 for cloud 'O365*' expires in 30 days, on 2026-12-22 (owner alice)\n"
        "warning @119: waiver of VDR003 for on-premises 'EX02*' expired on 2026-11-21 (owner bob) and no longer "
        "applies: the 1 finding it covered counts again\n"
        "info @215: waiver of RCP003 for on-premises 'nobody' matched no finding: remove it\n"
        "info @411: waiver of IOC001 for cloud '*' expires today, on 2026-11-22 (owner erin)\n"
        "info @505: waiver of IOC001 for cloud 'HybridIOC*' matched no finding that an earlier waiver did not already "
        "cover: remove it\n");
}

TEST_CASE("Waivers: an expired waiver that matches nothing is still reported as expired") {
  Parsed p = Parse("waivers:\n  - {rule: ORG003, side: cloud, object: x, reason: r, owner: o, expires: 2020-01-01}\n");
  LintResult result;
  std::vector<const Rule*> ran = {FindRule("ORG003")};
  ApplyWaivers(p.waivers, "2026-11-22", ran, result);
  REQUIRE(result.tool_diagnostics.size() == 1);
  CHECK(result.tool_diagnostics[0].severity == Severity::kWarning);
  CHECK(result.tool_diagnostics[0].message ==
        "waiver of ORG003 for cloud 'x' expired on 2020-01-01 (owner o) and no longer applies");
}

// fixtures/waivers/<case>.yaml -> <case>.expected: the diagnostics as users
// see them (file:line:col, the line, a caret), empty for good-* cases.
TEST_CASE("Waivers: every fixture file gives exactly its expected diagnostics") {
  fs::path root = testing::SourceDir();
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(root / "fixtures" / "waivers")) {
    if (entry.path().extension() == ".yaml") cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  CHECK(cases.size() >= 6);
  for (const fs::path& path : cases) {
    INFO("waiver fixture " << path.filename().string());
    SourceSet sources;
    const SourceFile& file = sources.Add("fixtures/waivers/" + path.filename().string(), Encoding::kUtf8,
                                         testing::ReadFile(path));
    DiagnosticSink sink;
    std::vector<Waiver> waivers = ParseWaivers(file, BuiltinRules(), sink);
    bool good = path.filename().string().starts_with("good-");
    CHECK(good == sink.diagnostics().empty());
    CHECK(good == !waivers.empty());
    fs::path expected = path;
    expected.replace_extension(".expected");
    testing::CheckGolden(expected, RenderDiagnostics(sink.diagnostics(), &sources));
  }
}

}  // namespace lint
