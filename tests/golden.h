#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace lint::testing {

/// The repository root (compile definition), so tests find checks/ and
/// fixtures/ from any build directory.
std::filesystem::path SourceDir();

/// Reads a whole file; empty when missing.
std::string ReadFile(const std::filesystem::path& path);

/// Compares `actual` with the file at `expected_path`. With
/// HYBRIDLINT_UPDATE_GOLDENS=1 the file is rewritten instead (and created if
/// missing); review `git diff` before committing. A missing file is a
/// failure, never an empty expectation.
void CheckGolden(const std::filesystem::path& expected_path, std::string_view actual);

/// True when goldens are being rewritten.
bool UpdatingGoldens();

/// Replaces every occurrence of `from` in `text`.
std::string ReplaceAll(std::string text, std::string_view from, std::string_view to);

}  // namespace lint::testing
