#pragma once

#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lint/model/value.h"
#include "lint/source/source_file.h"
#include "lint/util/limits.h"

namespace lint {

/// How sure an importer is, from a cheap look at the text, that it can
/// read a file.
enum class Recognition { kNo, kMaybe, kYes };

/// Something an importer noticed but could read past: a truncated list,
/// a value the format lost, an ambiguous date, a duplicate key.
struct ImportWarning {
  std::string message;
  std::string property;  ///< the property it concerns, or empty
  SourceSpan span;
};

/// One object as the format gave it: its fields, not yet normalized.
struct RawObject {
  /// Type names from the file (CLIXML <TN>, CSV #TYPE), most specific
  /// first, `Deserialized.`/`Selected.` prefixes stripped. May be empty.
  std::vector<std::string> type_names;
  /// kObject; each field a property (CLIXML Props and MS merged).
  Value properties;
  /// Side/kind given explicitly by the format (YAML snapshots); empty when
  /// the builder must infer them.
  std::string kind;
  std::string side;
  /// The whole object in the file.
  SourceSpan span;
};

/// What one file held.
struct ImportResult {
  std::vector<RawObject> objects;
  std::vector<ImportWarning> warnings;
};

/// A file that could not be read at all: where and what was expected.
struct ImportError {
  std::string message;  ///< "expected ',' or '}' after an object member"
  SourceSpan span;      ///< the offending position (begin == end allowed)
};

/// Limits an importer must respect rather than exhaust the machine.
/// Each exceeded limit is an ImportError at the offending position whose
/// message comes from lint/util/limits.h (DepthLimitMessage, ...).
struct ImportLimits {
  size_t max_depth = Limits{}.max_depth;                ///< nesting of XML elements, JSON and YAML values
  size_t max_objects = Limits{}.max_objects;            ///< objects per file
  size_t max_string_bytes = Limits{}.max_string_bytes;  ///< bytes of one string value
};

/// One input format.
///
/// To add a format: write <format>_importer.{h,cc} providing the two
/// functions below, add one row to kImporters in importers.cc, and add
/// fixtures/importers/<format>/. Nothing else changes.
struct ImporterInfo {
  /// Stable name for dumps and messages: "clixml", "json", "format-list",
  /// "csv", "yaml".
  std::string_view name;
  /// One line for `hybridlint formats`.
  std::string_view summary;
  /// Must not throw. Looks only at the start of the text.
  Recognition (*recognize)(const SourceFile& file);
  /// Reads every object in `file`. Never throws: library exceptions are
  /// caught inside the importer and become an ImportError with a span.
  std::expected<ImportResult, ImportError> (*import)(const SourceFile& file,
                                                     const ImportLimits& limits);
};

/// Every importer, in tie-breaking order.
std::span<const ImporterInfo> AllImporters();

/// The importer for `file`: the first kYes, else the first kMaybe, else
/// nullptr.
const ImporterInfo* DetectImporter(const SourceFile& file);

}  // namespace lint
