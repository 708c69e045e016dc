#pragma once

// The output formats of `hybridlint lint --format F[:FILE]`, one row each.
//
// To add a format: write lint/diag/<format>_renderer.{h,cc} with a function
// `std::string Render<Format>(const ReportInput&)`, add one row to
// kRenderers in renderer.cc, and add fixtures/render/expected.<ext> (the
// golden that tests/render_goldens_test.cc compares). Nothing else changes:
// the command line takes its list of formats from this table.
//
//   ReportInput input{result, snapshot, rules_run, "2026-11-22", HYBRIDLINT_VERSION};
//   const RendererInfo* sarif = FindRenderer("sarif");
//   std::string text = sarif->render(input);

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lint/model/snapshot.h"
#include "lint/rules/engine.h"
#include "lint/rules/rule.h"

namespace lint {

/// Everything a report is made from. Renderers only read it.
struct ReportInput {
  /// Findings (with waived/baselined marks), not-evaluated checks, passed
  /// checks, tool diagnostics, resolved paths and facts of one run.
  const LintResult& result;
  /// The snapshot the run read: inputs, their warnings, and every source
  /// file a span may point into.
  const Snapshot& snapshot;
  /// The rules that ran, in any order (renderers sort by id where order
  /// shows). SARIF lists each in tool.driver.rules[].
  std::vector<const Rule*> rules_run;
  /// YYYY-MM-DD the run measured dates against (--now).
  std::string now;
  /// The tool version written into the report ("0.1.0"; goldens pass the
  /// real version and redact it to [VERSION] afterwards).
  std::string tool_version;
};

/// One output format.
struct RendererInfo {
  /// Stable name for --format: "text", "json", "sarif", "junit", "markdown", "html".
  std::string_view name;
  /// The usual file name ending, with its dot (".sarif", ".junit.xml").
  std::string_view extension;
  /// One line for help texts.
  std::string_view summary;
  /// The whole report as UTF-8 text ending in a newline. Never fails: every
  /// string from the inputs is escaped for the target format.
  std::string (*render)(const ReportInput& input);
};

/// Every output format, text first.
std::span<const RendererInfo> AllRenderers();

/// The format called `name`, or nullptr (callers then suggest a near name).
const RendererInfo* FindRenderer(std::string_view name);

/// The names of every format, in table order (for messages and did-you-mean).
std::vector<std::string> RendererNames();

// Helpers shared by the renderers, so that every format counts and names
// things the same way.

/// Finding counts as every report states them. A waived or baselined
/// finding never fails the gate, so it is counted under `waived` or
/// `baselined` and not under its severity.
struct ReportCounts {
  size_t error = 0;
  size_t warning = 0;
  size_t info = 0;
  size_t waived = 0;
  size_t baselined = 0;
};
ReportCounts CountFindings(const LintResult& result);

/// True when the finding counts towards the gate (neither waived nor baselined).
bool IsActive(const Finding& finding);

/// What the reports call the snapshot: snapshot.yaml's organization, else
/// the directory all inputs share, else "snapshot".
std::string SnapshotName(const Snapshot& snapshot);

/// The directory every input path shares ("examples/contoso-broken"), or "".
std::string CommonInputRoot(const Snapshot& snapshot);

/// "OAuth via intra-organization connector" for a mechanism name of
/// PathResult ("oauth", "dauth", "aas", "none", "mixed", "unknown").
std::string_view MechanismWords(std::string_view mechanism);

/// `text` with every character that is not allowed in XML 1.0 (C0 controls
/// other than tab, CR and LF; invalid UTF-8) replaced by U+FFFD, and
/// & < > " escaped, so it can stand in element content or a double-quoted
/// attribute (XML or HTML).
std::string EscapeXml(std::string_view text);

/// The rules of `input.rules_run`, sorted by id, without duplicates.
std::vector<const Rule*> SortedRules(const ReportInput& input);

}  // namespace lint
