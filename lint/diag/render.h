#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lint/diag/diagnostic.h"
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
/// caret, expected vs actual, notes and the fix; then the resolved
/// free/busy paths, what was not evaluated, and a summary.
std::string RenderText(const LintResult& result, const Snapshot& snapshot, const TextOptions& options);

/// The contract's JSON report (tool, inputs, findings, not_evaluated,
/// paths, summary).
nlohmann::ordered_json RenderJson(const LintResult& result, const Snapshot& snapshot);

/// "path:line:col" of a span ("" when none).
std::string LocationText(const SourceSet& sources, SourceSpan span);

}  // namespace lint
