#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lint/source/encoding.h"
#include "lint/source/source_span.h"

namespace lint {

/// 1-based line and column. Columns count Unicode code points.
struct LineColumn {
  uint32_t line = 0;
  uint32_t column = 0;
};

/// Maps byte offsets of a UTF-8 text to lines and columns. CRLF, LF and a
/// lone CR each end one line.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  /// `offset` is clamped to the text size.
  LineColumn Locate(std::string_view text, uint32_t offset) const;
  /// The text of 1-based `line` without its line break.
  std::string_view Line(std::string_view text, uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(starts_.size()); }

 private:
  std::vector<uint32_t> starts_;  // byte offset where each line begins
};

/// One input file, decoded once. Every span of the library points into
/// `text()`.
class SourceFile {
 public:
  SourceFile(uint32_t id, std::string display_path, Encoding encoding, std::string text);

  uint32_t id() const { return id_; }
  /// The path as the user gave it (or relative to the snapshot root).
  const std::string& display_path() const { return display_path_; }
  Encoding encoding() const { return encoding_; }
  const std::string& text() const { return text_; }
  const LineIndex& lines() const { return lines_; }

  LineColumn Locate(uint32_t offset) const { return lines_.Locate(text_, offset); }
  SourceSpan Span(size_t begin, size_t end) const {
    return SourceSpan{id_, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
  }

 private:
  uint32_t id_;
  std::string display_path_;
  Encoding encoding_;
  std::string text_;
  LineIndex lines_;
};

/// Owns every SourceFile of a run; ids are indexes.
class SourceSet {
 public:
  /// Adds a file and returns it; references stay valid (files are held by
  /// pointer).
  const SourceFile& Add(std::string display_path, Encoding encoding, std::string text);
  const SourceFile* Find(uint32_t id) const {
    return id < files_.size() ? files_[id].get() : nullptr;
  }
  size_t size() const { return files_.size(); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace lint
