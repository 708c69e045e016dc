#pragma once

// Waivers: accepted deviations with a reason, an owner and an expiry date.
// A waiver file (schema/waivers.schema.json) looks like
//
//   waivers:
//     - rule: IOC007
//       side: cloud
//       object: 'HybridIOC - *'          # identity, exact or glob (* ? [abc] [!abc])
//       property: DiscoveryEndpoint      # optional
//       reason: Autodiscover is published as mail.contoso.com by design
//       owner: messaging-team@contoso.com
//       expires: 2027-06-30              # the last day the waiver applies
//
// A waived finding stays in every report, marked waived with the waiver's
// reason; it never fails the gate. Expired, soon-expiring and unused
// waivers are reported as LINT-WAIVER diagnostics of the run.

#include <expected>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "lint/diag/diagnostic.h"
#include "lint/rules/engine.h"
#include "lint/rules/rule.h"
#include "lint/source/source_file.h"

namespace lint {

/// Days before its expiry at which a waiver in use is reported (as info).
inline constexpr int kWaiverExpiryWarningDays = 30;

/// One entry of a waiver file.
struct Waiver {
  std::string rule;      ///< a known rule id
  Side side = Side::kUnknown;
  std::string object;    ///< identity or glob, as written
  /// True when `object` holds a glob character (* ? [).
  bool object_is_glob = false;
  /// `object` compiled: the glob, or the exact identity quoted; matched
  /// against the whole identity, ignoring case (Unicode-aware, as Exchange
  /// compares identities).
  std::shared_ptr<RE2> object_pattern;
  std::string property;  ///< empty: any property
  std::string reason;
  std::string owner;
  std::string expires;   ///< YYYY-MM-DD, the last day the waiver applies
  SourceSpan span;       ///< the list item in the waiver file
  std::string where;     ///< "waivers.yaml:3:7", for reports
};

/// The keys of one waiver, in documentation order, and the required ones;
/// schema/waivers.schema.json must list the same (a test keeps them equal).
const std::vector<std::string>& WaiverKeys();
const std::vector<std::string>& WaiverRequiredKeys();

/// Parses a waiver file. `rules` are every rule loaded (ids and names are
/// accepted in `rule:`; names are stored as ids). Every problem is a
/// LINT-WAIVER error in `sink` with its span in `file`: invalid YAML,
/// unknown keys (with a did-you-mean), missing required keys, empty reason
/// or owner, dates that are not a real YYYY-MM-DD, unknown rule ids (with a
/// did-you-mean), sides other than onprem/cloud, globs that do not compile,
/// and a property the rule never reports on. Returns the waivers of a
/// file without errors (an empty list otherwise).
std::vector<Waiver> ParseWaivers(const SourceFile& file, std::span<const Rule> rules, DiagnosticSink& sink);

/// The RE2 pattern for a glob: `*` any run of characters, `?` one
/// character, `[abc]`, `[a-z]` and `[!abc]` one of / none of the set; every
/// other character stands for itself (so `\` in identities needs no
/// escape). Fails with a message for an unclosed `[`.
std::expected<std::string, std::string> GlobToRegex(std::string_view glob);

/// True when `waiver` covers `finding` (ignoring its expiry).
bool WaiverMatches(const Waiver& waiver, const Finding& finding);

/// Marks the findings of `result` that a waiver covers as waived (the first
/// waiver in file order that matches and has not expired), and adds to
/// `result.tool_diagnostics`, at each waiver's position:
///  - a warning for an expired waiver (it no longer applies, so the finding
///    it covered counts again);
///  - an info for a waiver that matched no finding although its rule ran
///    (it can be removed);
///  - an info for a waiver in use that expires within
///    kWaiverExpiryWarningDays days of `now`.
/// A waiver applies up to and including its `expires` date; `now` is
/// YYYY-MM-DD. Waivers of rules that did not run (not in `rules_run`) are
/// not reported as unused.
void ApplyWaivers(const std::vector<Waiver>& waivers, const std::string& now,
                  std::span<const Rule* const> rules_run, LintResult& result);

}  // namespace lint
