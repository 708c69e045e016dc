#pragma once

#include <cstddef>

#include <yaml-cpp/yaml.h>

#include "lint/source/source_file.h"

namespace lint {

/// The span of `length` bytes at a yaml-cpp mark (marks are byte offsets
/// into the decoded text yaml-cpp was given), cut at the end of its line and
/// at least one byte wide. A null mark points at the start of the file.
SourceSpan YamlMarkSpan(const SourceFile& file, const YAML::Mark& mark, size_t length);

/// The span of a node as written: a scalar with its quotes, or the first
/// line of a mapping or list (trailing spaces trimmed).
SourceSpan YamlNodeSpan(const SourceFile& file, const YAML::Node& node);

}  // namespace lint
