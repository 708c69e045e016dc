#include "lint/diff/diff_report.h"

#include <algorithm>

#include "lint/diag/render.h"
#include "lint/diff/compare.h"
#include "lint/model/snapshot_dump.h"

namespace lint {

namespace {

using Json = nlohmann::ordered_json;

const char* PathWords(const std::string& m) {
  if (m == "oauth") return "OAuth via intra-organization connector";
  if (m == "dauth") return "DAuth via organization relationship";
  if (m == "aas") return "availability address space";
  if (m == "none") return "none";
  if (m == "mixed") return "mixed";
  return "unknown";
}

std::string Shown(const Value& v) { return IsBlank(v) ? "(blank)" : v.ToDisplay(); }

std::string Items(const std::vector<Value>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i].ToDisplay();
  return out;
}

// "(added: x; removed: y)" for a list compared as a set.
std::string SetDelta(const PropertyChange& p) {
  if (!p.as_set) return "";
  std::vector<std::string> parts;
  if (!p.added.empty()) parts.push_back("added " + Items(p.added));
  if (!p.removed.empty()) parts.push_back("removed " + Items(p.removed));
  if (parts.empty()) return "";
  std::string out = " (";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out + ")";
}

std::string Quoted(const std::string& identity) { return identity.empty() ? "(no identity)" : "'" + identity + "'"; }

// Properties of one object that share a reason (a CSV export losing every
// collection, a certificate exported as RawData only) are shown on one
// line, located at the first of them. A property seen again starts the next
// object of the same identity (one certificate on two servers).
struct NotComparedLine {
  const NotCompared* first = nullptr;
  std::vector<std::string> names;
  std::string properties;  ///< names joined with ", "
};

std::vector<NotComparedLine> GroupNotCompared(const std::vector<NotCompared>& list) {
  std::vector<NotComparedLine> out;
  for (size_t i = 0; i < list.size();) {
    const NotCompared& n = list[i];
    NotComparedLine line{&n, {n.property}, n.property};
    size_t j = i + 1;
    while (j < list.size() && !n.property.empty() && list[j].side == n.side && list[j].kind == n.kind &&
           list[j].object == n.object && list[j].reason == n.reason &&
           std::find(line.names.begin(), line.names.end(), list[j].property) == line.names.end()) {
      line.names.push_back(list[j].property);
      line.properties += ", " + list[j].property;
      ++j;
    }
    if (n.property.empty()) line.names.clear();
    out.push_back(std::move(line));
    i = j;
  }
  return out;
}

struct Counts {
  size_t added = 0, removed = 0, changed = 0, properties = 0;
};

Counts CountChanges(const SnapshotDiff& diff) {
  Counts c;
  for (const ObjectChange& o : diff.changes) {
    if (o.change == ChangeType::kAdded) ++c.added;
    if (o.change == ChangeType::kRemoved) ++c.removed;
    if (o.change == ChangeType::kChanged) {
      ++c.changed;
      c.properties += o.properties.size();
    }
  }
  return c;
}

std::vector<std::pair<const char*, const char*>> Directions() {
  return {{"onprem_to_cloud", "on-premises -> cloud"}, {"cloud_to_onprem", "cloud -> on-premises"}};
}

const PathResult& PathOf(const LintResult& r, const std::string& direction) {
  return direction == "onprem_to_cloud" ? r.paths.onprem_to_cloud : r.paths.cloud_to_onprem;
}

std::vector<std::string> ChangedDirections(const DiffReport& r) {
  std::vector<std::string> out;
  for (const auto& [key, words] : Directions()) {
    if (!SamePath(PathOf(*r.old_result, key), PathOf(*r.new_result, key))) out.push_back(key);
  }
  return out;
}

bool CloudInstanceChanged(const DiffReport& r) {
  return r.old_result->facts.cloud_instance != r.new_result->facts.cloud_instance;
}

std::string SnapshotLine(const char* which, const std::string& label, const Snapshot& s) {
  std::string out = std::string(which) + ": " + label;
  std::vector<std::string> about;
  if (!s.manifest.organization.empty()) about.push_back(s.manifest.organization);
  std::string collected;
  if (!s.manifest.collected_at.empty()) collected += "collected " + s.manifest.collected_at;
  if (!s.manifest.collected_by.empty()) collected += (collected.empty() ? "collected by " : " by ") + s.manifest.collected_by;
  if (!collected.empty()) about.push_back(collected);
  if (!about.empty()) {
    out += " (";
    for (size_t i = 0; i < about.size(); ++i) out += (i ? ", " : "") + about[i];
    out += ")";
  }
  return out + ": " + std::to_string(s.inputs.size()) + " file(s), " + std::to_string(s.objects.size()) + " object(s)\n";
}

// --- text -------------------------------------------------------------------

std::string OneLine(const Snapshot& snapshot, const Finding& f, const std::string& severity_text) {
  std::string where = LocationText(snapshot.sources, f.span);
  return "  " + (where.empty() ? std::string("(no location)") : where) + ": " + severity_text + "[" + f.rule->id +
         "]: " + f.message + "\n";
}

std::string PathBlock(const PathResult& p) {
  std::string out = PathWords(p.mechanism);
  if (!p.reason.empty()) out += " (" + p.reason + ")";
  out += "\n";
  if (p.mechanism == "mixed") {
    for (const auto& [domain, m] : p.domains) out += "      " + domain + ": " + PathWords(m) + "\n";
  }
  return out;
}

Severity Threshold(const std::string& fail_on) {
  return fail_on == "error" ? Severity::kError : fail_on == "warning" ? Severity::kWarning : Severity::kInfo;
}

// "1 error, 2 warnings" for the findings introduced; "" when none.
std::string BySeverity(const std::vector<FindingDelta>& introduced) {
  size_t counts[3] = {0, 0, 0};
  for (const FindingDelta& d : introduced) ++counts[static_cast<int>(d.new_finding->severity)];
  std::string out;
  for (int s = 2; s >= 0; --s) {
    if (counts[s] == 0) continue;
    out += (out.empty() ? "" : ", ") + std::to_string(counts[s]) + " " + SeverityName(static_cast<Severity>(s)) +
           (s > 0 ? "(s)" : "");
  }
  return out;
}

size_t CountRaised(const FindingsDiff& fd, bool to_threshold, Severity threshold) {
  return static_cast<size_t>(std::count_if(fd.severity_changed.begin(), fd.severity_changed.end(), [&](const FindingDelta& d) {
    if (d.new_finding->severity <= d.old_finding->severity) return false;
    return !to_threshold || (d.new_finding->severity >= threshold && d.old_finding->severity < threshold);
  }));
}

std::string SummaryLine(const DiffReport& r) {
  Counts counts = CountChanges(r.changes);
  const FindingsDiff& fd = r.findings;
  std::string out = "objects: " + std::to_string(counts.changed) + " changed, " + std::to_string(counts.added) +
                    " added, " + std::to_string(counts.removed) + " removed (" + std::to_string(counts.properties) +
                    " property change(s)), " + std::to_string(r.changes.not_compared.size()) + " not compared";
  std::string severities = BySeverity(fd.introduced);
  out += "; findings: " + std::to_string(fd.introduced.size()) + " introduced" +
         (severities.empty() ? "" : " (" + severities + ")");
  size_t raised = CountRaised(fd, false, Severity::kInfo);
  size_t lowered = fd.severity_changed.size() - raised;
  if (raised) out += ", " + std::to_string(raised) + " raised";
  out += ", " + std::to_string(fd.resolved.size()) + " resolved";
  if (lowered) out += ", " + std::to_string(lowered) + " lowered";
  if (!fd.no_longer_evaluated.empty()) out += ", " + std::to_string(fd.no_longer_evaluated.size()) + " no longer evaluated";
  std::vector<std::string> changed = ChangedDirections(r);
  out += "; free/busy paths: ";
  if (changed.empty()) out += "unchanged";
  for (size_t i = 0; i < changed.size(); ++i) {
    for (const auto& [key, words] : Directions()) {
      if (changed[i] == key) out += (i ? ", " : "") + std::string(words) + " changed";
    }
  }
  return out;
}

// "passes: ..." or "fails: ..." for the gate.
std::string GateVerdict(const DiffReport& r) {
  if (r.fail_on == "never") return "passes";
  Severity threshold = Threshold(r.fail_on);
  size_t introduced = static_cast<size_t>(std::count_if(r.findings.introduced.begin(), r.findings.introduced.end(),
      [&](const FindingDelta& d) { return d.new_finding->severity >= threshold; }));
  size_t raised = CountRaised(r.findings, true, threshold);
  if (!r.fails) return "passes: no finding introduced at " + r.fail_on + " or above, none raised to it";
  std::string out = "fails: ";
  if (introduced) out += std::to_string(introduced) + " finding(s) introduced at " + r.fail_on + " or above";
  if (introduced && raised) out += ", ";
  if (raised) out += std::to_string(raised) + " finding(s) raised to " + r.fail_on + " or above";
  return out;
}

std::string GateLine(const DiffReport& r) { return "gate (--fail-on " + r.fail_on + "): " + GateVerdict(r); }

}  // namespace

std::string RenderDiffText(const DiffReport& r) {
  const Snapshot& olds = *r.old_snapshot;
  const Snapshot& news = *r.new_snapshot;
  std::string out;
  out += SnapshotLine("OLD", r.old_label, olds);
  out += SnapshotLine("NEW", r.new_label, news);
  out += "\n";

  Counts counts = CountChanges(r.changes);
  if (r.changes.changes.empty()) {
    out += "changes: none (" + std::to_string(r.changes.matched) + " object(s) matched by identity, all equal)\n";
  } else {
    out += "changes: " + std::to_string(counts.changed) + " changed, " + std::to_string(counts.added) + " added, " +
           std::to_string(counts.removed) + " removed (" + std::to_string(r.changes.matched) +
           " object(s) matched by identity, " + std::to_string(r.changes.unchanged) + " unchanged)\n";
    std::string group;
    for (const ObjectChange& c : r.changes.changes) {
      std::string heading = std::string(SideWords(c.side)) + " " + c.kind;
      if (heading != group) {
        out += "\n" + heading + "\n";
        group = heading;
      }
      out += "  " + std::string(ChangeTypeName(c.change)) + " " + Quoted(c.object) + "\n";
      if (c.change == ChangeType::kAdded) out += "      new: " + LocationText(news.sources, c.new_object->span) + "\n";
      if (c.change == ChangeType::kRemoved) out += "      old: " + LocationText(olds.sources, c.old_object->span) + "\n";
      for (const PropertyChange& p : c.properties) {
        out += "    " + p.property + ": " + Shown(p.old_value) + " -> " + Shown(p.new_value) + SetDelta(p) + "\n";
        if (!p.note.empty()) out += "      note: " + p.note + "\n";
        out += "      old: " + LocationText(olds.sources, p.old_span) + "\n";
        out += "      new: " + LocationText(news.sources, p.new_span) + "\n";
      }
    }
  }
  for (const std::string& note : r.changes.notes) out += "note: " + note + "\n";
  out += "\n";

  if (!r.changes.not_compared.empty()) {
    out += "not compared (" + std::to_string(r.changes.not_compared.size()) + "):\n";
    for (const NotComparedLine& line : GroupNotCompared(r.changes.not_compared)) {
      const NotCompared& n = *line.first;
      out += "  " + std::string(SideWords(n.side)) + " " + n.kind +
             (n.object.empty() && n.property.empty() ? "" : " " + Quoted(n.object)) +
             (line.properties.empty() ? "" : " " + line.properties) + ": " + n.reason + "\n";
      if (n.old_span.valid()) out += "      old: " + LocationText(olds.sources, n.old_span) + "\n";
      if (n.new_span.valid()) out += "      new: " + LocationText(news.sources, n.new_span) + "\n";
    }
    out += "\n";
  }

  const FindingsDiff& fd = r.findings;
  // Introduced and raised findings are what the reviewer must act on: in
  // full, as `lint` prints them. The others take one line each.
  auto full = [&](const char* title, const std::vector<FindingDelta>& list) {
    out += std::string(title) + " (" + std::to_string(list.size()) + "):\n\n";
    LintResult subset;
    for (const FindingDelta& d : list) {
      Finding f = *d.new_finding;
      if (!d.not_evaluated_reason.empty()) {
        f.notes.push_back({"OLD could not evaluate this rule here (" + d.not_evaluated_reason +
                               "), so this finding may predate the change",
                           {}});
      }
      if (d.old_finding) {
        std::string was = std::string("was ") + SeverityName(d.old_finding->severity) + " in OLD";
        if (d.old_finding->inactive_path && !d.new_finding->inactive_path) {
          was += ", where the setting was not on the active free/busy path";
        }
        f.notes.push_back({was, {}});
      }
      subset.findings.push_back(std::move(f));
    }
    out += RenderText(subset, news, TextOptions{true, false, false, false});
  };
  std::vector<FindingDelta> raised, lowered;
  for (const FindingDelta& d : fd.severity_changed) {
    (d.new_finding->severity > d.old_finding->severity ? raised : lowered).push_back(d);
  }
  if (fd.introduced.empty()) {
    out += "findings introduced: none\n\n";
  } else {
    full("findings introduced", fd.introduced);
  }
  if (!raised.empty()) full("findings raised", raised);
  if (fd.resolved.empty()) {
    out += "findings resolved: none\n\n";
  } else {
    out += "findings resolved (" + std::to_string(fd.resolved.size()) + "):\n";
    for (const FindingDelta& d : fd.resolved) {
      out += OneLine(olds, *d.old_finding, SeverityName(d.old_finding->severity));
    }
    out += "\n";
  }
  if (!lowered.empty()) {
    out += "findings lowered (" + std::to_string(lowered.size()) + "):\n";
    for (const FindingDelta& d : lowered) {
      out += OneLine(news, *d.new_finding,
                     std::string(SeverityName(d.old_finding->severity)) + " -> " + SeverityName(d.new_finding->severity));
    }
    out += "\n";
  }
  if (!fd.no_longer_evaluated.empty()) {
    out += "findings no longer evaluated (" + std::to_string(fd.no_longer_evaluated.size()) +
           "): NEW could not evaluate their rules, so they are not counted as resolved\n";
    for (const FindingDelta& d : fd.no_longer_evaluated) {
      out += OneLine(olds, *d.old_finding, SeverityName(d.old_finding->severity));
      out += "    = NEW: " + d.not_evaluated_reason + "\n";
    }
    out += "\n";
  }

  out += "free/busy paths:\n";
  for (const auto& [key, words] : Directions()) {
    const PathResult& a = PathOf(*r.old_result, key);
    const PathResult& b = PathOf(*r.new_result, key);
    if (SamePath(a, b)) {
      out += std::string("  ") + words + ": " + PathWords(b.mechanism) + " (unchanged)\n";
    } else {
      out += std::string("  ") + words + ": changed\n";
      out += "    old: " + PathBlock(a);
      out += "    new: " + PathBlock(b);
    }
  }
  if (CloudInstanceChanged(r)) {
    out += "  cloud instance: " + r.old_result->facts.cloud_instance + " -> " + r.new_result->facts.cloud_instance + "\n";
  } else {
    out += "  cloud instance: " + r.new_result->facts.cloud_instance + " (unchanged)\n";
  }
  out += "\n";
  out += SummaryLine(r) + "\n" + GateLine(r) + "\n";
  return out;
}

// --- JSON -------------------------------------------------------------------

namespace {

Json Locations(const DiffReport& r, SourceSpan old_span, SourceSpan new_span) {
  return {{"old", LocationJson(*r.old_snapshot, old_span)}, {"new", LocationJson(*r.new_snapshot, new_span)}};
}

Json FindingJson(const Snapshot& snapshot, const Finding& f) {
  Json j;
  j["rule"] = f.rule->id;
  j["name"] = f.rule->name;
  j["severity"] = SeverityName(f.severity);
  j["message"] = f.message;
  j["side"] = SideName(f.side);
  j["kind"] = f.kind;
  j["object"] = f.object;
  j["property"] = f.property;
  j["actual"] = ValueToJson(f.actual);
  j["expected"] = f.expected;
  j["location"] = LocationJson(snapshot, f.span);
  j["fix"] = f.fix;
  j["inactive_path"] = f.inactive_path;
  j["fingerprint"] = f.fingerprint;
  return j;
}

Json PathJson(const Snapshot& snapshot, const PathResult& p) {
  Json j;
  j["mechanism"] = p.mechanism;
  j["reason"] = p.reason;
  if (!p.via_object.empty()) {
    j["via"] = {{"side", SideName(p.via_side)}, {"kind", p.via_kind}, {"object", p.via_object},
                {"location", LocationJson(snapshot, p.span)}};
  } else {
    j["via"] = nullptr;
  }
  Json domains = Json::object();
  for (const auto& [d, m] : p.domains) domains[d] = m;
  j["domains"] = domains;
  return j;
}

Json PathsJson(const Snapshot& snapshot, const LintResult& r) {
  return {{"onprem_to_cloud", PathJson(snapshot, r.paths.onprem_to_cloud)},
          {"cloud_to_onprem", PathJson(snapshot, r.paths.cloud_to_onprem)},
          {"cloud_instance", r.facts.cloud_instance}};
}

Json SnapshotJson(const std::string& label, const Snapshot& s) {
  auto text = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
  return {{"path", label},
          {"organization", text(s.manifest.organization)},
          {"collected_at", text(s.manifest.collected_at)},
          {"collected_by", text(s.manifest.collected_by)},
          {"files", s.inputs.size()},
          {"objects", s.objects.size()}};
}

Json Nullable(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

}  // namespace

Json RenderDiffJson(const DiffReport& r) {
  Json j;
  j["tool"] = {{"name", "hybridlint"}, {"version", HYBRIDLINT_VERSION}};
  j["old"] = SnapshotJson(r.old_label, *r.old_snapshot);
  j["new"] = SnapshotJson(r.new_label, *r.new_snapshot);
  j["changes"] = Json::array();
  for (const ObjectChange& c : r.changes.changes) {
    if (c.change != ChangeType::kChanged) {
      Json e;
      e["change"] = ChangeTypeName(c.change);
      e["side"] = SideName(c.side);
      e["kind"] = c.kind;
      e["object"] = c.object;
      e["property"] = nullptr;
      e["old"] = c.old_object ? ValueToJson(c.old_object->properties) : Json(nullptr);
      e["new"] = c.new_object ? ValueToJson(c.new_object->properties) : Json(nullptr);
      e["locations"] = Locations(r, c.old_object ? c.old_object->span : SourceSpan{},
                                 c.new_object ? c.new_object->span : SourceSpan{});
      j["changes"].push_back(e);
      continue;
    }
    for (const PropertyChange& p : c.properties) {
      Json e;
      e["change"] = "changed";
      e["side"] = SideName(c.side);
      e["kind"] = c.kind;
      e["object"] = c.object;
      e["property"] = p.property;
      e["old"] = ValueToJson(p.old_value);
      e["new"] = ValueToJson(p.new_value);
      if (p.as_set) {
        Json added = Json::array(), removed = Json::array();
        for (const Value& v : p.added) added.push_back(ValueToJson(v));
        for (const Value& v : p.removed) removed.push_back(ValueToJson(v));
        e["added"] = added;
        e["removed"] = removed;
      }
      e["note"] = Nullable(p.note);
      e["locations"] = Locations(r, p.old_span, p.new_span);
      j["changes"].push_back(e);
    }
  }
  j["not_compared"] = Json::array();
  for (const NotCompared& n : r.changes.not_compared) {
    j["not_compared"].push_back({{"side", SideName(n.side)},
                                 {"kind", n.kind},
                                 {"object", n.object.empty() && n.property.empty() ? Json(nullptr) : Json(n.object)},
                                 {"property", Nullable(n.property)},
                                 {"reason", n.reason},
                                 {"locations", Locations(r, n.old_span, n.new_span)}});
  }
  j["notes"] = r.changes.notes;

  const FindingsDiff& fd = r.findings;
  j["findings_introduced"] = Json::array();
  for (const FindingDelta& d : fd.introduced) {
    Json f = FindingJson(*r.new_snapshot, *d.new_finding);
    f["not_evaluated_in_old"] = Nullable(d.not_evaluated_reason);
    j["findings_introduced"].push_back(f);
  }
  j["findings_resolved"] = Json::array();
  for (const FindingDelta& d : fd.resolved) j["findings_resolved"].push_back(FindingJson(*r.old_snapshot, *d.old_finding));
  j["findings_no_longer_evaluated"] = Json::array();
  for (const FindingDelta& d : fd.no_longer_evaluated) {
    Json f = FindingJson(*r.old_snapshot, *d.old_finding);
    f["reason"] = d.not_evaluated_reason;
    j["findings_no_longer_evaluated"].push_back(f);
  }
  j["findings_severity_changed"] = Json::array();
  for (const FindingDelta& d : fd.severity_changed) {
    Json f = FindingJson(*r.new_snapshot, *d.new_finding);
    f["old_severity"] = SeverityName(d.old_finding->severity);
    f["old_location"] = LocationJson(*r.old_snapshot, d.old_finding->span);
    j["findings_severity_changed"].push_back(f);
  }

  std::vector<std::string> changed_paths = ChangedDirections(r);
  if (CloudInstanceChanged(r)) changed_paths.push_back("cloud_instance");
  j["paths"] = {{"old", PathsJson(*r.old_snapshot, *r.old_result)},
                {"new", PathsJson(*r.new_snapshot, *r.new_result)},
                {"changed", changed_paths}};
  Json ignored = Json::array();
  for (std::string_view n : NoiseProperties()) ignored.push_back(std::string(n));
  j["ignored_properties"] = ignored;

  Counts counts = CountChanges(r.changes);
  size_t by_severity[3] = {0, 0, 0};
  for (const FindingDelta& d : fd.introduced) ++by_severity[static_cast<int>(d.new_finding->severity)];
  j["summary"] = {{"objects", {{"matched", r.changes.matched},
                               {"unchanged", r.changes.unchanged},
                               {"changed", counts.changed},
                               {"added", counts.added},
                               {"removed", counts.removed}}},
                  {"property_changes", counts.properties},
                  {"not_compared", r.changes.not_compared.size()},
                  {"findings", {{"introduced", {{"error", by_severity[2]}, {"warning", by_severity[1]}, {"info", by_severity[0]}}},
                                {"resolved", fd.resolved.size()},
                                {"no_longer_evaluated", fd.no_longer_evaluated.size()},
                                {"severity_changed", fd.severity_changed.size()},
                                {"unchanged", fd.unchanged}}}};
  j["gate"] = {{"fail_on", r.fail_on}, {"fails", r.fails}};
  return j;
}

// --- Markdown ---------------------------------------------------------------

namespace {

// Inline code that survives a GFM table cell: pipes escaped, backticks
// fenced with a longer run, line breaks flattened.
std::string Code(std::string text, bool in_table) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  if (in_table) {
    std::string escaped;
    for (char c : text) {
      if (c == '|') escaped += '\\';
      escaped += c;
    }
    text = escaped;
  }
  if (text.empty()) return "";
  if (text.find('`') != std::string::npos) return "`` " + text + " ``";
  return "`" + text + "`";
}

// Plain text in a table cell.
std::string Cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::string MdFinding(const Snapshot& snapshot, const Finding& f, const std::string& severity) {
  std::string where = LocationText(snapshot.sources, f.span);
  std::string subject = std::string(SideWords(f.side)) + (f.kind.empty() ? " side" : " " + f.kind) +
                        (f.object.empty() ? "" : " " + Code(f.object, false)) +
                        (f.property.empty() ? "" : " " + Code(f.property, false));
  return "- **" + severity + "** " + Code(f.rule->id, false) + " " + subject + ": " + f.message +
         (where.empty() ? "" : " (" + Code(where, false) + ")") + "\n";
}

std::string MdPath(const PathResult& p) {
  std::string out = PathWords(p.mechanism);
  if (p.mechanism == "mixed") {
    for (const auto& [domain, m] : p.domains) out += "<br>" + Cell(domain) + ": " + PathWords(m);
  }
  return out;
}

}  // namespace

std::string RenderDiffMarkdown(const DiffReport& r) {
  const Snapshot& olds = *r.old_snapshot;
  const Snapshot& news = *r.new_snapshot;
  std::string out = "# hybridlint diff\n\n";
  out += "| | OLD | NEW |\n|---|---|---|\n";
  out += "| snapshot | " + Code(r.old_label, true) + " | " + Code(r.new_label, true) + " |\n";
  auto row = [&](const char* name, const std::string& a, const std::string& b) {
    if (a.empty() && b.empty()) return;
    out += std::string("| ") + name + " | " + Cell(a) + " | " + Cell(b) + " |\n";
  };
  row("organization", olds.manifest.organization, news.manifest.organization);
  row("collected at", olds.manifest.collected_at, news.manifest.collected_at);
  row("collected by", olds.manifest.collected_by, news.manifest.collected_by);
  row("files", std::to_string(olds.inputs.size()), std::to_string(news.inputs.size()));
  row("objects", std::to_string(olds.objects.size()), std::to_string(news.objects.size()));
  out += "\n";

  Counts counts = CountChanges(r.changes);
  out += "## Changes\n\n";
  if (r.changes.changes.empty()) {
    out += "No setting changed (" + std::to_string(r.changes.matched) + " objects matched by identity).\n\n";
  } else {
    out += std::to_string(counts.changed) + " changed, " + std::to_string(counts.added) + " added, " +
           std::to_string(counts.removed) + " removed (" + std::to_string(r.changes.matched) +
           " objects matched by identity).\n\n";
    out += "| change | side | kind | object | property | old | new | where |\n";
    out += "|---|---|---|---|---|---|---|---|\n";
    for (const ObjectChange& c : r.changes.changes) {
      std::string lead = "| " + std::string(ChangeTypeName(c.change)) + " | " + SideWords(c.side) + " | " + c.kind +
                         " | " + (c.object.empty() ? "(no identity)" : Code(c.object, true)) + " | ";
      if (c.change == ChangeType::kAdded) {
        out += lead + " | | | new " + Code(LocationText(news.sources, c.new_object->span), true) + " |\n";
      } else if (c.change == ChangeType::kRemoved) {
        out += lead + " | | | old " + Code(LocationText(olds.sources, c.old_object->span), true) + " |\n";
      }
      for (const PropertyChange& p : c.properties) {
        std::string new_text = Code(Shown(p.new_value), true) + Cell(SetDelta(p));
        if (!p.note.empty()) new_text += "<br>" + Cell(p.note);
        out += lead + Code(p.property, true) + " | " + Code(Shown(p.old_value), true) + " | " + new_text + " | old " +
               Code(LocationText(olds.sources, p.old_span), true) + "<br>new " +
               Code(LocationText(news.sources, p.new_span), true) + " |\n";
      }
    }
    out += "\n";
  }
  for (const std::string& note : r.changes.notes) out += "> " + note + "\n\n";
  if (!r.changes.not_compared.empty()) {
    out += "### Not compared (" + std::to_string(r.changes.not_compared.size()) + ")\n\n";
    for (const NotComparedLine& line : GroupNotCompared(r.changes.not_compared)) {
      const NotCompared& n = *line.first;
      std::string properties;
      for (const std::string& p : line.names) properties += (properties.empty() ? " " : ", ") + Code(p, false);
      out += "- " + std::string(SideWords(n.side)) + " " + n.kind +
             (n.object.empty() && n.property.empty() ? "" : " " + (n.object.empty() ? "(no identity)" : Code(n.object, false))) +
             properties + ": " + n.reason;
      std::vector<std::string> where;
      if (n.old_span.valid()) where.push_back("old " + Code(LocationText(olds.sources, n.old_span), false));
      if (n.new_span.valid()) where.push_back("new " + Code(LocationText(news.sources, n.new_span), false));
      if (!where.empty()) out += " (" + where[0] + (where.size() > 1 ? ", " + where[1] : "") + ")";
      out += "\n";
    }
    out += "\n";
  }

  const FindingsDiff& fd = r.findings;
  out += "## Findings introduced (" + std::to_string(fd.introduced.size()) + ")\n\n";
  if (fd.introduced.empty()) out += "None.\n";
  for (const FindingDelta& d : fd.introduced) {
    const Finding& f = *d.new_finding;
    out += MdFinding(news, f, SeverityName(f.severity));
    out += "  - fix: " + Code(f.fix, false) + "\n";
    if (!d.not_evaluated_reason.empty()) {
      out += "  - OLD could not evaluate this rule here (" + d.not_evaluated_reason +
             "), so this finding may predate the change\n";
    }
  }
  std::vector<FindingDelta> raised, lowered;
  for (const FindingDelta& d : fd.severity_changed) {
    (d.new_finding->severity > d.old_finding->severity ? raised : lowered).push_back(d);
  }
  if (!raised.empty()) {
    out += "\n## Findings raised (" + std::to_string(raised.size()) + ")\n\n";
    for (const FindingDelta& d : raised) {
      out += MdFinding(news, *d.new_finding,
                       std::string(SeverityName(d.old_finding->severity)) + " → " + SeverityName(d.new_finding->severity));
      out += "  - fix: " + Code(d.new_finding->fix, false) + "\n";
    }
  }
  if (!lowered.empty()) {
    out += "\n## Findings lowered (" + std::to_string(lowered.size()) + ")\n\n";
    for (const FindingDelta& d : lowered) {
      out += MdFinding(news, *d.new_finding,
                       std::string(SeverityName(d.old_finding->severity)) + " → " + SeverityName(d.new_finding->severity));
    }
  }
  out += "\n## Findings resolved (" + std::to_string(fd.resolved.size()) + ")\n\n";
  if (fd.resolved.empty()) out += "None.\n";
  for (const FindingDelta& d : fd.resolved) out += MdFinding(olds, *d.old_finding, SeverityName(d.old_finding->severity));
  if (!fd.no_longer_evaluated.empty()) {
    out += "\n## Findings no longer evaluated (" + std::to_string(fd.no_longer_evaluated.size()) + ")\n\n";
    out += "NEW could not evaluate their rules, so they are not counted as resolved.\n\n";
    for (const FindingDelta& d : fd.no_longer_evaluated) {
      out += MdFinding(olds, *d.old_finding, SeverityName(d.old_finding->severity));
      out += "  - NEW: " + d.not_evaluated_reason + "\n";
    }
  }
  out += "\n## Free/busy paths\n\n| direction | OLD | NEW |\n|---|---|---|\n";
  for (const auto& [key, words] : Directions()) {
    const PathResult& a = PathOf(*r.old_result, key);
    const PathResult& b = PathOf(*r.new_result, key);
    std::string direction = key == std::string("onprem_to_cloud") ? "on-premises → cloud" : "cloud → on-premises";
    out += "| " + direction + " | " + MdPath(a) + " | " + (SamePath(a, b) ? "unchanged" : "**" + MdPath(b) + "**") +
           " |\n";
  }
  out += "| cloud instance | " + Cell(r.old_result->facts.cloud_instance) + " | " +
         (CloudInstanceChanged(r) ? "**" + Cell(r.new_result->facts.cloud_instance) + "**" : std::string("unchanged")) +
         " |\n\n";

  out += "**Gate** (`--fail-on " + r.fail_on + "`): " + GateVerdict(r) + "\n";
  return out;
}

}  // namespace lint
