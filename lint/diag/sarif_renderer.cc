#include "lint/diag/sarif_renderer.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "lint/diag/markdown_renderer.h"
#include "lint/diag/render.h"
#include "lint/model/snapshot_dump.h"

namespace lint {

namespace {

using Json = nlohmann::ordered_json;

// Where the project's documentation lives. The repository has no public
// home yet; ".invalid" (RFC 2606) says so instead of inventing one. Rule
// helpUri values are this plus the rule file's path.
constexpr std::string_view kInformationUri = "https://hybridlint.invalid/";
constexpr std::string_view kFingerprintKey = "hybridlint/v1";

const char* Level(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "note";
  }
  return "note";
}

std::string TrimText(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

bool IsAbsolute(std::string_view path) {
  return path.starts_with("/") || (path.size() > 2 && path[1] == ':' && (path[2] == '/' || path[2] == '\\'));
}

// Builds the physical locations of one run: artifact indexes by path, and
// regions from spans.
class Locator {
 public:
  Locator(const Snapshot& snapshot, std::string_view root) : snapshot_(snapshot), root_(root) {
    for (size_t i = 0; i < snapshot.inputs.size(); ++i) index_[snapshot.inputs[i].path] = i;
  }

  /// `path` relative to the run's root directory (batch mode), else as given.
  std::string Relative(const std::string& path) const {
    if (!root_.empty() && path.size() > root_.size() + 1 && path.starts_with(root_) && path[root_.size()] == '/') {
      return path.substr(root_.size() + 1);
    }
    return path;
  }

  Json Artifact(const std::string& path) const {
    Json a;
    a["uri"] = SarifUri(Relative(path));
    if (!IsAbsolute(path)) a["uriBaseId"] = "%SRCROOT%";
    if (auto it = index_.find(path); it != index_.end()) a["index"] = it->second;
    return a;
  }

  /// A physicalLocation for a span, or null when it points nowhere.
  Json Physical(SourceSpan span) const {
    const SourceFile* file = snapshot_.sources.Find(span.file_id);
    if (!file) return nullptr;
    LineColumn b = file->Locate(span.begin);
    Json region;
    region["startLine"] = b.line;
    region["startColumn"] = b.column;
    if (span.end > span.begin) {
      LineColumn e = file->Locate(span.end);
      region["endLine"] = e.line;
      region["endColumn"] = e.column;
    }
    return {{"artifactLocation", Artifact(file->display_path())}, {"region", region}};
  }

  /// Line 1 of the first input of `side` (else of the snapshot): GitHub
  /// rejects results without a location.
  Json Fallback(Side side) const {
    const InputFile* first = nullptr;
    for (const InputFile& in : snapshot_.inputs) {
      if (in.side == side) { first = &in; break; }
    }
    if (!first && !snapshot_.inputs.empty()) first = &snapshot_.inputs.front();
    std::string path = first ? first->path : !snapshot_.manifest.path.empty() ? snapshot_.manifest.path : "snapshot.yaml";
    return {{"artifactLocation", Artifact(path)}, {"region", {{"startLine", 1}, {"startColumn", 1}}}};
  }

  /// "path:line:col" as a physicalLocation (waiver sources), or null.
  Json FromText(const std::string& where) const {
    auto c2 = where.rfind(':');
    if (c2 == std::string::npos || c2 == 0) return nullptr;
    auto c1 = where.rfind(':', c2 - 1);
    if (c1 == std::string::npos || c1 == 0) return nullptr;
    std::string line = where.substr(c1 + 1, c2 - c1 - 1), col = where.substr(c2 + 1);
    auto digits = [](const std::string& s) {
      return !s.empty() && s.size() < 9 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(line) || !digits(col) || std::stoi(line) < 1 || std::stoi(col) < 1) return nullptr;
    return {{"artifactLocation", Artifact(where.substr(0, c1))},
            {"region", {{"startLine", std::stoi(line)}, {"startColumn", std::stoi(col)}}}};
  }

 private:
  const Snapshot& snapshot_;
  std::string root_;
  std::map<std::string, size_t> index_;
};

std::string HelpText(const Rule& r) {
  std::string out = TrimText(r.docs.what) + "\n\nWhy: " + TrimText(r.docs.why);
  if (!r.docs.error.empty()) out += "\n\nUsers see: " + TrimText(r.docs.error);
  out += "\n\nFix: " + r.fix;
  if (!r.docs.example.empty()) out += "\n\nExample:\n" + TrimText(r.docs.example);
  if (!r.docs.references.empty()) {
    out += "\n\nReferences:";
    for (const std::string& ref : r.docs.references) out += "\n- " + ref;
  }
  return out;
}

// Markdown fences must be longer than any backtick run inside.
std::string Fenced(const std::string& text, std::string_view info) {
  size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(std::max<size_t>(3, longest + 1), '`');
  return fence + std::string(info) + "\n" + text + "\n" + fence;
}

// Rule docs are prose from a file (user rules too): escaped, so that
// "<domain>" or "*.contoso.com" reads as written.
std::string HelpMarkdown(const Rule& r) {
  std::string out = EscapeMarkdown(TrimText(r.docs.what)) + "\n\n**Why.** " + EscapeMarkdown(TrimText(r.docs.why));
  if (!r.docs.error.empty()) out += "\n\n**Users see:**\n\n" + Fenced(TrimText(r.docs.error), "text");
  out += "\n\n**Fix:**\n\n" + Fenced(r.fix, "powershell");
  if (!r.docs.example.empty()) out += "\n\n**Example:**\n\n" + Fenced(TrimText(r.docs.example), "text");
  if (!r.docs.references.empty()) {
    out += "\n\n**References:**\n";
    for (const std::string& ref : r.docs.references) out += "\n- " + EscapeMarkdown(ref);
  }
  return out;
}

Json RuleJson(const Rule& r) {
  Json j;
  j["id"] = r.id;
  j["name"] = r.name;
  j["shortDescription"] = {{"text", FirstSentence(r.docs.what)}};
  j["fullDescription"] = {{"text", TrimText(r.docs.what) + " " + TrimText(r.docs.why)}};
  j["help"] = {{"text", HelpText(r)}, {"markdown", HelpMarkdown(r)}};
  if (r.builtin && !r.file.empty()) j["helpUri"] = std::string(kInformationUri) + SarifUri(r.file);
  j["defaultConfiguration"] = {{"level", Level(r.severity)}};
  Json tags = Json::array({"exchange-hybrid", "free-busy", r.category});
  if (r.path != FbPath::kAny && r.category != FbPathName(r.path)) tags.push_back(FbPathName(r.path));
  j["properties"] = {{"tags", tags},
                     {"precision", "very-high"},
                     {"problem.severity", r.severity == Severity::kInfo ? "recommendation" : SeverityName(r.severity)},
                     {"path", FbPathName(r.path)},
                     {"direction", DirectionName(r.direction)}};
  return j;
}

std::string ResultText(const Finding& f) {
  std::string out = f.message;
  if (!f.expected.empty()) out += "\nexpected: " + f.expected;
  if (!f.property.empty() && !f.kind.empty()) out += "\nactual: " + (f.actual.is_null() ? "(blank)" : f.actual.ToDisplay());
  for (const Note& n : f.notes) {
    if (!n.span.valid()) out += "\nnote: " + n.message;
  }
  out += "\nfix: " + f.fix;
  return out;
}

}  // namespace

std::string FirstSentence(std::string_view text) {
  std::string t = TrimText(text);
  for (size_t i = 0; i + 2 < t.size(); ++i) {
    if (t[i] == '.' && (t[i + 1] == ' ' || t[i + 1] == '\n') && t[i + 2] >= 'A' && t[i + 2] <= 'Z') {
      return t.substr(0, i + 1);
    }
  }
  return t;
}

std::string SarifUri(std::string_view path) {
  std::string p(path);
  std::replace(p.begin(), p.end(), '\\', '/');
  while (p.starts_with("./")) p.erase(0, 2);
  std::string prefix;
  if (p.starts_with("/")) prefix = "file://";
  else if (p.size() > 2 && p[1] == ':' && p[2] == '/') prefix = "file:///";
  static const std::string_view kKeep = "-._~/!$&'()*+,;=:@";
  static const char kHex[] = "0123456789ABCDEF";
  std::string out = prefix;
  for (char c : p) {
    auto u = static_cast<unsigned char>(c);
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || kKeep.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

nlohmann::ordered_json SarifRun(const ReportInput& input, std::string_view uri_root) {
  const LintResult& result = input.result;
  const Snapshot& snapshot = input.snapshot;
  Locator locator(snapshot, uri_root);

  std::vector<const Rule*> rules = SortedRules(input);
  std::map<const Rule*, size_t> rule_index;
  Json rules_json = Json::array();
  for (const Rule* r : rules) {
    rule_index[r] = rules_json.size();
    rules_json.push_back(RuleJson(*r));
  }
  auto rule_ref = [&](const Rule* r) {
    Json ref = {{"id", r->id}};
    if (auto it = rule_index.find(r); it != rule_index.end()) ref["index"] = it->second;
    return ref;
  };

  // Notification descriptors: declared once in the driver, referenced by
  // index from each notification.
  Json descriptors = Json::array();
  std::map<std::string, size_t> descriptor_index;
  auto descriptor = [&](const std::string& id, const std::string& text) {
    auto it = descriptor_index.find(id);
    if (it == descriptor_index.end()) {
      it = descriptor_index.emplace(id, descriptors.size()).first;
      descriptors.push_back({{"id", id}, {"shortDescription", {{"text", text}}}});
    }
    return Json{{"id", id}, {"index", it->second}};
  };

  Json execution = Json::array();
  for (const NotEvaluated& n : result.not_evaluated) {
    Json note;
    note["descriptor"] = descriptor("not-evaluated", "a check that could not be evaluated: a missing export or information the export format lost");
    note["associatedRule"] = rule_ref(n.rule);
    note["level"] = "note";
    std::string what = std::string(SideWords(n.side)) + (n.kind.empty() ? "" : " " + n.kind) +
                       (n.object.empty() ? "" : " '" + n.object + "'");
    note["message"] = {{"text", n.rule->id + " not evaluated on " + what + ": " + n.reason}};
    Json physical = locator.Physical(n.span);
    if (!physical.is_null()) note["locations"] = Json::array({{{"physicalLocation", physical}}});
    execution.push_back(note);
  }
  for (const InputFile& in : snapshot.inputs) {
    for (const InputWarning& w : in.warnings) {
      Json note;
      note["descriptor"] = descriptor("input-warning", "information an export lost or that had to be interpreted");
      note["level"] = "warning";
      note["message"] = {{"text", (w.property.empty() ? "" : w.property + ": ") + w.message}};
      Json physical = locator.Physical(w.span);
      if (physical.is_null()) physical = {{"artifactLocation", locator.Artifact(in.path)}};
      note["locations"] = Json::array({{{"physicalLocation", physical}}});
      execution.push_back(note);
    }
  }
  Json configuration = Json::array();
  for (const Diagnostic& d : result.tool_diagnostics) {
    Json note;
    note["descriptor"] = descriptor(d.code, "a problem with the run's configuration (" + d.code + ")");
    note["level"] = Level(d.severity);
    note["message"] = {{"text", d.message + (d.help.empty() ? "" : "\nhelp: " + d.help)}};
    Json physical = locator.Physical(d.span);
    if (physical.is_null() && !d.path.empty()) physical = {{"artifactLocation", locator.Artifact(d.path)}};
    if (!physical.is_null()) note["locations"] = Json::array({{{"physicalLocation", physical}}});
    configuration.push_back(note);
  }

  Json results = Json::array();
  for (const Finding& f : result.findings) {
    Json r;
    r["ruleId"] = f.rule->id;
    if (auto it = rule_index.find(f.rule); it != rule_index.end()) r["ruleIndex"] = it->second;
    r["level"] = Level(f.severity);
    r["message"] = {{"text", ResultText(f)}};
    Json physical = locator.Physical(f.span);
    if (physical.is_null()) physical = locator.Fallback(f.side);
    Json location = {{"physicalLocation", physical}};
    if (!f.kind.empty()) {
      location["logicalLocations"] = Json::array(
          {{{"name", f.object.empty() ? f.kind : f.object},
            {"fullyQualifiedName", std::string(SideName(f.side)) + "/" + f.kind + (f.object.empty() ? "" : "/" + f.object)},
            {"kind", "object"}}});
    }
    r["locations"] = Json::array({location});
    Json related = Json::array();
    for (const Note& n : f.notes) {
      Json p = locator.Physical(n.span);
      if (p.is_null()) continue;
      related.push_back({{"id", related.size() + 1}, {"physicalLocation", p}, {"message", {{"text", n.message}}}});
    }
    if (!related.empty()) r["relatedLocations"] = related;
    r["partialFingerprints"] = {{std::string(kFingerprintKey), f.fingerprint}};
    Json suppressions = Json::array();
    if (f.waived) {
      Json s = {{"kind", "external"}, {"status", "accepted"}, {"justification", f.waiver.reason}};
      Json where = locator.FromText(f.waiver.source);
      if (!where.is_null()) s["location"] = {{"physicalLocation", where}};
      s["properties"] = {{"owner", f.waiver.owner}, {"expires", f.waiver.expires}, {"source", f.waiver.source}};
      suppressions.push_back(s);
    }
    if (f.baselined) {
      suppressions.push_back({{"kind", "external"},
                              {"status", "accepted"},
                              {"justification", "recorded in the baseline (--baseline): reported, but it does not fail the gate"},
                              {"properties", {{"baseline", true}}}});
    }
    if (!suppressions.empty()) r["suppressions"] = suppressions;
    Json props;
    props["side"] = SideName(f.side);
    props["kind"] = f.kind;
    props["object"] = f.object;
    props["property"] = f.property;
    props["expected"] = f.expected;
    props["actual"] = ValueToJson(f.actual);
    props["fix"] = f.fix;
    props["path"] = FbPathName(f.rule->path);
    props["direction"] = DirectionName(f.rule->direction);
    props["inactivePath"] = f.inactive_path;
    if (!f.rule->docs.error.empty()) props["userError"] = TrimText(f.rule->docs.error);
    r["properties"] = props;
    results.push_back(r);
  }

  Json artifacts = Json::array();
  for (const InputFile& in : snapshot.inputs) {
    Json loc = {{"uri", SarifUri(locator.Relative(in.path))}};
    if (!IsAbsolute(in.path)) loc["uriBaseId"] = "%SRCROOT%";
    artifacts.push_back({{"location", loc},
                         {"roles", Json::array({"analysisTarget"})},
                         {"properties", {{"format", in.format}, {"encoding", in.encoding}}}});
  }

  Json driver;
  driver["name"] = "hybridlint";
  driver["version"] = input.tool_version;
  driver["semanticVersion"] = input.tool_version;
  driver["informationUri"] = kInformationUri;
  driver["rules"] = rules_json;
  if (!descriptors.empty()) driver["notifications"] = descriptors;

  Json invocation;
  invocation["executionSuccessful"] = true;
  if (!execution.empty()) invocation["toolExecutionNotifications"] = execution;
  if (!configuration.empty()) invocation["toolConfigurationNotifications"] = configuration;
  invocation["properties"] = {{"now", input.now}};

  ReportCounts counts = CountFindings(result);
  Json paths = {{"onprem_to_cloud", {{"mechanism", result.paths.onprem_to_cloud.mechanism},
                                     {"reason", result.paths.onprem_to_cloud.reason}}},
                {"cloud_to_onprem", {{"mechanism", result.paths.cloud_to_onprem.mechanism},
                                     {"reason", result.paths.cloud_to_onprem.reason}}},
                {"cloud_instance", result.facts.cloud_instance}};

  Json run;
  run["tool"] = {{"driver", driver}};
  run["invocations"] = Json::array({invocation});
  run["artifacts"] = artifacts;
  run["results"] = results;
  run["columnKind"] = "unicodeCodePoints";
  run["properties"] = {{"snapshot", SnapshotName(snapshot)},
                       {"paths", paths},
                       {"summary",
                        {{"error", counts.error},
                         {"warning", counts.warning},
                         {"info", counts.info},
                         {"waived", counts.waived},
                         {"baselined", counts.baselined},
                         {"passed", result.passed},
                         {"not_evaluated", result.not_evaluated.size()}}}};

  return run;
}

nlohmann::ordered_json SarifLog(nlohmann::ordered_json runs) {
  Json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = std::move(runs);
  return log;
}

std::string RenderSarif(const ReportInput& input) { return DumpReportJson(SarifLog(Json::array({SarifRun(input, "")}))); }

}  // namespace lint
