#pragma once

#include <span>
#include <string_view>

namespace lint {

/// A file of checks/ or schema/ compiled into the binary.
struct EmbeddedFile {
  std::string_view path;  ///< relative to the repository root, '/'-separated
  std::string_view contents;
};

/// Every embedded file, sorted by path (cmake/embed.cmake).
std::span<const EmbeddedFile> EmbeddedFiles();

}  // namespace lint
