#pragma once

// The text a user pastes into `hybridlint diagnose`, normalized once so that
// catalog signatures see the message and not the way it was captured.
//
//   ErrorText t = NormalizeErrorText(pasted);
//   // t.text: "Proxy web request failed. , inner exception: The request ..."
//   // t.origin[i]: where t.text[i] came from in t.raw

#include <cstddef>
#include <cstdint>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "lint/source/source_file.h"

namespace lint {

/// A LID marker found in the text ("LID: 43532", "<LID>43532</LID>").
struct LidMarker {
  int value = 0;
  size_t begin = 0;  ///< byte offsets of the marker in ErrorText::raw
  size_t end = 0;
};

/// The normalized form of an error text.
///
/// `text` is what signatures are matched against: each line trimmed and
/// the lines joined with nothing between them (a space in a signature
/// accepts any whitespace or none, so a line wrapped between two words and
/// a line cut in the middle of a word both match); runs of whitespace
/// inside a line are one space; .NET stack frames ("at
/// Microsoft.Exchange.X.Y(...)"), "--->" and "--- End of inner exception
/// stack trace ---" are removed; LID markers are removed and recorded;
/// XML entities (&quot; ...) and typographic quotes, dashes and no-break
/// spaces are plain ASCII.
struct ErrorText {
  std::string raw;   ///< the input as given (UTF-8)
  std::string text;  ///< normalized, as described above
  /// origin[i] is the byte offset in `raw` that text[i] came from;
  /// origin.size() == text.size() + 1 and the last element is raw.size().
  /// (32 bits: the command refuses inputs above 16 MiB.)
  std::vector<uint32_t> origin;
  /// The same cleaned text with one space between lines, for word
  /// similarity (nearest entries).
  std::string words;
  std::vector<LidMarker> lids;

  /// 1-based line and column (code points) of a byte offset in `raw`.
  LineColumn Locate(size_t raw_offset) const;
  /// `raw` between two byte offsets with whitespace runs collapsed to one
  /// space, cut to about `max_bytes` (at a UTF-8 boundary, marked "...").
  std::string Excerpt(size_t raw_begin, size_t raw_end, size_t max_bytes = 160) const;
  /// The byte range in `raw` of text[begin, end).
  std::pair<size_t, size_t> RawRange(size_t begin, size_t end) const;
};

/// Normalizes `raw` (UTF-8; invalid bytes are kept as they are). Never
/// fails: any text, even empty, has a normal form.
ErrorText NormalizeErrorText(std::string raw);

}  // namespace lint
