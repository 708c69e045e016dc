#include "lint/source/encoding.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace lint {

std::string_view EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8: return "utf-8";
    case Encoding::kUtf8Bom: return "utf-8-bom";
    case Encoding::kUtf16LeBom: return "utf-16le-bom";
    case Encoding::kUtf16BeBom: return "utf-16be-bom";
    case Encoding::kUtf16LeNoBom: return "utf-16le";
  }
  return "utf-8";
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

// One pass writing into a buffer sized for ASCII (one byte per code unit,
// what PowerShell's exports nearly all are) and grown when a longer
// sequence needs it: no per-character append.
template <bool kLittleEndian>
std::expected<std::string, DecodeError> FromUtf16(std::string_view raw, size_t start) {
  if ((raw.size() - start) % 2 != 0) {
    return std::unexpected(DecodeError{"UTF-16 text has an odd number of bytes (truncated file?)",
                                       raw.size() - 1});
  }
  std::string out;
  out.resize((raw.size() - start) / 2 + 16);
  char* p = out.data();
  size_t n = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  auto unit = [&](size_t i) -> char16_t {
    return kLittleEndian ? static_cast<char16_t>(bytes[i] | (bytes[i + 1] << 8))
                         : static_cast<char16_t>((bytes[i] << 8) | bytes[i + 1]);
  };
  for (size_t i = start; i < raw.size(); i += 2) {
    if constexpr (kLittleEndian && std::endian::native == std::endian::little) {
      // Four ASCII code units at a time: every high byte zero, every low
      // byte below 0x80 and not NUL.
      while (i + 8 <= raw.size()) {
        uint64_t v;
        std::memcpy(&v, bytes + i, 8);
        constexpr uint64_t kLanes = 0x0001000100010001ull, kTop = 0x8000800080008000ull;
        if ((v & 0xFF80FF80FF80FF80ull) != 0 || ((v - kLanes) & ~v & kTop) != 0) break;
        uint32_t four = static_cast<uint32_t>((v & 0xFF) | ((v >> 8) & 0xFF00) | ((v >> 16) & 0xFF0000) |
                                              ((v >> 24) & 0xFF000000));
        std::memcpy(p + n, &four, 4);
        n += 4;
        i += 8;
        if (out.size() - n < 4) {
          out.resize(out.size() * 2);
          p = out.data();
        }
      }
      if (i >= raw.size()) break;
    }
    char16_t u = unit(i);
    if (u < 0x80 && u != 0) {
      p[n++] = static_cast<char>(u);
      if (out.size() - n < 4) {  // room for the longest sequence
        out.resize(out.size() * 2);
        p = out.data();
      }
      continue;
    }
    char32_t cp = u;
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= raw.size()) {
        return std::unexpected(DecodeError{"unpaired UTF-16 high surrogate", i});
      }
      char16_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) {
        return std::unexpected(DecodeError{"unpaired UTF-16 high surrogate", i});
      }
      cp = 0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      return std::unexpected(DecodeError{"unpaired UTF-16 low surrogate", i});
    } else if (u == 0) {
      return std::unexpected(DecodeError{"NUL character in text (binary file?)", i});
    }
    if (cp < 0x800) {
      p[n++] = static_cast<char>(0xC0 | (cp >> 6));
      p[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      p[n++] = static_cast<char>(0xE0 | (cp >> 12));
      p[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      p[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      p[n++] = static_cast<char>(0xF0 | (cp >> 18));
      p[n++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      p[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      p[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    }
    if (out.size() - n < 4) {
      out.resize(out.size() * 2);
      p = out.data();
    }
  }
  out.resize(n);
  return out;
}

std::expected<std::string, DecodeError> FromUtf16(std::string_view raw, size_t start, bool little_endian) {
  return little_endian ? FromUtf16<true>(raw, start) : FromUtf16<false>(raw, start);
}

// Returns the offset of the first invalid UTF-8 sequence, or npos.
size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Eight ASCII bytes at a time: no high bit set and no NUL byte.
    while (i + 8 <= s.size()) {
      uint64_t v;
      std::memcpy(&v, s.data() + i, 8);
      constexpr uint64_t kLow = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
      if ((v & kHigh) != 0 || ((v - kLow) & ~v & kHigh) != 0) break;
      i += 8;
    }
    if (i >= s.size()) break;
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return i;
    if (c < 0x80) { ++i; continue; }
    int len = 0;
    char32_t min = 0;
    if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; }
    else return i;
    if (i + len > s.size()) return i;
    char32_t cp = c & (0x7F >> len);
    for (int k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

// UTF-16LE without a BOM: PowerShell text is mostly ASCII, so odd bytes are
// NUL and even bytes are not. Require that for most of the first 256 bytes.
// An odd total size is still UTF-16 (a truncated file): FromUtf16 reports it.
bool LooksLikeUtf16Le(std::string_view raw) {
  if (raw.size() < 4) return false;
  size_t n = std::min<size_t>(raw.size(), 256);
  size_t pairs = 0, ascii_pairs = 0;
  for (size_t i = 0; i + 1 < n; i += 2) {
    ++pairs;
    if (raw[i] != 0 && raw[i + 1] == 0) ++ascii_pairs;
  }
  return ascii_pairs * 10 >= pairs * 9;
}

}  // namespace

std::expected<DecodedText, DecodeError> DecodeText(std::string_view raw) {
  DecodedText out;
  if (raw.size() >= 3 && static_cast<unsigned char>(raw[0]) == 0xEF &&
      static_cast<unsigned char>(raw[1]) == 0xBB && static_cast<unsigned char>(raw[2]) == 0xBF) {
    out.encoding = Encoding::kUtf8Bom;
    raw.remove_prefix(3);
    if (size_t bad = FindInvalidUtf8(raw); bad != std::string_view::npos) {
      return std::unexpected(DecodeError{raw[bad] == 0 ? "NUL byte in UTF-8 text (binary file?)"
                                                       : "invalid UTF-8 byte sequence",
                                         bad + 3});
    }
    out.text.assign(raw);
    return out;
  }
  if (raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0xFF &&
      static_cast<unsigned char>(raw[1]) == 0xFE) {
    out.encoding = Encoding::kUtf16LeBom;
    auto text = FromUtf16(raw, 2, true);
    if (!text) return std::unexpected(text.error());
    out.text = std::move(*text);
    return out;
  }
  if (raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0xFE &&
      static_cast<unsigned char>(raw[1]) == 0xFF) {
    out.encoding = Encoding::kUtf16BeBom;
    auto text = FromUtf16(raw, 2, false);
    if (!text) return std::unexpected(text.error());
    out.text = std::move(*text);
    return out;
  }
  if (LooksLikeUtf16Le(raw)) {
    out.encoding = Encoding::kUtf16LeNoBom;
    auto text = FromUtf16(raw, 0, true);
    if (!text) return std::unexpected(text.error());
    out.text = std::move(*text);
    return out;
  }
  if (size_t bad = FindInvalidUtf8(raw); bad != std::string_view::npos) {
    return std::unexpected(DecodeError{raw[bad] == 0 ? "NUL byte in text (binary file, or UTF-16 without a byte order mark?)"
                                                     : "invalid UTF-8 byte sequence (the file is neither UTF-8 nor UTF-16 with a byte order mark)",
                                       bad});
  }
  out.encoding = Encoding::kUtf8;
  out.text.assign(raw);
  return out;
}

std::string ToValidUtf8(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 4;
    bool ok = n < 4 && i + n < s.size();
    for (size_t k = 1; ok && k <= n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
    if (ok && n == 2) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);  // overlong, surrogate
    } else if (ok && n == 3) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);  // overlong, > U+10FFFF
    }
    if (!ok) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(s.substr(i, n + 1));
    i += n + 1;
  }
  return out;
}


}  // namespace lint
