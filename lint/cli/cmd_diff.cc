// hybridlint diff OLD NEW: settings, findings and free/busy paths that
// changed between two snapshots.
#include <algorithm>

#include "lint/cli/command.h"
#include "lint/diff/diff_report.h"
#include "lint/rules/engine.h"
#include "lint/util/edit_distance.h"

namespace lint::cli {

int CmdDiff(Context& ctx) {
  Parsed p = ParseArgs(std::span(ctx.args).subspan(1),
                       WithLimitFlags({"format", "fail-on", "rules", "select", "ignore", "now"}), {});
  if (!p.error.empty()) return Usage(ctx, p.error);
  LimitOverrides limit_flags;
  if (std::string error = ParseLimitFlags(p, limit_flags); !error.empty()) return Usage(ctx, error);
  const Limits limits = limit_flags.Apply({});
  if (p.positionals.size() != 2) {
    return Usage(ctx, "diff needs two snapshots, OLD and NEW (directories or export files), found " +
                          std::to_string(p.positionals.size()));
  }
  std::string now = p.Last("now", ctx.today);
  if (!ValidDate(now)) return Usage(ctx, "--now expects a date YYYY-MM-DD, found '" + now + "'");
  std::string fail_on = p.Last("fail-on", "error");
  static const std::vector<std::string> kFailOn = {"error", "warning", "info", "never"};
  if (std::find(kFailOn.begin(), kFailOn.end(), fail_on) == kFailOn.end()) {
    return Usage(ctx, "--fail-on expects error, warning, info or never, found '" + fail_on + "'" + DidYouMean(fail_on, kFailOn));
  }
  std::vector<std::pair<std::string, std::string>> outputs;  // format, file
  static const std::vector<std::string> kFormats = {"text", "json", "markdown"};
  for (const std::string& f : p.All("format")) {
    auto [format, file] = SplitFormat(f);
    if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end()) {
      return Usage(ctx, "unknown --format '" + format + "' (expected text, json or markdown)" + DidYouMean(format, kFormats));
    }
    outputs.emplace_back(format, file);
  }
  if (outputs.empty()) outputs.emplace_back("text", "");

  std::vector<Rule> rules;
  if (!LoadAllRules(ctx, p.All("rules"), rules, limits)) return kExitUsage;
  std::vector<const Rule*> selected;
  if (!SelectRules(ctx, rules, p, selected)) return kExitUsage;
  // Both snapshots are read before giving up, so one run reports every
  // broken file of either.
  Snapshot old_snapshot, new_snapshot;
  bool old_ok = ReadSnapshot(ctx, {p.positionals[0]}, old_snapshot, limits);
  bool new_ok = ReadSnapshot(ctx, {p.positionals[1]}, new_snapshot, limits);
  if (!old_ok || !new_ok) return kExitUsage;
  for (const auto& [label, snapshot] : {std::pair<const char*, const Snapshot*>{"OLD", &old_snapshot},
                                        std::pair<const char*, const Snapshot*>{"NEW", &new_snapshot}}) {
    if (snapshot->inputs.empty()) {
      ctx.err << "hybridlint: " << label << " (" << (label[0] == 'O' ? p.positionals[0] : p.positionals[1])
              << ") holds no exports: expected a snapshot directory or export files\n";
      return kExitUsage;
    }
  }

  EngineOptions options{now};
  LintResult old_result = RunRules(selected, old_snapshot, options);
  LintResult new_result = RunRules(selected, new_snapshot, options);
  DiffReport report;
  report.old_label = p.positionals[0];
  report.new_label = p.positionals[1];
  report.old_snapshot = &old_snapshot;
  report.new_snapshot = &new_snapshot;
  report.old_result = &old_result;
  report.new_result = &new_result;
  report.changes = DiffSnapshots(old_snapshot, new_snapshot);
  report.findings = DiffFindings(old_result, new_result);
  report.fail_on = fail_on;
  if (fail_on != "never") {
    Severity threshold = fail_on == "error"     ? Severity::kError
                         : fail_on == "warning" ? Severity::kWarning
                                                : Severity::kInfo;
    report.fails = FailsGate(report.findings, threshold);
  }
  for (const auto& [format, file] : outputs) {
    std::string contents = format == "json"       ? RenderDiffJson(report).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n"
                           : format == "markdown" ? RenderDiffMarkdown(report)
                                                  : RenderDiffText(report);
    if (!Emit(ctx, file, contents)) return kExitUsage;
  }
  return report.fails ? kExitFindings : kExitOk;
}

}  // namespace lint::cli
