#include "lint/diagnose/catalog.h"

#include <algorithm>
#include <map>
#include <optional>

#include <yaml-cpp/yaml.h>

#include "lint/util/edit_distance.h"
#include "lint/util/embedded.h"

#include "lint/source/encoding.h"
#include "lint/util/yaml_documents.h"

namespace lint {

const char* ErrorDirectionName(ErrorDirection direction) {
  switch (direction) {
    case ErrorDirection::kUnknown: return "unknown";
    case ErrorDirection::kOnPremToCloud: return "onprem_to_cloud";
    case ErrorDirection::kCloudToOnPrem: return "cloud_to_onprem";
    case ErrorDirection::kBoth: return "both";
  }
  return "unknown";
}

std::vector<std::string> CatalogEntry::LinkedRules() const {
  std::vector<std::string> out;
  for (const Cause& cause : causes) {
    for (const std::string& id : cause.rules) {
      if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    }
  }
  return out;
}

const std::vector<std::string>& CatalogEntryKeys() {
  static const std::vector<std::string> kKeys = {
      "id", "section", "source", "lids", "direction", "issue", "message",
      "signatures", "keywords", "causes", "manual_steps"};
  return kKeys;
}

const std::vector<std::string>& CatalogCauseKeys() {
  static const std::vector<std::string> kKeys = {"text", "rules", "checkable", "why"};
  return kKeys;
}

const std::vector<std::string>& CatalogSignatureKeys() {
  static const std::vector<std::string> kKeys = {"pattern", "weight"};
  return kKeys;
}

namespace {

// Each macro accepts the real value and the placeholder the source writes
// in its place (<smtp address>, <server name>, ...), so the documented text
// itself matches too.
const std::vector<std::pair<std::string, std::string>>& MacroTable() {
  static const std::vector<std::pair<std::string, std::string>> kMacros = {
      {"smtp", R"((?:[a-z0-9._%+'=-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+|<[^<>]{1,60}>))"},
      {"host", R"((?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|<[^<>]{1,60}>))"},
      {"server", R"((?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|<[^<>]{1,60}>))"},
      {"url", R"((?:https?://[^\s'"<>]+|<[^<>]{1,60}>))"},
      {"guid", R"((?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|<[^<>]{1,60}>))"},
      {"ip", R"((?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[?[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\]?|[a-z]+_ip)(?::\d{1,5})?))"},
      {"number", R"(\d+)"},
      // Up to 240 characters of anything: the stack-trace noise, log
      // prefixes and variable parts between two parts of a message.
      {"gap", R"(.{0,240}?)"},
      // The punctuation between two parts that logs write in many ways
      // (". ," / "., " / "," / ". ;").
      {"sep", R"([\s.,;:]*)"},
  };
  return kMacros;
}

bool IsKebabCase(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && s[i - 1] != '-');
    if (!ok) return false;
  }
  return true;
}

RE2::Options SignatureOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  options.set_dot_nl(true);
  options.set_max_mem(64 << 20);  // bounded gaps make larger programs
  return options;
}

class EntryLoader {
 public:
  EntryLoader(const CatalogSource& source, std::span<const std::string> rule_ids, DiagnosticSink& sink)
      : source_(source), rule_ids_(rule_ids), sink_(sink) {}

  std::optional<CatalogEntry> Load() {
    YAML::Node root;
    try {
      std::vector<YAML::Node> documents = LoadAllYamlDocuments(source_.contents);
      if (documents.size() > 1) Error(documents[1].Mark(), "a catalog file holds one entry: remove the second YAML document");
      if (!documents.empty()) root = documents.front();
    } catch (const YAML::Exception& e) {
      Error(e.mark, "invalid YAML: " + ToValidUtf8(e.msg));
      return std::nullopt;
    }
    if (!root.IsMap()) {
      Error(root.Mark(), "expected a mapping with id, section, source, direction, message, signatures and causes");
      return std::nullopt;
    }
    CatalogEntry entry;
    entry.file = source_.path;
    std::string base = source_.path.substr(source_.path.find_last_of('/') + 1);
    entry.name = base.substr(0, base.rfind('.'));
    if (!IsKebabCase(entry.name)) {
      Error(YAML::Mark::null_mark(), "the file name '" + base + "' is not kebab-case (lower-case words joined by '-')");
    }
    CheckKeys(root, CatalogEntryKeys(), "catalog entry");
    for (const char* required : {"id", "section", "source", "direction", "issue", "message", "signatures", "causes"}) {
      if (!root[required]) Error(root.Mark(), std::string("missing required key '") + required + "'");
    }
    try {
      if (root["id"]) {
        entry.id = Scalar(root["id"]);
        bool shape = entry.id.size() == 5 && entry.id.starts_with("FB") &&
                     std::all_of(entry.id.begin() + 2, entry.id.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!shape) Error(root["id"].Mark(), "expected an id of FB and 3 digits, such as FB001, found '" + entry.id + "'");
      }
      if (root["section"]) entry.section = NonEmpty(root["section"], "section");
      if (root["source"]) {
        entry.source = Scalar(root["source"]);
        static const std::vector<std::string> kSources = {"seed 000", "seed 003"};
        if (std::find(kSources.begin(), kSources.end(), entry.source) == kSources.end()) {
          Error(root["source"].Mark(), "expected source 'seed 000' (free/busy errors) or 'seed 003' (TLS 1.2), found '" +
                                           entry.source + "'" + DidYouMean(entry.source, kSources));
        }
      }
      if (YAML::Node lids = root["lids"]) {
        if (!lids.IsSequence()) {
          Error(lids.Mark(), "expected a list of LID numbers, such as [47652, 44348]");
        } else {
          for (const auto& lid : lids) {
            std::string text = Scalar(lid);
            bool digits = !text.empty() && text.size() <= 7 &&
                          std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (!digits) {
              Error(lid.Mark(), "expected a LID number, found '" + text + "'");
              continue;
            }
            entry.lids.push_back(std::stoi(text));
          }
        }
      }
      if (root["direction"]) {
        std::string s = Scalar(root["direction"]);
        static const std::vector<std::string> kDirections = {"onprem_to_cloud", "cloud_to_onprem", "both", "unknown"};
        if (s == "onprem_to_cloud") entry.direction = ErrorDirection::kOnPremToCloud;
        else if (s == "cloud_to_onprem") entry.direction = ErrorDirection::kCloudToOnPrem;
        else if (s == "both") entry.direction = ErrorDirection::kBoth;
        else if (s == "unknown") entry.direction = ErrorDirection::kUnknown;
        else Error(root["direction"].Mark(), "expected direction onprem_to_cloud, cloud_to_onprem, both or unknown, found '" + s + "'" + DidYouMean(s, kDirections));
      }
      if (root["issue"]) entry.issue = NonEmpty(root["issue"], "issue");
      if (root["message"]) entry.message = NonEmpty(root["message"], "message");
      if (YAML::Node signatures = root["signatures"]) LoadSignatures(signatures, entry);
      if (YAML::Node keywords = root["keywords"]) {
        for (const std::string& k : StringList(keywords, "keywords")) {
          Keyword keyword;
          keyword.text = k;
          keyword.regex = std::make_shared<RE2>(LiteralPattern(k), SignatureOptions());
          entry.keywords.push_back(std::move(keyword));
        }
      }
      if (YAML::Node causes = root["causes"]) LoadCauses(causes, entry);
      if (YAML::Node steps = root["manual_steps"]) entry.manual_steps = StringList(steps, "manual_steps");
    } catch (const YAML::Exception& e) {
      Error(e.mark, "unexpected value: " + e.msg);
    }
    if (errors_) return std::nullopt;
    return entry;
  }

 private:
  void Error(const YAML::Mark& mark, std::string message) {
    Diagnostic d;
    d.code = "LINT-CATALOG";
    d.path = source_.path;
    if (!mark.is_null()) d.path += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
    d.message = std::move(message);
    sink_.Add(d);
    ++errors_;
  }

  std::string Where(const YAML::Node& node) const {
    return source_.path + ":" + std::to_string(node.Mark().line + 1) + ":" + std::to_string(node.Mark().column + 1);
  }

  std::string Scalar(const YAML::Node& node) {
    if (!node.IsScalar()) {
      Error(node.Mark(), node.IsMap() ? "expected a single value, found a mapping (quote text that contains ': ')"
                                      : "expected a single value, found a list");
      return "";
    }
    return node.as<std::string>();
  }

  std::string NonEmpty(const YAML::Node& node, const std::string& key) {
    std::string s = Scalar(node);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    if (s.empty() && node.IsScalar()) Error(node.Mark(), key + " must not be empty");
    return s;
  }

  std::vector<std::string> StringList(const YAML::Node& node, const std::string& key) {
    std::vector<std::string> out;
    if (!node.IsSequence()) {
      Error(node.Mark(), "expected " + key + " to be a list");
      return out;
    }
    for (const auto& item : node) {
      std::string s = NonEmpty(item, key + " item");
      if (!s.empty()) out.push_back(s);
    }
    return out;
  }

  void CheckKeys(const YAML::Node& map, const std::vector<std::string>& known, const std::string& what) {
    for (const auto& entry : map) {
      std::string key = entry.first.as<std::string>();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        Error(entry.first.Mark(), "unknown " + what + " key '" + key + "'" + DidYouMean(key, known));
      }
    }
  }

  // A keyword is literal text; its spaces, like a signature's, accept any
  // whitespace or none.
  static std::string LiteralPattern(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
      if (c == ' ' || c == '\t' || c == '\n') {
        space = true;
        continue;
      }
      if (space && !out.empty()) out += "\\s*";
      space = false;
      out += RE2::QuoteMeta(std::string(1, c));
    }
    return out;
  }

  void LoadSignatures(const YAML::Node& node, CatalogEntry& entry) {
    if (!node.IsSequence() || node.size() == 0) {
      Error(node.Mark(), "expected a non-empty list of signatures (RE2 patterns, or {pattern, weight})");
      return;
    }
    for (const auto& item : node) {
      Signature sig;
      if (item.IsMap() && !item["pattern"]) {
        CheckKeys(item, CatalogSignatureKeys(), "signature");
        Error(item.Mark(), "a signature needs a pattern");
        continue;
      }
      // (A yaml-cpp Node assigned to another node overwrites it, so the
      // pattern node is chosen once.)
      const YAML::Node pattern_node = item.IsMap() ? item["pattern"] : item;
      if (item.IsMap()) {
        CheckKeys(item, CatalogSignatureKeys(), "signature");
        if (item["weight"]) {
          std::string w = Scalar(item["weight"]);
          bool digits = !w.empty() && w.size() <= 3 && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
          if (!digits || std::stoi(w) < 1 || std::stoi(w) > 100) {
            Error(item["weight"].Mark(), "expected a weight from 1 to 100, found '" + w + "'");
          } else {
            sig.weight = std::stoi(w);
          }
        }
      }
      sig.pattern = Scalar(pattern_node);
      sig.location = Where(pattern_node);
      if (sig.pattern.empty()) {
        if (pattern_node.IsScalar()) Error(pattern_node.Mark(), "a signature must not be empty");
        continue;
      }
      // Syntax errors are reported on the pattern as written (macros are
      // literal text to RE2), so the message quotes what the author wrote.
      RE2 as_written(sig.pattern, SignatureOptions());
      if (!as_written.ok()) {
        Error(pattern_node.Mark(), "invalid RE2 pattern: " + as_written.error());
        continue;
      }
      auto expanded = ExpandSignature(sig.pattern);
      if (!expanded) {
        Error(pattern_node.Mark(), expanded.error());
        continue;
      }
      auto re = std::make_shared<RE2>(*expanded, SignatureOptions());
      if (!re->ok()) {
        Error(pattern_node.Mark(), "invalid RE2 pattern once expanded (" + *expanded + "): " + re->error());
        continue;
      }
      if (RE2::PartialMatch("", *re)) {
        Error(pattern_node.Mark(), "the signature matches the empty text, so it would match anything: make some text required");
        continue;
      }
      sig.regex = re;
      entry.signatures.push_back(std::move(sig));
    }
  }

  void LoadCauses(const YAML::Node& node, CatalogEntry& entry) {
    if (!node.IsSequence() || node.size() == 0) {
      Error(node.Mark(), "expected a non-empty list of causes, each {text, rules} or {text, checkable: false, why}");
      return;
    }
    for (const auto& item : node) {
      if (!item.IsMap()) {
        Error(item.Mark(), "expected a cause: {text, rules: [IDS]} or {text, checkable: false, why}");
        continue;
      }
      CheckKeys(item, CatalogCauseKeys(), "cause");
      Cause cause;
      if (item["text"]) cause.text = NonEmpty(item["text"], "text");
      else Error(item.Mark(), "a cause needs its text");
      if (item["checkable"]) {
        std::string s = Scalar(item["checkable"]);
        if (s == "false") cause.checkable = false;
        else if (s != "true") Error(item["checkable"].Mark(), "expected checkable: false (or true), found '" + s + "'");
      }
      if (item["why"]) cause.why = NonEmpty(item["why"], "why");
      if (YAML::Node rules = item["rules"]) {
        if (!rules.IsSequence() || rules.size() == 0) {
          Error(rules.Mark(), "expected a non-empty list of rule ids, such as [ORG003, FED011]");
        } else {
          for (const auto& r : rules) {
            std::string id = Scalar(r);
            if (id.empty()) continue;
            if (std::find(rule_ids_.begin(), rule_ids_.end(), id) == rule_ids_.end()) {
              Error(r.Mark(), "unknown rule '" + id + "'" + DidYouMean(id, rule_ids_));
              continue;
            }
            if (std::find(cause.rules.begin(), cause.rules.end(), id) != cause.rules.end()) {
              Error(r.Mark(), "rule " + id + " is listed twice in this cause");
              continue;
            }
            cause.rules.push_back(id);
          }
        }
      }
      if (cause.checkable) {
        if (!item["rules"]) Error(item.Mark(), "a cause lists the rules that test it, or says checkable: false and why");
        if (item["why"]) Error(item["why"].Mark(), "'why' explains an uncheckable cause: add checkable: false or remove it");
      } else {
        if (item["rules"]) Error(item["rules"].Mark(), "a cause with checkable: false has no rules");
        if (!item["why"]) Error(item.Mark(), "a cause with checkable: false says why no export can show it");
      }
      entry.causes.push_back(std::move(cause));
    }
  }

  const CatalogSource& source_;
  std::span<const std::string> rule_ids_;
  DiagnosticSink& sink_;
  int errors_ = 0;
};

}  // namespace

const std::vector<std::string>& SignatureMacros() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& [name, pattern] : MacroTable()) names.push_back(name);
    return names;
  }();
  return kNames;
}

std::expected<std::string, std::string> ExpandSignature(std::string_view pattern) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += pattern.substr(i, 2);
      ++i;
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal member, not the end.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];
      continue;
    }
    if (c == ' ') {
      while (i + 1 < pattern.size() && pattern[i + 1] == ' ') ++i;
      out += "\\s*";
      continue;
    }
    if (c == '{') {
      size_t close = pattern.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = pattern.substr(i + 1, close - i - 1);
        bool word = !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
          return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
        });
        if (word) {
          const auto& macros = MacroTable();
          auto it = std::find_if(macros.begin(), macros.end(), [&](const auto& m) { return m.first == name; });
          if (it == macros.end()) {
            return std::unexpected("unknown macro '{" + std::string(name) + "}'" +
                                   DidYouMean(name, SignatureMacros()) + " (macros: {smtp}, {host}, {server}, {url}, {guid}, {ip}, {number}, {gap}, {sep})");
          }
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += c;
  }
  return out;
}

std::vector<CatalogSource> BuiltinCatalogSources() {
  std::vector<CatalogSource> out;
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    if (f.path.starts_with("checks/errors/") && f.path.ends_with(".yaml")) {
      out.push_back({std::string(f.path), std::string(f.contents)});
    }
  }
  return out;
}

std::vector<CatalogEntry> LoadCatalog(const std::vector<CatalogSource>& sources, std::span<const std::string> rule_ids,
                                      DiagnosticSink& sink) {
  std::vector<CatalogEntry> entries;
  std::map<std::string, std::string> ids, sections;
  for (const CatalogSource& source : sources) {
    EntryLoader loader(source, rule_ids, sink);
    auto entry = loader.Load();
    if (!entry) continue;
    auto duplicate = [&](std::map<std::string, std::string>& seen, const std::string& key, const std::string& what) {
      auto [it, inserted] = seen.emplace(key, source.path);
      if (inserted) return false;
      Diagnostic d;
      d.code = "LINT-CATALOG";
      d.path = source.path;
      d.message = what + " is already used by " + it->second;
      sink.Add(d);
      return true;
    };
    if (duplicate(ids, entry->id, "id " + entry->id)) continue;
    if (duplicate(sections, entry->section, "section '" + entry->section + "'")) continue;
    entries.push_back(std::move(*entry));
  }
  std::sort(entries.begin(), entries.end(), [](const CatalogEntry& a, const CatalogEntry& b) { return a.id < b.id; });
  return entries;
}

}  // namespace lint
