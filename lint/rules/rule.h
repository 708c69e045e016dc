#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "lint/diag/diagnostic.h"
#include "lint/model/snapshot.h"
#include "lint/model/value.h"

namespace lint {

/// The free/busy mechanism a rule matters on (seed 002).
enum class FbPath { kAny, kOAuth, kDAuth, kAas };
/// The free/busy direction a setting serves.
enum class Direction { kNone, kOnPremToCloud, kCloudToOnPrem, kBoth };

const char* FbPathName(FbPath path);          ///< "oauth", "dauth", "aas", "any"
const char* DirectionName(Direction d);       ///< "onprem_to_cloud", ...

struct Condition;

/// An RE2 pattern compiled on first use: a rule whose kind is not in the
/// snapshot never pays for it. Safe to share between threads (the first
/// caller compiles under std::call_once); copies of a Condition share it.
class LazyRegex {
 public:
  explicit LazyRegex(std::string pattern) : pattern_(std::move(pattern)) {}
  /// Already compiled (the rule loader compiles to report errors).
  LazyRegex(std::string pattern, std::unique_ptr<RE2> compiled)
      : pattern_(std::move(pattern)), re_(std::move(compiled)) {}
  const std::string& pattern() const { return pattern_; }
  const RE2& get() const;
  /// The options every rule pattern is compiled with.
  static RE2::Options Options();

 private:
  std::string pattern_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> re_;
};

/// The right-hand side of a leaf condition.
struct Operand {
  enum class Kind { kNone, kLiteral, kRef, kSelf, kFact };
  Kind kind = Kind::kNone;
  Value literal;                      ///< kLiteral (scalar or list)
  Side side = Side::kUnknown;         ///< kRef
  std::string ref_kind;               ///< kRef
  std::string property;               ///< kRef / kSelf: dotted path
  std::shared_ptr<Condition> where;   ///< kRef filter, may be null
  std::string fact;                   ///< kFact: "onprem_domains", "cloud.ews_url"
  std::string text;                   ///< as written, for messages
};

/// A condition tree node (see checks/README.md).
struct Condition {
  enum class Type { kLeaf, kAll, kAny, kNot, kExists };
  Type type = Type::kLeaf;
  std::string property;  ///< kLeaf: dotted path
  std::string op;        ///< kLeaf: operator name
  Operand operand;       ///< kLeaf
  std::shared_ptr<const LazyRegex> regex;  ///< kLeaf with `matches` or url.path_matches
  std::vector<Condition> children;  ///< kAll / kAny / kNot (one)
  std::string exists_kind;          ///< kExists
  Side exists_side = Side::kUnknown;
  std::shared_ptr<Condition> exists_where;
  std::string location;  ///< "file:line:col" in the rule file
};

/// The fixed documentation headings of a rule.
struct RuleDocs {
  std::string what, why, error, example;
  std::vector<std::string> references;
};

/// One rule file.
struct Rule {
  std::string id;        ///< "ORG003"
  std::string name;      ///< the file stem, "cloud-target-application-uri"
  std::string category;  ///< the folder, "orgrel"
  std::string file;      ///< path as loaded ("checks/orgrel/x.yaml")
  Severity severity = Severity::kError;
  FbPath path = FbPath::kAny;
  Direction direction = Direction::kNone;
  std::string applies_kind;  ///< empty: once per side
  Side applies_side = Side::kUnknown;
  std::optional<Condition> where;
  std::optional<Condition> unless;
  Condition assertion;
  std::string property;      ///< the property findings are about
  std::string expected;      ///< template for {expected}, may be empty
  std::string message;
  std::string fix;
  RuleDocs docs;
  bool builtin = true;
};

/// The keys a rule file may have, in documentation order (the JSON Schema
/// in schema/rule.schema.json must list the same; a test keeps them equal).
const std::vector<std::string>& RuleFileKeys();
/// The condition operators (leaf keys besides `property`).
const std::vector<std::string>& ConditionOperators();

}  // namespace lint
