#include "lint/config/waivers.h"

#include <algorithm>
#include <map>

#include <yaml-cpp/yaml.h>

#include "lint/util/civil_date.h"
#include "lint/util/edit_distance.h"
#include "lint/config/yaml_span.h"

#include "lint/source/encoding.h"
#include "lint/util/yaml_documents.h"

namespace lint {

namespace {

const std::vector<std::string> kTopKeys = {"waivers"};
const std::vector<std::string> kWaiverKeys = {"rule", "side", "object", "property", "reason", "owner", "expires"};
const std::vector<std::string> kRequiredKeys = {"rule", "side", "object", "reason", "owner", "expires"};
const std::vector<std::string> kSides = {"onprem", "cloud"};

SourceSpan MarkSpan(const SourceFile& file, const YAML::Mark& mark, size_t length) {
  return YamlMarkSpan(file, mark, length);
}

SourceSpan NodeSpan(const SourceFile& file, const YAML::Node& node) { return YamlNodeSpan(file, node); }

// Days since the epoch of a real calendar date YYYY-MM-DD.
std::optional<int64_t> DateDays(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  int64_t days = DaysFromCivil(y, m, d);
  if (FormatCivilDate(days) != s) return std::nullopt;  // 2026-02-30 and the like
  return days;
}

class WaiverParser {
 public:
  WaiverParser(const SourceFile& file, std::span<const Rule> rules, DiagnosticSink& sink)
      : file_(file), rules_(rules), sink_(sink) {
    for (const Rule& r : rules_) ids_.push_back(r.id);
    names_ = ids_;
    for (const Rule& r : rules_) names_.push_back(r.name);
  }

  std::vector<Waiver> Parse() {
    std::vector<Waiver> out;
    YAML::Node root;
    try {
      std::vector<YAML::Node> documents = LoadAllYamlDocuments(file_.text());
      if (documents.size() > 1) Error(documents[1], "a waiver file holds one YAML document: remove the second one");
      if (!documents.empty()) root = documents.front();
    } catch (const YAML::Exception& e) {
      Error(MarkSpan(file_, e.mark, 1), "invalid YAML: " + ToValidUtf8(e.msg));
      return {};
    }
    if (!root || !root.IsMap()) {
      Error(root ? NodeSpan(file_, root) : file_.Span(0, 0),
            "expected a mapping with a 'waivers:' list (each item with rule, side, object, reason, owner and expires)");
      return {};
    }
    try {
      CheckKeys(root, kTopKeys, "waiver file");
      YAML::Node list = root["waivers"];
      if (!list) {
        Error(root, "missing required key 'waivers' (a list; 'waivers: []' for none)");
      } else if (!list.IsNull() && !list.IsSequence()) {
        Error(list, "expected 'waivers' to be a list of waivers ('- rule: ...')");
      } else if (list.IsSequence()) {
        for (const auto& item : list) {
          if (auto w = ParseOne(item)) out.push_back(std::move(*w));
        }
      }
    } catch (const YAML::Exception& e) {
      Error(MarkSpan(file_, e.mark, 1), "unexpected value: " + e.msg);
    }
    if (errors_) return {};
    return out;
  }

 private:
  std::optional<Waiver> ParseOne(const YAML::Node& item) {
    if (!item.IsMap()) {
      Error(item, "expected a waiver: a mapping with rule, side, object, reason, owner and expires");
      return std::nullopt;
    }
    int errors_before = errors_;
    CheckKeys(item, kWaiverKeys, "waiver");
    CheckNulls(item);
    std::vector<std::string> missing;
    for (const std::string& key : kRequiredKeys) {
      if (!item[key]) missing.push_back("'" + key + "'");
    }
    if (!missing.empty()) {
      std::string list;
      for (size_t i = 0; i < missing.size(); ++i) {
        list += (i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ") + missing[i];
      }
      Error(item, "waiver is missing required key" + std::string(missing.size() > 1 ? "s " : " ") + list +
                      " (every waiver needs rule, side, object, reason, owner and expires)");
    }
    Waiver w;
    w.span = NodeSpan(file_, item);
    LineColumn lc = file_.Locate(w.span.begin);
    w.where = file_.display_path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);

    const Rule* rule = nullptr;
    if (YAML::Node n = item["rule"]) {
      std::string id = Scalar(n);
      auto it = std::find_if(rules_.begin(), rules_.end(), [&](const Rule& r) { return r.id == id || r.name == id; });
      if (it == rules_.end()) {
        if (!id.empty()) Error(n, "no rule '" + id + "'" + DidYouMean(id, names_) + " (a waiver names one rule id, such as ORG003)");
      } else {
        rule = &*it;
        w.rule = it->id;
      }
    }
    if (YAML::Node n = item["side"]) {
      std::string s = Scalar(n);
      auto side = ParseSide(s);
      if (!side) {
        Error(n, "expected side onprem or cloud, found '" + s + "'" + DidYouMean(s, kSides));
      } else if (rule && rule->applies_side != Side::kUnknown && rule->applies_side != *side) {
        Error(n, "rule " + rule->id + " checks " + SideWords(rule->applies_side) + " objects, so a waiver for the " +
                     SideWords(*side) + " side would never apply");
      } else {
        w.side = *side;
      }
    }
    if (YAML::Node n = item["object"]) {
      w.object = Scalar(n);
      w.object_is_glob = w.object.find_first_of("*?[") != std::string::npos;
      auto pattern = w.object_is_glob ? GlobToRegex(w.object) : std::expected<std::string, std::string>(RE2::QuoteMeta(w.object));
      if (!pattern) {
        Error(n, "invalid glob '" + w.object + "': " + pattern.error());
      } else {
        RE2::Options options;
        options.set_log_errors(false);
        options.set_case_sensitive(false);
        auto re = std::make_shared<RE2>(*pattern, options);
        if (!re->ok()) {
          Error(n, "invalid glob '" + w.object + "': " + re->error());
        } else {
          w.object_pattern = std::move(re);
        }
      }
    }
    if (YAML::Node n = item["property"]) {
      w.property = Scalar(n);
      if (rule && !w.property.empty() && !EqualsIgnoreCase(w.property, rule->property)) {
        Error(n, rule->property.empty()
                     ? "rule " + rule->id + " reports on the " + SideWords(rule->applies_side) +
                           " side as a whole, not on a property: remove 'property'"
                     : "rule " + rule->id + " reports on property '" + rule->property + "', so a waiver for '" +
                           w.property + "' would never apply");
      }
    }
    for (auto [key, field] : {std::pair{"reason", &w.reason}, std::pair{"owner", &w.owner}}) {
      if (YAML::Node n = item[key]) {
        *field = Scalar(n);
        while (!field->empty() && (field->back() == ' ' || field->back() == '\n')) field->pop_back();
        if (field->empty() && n.IsScalar()) {
          Error(n, std::string(key) + (std::string(key) == "reason" ? " must say why the finding is accepted"
                                                                    : " must name who answers for the waiver"));
        }
      }
    }
    if (YAML::Node n = item["expires"]) {
      w.expires = Scalar(n);
      if (n.IsScalar() && !DateDays(w.expires)) {
        Error(n, "expected expires as a date YYYY-MM-DD (the last day the waiver applies), found '" + w.expires + "'");
      }
    }
    if (errors_ != errors_before) return std::nullopt;
    return w;
  }

  // A key with nothing after it ("expires:") is reported at the key: the
  // null value's own mark points at the next line.
  void CheckNulls(const YAML::Node& map) {
    for (const auto& entry : map) {
      if (entry.second.IsNull()) {
        Error(entry.first, "expected a value after '" + entry.first.Scalar() + ":', found nothing");
      }
    }
  }

  void Error(SourceSpan span, std::string message) {
    Diagnostic d;
    d.code = "LINT-WAIVER";
    d.span = span;
    d.path = file_.display_path();
    d.message = std::move(message);
    pending_.push_back(std::move(d));
    ++errors_;
  }
  void Error(const YAML::Node& node, std::string message) { Error(NodeSpan(file_, node), std::move(message)); }

  std::string Scalar(const YAML::Node& node) {
    if (node.IsNull()) return "";  // reported at its key (CheckNulls)
    if (!node.IsScalar()) {
      Error(node, node.IsMap() ? "expected a single value, found a mapping (quote text that contains ': ')"
                               : "expected a single value, found a list");
      return "";
    }
    return node.Scalar();
  }

  void CheckKeys(const YAML::Node& map, const std::vector<std::string>& known, const std::string& what) {
    std::map<std::string, uint32_t> seen;
    for (const auto& entry : map) {
      std::string key = entry.first.Scalar();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        Error(entry.first, "unknown " + what + " key '" + key + "'" + DidYouMean(key, known));
      }
      SourceSpan span = NodeSpan(file_, entry.first);
      auto [it, inserted] = seen.emplace(key, file_.Locate(span.begin).line);
      if (!inserted) Error(span, "duplicate key '" + key + "' (first on line " + std::to_string(it->second) + ")");
    }
  }

  const SourceFile& file_;
  std::span<const Rule> rules_;
  DiagnosticSink& sink_;
  std::vector<std::string> ids_;
  std::vector<std::string> names_;  // ids, then rule names
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

std::string Describe(const Waiver& w) {
  return "waiver of " + w.rule + " for " + SideWords(w.side) + " '" + w.object + "'" +
         (w.property.empty() ? "" : " " + w.property);
}

}  // namespace

const std::vector<std::string>& WaiverKeys() { return kWaiverKeys; }
const std::vector<std::string>& WaiverRequiredKeys() { return kRequiredKeys; }

std::expected<std::string, std::string> GlobToRegex(std::string_view glob) {
  std::string out;
  for (size_t i = 0; i < glob.size(); ++i) {
    char c = glob[i];
    if (c == '*') {
      out += ".*";
    } else if (c == '?') {
      out += ".";
    } else if (c == '[') {
      size_t close = glob.find(']', i + 2);  // "[]]" holds a literal ']'
      if (close == std::string_view::npos) {
        return std::unexpected("'[' at character " + std::to_string(i + 1) + " is not closed by ']' (write [[] for a literal '[')");
      }
      std::string_view set = glob.substr(i + 1, close - i - 1);
      out += "[";
      if (!set.empty() && set.front() == '!') {
        out += "^";
        set.remove_prefix(1);
      }
      for (char s : set) {
        if (s == '\\' || s == '^' || s == '[' || s == ']') out += '\\';
        out += s;
      }
      out += "]";
      i = close;
    } else {
      out += RE2::QuoteMeta(std::string(1, c));
    }
  }
  return out;
}

std::vector<Waiver> ParseWaivers(const SourceFile& file, std::span<const Rule> rules, DiagnosticSink& sink) {
  WaiverParser parser(file, rules, sink);
  std::vector<Waiver> waivers = parser.Parse();
  parser.Flush();
  return waivers;
}

bool WaiverMatches(const Waiver& w, const Finding& f) {
  if (!f.rule || f.rule->id != w.rule || f.side != w.side) return false;
  if (!w.property.empty() && !EqualsIgnoreCase(w.property, f.property)) return false;
  return w.object_pattern && RE2::FullMatch(f.object, *w.object_pattern);
}

void ApplyWaivers(const std::vector<Waiver>& waivers, const std::string& now,
                  std::span<const Rule* const> rules_run, LintResult& result) {
  int64_t today = DateDays(now).value_or(0);
  std::vector<size_t> applied(waivers.size(), 0), expired_matches(waivers.size(), 0);
  for (Finding& f : result.findings) {
    for (size_t i = 0; i < waivers.size(); ++i) {
      const Waiver& w = waivers[i];
      if (!WaiverMatches(w, f)) continue;
      if (DateDays(w.expires).value_or(0) < today) {
        ++expired_matches[i];
        continue;
      }
      if (f.waived) continue;  // an earlier waiver already covers it
      f.waived = true;
      f.waiver = WaiverInfo{w.reason, w.owner, w.expires, w.where};
      ++applied[i];
    }
  }
  for (size_t i = 0; i < waivers.size(); ++i) {
    const Waiver& w = waivers[i];
    int64_t days_left = DateDays(w.expires).value_or(0) - today;
    bool ran = std::any_of(rules_run.begin(), rules_run.end(), [&](const Rule* r) { return r->id == w.rule; });
    Diagnostic d;
    d.code = "LINT-WAIVER";
    d.span = w.span;
    if (days_left < 0) {
      d.severity = Severity::kWarning;
      d.message = Describe(w) + " expired on " + w.expires + " (owner " + w.owner + ") and no longer applies";
      if (expired_matches[i] > 0) {
        d.message += expired_matches[i] == 1 ? ": the 1 finding it covered counts again"
                                             : ": the " + std::to_string(expired_matches[i]) + " findings it covered count again";
      }
      d.help = "fix the finding and remove the waiver, or renew it with a new expires date and reason";
    } else if (ran && applied[i] == 0) {
      d.severity = Severity::kInfo;
      d.message = Describe(w) + " matched no finding" +
                  (std::any_of(result.findings.begin(), result.findings.end(),
                               [&](const Finding& f) { return WaiverMatches(w, f); })
                       ? " that an earlier waiver did not already cover"
                       : "") +
                  ": remove it";
    } else if (applied[i] > 0 && days_left <= kWaiverExpiryWarningDays) {
      d.severity = Severity::kInfo;
      d.message = Describe(w) + " expires " +
                  (days_left == 0   ? std::string("today")
                   : days_left == 1 ? std::string("tomorrow")
                                    : "in " + std::to_string(days_left) + " days") + ", on " +
                  w.expires + " (owner " + w.owner + ")";
      d.help = "fix the finding, or renew the waiver with a new expires date and reason";
    } else {
      continue;
    }
    result.tool_diagnostics.push_back(std::move(d));
  }
}

}  // namespace lint
