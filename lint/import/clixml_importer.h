#pragma once

#include <expected>

#include "lint/import/importer.h"

namespace lint {

/// See ImporterInfo::recognize.
Recognition RecognizeClixml(const SourceFile& file);
/// See ImporterInfo::import.
std::expected<ImportResult, ImportError> ImportClixml(const SourceFile& file,
                                                  const ImportLimits& limits);

}  // namespace lint
