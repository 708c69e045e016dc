#pragma once

#include <string>
#include <vector>

#include "lint/diag/diagnostic.h"
#include "lint/rules/rule.h"
#include "lint/source/file_system.h"
#include "lint/util/limits.h"

namespace lint {

/// One rule file's text.
struct RuleSource {
  std::string path;      ///< "checks/orgrel/cloud-target-application-uri.yaml"
  std::string contents;
  bool builtin = false;
};

/// Parses and validates rule files: unknown keys (with a did-you-mean),
/// bad ids, unknown kinds or properties (checked against schema/model),
/// RE2 patterns that do not compile, malformed references, unknown facts,
/// missing docs, duplicate ids. Every problem is a LINT-RULE error in
/// `sink` with file:line:col; broken rules are left out of the result.
std::vector<Rule> LoadRules(const std::vector<RuleSource>& sources, DiagnosticSink& sink);
/// The same, after rules already loaded (the built-in pack): `sources` may
/// not reuse their ids. The result holds both, sorted by id.
std::vector<Rule> LoadRules(std::vector<Rule> loaded, const std::vector<RuleSource>& sources,
                            DiagnosticSink& sink);

/// The rule files embedded in the binary (checks/**.yaml, not clouds.yaml).
std::vector<RuleSource> BuiltinRuleSources();

/// A rule file larger than this is an error (a rule is a few KiB).
inline constexpr size_t kMaxRuleFileBytes = size_t{4} << 20;

/// Every *.yaml below `dir` (for --rules DIR). `rule_files` counts the rule
/// files of every directory read so far: when it would pass
/// limits.max_rules, nothing of `dir` is read and a LINT-RULE error says so
/// ("more than 10000 rule files; the limit is 10000 (raise it with
/// --max-rules)"). Each file is read up to limits.max_file_bytes and then
/// refused above kMaxRuleFileBytes.
std::vector<RuleSource> RuleSourcesFromDirectory(const std::string& dir, FileSystem& fs, DiagnosticSink& sink,
                                                 const Limits& limits = {});
std::vector<RuleSource> RuleSourcesFromDirectory(const std::string& dir, FileSystem& fs, DiagnosticSink& sink,
                                                 const Limits& limits, size_t& rule_files);

/// The fact names rules may use besides `cloud.<key>`.
const std::vector<std::string>& KnownFacts();

}  // namespace lint
