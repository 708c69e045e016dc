// The promise, checked: every rule fires on the same
// misconfiguration whichever of the five formats it arrives in. Each bad-*
// fixture case is loaded, run with its rule alone (as
// tests/check_fixtures_test.cc does), written back out as Export-Clixml,
// ConvertTo-Json, Format-List and Export-Csv (tests/format_writers.h),
// reloaded, and run again: findings and not-evaluated lists must not change.
//
// Some values cannot survive a format at all (a list of strings in a CSV
// field, a multi-line string in Format-List). A case that holds one skips
// that one format with a MESSAGE saying why; the reasons are the explicit
// list in CannotCarry() and their number is checked to stay small.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "lint/diag/render.h"
#include "lint/model/kind_schema.h"
#include "lint/model/snapshot_dump.h"
#include "lint/model/snapshot_loader.h"
#include "lint/rules/engine.h"
#include "lint/rules/rule_loader.h"
#include "tests/format_writers.h"
#include "tests/golden.h"

namespace lint {
namespace {

namespace fs = std::filesystem;
using Base = PropertyType::Base;

/// The date every fixture is evaluated at (as in check_fixtures_test.cc).
constexpr const char* kFixtureNow = "2026-11-22";

/// At most this many (case, format) pairs may be skipped; raise it only
/// with a reason in CannotCarry().
constexpr size_t kMaxSkips = 16;

/// One real export format: its writer and how Windows PowerShell 5.1 puts
/// it on disk.
struct ExportFormat {
  std::string_view name;
  const char* extension;
  std::string (*write)(const std::vector<const Object*>&);
  enum class Bytes { kUtf16LeBom, kUtf8Bom } bytes;
};

constexpr ExportFormat kFormats[] = {
    // Export-Clixml: UTF-16LE with BOM.
    {"Export-Clixml", "xml", testing::WriteClixml, ExportFormat::Bytes::kUtf16LeBom},
    // ConvertTo-Json | Out-File: UTF-16LE with BOM.
    {"ConvertTo-Json", "json", testing::WriteJson, ExportFormat::Bytes::kUtf16LeBom},
    // Format-List | Out-File: UTF-16LE with BOM.
    {"Format-List", "txt", testing::WriteFormatList, ExportFormat::Bytes::kUtf16LeBom},
    // Export-Csv -Encoding UTF8 (the ASCII default would turn non-ASCII into '?').
    {"Export-Csv", "csv", testing::WriteCsv, ExportFormat::Bytes::kUtf8Bom},
};

bool Is(const ExportFormat& format, std::string_view name) { return format.name == name; }

std::string NameOf(const ExportFormat& format) { return std::string(format.name); }

const KindSchema* KindOf(const Object& object) { return ModelSchema::Builtin().FindKind(object.kind); }

const PropertyType* TypeOf(const Object& object, std::string_view property) {
  const KindSchema* kind = KindOf(object);
  return kind ? kind->FindProperty(property) : nullptr;
}

std::string Where(const Object& object, const std::string& property) {
  return std::string(SideName(object.side)) + " " + object.kind + " '" + object.identity + "' " + property;
}

bool HasLoss(const Value& v) {
  if (v.loss != Loss::kNone) return true;
  return std::any_of(v.items.begin(), v.items.end(), HasLoss);
}

// The element types whose space-joined CSV text the normalizer splits back
// into items (NormalizeValue, "splittable").
bool CsvSplitsItems(const PropertyType* element) {
  if (!element) return false;
  switch (element->base) {
    case Base::kEnum:
    case Base::kToken:
    case Base::kDomain:
    case Base::kGuid:
    case Base::kFlags:
    case Base::kSmtpAddress: return true;
    default: return false;
  }
}

/// Why `format` cannot carry the case's values, or nullopt when it can.
/// Every reason is a loss of the format itself, never an importer's:
///  1. (all formats) the case's own export already cut or lost a value (a
///     Format-List list ending in `...`): no writer produces truncation;
///  2. (Format-List, Export-Csv) a certificate-typed property holds a
///     certificate: both print only the X509 text block;
///  3. (Format-List) a string with a line break (continuation lines are
///     joined as wrapped text), or with blanks at either end (FL trims
///     them); a list item holding ", " or ending in "..." (FL's list
///     syntax cannot quote it);
///  4. (Export-Csv) a list of two or more items whose type the normalizer
///     keeps whole (string, uri, adobjectid: `a b` is one item or two), or
///     an item of a split type (enum, token, domain, ...) holding a space,
///     comma or semicolon (the item separators);
///  5. (Export-Csv) objects of one export with different property sets: the
///     header is shared, so a property one object lacks reads as null.
std::optional<std::string> CannotCarry(const ExportFormat& format, const Snapshot& snapshot) {
  for (const Object& o : snapshot.objects) {
    for (const Value& p : o.properties.items) {
      if (HasLoss(p)) {
        return Where(o, p.name) + " was already cut or lost by the case's own export; the writers never truncate";
      }
    }
  }
  bool fl = Is(format, "Format-List");
  bool csv = Is(format, "Export-Csv");
  if (!fl && !csv) return std::nullopt;
  for (const Object& o : snapshot.objects) {
    for (const Value& p : o.properties.items) {
      const PropertyType* type = TypeOf(o, p.name);
      if (type && type->base == Base::kCertificate && p.is_object()) {
        return Where(o, p.name) + " is a certificate: " + NameOf(format) + " prints only the X509 text block";
      }
      std::vector<const Value*> texts;
      if (p.is_string()) texts.push_back(&p);
      if (p.is_list()) {
        for (const Value& item : p.items) texts.push_back(&item);
      }
      if (fl) {
        for (const Value* t : texts) {
          if (!t->is_string()) continue;
          const std::string& s = t->text;
          if (s.find_first_of("\r\n") != std::string::npos) {
            return Where(o, p.name) + " holds a line break, which Format-List's continuation lines lose";
          }
          if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.back() == ' ' || s.back() == '\t')) {
            return Where(o, p.name) + " has blanks at an end, which Format-List trims";
          }
          if (p.is_list() && (s.find(", ") != std::string::npos || s.ends_with("...") || s.ends_with("\u2026"))) {
            return Where(o, p.name) + " has an item '" + s + "' that reads as a list separator or truncation in {a, b}";
          }
        }
      }
      if (csv && p.is_list() && !(type && type->base == Base::kFlags)) {
        const PropertyType* element = type && type->base == Base::kList ? &type->element.front() : nullptr;
        if (!CsvSplitsItems(element) && p.items.size() >= 2) {
          return Where(o, p.name) + " is a list of " + std::to_string(p.items.size()) +
                 " items whose type is kept whole: Export-Csv's space-joined text reads as one item";
        }
        for (const Value* t : texts) {
          if (t->is_string() && t->text.find_first_of(" ,;\t") != std::string::npos) {
            return Where(o, p.name) + " has an item '" + t->text + "' holding an item separator";
          }
        }
      }
    }
  }
  if (csv) {
    std::map<std::pair<Side, std::string>, std::set<std::string>> columns;
    for (const Object& o : snapshot.objects) {
      std::set<std::string> names;
      for (const Value& p : o.properties.items) names.insert(ToLowerAscii(p.name));
      auto [it, inserted] = columns.try_emplace({o.side, o.kind}, names);
      if (!inserted && it->second != names) {
        return std::string("the ") + SideName(o.side) + " " + o.kind +
               " objects have different property sets; Export-Csv's one header makes the missing ones null";
      }
    }
  }
  return std::nullopt;
}

/// The objects of one (side, kind): one Get-Xxx export file.
struct ExportFile {
  Side side = Side::kUnknown;
  std::string kind;
  std::vector<const Object*> objects;
};

/// Groups the snapshot into export files; an input named after a cmdlet
/// that held no object stays an empty export of that kind.
std::vector<ExportFile> GroupExports(const Snapshot& snapshot) {
  std::vector<ExportFile> files;
  auto find = [&](Side side, const std::string& kind) -> ExportFile* {
    for (ExportFile& f : files) {
      if (f.side == side && EqualsIgnoreCase(f.kind, kind)) return &f;
    }
    return nullptr;
  };
  for (const Object& o : snapshot.objects) {
    if (o.kind.empty()) continue;  // no rule reads an object of unknown kind
    ExportFile* f = find(o.side, o.kind);
    if (!f) f = &files.emplace_back(ExportFile{o.side, o.kind, {}});
    f->objects.push_back(&o);
  }
  for (const InputFile& in : snapshot.inputs) {
    if (!in.file_kind.empty() && !find(in.side, in.file_kind)) files.push_back(ExportFile{in.side, in.file_kind, {}});
  }
  return files;
}

void WriteBytes(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

/// Writes the snapshot as `format` below `dir`: <side>/Get-<Kind>.<ext>,
/// plus the case's snapshot.yaml manifests where they were.
void WriteFormat(const ExportFormat& format, const Snapshot& snapshot, const fs::path& case_path,
                 const fs::path& dir) {
  for (const ExportFile& f : GroupExports(snapshot)) {
    const KindSchema* kind = ModelSchema::Builtin().FindKind(f.kind);
    std::string cmdlet = kind ? kind->cmdlet : "Get-" + f.kind;
    fs::path folder = f.side == Side::kUnknown ? dir : dir / SideName(f.side);
    // An empty pipeline leaves only the BOM: .NET's StreamWriter writes it
    // when the file is closed.
    std::string text = format.write(f.objects);
    std::string bytes = format.bytes == ExportFormat::Bytes::kUtf16LeBom ? testing::Utf16LeWithBom(text)
                                                                          : "\xEF\xBB\xBF" + text;
    WriteBytes(folder / (cmdlet + "." + format.extension), bytes);
  }
  if (fs::is_directory(case_path)) {
    for (const auto& entry : fs::recursive_directory_iterator(case_path)) {
      std::string name = ToLowerAscii(entry.path().filename().string());
      if (entry.is_regular_file() && (name == "snapshot.yaml" || name == "snapshot.yml")) {
        fs::path target = dir / fs::relative(entry.path(), case_path);
        fs::create_directories(target.parent_path());
        fs::copy_file(entry.path(), target, fs::copy_options::overwrite_existing);
      }
    }
  }
}

/// What one run of a rule says, without locations.
struct Outcome {
  std::vector<std::string> findings;
  std::vector<std::string> not_evaluated;
};

Outcome Summarize(const LintResult& result) {
  Outcome out;
  for (const Finding& f : result.findings) {
    out.findings.push_back((f.rule ? f.rule->id : "?") + " | " + SideName(f.side) + " | " + f.kind + " | " +
                           f.object + " | " + f.property + " | " + SeverityName(f.severity) +
                           (f.inactive_path ? " (inactive path)" : "") + " | " + f.message +
                           " | expected: " + f.expected);
  }
  for (const NotEvaluated& n : result.not_evaluated) {
    out.not_evaluated.push_back((n.rule ? n.rule->id : "?") + " | " + SideName(n.side) + " | " + n.kind + " | " +
                                n.object + " | " + n.reason);
  }
  std::sort(out.findings.begin(), out.findings.end());
  std::sort(out.not_evaluated.begin(), out.not_evaluated.end());
  return out;
}

/// "- only before: x" / "+ only after: y" lines of two sorted lists.
std::string Difference(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  std::string out;
  for (const std::string& s : before) {
    if (!std::binary_search(after.begin(), after.end(), s)) out += "\n  - yaml only:   " + s;
  }
  for (const std::string& s : after) {
    if (!std::binary_search(before.begin(), before.end(), s)) out += "\n  + format only: " + s;
  }
  return out;
}

/// The normalized properties that changed in the round trip, for the
/// failure message: "onprem Kind 'id' Prop: yaml X, format Y".
std::string PropertyChanges(const Snapshot& before, const Snapshot& after) {
  std::string out;
  for (const Object& o : before.objects) {
    const Object* match = nullptr;
    for (const Object& a : after.objects) {
      if (a.side == o.side && a.kind == o.kind && a.identity == o.identity) match = &a;
    }
    if (!match) {
      out += "\n  object lost or changed kind/side/identity: " + Where(o, "");
      continue;
    }
    for (const Value& p : o.properties.items) {
      const Value* q = match->Get(p.name);
      std::string was = ValueToJson(p).dump();
      std::string now = q ? ValueToJson(*q).dump() : "(absent)";
      if (was != now) out += "\n  " + Where(o, p.name) + ": yaml " + was + ", format " + now;
    }
    for (const Value& q : match->properties.items) {
      if (!o.Get(q.name)) out += "\n  " + Where(o, q.name) + ": yaml (absent), format " + ValueToJson(q).dump();
    }
  }
  return out;
}

/// Removes the temporary directory however the test ends.
struct TempDir {
  fs::path path;
  TempDir() {
    auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    path = fs::temp_directory_path() /
           ("hybridlint-cross-format-" + std::to_string(::getpid()) + "-" + std::to_string(now));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

}  // namespace

TEST_CASE("CrossFormatRules: every bad fixture fires the same findings in all five formats") {
  fs::path root = testing::SourceDir();
  fs::current_path(root);
  DiagnosticSink rule_sink;
  std::vector<Rule> rules = LoadRules(BuiltinRuleSources(), rule_sink);
  if (!rule_sink.diagnostics().empty()) {
    // The rule pack is being written; check_fixtures_test reports these.
    MESSAGE("rules that did not load are left out:\n" << RenderDiagnostics(rule_sink.diagnostics(), nullptr));
  }
  TempDir temp;
  size_t cases = 0;
  size_t runs = 0;
  size_t skips = 0;
  size_t run_id = 0;
  for (const Rule& rule : rules) {
    fs::path dir = root / "fixtures" / "checks" / rule.category / rule.name;
    if (!fs::is_directory(dir)) continue;  // fixtures not written yet
    std::vector<fs::path> bad_cases;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".expected") continue;
      if (entry.path().filename().string().starts_with("bad-")) bad_cases.push_back(entry.path());
    }
    std::sort(bad_cases.begin(), bad_cases.end());
    for (const fs::path& case_path : bad_cases) {
      std::string rel = fs::relative(case_path, root).generic_string();
      INFO("rule " << rule.id << " " << rule.name << ", case " << rel);
      RealFileSystem real;
      DiagnosticSink sink;
      Snapshot original = LoadSnapshot({rel}, real, LoadOptions{}, sink);
      CHECK_MESSAGE(!sink.has_errors(), RenderDiagnostics(sink.diagnostics(), &original.sources));
      if (sink.has_errors()) continue;
      Outcome expected = Summarize(RunRules({&rule}, original, EngineOptions{kFixtureNow}));
      CHECK_MESSAGE(!expected.findings.empty(), "a bad case where the rule finds nothing");
      ++cases;
      for (const ExportFormat& format : kFormats) {
        INFO("format " << NameOf(format));
        if (std::optional<std::string> why = CannotCarry(format, original)) {
          MESSAGE("skipped " << NameOf(format) << " for " << rule.id << " " << rel << ": " << *why);
          ++skips;
          continue;
        }
        fs::path out_dir = temp.path / std::to_string(run_id++);
        WriteFormat(format, original, case_path, out_dir);
        DiagnosticSink reload_sink;
        Snapshot reloaded = LoadSnapshot({out_dir.string()}, real, LoadOptions{}, reload_sink);
        CHECK_MESSAGE(!reload_sink.has_errors(),
                      "the importer rejected what " << NameOf(format) << " writes:\n"
                                                    << RenderDiagnostics(reload_sink.diagnostics(),
                                                                         &reloaded.sources));
        Outcome actual = Summarize(RunRules({&rule}, reloaded, EngineOptions{kFixtureNow}));
        ++runs;
        std::string changes = PropertyChanges(original, reloaded);
        CHECK_MESSAGE(expected.findings == actual.findings,
                      "findings differ" << Difference(expected.findings, actual.findings)
                                        << "\nnormalized properties that changed:" << changes);
        CHECK_MESSAGE(expected.not_evaluated == actual.not_evaluated,
                      "not-evaluated lists differ" << Difference(expected.not_evaluated, actual.not_evaluated)
                                                   << "\nnormalized properties that changed:" << changes);
        fs::remove_all(out_dir);
      }
    }
  }
  MESSAGE(cases << " bad cases, " << runs << " format runs, " << skips << " skipped");
  CHECK(cases > 0);
  CHECK_MESSAGE(skips <= kMaxSkips, "more formats skipped than the few CannotCarry() should need");
}

}  // namespace lint
