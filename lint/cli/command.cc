#include "lint/cli/command.h"

#include <algorithm>
#include <sstream>

#include "lint/diag/render.h"
#include "lint/model/snapshot_loader.h"
#include "lint/rules/rule_loader.h"
#include "lint/rules/rule_pack.h"
#include "lint/util/edit_distance.h"

namespace lint::cli {

std::vector<std::string> Parsed::All(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : flags) {
    if (n == name) out.push_back(v);
  }
  return out;
}

std::string Parsed::Last(const std::string& name, std::string fallback) const {
  auto all = All(name);
  return all.empty() ? fallback : all.back();
}

std::pair<std::string, std::string> SplitFormat(const std::string& value) {
  auto colon = value.find(':');
  if (colon == std::string::npos) return {value, ""};
  return {value.substr(0, colon), value.substr(colon + 1)};
}

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

std::vector<std::string> WithLimitFlags(std::vector<std::string> value_flags) {
  for (const char* flag : {"max-file-size", "max-depth", "max-objects", "max-string-size", "max-rules"}) {
    value_flags.emplace_back(flag);
  }
  return value_flags;
}

std::string ParseLimitFlags(const Parsed& p, LimitOverrides& out) {
  // "expected a ..." from limits.h reads "--max-depth expects a ...".
  auto usage = [](const char* flag, const std::string& error) {
    return std::string("--") + flag + " " + (error.starts_with("expected ") ? "expects " + error.substr(9) : error);
  };
  auto size = [&](const char* flag, std::optional<size_t>& into) -> std::string {
    if (!p.Has(flag)) return "";
    auto parsed = ParseByteSize(p.Last(flag));
    if (!parsed) return usage(flag, parsed.error());
    into = *parsed;
    return "";
  };
  auto count = [&](const char* flag, size_t max, std::optional<size_t>& into) -> std::string {
    if (!p.Has(flag)) return "";
    auto parsed = ParseCount(p.Last(flag), max);
    if (!parsed) return usage(flag, parsed.error());
    into = *parsed;
    return "";
  };
  constexpr size_t kMaxCount = size_t{1} << 40;
  for (std::string error : {size("max-file-size", out.max_file_bytes), count("max-depth", kMaxSupportedDepth, out.max_depth),
                            count("max-objects", kMaxCount, out.max_objects),
                            size("max-string-size", out.max_string_bytes), count("max-rules", kMaxCount, out.max_rules)}) {
    if (!error.empty()) return error;
  }
  return "";
}

// Loads built-in rules plus --rules DIRs; prints problems; false on error.
bool LoadAllRules(Context& ctx, const std::vector<std::string>& dirs, std::vector<Rule>& rules, const Limits& limits) {
  DiagnosticSink sink;
  std::vector<Rule> builtin = LoadBuiltinRules(sink);
  std::vector<RuleSource> sources;
  size_t rule_files = 0;
  for (const std::string& dir : dirs) {
    auto more = RuleSourcesFromDirectory(dir, ctx.fs, sink, limits, rule_files);
    sources.insert(sources.end(), more.begin(), more.end());
  }
  rules = LoadRules(std::move(builtin), sources, sink);
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

bool ReadSnapshot(Context& ctx, const std::vector<std::string>& paths, Snapshot& snapshot, const Limits& limits) {
  DiagnosticSink sink;
  snapshot = LoadSnapshot(paths, ctx.fs, LoadOptionsFor(limits), sink);
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


}  // namespace lint::cli
