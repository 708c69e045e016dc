// hybridlint lint: check a snapshot against the rules.
#include <algorithm>
#include <sstream>

#include "lint/cli/command.h"
#include "lint/diag/render.h"
#include "lint/model/snapshot_dump.h"
#include "lint/rules/engine.h"
#include "lint/rules/rule_loader.h"
#include "lint/util/edit_distance.h"

namespace lint::cli {

int CmdLint(Context& ctx) {
  Parsed p = ParseArgs(std::span(ctx.args).subspan(1), {"format", "fail-on", "rules", "select", "ignore", "now"}, {});
  if (!p.error.empty()) return Usage(ctx, p.error);
  if (p.positionals.empty()) return Usage(ctx, "lint needs a snapshot directory or export files");
  std::string now = p.Last("now", ctx.today);
  if (!ValidDate(now)) return Usage(ctx, "--now expects a date YYYY-MM-DD, found '" + now + "'");
  std::string fail_on = p.Last("fail-on", "error");
  static const std::vector<std::string> kFailOn = {"error", "warning", "info", "never"};
  if (std::find(kFailOn.begin(), kFailOn.end(), fail_on) == kFailOn.end()) {
    return Usage(ctx, "--fail-on expects error, warning, info or never, found '" + fail_on + "'" + DidYouMean(fail_on, kFailOn));
  }
  std::vector<std::pair<std::string, std::string>> outputs;  // format, file
  static const std::vector<std::string> kFormats = {"text", "json"};
  for (const std::string& f : p.All("format")) {
    std::string format = f, file;
    if (auto colon = f.find(':'); colon != std::string::npos) {
      format = f.substr(0, colon);
      file = f.substr(colon + 1);
    }
    if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end()) {
      return Usage(ctx, "unknown --format '" + format + "' (expected text or json)" + DidYouMean(format, kFormats));
    }
    outputs.emplace_back(format, file);
  }
  if (outputs.empty()) outputs.emplace_back("text", "");

  std::vector<Rule> rules;
  if (!LoadAllRules(ctx, p.All("rules"), rules)) return kExitUsage;
  std::vector<const Rule*> selected;
  if (!SelectRules(ctx, rules, p, selected)) return kExitUsage;
  Snapshot snapshot;
  if (!ReadSnapshot(ctx, p.positionals, snapshot)) return kExitUsage;

  LintResult result = RunRules(selected, snapshot, EngineOptions{now});
  for (const auto& [format, file] : outputs) {
    std::string contents = format == "json" ? RenderJson(result, snapshot).dump(2) + "\n"
                                            : RenderText(result, snapshot, TextOptions{});
    if (!Emit(ctx, file, contents)) return kExitUsage;
  }
  if (fail_on == "never") return kExitOk;
  Severity threshold = fail_on == "error" ? Severity::kError : fail_on == "warning" ? Severity::kWarning : Severity::kInfo;
  bool fail = std::any_of(result.findings.begin(), result.findings.end(),
                          [&](const Finding& f) { return f.severity >= threshold; });
  return fail ? kExitFindings : kExitOk;
}

}  // namespace lint::cli
