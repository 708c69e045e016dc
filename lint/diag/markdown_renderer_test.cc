#include "lint/diag/markdown_renderer.h"

#include <doctest/doctest.h>

namespace lint {

namespace {

struct Run {
  Snapshot snapshot;
  Rule rule;
  LintResult result;

  Run() {
    rule.id = "RCP003";
    rule.name = "onprem-calendar-default-access-none";
  }
  void Add(const std::string& object, const std::string& message) {
    Finding f;
    f.rule = &rule;
    f.severity = Severity::kWarning;
    f.side = Side::kOnPrem;
    f.kind = "MailboxFolderPermission";
    f.object = object;
    f.message = message;
    f.fix = "Set-MailboxFolderPermission -Identity '" + object + "'";
    result.findings.push_back(f);
  }
  std::string Render() { return RenderMarkdown(ReportInput{result, snapshot, {&rule}, "2026-11-22", "1.2.3"}); }
};

}  // namespace

TEST_CASE("MarkdownRenderer: EscapeMarkdown leaves no markup, table break or mention") {
  CHECK(EscapeMarkdown("a|b*c_d`e[f](g)~h#i") == "a\\|b\\*c\\_d\\`e\\[f\\](g)\\~h\\#i");
  CHECK(EscapeMarkdown("<img src=x> & more") == "&lt;img src=x&gt; &amp; more");
  CHECK(EscapeMarkdown("line\nbreak") == "line break");
  CHECK(EscapeMarkdown("ping @team") == "ping @\u2060team");
  CHECK(EscapeMarkdown("zoë@contoso.com jane@contoso.com") == "zoë@contoso.com jane@contoso.com");
  CHECK(EscapeMarkdown("C:\\path") == "C:\\\\path");
}

TEST_CASE("MarkdownRenderer: MarkdownCode survives backticks and pipes") {
  CHECK(MarkdownCode("EX02\\EWS") == "`EX02\\EWS`");
  CHECK(MarkdownCode("a`b|c") == "``a`b\\|c``");
  CHECK(MarkdownCode("`x") == "`` `x ``");
  CHECK(MarkdownCode("two\nlines") == "`two lines`");
}

TEST_CASE("MarkdownRenderer: a clean run says so in its headline") {
  Run run;
  std::string md = run.Render();
  CHECK(md.starts_with("### hybridlint: ✅ 0 errors · 0 warnings · 0 info\n"));
  CHECK(md.find("#### Findings") == std::string::npos);
  CHECK(md.ends_with("|\n"));
}

TEST_CASE("MarkdownRenderer: the findings table stops at its limit and long messages are cut") {
  Run run;
  for (size_t i = 0; i < kMarkdownMaxFindings + 10; ++i) run.Add("user" + std::to_string(i) + ":\\Calendar", "short");
  run.result.findings.front().message = std::string(kMarkdownMaxMessage + 50, 'x');
  std::string md = run.Render();
  CHECK(md.starts_with("### hybridlint: ⚠️ 0 errors · 60 warnings · 0 info\n"));
  CHECK(md.find("… and 10 more findings: see the full report (--format html or json).") != std::string::npos);
  CHECK(md.find("`user49:\\Calendar`") != std::string::npos);
  CHECK(md.find("`user50:\\Calendar`") == std::string::npos);
  CHECK(md.find(" | " + std::string(kMarkdownMaxMessage, 'x') + "… | ") != std::string::npos);
}

}  // namespace lint
