#pragma once

// Baselines: the fingerprints of findings that were accepted as they are
// when hybridlint was adopted. Findings in the baseline are still reported
// (marked baselined) but never fail the gate; new findings do.
//
// The file is JSON, sorted and without dates, so it diffs well:
//
//   {
//     "hybridlint_baseline": 1,
//     "findings": [
//       {
//         "fingerprint": "3c5b8e0f2a9d4c71",
//         "rule": "ORG003",
//         "side": "cloud",
//         "kind": "OrganizationRelationship",
//         "object": "O365 to On-premises - 3f2a8d4e-...",
//         "property": "TargetApplicationUri"
//       }
//     ]
//   }
//
// Only `fingerprint` decides; the other members are for humans (and are
// checked against the fingerprint when present). A fingerprint hashes
// rule + side + kind + object identity + property (Fingerprint() in
// engine.h), never a position, so reordering or reformatting an export
// leaves the baseline matching.

#include <span>
#include <string>
#include <vector>

#include "lint/diag/diagnostic.h"
#include "lint/rules/engine.h"
#include "lint/source/source_file.h"

namespace lint {

/// The format version written in "hybridlint_baseline".
inline constexpr int kBaselineVersion = 1;

/// One accepted finding.
struct BaselineEntry {
  std::string fingerprint;  ///< 16 lower-case hex digits
  std::string rule;
  std::string side;         ///< "onprem" | "cloud"
  std::string kind;
  std::string object;
  std::string property;
  SourceSpan span;          ///< the entry in the file it was read from
};

/// A baseline file as read.
struct Baseline {
  std::string path;
  std::vector<BaselineEntry> entries;
};

/// Parses a baseline file (JSON as written by SerializeBaseline; it is read
/// with the YAML reader, so positions are exact). Every problem is a
/// LINT-BASELINE error in `sink` with its position: invalid JSON, unknown
/// keys (with a did-you-mean), a missing or malformed fingerprint, a
/// fingerprint that does not match the entry's rule/side/kind/object/
/// property, an unsupported version. Returns false on error.
bool ParseBaseline(const SourceFile& file, Baseline& baseline, DiagnosticSink& sink);

/// The entries for the current findings that are not waived (a waiver has
/// its own expiry, which a baseline must not outlive), plus the entries of
/// `previous` (may be null) for rules that did not run this time, so a run
/// with --select does not drop them. Sorted by rule, side, kind, object,
/// property; one entry per fingerprint.
std::vector<BaselineEntry> BaselineEntries(const LintResult& result, const Baseline* previous,
                                           std::span<const Rule* const> rules_run);

/// The file's text: stable, sorted, two-space indented JSON ending in a
/// newline.
std::string SerializeBaseline(const std::vector<BaselineEntry>& entries);

/// Marks the findings whose fingerprint is in `entries` as baselined.
/// Returns how many findings were marked.
size_t MarkBaselined(std::span<const BaselineEntry> entries, LintResult& result);

/// Applies a baseline read from a file: marks findings (MarkBaselined) and
/// adds one LINT-BASELINE info to `result.tool_diagnostics` when entries of
/// rules that ran match no finding any more (fixed: re-create the baseline
/// to drop them), pointing at the first such entry.
void ApplyBaseline(const Baseline& baseline, std::span<const Rule* const> rules_run, LintResult& result);

}  // namespace lint
