#include "lint/import/clixml_importer.h"
#include "lint/import/csv_importer.h"
#include "lint/import/format_list_importer.h"
#include "lint/import/importer.h"
#include "lint/import/json_importer.h"
#include "lint/import/yaml_importer.h"

namespace lint {

namespace {

// The only list of input formats. Order breaks ties between kMaybe answers:
// the stricter formats first, Format-List (the loosest) last.
constexpr ImporterInfo kImporters[] = {
    {"clixml", "Export-Clixml (PowerShell CLIXML, <Objs Version=...>)", RecognizeClixml, ImportClixml},
    {"json", "ConvertTo-Json (Windows PowerShell 5.1 and PowerShell 7)", RecognizeJson, ImportJson},
    {"yaml", "hybridlint YAML snapshot (objects: [...])", RecognizeYaml, ImportYaml},
    {"csv", "Export-Csv / ConvertTo-Csv (with or without #TYPE)", RecognizeCsv, ImportCsv},
    {"format-list", "Format-List text (Name : Value)", RecognizeFormatList, ImportFormatList},
};

}  // namespace

std::span<const ImporterInfo> AllImporters() { return kImporters; }

const ImporterInfo* DetectImporter(const SourceFile& file) {
  const ImporterInfo* maybe = nullptr;
  for (const ImporterInfo& info : kImporters) {
    Recognition r = info.recognize(file);
    if (r == Recognition::kYes) return &info;
    if (r == Recognition::kMaybe && maybe == nullptr) maybe = &info;
  }
  return maybe;
}

}  // namespace lint
