#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace lint {

/// The encodings PowerShell writes (see serialization-reference B.2).
enum class Encoding { kUtf8, kUtf8Bom, kUtf16LeBom, kUtf16BeBom, kUtf16LeNoBom };

/// Stable name for dumps and reports: "utf-8", "utf-8-bom", "utf-16le-bom",
/// "utf-16be-bom", "utf-16le".
std::string_view EncodingName(Encoding encoding);

/// The result of decoding a file once.
struct DecodedText {
  Encoding encoding = Encoding::kUtf8;
  /// UTF-8 without BOM; line endings are kept as they were (CRLF stays
  /// CRLF), so every offset computed on it maps to one line/column of the
  /// original file.
  std::string text;
};

/// Sniffs the BOM (or, without one, a UTF-16LE pattern of ASCII followed by
/// NUL bytes) and converts to UTF-8. Fails with a message and the byte
/// offset of the problem for invalid UTF-8, unpaired surrogates, an odd
/// number of UTF-16 bytes, or NUL bytes in what looks like UTF-8 (binary).
struct DecodeError {
  std::string message;
  size_t offset = 0;  ///< byte offset in the raw file
};
std::expected<DecodedText, DecodeError> DecodeText(std::string_view raw);

/// Appends the UTF-8 encoding of `code_point` to `out`.
void AppendUtf8(std::string& out, char32_t code_point);

/// `s` with every byte that is not part of a well-formed UTF-8 sequence
/// replaced by U+FFFD. For library messages that quote single bytes
/// (yaml-cpp's "unknown escape character: \xEF"), so that reports stay
/// text (found by fuzz/: fixtures/fuzz-regressions/yaml/).
std::string ToValidUtf8(std::string_view s);

}  // namespace lint
