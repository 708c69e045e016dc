#include "lint/util/limits.h"

#include <cctype>

namespace lint {

namespace {

constexpr size_t kMaxByteSize = size_t{1} << 62;

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Digits to a number; false when it does not fit below `max`.
bool ToNumber(std::string_view digits, size_t max, size_t& out) {
  out = 0;
  for (char c : digits) {
    size_t d = static_cast<size_t>(c - '0');
    if (out > (max - d) / 10) return false;
    out = out * 10 + d;
  }
  return true;
}

}  // namespace

std::expected<size_t, std::string> ParseByteSize(std::string_view text) {
  const std::string expected = "expected a size such as 512MiB, 1GiB, 64KiB or a number of bytes, found '" +
                               std::string(text) + "'";
  size_t split = 0;
  while (split < text.size() && text[split] >= '0' && text[split] <= '9') ++split;
  std::string_view digits = text.substr(0, split), unit = text.substr(split);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  if (!AllDigits(digits)) return std::unexpected(expected);
  std::string u;
  for (char c : unit) u += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t multiplier = 0;
  if (u.empty() || u == "b" || u == "bytes") multiplier = 1;
  else if (u == "kib" || u == "ki" || u == "k") multiplier = size_t{1} << 10;
  else if (u == "mib" || u == "mi" || u == "m") multiplier = size_t{1} << 20;
  else if (u == "gib" || u == "gi" || u == "g") multiplier = size_t{1} << 30;
  else if (u == "tib" || u == "ti" || u == "t") multiplier = size_t{1} << 40;
  else if (u == "kb") multiplier = 1000;
  else if (u == "mb") multiplier = 1000 * 1000;
  else if (u == "gb") multiplier = 1000 * 1000 * 1000;
  else if (u == "tb") multiplier = size_t{1000} * 1000 * 1000 * 1000;
  else return std::unexpected(expected);
  size_t n = 0;
  if (!ToNumber(digits, kMaxByteSize / multiplier, n)) {
    return std::unexpected("expected a size of at most 4 EiB, found '" + std::string(text) + "'");
  }
  if (n == 0) return std::unexpected("expected a size of at least 1 byte, found '" + std::string(text) + "'");
  return n * multiplier;
}

std::expected<size_t, std::string> ParseCount(std::string_view text, size_t max) {
  size_t n = 0;
  if (!AllDigits(text) || !ToNumber(text, max, n) || n == 0) {
    std::string range = max >= (size_t{1} << 40) ? "1 or more" : "from 1 to " + std::to_string(max);
    return std::unexpected("expected a whole number " + range + ", found '" + std::string(text) + "'");
  }
  return n;
}

std::string ByteSizeText(size_t bytes) {
  static const char* const kUnits[] = {"TiB", "GiB", "MiB", "KiB"};
  for (int i = 0; i < 4; ++i) {
    size_t unit = size_t{1} << (10 * (4 - i));
    if (bytes >= unit && bytes % unit == 0) return std::to_string(bytes / unit) + " " + kUnits[i];
  }
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

std::string ByteSizeValue(size_t bytes) {
  std::string text = ByteSizeText(bytes);
  if (text.ends_with("byte") || text.ends_with("bytes")) return std::to_string(bytes);
  text.erase(text.find(' '), 1);
  return text;
}

Limits LimitOverrides::Apply(Limits base) const {
  if (max_file_bytes) base.max_file_bytes = *max_file_bytes;
  if (max_depth) base.max_depth = *max_depth;
  if (max_objects) base.max_objects = *max_objects;
  if (max_string_bytes) base.max_string_bytes = *max_string_bytes;
  if (max_rules) base.max_rules = *max_rules;
  return base;
}

std::string LimitMessage(const std::string& what, const std::string& limit, std::string_view flag) {
  return what + "; the limit is " + limit + " (raise it with --" + std::string(flag) + ")";
}

std::string DepthLimitMessage(size_t limit, const std::string& detail) {
  return LimitMessage("values nest more than " + std::to_string(limit) + (limit == 1 ? " level" : " levels") + " deep" +
                          detail,
                      std::to_string(limit), "max-depth");
}

std::string ObjectLimitMessage(size_t limit) {
  return LimitMessage("more than " + std::to_string(limit) + (limit == 1 ? " object" : " objects") + " in one file",
                      std::to_string(limit),
                      "max-objects");
}

std::string StringLimitMessage(size_t limit) {
  return LimitMessage("a string of more than " + std::to_string(limit) + " bytes", ByteSizeText(limit),
                      "max-string-size");
}

std::string FileSizeLimitMessage(size_t size, size_t limit) {
  return LimitMessage("file is " + std::to_string(size) + " bytes", ByteSizeText(limit), "max-file-size");
}

}  // namespace lint
