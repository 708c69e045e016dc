#pragma once

#include <expected>

#include "lint/import/importer.h"

namespace lint {

/// See ImporterInfo::recognize.
Recognition RecognizeJson(const SourceFile& file);
/// See ImporterInfo::import.
std::expected<ImportResult, ImportError> ImportJson(const SourceFile& file,
                                                  const ImportLimits& limits);

}  // namespace lint
