#include "lint/model/snapshot.h"

#include "lint/model/kind_schema.h"

namespace lint {

const char* SideName(Side side) {
  switch (side) {
    case Side::kOnPrem: return "onprem";
    case Side::kCloud: return "cloud";
    case Side::kUnknown: return "unknown";
  }
  return "unknown";
}

const char* SideWords(Side side) {
  switch (side) {
    case Side::kOnPrem: return "on-premises";
    case Side::kCloud: return "cloud";
    case Side::kUnknown: return "unknown";
  }
  return "unknown";
}

std::optional<Side> ParseSide(std::string_view text) {
  if (EqualsIgnoreCase(text, "onprem") || EqualsIgnoreCase(text, "on-premises") ||
      EqualsIgnoreCase(text, "on-prem") || EqualsIgnoreCase(text, "onpremises")) {
    return Side::kOnPrem;
  }
  if (EqualsIgnoreCase(text, "cloud") || EqualsIgnoreCase(text, "exo") ||
      EqualsIgnoreCase(text, "online") || EqualsIgnoreCase(text, "exchange-online")) {
    return Side::kCloud;
  }
  return std::nullopt;
}

std::vector<const Object*> Snapshot::Find(std::string_view kind, Side side) const {
  std::vector<const Object*> out;
  for (const Object& o : objects) {
    if (EqualsIgnoreCase(o.kind, kind) && (side == Side::kUnknown || o.side == side)) {
      out.push_back(&o);
    }
  }
  return out;
}

bool Snapshot::HasExport(std::string_view kind, Side side) const {
  if (!Find(kind, side).empty()) return true;
  for (const InputFile& in : inputs) {
    if (EqualsIgnoreCase(in.file_kind, kind) && (side == Side::kUnknown || in.side == side)) {
      return true;
    }
  }
  return false;
}

std::string Snapshot::CmdletOf(std::string_view kind) const {
  if (const KindSchema* k = ModelSchema::Builtin().FindKind(kind); k && !k->cmdlet.empty()) {
    return k->cmdlet;
  }
  return "Get-" + std::string(kind);
}

std::string Snapshot::Where(SourceSpan span) const {
  const SourceFile* file = sources.Find(span.file_id);
  if (file == nullptr) return "";
  LineColumn lc = file->Locate(span.begin);
  return file->display_path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

}  // namespace lint
