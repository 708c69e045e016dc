// hybridlint lint --each DIR: every organization under DIR in one run.
#include "lint/cli/lint_each.h"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <sstream>
#include <thread>

#include "lint/batch/batch.h"
#include "lint/diag/render.h"
#include "lint/rules/engine.h"

namespace lint::cli {

EachFlags TakeEachFlags(std::vector<std::string_view>& args) {
  EachFlags each;
  std::vector<std::string_view> kept;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--") {
      kept.insert(kept.end(), args.begin() + i, args.end());
      break;
    }
    std::string_view name;
    for (std::string_view flag : {"--each", "--jobs"}) {
      if (arg == flag || (arg.starts_with(flag) && arg.size() > flag.size() && arg[flag.size()] == '=')) name = flag;
    }
    if (i == 0 || name.empty()) {
      kept.push_back(arg);
      continue;
    }
    std::string value;
    if (arg.size() > name.size()) {
      value = std::string(arg.substr(name.size() + 1));
    } else if (i + 1 < args.size()) {
      value = std::string(args[++i]);
    } else if (each.error.empty()) {
      each.error = std::string(name) + " needs a value";
    }
    if (name == "--each") {
      if (each.given && each.error.empty()) each.error = "--each can be given once";
      each.given = true;
      each.dir = value;
    } else {
      each.jobs_given = true;
      each.jobs = value;
    }
  }
  args = std::move(kept);
  if (each.given && each.dir.empty() && each.error.empty()) each.error = "--each needs a directory";
  return each;
}

std::string EachUsageError(const EachFlags& each, const Parsed& p) {
  if (!each.error.empty()) return each.error;
  if (each.jobs_given && !each.given) return "--jobs is for --each DIR (many organizations in one run)";
  if (!each.given) return "";
  const std::string& j = each.jobs;
  if (each.jobs_given && (j.empty() || j.size() > 4 || !std::all_of(j.begin(), j.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
                     std::stoi(j) < 1)) {
    return "--jobs expects a whole number 1 or more (up to 9999), found '" + j + "'";
  }
  if (!p.positionals.empty()) {
    return "--each DIR lints every snapshot directory under DIR; give either --each or snapshot PATHs, not both";
  }
  if (p.Has("write-baseline")) {
    return "--write-baseline records one organization's findings; it cannot be used with --each (run lint on that "
           "organization's directory)";
  }
  if (p.Has("show-config")) {
    return "--show-config shows one organization's settings; give its directory instead of --each";
  }
  return "";
}

namespace {

// One organization, as `hybridlint lint SUBDIR` with the same flags would
// read and lint it. Runs on a worker thread: everything it touches is its
// own, except `rules` (read only) and the file system (stateless).
batch::OrgReport LintOne(Context& parent, const Parsed& p, const std::vector<Rule>& shared_rules,
                         const std::vector<std::string>& formats, const std::string& dir,
                         const batch::Organization& org) {
  batch::OrgReport report;
  report.org = org;
  std::ostringstream out, err;
  Context ctx{{}, parent.fs, out, err, parent.today};
  Parsed own = p;
  own.positionals = {org.path};
  auto broken = [&] {
    report.diagnostics = err.str();
    report.errors = batch::ErrorLines(report.diagnostics);
    if (report.errors.empty()) report.errors.push_back(org.path + ": could not be read");
    return report;
  };
  Settings settings;
  if (!LoadSettings(ctx, own, shared_rules, settings)) return broken();
  // Severity overrides of this organization's config change its own copy
  // of the rules; the shared ones stay read-only.
  std::vector<Rule> own_rules;
  const std::vector<Rule>* rules = &shared_rules;
  if (!settings.severity.empty()) {
    own_rules = shared_rules;
    ApplySeverityOverrides(settings, own_rules);
    rules = &own_rules;
  }
  Parsed selection;
  for (const std::string& id : settings.select.value) selection.flags.emplace_back("select", id);
  for (const std::string& id : settings.ignore.value) selection.flags.emplace_back("ignore", id);
  std::vector<const Rule*> selected;
  if (!SelectRules(ctx, *rules, selection, selected)) return broken();
  std::string now = p.Last("now", ctx.today);
  {
    // The snapshot lives only in this block: the report keeps fragments.
    Snapshot snapshot;
    bool snapshot_ok = ReadSnapshot(ctx, own.positionals, snapshot, settings.limits.Effective());
    if (snapshot_ok && snapshot.inputs.empty()) {
      // In a batch, an organization's directory without exports is a
      // mistake (a failed collection), never a clean organization.
      Diagnostic none;
      none.code = "LINT-IMPORT";
      none.path = org.path;
      none.message = "no export in this organization's directory";
      none.help = "export the organization's configuration into it (examples/collect/), or remove the directory";
      err << RenderDiagnostics({none}, &snapshot.sources);
      snapshot_ok = false;
    }
    std::vector<Waiver> waivers;
    std::optional<Baseline> baseline;
    bool settings_ok = LoadWaiversAndBaseline(ctx, settings, *rules, snapshot, waivers, baseline);
    if (!snapshot_ok || !settings_ok) return broken();
    ApplyOrganization(settings, snapshot);
    LintResult result = RunRules(selected, snapshot, EngineOptions{now});
    NameOrganizationSources(settings, result);
    ApplyWaivers(waivers, now, selected, result);
    if (baseline) ApplyBaseline(*baseline, selected, result);
    ReportInput input{result, snapshot, selected, now, HYBRIDLINT_VERSION};
    batch::AddFragments(input, formats, dir, report);
    Gate gate = EvaluateGate(result.findings, settings.fail_on.value, settings.max_warnings.value);
    report.gate_fail = gate.fail;
    if (gate.fail) {
      report.gate_reason = !gate.message.empty() ? gate.message
                                                 : std::to_string(gate.failing) + " finding(s) at or above --fail-on " +
                                                       settings.fail_on.value;
    }
  }
  report.ok = true;
  report.diagnostics = err.str();
  return report;
}

}  // namespace

int CmdLintEach(Context& ctx, const Parsed& p, const EachFlags& each, const std::vector<Rule>& rules,
                const std::vector<std::pair<const RendererInfo*, std::string>>& outputs) {
  auto orgs = batch::DiscoverOrganizations(each.dir, ctx.fs);
  if (!orgs) {
    ctx.err << "hybridlint: " << orgs.error() << "\n";
    return kExitUsage;
  }
  size_t jobs = !each.jobs_given ? std::max(1u, std::thread::hardware_concurrency()) : std::stoul(each.jobs);
  std::vector<std::string> formats;
  for (const auto& [renderer, file] : outputs) formats.emplace_back(renderer->name);
  std::string dir = each.dir;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();

  // The bar only when stderr is the terminal (never in tests or CI logs).
  bool terminal = &ctx.err == &std::cerr && isatty(STDERR_FILENO) == 1;
  batch::Progress progress(ctx.err, terminal, orgs->size());
  auto print = [&](const batch::OrgReport& r) {
    if (r.diagnostics.empty()) return;
    ctx.err << "hybridlint: organization " << r.org.name << " (" << r.org.path << "):\n" << r.diagnostics;
  };
  std::vector<batch::OrgReport> reports = batch::RunEach(
      *orgs, jobs, [&](const batch::Organization& org) { return LintOne(ctx, p, rules, formats, dir, org); }, print,
      &progress);

  std::string now = p.Last("now", ctx.today);
  batch::BatchInput input{dir, now, HYBRIDLINT_VERSION, reports};
  for (const auto& [renderer, file] : outputs) {
    if (!Emit(ctx, file, batch::RenderBatch(renderer->name, input))) return kExitUsage;
  }
  batch::BatchTotals totals = batch::Totals(reports);
  if (totals.broken > 0) {
    std::string names;
    for (const batch::OrgReport& r : reports) {
      if (!r.ok) names += (names.empty() ? "" : ", ") + r.org.name;
    }
    ctx.err << "hybridlint: " << totals.broken << " of " << totals.organizations
            << " organization(s) could not be read: " << names << "\n";
    return kExitUsage;
  }
  if (totals.failing_gate > 0) {
    std::string names;
    for (const batch::OrgReport& r : reports) {
      if (r.gate_fail) names += (names.empty() ? "" : ", ") + r.org.name + " (" + r.gate_reason + ")";
    }
    ctx.err << "hybridlint: " << totals.failing_gate << " of " << totals.organizations
            << " organization(s) fail the gate: " << names << "\n";
    return kExitFindings;
  }
  return kExitOk;
}

}  // namespace lint::cli
