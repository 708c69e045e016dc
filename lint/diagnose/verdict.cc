#include "lint/diagnose/verdict.h"

#include <algorithm>

namespace lint {

const char* CauseVerdictName(CauseVerdict verdict) {
  switch (verdict) {
    case CauseVerdict::kConfirmed: return "confirmed";
    case CauseVerdict::kRuledOut: return "ruled_out";
    case CauseVerdict::kUndecidable: return "undecidable";
  }
  return "undecidable";
}

std::vector<CauseJudgement> JudgeCauses(const CatalogEntry& entry, const LintResult& result) {
  std::vector<CauseJudgement> out;
  for (size_t i = 0; i < entry.causes.size(); ++i) {
    const Cause& cause = entry.causes[i];
    CauseJudgement j;
    j.cause = &cause;
    j.number = i + 1;
    if (!cause.checkable) {
      j.verdict = CauseVerdict::kUndecidable;
      j.reasons.push_back("hybridlint cannot check this: " + cause.why);
      out.push_back(std::move(j));
      continue;
    }
    auto linked = [&](const Rule* rule) {
      return rule && std::find(cause.rules.begin(), cause.rules.end(), rule->id) != cause.rules.end();
    };
    for (const Finding& f : result.findings) {
      if (linked(f.rule)) j.findings.push_back(&f);
    }
    for (const PassedCheck& p : result.passed_checks) {
      if (linked(p.rule)) ++j.passed;
    }
    for (const NotEvaluated& n : result.not_evaluated) {
      if (!linked(n.rule)) continue;
      std::string reason = n.rule->id + ": " +
                           (n.object.empty() ? std::string() : std::string(SideWords(n.side)) + " " + n.kind + " '" + n.object + "': ") +
                           n.reason;
      if (std::find(j.reasons.begin(), j.reasons.end(), reason) == j.reasons.end()) j.reasons.push_back(reason);
    }
    if (!j.findings.empty()) {
      j.verdict = CauseVerdict::kConfirmed;
      j.reasons.clear();
    } else if (!j.reasons.empty()) {
      j.verdict = CauseVerdict::kUndecidable;
    } else {
      j.verdict = CauseVerdict::kRuledOut;
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace lint
