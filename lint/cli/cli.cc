#include "lint/cli/cli.h"

#include <string>
#include <vector>

#include "lint/cli/command.h"
#include "lint/util/edit_distance.h"

namespace lint::cli {

namespace {

int CmdHelp(Context& ctx);

struct Command {
  std::string_view name;
  std::string_view usage;
  std::string_view summary;
  int (*run)(Context&);
};

int CmdVersion(Context& ctx) {
  ctx.out << "hybridlint " << HYBRIDLINT_VERSION << "\n";
  return kExitOk;
}

// The only list of commands.
const Command kCommands[] = {
    {"lint", "lint PATH... | lint --each DIR [--jobs N] [--format text|json|sarif|junit|markdown|html[:FILE]]... [--fail-on error|warning|info|never] [--max-warnings N] [--rules DIR]... [--select IDS] [--ignore IDS] [--waivers FILE] [--baseline FILE] [--write-baseline FILE] [--config FILE] [--show-config] [--now YYYY-MM-DD] [LIMITS]",
     "check a snapshot against the hybrid baseline", CmdLint},
    {"rules", "rules [--format text|json] [--rules DIR]... [--max-rules N]", "list every rule", CmdRules},
    {"explain", "explain RULE", "print a rule's documentation", CmdExplain},
    {"diagnose", "diagnose \"ERROR TEXT\" [SNAPSHOT...] | diagnose --file LOG [SNAPSHOT...] [--format text|json[:FILE]] [--now YYYY-MM-DD] [LIMITS]",
     "which documented free/busy failure an error message is; with a snapshot, which of its causes the exports confirm or rule out", CmdDiagnose},
    {"diff", "diff OLD NEW [--format text|json|markdown[:FILE]]... [--fail-on error|warning|info|never] [--rules DIR]... [--select IDS] [--ignore IDS] [--now YYYY-MM-DD] [LIMITS]",
     "settings, findings and free/busy paths that changed between two snapshots", CmdDiff},
    {"dump", "dump PATH... [--format text|json] [LIMITS]", "print the snapshot as read (objects, properties, locations, warnings)", CmdDump},
    {"help", "help", "print this help", CmdHelp},
    {"version", "version", "print the version", CmdVersion},
};

int CmdHelp(Context& ctx) {
  ctx.out << "hybridlint: lint exported Exchange hybrid configuration (on-premises and Exchange Online)\n\nusage:\n";
  for (const Command& c : kCommands) ctx.out << "  hybridlint " << c.usage << "\n      " << c.summary << "\n";
  const Limits d;
  ctx.out << "\nLIMITS: --max-file-size SIZE (default " << ByteSizeValue(d.max_file_bytes) << ", diagnose's log "
          << "16MiB), --max-depth N (" << d.max_depth << "), --max-objects N per file (" << d.max_objects
          << "), --max-string-size SIZE (" << ByteSizeValue(d.max_string_bytes) << "), --max-rules N (" << d.max_rules
          << "); SIZE is bytes or 512MiB, 1GiB; input over a limit is exit 2\n";
  ctx.out << "\nexit codes: 0 no finding at or above --fail-on (default error), 1 such findings, "
             "2 usage error or unreadable input, rule or config\n";
  return kExitOk;
}

}  // namespace

int Run(std::span<const std::string_view> args, FileSystem& fs, std::ostream& out, std::ostream& err,
        std::string_view today) {
  Context ctx{std::vector<std::string_view>(args.begin(), args.end()), fs, out, err, std::string(today)};
  if (args.empty()) {
    CmdHelp(ctx);
    return kExitUsage;
  }
  std::string_view name = args.front();
  if (name == "--version" || name == "-V") return CmdVersion(ctx);
  if (name == "--help" || name == "-h") return CmdHelp(ctx);
  for (const Command& c : kCommands) {
    if (c.name == name) return c.run(ctx);
  }
  std::vector<std::string> names;
  for (const Command& c : kCommands) names.emplace_back(c.name);
  return Usage(ctx, "unknown command '" + std::string(name) + "'" + DidYouMean(name, names));
}

}  // namespace lint::cli
