// hybridlint lint: check a snapshot against the rules.
#include <algorithm>
#include <sstream>

#include "lint/cli/command.h"
#include "lint/diag/render.h"
#include "lint/diag/renderer.h"
#include "lint/model/snapshot_dump.h"
#include "lint/rules/engine.h"
#include "lint/rules/rule_loader.h"
#include "lint/util/edit_distance.h"
// Settings, waivers, baseline and the gate (issue 4).
#include <filesystem>

#include "lint/config/baseline.h"
#include "lint/config/config.h"
#include "lint/config/waivers.h"
// Batch mode: --each DIR (issue 6).
#include "lint/cli/lint_each.h"

namespace lint::cli {

namespace {

// Comma-separated values of a repeatable flag, or nullopt when not given.
std::optional<std::vector<std::string>> SplitFlag(const Parsed& p, const std::string& name) {
  if (!p.Has(name)) return std::nullopt;
  std::vector<std::string> items;
  for (const std::string& value : p.All(name)) {
    std::stringstream ss(value);
    std::string item;
    while (std::getline(ss, item, ',')) {
      if (!item.empty()) items.push_back(item);
    }
  }
  return items;
}

}  // namespace

// Defaults, then --config FILE or the .hybridlint.yaml found by walking up
// from the first PATH, then the command line. Prints problems; false: exit 2.
bool LoadSettings(Context& ctx, const Parsed& p, const std::vector<Rule>& rules, Settings& settings) {
  settings = DefaultSettings(ctx.today);
  CommandLineSettings cl;
  ParseLimitFlags(p, cl.limits);  // checked by CmdLint
  std::string config = p.Last("config");
  std::string start = p.positionals.empty() ? "." : p.positionals.front();
  if (config.empty()) {
    std::error_code ec;
    std::string cwd = std::filesystem::current_path(ec).generic_string();
    if (!ctx.fs.IsDirectory(start)) {
      start = std::filesystem::path(start).parent_path().generic_string();
      if (start.empty()) start = ".";
    }
    if (auto found = FindConfigFile(start, cwd, ctx.fs)) config = *found;
    settings.config_how = config.empty() ? "no .hybridlint.yaml in " + start + " or above it"
                                         : "found by walking up from " + start;
  } else {
    settings.config_how = "--config";
  }
  if (!config.empty()) {
    SourceSet sources;
    DiagnosticSink sink;
    const SourceFile* file =
        ReadSettingsFile(config, ctx.fs, sources, "LINT-CONFIG", sink, cl.limits.Apply({}).max_file_bytes);
    if (file) ParseConfig(*file, rules, settings, sink);
    if (!sink.diagnostics().empty()) ctx.err << RenderDiagnostics(sink.diagnostics(), &sources);
    if (sink.has_errors()) return false;
  }
  cl.select = SplitFlag(p, "select");
  cl.ignore = SplitFlag(p, "ignore");
  if (p.Has("fail-on")) cl.fail_on = p.Last("fail-on");
  if (p.Has("max-warnings")) cl.max_warnings = std::stoll(p.Last("max-warnings"));
  if (p.Has("waivers")) cl.waivers = p.Last("waivers");
  if (p.Has("baseline")) cl.baseline = p.Last("baseline");
  if (p.Has("now")) cl.now = p.Last("now");
  ApplyCommandLine(cl, settings);
  return true;
}

// Facts the config gives override snapshot.yaml (DeriveFacts reads the
// manifest; the cloud's reason is corrected after the run).
void ApplyOrganization(const Settings& settings, Snapshot& snapshot) {
  Manifest& m = snapshot.manifest;
  if (!settings.onprem_domains.value.empty()) m.onprem_domains = settings.onprem_domains.value;
  if (!settings.cloud_instance.value.empty()) m.cloud_instance = settings.cloud_instance.value;
  if (!settings.tenant.value.empty()) m.tenant = TenantRoutingDomain(settings.tenant.value, m.cloud_instance);
}

void NameOrganizationSources(const Settings& settings, LintResult& result) {
  auto where = [](const Setting<std::string>& s) { return "set in " + s.origin.where; };
  if (!settings.cloud_instance.value.empty()) {
    result.facts.cloud_instance_reason = where(settings.cloud_instance);
    if (auto it = result.facts.facts.find("cloud_instance"); it != result.facts.facts.end()) {
      it->second.source = result.facts.cloud_instance_reason;
    }
  }
  for (auto& [name, fact] : result.facts.facts) {
    if (fact.source == "snapshot.yaml onprem_domains" && !settings.onprem_domains.value.empty()) {
      fact.source = settings.onprem_domains.origin.where + " onprem_domains";
    }
    if (fact.source == "snapshot.yaml tenant" && !settings.tenant.value.empty()) {
      fact.source = settings.tenant.origin.where + " tenant";
    }
  }
}

// Reads the waiver file and the baseline into the snapshot's sources (so
// reports can point into them). Prints problems; false: exit 2.
bool LoadWaiversAndBaseline(Context& ctx, const Settings& settings, const std::vector<Rule>& rules, Snapshot& snapshot,
                            std::vector<Waiver>& waivers, std::optional<Baseline>& baseline) {
  DiagnosticSink sink;
  if (!settings.waivers.value.empty()) {
    const SourceFile* file = ReadSettingsFile(settings.waivers.value, ctx.fs, snapshot.sources, "LINT-WAIVER", sink,
                                              settings.limits.max_file_bytes.value);
    if (file) waivers = ParseWaivers(*file, rules, sink);
  }
  if (!settings.baseline.value.empty()) {
    const SourceFile* file = ReadSettingsFile(settings.baseline.value, ctx.fs, snapshot.sources, "LINT-BASELINE", sink,
                                              settings.limits.max_file_bytes.value);
    if (file) {
      baseline.emplace();
      ParseBaseline(*file, *baseline, sink);
    }
  }
  if (!sink.diagnostics().empty()) ctx.err << RenderDiagnostics(sink.diagnostics(), &snapshot.sources);
  return !sink.has_errors();
}

int CmdLint(Context& ctx) {
  EachFlags each = TakeEachFlags(ctx.args);
  Parsed p = ParseArgs(std::span(ctx.args).subspan(1), WithLimitFlags({"format", "fail-on", "rules", "select", "ignore", "now",
                       "waivers", "baseline", "write-baseline", "config", "max-warnings"}), {"show-config"});
  if (!p.error.empty()) return Usage(ctx, p.error);
  LimitOverrides limit_flags;
  if (std::string error = ParseLimitFlags(p, limit_flags); !error.empty()) return Usage(ctx, error);
  if (std::string e = EachUsageError(each, p); !e.empty()) return Usage(ctx, e);
  if (p.positionals.empty() && !p.Has("show-config") && !each.given) return Usage(ctx, "lint needs a snapshot directory or export files");
  if (std::string m = p.Last("max-warnings"); p.Has("max-warnings") &&
      (m.empty() || m.size() > 9 || !std::all_of(m.begin(), m.end(), [](char c) { return c >= '0' && c <= '9'; }))) {
    return Usage(ctx, "--max-warnings expects a whole number 0 or more, found '" + m + "'");
  }
  if (p.Has("write-baseline") && p.Last("write-baseline").empty()) return Usage(ctx, "--write-baseline needs a file name");
  std::string now = p.Last("now", ctx.today);
  if (!ValidDate(now)) return Usage(ctx, "--now expects a date YYYY-MM-DD, found '" + now + "'");
  std::string fail_on = p.Last("fail-on", "error");
  static const std::vector<std::string> kFailOn = {"error", "warning", "info", "never"};
  if (std::find(kFailOn.begin(), kFailOn.end(), fail_on) == kFailOn.end()) {
    return Usage(ctx, "--fail-on expects error, warning, info or never, found '" + fail_on + "'" + DidYouMean(fail_on, kFailOn));
  }
  std::vector<std::pair<const RendererInfo*, std::string>> outputs;  // format, file ("" = stdout)
  const std::vector<std::string> formats = RendererNames();
  for (const std::string& f : p.All("format")) {
    auto [format, file] = SplitFormat(f);
    const RendererInfo* renderer = FindRenderer(format);
    if (!renderer) {
      std::string all;
      for (const std::string& n : formats) all += (all.empty() ? "" : ", ") + n;
      return Usage(ctx, "unknown --format '" + format + "' (expected " + all + ")" + DidYouMean(format, formats));
    }
    if (f.find(':') != std::string::npos && file.empty()) return Usage(ctx, "--format " + format + ": needs a file name after ':'");
    for (const auto& [other, other_file] : outputs) {
      if (other_file == file) {
        return Usage(ctx, file.empty() ? "only one --format can write to standard output; give the others a file (--format " +
                                             format + ":FILE)"
                                       : "two --format options write to '" + file + "'");
      }
    }
    outputs.emplace_back(renderer, file);
  }
  if (outputs.empty()) outputs.emplace_back(FindRenderer("text"), "");

  std::vector<Rule> rules;
  if (!LoadAllRules(ctx, p.All("rules"), rules, limit_flags.Apply({}))) return kExitUsage;
  if (each.given) return CmdLintEach(ctx, p, each, rules, outputs);
  Settings settings;
  if (!LoadSettings(ctx, p, rules, settings)) return kExitUsage;
  if (p.Has("show-config")) {
    ctx.out << RenderSettings(settings);
    return kExitOk;
  }
  fail_on = settings.fail_on.value;
  ApplySeverityOverrides(settings, rules);
  Parsed selection;  // the effective --select/--ignore (command line, else config)
  for (const std::string& id : settings.select.value) selection.flags.emplace_back("select", id);
  for (const std::string& id : settings.ignore.value) selection.flags.emplace_back("ignore", id);
  std::vector<const Rule*> selected;
  if (!SelectRules(ctx, rules, selection, selected)) return kExitUsage;
  Snapshot snapshot;
  bool snapshot_ok = ReadSnapshot(ctx, p.positionals, snapshot, settings.limits.Effective());
  std::vector<Waiver> waivers;
  std::optional<Baseline> baseline;
  // Every input error is reported before exiting 2, whatever the flags.
  bool settings_ok = LoadWaiversAndBaseline(ctx, settings, rules, snapshot, waivers, baseline);
  if (!snapshot_ok || !settings_ok) return kExitUsage;
  ApplyOrganization(settings, snapshot);

  LintResult result = RunRules(selected, snapshot, EngineOptions{now});
  NameOrganizationSources(settings, result);
  ApplyWaivers(waivers, now, selected, result);
  if (baseline) ApplyBaseline(*baseline, selected, result);
  if (std::string target = p.Last("write-baseline"); !target.empty()) {
    std::vector<BaselineEntry> entries = BaselineEntries(result, baseline ? &*baseline : nullptr, selected);
    if (!Emit(ctx, target, SerializeBaseline(entries))) return kExitUsage;
    // The findings just recorded are in the baseline now.
    MarkBaselined(entries, result);
    ctx.err << "hybridlint: wrote " << entries.size() << " finding(s) to the baseline " << target << "\n";
  }
  ReportInput report{result, snapshot, selected, now, HYBRIDLINT_VERSION};
  for (const auto& [renderer, file] : outputs) {
    if (!Emit(ctx, file, renderer->render(report))) return kExitUsage;
  }
  // Waived and baselined findings never fail the gate.
  Gate gate = EvaluateGate(result.findings, fail_on, settings.max_warnings.value);
  if (!gate.message.empty()) ctx.err << "hybridlint: " << gate.message << "\n";
  return gate.fail ? kExitFindings : kExitOk;
}

}  // namespace lint::cli
