#include "lint/diag/sarif_renderer.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace lint {

namespace {

// One cloud file and one on-premises file, one rule, findings added by the test.
struct Run {
  Snapshot snapshot;
  Rule rule;
  LintResult result;

  Run() {
    const SourceFile& cloud = snapshot.sources.Add("cloud/Get-OrganizationRelationship.yaml", Encoding::kUtf8,
                                                   "objects:\n  - Name: Zoë\n    TargetApplicationUri: outlook.com\n");
    const SourceFile& onprem = snapshot.sources.Add("onprem/Get-FederatedOrganizationIdentifier.yaml", Encoding::kUtf8,
                                                    "objects:\n  - AccountNamespace: FYDIBOHF25SPDLT.contoso.com\n");
    snapshot.inputs.push_back(InputFile{"cloud/Get-OrganizationRelationship.yaml", "yaml", "utf-8", cloud.id(), {}, "",
                                        Side::kCloud});
    snapshot.inputs.push_back(InputFile{"onprem/Get-FederatedOrganizationIdentifier.yaml", "yaml", "utf-8", onprem.id(),
                                        {}, "", Side::kOnPrem});
    rule.id = "ORG003";
    rule.name = "cloud-target-application-uri";
    rule.category = "orgrel";
    rule.file = "checks/orgrel/cloud-target-application-uri.yaml";
    rule.severity = Severity::kError;
    rule.path = FbPath::kDAuth;
    rule.direction = Direction::kCloudToOnPrem;
    rule.fix = "Set-OrganizationRelationship -Identity '{object}' -TargetApplicationUri '{expected}'";
    rule.docs.what = "The cloud relationship names the account namespace. It is checked on every relationship.\n";
    rule.docs.why = "DAuth tokens are issued for it.\n";
  }

  Finding& Add(Severity severity, SourceSpan span) {
    Finding f;
    f.rule = &rule;
    f.severity = severity;
    f.side = Side::kCloud;
    f.kind = "OrganizationRelationship";
    f.object = "Zoë";
    f.property = "TargetApplicationUri";
    f.actual = Value::String("outlook.com");
    f.expected = "FYDIBOHF25SPDLT.contoso.com";
    f.span = span;
    f.fix = "Set-OrganizationRelationship -Identity 'Zoë' -TargetApplicationUri 'FYDIBOHF25SPDLT.contoso.com'";
    f.fingerprint = "0011223344556677";
    result.findings.push_back(f);
    return result.findings.back();
  }

  nlohmann::json Render() {
    ReportInput input{result, snapshot, {&rule}, "2026-11-22", "9.9.9"};
    return nlohmann::json::parse(RenderSarif(input));
  }
};

}  // namespace

TEST_CASE("SarifRenderer: SarifUri keeps relative paths relative and percent-encodes the rest") {
  CHECK(SarifUri("cloud/Get-Mailbox.xml") == "cloud/Get-Mailbox.xml");
  CHECK(SarifUri("./cloud\\exports\\Zoë Brontë.xml") == "cloud/exports/Zo%C3%AB%20Bront%C3%AB.xml");
  CHECK(SarifUri("a#b?c%d[e]") == "a%23b%3Fc%25d%5Be%5D");
  CHECK(SarifUri("/tmp/snap/x.xml") == "file:///tmp/snap/x.xml");
  CHECK(SarifUri("C:\\exports\\x.xml") == "file:///C:/exports/x.xml");
}

TEST_CASE("SarifRenderer: FirstSentence stops at the first full stop before a capital") {
  CHECK(FirstSentence("  One thing. Two things.\n") == "One thing.");
  CHECK(FirstSentence("Use e.g. autodiscover.contoso.com here. Then") == "Use e.g. autodiscover.contoso.com here.");
  CHECK(FirstSentence("no full stop\n") == "no full stop");
  CHECK(FirstSentence("Line one.\nLine two.") == "Line one.");
}

TEST_CASE("SarifRenderer: a result has a 1-based region, its level, fingerprint and related locations") {
  Run run;
  const SourceFile* cloud = run.snapshot.sources.Find(0);
  const SourceFile* onprem = run.snapshot.sources.Find(1);
  auto at = [](const SourceFile* f, std::string_view needle) {
    size_t b = f->text().find(needle);
    return f->Span(b, b + needle.size());
  };
  Finding& f = run.Add(Severity::kError, at(cloud, "outlook.com"));
  f.notes.push_back({"the account namespace is here", at(onprem, "FYDIBOHF25SPDLT.contoso.com")});
  f.notes.push_back({"a note without a place", {}});
  nlohmann::json log = run.Render();
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const auto& r = log["runs"][0];
  CHECK(r["columnKind"] == "unicodeCodePoints");
  CHECK(r["tool"]["driver"]["version"] == "9.9.9");
  CHECK(r["tool"]["driver"]["rules"][0]["shortDescription"]["text"] == "The cloud relationship names the account namespace.");
  CHECK(r["tool"]["driver"]["rules"][0]["helpUri"] ==
        "https://hybridlint.invalid/checks/orgrel/cloud-target-application-uri.yaml");
  const auto& res = r["results"][0];
  CHECK(res["ruleId"] == "ORG003");
  CHECK(res["ruleIndex"] == 0);
  CHECK(res["level"] == "error");
  CHECK(res["partialFingerprints"]["hybridlint/v1"] == "0011223344556677");
  const auto& loc = res["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "cloud/Get-OrganizationRelationship.yaml");
  CHECK(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(loc["artifactLocation"]["index"] == 0);
  // "    TargetApplicationUri: outlook.com": line 3, columns in code points.
  CHECK(loc["region"] == nlohmann::json{{"startLine", 3}, {"startColumn", 27}, {"endLine", 3}, {"endColumn", 38}});
  REQUIRE(res["relatedLocations"].size() == 1);
  CHECK(res["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["index"] == 1);
  CHECK(res["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 2);
  CHECK(res["message"]["text"].get<std::string>().find("\nnote: a note without a place\n") != std::string::npos);
  CHECK(!res.contains("suppressions"));
}

TEST_CASE("SarifRenderer: a finding without a span points at line 1 of the first input of its side") {
  Run run;
  run.Add(Severity::kInfo, {});
  nlohmann::json log = run.Render();
  const auto& res = log["runs"][0]["results"][0];
  CHECK(res["level"] == "note");
  const auto& loc = res["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "cloud/Get-OrganizationRelationship.yaml");
  CHECK(loc["region"] == nlohmann::json{{"startLine", 1}, {"startColumn", 1}});
}

TEST_CASE("SarifRenderer: waived and baselined findings carry external suppressions with a justification") {
  Run run;
  Finding& waived = run.Add(Severity::kWarning, {});
  waived.waived = true;
  waived.waiver = {"decommissioned in March", "jane@contoso.com", "2027-03-31", "waivers.yaml:7:5"};
  Finding& baselined = run.Add(Severity::kError, {});
  baselined.baselined = true;
  nlohmann::json log = run.Render();
  const auto& s0 = log["runs"][0]["results"][0]["suppressions"];
  REQUIRE(s0.size() == 1);
  CHECK(s0[0]["kind"] == "external");
  CHECK(s0[0]["status"] == "accepted");
  CHECK(s0[0]["justification"] == "decommissioned in March");
  CHECK(s0[0]["location"]["physicalLocation"]["artifactLocation"]["uri"] == "waivers.yaml");
  CHECK(s0[0]["location"]["physicalLocation"]["region"] == nlohmann::json{{"startLine", 7}, {"startColumn", 5}});
  CHECK(s0[0]["properties"]["owner"] == "jane@contoso.com");
  CHECK(s0[0]["properties"]["expires"] == "2027-03-31");
  const auto& s1 = log["runs"][0]["results"][1]["suppressions"];
  REQUIRE(s1.size() == 1);
  CHECK(s1[0]["properties"]["baseline"] == true);
}

TEST_CASE("SarifRenderer: not-evaluated checks and tool diagnostics become notifications") {
  Run run;
  run.result.not_evaluated.push_back({&run.rule, Side::kCloud, "OrganizationRelationship", "", "no cloud export", {}});
  Diagnostic d;
  d.code = "LINT-WAIVER";
  d.severity = Severity::kWarning;
  d.message = "the waiver expired";
  d.path = "waivers.yaml";
  run.result.tool_diagnostics.push_back(d);
  nlohmann::json log = run.Render();
  const auto& inv = log["runs"][0]["invocations"][0];
  CHECK(inv["executionSuccessful"] == true);
  CHECK(inv["toolExecutionNotifications"][0]["associatedRule"] == nlohmann::json{{"id", "ORG003"}, {"index", 0}});
  CHECK(inv["toolExecutionNotifications"][0]["message"]["text"] ==
        "ORG003 not evaluated on cloud OrganizationRelationship: no cloud export");
  CHECK(inv["toolConfigurationNotifications"][0]["level"] == "warning");
  CHECK(inv["toolConfigurationNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "waivers.yaml");
  const auto& descriptors = log["runs"][0]["tool"]["driver"]["notifications"];
  CHECK(descriptors[0]["id"] == "not-evaluated");
  CHECK(descriptors[1]["id"] == "LINT-WAIVER");
}

}  // namespace lint
