#include "lint/diff/diff_report.h"

#include <doctest/doctest.h>

namespace lint {

namespace {

Object Relationship(const char* name, bool enabled) {
  Object o;
  o.side = Side::kCloud;
  o.kind = "OrganizationRelationship";
  o.identity = name;
  o.properties = Value::Object({});
  o.properties.SetField("Name", Value::String(name));
  o.properties.SetField("Enabled", Value::Bool(enabled));
  return o;
}

struct Fixture {
  Snapshot old_snapshot, new_snapshot;
  LintResult old_result, new_result;
  DiffReport report;

  Fixture(const char* name) {
    old_snapshot.objects = {Relationship(name, true)};
    new_snapshot.objects = {Relationship(name, false)};
    report.old_label = "old";
    report.new_label = "new";
    report.old_snapshot = &old_snapshot;
    report.new_snapshot = &new_snapshot;
    report.old_result = &old_result;
    report.new_result = &new_result;
    report.changes = DiffSnapshots(old_snapshot, new_snapshot);
    report.findings = DiffFindings(old_result, new_result);
  }
};

}  // namespace

TEST_CASE("RenderDiffMarkdown: pipes and backticks in a value do not break the table") {
  Fixture f("Partner | Fabrikam `test`");
  std::string md = RenderDiffMarkdown(f.report);
  CHECK(md.find("| changed | cloud | OrganizationRelationship | `` Partner \\| Fabrikam `test` `` | `Enabled` | `True` | "
                "`False` |") != std::string::npos);
  CHECK(md.find("**Gate** (`--fail-on error`): passes") != std::string::npos);
}

TEST_CASE("RenderDiffText: a changed property shows old -> new; blank is spelled out") {
  Fixture f("O365 to On-premises");
  f.new_snapshot.objects[0].properties.SetField("TargetSharingEpr", Value::Null());
  f.old_snapshot.objects[0].properties.SetField("TargetSharingEpr", Value::String("https://mail.contoso.com/ews/exchange.asmx"));
  f.report.changes = DiffSnapshots(f.old_snapshot, f.new_snapshot);
  std::string text = RenderDiffText(f.report);
  CHECK(text.find("cloud OrganizationRelationship\n  changed 'O365 to On-premises'\n") != std::string::npos);
  CHECK(text.find("    TargetSharingEpr: https://mail.contoso.com/ews/exchange.asmx -> (blank)\n") != std::string::npos);
  CHECK(text.find("    Enabled: True -> False\n") != std::string::npos);
  CHECK(text.find("gate (--fail-on error): passes") != std::string::npos);
  f.report.fail_on = "never";
  CHECK(RenderDiffText(f.report).find("gate (--fail-on never): passes\n") != std::string::npos);
}

TEST_CASE("RenderDiffJson: one entry per changed property, with old, new and locations") {
  Fixture f("O365 to On-premises");
  auto j = RenderDiffJson(f.report);
  REQUIRE(j["changes"].size() == 1);
  CHECK(j["changes"][0]["change"] == "changed");
  CHECK(j["changes"][0]["side"] == "cloud");
  CHECK(j["changes"][0]["property"] == "Enabled");
  CHECK(j["changes"][0]["old"] == true);
  CHECK(j["changes"][0]["new"] == false);
  CHECK(j["changes"][0]["locations"]["old"].is_null());  // no source file in this test
  CHECK(j["summary"]["objects"]["changed"] == 1);
  CHECK(j["ignored_properties"][0] == "WhenChanged");
}

}  // namespace lint
