#include "lint/diagnose/report.h"

#include <algorithm>

#include "lint/diag/render.h"
#include "lint/diagnose/verdict.h"

namespace lint {

namespace {

const char* DirectionWords(ErrorDirection d) {
  switch (d) {
    case ErrorDirection::kOnPremToCloud: return "on-premises -> cloud";
    case ErrorDirection::kCloudToOnPrem: return "cloud -> on-premises";
    case ErrorDirection::kBoth: return "both directions";
    case ErrorDirection::kUnknown: return "not tied to one direction";
  }
  return "not tied to one direction";
}

const char* PathWords(const std::string& m) {
  if (m == "oauth") return "OAuth via intra-organization connector";
  if (m == "dauth") return "DAuth via organization relationship";
  if (m == "aas") return "availability address space";
  if (m == "none") return "none";
  if (m == "mixed") return "mixed";
  return "unknown";
}

std::string PathLine(const char* label, const PathResult& p) {
  std::string out = std::string("  ") + label + ": " + PathWords(p.mechanism);
  if (!p.reason.empty()) out += " (" + p.reason + ")";
  out += "\n";
  if (p.mechanism == "mixed") {
    for (const auto& [domain, m] : p.domains) out += "    " + domain + ": " + PathWords(m) + "\n";
  }
  return out;
}

std::string Plural(size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string Join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string Where(const DiagnoseReport& r, size_t raw_offset) {
  LineColumn lc = r.text->Locate(raw_offset);
  std::string at = std::to_string(lc.line) + ":" + std::to_string(lc.column);
  return r.input_path.empty() ? "at " + at : "at " + r.input_path + ":" + at;
}

std::string SourceLine(const CatalogEntry& e) {
  std::string out = e.source + ", \"" + e.section + "\"";
  if (!e.lids.empty()) {
    std::vector<std::string> lids;
    for (int lid : e.lids) lids.push_back(std::to_string(lid));
    out += " (LID " + Join(lids, ", ") + ")";
  }
  return out;
}

std::string CauseLine(const Cause& c, size_t number) {
  std::string out = "    " + std::to_string(number) + ". " + c.text;
  if (c.checkable) out += " [" + Join(c.rules, ", ") + "]";
  return out + "\n";
}

std::string FindingLines(const Finding& f, const Snapshot& snapshot) {
  std::string where = LocationText(snapshot.sources, f.span);
  std::string out = "       " + (where.empty() ? std::string("(no location)") : where) + ": " + SeverityName(f.severity) +
                    "[" + f.rule->id + "]: " + f.message + "\n";
  if (f.inactive_path) out += "         note: not on the active path of the exported settings (reported as info)\n";
  out += "         help: " + f.fix + "\n";
  return out;
}

std::string RenderEntry(const DiagnoseReport& r, const EntryMatch& m) {
  const CatalogEntry& e = *m.entry;
  std::string out = e.id + " " + e.section + " (score " + std::to_string(m.score) + ")\n";
  out += "  source: " + SourceLine(e) + "\n";
  out += "  issue: " + e.issue + "\n";
  out += "  direction: " + std::string(ErrorDirectionName(e.direction)) + " (" + DirectionWords(e.direction) + ")\n";
  out += "  why it matched:\n";
  for (const SignatureHit& hit : m.signatures) {
    size_t index = hit.signature - e.signatures.data() + 1;
    out += "    signature " + std::to_string(index) + " (weight " + std::to_string(hit.signature->weight) + ") " +
           Where(r, hit.raw_begin) + (hit.count > 1 ? " (" + std::to_string(hit.count) + " times)" : "") + ": \"" +
           r.text->Excerpt(hit.raw_begin, hit.raw_end) + "\"\n";
  }
  for (const KeywordHit& hit : m.keywords) {
    out += "    keyword '" + hit.keyword->text + "' " + Where(r, hit.raw_begin) + "\n";
  }
  for (int lid : m.lids) out += "    LID " + std::to_string(lid) + ", which this section lists\n";

  if (!r.lint) {
    out += "  causes:\n";
    for (size_t i = 0; i < e.causes.size(); ++i) {
      out += CauseLine(e.causes[i], i + 1);
      if (!e.causes[i].checkable) out += "       hybridlint cannot check this: " + e.causes[i].why + "\n";
    }
  } else {
    std::vector<CauseJudgement> judged = JudgeCauses(e, *r.lint);
    auto group = [&](CauseVerdict v, const std::string& title) {
      std::string block;
      for (const CauseJudgement& j : judged) {
        if (j.verdict != v) continue;
        block += CauseLine(*j.cause, j.number);
        for (const Finding* f : j.findings) block += FindingLines(*f, *r.snapshot);
        if (v == CauseVerdict::kRuledOut) {
          block += "       " + (j.passed == 0 ? std::string("the linked rules apply to no object of this snapshot")
                                              : "the linked rules passed " + Plural(j.passed, "check", "checks")) + "\n";
        }
        for (const std::string& reason : j.reasons) block += "       " + reason + "\n";
      }
      if (!block.empty()) out += "  " + title + ":\n" + block;
    };
    group(CauseVerdict::kConfirmed, "confirmed by the exported settings");
    group(CauseVerdict::kRuledOut, "ruled out by the exported settings");
    group(CauseVerdict::kUndecidable, "cannot be decided from the exports");
  }
  if (!e.manual_steps.empty()) {
    out += "  steps no export can check:\n";
    for (const std::string& step : e.manual_steps) out += "    - " + step + "\n";
  }
  return out;
}

nlohmann::ordered_json LocationJson(const Snapshot& snapshot, SourceSpan span) {
  const SourceFile* file = snapshot.sources.Find(span.file_id);
  if (!file) return nullptr;
  LineColumn lc = file->Locate(span.begin);
  return {{"path", file->display_path()}, {"line", lc.line}, {"column", lc.column}};
}

nlohmann::ordered_json PathJson(const PathResult& p) {
  nlohmann::ordered_json j;
  j["mechanism"] = p.mechanism;
  j["reason"] = p.reason;
  nlohmann::ordered_json domains = nlohmann::ordered_json::object();
  for (const auto& [d, m] : p.domains) domains[d] = m;
  j["domains"] = domains;
  return j;
}

nlohmann::ordered_json EntryJson(const DiagnoseReport& r, const EntryMatch& m) {
  const CatalogEntry& e = *m.entry;
  nlohmann::ordered_json j;
  j["id"] = e.id;
  j["name"] = e.name;
  j["section"] = e.section;
  j["source"] = e.source;
  j["lids"] = e.lids;
  j["score"] = m.score;
  j["direction"] = ErrorDirectionName(e.direction);
  j["issue"] = e.issue;
  nlohmann::ordered_json why;
  why["signatures"] = nlohmann::ordered_json::array();
  for (const SignatureHit& hit : m.signatures) {
    LineColumn lc = r.text->Locate(hit.raw_begin);
    why["signatures"].push_back({{"pattern", hit.signature->pattern},
                                 {"weight", hit.signature->weight},
                                 {"matched", r.text->Excerpt(hit.raw_begin, hit.raw_end)},
                                 {"line", lc.line},
                                 {"column", lc.column},
                                 {"count", hit.count}});
  }
  why["keywords"] = nlohmann::ordered_json::array();
  for (const KeywordHit& hit : m.keywords) {
    LineColumn lc = r.text->Locate(hit.raw_begin);
    why["keywords"].push_back({{"keyword", hit.keyword->text}, {"line", lc.line}, {"column", lc.column}});
  }
  why["lids"] = m.lids;
  j["why"] = why;
  j["causes"] = nlohmann::ordered_json::array();
  for (const Cause& c : e.causes) {
    nlohmann::ordered_json cj = {{"text", c.text}, {"checkable", c.checkable}, {"rules", c.rules}};
    if (!c.checkable) cj["why"] = c.why;
    j["causes"].push_back(cj);
  }
  j["rules"] = e.LinkedRules();
  j["manual_steps"] = e.manual_steps;
  if (r.lint) {
    j["confirmed"] = nlohmann::ordered_json::array();
    j["ruled_out"] = nlohmann::ordered_json::array();
    j["undecidable"] = nlohmann::ordered_json::array();
    for (const CauseJudgement& cj : JudgeCauses(e, *r.lint)) {
      nlohmann::ordered_json item = {{"cause", cj.number}, {"text", cj.cause->text}, {"rules", cj.cause->rules}};
      if (cj.verdict == CauseVerdict::kConfirmed) {
        nlohmann::ordered_json findings = nlohmann::ordered_json::array();
        for (const Finding* f : cj.findings) {
          findings.push_back({{"rule", f->rule->id},
                              {"severity", SeverityName(f->severity)},
                              {"message", f->message},
                              {"side", SideName(f->side)},
                              {"kind", f->kind},
                              {"object", f->object},
                              {"property", f->property},
                              {"location", LocationJson(*r.snapshot, f->span)},
                              {"fix", f->fix},
                              {"active_path", !f->inactive_path}});
        }
        item["findings"] = findings;
        j["confirmed"].push_back(item);
      } else if (cj.verdict == CauseVerdict::kRuledOut) {
        item["passed"] = cj.passed;
        j["ruled_out"].push_back(item);
      } else {
        item["checkable"] = cj.cause->checkable;
        item["reasons"] = cj.reasons;
        j["undecidable"].push_back(item);
      }
    }
  }
  return j;
}

}  // namespace

std::string RenderDiagnoseText(const DiagnoseReport& r) {
  std::string out;
  const MatchResult& result = *r.matches;
  for (const EntryMatch& m : result.matches) out += RenderEntry(r, m) + "\n";
  if (result.matches.empty()) {
    out += "no catalog entry matches this text.\n";
    if (result.nearest.empty()) {
      out += "it shares no words with any documented free/busy error.\n";
    } else {
      out += "nearest entries (not matches):\n";
      for (const NearEntry& n : result.nearest) {
        out += "  " + n.entry->id + " " + n.entry->section + " (" + std::to_string(n.percent) + "% of its words: " +
               Join(n.shared_words, ", ") + ")\n";
      }
    }
    out += "paste the whole message with its inner exception, or pass the log with --file\n";
  }
  if (r.lint) {
    out += (result.matches.empty() ? "\n" : "") + std::string("free/busy paths in the snapshot:\n");
    out += PathLine("on-premises -> cloud", r.lint->paths.onprem_to_cloud);
    out += PathLine("cloud -> on-premises", r.lint->paths.cloud_to_onprem) + "\n";
  }
  if (result.matches.empty()) return out;
  std::vector<std::string> tied;
  for (const EntryMatch& m : result.matches) {
    if (m.score == result.matches.front().score) tied.push_back(m.entry->id);
  }
  if (tied.size() > 1) {
    out += Join(tied, ", ") + " match equally: the text that matched is common to them. Add the rest of the "
           "message (the inner exception, the output of the test cmdlet their steps name) to tell them apart.\n";
  }
  out += Plural(result.matches.size(), "catalog entry matches", "catalog entries match") + " (best: " +
         result.matches.front().entry->id + (tied.size() > 1 ? ", tied" : "") + ")";
  if (r.lint) {
    size_t counts[3] = {0, 0, 0};
    for (const EntryMatch& m : result.matches) {
      for (const CauseJudgement& j : JudgeCauses(*m.entry, *r.lint)) ++counts[static_cast<int>(j.verdict)];
    }
    out += "; the exported settings confirm " + (counts[0] == 0 ? std::string("no cause") : Plural(counts[0], "cause", "causes")) + ", rule out " +
           std::to_string(counts[1]) + " and cannot decide " + std::to_string(counts[2]);
  }
  return out + "\n";
}

nlohmann::ordered_json RenderDiagnoseJson(const DiagnoseReport& r) {
  nlohmann::ordered_json j;
  j["tool"] = {{"name", "hybridlint"}, {"version", HYBRIDLINT_VERSION}};
  std::vector<int> lids;
  for (const LidMarker& m : r.text->lids) lids.push_back(m.value);
  j["input"] = {{"source", r.input_path.empty() ? std::string("argument") : r.input_path},
                {"bytes", r.text->raw.size()},
                {"lids", lids}};
  j["matches"] = nlohmann::ordered_json::array();
  for (const EntryMatch& m : r.matches->matches) j["matches"].push_back(EntryJson(r, m));
  j["nearest"] = nlohmann::ordered_json::array();
  for (const NearEntry& n : r.matches->nearest) {
    j["nearest"].push_back({{"id", n.entry->id}, {"section", n.entry->section}, {"percent", n.percent},
                            {"shared_words", n.shared_words}});
  }
  if (r.lint) {
    j["snapshot"] = {{"paths", {{"onprem_to_cloud", PathJson(r.lint->paths.onprem_to_cloud)},
                                {"cloud_to_onprem", PathJson(r.lint->paths.cloud_to_onprem)}}}};
  } else {
    j["snapshot"] = nullptr;
  }
  return j;
}

}  // namespace lint
