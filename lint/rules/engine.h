#pragma once

#include <string>
#include <vector>

#include "lint/diag/diagnostic.h"
#include "lint/model/snapshot.h"
#include "lint/rules/facts.h"
#include "lint/rules/rule.h"

namespace lint {

/// A waiver that applies to a finding (see lint/config/waivers.h).
struct WaiverInfo {
  std::string reason;
  std::string owner;
  std::string expires;  ///< YYYY-MM-DD
  std::string source;   ///< "waivers.yaml:12:5"
};

/// One rule that failed on one object.
struct Finding {
  const Rule* rule = nullptr;
  Severity severity = Severity::kError;
  bool inactive_path = false;  ///< downgraded to info: the direction uses another path
  std::string message;
  Side side = Side::kUnknown;
  std::string kind;
  std::string object;
  std::string property;
  Value actual;                ///< null when the property is absent
  std::string expected;
  SourceSpan span;             ///< the property's value, else the object
  std::vector<Note> notes;
  std::string fix;
  std::string fingerprint;     ///< rule + side + kind + object + property, hashed
  bool waived = false;         ///< a waiver applies: reported, never fails the gate
  WaiverInfo waiver;
  bool baselined = false;      ///< in the --baseline file: reported, never fails the gate
};

/// One rule that passed on one object (JUnit passing test cases).
struct PassedCheck {
  const Rule* rule = nullptr;
  Side side = Side::kUnknown;
  std::string kind;
  std::string object;
};

/// A rule that could not run on an object (or at all), and why.
struct NotEvaluated {
  const Rule* rule = nullptr;
  Side side = Side::kUnknown;
  std::string kind;
  std::string object;          ///< empty when the whole rule could not run
  std::string reason;
  SourceSpan span;
};

/// Which mechanism one free/busy direction uses (seed 002).
struct PathResult {
  std::string mechanism = "unknown";  ///< oauth, dauth, aas, none, mixed, unknown
  std::string reason;
  std::string via_kind;
  std::string via_object;
  Side via_side = Side::kUnknown;
  SourceSpan span;
  /// Per target domain: domain -> mechanism.
  std::vector<std::pair<std::string, std::string>> domains;
};

/// Decides both directions from the exported settings.
struct ResolvedPaths {
  PathResult onprem_to_cloud;
  PathResult cloud_to_onprem;
};
ResolvedPaths ResolvePaths(const Snapshot& snapshot, const Facts& facts);

struct EngineOptions {
  std::string now;  ///< YYYY-MM-DD; dates are compared with it
};

/// Everything one run found.
struct LintResult {
  std::vector<Finding> findings;          ///< sorted by path, position, severity, rule
  std::vector<NotEvaluated> not_evaluated;
  size_t passed = 0;                      ///< rule x object checks that passed
  std::vector<PassedCheck> passed_checks; ///< the same, one entry each
  /// Problems of the run itself that are reported with the findings:
  /// expired or unused waivers (LINT-WAIVER), and the like.
  std::vector<Diagnostic> tool_diagnostics;
  size_t rules_run = 0;
  Facts facts;
  ResolvedPaths paths;
};

/// Runs `rules` over `snapshot`.
LintResult RunRules(const std::vector<const Rule*>& rules, const Snapshot& snapshot,
                    const EngineOptions& options);

/// Stable fingerprint (SHA-256, 16 hex digits) of the identity parts.
std::string Fingerprint(const std::string& rule, Side side, const std::string& kind,
                        const std::string& object, const std::string& property);

}  // namespace lint
