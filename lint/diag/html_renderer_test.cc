#include "lint/diag/html_renderer.h"

#include <deque>

#include <doctest/doctest.h>

namespace lint {

namespace {

struct Run {
  Snapshot snapshot;
  std::deque<Rule> rules;  // stable addresses
  LintResult result;

  Run() {
    result.paths.onprem_to_cloud.mechanism = "oauth";
    result.paths.cloud_to_onprem.mechanism = "oauth";
  }
  const Rule* MakeRule(const std::string& id, const std::string& category, const std::string& kind, FbPath path,
                       Direction direction) {
    Rule r;
    r.id = id;
    r.name = "rule-" + id;
    r.category = category;
    r.applies_kind = kind;
    r.path = path;
    r.direction = direction;
    rules.push_back(r);
    return &rules.back();
  }
  Finding& Add(const Rule* rule, Side side, Severity severity) {
    Finding f;
    f.rule = rule;
    f.severity = severity;
    f.side = side;
    f.kind = rule->applies_kind;
    f.object = "obj-" + rule->id;
    result.findings.push_back(f);
    return result.findings.back();
  }
  ReportInput Input() {
    std::vector<const Rule*> run;
    for (const Rule& r : rules) run.push_back(&r);
    return ReportInput{result, snapshot, run, "2026-11-22", "1.2.3"};
  }
};

}  // namespace

TEST_CASE("HtmlRenderer: each finding colours the hop of its rule's category, side and direction") {
  Run run;
  const Rule* ioc = run.MakeRule("IOC001", "ioc", "IntraOrganizationConnector", FbPath::kOAuth, Direction::kCloudToOnPrem);
  const Rule* vdir = run.MakeRule("VDR009", "vdir", "WebServicesVirtualDirectory", FbPath::kAny, Direction::kCloudToOnPrem);
  const Rule* dauth = run.MakeRule("ORG003", "orgrel", "OrganizationRelationship", FbPath::kDAuth, Direction::kCloudToOnPrem);
  const Rule* cert = run.MakeRule("CRT002", "certificate", "ExchangeCertificate", FbPath::kOAuth, Direction::kBoth);
  const Rule* rcp = run.MakeRule("RCP005", "recipient", "CalendarConfiguration", FbPath::kAny, Direction::kOnPremToCloud);
  run.Add(ioc, Side::kCloud, Severity::kError);
  run.Add(vdir, Side::kOnPrem, Severity::kWarning);
  run.Add(dauth, Side::kCloud, Severity::kError);  // DAuth: not on an OAuth direction
  Finding& waived = run.Add(cert, Side::kOnPrem, Severity::kError);
  waived.waived = true;
  run.result.not_evaluated.push_back({rcp, Side::kCloud, "CalendarConfiguration", "", "no export", {}});
  ReportInput input = run.Input();

  std::vector<PathHop> back = FreeBusyHops(input, Direction::kCloudToOnPrem);
  REQUIRE(back.size() == 4);
  CHECK(back[0].title == "Exchange Online connector");
  CHECK(back[0].status == HopStatus::kError);
  CHECK(back[0].breaks);
  CHECK(back[0].findings.size() == 1);  // IOC001 only: ORG003 is DAuth
  CHECK(back[1].status == HopStatus::kOk);
  CHECK(back[1].covered.size() == 1);  // the waived certificate finding
  CHECK(back[2].status == HopStatus::kWarning);
  CHECK(!back[2].breaks);
  CHECK(back[3].status == HopStatus::kOk);

  std::vector<PathHop> there = FreeBusyHops(input, Direction::kOnPremToCloud);
  CHECK(there[0].status == HopStatus::kOk);
  CHECK(there[1].covered.size() == 1);
  CHECK(there[3].status == HopStatus::kNotEvaluated);
  CHECK(there[3].not_evaluated.size() == 1);
  CHECK(std::none_of(there.begin(), there.end(), [](const PathHop& h) { return h.breaks; }));
}

TEST_CASE("HtmlRenderer: a direction without a path shows every quiet hop as no path") {
  Run run;
  run.result.paths.cloud_to_onprem.mechanism = "none";
  std::vector<PathHop> hops = FreeBusyHops(run.Input(), Direction::kCloudToOnPrem);
  for (const PathHop& h : hops) CHECK(h.status == HopStatus::kNoPath);
  CHECK(std::string(HopStatusName(HopStatus::kNoPath)) == "no-path");
}

TEST_CASE("HtmlRenderer: a mixed direction counts the findings of each mechanism it uses") {
  Run run;
  run.result.paths.cloud_to_onprem.mechanism = "mixed";
  run.result.paths.cloud_to_onprem.domains = {{"contoso.com", "oauth"}, {"fabrikam.com", "dauth"}};
  const Rule* dauth = run.MakeRule("ORG003", "orgrel", "OrganizationRelationship", FbPath::kDAuth, Direction::kCloudToOnPrem);
  const Rule* aas = run.MakeRule("AAS001", "aas", "AvailabilityAddressSpace", FbPath::kAas, Direction::kCloudToOnPrem);
  run.Add(dauth, Side::kCloud, Severity::kError);
  run.Add(aas, Side::kCloud, Severity::kError);
  std::vector<PathHop> hops = FreeBusyHops(run.Input(), Direction::kCloudToOnPrem);
  CHECK(hops[0].findings.size() == 1);
  CHECK(hops[0].findings[0]->rule->id == "ORG003");
  CHECK(hops[0].detail == "contoso.com OAuth, fabrikam.com DAuth");
}

TEST_CASE("HtmlRenderer: the page is self-contained and escapes what the inputs say") {
  Run run;
  run.snapshot.manifest.organization = "<b>Org</b>";
  const Rule* ioc = run.MakeRule("IOC001", "ioc", "IntraOrganizationConnector", FbPath::kOAuth, Direction::kCloudToOnPrem);
  Finding& f = run.Add(ioc, Side::kCloud, Severity::kError);
  f.object = "\"><script>alert(1)</script>";
  f.message = "<img src=x onerror=alert(1)>";
  f.fix = "Set-X -Identity '</pre><a href=\"https://evil.example\">'";
  std::string html = RenderHtml(run.Input());
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<a ") == std::string::npos);
  CHECK(html.find("<b>Org") == std::string::npos);
  CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  // Nothing is fetched: no tag has a src or href, CSS imports nothing, and
  // every url() is a reference inside the page.
  for (size_t lt = html.find('<'); lt != std::string::npos; lt = html.find('<', lt + 1)) {
    std::string tag = html.substr(lt, html.find('>', lt) - lt);
    CHECK_MESSAGE(tag.find(" src=") == std::string::npos, tag);
    CHECK_MESSAGE(tag.find("href=") == std::string::npos, tag);
  }
  CHECK(html.find("@import") == std::string::npos);
  for (size_t u = html.find("url("); u != std::string::npos; u = html.find("url(", u + 1)) {
    CHECK(html.substr(u, 5) == "url(#");
  }
  CHECK(html.ends_with("</html>\n"));
}

}  // namespace lint
