#pragma once

#include <expected>

#include "lint/import/importer.h"

namespace lint {

/// See ImporterInfo::recognize.
Recognition RecognizeYaml(const SourceFile& file);
/// See ImporterInfo::import.
std::expected<ImportResult, ImportError> ImportYaml(const SourceFile& file,
                                                  const ImportLimits& limits);

}  // namespace lint
