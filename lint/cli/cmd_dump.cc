// hybridlint dump: the snapshot as read.
#include <algorithm>
#include <sstream>

#include "lint/cli/command.h"
#include "lint/diag/render.h"
#include "lint/model/snapshot_dump.h"
#include "lint/rules/engine.h"
#include "lint/rules/rule_loader.h"
#include "lint/util/edit_distance.h"

namespace lint::cli {

int CmdDump(Context& ctx) {
  Parsed p = ParseArgs(std::span(ctx.args).subspan(1), WithLimitFlags({"format"}), {});
  if (!p.error.empty()) return Usage(ctx, p.error);
  LimitOverrides limits;
  if (std::string error = ParseLimitFlags(p, limits); !error.empty()) return Usage(ctx, error);
  if (p.positionals.empty()) return Usage(ctx, "dump needs a snapshot directory or export files");
  std::string format = p.Last("format", "text");
  if (format != "text" && format != "json") return Usage(ctx, "unknown --format '" + format + "' (expected text or json)");
  Snapshot snapshot;
  if (!ReadSnapshot(ctx, p.positionals, snapshot, limits.Apply({}))) return kExitUsage;
  ctx.out << (format == "json" ? DumpJson(snapshot).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n"
                                : DumpText(snapshot));
  return kExitOk;
}

}  // namespace lint::cli
