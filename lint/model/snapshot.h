#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/import/importer.h"
#include "lint/model/value.h"
#include "lint/source/source_file.h"

namespace lint {

enum class Side { kUnknown, kOnPrem, kCloud };

/// "onprem", "cloud", "unknown".
const char* SideName(Side side);
/// "on-premises", "cloud" for messages.
const char* SideWords(Side side);
std::optional<Side> ParseSide(std::string_view text);

/// One imported, normalized object.
struct Object {
  Side side = Side::kUnknown;
  std::string kind;       ///< empty when the kind could not be told
  std::string identity;
  SourceSpan span;
  size_t input = 0;       ///< index into Snapshot::inputs
  /// kObject: normalized properties, each a field with `name` and `span`.
  Value properties;
  /// Property -> why the export does not have it (lost or never exported).
  std::map<std::string, std::string> missing_reasons;

  const Value* Get(std::string_view property) const { return properties.Field(property); }
};

/// A problem with an input that did not stop the reading.
struct InputWarning {
  std::string message;
  std::string property;
  SourceSpan span;
};

/// One file read.
struct InputFile {
  std::string path;      ///< display path
  std::string format;    ///< importer name
  std::string encoding;  ///< EncodingName()
  uint32_t file_id = SourceSpan::kNoFile;
  std::vector<InputWarning> warnings;
  /// The kind named by the file name (Get-Xxx.ext), for empty exports.
  std::string file_kind;
  Side side = Side::kUnknown;
};

/// What snapshot.yaml says (all optional).
struct Manifest {
  std::string path;
  std::string organization;
  std::string collected_at;
  std::string collected_by;
  std::string cloud_instance;
  std::vector<std::string> onprem_domains;
  std::string tenant;
};

/// Everything one organization exported.
class Snapshot {
 public:
  SourceSet sources;
  std::vector<InputFile> inputs;
  std::vector<Object> objects;
  Manifest manifest;

  /// Objects of `kind` on `side` (kUnknown: any side), in input order.
  std::vector<const Object*> Find(std::string_view kind, Side side) const;
  /// True when an export of `kind` for `side` was given, even if empty.
  bool HasExport(std::string_view kind, Side side) const;
  /// The cmdlet name for messages ("Get-OrganizationRelationship").
  std::string CmdletOf(std::string_view kind) const;
  /// "path:line:col" for a span, or the path alone.
  std::string Where(SourceSpan span) const;
};

}  // namespace lint
