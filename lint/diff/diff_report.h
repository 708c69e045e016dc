#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lint/diff/finding_diff.h"
#include "lint/diff/snapshot_diff.h"
#include "lint/model/snapshot.h"
#include "lint/rules/engine.h"

/// `hybridlint diff` as data, and its three renderers (text, JSON,
/// Markdown). The CLI reads both snapshots, runs the same rules on each,
/// fills a DiffReport and renders it:
///
///   DiffReport report{"old", "new", &old_snapshot, &new_snapshot, &old_result, &new_result};
///   report.changes = DiffSnapshots(old_snapshot, new_snapshot);
///   report.findings = DiffFindings(old_result, new_result);
///   std::string text = RenderDiffText(report);
namespace lint {

/// Everything one diff shows. The pointers are borrowed and must outlive
/// the report; `changes` and `findings` point into them too.
struct DiffReport {
  std::string old_label;  ///< OLD as given on the command line
  std::string new_label;
  const Snapshot* old_snapshot = nullptr;
  const Snapshot* new_snapshot = nullptr;
  const LintResult* old_result = nullptr;
  const LintResult* new_result = nullptr;
  SnapshotDiff changes;
  FindingsDiff findings;
  std::string fail_on = "error";  ///< error | warning | info | never
  bool fails = false;             ///< the gate fails (exit 1)
};

/// The text report: both snapshots, the changed objects per side and kind
/// with each property's old and new value and both locations, what could
/// not be compared, the findings introduced (in full, as `lint` prints
/// them), resolved, no longer evaluated and re-graded, the free/busy paths
/// before and after, and a summary with the gate's verdict.
std::string RenderDiffText(const DiffReport& report);

/// The JSON report: tool, old, new, changes[], not_compared[],
/// findings_introduced[], findings_resolved[], findings_no_longer_evaluated[],
/// findings_severity_changed[], paths {old, new, changed}, ignored_properties,
/// summary, gate (see README "hybridlint diff").
nlohmann::ordered_json RenderDiffJson(const DiffReport& report);

/// The same content as Markdown for a pull request or change ticket:
/// tables for changes and paths, lists for findings.
std::string RenderDiffMarkdown(const DiffReport& report);

}  // namespace lint
