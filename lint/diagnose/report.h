#pragma once

// The output of `hybridlint diagnose`, as text and as JSON.
//
// JSON (`--format json`):
//   {"tool": {name, version},
//    "input": {"source": "argument" | path, "bytes", "lids": [...]},
//    "matches": [ {id, name, section, source, lids, score, direction, issue,
//                  why {signatures[], keywords[], lids[]}, causes[], rules[],
//                  manual_steps[],
//                  and with a snapshot: confirmed[], ruled_out[], undecidable[]} ],
//    "nearest": [ {id, section, percent, shared_words[]} ],   (empty unless nothing matched)
//    "snapshot": {"paths": ...} | null}

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lint/diagnose/error_text.h"
#include "lint/diagnose/matcher.h"
#include "lint/model/snapshot.h"
#include "lint/rules/engine.h"

namespace lint {

/// Everything one diagnose run produced. Pointers are borrowed.
struct DiagnoseReport {
  const ErrorText* text = nullptr;
  std::string input_path;             ///< the --file path; empty for text given as an argument
  const MatchResult* matches = nullptr;
  /// With a snapshot: the linked rules' run over it (else both null).
  const LintResult* lint = nullptr;
  const Snapshot* snapshot = nullptr;
};

/// Human-readable report: each match best first with why it matched, its
/// causes (grouped into confirmed / ruled out / cannot be decided with a
/// snapshot) and the steps no export can check; or, with no match, the
/// nearest entries. Ends with a one-line summary.
std::string RenderDiagnoseText(const DiagnoseReport& report);

/// The JSON report described above.
nlohmann::ordered_json RenderDiagnoseJson(const DiagnoseReport& report);

}  // namespace lint
