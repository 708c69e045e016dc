#include "lint/diff/finding_diff.h"

#include <algorithm>

namespace lint {

namespace {

// Why `result` could not evaluate `f`'s rule on `f`'s object, or "".
std::string NotEvaluatedReason(const LintResult& result, const Finding& f) {
  for (const NotEvaluated& n : result.not_evaluated) {
    if (!n.rule || n.rule->id != f.rule->id) continue;
    if (n.object.empty() || (n.side == f.side && n.kind == f.kind && EqualsIgnoreCase(n.object, f.object))) {
      return n.reason;
    }
  }
  return "";
}

}  // namespace

FindingsDiff DiffFindings(const LintResult& old_result, const LintResult& new_result) {
  FindingsDiff out;
  std::vector<bool> used(old_result.findings.size(), false);
  for (const Finding& f : new_result.findings) {
    const Finding* match = nullptr;
    for (size_t i = 0; i < old_result.findings.size(); ++i) {
      if (!used[i] && old_result.findings[i].fingerprint == f.fingerprint) {
        used[i] = true;
        match = &old_result.findings[i];
        break;
      }
    }
    if (!match) {
      out.introduced.push_back({nullptr, &f, NotEvaluatedReason(old_result, f)});
    } else if (match->severity != f.severity) {
      out.severity_changed.push_back({match, &f, ""});
    } else {
      ++out.unchanged;
    }
  }
  for (size_t i = 0; i < old_result.findings.size(); ++i) {
    if (used[i]) continue;
    const Finding& f = old_result.findings[i];
    std::string reason = NotEvaluatedReason(new_result, f);
    if (reason.empty()) {
      out.resolved.push_back({&f, nullptr, ""});
    } else {
      out.no_longer_evaluated.push_back({&f, nullptr, reason});
    }
  }
  return out;
}

bool FailsGate(const FindingsDiff& diff, Severity threshold) {
  bool introduced = std::any_of(diff.introduced.begin(), diff.introduced.end(),
                                [&](const FindingDelta& d) { return d.new_finding->severity >= threshold; });
  bool raised = std::any_of(diff.severity_changed.begin(), diff.severity_changed.end(), [&](const FindingDelta& d) {
    return d.new_finding->severity >= threshold && d.old_finding->severity < threshold;
  });
  return introduced || raised;
}

bool SamePath(const PathResult& a, const PathResult& b) {
  if (a.mechanism != b.mechanism || a.domains.size() != b.domains.size()) return false;
  // Domains are a set: the order of a domain list is not a change.
  return std::all_of(a.domains.begin(), a.domains.end(), [&](const auto& d) {
    return std::any_of(b.domains.begin(), b.domains.end(),
                       [&](const auto& e) { return EqualsIgnoreCase(d.first, e.first) && d.second == e.second; });
  });
}

}  // namespace lint
