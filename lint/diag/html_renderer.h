#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lint/diag/renderer.h"

namespace lint {

/// The report as one self-contained HTML5 file for auditors: no script, no
/// network, no external asset (a Content-Security-Policy of default-src
/// 'none' with inline styles only enforces it). Sections: summary; an
/// inline SVG drawing of both free/busy directions, hop by hop, each hop
/// coloured by the worst finding on it and the first broken hop marked;
/// findings grouped by side and object with the source line, expected vs
/// actual, notes and the fix; waivers with owner and expiry and the run's
/// notices; what was not evaluated, grouped by reason; the input files with
/// their warnings; and the rules that ran with their counts. Every string
/// from the inputs, rules and waivers is escaped (they are untrusted).
std::string RenderHtml(const ReportInput& input);

/// Pieces of RenderHtml for reports that hold several snapshots (`lint
/// --each`): the document up to and including <body> (policy, style,
/// title), the sections of one snapshot's report (summary to rules run; ids
/// are unprefixed), and the escaping every string goes through.
std::string HtmlDocumentStart(std::string_view title, std::string_view tool_version);
std::string RenderHtmlSections(const ReportInput& input);
std::string HtmlEscape(std::string_view text);

/// How one hop of a free/busy direction fares.
enum class HopStatus {
  kOk,            ///< nothing found on the hop
  kInfo,          ///< worst active finding is info
  kWarning,       ///< worst active finding is a warning
  kError,         ///< at least one active error: lookups break here
  kNotEvaluated,  ///< no finding, but checks on the hop could not run
  kNoPath,        ///< the direction has no path (mechanism none or unknown)
};

/// "ok", "info", "warning", "error", "not-evaluated", "no-path" (CSS classes).
const char* HopStatusName(HopStatus status);

/// One hop of a direction as the drawing shows it.
struct PathHop {
  std::string title;   ///< "On-premises connector"
  std::string detail;  ///< what the hop consists of on the resolved path
  HopStatus status = HopStatus::kOk;
  bool breaks = false;  ///< the first hop of the direction with an error
  std::vector<const Finding*> findings;  ///< active findings on the hop, in report order
  std::vector<const Finding*> covered;   ///< waived or baselined findings on the hop
  std::vector<const NotEvaluated*> not_evaluated;
};

/// The four hops of `direction` (Direction::kOnPremToCloud or
/// kCloudToOnPrem): the asking side's connector or relationship,
/// federation/OAuth, the answering side's relationship and Autodiscover/EWS,
/// and the target mailbox. A finding or not-evaluated check belongs to a
/// hop by its rule's category and side, and counts only when its rule
/// serves this direction (or both) on a mechanism the direction uses (or
/// any); findings reported as not on the active path never colour a hop.
std::vector<PathHop> FreeBusyHops(const ReportInput& input, Direction direction);

}  // namespace lint
