#include "lint/source/source_file.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace lint {

LineIndex::LineIndex(std::string_view text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    // Skip eight bytes at a time while none is a control character up to
    // '\r' (0x0D): only those can end a line.
    while (i + 8 <= text.size()) {
      uint64_t v;
      std::memcpy(&v, text.data() + i, 8);
      constexpr uint64_t kBelow = 0x0E0E0E0E0E0E0E0Eull, kHigh = 0x8080808080808080ull;
      if (((v - kBelow) & ~v & kHigh) != 0) break;
      i += 8;
    }
    if (i >= text.size()) break;
    if (text[i] == '\n') {
      starts_.push_back(static_cast<uint32_t>(i + 1));
    } else if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) {
      starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  }
}

LineColumn LineIndex::Locate(std::string_view text, uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  size_t line = static_cast<size_t>(it - starts_.begin());  // 1-based
  uint32_t start = starts_[line - 1];
  uint32_t column = 1;
  for (uint32_t i = start; i < offset; ++i) {
    // Count code points: skip UTF-8 continuation bytes.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return LineColumn{static_cast<uint32_t>(line), column};
}

std::string_view LineIndex::Line(std::string_view text, uint32_t line) const {
  if (line == 0 || line > starts_.size()) return {};
  uint32_t begin = starts_[line - 1];
  uint32_t end = line < starts_.size() ? starts_[line] : static_cast<uint32_t>(text.size());
  std::string_view s = text.substr(begin, end - begin);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

SourceFile::SourceFile(uint32_t id, std::string display_path, Encoding encoding, std::string text)
    : id_(id),
      display_path_(std::move(display_path)),
      encoding_(encoding),
      text_(std::move(text)),
      lines_(text_) {}

const SourceFile& SourceSet::Add(std::string display_path, Encoding encoding, std::string text) {
  auto id = static_cast<uint32_t>(files_.size());
  files_.push_back(std::make_unique<SourceFile>(id, std::move(display_path), encoding, std::move(text)));
  return *files_.back();
}

}  // namespace lint
