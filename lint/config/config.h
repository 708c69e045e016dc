#pragma once

// The user's settings for `hybridlint lint`: the .hybridlint.yaml file, its
// discovery, the precedence command line > config file > defaults with the
// origin of every value (--show-config), and the gate that turns findings
// into an exit status.
//
//   Settings settings = DefaultSettings(today);
//   if (auto path = FindConfigFile(first_path, cwd, fs)) {
//     const SourceFile* file = ReadSettingsFile(*path, fs, sources, "LINT-CONFIG", sink);
//     if (file) ParseConfig(*file, rules, settings, sink);   // errors: exit 2
//   }
//   ApplyCommandLine(command_line, settings);
//   Gate gate = EvaluateGate(result.findings, settings);

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lint/diag/diagnostic.h"
#include "lint/rules/engine.h"
#include "lint/rules/rule.h"
#include "lint/source/file_system.h"
#include "lint/source/source_file.h"
#include "lint/util/limits.h"

namespace lint {

/// The name of the configuration file that discovery looks for.
inline constexpr std::string_view kConfigFileName = ".hybridlint.yaml";

/// Where one effective setting came from.
struct Origin {
  enum class Kind { kDefault, kConfig, kCommandLine };
  Kind kind = Kind::kDefault;
  /// kConfig: "path:line:col" of the value; kCommandLine: the flag ("--fail-on").
  std::string where;

  /// "default", "examples/contoso/.hybridlint.yaml:3:10", "command line --fail-on".
  std::string Describe() const;
};

/// A value with its origin.
template <class T>
struct Setting {
  T value{};
  Origin origin;
};

/// The limits (lint/util/limits.h) with their origins. max_rules comes
/// from the command line only: rules are read before the config file.
struct LimitSettings {
  Setting<size_t> max_file_bytes;    ///< limits.max_file_size, --max-file-size
  Setting<size_t> max_depth;         ///< limits.max_depth, --max-depth
  Setting<size_t> max_objects;       ///< limits.max_objects, --max-objects
  Setting<size_t> max_string_bytes;  ///< limits.max_string_size, --max-string-size
  Setting<size_t> max_rules;         ///< --max-rules

  Limits Effective() const;
};

/// Every setting of one `lint` run after defaults, the config file and the
/// command line were merged. Paths (waivers, baseline) are as the file
/// system takes them: relative to the working directory, or absolute.
struct Settings {
  Setting<std::vector<std::string>> select;  ///< rule ids, prefixes or names; empty: every rule
  Setting<std::vector<std::string>> ignore;
  /// Severity overrides, rule id -> severity, sorted by rule id.
  std::vector<std::pair<std::string, Setting<Severity>>> severity;
  Setting<std::string> fail_on;                    ///< error | warning | info | never
  Setting<std::optional<int64_t>> max_warnings;    ///< nullopt: no limit
  Setting<std::string> waivers;                    ///< empty: no waiver file
  Setting<std::string> baseline;                   ///< empty: no baseline
  /// The organization's facts for when the exports do not tell them; empty:
  /// derived from snapshot.yaml and the exports as usual.
  Setting<std::vector<std::string>> onprem_domains;
  Setting<std::string> tenant;                     ///< tenant name or routing domain
  Setting<std::string> cloud_instance;             ///< a cloud of checks/clouds.yaml
  Setting<std::string> now;                        ///< YYYY-MM-DD
  LimitSettings limits;
  std::string config_path;  ///< the config file read ("" none)
  std::string config_how;   ///< "--config", "found by walking up from examples/contoso"
};

/// The defaults: every rule, fail on error, no limit on warnings, no
/// waivers or baseline, facts from the exports, `today` as the date.
Settings DefaultSettings(const std::string& today);

/// What the command line said; unset members leave the setting alone.
struct CommandLineSettings {
  std::optional<std::vector<std::string>> select;  ///< --select (comma lists already split)
  std::optional<std::vector<std::string>> ignore;
  std::optional<std::string> fail_on;
  std::optional<int64_t> max_warnings;
  std::optional<std::string> waivers;
  std::optional<std::string> baseline;
  std::optional<std::string> now;
  LimitOverrides limits;
};

/// Overlays the command line on `settings`: a flag replaces the config
/// file's value whole (a --select replaces the file's select list; it does
/// not extend it).
void ApplyCommandLine(const CommandLineSettings& command_line, Settings& settings);

/// Reads `path` through `fs`, decodes it (UTF-8 with or without BOM,
/// UTF-16 with BOM) and adds it to `sources`, so diagnostics can point into
/// it. On failure adds an error with `code` ("LINT-CONFIG", "LINT-WAIVER",
/// "LINT-BASELINE") naming the path to `sink` and returns nullptr.
const SourceFile* ReadSettingsFile(const std::string& path, FileSystem& fs, SourceSet& sources,
                                   const std::string& code, DiagnosticSink& sink,
                                   size_t max_bytes = Limits{}.max_file_bytes);

/// Discovery: looks for .hybridlint.yaml in `start` (a snapshot directory,
/// or the directory of an export file) and then in each parent directory,
/// stopping after the first directory that holds `.git` (the repository
/// root) or at the file system root. `cwd` is the absolute working
/// directory, used to walk above a relative `start`. Returns the path as the
/// file system takes it (relative to `cwd` when `start` is relative), or
/// nullopt when there is none.
std::optional<std::string> FindConfigFile(const std::string& start, const std::string& cwd, FileSystem& fs);

/// Parses a .hybridlint.yaml and writes each value it sets into `settings`
/// with its origin (config file:line:col). Keys: select, ignore, severity,
/// fail_on, max_warnings, waivers, baseline, organization {onprem_domains,
/// tenant, cloud_instance}, limits {max_file_size, max_depth, max_objects,
/// max_string_size} (schema/config.schema.json). waivers and baseline
/// are relative to the config file's directory. Every problem (invalid
/// YAML, unknown keys with a did-you-mean, unknown rule ids, bad values) is
/// a LINT-CONFIG error in `sink` with its position; returns false then.
bool ParseConfig(const SourceFile& file, std::span<const Rule> rules, Settings& settings, DiagnosticSink& sink);

/// The keys a config file may have (top level, then organization); the JSON
/// Schema must list the same (a test keeps them equal).
const std::vector<std::string>& ConfigFileKeys();
const std::vector<std::string>& ConfigOrganizationKeys();
const std::vector<std::string>& ConfigLimitsKeys();

/// The cloud instances of checks/clouds.yaml ("worldwide", "gcchigh", ...).
const std::vector<std::string>& CloudInstanceNames();

/// The tenant routing domain for `tenant` (a bare name or a routing
/// domain) in `cloud` (empty: worldwide): "contoso" -> "contoso.mail.onmicrosoft.com".
std::string TenantRoutingDomain(const std::string& tenant, const std::string& cloud);

/// --show-config: every effective setting as YAML, each followed by a
/// comment saying where it came from.
std::string RenderSettings(const Settings& settings);

/// Applies the severity overrides to the loaded rules (before they run, so
/// findings, reports and the gate all see the overridden severity; a
/// finding on a free/busy path the organization does not use stays info).
void ApplySeverityOverrides(const Settings& settings, std::vector<Rule>& rules);

/// The gate's verdict.
struct Gate {
  bool fail = false;
  size_t failing = 0;   ///< findings at or above fail_on, neither waived nor baselined
  size_t warnings = 0;  ///< warnings, neither waived nor baselined
  std::string message;  ///< why it fails because of max_warnings ("" otherwise)
};

/// Fails when a finding that is neither waived nor baselined has a severity
/// at or above fail_on, or when such warnings outnumber max_warnings.
/// fail_on `never` never fails (max_warnings included).
Gate EvaluateGate(const std::vector<Finding>& findings, const std::string& fail_on,
                  std::optional<int64_t> max_warnings);

}  // namespace lint
