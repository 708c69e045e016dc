#pragma once

#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lint/model/snapshot.h"
#include "lint/rules/rule.h"
#include "lint/source/file_system.h"
#include "lint/util/limits.h"

/// Shared plumbing of the commands. Each command lives in cmd_<name>.cc and
/// has one row in kCommands (cli.cc); only lint/cli/ reads flags.
namespace lint::cli {

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

/// What a command gets: its arguments (args[0] is the command name), the
/// file system and the streams.
struct Context {
  std::vector<std::string_view> args;
  FileSystem& fs;
  std::ostream& out;
  std::ostream& err;
  std::string today;  ///< YYYY-MM-DD
};

/// A parsed command line: flags with values, switches, positionals.
struct Parsed {
  std::vector<std::string> positionals;
  std::vector<std::pair<std::string, std::string>> flags;  ///< name (no dashes), value
  std::string error;  ///< non-empty: the usage error

  std::vector<std::string> All(const std::string& name) const;
  std::string Last(const std::string& name, std::string fallback = "") const;
  bool Has(const std::string& name) const { return !All(name).empty(); }
};

/// `value_flags` take a value (--flag V or --flag=V); `switches` do not.
/// Unknown flags are an error with a did-you-mean.
Parsed ParseArgs(std::span<const std::string_view> args, const std::vector<std::string>& value_flags,
                 const std::vector<std::string>& switches);

/// True for a valid YYYY-MM-DD.
bool ValidDate(const std::string& s);

/// Prints "hybridlint: message" and the usage hint; returns kExitUsage.
int Usage(Context& ctx, const std::string& message);

/// The limit flags (--max-file-size SIZE, --max-depth N, --max-objects N,
/// --max-string-size SIZE, --max-rules N) added to a command's value flags.
std::vector<std::string> WithLimitFlags(std::vector<std::string> value_flags);

/// Reads the limit flags of `p` into `out`; "" or the usage error
/// ("--max-depth expects a whole number from 1 to 1000, found 'x'").
std::string ParseLimitFlags(const Parsed& p, LimitOverrides& out);

/// Loads the built-in rules plus --rules DIRs (at most limits.max_rules
/// rule files); prints problems; false on error (the caller exits 2).
bool LoadAllRules(Context& ctx, const std::vector<std::string>& dirs, std::vector<Rule>& rules,
                  const Limits& limits = {});

/// --select/--ignore: comma-separated rule ids, id prefixes or names.
bool SelectRules(Context& ctx, const std::vector<Rule>& rules, const Parsed& p,
                 std::vector<const Rule*>& selected);

/// Reads a snapshot within `limits`; prints import problems; false on an
/// input error.
bool ReadSnapshot(Context& ctx, const std::vector<std::string>& paths, Snapshot& snapshot,
                  const Limits& limits = {});

/// Writes `contents` to stdout (empty target) or whole to the file.
bool Emit(Context& ctx, const std::string& target, const std::string& contents);

/// "format[:FILE]" split into its parts.
std::pair<std::string, std::string> SplitFormat(const std::string& value);

// The commands (cmd_*.cc).
int CmdLint(Context& ctx);
int CmdDump(Context& ctx);
int CmdRules(Context& ctx);
int CmdExplain(Context& ctx);
int CmdDiagnose(Context& ctx);
int CmdDiff(Context& ctx);

}  // namespace lint::cli
