#include "lint/cli/cli.h"

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "lint/diag/render.h"
#include "lint/model/snapshot_dump.h"
#include "lint/model/snapshot_loader.h"
#include "lint/rules/engine.h"
#include "lint/rules/rule_loader.h"
#include "lint/util/edit_distance.h"

namespace lint::cli {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

struct Context {
  std::vector<std::string_view> args;
  FileSystem& fs;
  std::ostream& out;
  std::ostream& err;
  std::string today;
};

/// A parsed command line: flags with values, switches, positionals.
struct Parsed {
  std::vector<std::string> positionals;
  std::vector<std::pair<std::string, std::string>> flags;  // name (no dashes), value
  std::string error;

  std::vector<std::string> All(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [n, v] : flags) {
      if (n == name) out.push_back(v);
    }
    return out;
  }
  std::string Last(const std::string& name, std::string fallback = "") const {
    auto all = All(name);
    return all.empty() ? fallback : all.back();
  }
  bool Has(const std::string& name) const { return !All(name).empty(); }
};

// `value_flags` take a value (--flag V or --flag=V); `switches` do not.
Parsed ParseArgs(std::span<const std::string_view> args, const std::vector<std::string>& value_flags,
                 const std::vector<std::string>& switches) {
  Parsed p;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg(args[i]);
    if (arg == "--") {
      for (++i; i < args.size(); ++i) p.positionals.emplace_back(args[i]);
      break;
    }
    if (arg.size() > 2 && arg.starts_with("--")) {
      std::string name = arg.substr(2), value;
      bool has_value = false;
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_value = true;
      }
      if (std::find(switches.begin(), switches.end(), name) != switches.end()) {
        if (has_value) { p.error = "--" + name + " takes no value"; return p; }
        p.flags.emplace_back(name, "");
        continue;
      }
      if (std::find(value_flags.begin(), value_flags.end(), name) == value_flags.end()) {
        std::vector<std::string> all = value_flags;
        all.insert(all.end(), switches.begin(), switches.end());
        std::string hint = ClosestMatch(name, all);
        p.error = "unknown option '--" + name + "'" + (hint.empty() ? "" : " (did you mean '--" + hint + "'?)");
        return p;
      }
      if (!has_value) {
        if (i + 1 >= args.size()) { p.error = "--" + name + " needs a value"; return p; }
        value = std::string(args[++i]);
      }
      p.flags.emplace_back(name, value);
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      p.error = "unknown option '" + arg + "'";
      return p;
    }
    p.positionals.push_back(arg);
  }
  return p;
}

bool ValidDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

int Usage(Context& ctx, const std::string& message) {
  ctx.err << "hybridlint: " << message << "\n" << "run 'hybridlint help' for usage\n";
  return kExitUsage;
}

// Loads built-in rules plus --rules DIRs; prints problems; false on error.
bool LoadAllRules(Context& ctx, const std::vector<std::string>& dirs, std::vector<Rule>& rules) {
  DiagnosticSink sink;
  auto sources = BuiltinRuleSources();
  for (const std::string& dir : dirs) {
    auto more = RuleSourcesFromDirectory(dir, ctx.fs, sink);
    sources.insert(sources.end(), more.begin(), more.end());
  }
  rules = LoadRules(sources, sink);
  if (!sink.diagnostics().empty()) ctx.err << RenderDiagnostics(sink.diagnostics(), nullptr);
  return !sink.has_errors();
}

// --select/--ignore: comma-separated rule ids or their letter prefixes.
bool SelectRules(Context& ctx, const std::vector<Rule>& rules, const Parsed& p, std::vector<const Rule*>& selected) {
  std::vector<std::string> ids;
  for (const Rule& r : rules) ids.push_back(r.id);
  auto parse = [&](const std::string& flag, std::vector<std::string>& out) {
    for (const std::string& value : p.All(flag)) {
      std::stringstream ss(value);
      std::string item;
      while (std::getline(ss, item, ',')) {
        if (item.empty()) continue;
        bool known = std::any_of(rules.begin(), rules.end(), [&](const Rule& r) {
          return r.id.starts_with(item) || r.name == item;
        });
        if (!known) {
          ctx.err << "hybridlint: --" << flag << ": no rule '" << item << "'" << DidYouMean(item, ids) << "\n";
          return false;
        }
        out.push_back(item);
      }
    }
    return true;
  };
  std::vector<std::string> select, ignore;
  if (!parse("select", select) || !parse("ignore", ignore)) return false;
  auto matches = [](const Rule& r, const std::vector<std::string>& list) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& s) { return r.id.starts_with(s) || r.name == s; });
  };
  for (const Rule& r : rules) {
    if (!select.empty() && !matches(r, select)) continue;
    if (matches(r, ignore)) continue;
    selected.push_back(&r);
  }
  return true;
}

bool ReadSnapshot(Context& ctx, const std::vector<std::string>& paths, Snapshot& snapshot) {
  DiagnosticSink sink;
  snapshot = LoadSnapshot(paths, ctx.fs, LoadOptions{}, sink);
  if (!sink.diagnostics().empty()) ctx.err << RenderDiagnostics(sink.diagnostics(), &snapshot.sources);
  return !sink.has_errors();
}

// --format F[:FILE]: writes to stdout or atomically to FILE.
bool Emit(Context& ctx, const std::string& target, const std::string& contents) {
  if (target.empty()) {
    ctx.out << contents;
    return true;
  }
  auto written = ctx.fs.WriteFileAtomic(target, contents);
  if (!written) {
    ctx.err << "hybridlint: " << written.error() << "\n";
    return false;
  }
  return true;
}

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

int CmdDump(Context& ctx) {
  Parsed p = ParseArgs(std::span(ctx.args).subspan(1), {"format"}, {});
  if (!p.error.empty()) return Usage(ctx, p.error);
  if (p.positionals.empty()) return Usage(ctx, "dump needs a snapshot directory or export files");
  std::string format = p.Last("format", "text");
  if (format != "text" && format != "json") return Usage(ctx, "unknown --format '" + format + "' (expected text or json)");
  Snapshot snapshot;
  if (!ReadSnapshot(ctx, p.positionals, snapshot)) return kExitUsage;
  ctx.out << (format == "json" ? DumpJson(snapshot).dump(2) + "\n" : DumpText(snapshot));
  return kExitOk;
}

int CmdRules(Context& ctx) {
  Parsed p = ParseArgs(std::span(ctx.args).subspan(1), {"format", "rules"}, {});
  if (!p.error.empty()) return Usage(ctx, p.error);
  std::string format = p.Last("format", "text");
  if (format != "text" && format != "json") return Usage(ctx, "unknown --format '" + format + "' (expected text or json)");
  std::vector<Rule> rules;
  if (!LoadAllRules(ctx, p.All("rules"), rules)) return kExitUsage;
  if (format == "json") {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const Rule& r : rules) {
      arr.push_back({{"id", r.id}, {"name", r.name}, {"category", r.category}, {"severity", SeverityName(r.severity)},
                     {"path", FbPathName(r.path)}, {"direction", DirectionName(r.direction)},
                     {"kind", r.applies_kind}, {"side", SideName(r.applies_side)}, {"what", r.docs.what},
                     {"user_error", r.docs.error}, {"builtin", r.builtin}});
    }
    ctx.out << arr.dump(2) << "\n";
    return kExitOk;
  }
  for (const Rule& r : rules) {
    std::string what = r.docs.what;
    std::replace(what.begin(), what.end(), '\n', ' ');
    while (!what.empty() && what.back() == ' ') what.pop_back();
    ctx.out << r.id << "  " << SeverityName(r.severity) << "  " << r.name << "  [" << SideName(r.applies_side)
            << (r.applies_kind.empty() ? "" : " " + r.applies_kind) << ", " << FbPathName(r.path) << "]\n    " << what << "\n";
  }
  ctx.out << rules.size() << " rule(s)\n";
  return kExitOk;
}

std::string Indent(const std::string& text, const std::string& prefix) {
  std::string out;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) out += prefix + line + "\n";
  return out;
}

// Word-wraps prose (folded YAML) at `width` columns; each input line is a
// paragraph.
std::string Wrap(const std::string& text, const std::string& prefix, size_t width = 88) {
  std::string out;
  std::stringstream paragraphs(text);
  std::string paragraph;
  while (std::getline(paragraphs, paragraph)) {
    std::stringstream words(paragraph);
    std::string word, line;
    while (words >> word) {
      if (!line.empty() && prefix.size() + line.size() + 1 + word.size() > width) {
        out += prefix + line + "\n";
        line.clear();
      }
      line += (line.empty() ? "" : " ") + word;
    }
    out += prefix + line + "\n";
  }
  return out;
}

int CmdExplain(Context& ctx) {
  Parsed p = ParseArgs(std::span(ctx.args).subspan(1), {"rules"}, {});
  if (!p.error.empty()) return Usage(ctx, p.error);
  if (p.positionals.size() != 1) return Usage(ctx, "explain needs one rule id, such as ORG001");
  std::vector<Rule> rules;
  if (!LoadAllRules(ctx, p.All("rules"), rules)) return kExitUsage;
  const std::string& want = p.positionals.front();
  for (const Rule& r : rules) {
    if (!EqualsIgnoreCase(r.id, want) && r.name != want) continue;
    ctx.out << r.id << " " << r.name << " (" << SeverityName(r.severity) << ")\n";
    ctx.out << "applies to: " << SideWords(r.applies_side) << " " << (r.applies_kind.empty() ? "exports" : r.applies_kind)
            << "; free/busy path: " << FbPathName(r.path) << "; direction: " << DirectionName(r.direction) << "\n\n";
    ctx.out << "What it checks\n" << Wrap(r.docs.what, "  ") << "\n";
    ctx.out << "Why it matters\n" << Wrap(r.docs.why, "  ") << "\n";
    if (!r.docs.error.empty()) ctx.out << "What users see when it is wrong\n" << Wrap(r.docs.error, "  ") << "\n";
    if (!r.docs.example.empty()) ctx.out << "Example\n" << Indent(r.docs.example, "  ") << "\n";
    ctx.out << "Fix\n" << Indent(r.fix, "  ") << "\n";
    ctx.out << "References\n";
    for (const std::string& ref : r.docs.references) ctx.out << "  - " << ref << "\n";
    ctx.out << "\nSource: " << r.file << "\n";
    return kExitOk;
  }
  std::vector<std::string> ids;
  for (const Rule& r : rules) ids.push_back(r.id);
  ctx.err << "hybridlint: no rule '" << want << "'" << DidYouMean(want, ids) << "\n";
  return kExitUsage;
}

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
    {"lint", "lint PATH... [--format text|json[:FILE]]... [--fail-on error|warning|info|never] [--rules DIR]... [--select IDS] [--ignore IDS] [--now YYYY-MM-DD]",
     "check a snapshot against the hybrid baseline", CmdLint},
    {"rules", "rules [--format text|json] [--rules DIR]...", "list every rule", CmdRules},
    {"explain", "explain RULE", "print a rule's documentation", CmdExplain},
    {"dump", "dump PATH... [--format text|json]", "print the snapshot as read (objects, properties, locations, warnings)", CmdDump},
    {"help", "help", "print this help", CmdHelp},
    {"version", "version", "print the version", CmdVersion},
};

int CmdHelp(Context& ctx) {
  ctx.out << "hybridlint: lint exported Exchange hybrid configuration (on-premises and Exchange Online)\n\nusage:\n";
  for (const Command& c : kCommands) ctx.out << "  hybridlint " << c.usage << "\n      " << c.summary << "\n";
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
