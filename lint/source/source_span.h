#pragma once

#include <cstdint>

namespace lint {

/// A half-open byte range [begin, end) into the decoded UTF-8 text of one
/// SourceFile. Line and column are computed only when printing
/// (see LineIndex). A span with file_id == kNoFile points nowhere.
struct SourceSpan {
  static constexpr uint32_t kNoFile = 0xffffffffu;
  uint32_t file_id = kNoFile;
  uint32_t begin = 0;
  uint32_t end = 0;

  bool valid() const { return file_id != kNoFile; }
  friend bool operator==(const SourceSpan&, const SourceSpan&) = default;
};

}  // namespace lint
