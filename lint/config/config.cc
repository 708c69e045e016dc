#include "lint/config/config.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <yaml-cpp/yaml.h>

#include "lint/source/encoding.h"
#include "lint/util/edit_distance.h"
#include "lint/rules/rule_pack.h"
#include "lint/util/embedded.h"
#include "lint/config/yaml_span.h"

#include "lint/util/yaml_documents.h"

namespace lint {

namespace {

const std::vector<std::string> kFailOnValues = {"error", "warning", "info", "never"};
const std::vector<std::string> kSeverityValues = {"error", "warning", "info"};

// One cloud profile's tenant suffixes (checks/clouds.yaml).
struct CloudSuffixes {
  std::string name;
  std::string routing;  // "mail.onmicrosoft.com"
  std::string initial;  // "onmicrosoft.com"
};

const std::vector<CloudSuffixes>& Clouds() {
  static const std::vector<CloudSuffixes> clouds = [] {
    // The embedded pack is checked by its own tests; a broken one leaves
    // the list empty and every cloud_instance is then reported unknown.
    std::vector<CloudSuffixes> out;
    for (const CloudProfileText& cloud : BuiltinCloudProfiles()) {
      CloudSuffixes c;
      c.name = cloud.name;
      for (const CloudValue& v : cloud.values) {
        if (v.list) continue;
        if (v.key == "routing_suffix") c.routing = v.items.front();
        if (v.key == "initial_suffix") c.initial = v.items.front();
      }
      out.push_back(std::move(c));
    }
    return out;
  }();
  return clouds;
}

SourceSpan SpanOf(const SourceFile& file, const YAML::Mark& mark, size_t length) {
  return YamlMarkSpan(file, mark, length);
}

SourceSpan NodeSpan(const SourceFile& file, const YAML::Node& node) { return YamlNodeSpan(file, node); }

std::string Where(const SourceFile& file, SourceSpan span) {
  LineColumn lc = file.Locate(span.begin);
  return file.display_path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

// Reads one config file into Settings; counts its errors.
class ConfigParser {
 public:
  ConfigParser(const SourceFile& file, std::span<const Rule> rules, Settings& settings, DiagnosticSink& sink)
      : file_(file), rules_(rules), settings_(settings), sink_(sink) {
    for (const Rule& r : rules_) ids_.push_back(r.id);
  }

  bool Parse() {
    YAML::Node root;
    try {
      std::vector<YAML::Node> documents = LoadAllYamlDocuments(file_.text());
      if (documents.size() > 1) Error(documents[1], "a config file holds one YAML document: remove the second one");
      if (!documents.empty()) root = documents.front();
    } catch (const YAML::Exception& e) {
      Error(SpanOf(file_, e.mark, 1), "invalid YAML: " + ToValidUtf8(e.msg));
      return false;
    }
    if (!root || root.IsNull()) return errors_ == 0;  // an empty file sets nothing
    if (!root.IsMap()) {
      Error(root, "expected a mapping of settings (" + Joined(ConfigFileKeys()) + ")");
      return false;
    }
    try {
      CheckKeys(root, ConfigFileKeys(), "config");
      // An empty list or mapping may be written as nothing.
      CheckNulls(root, {"select", "ignore", "severity", "organization", "limits"});
      if (root["select"]) ParseRuleList(root["select"], settings_.select);
      if (root["ignore"]) ParseRuleList(root["ignore"], settings_.ignore);
      if (YAML::Node severity = root["severity"]) ParseSeverity(severity);
      if (YAML::Node fail_on = root["fail_on"]) {
        std::string v = Scalar(fail_on);
        if (!fail_on.IsScalar()) {
          // reported by Scalar() or CheckNulls()
        } else if (std::find(kFailOnValues.begin(), kFailOnValues.end(), v) == kFailOnValues.end()) {
          Error(fail_on, "expected fail_on error, warning, info or never, found '" + v + "'" + DidYouMean(v, kFailOnValues));
        } else {
          settings_.fail_on = {v, Here(fail_on)};
        }
      }
      if (YAML::Node max = root["max_warnings"]) {
        std::string v = Scalar(max);
        int64_t n = -1;
        if (!v.empty() && v.size() <= 9 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
          n = std::stoll(v);
        }
        if (!max.IsScalar()) {
          // reported by Scalar() or CheckNulls()
        } else if (n < 0) Error(max, "expected max_warnings to be a whole number 0 or more, found '" + v + "'");
        else settings_.max_warnings = {n, Here(max)};
      }
      if (YAML::Node waivers = root["waivers"]) ParsePath(waivers, "waivers", settings_.waivers);
      if (YAML::Node baseline = root["baseline"]) ParsePath(baseline, "baseline", settings_.baseline);
      if (YAML::Node org = root["organization"]) ParseOrganization(org);
      if (YAML::Node limits = root["limits"]) ParseLimits(limits);
    } catch (const YAML::Exception& e) {
      Error(SpanOf(file_, e.mark, 1), "unexpected value: " + e.msg);
    }
    return errors_ == 0;
  }

 private:
  static std::string Joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
  }

  Origin Here(const YAML::Node& node) const {
    return Origin{Origin::Kind::kConfig, Where(file_, NodeSpan(file_, node))};
  }

  void Error(SourceSpan span, std::string message) {
    Diagnostic d;
    d.code = "LINT-CONFIG";
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
      Error(node, node.IsMap() ? "expected a single value, found a mapping" : "expected a single value, found a list");
      return "";
    }
    return node.Scalar();
  }

  // A key with nothing after it ("fail_on:") is reported at the key: the
  // null value's own mark points at the next line. `allowed` may be empty.
  void CheckNulls(const YAML::Node& map, const std::vector<std::string>& allowed) {
    for (const auto& entry : map) {
      if (entry.second.IsNull() && std::find(allowed.begin(), allowed.end(), entry.first.Scalar()) == allowed.end()) {
        Error(entry.first, "expected a value after '" + entry.first.Scalar() + ":', found nothing");
      }
    }
  }

  void CheckKeys(const YAML::Node& map, const std::vector<std::string>& known, const std::string& what) {
    std::map<std::string, std::string> seen;
    for (const auto& entry : map) {
      std::string key = entry.first.Scalar();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        Error(entry.first, "unknown " + what + " key '" + key + "'" + DidYouMean(key, known));
      }
      auto [it, inserted] = seen.emplace(key, Where(file_, NodeSpan(file_, entry.first)));
      if (!inserted) Error(entry.first, "duplicate key '" + key + "' (first at " + it->second + ")");
    }
  }

  // A rule id, an id prefix ("ORG") or a rule name, as --select takes.
  bool KnownRuleOrPrefix(const std::string& item) const {
    return std::any_of(rules_.begin(), rules_.end(),
                       [&](const Rule& r) { return r.id.starts_with(item) || r.name == item; });
  }

  // A list, or one comma-separated string as on the command line.
  void ParseRuleList(const YAML::Node& node, Setting<std::vector<std::string>>& out) {
    std::vector<std::string> items;
    auto add = [&](const YAML::Node& item_node, std::string text) {
      while (!text.empty() && text.front() == ' ') text.erase(text.begin());
      while (!text.empty() && text.back() == ' ') text.pop_back();
      if (text.empty()) return;
      if (!KnownRuleOrPrefix(text)) {
        Error(item_node, "no rule '" + text + "'" + DidYouMean(text, ids_) + " (expected rule ids, id prefixes such as ORG, or rule names)");
        return;
      }
      items.push_back(text);
    };
    if (node.IsSequence()) {
      for (const auto& item : node) add(item, Scalar(item));
    } else if (node.IsScalar()) {
      std::string text = node.Scalar();
      size_t start = 0;
      while (start <= text.size()) {
        size_t comma = text.find(',', start);
        add(node, text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else if (!node.IsNull()) {
      Error(node, "expected a list of rule ids, prefixes or names");
      return;
    }
    out = {items, Here(node)};
  }

  void ParseSeverity(const YAML::Node& node) {
    if (node.IsNull()) return;
    if (!node.IsMap()) {
      Error(node, "expected severity overrides as a mapping of rule id to error, warning or info (severity: {IOC007: warning})");
      return;
    }
    std::set<std::string> seen;
    for (const auto& entry : node) {
      std::string key = entry.first.Scalar();
      auto rule = std::find_if(rules_.begin(), rules_.end(), [&](const Rule& r) { return r.id == key || r.name == key; });
      if (rule == rules_.end()) {
        Error(entry.first, "no rule '" + key + "'" + DidYouMean(key, ids_) + " (severity overrides name one rule id each)");
        continue;
      }
      if (!seen.insert(rule->id).second) {
        Error(entry.first, "rule " + rule->id + " has two severity overrides");
        continue;
      }
      std::string v = Scalar(entry.second);
      Severity s;
      if (v == "error") s = Severity::kError;
      else if (v == "warning") s = Severity::kWarning;
      else if (v == "info") s = Severity::kInfo;
      else {
        Error(entry.second, "expected severity error, warning or info for " + rule->id + ", found '" + v + "'" +
                                DidYouMean(v, kSeverityValues));
        continue;
      }
      settings_.severity.emplace_back(rule->id, Setting<Severity>{s, Here(entry.second)});
    }
    std::sort(settings_.severity.begin(), settings_.severity.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
  }

  // Paths in the config file are relative to the file's directory.
  void ParsePath(const YAML::Node& node, const std::string& what, Setting<std::string>& out) {
    std::string v = Scalar(node);
    if (v.empty()) {
      if (node.IsScalar()) Error(node, "expected a path to the " + what + " file, relative to this config file");
      return;
    }
    std::filesystem::path p(v);
    if (p.is_relative()) {
      std::filesystem::path dir = std::filesystem::path(file_.display_path()).parent_path();
      p = (dir / p).lexically_normal();
    }
    out = {p.generic_string(), Here(node)};
  }

  void ParseOrganization(const YAML::Node& node) {
    if (node.IsNull()) return;
    if (!node.IsMap()) {
      Error(node, "expected organization: {onprem_domains, tenant, cloud_instance}");
      return;
    }
    CheckKeys(node, ConfigOrganizationKeys(), "organization");
    CheckNulls(node, {});
    if (YAML::Node domains = node["onprem_domains"]) {
      std::vector<std::string> items;
      auto add = [&](const YAML::Node& item) {
        std::string d = ToLowerAscii(Scalar(item));
        if (d.empty()) return;
        bool shape = d.find('.') != std::string::npos && d.front() != '.' && d.back() != '.' &&
                     std::all_of(d.begin(), d.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
                     });
        if (!shape) Error(item, "expected an SMTP domain such as contoso.com, found '" + item.Scalar() + "'");
        else if (d.ends_with(".onmicrosoft.com") || d.ends_with(".onmicrosoft.us") || d.ends_with(".onmschina.cn"))
          Error(item, "'" + d + "' is a tenant domain, not an on-premises domain (set the tenant with organization.tenant)");
        else if (std::find(items.begin(), items.end(), d) == items.end()) items.push_back(d);
      };
      if (domains.IsSequence()) {
        for (const auto& item : domains) add(item);
      } else if (domains.IsScalar()) {
        add(domains);
      } else {
        Error(domains, "expected a list of on-premises SMTP domains");
      }
      if (!items.empty()) settings_.onprem_domains = {items, Here(domains)};
    }
    if (YAML::Node cloud = node["cloud_instance"]; cloud && cloud.IsScalar()) {
      std::string v = Scalar(cloud);
      const auto& names = CloudInstanceNames();
      if (std::find(names.begin(), names.end(), v) == names.end()) {
        Error(cloud, "unknown cloud_instance '" + v + "'" + DidYouMean(v, names) + " (expected " + Joined(names) + ")");
      } else {
        settings_.cloud_instance = {v, Here(cloud)};
      }
    }
    if (YAML::Node tenant = node["tenant"]; tenant && !tenant.IsNull()) {
      std::string v = ToLowerAscii(Scalar(tenant));
      std::string problem = TenantProblem(v);
      if (!problem.empty()) Error(tenant, problem);
      else settings_.tenant = {v, Here(tenant)};
    }
  }

  void ParseLimits(const YAML::Node& node) {
    if (node.IsNull()) return;
    if (!node.IsMap()) {
      Error(node, "expected limits: {" + Joined(ConfigLimitsKeys()) + "}");
      return;
    }
    for (const auto& entry : node) {
      if (entry.first.Scalar() == "max_rules") {
        Error(entry.first, "max_rules can be given only on the command line (--max-rules): rules are read before this file");
      }
    }
    std::vector<std::string> known = ConfigLimitsKeys();
    known.push_back("max_rules");  // reported above
    CheckKeys(node, known, "limits");
    CheckNulls(node, {});
    auto size = [&](const char* key, Setting<size_t>& out) {
      YAML::Node value = node[key];
      if (!value || value.IsNull()) return;
      std::string v = Scalar(value);
      if (!value.IsScalar()) return;
      auto parsed = ParseByteSize(v);
      if (!parsed) Error(value, std::string(key) + ": " + parsed.error());
      else out = {*parsed, Here(value)};
    };
    auto count = [&](const char* key, size_t max, Setting<size_t>& out) {
      YAML::Node value = node[key];
      if (!value || value.IsNull()) return;
      std::string v = Scalar(value);
      if (!value.IsScalar()) return;
      auto parsed = ParseCount(v, max);
      if (!parsed) Error(value, std::string(key) + ": " + parsed.error());
      else out = {*parsed, Here(value)};
    };
    size("max_file_size", settings_.limits.max_file_bytes);
    count("max_depth", kMaxSupportedDepth, settings_.limits.max_depth);
    count("max_objects", size_t{1} << 40, settings_.limits.max_objects);
    size("max_string_size", settings_.limits.max_string_bytes);
  }

  // "" when `t` is a tenant name or a routing domain of some cloud.
  static std::string TenantProblem(const std::string& t) {
    if (t.empty()) return "expected a tenant name such as contoso, or its routing domain contoso.mail.onmicrosoft.com";
    bool name = std::all_of(t.begin(), t.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
    if (name) return "";
    for (const CloudSuffixes& c : Clouds()) {
      if (!c.routing.empty() && t.ends_with("." + c.routing) && t.size() > c.routing.size() + 1) return "";
    }
    for (const CloudSuffixes& c : Clouds()) {
      if (!c.initial.empty() && t.ends_with("." + c.initial)) {
        std::string bare = t.substr(0, t.size() - c.initial.size() - 1);
        return "'" + t + "' is the tenant's initial domain: give the tenant name '" + bare + "' or its routing domain '" +
               bare + "." + c.routing + "'";
      }
    }
    return "expected a tenant name such as contoso, or its routing domain such as contoso.mail.onmicrosoft.com, found '" + t + "'";
  }

  const SourceFile& file_;
  std::span<const Rule> rules_;
  Settings& settings_;
  DiagnosticSink& sink_;
  std::vector<std::string> ids_;
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

std::string Quoted(const std::string& s) {
  // Plain YAML scalars for the common case; quote what YAML would misread.
  bool plain = !s.empty() && s.find_first_of(":#{}[],&*!|>'\"%@`") == std::string::npos && s.front() != ' ' &&
               s.back() != ' ' && s.front() != '-' && s.front() != '?';
  if (plain) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string FlowList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + Quoted(items[i]);
  return out + "]";
}

const char* SeverityText(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "error";
}

}  // namespace

std::string Origin::Describe() const {
  switch (kind) {
    case Kind::kDefault: return "default";
    case Kind::kConfig: return where;
    case Kind::kCommandLine: return "command line " + where;
  }
  return "default";
}

Settings DefaultSettings(const std::string& today) {
  Settings s;
  s.fail_on.value = "error";
  s.now.value = today;
  const Limits defaults;
  s.limits.max_file_bytes.value = defaults.max_file_bytes;
  s.limits.max_depth.value = defaults.max_depth;
  s.limits.max_objects.value = defaults.max_objects;
  s.limits.max_string_bytes.value = defaults.max_string_bytes;
  s.limits.max_rules.value = defaults.max_rules;
  return s;
}

Limits LimitSettings::Effective() const {
  Limits limits;
  limits.max_file_bytes = max_file_bytes.value;
  limits.max_depth = max_depth.value;
  limits.max_objects = max_objects.value;
  limits.max_string_bytes = max_string_bytes.value;
  limits.max_rules = max_rules.value;
  return limits;
}

void ApplyCommandLine(const CommandLineSettings& cl, Settings& s) {
  auto origin = [](const char* flag) { return Origin{Origin::Kind::kCommandLine, flag}; };
  if (cl.select) s.select = {*cl.select, origin("--select")};
  if (cl.ignore) s.ignore = {*cl.ignore, origin("--ignore")};
  if (cl.fail_on) s.fail_on = {*cl.fail_on, origin("--fail-on")};
  if (cl.max_warnings) s.max_warnings = {*cl.max_warnings, origin("--max-warnings")};
  if (cl.waivers) s.waivers = {*cl.waivers, origin("--waivers")};
  if (cl.baseline) s.baseline = {*cl.baseline, origin("--baseline")};
  if (cl.now) s.now = {*cl.now, origin("--now")};
  const LimitOverrides& l = cl.limits;
  if (l.max_file_bytes) s.limits.max_file_bytes = {*l.max_file_bytes, origin("--max-file-size")};
  if (l.max_depth) s.limits.max_depth = {*l.max_depth, origin("--max-depth")};
  if (l.max_objects) s.limits.max_objects = {*l.max_objects, origin("--max-objects")};
  if (l.max_string_bytes) s.limits.max_string_bytes = {*l.max_string_bytes, origin("--max-string-size")};
  if (l.max_rules) s.limits.max_rules = {*l.max_rules, origin("--max-rules")};
}

const SourceFile* ReadSettingsFile(const std::string& path, FileSystem& fs, SourceSet& sources,
                                   const std::string& code, DiagnosticSink& sink, size_t max_bytes) {
  auto fail = [&](const std::string& message) -> const SourceFile* {
    Diagnostic d;
    d.code = code;
    d.path = path;
    d.message = message;
    sink.Add(std::move(d));
    return nullptr;
  };
  const char* what = code == "LINT-WAIVER" ? "waiver" : code == "LINT-BASELINE" ? "baseline" : "config";
  if (fs.IsDirectory(path)) return fail(std::string("expected a ") + what + " file, found a directory");
  // As for exports (--max-file-size): baselines grow with findings.
  auto raw = fs.ReadFile(path, max_bytes);
  if (!raw) return fail(std::string("cannot read the ") + what + " file: " + raw.error());
  auto decoded = DecodeText(*raw);
  if (!decoded) {
    return fail(std::string("cannot decode the ") + what + " file at byte " + std::to_string(decoded.error().offset) +
                ": " + decoded.error().message);
  }
  return &sources.Add(path, decoded->encoding, std::move(decoded->text));
}

std::optional<std::string> FindConfigFile(const std::string& start, const std::string& cwd, FileSystem& fs) {
  namespace sfs = std::filesystem;
  sfs::path given = sfs::path(start.empty() ? "." : start);
  bool relative = given.is_relative();
  sfs::path base = sfs::path(cwd.empty() ? "/" : cwd);
  sfs::path dir = (relative ? base / given : given).lexically_normal();
  std::string dir_text = dir.generic_string();
  while (dir_text.size() > 1 && dir_text.back() == '/') dir_text.pop_back();
  dir = sfs::path(dir_text);
  // Each candidate is reached with the path the user would write: relative
  // to the working directory when the start was relative.
  auto shown = [&](const sfs::path& p) {
    if (!relative) return p.generic_string();
    std::string r = p.lexically_relative(base).generic_string();
    return r.empty() ? std::string(".") : r;
  };
  for (int guard = 0; guard < 256; ++guard) {
    std::string d = shown(dir);
    std::string candidate = d == "." ? std::string(kConfigFileName) : (sfs::path(d) / kConfigFileName).generic_string();
    if (fs.Exists(candidate) && !fs.IsDirectory(candidate)) return candidate;
    if (fs.Exists(d == "." ? std::string(".git") : (sfs::path(d) / ".git").generic_string())) return std::nullopt;
    sfs::path parent = dir.parent_path();
    if (parent.empty() || parent == dir) return std::nullopt;
    dir = parent;
  }
  return std::nullopt;
}

bool ParseConfig(const SourceFile& file, std::span<const Rule> rules, Settings& settings, DiagnosticSink& sink) {
  ConfigParser parser(file, rules, settings, sink);
  bool ok = parser.Parse();
  parser.Flush();
  settings.config_path = file.display_path();
  return ok;
}

const std::vector<std::string>& ConfigFileKeys() {
  static const std::vector<std::string> kKeys = {"select",  "ignore",   "severity",     "fail_on", "max_warnings",
                                                 "waivers", "baseline", "organization", "limits"};
  return kKeys;
}

const std::vector<std::string>& ConfigLimitsKeys() {
  static const std::vector<std::string> kKeys = {"max_file_size", "max_depth", "max_objects", "max_string_size"};
  return kKeys;
}

const std::vector<std::string>& ConfigOrganizationKeys() {
  static const std::vector<std::string> kKeys = {"onprem_domains", "tenant", "cloud_instance"};
  return kKeys;
}

const std::vector<std::string>& CloudInstanceNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const CloudSuffixes& c : Clouds()) out.push_back(c.name);
    return out;
  }();
  return names;
}

std::string TenantRoutingDomain(const std::string& tenant, const std::string& cloud) {
  std::string t = ToLowerAscii(tenant);
  if (t.find('.') != std::string::npos) return t;
  for (const CloudSuffixes& c : Clouds()) {
    if (c.name == (cloud.empty() ? "worldwide" : cloud) && !c.routing.empty()) return t + "." + c.routing;
  }
  return t + ".mail.onmicrosoft.com";
}

std::string RenderSettings(const Settings& s) {
  std::vector<std::pair<std::string, std::string>> lines;  // text, comment ("" none)
  // The comment says where the value came from; a default says what it means.
  auto add = [&](std::string text, const Origin& origin, const std::string& meaning) {
    std::string comment = origin.Describe();
    if (origin.kind == Origin::Kind::kDefault && !meaning.empty()) comment += ": " + meaning;
    lines.emplace_back(std::move(text), std::move(comment));
  };
  auto list = [](const std::vector<std::string>& items, const char* none) {
    return items.empty() ? std::string(none) : FlowList(items);
  };
  const std::string from_exports = "from snapshot.yaml or the exports";
  add("select: " + list(s.select.value, "[]"), s.select.origin, "every rule");
  add("ignore: " + list(s.ignore.value, "[]"), s.ignore.origin, "");
  if (s.severity.empty()) {
    add("severity: {}", Origin{}, "each rule's own severity");
  } else {
    lines.emplace_back("severity:", "");
    for (const auto& [id, setting] : s.severity) add("  " + id + ": " + SeverityText(setting.value), setting.origin, "");
  }
  add("fail_on: " + s.fail_on.value, s.fail_on.origin, "");
  add("max_warnings: " + (s.max_warnings.value ? std::to_string(*s.max_warnings.value) : std::string("null")),
      s.max_warnings.origin, "no limit");
  add("waivers: " + (s.waivers.value.empty() ? std::string("null") : Quoted(s.waivers.value)), s.waivers.origin, "none");
  add("baseline: " + (s.baseline.value.empty() ? std::string("null") : Quoted(s.baseline.value)), s.baseline.origin, "none");
  lines.emplace_back("organization:", "");
  add("  onprem_domains: " + list(s.onprem_domains.value, "null"), s.onprem_domains.origin, from_exports);
  add("  tenant: " + (s.tenant.value.empty() ? std::string("null") : Quoted(s.tenant.value)), s.tenant.origin, from_exports);
  add("  cloud_instance: " + (s.cloud_instance.value.empty() ? std::string("null") : s.cloud_instance.value),
      s.cloud_instance.origin, from_exports);
  add("now: " + s.now.value, s.now.origin, "today (UTC)");
  lines.emplace_back("limits:", "");
  add("  max_file_size: " + ByteSizeValue(s.limits.max_file_bytes.value), s.limits.max_file_bytes.origin, "");
  add("  max_depth: " + std::to_string(s.limits.max_depth.value), s.limits.max_depth.origin, "");
  add("  max_objects: " + std::to_string(s.limits.max_objects.value), s.limits.max_objects.origin, "");
  add("  max_string_size: " + ByteSizeValue(s.limits.max_string_bytes.value), s.limits.max_string_bytes.origin, "");
  // Not a config key (rules are read before the file): shown as a comment.
  add("  # max_rules: " + std::to_string(s.limits.max_rules.value), s.limits.max_rules.origin,
      "command line only (--max-rules)");

  std::string out = "# effective settings of hybridlint lint\n";
  out += "# config file: " + (s.config_path.empty() ? std::string("none") : s.config_path) +
         (s.config_how.empty() ? "" : " (" + s.config_how + ")") + "\n";
  size_t width = 0;
  for (const auto& [text, comment] : lines) {
    if (!comment.empty()) width = std::max(width, text.size());
  }
  for (const auto& [text, comment] : lines) {
    out += text;
    if (!comment.empty()) out += std::string(width - text.size() + 2, ' ') + "# " + comment;
    out += "\n";
  }
  return out;
}

void ApplySeverityOverrides(const Settings& settings, std::vector<Rule>& rules) {
  for (const auto& [id, setting] : settings.severity) {
    for (Rule& r : rules) {
      if (r.id == id) r.severity = setting.value;
    }
  }
}

Gate EvaluateGate(const std::vector<Finding>& findings, const std::string& fail_on, std::optional<int64_t> max_warnings) {
  Gate gate;
  for (const Finding& f : findings) {
    if (f.waived || f.baselined) continue;
    if (f.severity == Severity::kWarning) ++gate.warnings;
    bool at_or_above = fail_on == "info" || (fail_on == "warning" && f.severity >= Severity::kWarning) ||
                       (fail_on == "error" && f.severity == Severity::kError);
    if (at_or_above) ++gate.failing;
  }
  if (fail_on == "never") {
    gate.failing = 0;
    return gate;
  }
  gate.fail = gate.failing > 0;
  if (max_warnings && static_cast<int64_t>(gate.warnings) > *max_warnings) {
    gate.fail = true;
    gate.message = std::to_string(gate.warnings) + " warning(s) that are neither waived nor baselined, more than the " +
                   std::to_string(*max_warnings) + " that max_warnings allows";
  }
  return gate;
}

}  // namespace lint
