// hybridlint diagnose: from an error message to the documented failure and,
// with a snapshot, to the exported settings that confirm or rule out its
// causes.
#include <algorithm>

#include "lint/cli/command.h"
#include "lint/diag/render.h"
#include "lint/diagnose/catalog.h"
#include "lint/diagnose/error_text.h"
#include "lint/diagnose/matcher.h"
#include "lint/diagnose/report.h"
#include "lint/rules/engine.h"
#include "lint/source/encoding.h"
#include "lint/util/edit_distance.h"

namespace lint::cli {

namespace {

// Larger logs are refused unless --max-file-size says otherwise: cut the
// part around the error.
constexpr size_t kMaxLogBytes = 16u << 20;

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

}  // namespace

int CmdDiagnose(Context& ctx) {
  Parsed p = ParseArgs(std::span(ctx.args).subspan(1), WithLimitFlags({"file", "format", "now"}), {});
  if (!p.error.empty()) return Usage(ctx, p.error);
  LimitOverrides limit_flags;
  if (std::string error = ParseLimitFlags(p, limit_flags); !error.empty()) return Usage(ctx, error);
  const Limits limits = limit_flags.Apply({});
  std::string now = p.Last("now", ctx.today);
  if (!ValidDate(now)) return Usage(ctx, "--now expects a date YYYY-MM-DD, found '" + now + "'");
  std::vector<std::pair<std::string, std::string>> outputs;  // format, file
  static const std::vector<std::string> kFormats = {"text", "json"};
  for (const std::string& f : p.All("format")) {
    auto [format, file] = SplitFormat(f);
    if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end()) {
      return Usage(ctx, "unknown --format '" + format + "' (expected text or json)" + DidYouMean(format, kFormats));
    }
    outputs.emplace_back(format, file);
  }
  if (outputs.empty()) outputs.emplace_back("text", "");

  // The error text: the first argument, or the whole --file.
  std::string raw, input_path;
  std::vector<std::string> snapshot_paths = p.positionals;
  if (p.Has("file")) {
    if (p.All("file").size() > 1) return Usage(ctx, "diagnose reads one --file");
    input_path = p.Last("file");
    auto bytes = ctx.fs.ReadFile(input_path, limit_flags.max_file_bytes.value_or(kMaxLogBytes));
    if (!bytes) {
      ctx.err << "hybridlint: " << input_path << ": cannot read the log: " << bytes.error() << "\n";
      return kExitUsage;
    }
    auto decoded = DecodeText(*bytes);
    if (!decoded) {
      size_t offset = std::min(decoded.error().offset, bytes->size()), line = 1, column = 1;
      for (size_t i = 0; i < offset; ++i) {
        if ((*bytes)[i] == '\n') { ++line; column = 1; } else { ++column; }
      }
      ctx.err << input_path << ":" << line << ":" << column << ": error[LINT-INPUT]: cannot read the log as text: "
              << decoded.error().message << "\n";
      return kExitUsage;
    }
    raw = std::move(decoded->text);
    if (Blank(raw)) {
      ctx.err << input_path << ": error[LINT-INPUT]: the log is empty: expected the text of a free/busy error\n";
      return kExitUsage;
    }
  } else {
    if (snapshot_paths.empty()) {
      return Usage(ctx, "diagnose needs the error text: hybridlint diagnose \"ERROR TEXT\" [SNAPSHOT...], or --file LOG");
    }
    raw = snapshot_paths.front();
    snapshot_paths.erase(snapshot_paths.begin());
    if (Blank(raw)) return Usage(ctx, "the error text is empty: expected the message users see, in quotes");
  }
  for (const std::string& path : snapshot_paths) {
    if (!ctx.fs.Exists(path)) {
      return Usage(ctx, "no snapshot '" + path + "': after the error text come snapshot directories or export files "
                        "(quote the whole error text as one argument)");
    }
  }

  std::vector<Rule> rules;
  if (!LoadAllRules(ctx, {}, rules)) return kExitUsage;
  std::vector<std::string> rule_ids;
  for (const Rule& r : rules) rule_ids.push_back(r.id);
  DiagnosticSink sink;
  std::vector<CatalogEntry> catalog = LoadCatalog(BuiltinCatalogSources(), rule_ids, sink);
  if (!sink.diagnostics().empty()) ctx.err << RenderDiagnostics(sink.diagnostics(), nullptr);
  if (sink.has_errors()) return kExitUsage;

  ErrorText text = NormalizeErrorText(std::move(raw));
  MatchResult matches = MatchErrorText(catalog, text);

  DiagnoseReport report{&text, input_path, &matches, nullptr, nullptr};
  Snapshot snapshot;
  LintResult lint;
  if (!snapshot_paths.empty()) {
    if (!ReadSnapshot(ctx, snapshot_paths, snapshot, limits)) return kExitUsage;
    // Only the rules the matched entries link to run.
    std::vector<const Rule*> selected;
    for (const Rule& r : rules) {
      bool linked = std::any_of(matches.matches.begin(), matches.matches.end(), [&](const EntryMatch& m) {
        auto ids = m.entry->LinkedRules();
        return std::find(ids.begin(), ids.end(), r.id) != ids.end();
      });
      if (linked) selected.push_back(&r);
    }
    EngineOptions options;
    options.now = now;
    lint = RunRules(selected, snapshot, options);
    report.lint = &lint;
    report.snapshot = &snapshot;
  }

  for (const auto& [format, file] : outputs) {
    std::string contents =
        format == "json" ? RenderDiagnoseJson(report).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n"
                         : RenderDiagnoseText(report);
    if (!Emit(ctx, file, contents)) return kExitUsage;
  }
  return matches.matches.empty() ? kExitFindings : kExitOk;
}

}  // namespace lint::cli
