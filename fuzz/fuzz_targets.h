#pragma once

// The fuzz targets' entry functions, one per surface that reads bytes a
// customer sends. Header-only on purpose: the libFuzzer binaries
// (fuzz/fuzz_driver.cc, built by fuzz/CMakeLists.txt) and the normal test
// binary (tests/fuzz_regressions_test.cc, which replays every input kept in
// fixtures/fuzz-regressions/) compile the very same code, and the test
// binary needs no build change.
//
// To add a target: write `FuzzOutcome FuzzXxx(std::string_view data)`
// below, add one row to kFuzzTargets, seed it in fuzz/seed-corpora.sh.
//
// Each entry function runs what the product runs on that input and returns
// a FuzzOutcome: `summary` is what a user would see (pinned by the
// regression goldens), `violations` lists broken invariants (a span outside
// its file, text that is not UTF-8, a write attempted). A crash, a sanitizer
// report, an escaped exception or any violation is a bug.

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/exceptions.h>

#include "lint/diag/diagnostic.h"
#include "lint/diag/render.h"
#include "lint/diag/renderer.h"
#include "lint/config/baseline.h"
#include "lint/config/config.h"
#include "lint/config/waivers.h"
#include "lint/diagnose/catalog.h"
#include "lint/diagnose/error_text.h"
#include "lint/diagnose/matcher.h"
#include "lint/diagnose/report.h"
#include "lint/import/clixml_importer.h"
#include "lint/import/csv_importer.h"
#include "lint/import/format_list_importer.h"
#include "lint/import/importer.h"
#include "lint/import/json_importer.h"
#include "lint/import/yaml_importer.h"
#include "lint/model/kind_schema.h"
#include "lint/model/normalize.h"
#include "lint/model/snapshot.h"
#include "lint/model/snapshot_dump.h"
#include "lint/model/snapshot_loader.h"
#include "lint/model/value.h"
#include "lint/rules/engine.h"
#include "lint/rules/rule_loader.h"
#include "lint/source/encoding.h"
#include "lint/source/file_system.h"
#include "lint/source/source_file.h"
#include "lint/util/yaml_documents.h"

namespace lint::fuzz {

/// What one input did.
struct FuzzOutcome {
  /// "ok: ..." or "error ...": what the product reports for this input, in
  /// one or a few lines. Deterministic, so regression fixtures pin it.
  std::string summary;
  /// Broken invariants. The fuzz driver aborts on any; the regression test
  /// requires none.
  std::vector<std::string> violations;
};

/// The date every target that runs rules measures certificate expiry
/// against (so outcomes do not change with the calendar).
inline constexpr std::string_view kFuzzNow = "2026-11-22";

/// A FileSystem held in memory: reads come from `files`, writes are refused
/// and recorded (the library must never write while reading a snapshot).
class MemoryFileSystem final : public FileSystem {
 public:
  std::map<std::string, std::string> files;  ///< path -> contents
  std::vector<std::string> writes;           ///< every attempted write

  std::expected<std::string, std::string> ReadFile(const std::string& path,
                                                    size_t max_bytes) override {
    if (IsDirectory(path)) return std::unexpected(std::string("is a directory"));
    auto it = files.find(path);
    if (it == files.end()) return std::unexpected(std::string("No such file or directory"));
    if (it->second.size() > max_bytes) {
      return std::unexpected("file is " + std::to_string(it->second.size()) +
                             " bytes, larger than the limit of " + std::to_string(max_bytes) +
                             " bytes");
    }
    return it->second;
  }
  bool IsDirectory(const std::string& path) override {
    std::string prefix = path + "/";
    auto it = files.lower_bound(prefix);
    return it != files.end() && it->first.starts_with(prefix);
  }
  bool Exists(const std::string& path) override {
    return files.contains(path) || IsDirectory(path);
  }
  std::expected<std::vector<std::string>, std::string> ListFilesRecursive(
      const std::string& dir) override {
    std::vector<std::string> out;
    std::string prefix = dir + "/";
    for (auto it = files.lower_bound(prefix); it != files.end() && it->first.starts_with(prefix);
         ++it) {
      out.push_back(it->first);
    }
    return out;  // std::map keeps them sorted
  }
  std::expected<void, std::string> WriteFileAtomic(const std::string& path,
                                                   std::string_view) override {
    writes.push_back(path);
    return std::unexpected(std::string("the fuzzing file system is read-only"));
  }
};

/// Splits a snapshot archive: each file starts with a line `@@@ PATH` (at
/// the start of the data or after a line break); its contents run up to the
/// line break before the next such line. Data without a first `@@@ ` line
/// is one file named `input.txt`. fuzz/seed-corpora.sh writes these.
inline std::vector<std::pair<std::string, std::string>> SplitArchive(std::string_view data) {
  std::vector<std::pair<std::string, std::string>> out;
  constexpr std::string_view kMarker = "@@@ ";
  if (!data.starts_with(kMarker)) {
    out.emplace_back("input.txt", std::string(data));
    return out;
  }
  size_t pos = 0;
  while (pos < data.size()) {
    size_t name_begin = pos + kMarker.size();
    size_t name_end = data.find('\n', name_begin);
    if (name_end == std::string_view::npos) name_end = data.size();
    std::string name(data.substr(name_begin, name_end - name_begin));
    if (!name.empty() && name.back() == '\r') name.pop_back();
    if (name.empty()) name = "input.txt";
    size_t body_begin = std::min(name_end + 1, data.size());
    size_t next = data.find("\n@@@ ", body_begin == 0 ? 0 : body_begin - 1);
    size_t body_end = next == std::string_view::npos ? data.size() : next;
    if (body_end < body_begin) body_end = body_begin;
    out.emplace_back(std::move(name), std::string(data.substr(body_begin, body_end - body_begin)));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

/// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, at
/// most U+10FFFF): what every string the library produces must be, or the
/// JSON writer throws.
inline bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n = 0;
    char32_t cp = 0;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= text.size()) return false;  // the sequence is cut off
    for (size_t k = 1; k <= n; ++k) {
      auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

namespace detail {

inline std::string Where(const SourceFile& file, uint32_t offset) {
  LineColumn lc = file.Locate(offset);
  return std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

/// Records a violation when `span` points into `file` but outside its text.
inline void CheckSpan(const SourceFile& file, SourceSpan span, std::string_view what,
                      std::vector<std::string>& violations) {
  if (!span.valid()) return;
  if (span.file_id != file.id() || span.begin > span.end || span.end > file.text().size()) {
    violations.push_back(std::string(what) + " has span [" + std::to_string(span.begin) + ", " +
                         std::to_string(span.end) + ") in file " + std::to_string(span.file_id) +
                         ", outside file " + std::to_string(file.id()) + " of " +
                         std::to_string(file.text().size()) + " bytes");
  }
}

/// The span, UTF-8 and shape invariants of a value tree.
inline void CheckValue(const SourceFile* file, const Value& v, std::string_view what,
                       std::vector<std::string>& violations, int depth = 0) {
  if (file != nullptr) CheckSpan(*file, v.span, what, violations);
  if (!IsValidUtf8(v.text)) violations.push_back(std::string(what) + " has text that is not UTF-8");
  if (!IsValidUtf8(v.name)) violations.push_back(std::string(what) + " has a name that is not UTF-8");
  if ((v.type == ValueType::kList || v.type == ValueType::kObject) == false && !v.items.empty()) {
    violations.push_back(std::string(what) + " is a scalar with items");
  }
  if (depth > 10000) {
    violations.push_back(std::string(what) + " nests deeper than 10000 levels");
    return;
  }
  for (const Value& item : v.items) CheckValue(file, item, what, violations, depth + 1);
}

/// Importer runs share this: decode, recognize, import, check invariants.
inline FuzzOutcome RunImporter(
    std::string_view data, Recognition (*recognize)(const SourceFile&),
    std::expected<ImportResult, ImportError> (*import)(const SourceFile&, const ImportLimits&)) {
  FuzzOutcome outcome;
  auto decoded = DecodeText(data);
  if (!decoded) {
    outcome.summary = "not decoded: " + decoded.error().message;
    return outcome;
  }
  SourceFile file(0, "fuzz.input", decoded->encoding, std::move(decoded->text));
  Recognition recognition = recognize(file);
  std::string recognized = recognition == Recognition::kYes     ? "yes"
                           : recognition == Recognition::kMaybe ? "maybe"
                                                                : "no";
  auto result = import(file, ImportLimits{});
  if (!result) {
    CheckSpan(file, result.error().span, "the import error", outcome.violations);
    if (!IsValidUtf8(result.error().message)) {
      outcome.violations.push_back("the import error message is not UTF-8");
    }
    uint32_t at = result.error().span.valid() ? result.error().span.begin : 0;
    outcome.summary = "recognized: " + recognized + "\nerror at " + Where(file, at) + ": " +
                      result.error().message;
    return outcome;
  }
  for (const RawObject& raw : result->objects) {
    CheckSpan(file, raw.span, "an object", outcome.violations);
    CheckValue(&file, raw.properties, "a property", outcome.violations);
  }
  for (const ImportWarning& w : result->warnings) {
    CheckSpan(file, w.span, "a warning", outcome.violations);
    if (!IsValidUtf8(w.message)) outcome.violations.push_back("a warning message is not UTF-8");
  }
  outcome.summary = "recognized: " + recognized + "\nok: " +
                    std::to_string(result->objects.size()) + " object(s), " +
                    std::to_string(result->warnings.size()) + " warning(s)";
  for (const ImportWarning& w : result->warnings) {
    outcome.summary += "\nwarning at " + Where(file, w.span.valid() ? w.span.begin : 0) + ": " +
                       w.message;
  }
  return outcome;
}

/// Every span of a loaded snapshot points into its own file.
inline void CheckSnapshot(const Snapshot& snapshot, std::vector<std::string>& violations) {
  auto check = [&](SourceSpan span, std::string_view what) {
    if (!span.valid()) return;
    const SourceFile* file = snapshot.sources.Find(span.file_id);
    if (file == nullptr) {
      violations.push_back(std::string(what) + " points at unknown file " +
                           std::to_string(span.file_id));
      return;
    }
    CheckSpan(*file, span, what, violations);
  };
  for (const Object& object : snapshot.objects) {
    check(object.span, "an object");
    if (!IsValidUtf8(object.identity)) violations.push_back("an identity is not UTF-8");
    const SourceFile* file =
        object.span.valid() ? snapshot.sources.Find(object.span.file_id) : nullptr;
    CheckValue(file, object.properties, "a normalized property", violations);
    if (object.input >= snapshot.inputs.size()) violations.push_back("an object's input is out of range");
  }
  for (const InputFile& input : snapshot.inputs) {
    for (const InputWarning& w : input.warnings) check(w.span, "an input warning");
  }
}

/// A small but complete organization for the rule target to run on: the
/// example with every kind and seven breakages, loaded once.
inline const Snapshot& RuleTargetSnapshot() {
  static const Snapshot* snapshot = [] {
    RealFileSystem fs;
    DiagnosticSink sink;
    auto* s = new Snapshot(LoadSnapshot({std::string(HYBRIDLINT_SOURCE_DIR) +
                                         "/examples/contoso-broken"},
                                        fs, LoadOptions{}, sink));
    if (s->objects.empty() || sink.has_errors()) std::abort();  // the repository is broken
    return s;
  }();
  return *snapshot;
}

/// The built-in rule pack, loaded once.
inline const std::vector<Rule>& BuiltinRules() {
  static const std::vector<Rule>* rules = [] {
    DiagnosticSink sink;
    auto* r = new std::vector<Rule>(LoadRules(BuiltinRuleSources(), sink));
    if (r->empty() || sink.has_errors()) std::abort();  // the repository is broken
    return r;
  }();
  return *rules;
}

/// Renders `result` in every output format of the renderer table; each
/// report must be UTF-8 (the XML formats also escape what XML forbids).
inline void RenderEveryFormat(const LintResult& result, const Snapshot& snapshot,
                              const std::vector<const Rule*>& rules,
                              std::vector<std::string>& violations) {
  ReportInput input{result, snapshot, rules, std::string(kFuzzNow), "0.0.0-fuzz"};
  for (const RendererInfo& renderer : AllRenderers()) {
    std::string report = renderer.render(input);
    if (!IsValidUtf8(report)) {
      violations.push_back("the " + std::string(renderer.name) + " report is not UTF-8");
    }
  }
}

/// The built-in rules' run over the example organization, once: what
/// waivers and baselines are applied to (each input gets a copy).
inline const LintResult& ExampleResult() {
  static const LintResult* result = [] {
    std::vector<const Rule*> rules;
    for (const Rule& rule : BuiltinRules()) rules.push_back(&rule);
    return new LintResult(RunRules(rules, RuleTargetSnapshot(), EngineOptions{std::string(kFuzzNow)}));
  }();
  return *result;
}

/// The built-in rules as pointers, in id order.
inline std::vector<const Rule*> BuiltinRulePointers() {
  std::vector<const Rule*> rules;
  for (const Rule& rule : BuiltinRules()) rules.push_back(&rule);
  return rules;
}

/// The built-in error catalog of `diagnose`, loaded once.
inline const std::vector<CatalogEntry>& BuiltinCatalog() {
  static const std::vector<CatalogEntry>* catalog = [] {
    std::vector<std::string> ids;
    for (const Rule& rule : BuiltinRules()) ids.push_back(rule.id);
    DiagnosticSink sink;
    auto* c = new std::vector<CatalogEntry>(LoadCatalog(BuiltinCatalogSources(), ids, sink));
    if (c->empty() || sink.has_errors()) std::abort();  // the repository is broken
    return c;
  }();
  return *catalog;
}

/// Decodes a settings file the way ReadSettingsFile does; null (with the
/// summary set) when it is not text.
inline const SourceFile* DecodeSettingsFile(std::string_view data, const std::string& path,
                                            SourceSet& sources, FuzzOutcome& outcome) {
  auto decoded = DecodeText(data);
  if (!decoded) {
    outcome.summary = "not decoded: " + decoded.error().message;
    return nullptr;
  }
  return &sources.Add(path, decoded->encoding, std::move(decoded->text));
}

/// Every diagnostic renders as UTF-8 with valid spans.
inline std::string CheckedDiagnostics(const DiagnosticSink& sink, const SourceSet& sources,
                                      std::vector<std::string>& violations) {
  for (const Diagnostic& d : sink.diagnostics()) {
    if (d.span.valid()) {
      if (const SourceFile* file = sources.Find(d.span.file_id)) {
        CheckSpan(*file, d.span, "a diagnostic", violations);
      } else {
        violations.push_back("a diagnostic points at unknown file " + std::to_string(d.span.file_id));
      }
    }
  }
  std::string text = RenderDiagnostics(sink.diagnostics(), &sources);
  if (!IsValidUtf8(text)) violations.push_back("a diagnostic is not UTF-8");
  return text;
}

/// One line per finding: "RULE severity side kind 'object' property".
inline std::string FindingLines(const LintResult& result) {
  std::string out;
  for (const Finding& f : result.findings) {
    out += "\n  " + std::string(f.rule ? f.rule->id : "?") + " " + SeverityName(f.severity) + " " +
           SideName(f.side) + " " + f.kind + " '" + f.object + "' " + f.property;
  }
  return out;
}

/// The value language of FuzzNormalize: one item per line.
///   s<text>  string        u<text>  untyped string (Format-List, CSV)
///   i<n>     integer       d<x>     double       b0 / b1  boolean   n  null
///   [ ... ]  list          {<text> ... }  object (<text>: its ToString, if any)
///   .<name>  names the next value (a field of the enclosing object)
///   #<type>  adds a CLIXML type name to the last value
///   !t / !l  marks the last value truncated / lost
class ValueReader {
 public:
  explicit ValueReader(std::string_view text) : text_(text) {}

  /// Reads values until the end or an unmatched closing line.
  std::vector<Value> ReadSequence(int depth) {
    std::vector<Value> out;
    std::string pending_name;
    while (pos_ < text_.size()) {
      std::string_view line = NextLine();
      if (line.empty()) continue;
      char tag = line[0];
      std::string_view rest = line.substr(1);
      if (tag == ']' || tag == '}') return out;
      if (tag == '.') {
        pending_name = std::string(rest);
        continue;
      }
      if (tag == '#' || tag == '!') {
        if (out.empty()) continue;
        if (tag == '#') out.back().type_names.emplace_back(rest);
        else out.back().loss = rest == "l" ? Loss::kLost : Loss::kTruncated;
        continue;
      }
      Value v;
      switch (tag) {
        case 's': v = Value::String(std::string(rest)); break;
        case 'u':
          v = Value::String(std::string(rest));
          v.untyped = true;
          break;
        case 'i': v = Value::Int(std::strtoll(std::string(rest).c_str(), nullptr, 10)); break;
        case 'd': v = Value::Double(std::strtod(std::string(rest).c_str(), nullptr)); break;
        case 'b': v = Value::Bool(rest == "1"); break;
        case 'n': v = Value::Null(); break;
        case '[':
          v = Value::List(depth < kMaxDepth ? ReadSequence(depth + 1) : std::vector<Value>{});
          break;
        case '{':
          v = Value::Object(depth < kMaxDepth ? ReadSequence(depth + 1) : std::vector<Value>{});
          if (!rest.empty()) {
            v.text = std::string(rest);
            v.has_text = true;
          }
          break;
        default: continue;
      }
      v.name = std::move(pending_name);
      pending_name.clear();
      out.push_back(std::move(v));
    }
    return out;
  }

 private:
  static constexpr int kMaxDepth = 64;
  std::string_view NextLine() {
    size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    std::string_view line = text_.substr(pos_, end - pos_);
    pos_ = std::min(end + 1, text_.size());
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  }
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace detail

/// DecodeText: BOM sniffing and UTF-16 to UTF-8; then the line index.
inline FuzzOutcome FuzzDecode(std::string_view data) {
  FuzzOutcome outcome;
  auto decoded = DecodeText(data);
  if (!decoded) {
    if (decoded.error().offset > data.size()) {
      outcome.violations.push_back("the decode error offset is past the end of the input");
    }
    outcome.summary = "error at byte " + std::to_string(decoded.error().offset) + ": " +
                      decoded.error().message;
    return outcome;
  }
  if (!IsValidUtf8(decoded->text)) outcome.violations.push_back("decoded text is not UTF-8");
  SourceFile file(0, "fuzz.input", decoded->encoding, decoded->text);
  LineColumn last = file.Locate(static_cast<uint32_t>(decoded->text.size()));
  if (last.line == 0 || last.column == 0 || last.line > file.lines().line_count()) {
    outcome.violations.push_back("the end of the text has no valid line and column");
  }
  for (uint32_t line = 1; line <= file.lines().line_count(); ++line) {
    std::string_view text = file.lines().Line(file.text(), line);
    if (text.find('\n') != std::string_view::npos) {
      outcome.violations.push_back("line " + std::to_string(line) + " holds a line break");
      break;
    }
  }
  outcome.summary = "ok: " + std::string(EncodingName(decoded->encoding)) + ", " +
                    std::to_string(decoded->text.size()) + " byte(s) of UTF-8, " +
                    std::to_string(file.lines().line_count()) + " line(s)";
  return outcome;
}

/// The CLIXML importer (after decoding, as the loader does).
inline FuzzOutcome FuzzClixml(std::string_view data) {
  return detail::RunImporter(data, RecognizeClixml, ImportClixml);
}
/// The ConvertTo-Json importer.
inline FuzzOutcome FuzzJson(std::string_view data) {
  return detail::RunImporter(data, RecognizeJson, ImportJson);
}
/// The Format-List importer.
inline FuzzOutcome FuzzFormatList(std::string_view data) {
  return detail::RunImporter(data, RecognizeFormatList, ImportFormatList);
}
/// The Export-Csv importer.
inline FuzzOutcome FuzzCsv(std::string_view data) {
  return detail::RunImporter(data, RecognizeCsv, ImportCsv);
}
/// The YAML snapshot importer.
inline FuzzOutcome FuzzYaml(std::string_view data) {
  return detail::RunImporter(data, RecognizeYaml, ImportYaml);
}

/// The whole pipeline on a snapshot archive (see SplitArchive) under the
/// directory `snap`: LoadSnapshot through a MemoryFileSystem, both dumps,
/// the built-in rules, the text and JSON reports, the import diagnostics.
inline FuzzOutcome FuzzSnapshot(std::string_view data) {
  FuzzOutcome outcome;
  MemoryFileSystem fs;
  for (auto& [path, contents] : SplitArchive(data)) fs.files["snap/" + path] = std::move(contents);
  DiagnosticSink sink;
  Snapshot snapshot = LoadSnapshot({"snap"}, fs, LoadOptions{}, sink);
  detail::CheckSnapshot(snapshot, outcome.violations);
  std::string dump = DumpText(snapshot);
  std::string dump_json = DumpJson(snapshot).dump(2);
  std::vector<const Rule*> rules;
  for (const Rule& rule : detail::BuiltinRules()) rules.push_back(&rule);
  LintResult result = RunRules(rules, snapshot, EngineOptions{std::string(kFuzzNow)});
  detail::RenderEveryFormat(result, snapshot, rules, outcome.violations);
  std::string diagnostics = RenderDiagnostics(sink.diagnostics(), &snapshot.sources);
  for (const std::string* s : {&dump, &dump_json, &diagnostics}) {
    if (!IsValidUtf8(*s)) outcome.violations.push_back("a dump or diagnostic is not UTF-8");
  }
  if (!fs.writes.empty()) outcome.violations.push_back("the loader tried to write " + fs.writes[0]);
  outcome.summary = std::to_string(fs.files.size()) + " file(s), " +
                    std::to_string(snapshot.objects.size()) + " object(s), " +
                    std::to_string(sink.diagnostics().size()) + " import diagnostic(s), " +
                    std::to_string(result.findings.size()) + " finding(s), " +
                    std::to_string(result.passed) + " passed, " +
                    std::to_string(result.not_evaluated.size()) + " not evaluated";
  if (!diagnostics.empty()) outcome.summary += "\n" + diagnostics;
  return outcome;
}

/// LoadRules on one user rule file, then the rules it yields run on the
/// example organization and their findings are rendered.
inline FuzzOutcome FuzzRules(std::string_view data) {
  FuzzOutcome outcome;
  DiagnosticSink sink;
  std::vector<Rule> rules =
      LoadRules({RuleSource{"rules/fuzz.yaml", std::string(data), false}}, sink);
  std::string diagnostics = RenderDiagnostics(sink.diagnostics(), nullptr);
  if (!IsValidUtf8(diagnostics)) outcome.violations.push_back("a rule diagnostic is not UTF-8");
  outcome.summary = std::to_string(rules.size()) + " rule(s) loaded, " +
                    std::to_string(sink.diagnostics().size()) + " diagnostic(s)";
  if (!diagnostics.empty()) outcome.summary += "\n" + diagnostics;
  if (rules.empty()) return outcome;
  const Snapshot& snapshot = detail::RuleTargetSnapshot();
  std::vector<const Rule*> selected;
  for (const Rule& rule : rules) selected.push_back(&rule);
  LintResult result = RunRules(selected, snapshot, EngineOptions{std::string(kFuzzNow)});
  detail::RenderEveryFormat(result, snapshot, selected, outcome.violations);
  outcome.summary += "\nran: " + std::to_string(result.findings.size()) + " finding(s), " +
                     std::to_string(result.passed) + " passed, " +
                     std::to_string(result.not_evaluated.size()) + " not evaluated" +
                     detail::FindingLines(result);
  return outcome;
}

/// NormalizeValue / NormalizeUnknown / NormalizeDate on UTF-8 input (what
/// the decoder guarantees). The first line is a
/// property type ("list<enum<AuthenticationMethod>>", "date", ...); the
/// rest is one raw value in the language of detail::ValueReader. Every
/// string in it also goes through NormalizeDate.
inline FuzzOutcome FuzzNormalize(std::string_view data) {
  FuzzOutcome outcome;
  // Importers only ever hand the normalizer decoded text.
  if (!IsValidUtf8(data)) {
    outcome.summary = "not UTF-8";
    return outcome;
  }
  size_t eol = data.find('\n');
  std::string_view type_text = data.substr(0, eol);
  if (type_text.ends_with('\r')) type_text.remove_suffix(1);
  std::string_view rest = eol == std::string_view::npos ? std::string_view() : data.substr(eol + 1);
  detail::ValueReader reader(rest);
  std::vector<Value> values = reader.ReadSequence(0);
  Value raw = values.empty() ? Value::Null() : std::move(values.front());

  std::string dates;
  auto walk = [&](auto&& self, const Value& v) -> void {
    if (v.type == ValueType::kString || v.has_text) {
      std::string warning;
      std::string iso = NormalizeDate(v.text, warning);
      if (!IsValidUtf8(iso) || !IsValidUtf8(warning)) {
        outcome.violations.push_back("NormalizeDate produced text that is not UTF-8");
      }
      if (!iso.empty() || !warning.empty()) {
        dates += "\ndate '" + v.text + "' -> '" + iso + "'" + (warning.empty() ? "" : " (" + warning + ")");
      }
    }
    for (const Value& item : v.items) self(self, item);
  };
  walk(walk, raw);

  Value unknown = NormalizeUnknown(raw);
  detail::CheckValue(nullptr, unknown, "NormalizeUnknown's result", outcome.violations);
  std::optional<PropertyType> type = ParsePropertyType(type_text);
  if (!type) {
    outcome.summary = "type '" + std::string(type_text) + "' does not parse; unknown: " +
                      unknown.ToDisplay() + dates;
    return outcome;
  }
  std::vector<InputWarning> warnings;
  Value normalized = NormalizeValue(raw, *type, ModelSchema::Builtin(), "Fuzzed", warnings);
  detail::CheckValue(nullptr, normalized, "NormalizeValue's result", outcome.violations);
  outcome.summary = "type '" + std::string(type_text) + "': " + normalized.ToDisplay() +
                    "; unknown: " + unknown.ToDisplay() + "; " +
                    std::to_string(warnings.size()) + " warning(s)";
  for (const InputWarning& w : warnings) {
    if (!IsValidUtf8(w.message)) outcome.violations.push_back("a warning is not UTF-8");
    outcome.summary += "\nwarning: " + w.message;
  }
  outcome.summary += dates;
  return outcome;
}

/// A waiver file (ParseWaivers against the built-in rules), applied to the
/// example's findings; the reports render the waived findings.
inline FuzzOutcome FuzzWaivers(std::string_view data) {
  FuzzOutcome outcome;
  SourceSet sources;
  const SourceFile* file = detail::DecodeSettingsFile(data, "waivers.yaml", sources, outcome);
  if (file == nullptr) return outcome;
  DiagnosticSink sink;
  std::vector<Waiver> waivers = ParseWaivers(*file, detail::BuiltinRules(), sink);
  std::string diagnostics = detail::CheckedDiagnostics(sink, sources, outcome.violations);
  outcome.summary = std::to_string(waivers.size()) + " waiver(s), " +
                    std::to_string(sink.diagnostics().size()) + " diagnostic(s)";
  if (!diagnostics.empty()) outcome.summary += "\n" + diagnostics;
  if (sink.has_errors()) return outcome;  // the command stops here (exit 2)
  std::vector<const Rule*> rules = detail::BuiltinRulePointers();
  LintResult result = detail::ExampleResult();
  ApplyWaivers(waivers, std::string(kFuzzNow), rules, result);
  detail::RenderEveryFormat(result, detail::RuleTargetSnapshot(), rules, outcome.violations);
  size_t waived = std::count_if(result.findings.begin(), result.findings.end(),
                                [](const Finding& f) { return f.waived; });
  outcome.summary += "\napplied: " + std::to_string(waived) + " of " +
                     std::to_string(result.findings.size()) + " finding(s) waived, " +
                     std::to_string(result.tool_diagnostics.size()) + " tool diagnostic(s)";
  return outcome;
}

/// A .hybridlint.yaml (ParseConfig against the built-in rules), then the
/// --show-config rendering of the merged settings.
inline FuzzOutcome FuzzConfig(std::string_view data) {
  FuzzOutcome outcome;
  SourceSet sources;
  const SourceFile* file = detail::DecodeSettingsFile(data, ".hybridlint.yaml", sources, outcome);
  if (file == nullptr) return outcome;
  DiagnosticSink sink;
  Settings settings = DefaultSettings(std::string(kFuzzNow));
  bool ok = ParseConfig(*file, detail::BuiltinRules(), settings, sink);
  std::string diagnostics = detail::CheckedDiagnostics(sink, sources, outcome.violations);
  std::string shown = RenderSettings(settings);
  if (!IsValidUtf8(shown)) outcome.violations.push_back("the settings do not render as UTF-8");
  outcome.summary = std::string(ok ? "ok" : "error") + ", " +
                    std::to_string(sink.diagnostics().size()) + " diagnostic(s)";
  if (!diagnostics.empty()) outcome.summary += "\n" + diagnostics;
  if (ok) outcome.summary += "\n" + shown;
  return outcome;
}

/// A baseline file (ParseBaseline), applied to the example's findings.
inline FuzzOutcome FuzzBaseline(std::string_view data) {
  FuzzOutcome outcome;
  SourceSet sources;
  const SourceFile* file = detail::DecodeSettingsFile(data, "baseline.json", sources, outcome);
  if (file == nullptr) return outcome;
  DiagnosticSink sink;
  Baseline baseline;
  bool ok = ParseBaseline(*file, baseline, sink);
  std::string diagnostics = detail::CheckedDiagnostics(sink, sources, outcome.violations);
  outcome.summary = std::string(ok ? "ok" : "error") + ": " +
                    std::to_string(baseline.entries.size()) + " entr(y/ies), " +
                    std::to_string(sink.diagnostics().size()) + " diagnostic(s)";
  if (!diagnostics.empty()) outcome.summary += "\n" + diagnostics;
  if (!ok) return outcome;
  std::vector<const Rule*> rules = detail::BuiltinRulePointers();
  LintResult result = detail::ExampleResult();
  ApplyBaseline(baseline, rules, result);
  detail::RenderEveryFormat(result, detail::RuleTargetSnapshot(), rules, outcome.violations);
  std::string rewritten = SerializeBaseline(BaselineEntries(result, &baseline, rules));
  if (!IsValidUtf8(rewritten)) outcome.violations.push_back("the rewritten baseline is not UTF-8");
  size_t marked = std::count_if(result.findings.begin(), result.findings.end(),
                                [](const Finding& f) { return f.baselined; });
  outcome.summary += "\napplied: " + std::to_string(marked) + " of " +
                     std::to_string(result.findings.size()) + " finding(s) baselined";
  return outcome;
}

/// `diagnose "TEXT" examples/contoso-broken`: the pasted bytes as the
/// command line gives them (any bytes), normalized and matched against the
/// built-in catalog, the linked rules run on the example, both reports.
inline FuzzOutcome FuzzDiagnose(std::string_view data) {
  FuzzOutcome outcome;
  ErrorText text = NormalizeErrorText(std::string(data));
  if (text.origin.size() != text.text.size() + 1 || text.origin.back() != text.raw.size()) {
    outcome.violations.push_back("ErrorText::origin does not map every byte of the text");
  }
  for (uint32_t o : text.origin) {
    if (o > text.raw.size()) {
      outcome.violations.push_back("ErrorText::origin points past the raw text");
      break;
    }
  }
  for (const LidMarker& lid : text.lids) {
    if (lid.begin > lid.end || lid.end > text.raw.size()) {
      outcome.violations.push_back("a LID marker lies outside the raw text");
    }
  }
  MatchResult matches = MatchErrorText(detail::BuiltinCatalog(), text);
  for (const EntryMatch& m : matches.matches) {
    for (const SignatureHit& hit : m.signatures) {
      if (hit.raw_begin > hit.raw_end || hit.raw_end > text.raw.size()) {
        outcome.violations.push_back("a signature hit lies outside the raw text");
      }
    }
  }
  std::vector<const Rule*> selected;
  for (const Rule& rule : detail::BuiltinRules()) {
    bool linked = std::any_of(matches.matches.begin(), matches.matches.end(), [&](const EntryMatch& m) {
      auto ids = m.entry->LinkedRules();
      return std::find(ids.begin(), ids.end(), rule.id) != ids.end();
    });
    if (linked) selected.push_back(&rule);
  }
  LintResult lint = RunRules(selected, detail::RuleTargetSnapshot(), EngineOptions{std::string(kFuzzNow)});
  DiagnoseReport report{&text, "", &matches, &lint, &detail::RuleTargetSnapshot()};
  std::string rendered = RenderDiagnoseText(report);
  std::string json = RenderDiagnoseJson(report).dump(
      2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  // Text keeps the user's bytes; UTF-8 in, UTF-8 out.
  if (IsValidUtf8(data) && !IsValidUtf8(rendered)) {
    outcome.violations.push_back("the diagnose report is not UTF-8 for UTF-8 input");
  }
  outcome.summary = std::to_string(matches.matches.size()) + " match(es):";
  for (const EntryMatch& m : matches.matches) {
    outcome.summary += " " + m.entry->id + "(" + std::to_string(m.score) + ")";
  }
  outcome.summary += "; nearest:";
  for (const NearEntry& n : matches.nearest) {
    outcome.summary += " " + n.entry->id + "(" + std::to_string(n.percent) + "%)";
  }
  outcome.summary += "; " + std::to_string(selected.size()) + " linked rule(s) ran";
  return outcome;
}

/// One fuzz target: its name (fuzz_<name> binary,
/// fixtures/fuzz-regressions/<name>/) and entry function.
struct FuzzTarget {
  std::string_view name;
  FuzzOutcome (*run)(std::string_view data);
};

/// The only list of fuzz targets.
inline constexpr FuzzTarget kFuzzTargets[] = {
    {"decode", FuzzDecode},
    {"clixml", FuzzClixml},
    {"json", FuzzJson},
    {"format_list", FuzzFormatList},
    {"csv", FuzzCsv},
    {"yaml", FuzzYaml},
    {"snapshot", FuzzSnapshot},
    {"rules", FuzzRules},
    {"normalize", FuzzNormalize},
    {"waivers", FuzzWaivers},
    {"config", FuzzConfig},
    {"baseline", FuzzBaseline},
    {"diagnose", FuzzDiagnose},
};

/// The target named `name`, or nullptr.
inline const FuzzTarget* FindFuzzTarget(std::string_view name) {
  for (const FuzzTarget& target : kFuzzTargets) {
    if (target.name == name) return &target;
  }
  return nullptr;
}

}  // namespace lint::fuzz
