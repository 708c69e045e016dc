#pragma once

// `hybridlint lint --each DIR [--jobs N]`: the command-line side of batch
// mode (lint/batch/ holds the logic). cmd_lint.cc calls TakeEachFlags
// before it parses its own flags, then CmdLintEach once the flags are
// checked and the rules loaded.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lint/cli/command.h"
#include "lint/config/baseline.h"
#include "lint/config/config.h"
#include "lint/config/waivers.h"
#include "lint/diag/renderer.h"

namespace lint::cli {

/// --each DIR and --jobs N, taken out of the arguments.
struct EachFlags {
  bool given = false;       ///< --each was given
  std::string dir;
  bool jobs_given = false;  ///< --jobs was given
  std::string jobs;         ///< its value as given
  std::string error;        ///< a usage error in these two flags
};

/// Removes every --each/--jobs (and their values; --flag V or --flag=V)
/// from `args` (args[0] is the command name; nothing after "--" is
/// touched) and returns them.
EachFlags TakeEachFlags(std::vector<std::string_view>& args);

/// The usage error of --each with the other flags of lint ("" when none):
/// --jobs without --each, --each with PATHs, --write-baseline or
/// --show-config, a --jobs that is not a whole number >= 1.
std::string EachUsageError(const EachFlags& each, const Parsed& p);

/// Lints every organization under each.dir and writes the combined
/// reports to `outputs` (format, file; "" = stdout). `rules` are shared,
/// read-only, by every worker. Exit code: 2 when an organization could not
/// be read (after every other one ran), else 1 when one fails its gate,
/// else 0.
int CmdLintEach(Context& ctx, const Parsed& p, const EachFlags& each, const std::vector<Rule>& rules,
                const std::vector<std::pair<const RendererInfo*, std::string>>& outputs);

// The steps of the single-organization lint (cmd_lint.cc) batch mode
// reuses, once per organization.

/// Defaults, then --config FILE or the .hybridlint.yaml found by walking up
/// from the first PATH, then the command line. Prints problems; false: exit 2.
bool LoadSettings(Context& ctx, const Parsed& p, const std::vector<Rule>& rules, Settings& settings);
/// Facts the config gives override snapshot.yaml.
void ApplyOrganization(const Settings& settings, Snapshot& snapshot);
/// Names the config as the source of the facts it gave.
void NameOrganizationSources(const Settings& settings, LintResult& result);
/// Reads the waiver file and the baseline into the snapshot's sources.
/// Prints problems; false: exit 2.
bool LoadWaiversAndBaseline(Context& ctx, const Settings& settings, const std::vector<Rule>& rules, Snapshot& snapshot,
                            std::vector<Waiver>& waivers, std::optional<Baseline>& baseline);

}  // namespace lint::cli
