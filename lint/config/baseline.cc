#include "lint/config/baseline.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "lint/util/edit_distance.h"
#include "lint/config/yaml_span.h"
#include "lint/util/yaml_documents.h"

namespace lint {

namespace {

const std::vector<std::string> kTopKeys = {"hybridlint_baseline", "findings"};
const std::vector<std::string> kEntryKeys = {"fingerprint", "rule", "side", "kind", "object", "property"};

// yaml-cpp marks are byte offsets into the decoded text it was given (JSON
// is read as YAML so that every key keeps its position).
SourceSpan MarkSpan(const SourceFile& file, const YAML::Mark& mark, size_t length) {
  return YamlMarkSpan(file, mark, length);
}

SourceSpan NodeSpan(const SourceFile& file, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.pos < 0) return file.Span(0, 0);
  const std::string& text = file.text();
  size_t begin = std::min(static_cast<size_t>(mark.pos), text.size());
  if (node.IsScalar() && begin < text.size() && text[begin] == '"') {
    size_t i = begin + 1;
    while (i < text.size() && text[i] != '"' && text[i] != '\n') i += text[i] == '\\' ? 2 : 1;
    return MarkSpan(file, mark, std::min(i + 1, text.size()) - begin);
  }
  if (node.IsScalar()) return MarkSpan(file, mark, node.Scalar().size());
  return MarkSpan(file, mark, 1);
}

bool IsFingerprint(const std::string& s) {
  return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

class BaselineParser {
 public:
  BaselineParser(const SourceFile& file, Baseline& baseline, DiagnosticSink& sink)
      : file_(file), baseline_(baseline), sink_(sink) {}

  bool Parse() {
    baseline_.path = file_.display_path();
    YAML::Node root;
    try {
      std::vector<YAML::Node> documents = LoadAllYamlDocuments(file_.text());
      if (!documents.empty()) root = documents.front();
    } catch (const YAML::Exception& e) {
      Error(MarkSpan(file_, e.mark, 1), "invalid JSON: " + e.msg);
      return false;
    }
    if (!root || !root.IsMap()) {
      Error(root ? NodeSpan(file_, root) : file_.Span(0, 0),
            "expected a baseline object {\"hybridlint_baseline\": 1, \"findings\": [...]} as --write-baseline writes it");
      return false;
    }
    try {
      CheckKeys(root, kTopKeys, "baseline");
      if (YAML::Node version = root["hybridlint_baseline"]) {
        if (!version.IsScalar() || version.Scalar() != std::to_string(kBaselineVersion)) {
          Error(version, "unsupported baseline version '" + (version.IsScalar() ? version.Scalar() : std::string("?")) +
                             "' (this hybridlint reads version " + std::to_string(kBaselineVersion) + ")");
        }
      } else {
        Error(root, "missing required key 'hybridlint_baseline' (the format version, 1)");
      }
      YAML::Node findings = root["findings"];
      if (!findings) {
        Error(root, "missing required key 'findings' (a list; [] for none)");
      } else if (!findings.IsSequence()) {
        Error(findings, "expected 'findings' to be a list of entries");
      } else {
        for (const auto& item : findings) ParseEntry(item);
      }
    } catch (const YAML::Exception& e) {
      Error(MarkSpan(file_, e.mark, 1), "unexpected value: " + e.msg);
    }
    return errors_ == 0;
  }

 private:
  void ParseEntry(const YAML::Node& item) {
    if (!item.IsMap()) {
      Error(item, "expected an entry {\"fingerprint\": ..., \"rule\": ..., ...}");
      return;
    }
    int before = errors_;
    CheckKeys(item, kEntryKeys, "baseline entry");
    BaselineEntry e;
    e.span = NodeSpan(file_, item);
    YAML::Node fp = item["fingerprint"];
    if (!fp) {
      Error(item, "missing required key 'fingerprint'");
    } else {
      e.fingerprint = Scalar(fp);
      if (fp.IsScalar() && !IsFingerprint(e.fingerprint)) {
        Error(fp, "expected a fingerprint of 16 lower-case hex digits, found '" + e.fingerprint + "'");
      }
    }
    int present = 0;
    for (auto [key, field] : {std::pair{"rule", &e.rule}, std::pair{"side", &e.side}, std::pair{"kind", &e.kind},
                              std::pair{"object", &e.object}, std::pair{"property", &e.property}}) {
      if (YAML::Node n = item[key]) {
        *field = n.IsNull() ? std::string() : Scalar(n);
        ++present;
      }
    }
    if (errors_ == before && present == 5) {
      auto side = ParseSide(e.side);
      std::string expected = Fingerprint(e.rule, side.value_or(Side::kUnknown), e.kind, e.object, e.property);
      if (expected != e.fingerprint) {
        Error(fp, "fingerprint " + e.fingerprint + " does not belong to " + e.rule + " " + e.side + " " + e.kind + " '" +
                      e.object + "' " + e.property + " (that is " + expected +
                      "): was the entry edited? Re-create the baseline with --write-baseline");
      }
    }
    if (errors_ == before) baseline_.entries.push_back(std::move(e));
  }

  void Error(SourceSpan span, std::string message) {
    Diagnostic d;
    d.code = "LINT-BASELINE";
    d.span = span;
    d.path = file_.display_path();
    d.message = std::move(message);
    pending_.push_back(std::move(d));
    ++errors_;
  }
  void Error(const YAML::Node& node, std::string message) { Error(NodeSpan(file_, node), std::move(message)); }

  std::string Scalar(const YAML::Node& node) {
    if (!node.IsScalar()) {
      Error(node, "expected a string");
      return "";
    }
    return node.Scalar();
  }

  void CheckKeys(const YAML::Node& map, const std::vector<std::string>& known, const std::string& what) {
    std::set<std::string> seen;
    for (const auto& entry : map) {
      std::string key = entry.first.Scalar();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        Error(entry.first, "unknown " + what + " key '" + key + "'" + DidYouMean(key, known));
      }
      if (!seen.insert(key).second) Error(entry.first, "duplicate key '" + key + "'");
    }
  }

  const SourceFile& file_;
  Baseline& baseline_;
  DiagnosticSink& sink_;
  int errors_ = 0;
  std::vector<Diagnostic> pending_;  // reported in file order by Flush()

 public:
  /// Hands the diagnostics to the sink in the order of their positions.
  void Flush() {
    std::stable_sort(pending_.begin(), pending_.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin < b.span.begin; });
    for (Diagnostic& d : pending_) sink_.Add(std::move(d));
    pending_.clear();
  }
};

bool RuleRan(std::span<const Rule* const> rules_run, const std::string& id) {
  return std::any_of(rules_run.begin(), rules_run.end(), [&](const Rule* r) { return r->id == id; });
}

}  // namespace

bool ParseBaseline(const SourceFile& file, Baseline& baseline, DiagnosticSink& sink) {
  BaselineParser parser(file, baseline, sink);
  bool ok = parser.Parse();
  parser.Flush();
  return ok;
}

std::vector<BaselineEntry> BaselineEntries(const LintResult& result, const Baseline* previous,
                                           std::span<const Rule* const> rules_run) {
  std::vector<BaselineEntry> out;
  std::set<std::string> seen;
  for (const Finding& f : result.findings) {
    if (f.waived || !f.rule || !seen.insert(f.fingerprint).second) continue;
    out.push_back({f.fingerprint, f.rule->id, SideName(f.side), f.kind, f.object, f.property, {}});
  }
  if (previous) {
    for (const BaselineEntry& e : previous->entries) {
      if (RuleRan(rules_run, e.rule) || !seen.insert(e.fingerprint).second) continue;
      BaselineEntry kept = e;
      kept.span = {};
      out.push_back(std::move(kept));
    }
  }
  auto key = [](const BaselineEntry& e) {
    return std::make_tuple(e.rule, e.side, e.kind, ToLowerAscii(e.object), e.property, e.fingerprint);
  };
  std::sort(out.begin(), out.end(), [&](const BaselineEntry& a, const BaselineEntry& b) { return key(a) < key(b); });
  return out;
}

std::string SerializeBaseline(const std::vector<BaselineEntry>& entries) {
  nlohmann::ordered_json j;
  j["hybridlint_baseline"] = kBaselineVersion;
  j["findings"] = nlohmann::ordered_json::array();
  for (const BaselineEntry& e : entries) {
    j["findings"].push_back({{"fingerprint", e.fingerprint}, {"rule", e.rule}, {"side", e.side},
                             {"kind", e.kind}, {"object", e.object}, {"property", e.property}});
  }
  // Text from exports is valid UTF-8 (it was decoded); replace rather than
  // throw should that ever not hold.
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

size_t MarkBaselined(std::span<const BaselineEntry> entries, LintResult& result) {
  std::set<std::string> fingerprints;
  for (const BaselineEntry& e : entries) fingerprints.insert(e.fingerprint);
  size_t marked = 0;
  for (Finding& f : result.findings) {
    if (fingerprints.count(f.fingerprint)) {
      f.baselined = true;
      ++marked;
    }
  }
  return marked;
}

void ApplyBaseline(const Baseline& baseline, std::span<const Rule* const> rules_run, LintResult& result) {
  MarkBaselined(baseline.entries, result);
  std::set<std::string> current;
  for (const Finding& f : result.findings) current.insert(f.fingerprint);
  Diagnostic d;
  d.code = "LINT-BASELINE";
  d.severity = Severity::kInfo;
  size_t stale = 0;
  for (const BaselineEntry& e : baseline.entries) {
    if (current.count(e.fingerprint) || !RuleRan(rules_run, e.rule)) continue;
    if (stale++ == 0) d.span = e.span;
    d.notes.push_back({e.rule + " " + (e.side == "onprem" ? "on-premises" : e.side) + (e.kind.empty() ? "" : " " + e.kind) +
                           (e.object.empty() ? "" : " '" + e.object + "'") + (e.property.empty() ? "" : " " + e.property) +
                           " (" + e.fingerprint + ")",
                       e.span});
  }
  if (stale == 0) return;
  d.message = std::to_string(stale) + " baseline entr" + (stale == 1 ? "y matches" : "ies match") +
              " no finding any more (fixed, or the object is gone)";
  d.help = "re-create the baseline with --write-baseline to drop " + std::string(stale == 1 ? "it" : "them");
  result.tool_diagnostics.push_back(std::move(d));
}

}  // namespace lint
