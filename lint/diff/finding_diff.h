#pragma once

#include <string>
#include <vector>

#include "lint/diag/diagnostic.h"
#include "lint/rules/engine.h"

/// What a change did to the findings and to the free/busy paths: the rules
/// run on OLD and on NEW (same rules, same --now), and their findings are
/// matched by fingerprint (rule + side + kind + object + property), so a
/// finding that only moved to another file, line or format is unchanged.
namespace lint {

/// One finding that appeared, went away or changed severity. Pointers
/// refer into the LintResults given to DiffFindings.
struct FindingDelta {
  const Finding* old_finding = nullptr;  ///< null when introduced
  const Finding* new_finding = nullptr;  ///< null when resolved / no longer evaluated
  /// Introduced: why OLD could not evaluate the rule on that object (so the
  /// finding may predate the change), else empty. No longer evaluated: why
  /// NEW could not.
  std::string not_evaluated_reason;
};

/// The findings of OLD and NEW, compared.
struct FindingsDiff {
  /// In NEW, not in OLD (NEW's order).
  std::vector<FindingDelta> introduced;
  /// In OLD, not in NEW, and NEW evaluated the rule on that object (it
  /// passed, or the object is gone).
  std::vector<FindingDelta> resolved;
  /// In OLD, not in NEW, because NEW could not evaluate the rule there (a
  /// missing export, a lost property): not counted as resolved.
  std::vector<FindingDelta> no_longer_evaluated;
  /// In both, with another severity (a setting moved on or off the active
  /// free/busy path).
  std::vector<FindingDelta> severity_changed;
  size_t unchanged = 0;
};

/// Matches the findings of the two runs by fingerprint; several findings
/// with one fingerprint are matched one to one.
FindingsDiff DiffFindings(const LintResult& old_result, const LintResult& new_result);

/// True when the change makes the gate fail at `threshold`: a finding
/// introduced at or above it, or one raised from below it to at or above it.
bool FailsGate(const FindingsDiff& diff, Severity threshold);

/// True when both results describe the same path: the mechanism and the
/// set of (domain, mechanism) pairs; the reason's wording (which connector)
/// may differ.
bool SamePath(const PathResult& a, const PathResult& b);

}  // namespace lint
