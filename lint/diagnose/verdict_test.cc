#include "lint/diagnose/verdict.h"

#include <doctest/doctest.h>

namespace lint {

namespace {

CatalogEntry EntryWithCauses() {
  CatalogEntry e;
  e.id = "FB999";
  e.causes = {
      {"fires", {"ORG003", "FED011"}, true, ""},
      {"passes", {"VDR001"}, true, ""},
      {"not evaluated", {"VDR002", "VDR001"}, true, ""},
      {"nothing to check", {"IOC001"}, true, ""},
      {"firewall", {}, false, "firewall rules are in no export"},
  };
  return e;
}

}  // namespace

TEST_CASE("JudgeCauses: a finding confirms, passes rule out, not evaluated or uncheckable cannot be decided") {
  Rule org003, fed011, vdr001, vdr002, ioc001;
  org003.id = "ORG003";
  fed011.id = "FED011";
  vdr001.id = "VDR001";
  vdr002.id = "VDR002";
  ioc001.id = "IOC001";
  LintResult result;
  Finding f;
  f.rule = &org003;
  result.findings.push_back(f);
  result.passed_checks.push_back({&fed011, Side::kOnPrem, "FederatedOrganizationIdentifier", "Federation"});
  result.passed_checks.push_back({&vdr001, Side::kOnPrem, "WebServicesVirtualDirectory", "EX01\\EWS (Default Web Site)"});
  result.passed_checks.push_back({&vdr001, Side::kOnPrem, "WebServicesVirtualDirectory", "EX02\\EWS (Default Web Site)"});
  result.not_evaluated.push_back({&vdr002, Side::kOnPrem, "AutodiscoverVirtualDirectory", "", "no on-premises Get-AutodiscoverVirtualDirectory export", {}});

  CatalogEntry e = EntryWithCauses();
  std::vector<CauseJudgement> j = JudgeCauses(e, result);
  REQUIRE(j.size() == 5);
  CHECK(j[0].verdict == CauseVerdict::kConfirmed);
  CHECK(j[0].findings.size() == 1);
  CHECK(j[0].reasons.empty());
  CHECK(j[1].verdict == CauseVerdict::kRuledOut);
  CHECK(j[1].passed == 2);
  CHECK(j[2].verdict == CauseVerdict::kUndecidable);
  CHECK(j[2].reasons == std::vector<std::string>{"VDR002: no on-premises Get-AutodiscoverVirtualDirectory export"});
  CHECK(j[3].verdict == CauseVerdict::kRuledOut);
  CHECK(j[3].passed == 0);
  CHECK(j[4].verdict == CauseVerdict::kUndecidable);
  CHECK(j[4].reasons == std::vector<std::string>{"hybridlint cannot check this: firewall rules are in no export"});
  CHECK(j[4].number == 5);
  CHECK(std::string(CauseVerdictName(j[4].verdict)) == "undecidable");
}

TEST_CASE("JudgeCauses: one object left unevaluated keeps the cause open even when others passed") {
  Rule vdr001;
  vdr001.id = "VDR001";
  LintResult result;
  result.passed_checks.push_back({&vdr001, Side::kOnPrem, "WebServicesVirtualDirectory", "EX01\\EWS (Default Web Site)"});
  result.not_evaluated.push_back({&vdr001, Side::kOnPrem, "WebServicesVirtualDirectory", "EX02\\EWS (Default Web Site)",
                                  "the list InternalAuthenticationMethods was cut at '...'", {}});
  CatalogEntry e;
  e.causes = {{"wssecurity", {"VDR001"}, true, ""}};
  std::vector<CauseJudgement> j = JudgeCauses(e, result);
  REQUIRE(j.size() == 1);
  CHECK(j[0].verdict == CauseVerdict::kUndecidable);
  CHECK(j[0].reasons == std::vector<std::string>{
                            "VDR001: on-premises WebServicesVirtualDirectory 'EX02\\EWS (Default Web Site)': the list "
                            "InternalAuthenticationMethods was cut at '...'"});
}

}  // namespace lint
