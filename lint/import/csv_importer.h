#pragma once

#include <expected>

#include "lint/import/importer.h"

namespace lint {

/// See ImporterInfo::recognize.
Recognition RecognizeCsv(const SourceFile& file);
/// See ImporterInfo::import.
std::expected<ImportResult, ImportError> ImportCsv(const SourceFile& file,
                                                  const ImportLimits& limits);

}  // namespace lint
