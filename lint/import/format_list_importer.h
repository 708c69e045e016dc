#pragma once

#include <expected>

#include "lint/import/importer.h"

namespace lint {

/// See ImporterInfo::recognize.
Recognition RecognizeFormatList(const SourceFile& file);
/// See ImporterInfo::import.
std::expected<ImportResult, ImportError> ImportFormatList(const SourceFile& file,
                                                  const ImportLimits& limits);

}  // namespace lint
