#include "tests/render_fixture.h"

#include <algorithm>
#include <atomic>
#include <chrono>

#include <doctest/doctest.h>

#include "lint/model/snapshot_loader.h"
#include "lint/rules/rule_loader.h"
#include "tests/golden.h"

namespace lint::testing {

namespace {

// The "path:line:col" and span of the waiver entry that starts with `marker`.
SourceSpan EntrySpan(const SourceFile& file, std::string_view marker) {
  auto at = file.text().find(marker);
  REQUIRE_MESSAGE(at != std::string::npos, "fixtures/render/waivers.yaml lacks '" << marker << "'");
  at += 2;  // past "- "
  auto end = file.text().find('\n', at);
  return file.Span(at, end);
}

std::string Where(const SourceFile& file, SourceSpan span) {
  LineColumn lc = file.Locate(span.begin);
  return file.display_path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

Finding& FindFinding(LintResult& result, const std::string& rule, const std::string& object_prefix) {
  auto it = std::find_if(result.findings.begin(), result.findings.end(), [&](const Finding& f) {
    return f.rule->id == rule && f.object.starts_with(object_prefix);
  });
  REQUIRE_MESSAGE(it != result.findings.end(), "the render fixture has no " << rule << " finding on " << object_prefix);
  return *it;
}

}  // namespace

std::unique_ptr<RenderFixture> LoadRenderFixture() {
  std::filesystem::current_path(SourceDir());
  auto fx = std::make_unique<RenderFixture>();
  DiagnosticSink sink;
  fx->rules = LoadRules(BuiltinRuleSources(), sink);
  REQUIRE(sink.diagnostics().empty());
  for (const Rule& r : fx->rules) {
    if (std::any_of(std::begin(kRenderFixtureRules), std::end(kRenderFixtureRules),
                    [&](const char* prefix) { return r.id.starts_with(prefix); })) {
      fx->selected.push_back(&r);
    }
  }
  RealFileSystem fs;
  fx->snapshot = LoadSnapshot({"fixtures/render/snapshot"}, fs, LoadOptions{}, sink);
  REQUIRE(sink.diagnostics().empty());
  fx->result = RunRules(fx->selected, fx->snapshot, EngineOptions{kRenderFixtureNow});

  // The waiver file joins the sources, as `lint --waivers` adds it, so
  // that reports can point into it.
  std::string waivers_text = ReadFile(SourceDir() / "fixtures/render/waivers.yaml");
  REQUIRE(!waivers_text.empty());
  const SourceFile& waivers =
      fx->snapshot.sources.Add("fixtures/render/waivers.yaml", Encoding::kUtf8, waivers_text);
  SourceSpan zoe_entry = EntrySpan(waivers, "- rule: RCP003");
  SourceSpan ex02_entry = EntrySpan(waivers, "- rule: VDR003");

  Finding& zoe = FindFinding(fx->result, "RCP003", "zoë");
  zoe.waived = true;
  zoe.waiver = {"Zoë's calendar stays private until the <HR-1234> reorganisation & move", "zoë.admin@contoso.com",
                "2026-12-10", Where(waivers, zoe_entry)};
  Finding& orgrel = FindFinding(fx->result, "ORG014", "On-premises to O365");
  orgrel.baselined = true;

  Diagnostic expired;
  expired.code = "LINT-WAIVER";
  expired.severity = Severity::kWarning;
  expired.message = "the waiver for VDR003 on on-premises WebServicesVirtualDirectory 'EX02\\EWS (Default Web Site)' "
                    "expired on 2026-10-31 and no longer applies";
  expired.span = ex02_entry;
  expired.help = "renew it with a new expires date and reason, or fix the finding and delete the waiver";
  fx->result.tool_diagnostics.push_back(expired);
  Diagnostic expiring;
  expiring.code = "LINT-WAIVER";
  expiring.severity = Severity::kInfo;
  expiring.message = "the waiver for RCP003 on on-premises MailboxFolderPermission 'zoë.brontë@contoso.com:\\Calendar "
                     "(Default)' expires on 2026-12-10, in 18 days";
  expiring.span = zoe_entry;
  fx->result.tool_diagnostics.push_back(expiring);
  return fx;
}

std::string RedactVersion(const std::string& report) { return ReplaceAll(report, HYBRIDLINT_VERSION, "[VERSION]"); }

std::filesystem::path FreshTempDir(const std::string& stem) {
  static std::atomic<int> counter{0};
  auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              (stem + "-" + std::to_string(stamp) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace lint::testing
