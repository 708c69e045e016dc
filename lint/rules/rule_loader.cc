#include "lint/rules/rule_loader.h"

#include <algorithm>
#include <set>

#include <yaml-cpp/yaml.h>

#include "lint/model/kind_schema.h"
#include "lint/source/encoding.h"
#include "lint/util/edit_distance.h"
#include "lint/util/embedded.h"
#include "lint/util/yaml_documents.h"

namespace lint {

const char* FbPathName(FbPath path) {
  switch (path) {
    case FbPath::kAny: return "any";
    case FbPath::kOAuth: return "oauth";
    case FbPath::kDAuth: return "dauth";
    case FbPath::kAas: return "aas";
  }
  return "any";
}

const char* DirectionName(Direction d) {
  switch (d) {
    case Direction::kNone: return "none";
    case Direction::kOnPremToCloud: return "onprem_to_cloud";
    case Direction::kCloudToOnPrem: return "cloud_to_onprem";
    case Direction::kBoth: return "both";
  }
  return "none";
}

RE2::Options LazyRegex::Options() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

const RE2& LazyRegex::get() const {
  std::call_once(once_, [this] {
    if (!re_) re_ = std::make_unique<RE2>(pattern_, Options());
  });
  return *re_;
}

const std::vector<std::string>& RuleFileKeys() {
  static const std::vector<std::string> kKeys = {
      "id", "severity", "path", "direction", "applies_to", "where", "unless", "assert",
      "property", "expected", "message", "fix", "docs"};
  return kKeys;
}

const std::vector<std::string>& ConditionOperators() {
  static const std::vector<std::string> kOps = {
      "equals", "equals_cs", "in", "matches", "blank", "at_least", "at_most", "greater_than",
      "less_than", "date_before_days", "date_after_days", "contains", "contains_any",
      "intersects", "contains_all", "subset_of", "empty", "url", "is_guid", "same_as_peers"};
  return kOps;
}

const std::vector<std::string>& KnownFacts() {
  static const std::vector<std::string> kFacts = {
      "tenant_routing_domain", "tenant_initial_domain", "tenant_domains", "onprem_domains",
      "account_namespace", "cloud_instance"};
  return kFacts;
}

namespace {

// Why RE2 refused a pattern. A pattern whose program would pass RE2's
// memory budget (RE2::Options::max_mem, 8 MiB by default) says so plainly.
std::string PatternError(const RE2& re) {
  if (re.error_code() == RE2::ErrorPatternTooLarge) {
    return "invalid RE2 pattern: it needs more memory than RE2 allows a pattern (" + ByteSizeText(RE2::Options().max_mem()) +
           "); use fewer or smaller repetitions";
  }
  std::string out = "invalid RE2 pattern: " + re.error();
  if (!re.error_arg().empty()) out += " at '" + re.error_arg() + "'";
  return out;
}

const std::vector<std::string> kDocsKeys = {"what", "why", "error", "example", "references"};
const std::vector<std::string> kAppliesKeys = {"kind", "side"};
const std::vector<std::string> kUrlKeys = {"scheme", "host", "host_in", "host_under", "path", "path_matches"};
const std::vector<std::string> kCategories = {"orgrel", "federation", "ioc", "oauth", "certificate",
                                               "vdir", "aas", "hybrid", "recipient"};
const std::vector<std::string> kCategoryLetters = {"ORG", "FED", "IOC", "OAU", "CRT",
                                                    "VDR", "AAS", "HYB", "RCP"};

class Loader {
 public:
  Loader(const RuleSource& source, DiagnosticSink& sink) : source_(source), sink_(sink) {}

  std::optional<Rule> Load() {
    // A rule file must be text (UTF-8, or UTF-16 with a BOM as PowerShell
    // writes it); other bytes would end up in messages and reports (found
    // by fuzz/: fixtures/fuzz-regressions/rules/).
    auto decoded = DecodeText(source_.contents);
    if (!decoded) {
      YAML::Mark mark;
      size_t offset = std::min(decoded.error().offset, source_.contents.size());
      for (size_t i = 0; i < offset; ++i) {
        if (source_.contents[i] == '\n') {
          ++mark.line;
          mark.column = 0;
        } else {
          ++mark.column;
        }
      }
      Error(mark, decoded.error().message + " (at byte " + std::to_string(decoded.error().offset) + ")");
      return std::nullopt;
    }
    YAML::Node root;
    try {
      std::vector<YAML::Node> documents = LoadAllYamlDocuments(decoded->text);
      if (documents.size() > 1) {
        Error(documents[1].Mark(), "a rule file holds one rule: remove the second YAML document");
      }
      if (!documents.empty()) root = documents.front();
    } catch (const YAML::Exception& e) {
      Error(e.mark, "invalid YAML: " + ToValidUtf8(e.msg));
      return std::nullopt;
    }
    if (!root.IsMap()) {
      Error(root.Mark(), "expected a mapping with id, severity, applies_to, assert, message, fix and docs");
      return std::nullopt;
    }
    Rule rule;
    rule.file = source_.path;
    rule.builtin = source_.builtin;
    std::string base = source_.path.substr(source_.path.find_last_of('/') + 1);
    rule.name = base.substr(0, base.rfind('.'));
    auto slash = source_.path.find_last_of('/');
    if (slash != std::string::npos) {
      std::string dir = source_.path.substr(0, slash);
      rule.category = dir.substr(dir.find_last_of('/') + 1);
    }
    CheckKeys(root, RuleFileKeys(), "rule");
    for (const char* required : {"id", "severity", "path", "direction", "applies_to", "assert", "message", "fix", "docs"}) {
      if (!root[required]) Error(root.Mark(), std::string("missing required key '") + required + "'");
    }
    try {
      if (root["id"]) {
        rule.id = Scalar(root["id"]);
        bool shape = rule.id.size() >= 5 && rule.id.size() <= 7;
        size_t letters = 0;
        while (letters < rule.id.size() && rule.id[letters] >= 'A' && rule.id[letters] <= 'Z') ++letters;
        shape = shape && letters >= 2 && letters <= 4 && rule.id.size() - letters == 3 &&
                std::all_of(rule.id.begin() + letters, rule.id.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!shape) Error(root["id"].Mark(), "expected an id of 2-4 capital letters and 3 digits, such as ORG003, found '" + rule.id + "'");
        if (source_.builtin && shape) {
          auto it = std::find(kCategories.begin(), kCategories.end(), rule.category);
          if (it == kCategories.end()) {
            Error(root.Mark(), "rule folder '" + rule.category + "' is not a category" + DidYouMean(rule.category, kCategories));
          } else if (rule.id.substr(0, letters) != kCategoryLetters[it - kCategories.begin()]) {
            Error(root["id"].Mark(), "rules in " + rule.category + "/ have ids starting with " +
                                         kCategoryLetters[it - kCategories.begin()] + ", found '" + rule.id + "'");
          }
        }
      }
      if (root["severity"]) {
        std::string s = Scalar(root["severity"]);
        if (s == "error") rule.severity = Severity::kError;
        else if (s == "warning") rule.severity = Severity::kWarning;
        else if (s == "info") rule.severity = Severity::kInfo;
        else Error(root["severity"].Mark(), "expected severity error, warning or info, found '" + s + "'");
      }
      if (root["path"]) {
        std::string s = Scalar(root["path"]);
        if (s == "any") rule.path = FbPath::kAny;
        else if (s == "oauth") rule.path = FbPath::kOAuth;
        else if (s == "dauth") rule.path = FbPath::kDAuth;
        else if (s == "aas") rule.path = FbPath::kAas;
        else Error(root["path"].Mark(), "expected path oauth, dauth, aas or any, found '" + s + "'");
      }
      if (root["direction"]) {
        std::string s = Scalar(root["direction"]);
        if (s == "none") rule.direction = Direction::kNone;
        else if (s == "onprem_to_cloud") rule.direction = Direction::kOnPremToCloud;
        else if (s == "cloud_to_onprem") rule.direction = Direction::kCloudToOnPrem;
        else if (s == "both") rule.direction = Direction::kBoth;
        else Error(root["direction"].Mark(), "expected direction onprem_to_cloud, cloud_to_onprem, both or none, found '" + s + "'");
      }
      if (YAML::Node applies = root["applies_to"]) {
        if (!applies.IsMap()) {
          Error(applies.Mark(), "expected applies_to: {kind: K, side: onprem|cloud}");
        } else {
          CheckKeys(applies, kAppliesKeys, "applies_to");
          if (applies["kind"]) {
            rule.applies_kind = Scalar(applies["kind"]);
            kind_ = CheckKind(applies["kind"], rule.applies_kind);
            if (kind_) rule.applies_kind = kind_->kind;
          }
          if (!applies["side"]) {
            Error(applies.Mark(), "applies_to needs a side (onprem or cloud)");
          } else {
            rule.applies_side = CheckSide(applies["side"]);
          }
        }
      }
      if (root["where"]) rule.where = ParseCondition(root["where"], kind_, 0);
      if (root["unless"]) rule.unless = ParseCondition(root["unless"], kind_, 0);
      if (root["assert"]) rule.assertion = ParseCondition(root["assert"], kind_, 0);
      if (root["property"]) {
        rule.property = Scalar(root["property"]);
        CheckProperty(root["property"], kind_, rule.property);
      } else {
        rule.property = FirstProperty(rule.assertion);
      }
      if (root["expected"]) rule.expected = Scalar(root["expected"]);
      if (root["message"]) rule.message = Scalar(root["message"]);
      if (root["fix"]) rule.fix = Scalar(root["fix"]);
      if (YAML::Node docs = root["docs"]) {
        if (!docs.IsMap()) {
          Error(docs.Mark(), "expected docs: {what, why, references, error?, example?}");
        } else {
          CheckKeys(docs, kDocsKeys, "docs");
          auto text = [&](const char* key) { return docs[key] ? Scalar(docs[key]) : std::string(); };
          rule.docs.what = text("what");
          rule.docs.why = text("why");
          rule.docs.error = text("error");
          rule.docs.example = text("example");
          if (rule.docs.what.empty()) Error(docs.Mark(), "docs.what is required and must not be empty");
          if (rule.docs.why.empty()) Error(docs.Mark(), "docs.why is required and must not be empty");
          if (YAML::Node refs = docs["references"]; refs && refs.IsSequence() && refs.size() > 0) {
            for (const auto& r : refs) rule.docs.references.push_back(Scalar(r));
          } else {
            Error(docs.Mark(), "docs.references must list at least one source");
          }
        }
      }
    } catch (const YAML::Exception& e) {
      Error(e.mark, "unexpected value: " + e.msg);
    }
    if (errors_) return std::nullopt;
    return rule;
  }

 private:
  void Error(const YAML::Mark& mark, std::string message) {
    Diagnostic d;
    d.code = "LINT-RULE";
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

  void CheckKeys(const YAML::Node& map, const std::vector<std::string>& known, const std::string& what) {
    for (const auto& entry : map) {
      // A complex key (`? [a]`) has no text; as<std::string>() would throw
      // outside any handler (found by fuzz/: fixtures/fuzz-regressions/rules/).
      if (!entry.first.IsScalar()) {
        Error(entry.first.Mark(), "expected a " + what + " key name, found a " +
                                      (entry.first.IsMap() ? "mapping" : entry.first.IsSequence() ? "list" : "null"));
        continue;
      }
      std::string key = entry.first.as<std::string>();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        Error(entry.first.Mark(), "unknown " + what + " key '" + key + "'" + DidYouMean(key, known));
      }
    }
  }

  const KindSchema* CheckKind(const YAML::Node& node, const std::string& kind) {
    const ModelSchema& schema = ModelSchema::Builtin();
    if (const KindSchema* k = schema.FindKind(kind)) return k;
    std::vector<std::string> names;
    for (const KindSchema& k : schema.kinds()) names.push_back(k.kind);
    Error(node.Mark(), "unknown kind '" + kind + "'" + DidYouMean(kind, names));
    return nullptr;
  }

  Side CheckSide(const YAML::Node& node) {
    std::string s = Scalar(node);
    if (s == "onprem") return Side::kOnPrem;
    if (s == "cloud") return Side::kCloud;
    Error(node.Mark(), "expected side onprem or cloud, found '" + s + "'");
    return Side::kUnknown;
  }

  void CheckProperty(const YAML::Node& node, const KindSchema* kind, const std::string& path) {
    if (!kind) return;
    std::string first = path.substr(0, path.find('.'));
    if (kind->FindProperty(first)) return;
    std::vector<std::string> names;
    for (const auto& [n, t] : kind->properties) names.push_back(n);
    Error(node.Mark(), "kind " + kind->kind + " has no property '" + first + "'" + DidYouMean(first, names));
  }

  static std::string FirstProperty(const Condition& c) {
    if (c.type == Condition::Type::kLeaf) return c.property;
    for (const Condition& child : c.children) {
      std::string p = FirstProperty(child);
      if (!p.empty()) return p;
    }
    return "";
  }

  Value LiteralValue(const YAML::Node& node) {
    if (node.IsSequence()) {
      Value list = Value::List({});
      for (const auto& item : node) list.items.push_back(LiteralValue(item));
      return list;
    }
    if (node.IsNull()) return Value::Null();
    if (!node.IsScalar()) {
      Error(node.Mark(), "expected a value, a list, or {ref|self|fact: ...}");
      return Value::Null();
    }
    std::string text = node.as<std::string>();
    if (node.Tag() == "?") {
      if (text == "true" || text == "True") return Value::Bool(true);
      if (text == "false" || text == "False") return Value::Bool(false);
      try {
        size_t used = 0;
        long long i = std::stoll(text, &used);
        if (used == text.size()) return Value::Int(i);
        double d = std::stod(text, &used);
        if (used == text.size()) return Value::Double(d);
      } catch (const std::exception&) {
      }
    }
    return Value::String(text);
  }

  Operand ParseOperand(const YAML::Node& node, const KindSchema* kind, int depth) {
    Operand op;
    if (node.IsMap()) {
      if (node["ref"]) {
        op.kind = Operand::Kind::kRef;
        op.text = Scalar(node["ref"]);
        for (const auto& entry : node) {
          std::string key = entry.first.as<std::string>();
          if (key != "ref" && key != "where") Error(entry.first.Mark(), "unknown reference key '" + key + "' (expected ref and where)");
        }
        // SIDE.Kind.Property[.sub]
        auto d1 = op.text.find('.');
        auto d2 = d1 == std::string::npos ? d1 : op.text.find('.', d1 + 1);
        if (d2 == std::string::npos) {
          Error(node["ref"].Mark(), "expected a reference of the form onprem.Kind.Property, found '" + op.text + "'");
          return op;
        }
        std::string side = op.text.substr(0, d1);
        if (side == "onprem") op.side = Side::kOnPrem;
        else if (side == "cloud") op.side = Side::kCloud;
        else Error(node["ref"].Mark(), "a reference starts with onprem. or cloud., found '" + side + "'");
        op.ref_kind = op.text.substr(d1 + 1, d2 - d1 - 1);
        op.property = op.text.substr(d2 + 1);
        const KindSchema* ref_kind = CheckKind(node["ref"], op.ref_kind);
        if (ref_kind) {
          op.ref_kind = ref_kind->kind;
          CheckProperty(node["ref"], ref_kind, op.property);
        }
        if (node["where"]) op.where = std::make_shared<Condition>(ParseCondition(node["where"], ref_kind, depth + 1));
        return op;
      }
      if (node["self"]) {
        op.kind = Operand::Kind::kSelf;
        op.property = Scalar(node["self"]);
        op.text = "self." + op.property;
        CheckProperty(node["self"], outer_kind_, op.property);
        return op;
      }
      if (node["fact"]) {
        op.kind = Operand::Kind::kFact;
        op.fact = Scalar(node["fact"]);
        op.text = op.fact;
        const auto& facts = KnownFacts();
        if (!op.fact.starts_with("cloud.") && std::find(facts.begin(), facts.end(), op.fact) == facts.end()) {
          Error(node["fact"].Mark(), "unknown fact '" + op.fact + "'" + DidYouMean(op.fact, facts));
        }
        return op;
      }
      op.kind = Operand::Kind::kLiteral;  // url: {scheme: ..} and similar
      Value obj = Value::Object({});
      for (const auto& entry : node) {
        std::string key = entry.first.as<std::string>();
        if (entry.second.IsMap()) {
          Operand inner = ParseOperand(entry.second, kind, depth + 1);
          url_parts_.emplace_back(key, inner);
          obj.SetField(key, Value::String(inner.text));
        } else {
          obj.SetField(key, LiteralValue(entry.second));
        }
      }
      op.literal = obj;
      return op;
    }
    op.kind = Operand::Kind::kLiteral;
    op.literal = LiteralValue(node);
    op.text = op.literal.ToDisplay();
    return op;
  }

  Condition ParseCondition(const YAML::Node& node, const KindSchema* kind, int depth) {
    Condition c;
    c.location = Where(node);
    if (depth > 32) {
      Error(node.Mark(), "conditions nested deeper than 32 levels");
      return c;
    }
    if (!node.IsMap()) {
      Error(node.Mark(), "expected a condition: {property: P, <operator>: value}, or all/any/not/exists");
      return c;
    }
    if (node["all"] || node["any"]) {
      c.type = node["all"] ? Condition::Type::kAll : Condition::Type::kAny;
      YAML::Node list = node["all"] ? node["all"] : node["any"];
      if (node.size() != 1) Error(node.Mark(), "all/any stands alone in its mapping");
      if (!list.IsSequence() || list.size() == 0) {
        Error(list.Mark(), "expected a non-empty list of conditions");
        return c;
      }
      for (const auto& child : list) c.children.push_back(ParseCondition(child, kind, depth + 1));
      return c;
    }
    if (node["not"]) {
      c.type = Condition::Type::kNot;
      if (node.size() != 1) Error(node.Mark(), "not stands alone in its mapping");
      c.children.push_back(ParseCondition(node["not"], kind, depth + 1));
      return c;
    }
    if (node["exists"]) {
      c.type = Condition::Type::kExists;
      YAML::Node e = node["exists"];
      if (node.size() != 1) Error(node.Mark(), "exists stands alone in its mapping");
      if (!e.IsMap() || !e["kind"] || !e["side"]) {
        Error(e.Mark(), "expected exists: {kind: K, side: onprem|cloud, where: condition}");
        return c;
      }
      CheckKeys(e, {"kind", "side", "where"}, "exists");
      c.exists_kind = Scalar(e["kind"]);
      const KindSchema* inner = CheckKind(e["kind"], c.exists_kind);
      if (inner) c.exists_kind = inner->kind;
      c.exists_side = CheckSide(e["side"]);
      if (e["where"]) {
        const KindSchema* saved = outer_kind_;
        outer_kind_ = kind;
        c.exists_where = std::make_shared<Condition>(ParseCondition(e["where"], inner, depth + 1));
        outer_kind_ = saved;
      }
      return c;
    }
    if (!node["property"]) {
      std::vector<std::string> keys = {"property", "all", "any", "not", "exists"};
      std::string first = node.begin() != node.end() ? node.begin()->first.as<std::string>() : "";
      Error(node.Mark(), "expected a condition with 'property' (or all/any/not/exists), found '" + first + "'" + DidYouMean(first, keys));
      return c;
    }
    c.type = Condition::Type::kLeaf;
    c.property = Scalar(node["property"]);
    CheckProperty(node["property"], kind, c.property);
    const auto& ops = ConditionOperators();
    for (const auto& entry : node) {
      std::string key = entry.first.as<std::string>();
      if (key == "property") continue;
      if (std::find(ops.begin(), ops.end(), key) == ops.end()) {
        Error(entry.first.Mark(), "unknown operator '" + key + "'" + DidYouMean(key, ops));
        continue;
      }
      if (!c.op.empty()) {
        Error(entry.first.Mark(), "one operator per condition; combine with all: [...]");
        continue;
      }
      c.op = key;
      url_parts_.clear();
      c.operand = ParseOperand(entry.second, kind, depth);
      if (key == "matches") {
        auto re = std::make_unique<RE2>(c.operand.literal.text, LazyRegex::Options());
        if (!re->ok()) Error(entry.second.Mark(), PatternError(*re));
        c.regex = std::make_shared<LazyRegex>(c.operand.literal.text, std::move(re));
      }
      if (key == "url") {
        if (!entry.second.IsMap()) {
          Error(entry.second.Mark(), "expected url: {scheme, host, host_in, host_under, path, path_matches}");
        } else {
          CheckKeys(entry.second, kUrlKeys, "url");
          if (entry.second["path_matches"]) {
            std::string pattern = entry.second["path_matches"].as<std::string>();
            auto re = std::make_unique<RE2>(pattern, LazyRegex::Options());
            if (!re->ok()) Error(entry.second["path_matches"].Mark(), PatternError(*re));
            c.regex = std::make_shared<LazyRegex>(std::move(pattern), std::move(re));
          }
          // host_in may be a reference or fact: keep it as the operand's
          // `where`-less sub-operand.
          for (auto& [part, inner] : url_parts_) {
            if (part == "host_in" || part == "host_under") {
              c.operand.kind = Operand::Kind::kLiteral;
              url_operand_ = std::make_shared<Operand>(inner);
            }
          }
          if (url_operand_) {
            auto holder = std::make_shared<Condition>();
            holder->operand = *url_operand_;
            c.children.push_back(*holder);
            url_operand_.reset();
          }
        }
      }
      if ((key == "blank" || key == "empty" || key == "is_guid" || key == "same_as_peers") &&
          c.operand.literal.type != ValueType::kBool) {
        Error(entry.second.Mark(), "expected true or false after '" + key + "'");
      }
      if ((key == "at_least" || key == "at_most" || key == "greater_than" || key == "less_than" ||
           key == "date_before_days" || key == "date_after_days") &&
          c.operand.literal.type != ValueType::kInt && c.operand.literal.type != ValueType::kDouble) {
        Error(entry.second.Mark(), "expected a number after '" + key + "'");
      }
    }
    if (c.op.empty()) Error(node.Mark(), "condition on '" + c.property + "' has no operator" + std::string(" (one of equals, in, matches, blank, contains, ...)"));
    return c;
  }

  const RuleSource& source_;
  DiagnosticSink& sink_;
  const KindSchema* kind_ = nullptr;
  const KindSchema* outer_kind_ = nullptr;
  std::vector<std::pair<std::string, Operand>> url_parts_;
  std::shared_ptr<Operand> url_operand_;
  int errors_ = 0;
};

}  // namespace

std::vector<Rule> LoadRules(const std::vector<RuleSource>& sources, DiagnosticSink& sink) {
  return LoadRules({}, sources, sink);
}

std::vector<Rule> LoadRules(std::vector<Rule> loaded, const std::vector<RuleSource>& sources,
                            DiagnosticSink& sink) {
  std::vector<Rule> rules = std::move(loaded);
  std::map<std::string, std::string> ids;
  for (const Rule& rule : rules) ids[rule.id] = rule.file;
  for (const RuleSource& source : sources) {
    Loader loader(source, sink);
    auto rule = loader.Load();
    if (!rule) continue;
    if (auto it = ids.find(rule->id); it != ids.end()) {
      Diagnostic d;
      d.code = "LINT-RULE";
      d.path = source.path;
      d.message = "rule id " + rule->id + " is already used by " + it->second;
      sink.Add(d);
      continue;
    }
    ids[rule->id] = source.path;
    rules.push_back(std::move(*rule));
  }
  auto by_id = [](const Rule& a, const Rule& b) { return a.id < b.id; };
  if (!std::is_sorted(rules.begin(), rules.end(), by_id)) std::sort(rules.begin(), rules.end(), by_id);
  return rules;
}

std::vector<RuleSource> BuiltinRuleSources() {
  std::vector<RuleSource> out;
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    // checks/errors/ is the error catalog of `hybridlint diagnose`, not rules.
    if (f.path.starts_with("checks/") && f.path.ends_with(".yaml") && f.path != "checks/clouds.yaml" &&
        !f.path.starts_with("checks/errors/")) {
      out.push_back({std::string(f.path), std::string(f.contents), true});
    }
  }
  return out;
}

std::vector<RuleSource> RuleSourcesFromDirectory(const std::string& dir, FileSystem& fs, DiagnosticSink& sink,
                                                 const Limits& limits) {
  size_t rule_files = 0;
  return RuleSourcesFromDirectory(dir, fs, sink, limits, rule_files);
}

std::vector<RuleSource> RuleSourcesFromDirectory(const std::string& dir, FileSystem& fs, DiagnosticSink& sink,
                                                 const Limits& limits, size_t& rule_files) {
  std::vector<RuleSource> out;
  auto error = [&](const std::string& path, std::string message) {
    Diagnostic d;
    d.code = "LINT-RULE";
    d.path = path;
    d.message = std::move(message);
    sink.Add(d);
  };
  auto files = fs.ListFilesRecursive(dir);
  if (!files) {
    error(dir, "cannot read the rules directory: " + files.error());
    return out;
  }
  std::vector<std::string> rule_paths;
  for (const std::string& f : *files) {
    if (!f.ends_with(".yaml") && !f.ends_with(".yml")) continue;
    if (f.ends_with("/clouds.yaml")) continue;
    rule_paths.push_back(f);
  }
  // Counted before anything is read: a directory of a million files is
  // refused at once.
  if (rule_files + rule_paths.size() > limits.max_rules) {
    error(dir, LimitMessage("more than " + std::to_string(limits.max_rules) +
                                (limits.max_rules == 1 ? " rule file (" : " rule files (") +
                                std::to_string(rule_files + rule_paths.size()) + " with this directory)",
                            std::to_string(limits.max_rules), "max-rules"));
    rule_files += rule_paths.size();
    return out;
  }
  rule_files += rule_paths.size();
  for (const std::string& f : rule_paths) {
    auto contents = fs.ReadFile(f, limits.max_file_bytes);
    if (!contents) {
      error(f, "cannot read: " + contents.error());
      continue;
    }
    if (contents->size() > kMaxRuleFileBytes) {
      error(f, "rule file is " + std::to_string(contents->size()) + " bytes; the limit for a rule file is " +
                   ByteSizeText(kMaxRuleFileBytes) + " (a rule is a few KiB)");
      continue;
    }
    out.push_back({f, std::move(*contents), false});
  }
  return out;
}

}  // namespace lint
