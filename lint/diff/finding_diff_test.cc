#include "lint/diff/finding_diff.h"

#include <doctest/doctest.h>

namespace lint {

namespace {

Finding Make(const Rule& rule, const char* object, Severity severity) {
  Finding f;
  f.rule = &rule;
  f.severity = severity;
  f.side = Side::kCloud;
  f.kind = "OrganizationRelationship";
  f.object = object;
  f.property = "TargetApplicationUri";
  f.fingerprint = Fingerprint(rule.id, f.side, f.kind, f.object, f.property);
  return f;
}

Rule MakeRule(const char* id) {
  Rule r;
  r.id = id;
  return r;
}

}  // namespace

TEST_CASE("DiffFindings: findings match by fingerprint, not by position or message") {
  Rule org003 = MakeRule("ORG003"), org014 = MakeRule("ORG014"), ioc004 = MakeRule("IOC004");
  LintResult a, b;
  a.findings = {Make(org003, "O365 to On-premises", Severity::kInfo), Make(org014, "Partner", Severity::kWarning)};
  b.findings = {Make(ioc004, "HybridIOC", Severity::kWarning), Make(org003, "o365 to on-premises", Severity::kError)};
  b.findings[1].message = "another wording";
  FindingsDiff d = DiffFindings(a, b);
  REQUIRE(d.introduced.size() == 1);
  CHECK(d.introduced[0].new_finding->rule->id == "IOC004");
  CHECK(d.introduced[0].not_evaluated_reason.empty());
  REQUIRE(d.severity_changed.size() == 1);
  CHECK(d.severity_changed[0].old_finding->severity == Severity::kInfo);
  CHECK(d.severity_changed[0].new_finding->severity == Severity::kError);
  REQUIRE(d.resolved.size() == 1);
  CHECK(d.resolved[0].old_finding->rule->id == "ORG014");
  CHECK(d.unchanged == 0);
}

TEST_CASE("DiffFindings: a finding NEW could not evaluate is not resolved") {
  Rule crt005 = MakeRule("CRT005");
  LintResult a, b;
  a.findings = {Make(crt005, "X", Severity::kError)};
  b.not_evaluated.push_back({&crt005, Side::kCloud, "OrganizationRelationship", "x", "Services is not in the export", {}});
  FindingsDiff d = DiffFindings(a, b);
  CHECK(d.resolved.empty());
  REQUIRE(d.no_longer_evaluated.size() == 1);
  CHECK(d.no_longer_evaluated[0].not_evaluated_reason == "Services is not in the export");
  // ... and one OLD could not evaluate is introduced, with the reason.
  FindingsDiff back = DiffFindings(b, a);
  REQUIRE(back.introduced.size() == 1);
  CHECK(back.introduced[0].not_evaluated_reason == "Services is not in the export");
}

TEST_CASE("FailsGate: introduced at the threshold, or raised across it") {
  Rule r = MakeRule("ORG003");
  LintResult a, b;
  a.findings = {Make(r, "A", Severity::kInfo)};
  b.findings = {Make(r, "A", Severity::kWarning)};
  FindingsDiff raised = DiffFindings(a, b);
  CHECK(FailsGate(raised, Severity::kWarning));
  CHECK_FALSE(FailsGate(raised, Severity::kError));
  // Lowered: never fails.
  FindingsDiff lowered = DiffFindings(b, a);
  CHECK_FALSE(FailsGate(lowered, Severity::kInfo));
  // Already at the threshold before and after: not the change's doing.
  LintResult c;
  c.findings = {Make(r, "A", Severity::kError)};
  LintResult e;
  e.findings = {Make(r, "A", Severity::kError), Make(r, "B", Severity::kWarning)};
  CHECK_FALSE(FailsGate(DiffFindings(c, e), Severity::kError));
  CHECK(FailsGate(DiffFindings(c, e), Severity::kWarning));
}

TEST_CASE("SamePath: mechanism and per-domain mechanisms, domains as a set") {
  PathResult a, b;
  a.mechanism = b.mechanism = "mixed";
  a.domains = {{"contoso.com", "oauth"}, {"fabrikam.com", "dauth"}};
  b.domains = {{"fabrikam.com", "dauth"}, {"Contoso.com", "oauth"}};
  b.reason = "other words";
  CHECK(SamePath(a, b));
  b.domains[0].second = "oauth";
  CHECK_FALSE(SamePath(a, b));
  PathResult c;
  c.mechanism = "oauth";
  CHECK_FALSE(SamePath(a, c));
}

}  // namespace lint
