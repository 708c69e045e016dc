#include "lint/diag/junit_renderer.h"

#include <doctest/doctest.h>

namespace lint {

namespace {

struct Run {
  Snapshot snapshot;
  Rule rule;
  LintResult result;

  Run() {
    rule.id = "VDR003";
    rule.name = "ews-vdir-oauth";
    snapshot.inputs.push_back(InputFile{"onprem/Get-WebServicesVirtualDirectory.txt", "format-list", "utf-8"});
  }
  Finding& Add(const std::string& object, Severity severity) {
    Finding f;
    f.rule = &rule;
    f.severity = severity;
    f.side = Side::kOnPrem;
    f.kind = "WebServicesVirtualDirectory";
    f.object = object;
    f.message = "no OAuth on " + object;
    f.fix = "Set-WebServicesVirtualDirectory -Identity '" + object + "' -OAuthAuthentication $true";
    result.findings.push_back(f);
    return result.findings.back();
  }
  std::string Render() { return RenderJunit(ReportInput{result, snapshot, {&rule}, "2026-11-22", "1.2.3"}); }
};

}  // namespace

TEST_CASE("JunitRenderer: one test case per rule and object, with matching counts") {
  Run run;
  run.result.passed_checks.push_back({&run.rule, Side::kOnPrem, "WebServicesVirtualDirectory", "EX01\\EWS"});
  run.result.passed = 1;
  run.Add("EX02\\EWS", Severity::kError);
  Finding& waived = run.Add("EX03\\EWS", Severity::kWarning);
  waived.waived = true;
  waived.waiver = {"retiring", "jane", "2027-01-31", "w.yaml:3:5"};
  run.result.not_evaluated.push_back({&run.rule, Side::kOnPrem, "WebServicesVirtualDirectory", "EX04\\EWS",
                                      "the list was truncated", {}});
  Diagnostic d;
  d.code = "LINT-WAIVER";
  d.severity = Severity::kError;
  d.message = "a waiver matched nothing";
  run.result.tool_diagnostics.push_back(d);
  std::string xml = run.Render();
  CHECK(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"hybridlint\" tests=\"5\" "
                        "failures=\"1\" errors=\"1\" skipped=\"2\" time=\"0\">\n  <testsuite name=\"onprem\" tests=\"5\""));
  CHECK(xml.find("<testcase classname=\"VDR003.ews-vdir-oauth\" name=\"onprem/WebServicesVirtualDirectory/EX01\\EWS\" "
                 "time=\"0\"/>") != std::string::npos);
  CHECK(xml.find("<failure message=\"no OAuth on EX02\\EWS\" type=\"error\">") != std::string::npos);
  CHECK(xml.find("<skipped message=\"waived: retiring (owner jane, expires 2027-01-31)\"/>") != std::string::npos);
  CHECK(xml.find("<skipped message=\"not evaluated: the list was truncated\"/>") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"LINT-WAIVER\" name=\"hybridlint\" time=\"0\">\n      <error "
                 "message=\"a waiver matched nothing\" type=\"LINT-WAIVER\">") != std::string::npos);
  CHECK(xml.find("<property name=\"hybridlint.version\" value=\"1.2.3\"/>") != std::string::npos);
  CHECK(xml.ends_with("  </testsuite>\n</testsuites>\n"));
}

TEST_CASE("JunitRenderer: an empty run is one suite with no test case") {
  Run run;
  std::string xml = run.Render();
  CHECK(xml.find("tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\"") != std::string::npos);
  CHECK(xml.find("<testcase") == std::string::npos);
}

TEST_CASE("JunitRenderer: messages stay on one line and characters XML cannot hold are replaced") {
  Run run;
  Finding& f = run.Add("EX\x01<02>", Severity::kWarning);
  f.message = "line one\nline \"two\" & <three>";
  std::string xml = run.Render();
  CHECK(xml.find("name=\"onprem/WebServicesVirtualDirectory/EX\xEF\xBF\xBD&lt;02&gt;\"") != std::string::npos);
  CHECK(xml.find("<failure message=\"line one line &quot;two&quot; &amp; &lt;three&gt;\" type=\"warning\">") !=
        std::string::npos);
  CHECK(xml.find('\x01') == std::string::npos);
}

}  // namespace lint
