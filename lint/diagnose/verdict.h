#pragma once

// What a snapshot says about the causes of a matched catalog entry, once
// the rules the causes link to have run over it (RunRules).
//
//   confirmed    a linked rule fired: the exported settings show the cause
//   ruled out    every linked rule ran and passed (or found nothing it
//                applies to), and none was left unevaluated
//   undecidable  a linked rule could not run (a missing export, information
//                the format lost), or no export can show the cause at all
//                (firewall, DNS, passwords, IIS, proxies)

#include <string>
#include <vector>

#include "lint/diagnose/catalog.h"
#include "lint/rules/engine.h"

namespace lint {

enum class CauseVerdict { kConfirmed, kRuledOut, kUndecidable };

/// "confirmed", "ruled_out", "undecidable".
const char* CauseVerdictName(CauseVerdict verdict);

/// One cause of an entry judged against a snapshot.
struct CauseJudgement {
  const Cause* cause = nullptr;
  size_t number = 0;  ///< 1-based position in the entry's causes
  CauseVerdict verdict = CauseVerdict::kUndecidable;
  std::vector<const Finding*> findings;  ///< kConfirmed: what fired (points into the LintResult)
  size_t passed = 0;                     ///< checks of the linked rules that passed
  /// kUndecidable: why, one line per reason ("hybridlint cannot check this:
  /// ...", "ORG003: no cloud Get-OrganizationRelationship export").
  std::vector<std::string> reasons;
};

/// Judges every cause of `entry` with the findings, passed checks and
/// not-evaluated rules of `result` (which must outlive the judgements and
/// must have run every rule the entry links to).
std::vector<CauseJudgement> JudgeCauses(const CatalogEntry& entry, const LintResult& result);

}  // namespace lint
