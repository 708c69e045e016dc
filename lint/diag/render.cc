#include "lint/diag/render.h"

#include <algorithm>

#include "lint/model/snapshot_dump.h"

namespace lint {

namespace {

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// The source line of `span` with a caret run under it. Long lines (CSV
// rows, minified JSON) are cut to a window around the span.
std::string Excerpt(const SourceSet& sources, SourceSpan span) {
  const SourceFile* file = sources.Find(span.file_id);
  if (!file) return "";
  LineColumn lc = file->Locate(span.begin);
  std::string_view line = file->lines().Line(file->text(), lc.line);
  std::string number = std::to_string(lc.line);
  std::string pad(number.size(), ' ');
  LineColumn end_lc = file->Locate(span.end);
  size_t line_points = CodePoints(line);
  size_t width = 1;
  if (end_lc.line == lc.line && end_lc.column > lc.column) width = end_lc.column - lc.column;
  else if (end_lc.line != lc.line) width = std::max<size_t>(1, line_points - (lc.column - 1));
  // Work in code points, but copy only the window shown: a line can be as
  // long as the file (minified JSON, a 16 MiB value).
  auto point_length = [&](size_t i) -> size_t {
    auto c = static_cast<unsigned char>(line[i]);
    return std::min(line.size() - i, size_t{c >= 0xF0 ? 4u : c >= 0xE0 ? 3u : c >= 0xC0 ? 2u : 1u});
  };
  size_t point_count = 0;
  for (size_t i = 0; i < line.size(); i += point_length(i)) ++point_count;
  constexpr size_t kMaxWidth = 120;
  size_t first = 0;
  size_t caret_col = lc.column - 1;
  if (point_count > kMaxWidth && caret_col > 40) first = caret_col - 40;
  size_t last = std::min(point_count, first + kMaxWidth);
  std::string shown = first > 0 ? "..." : "";
  size_t index = 0;
  for (size_t i = 0; i < line.size() && index < last; i += point_length(i), ++index) {
    if (index < first) continue;
    std::string_view p = line.substr(i, point_length(i));
    shown += p == "\t" ? std::string_view(" ") : p;  // tabs would misalign the caret
  }
  if (last < point_count) shown += "...";
  size_t caret_at = caret_col - first + (first > 0 ? 3 : 0);
  width = std::min(width, std::max<size_t>(1, last - std::min(last, caret_col)));
  std::string out;
  out += pad + " |\n";
  out += number + " | " + shown + "\n";
  out += pad + " | " + std::string(caret_at, ' ') + std::string(width, '^') + "\n";
  return out;
}

// "reason (owner jane@contoso.com, expires 2027-03-31, waivers.yaml:3:5)".
std::string WaiverText(const WaiverInfo& w) {
  std::string details;
  if (!w.owner.empty()) details += "owner " + w.owner;
  if (!w.expires.empty()) details += std::string(details.empty() ? "" : ", ") + "expires " + w.expires;
  if (!w.source.empty()) details += std::string(details.empty() ? "" : ", ") + w.source;
  return w.reason + (details.empty() ? "" : " (" + details + ")");
}

nlohmann::ordered_json DiagnosticJson(const Diagnostic& d, const Snapshot& snapshot) {
  nlohmann::ordered_json j;
  j["code"] = d.code;
  j["severity"] = SeverityName(d.severity);
  j["message"] = d.message;
  nlohmann::ordered_json location = LocationJson(snapshot, d.span);
  if (location.is_null() && !d.path.empty()) location = {{"path", d.path}, {"line", nullptr}, {"column", nullptr}};
  j["location"] = location;
  nlohmann::ordered_json notes = nlohmann::ordered_json::array();
  for (const Note& n : d.notes) notes.push_back({{"message", n.message}, {"location", LocationJson(snapshot, n.span)}});
  j["related"] = notes;
  j["help"] = d.help;
  return j;
}

std::string ActualText(const Finding& f) {
  if (f.actual.is_null()) return "(blank)";
  return f.actual.ToDisplay();
}

const char* PathWords(const std::string& m) {
  if (m == "oauth") return "OAuth via intra-organization connector";
  if (m == "dauth") return "DAuth via organization relationship";
  if (m == "aas") return "availability address space";
  if (m == "none") return "none";
  if (m == "mixed") return "mixed";
  return "unknown";
}

std::string PathLine(const char* label, const PathResult& r) {
  std::string out = std::string("  ") + label + ": " + PathWords(r.mechanism);
  if (!r.reason.empty()) out += " (" + r.reason + ")";
  out += "\n";
  if (r.mechanism == "mixed") {
    for (const auto& [domain, m] : r.domains) out += "    " + domain + ": " + PathWords(m) + "\n";
  }
  return out;
}

nlohmann::ordered_json PathJson(const PathResult& r, const Snapshot& snapshot) {
  nlohmann::ordered_json j;
  j["mechanism"] = r.mechanism;
  j["reason"] = r.reason;
  if (!r.via_object.empty()) {
    j["via"] = {{"side", SideName(r.via_side)}, {"kind", r.via_kind}, {"object", r.via_object},
                {"location", LocationJson(snapshot, r.span)}};
  } else {
    j["via"] = nullptr;
  }
  nlohmann::ordered_json domains = nlohmann::ordered_json::object();
  for (const auto& [d, m] : r.domains) domains[d] = m;
  j["domains"] = domains;
  return j;
}

}  // namespace

std::string SourceExcerpt(const SourceSet& sources, SourceSpan span) {
  return span.valid() ? Excerpt(sources, span) : "";
}

std::string LocationText(const SourceSet& sources, SourceSpan span) {
  const SourceFile* file = sources.Find(span.file_id);
  if (!file) return "";
  LineColumn lc = file->Locate(span.begin);
  return file->display_path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

std::string RenderDiagnostics(const std::vector<Diagnostic>& diagnostics, const SourceSet* sources) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    std::string where = sources ? LocationText(*sources, d.span) : "";
    if (where.empty()) where = d.path;
    out += (where.empty() ? "" : where + ": ") + SeverityName(d.severity) + "[" + d.code + "]: " + d.message + "\n";
    if (sources && d.span.valid()) out += Excerpt(*sources, d.span);
    for (const Note& n : d.notes) out += "note: " + n.message + "\n";
    if (!d.help.empty()) out += "help: " + d.help + "\n";
  }
  return out;
}

std::string RenderText(const LintResult& result, const Snapshot& snapshot, const TextOptions& options) {
  std::string out;
  for (const Finding& f : result.findings) {
    if (!options.findings) continue;
    std::string where = LocationText(snapshot.sources, f.span);
    out += (where.empty() ? std::string("(no location)") : where) + ": " + SeverityName(f.severity) + "[" +
           f.rule->id + "]: " + f.message + "\n";
    out += Excerpt(snapshot.sources, f.span);
    if (f.kind.empty()) {
      out += "   = " + std::string(SideWords(f.side)) + " side as a whole\n";
    } else {
      out += "   = " + std::string(SideWords(f.side)) + " " + f.kind + (f.object.empty() ? "" : " '" + f.object + "'") +
             (f.property.empty() ? "" : " " + f.property) + "\n";
    }
    out += "   = expected: " + (f.expected.empty() ? std::string("(see the rule)") : f.expected) + "\n";
    if (!f.property.empty() && !f.kind.empty()) out += "   = actual: " + ActualText(f) + "\n";
    if (!f.rule->docs.error.empty() && !f.inactive_path) {
      std::string error = f.rule->docs.error;
      std::replace(error.begin(), error.end(), '\n', ' ');
      while (!error.empty() && error.back() == ' ') error.pop_back();
      out += "   = users see: " + error + "\n";
    }
    if (f.waived) out += "   = waived: " + WaiverText(f.waiver) + "\n";
    if (f.baselined) out += "   = baselined: recorded in the baseline, so it does not fail the gate\n";
    for (const Note& n : f.notes) {
      out += "note: " + n.message + "\n";
      std::string nw = LocationText(snapshot.sources, n.span);
      if (!nw.empty()) out += "  --> " + nw + "\n";
    }
    out += "help: " + f.fix + "\n\n";
  }
  if (options.findings) {
    for (const Diagnostic& d : result.tool_diagnostics) out += RenderDiagnostics({d}, &snapshot.sources) + "\n";
  }
  if (options.paths) {
    out += "free/busy paths:\n";
    out += PathLine("on-premises -> cloud", result.paths.onprem_to_cloud);
    out += PathLine("cloud -> on-premises", result.paths.cloud_to_onprem);
    out += "  cloud instance: " + result.facts.cloud_instance + " (" + result.facts.cloud_instance_reason + ")\n\n";
  }
  if (options.not_evaluated && !result.not_evaluated.empty()) {
    out += "not evaluated (" + std::to_string(result.not_evaluated.size()) + "):\n";
    // Whole rules that could not run are grouped by reason (usually a
    // missing export); per-object entries are listed one by one.
    std::vector<std::pair<std::string, std::string>> groups;  // reason -> ids
    for (const NotEvaluated& n : result.not_evaluated) {
      if (!n.object.empty()) continue;
      auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == n.reason; });
      if (it == groups.end()) groups.emplace_back(n.reason, n.rule->id);
      else it->second += " " + n.rule->id;
    }
    for (const auto& [reason, ids] : groups) out += "  " + reason + ": " + ids + "\n";
    for (const NotEvaluated& n : result.not_evaluated) {
      if (n.object.empty()) continue;
      out += "  " + n.rule->id + " " + SideWords(n.side) + (n.kind.empty() ? "" : " " + n.kind) + " '" + n.object +
             "': " + n.reason + "\n";
    }
    out += "\n";
  }
  if (options.summary) {
    ReportCounts counts = CountFindings(result);
    std::string covered;
    if (counts.waived > 0) covered += std::to_string(counts.waived) + " waived, ";
    if (counts.baselined > 0) covered += std::to_string(counts.baselined) + " baselined, ";
    if (!covered.empty()) covered = "; " + covered.substr(0, covered.size() - 2);
    out += std::to_string(counts.error) + " error(s), " + std::to_string(counts.warning) + " warning(s), " +
           std::to_string(counts.info) + " info" + covered + "; " + std::to_string(result.passed) + " check(s) passed, " +
           std::to_string(result.not_evaluated.size()) + " not evaluated; " + std::to_string(result.rules_run) +
           " rule(s) over " + std::to_string(snapshot.objects.size()) + " object(s) in " +
           std::to_string(snapshot.inputs.size()) + " file(s)\n";
  }
  return out;
}

nlohmann::ordered_json RenderJson(const ReportInput& input) {
  const LintResult& result = input.result;
  const Snapshot& snapshot = input.snapshot;
  nlohmann::ordered_json j;
  j["tool"] = {{"name", "hybridlint"}, {"version", input.tool_version}};
  j["schema_version"] = kJsonReportVersion;
  j["now"] = input.now;
  j["inputs"] = DumpJson(snapshot)["inputs"];
  j["findings"] = nlohmann::ordered_json::array();
  for (const Finding& f : result.findings) {
    nlohmann::ordered_json fj;
    fj["rule"] = f.rule->id;
    fj["name"] = f.rule->name;
    fj["severity"] = SeverityName(f.severity);
    fj["message"] = f.message;
    fj["side"] = SideName(f.side);
    fj["kind"] = f.kind;
    fj["object"] = f.object;
    fj["property"] = f.property;
    fj["actual"] = ValueToJson(f.actual);
    fj["expected"] = f.expected;
    fj["location"] = LocationJson(snapshot, f.span);
    nlohmann::ordered_json related = nlohmann::ordered_json::array();
    for (const Note& n : f.notes) related.push_back({{"message", n.message}, {"location", LocationJson(snapshot, n.span)}});
    fj["related"] = related;
    fj["fix"] = f.fix;
    fj["path"] = FbPathName(f.rule->path);
    fj["direction"] = DirectionName(f.rule->direction);
    fj["inactive_path"] = f.inactive_path;
    if (!f.rule->docs.error.empty()) fj["user_error"] = f.rule->docs.error;
    fj["fingerprint"] = f.fingerprint;
    fj["waived"] = f.waived;
    if (f.waived) {
      fj["waiver"] = {{"reason", f.waiver.reason}, {"owner", f.waiver.owner}, {"expires", f.waiver.expires},
                      {"source", f.waiver.source}};
    }
    fj["baselined"] = f.baselined;
    j["findings"].push_back(fj);
  }
  j["not_evaluated"] = nlohmann::ordered_json::array();
  for (const NotEvaluated& n : result.not_evaluated) {
    j["not_evaluated"].push_back({{"rule", n.rule->id}, {"side", SideName(n.side)}, {"kind", n.kind},
                                  {"object", n.object}, {"reason", n.reason}});
  }
  j["tool_diagnostics"] = nlohmann::ordered_json::array();
  for (const Diagnostic& d : result.tool_diagnostics) j["tool_diagnostics"].push_back(DiagnosticJson(d, snapshot));
  j["paths"] = {{"onprem_to_cloud", PathJson(result.paths.onprem_to_cloud, snapshot)},
                {"cloud_to_onprem", PathJson(result.paths.cloud_to_onprem, snapshot)},
                {"cloud_instance", result.facts.cloud_instance}};
  ReportCounts counts = CountFindings(result);
  j["summary"] = {{"error", counts.error},         {"warning", counts.warning},
                  {"info", counts.info},           {"waived", counts.waived},
                  {"baselined", counts.baselined}, {"passed", result.passed},
                  {"not_evaluated", result.not_evaluated.size()}};
  return j;
}

std::string DumpReportJson(const nlohmann::ordered_json& json) {
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace lint
