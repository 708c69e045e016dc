#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lint/diag/diagnostic.h"
#include "lint/diag/renderer.h"
#include "lint/model/snapshot.h"
#include "lint/rules/engine.h"

namespace lint {

/// Tool diagnostics (unreadable exports, broken rules) as
/// `path:line:col: error[LINT-IMPORT]: message`, with the source line and a
/// caret when the file was decoded.
std::string RenderDiagnostics(const std::vector<Diagnostic>& diagnostics, const SourceSet* sources);

/// What the text report shows.
struct TextOptions {
  bool findings = true;
  bool paths = true;
  bool not_evaluated = true;
  bool summary = true;
};

/// The compiler-style text report: each finding with its source line, a
/// caret, expected vs actual, notes, the waiver or baseline that covers it
/// and the fix; then the tool diagnostics of the run (expired or unused
/// waivers), the resolved free/busy paths, what was not evaluated, and a
/// summary.
std::string RenderText(const LintResult& result, const Snapshot& snapshot, const TextOptions& options);

/// The version of the JSON report's shape: `schema_version` in every
/// report, and the `const` that schema/output.schema.json requires. Raised
/// when a field is removed or changes meaning; new fields keep it.
constexpr int kJsonReportVersion = 1;

/// The contract's JSON report (schema_version, tool, now, inputs, findings
/// with their waiver, not_evaluated, tool_diagnostics, paths, summary);
/// schema/output.schema.json describes it.
nlohmann::ordered_json RenderJson(const ReportInput& input);

/// `json` as text: two-space indent, non-ASCII kept as UTF-8 (invalid
/// bytes replaced by U+FFFD, never an exception), ending in a newline.
std::string DumpReportJson(const nlohmann::ordered_json& json);

/// The source line of `span` with a caret run under it, in the text
/// report's gutter layout ("   |", "12 | line", "   |     ^^^"), each line
/// ending in '\n'; "" when the span points nowhere. Long lines are cut to
/// a window around the span.
std::string SourceExcerpt(const SourceSet& sources, SourceSpan span);

/// "path:line:col" of a span ("" when none).
std::string LocationText(const SourceSet& sources, SourceSpan span);

}  // namespace lint
