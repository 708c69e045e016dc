#include "lint/import/format_list_importer.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace lint {

// Reads `Format-List` text (serialization-reference B.3). A hand-written
// scanner, one pass over the lines: no regex, no backtracking, every string
// built by appending, so time and memory stay linear in the file size.
//
// Line classes, decided on the text with ANSI escapes removed:
//   - `#...` at column 1: a comment (our fixtures), invisible.
//   - `Label<pad> : value` / `Label<pad> :` at column 1: a property.
//   - indented to at least the value column of the open field: a
//     continuation of that field's value.
//   - whitespace exactly as wide as the value column: PowerShell's padding
//     of an empty line inside a multi-line value; part of the value.
//   - empty or other whitespace: ends the object, unless the next line with
//     content is a continuation (copy/paste trims padding lines to empty).
//   - anything else (transcript header/footer, prompt and command lines,
//     table output, prose around a paste, an indented line that does not
//     reach the value column): noise. It ends the open object and is skipped.
//   - `Verb-Noun : message` followed by `+ CategoryInfo` lines: an error
//     record; skipped as a whole, with a warning.
// A label that repeats inside one object starts the next object (a paste
// that lost its blank lines; Exchange objects never repeat a property).

namespace {

// Recognize looks at no more than this much of the text.
constexpr size_t kRecognizeBytes = 64 * 1024;
// How far an error record header looks for its `+ CategoryInfo` lines.
constexpr size_t kErrorRecordLookaheadLines = 32;
// Property labels are identifiers; calculated properties (Select-Object
// @{n='Auth Methods'}) may hold a few words. Longer "labels" are prose.
constexpr size_t kMaxLabelBytes = 256;
constexpr int kMaxLabelWords = 4;
// Tabs in an indent advance to the next multiple of this.
constexpr size_t kTabWidth = 8;
// An error record's message is quoted in the warning up to this many bytes.
constexpr size_t kMaxQuotedMessageBytes = 160;

constexpr std::string_view kAsciiEllipsis = "...";
constexpr std::string_view kUnicodeEllipsis = "\xE2\x80\xA6";  // U+2026

// Verbs of cmdlets that show up in error records. Used only when a
// `Verb-Noun : message` line is not followed by `+ CategoryInfo` lines (a
// paste that kept the first line of the error only).
constexpr std::string_view kCmdletVerbs[] = {
    "Add",     "Clear",  "Connect", "Disable", "Disconnect", "Enable", "Export",  "Get",       "Import",
    "Install", "Invoke", "New",     "Remove",  "Set",        "Start",  "Stop",    "Test",      "Update",
    "Format",  "Select", "Where",   "ForEach", "Out",        "Write",  "Resolve", "Uninstall",
};

bool IsBlankChar(char c) { return c == ' ' || c == '\t'; }

bool IsAsciiAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

bool IsNonAscii(char c) { return (static_cast<unsigned char>(c) & 0x80) != 0; }

std::string_view TrimBlanksRight(std::string_view s) {
  while (!s.empty() && IsBlankChar(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view TrimBlanksLeft(std::string_view s) {
  while (!s.empty() && IsBlankChar(s.front())) s.remove_prefix(1);
  return s;
}

// Display columns of `s`, counting code points (labels are padded in
// display cells; wide CJK labels would be off, but labels are ASCII in
// practice).
size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

struct Indent {
  size_t bytes = 0;    // leading spaces and tabs
  size_t columns = 0;  // their width
};

Indent MeasureIndent(std::string_view s) {
  Indent indent;
  for (char c : s) {
    if (c == ' ') {
      ++indent.columns;
    } else if (c == '\t') {
      indent.columns = (indent.columns / kTabWidth + 1) * kTabWidth;
    } else {
      break;
    }
    ++indent.bytes;
  }
  return indent;
}

// One line of the text: [begin, end) without its line break; `next` is where
// the following line starts. CRLF, LF and a lone CR each end a line, as in
// LineIndex.
struct LineRef {
  size_t begin = 0;
  size_t end = 0;
  size_t next = 0;
};

LineRef LineAt(std::string_view text, size_t pos) {
  LineRef line;
  line.begin = pos;
  size_t i = pos;
  while (i < text.size() && text[i] != '\n' && text[i] != '\r') ++i;
  line.end = i;
  if (i < text.size()) {
    i += (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
  }
  line.next = i;
  return line;
}

// Maps byte offsets of a derived string (a line without its escapes, a
// joined value) to offsets in the file: each piece is a run copied verbatim
// from `raw_begin`.
struct Piece {
  size_t derived_begin = 0;
  size_t raw_begin = 0;
};

class OffsetMap {
 public:
  void Clear() { pieces_.clear(); }
  void Add(size_t derived_begin, size_t raw_begin) { pieces_.push_back({derived_begin, raw_begin}); }
  const std::vector<Piece>& pieces() const { return pieces_; }

  /// File offset of derived byte `i` (i < derived size).
  size_t RawBegin(size_t i) const {
    auto it = std::upper_bound(pieces_.begin(), pieces_.end(), i,
                               [](size_t v, const Piece& p) { return v < p.derived_begin; });
    if (it == pieces_.begin()) return 0;
    --it;
    return it->raw_begin + (i - it->derived_begin);
  }
  /// File offset just after derived byte `i - 1` (exclusive end, i > 0).
  size_t RawEnd(size_t i) const { return RawBegin(i - 1) + 1; }

 private:
  std::vector<Piece> pieces_;  // sorted by derived_begin
};

// Removes ANSI escape sequences: CSI (`ESC [ params final`, which covers
// PowerShell 7.2+ `$PSStyle` colours), OSC (`ESC ] ... BEL` or `ESC ] ... ESC
// \`, hyperlinks) and any other `ESC x` pair. Lines without ESC are not
// copied.
class CleanLine {
 public:
  void Reset(std::string_view text, LineRef line) {
    std::string_view raw = text.substr(line.begin, line.end - line.begin);
    map_.Clear();
    if (std::memchr(raw.data(), '\x1b', raw.size()) == nullptr) {
      view_ = raw;
      map_.Add(0, line.begin);
      return;
    }
    buffer_.clear();
    size_t i = 0;
    while (i < raw.size()) {
      if (raw[i] != '\x1b') {
        size_t run_end = raw.find('\x1b', i);
        if (run_end == std::string_view::npos) run_end = raw.size();
        map_.Add(buffer_.size(), line.begin + i);
        buffer_.append(raw.substr(i, run_end - i));
        i = run_end;
        continue;
      }
      i = SkipEscape(raw, i);
    }
    if (map_.pieces().empty()) map_.Add(0, line.end);
    view_ = buffer_;
  }

  std::string_view text() const { return view_; }
  const OffsetMap& map() const { return map_; }

 private:
  static size_t SkipEscape(std::string_view raw, size_t i) {
    ++i;  // ESC
    if (i >= raw.size()) return i;
    if (raw[i] == '[') {
      ++i;
      while (i < raw.size() && static_cast<unsigned char>(raw[i]) >= 0x20 &&
             static_cast<unsigned char>(raw[i]) <= 0x3F) {
        ++i;  // parameter and intermediate bytes
      }
      if (i < raw.size() && static_cast<unsigned char>(raw[i]) >= 0x40 &&
          static_cast<unsigned char>(raw[i]) <= 0x7E) {
        ++i;  // final byte
      }
      return i;
    }
    if (raw[i] == ']') {
      ++i;
      while (i < raw.size()) {
        if (raw[i] == '\a') return i + 1;
        if (raw[i] == '\x1b' && i + 1 < raw.size() && raw[i + 1] == '\\') return i + 2;
        ++i;
      }
      return i;
    }
    // `ESC x` takes one ASCII byte; before a non-ASCII character only the
    // ESC goes, so no UTF-8 sequence is cut in half (found by fuzz/:
    // fixtures/fuzz-regressions/format_list/).
    return static_cast<unsigned char>(raw[i]) < 0x80 ? i + 1 : i;
  }

  std::string_view view_;
  std::string buffer_;
  OffsetMap map_;
};

// `Label<pad> : value` on a line that starts at column 1.
struct PropertyLine {
  std::string_view label;
  size_t value_begin = 0;   // in the clean line; == size for a blank value
  size_t blank_pos = 0;     // in the clean line: right after the separator
  size_t value_column = 0;  // display column where values of this object start (0-based)
};

// A PowerShell property name: letters, digits, `_`, `-`, `.`, non-ASCII
// letters, and at most kMaxLabelWords words separated by single spaces.
// Rejects prose (`Note: In practice, the ...`), prompts (`PS C:\>`), error
// record continuation lines (`+ CategoryInfo`) and transcript banners.
bool IsLabel(std::string_view label) {
  if (label.empty() || label.size() > kMaxLabelBytes) return false;
  char first = label.front();
  if (!IsAsciiAlpha(first) && first != '_' && !IsNonAscii(first)) return false;
  int words = 1;
  bool previous_space = false;
  for (char c : label) {
    if (c == ' ') {
      if (previous_space) return false;
      previous_space = true;
      ++words;
      continue;
    }
    previous_space = false;
    if (!IsAsciiAlpha(c) && !IsAsciiDigit(c) && c != '_' && c != '-' && c != '.' && !IsNonAscii(c)) {
      return false;
    }
  }
  return words <= kMaxLabelWords;
}

std::optional<PropertyLine> ParsePropertyLine(std::string_view line) {
  if (line.empty() || IsBlankChar(line.front())) return std::nullopt;
  size_t separator = line.find(" : ");
  PropertyLine property;
  if (separator == std::string_view::npos) {
    // A blank value: `Label :`, possibly with trailing blanks.
    std::string_view trimmed = TrimBlanksRight(line);
    if (trimmed.size() < 2 || !trimmed.ends_with(" :")) return std::nullopt;
    separator = trimmed.size() - 2;
    property.value_begin = line.size();
  } else {
    property.value_begin = separator + 3;
  }
  property.blank_pos = std::min(separator + 3, line.size());
  property.label = TrimBlanksRight(line.substr(0, separator));
  if (!IsLabel(property.label)) return std::nullopt;
  property.value_column = CodePoints(line.substr(0, separator)) + 3;
  return property;
}

// `Get-WebServicesVirtualDirectory`: letters, one hyphen, letters/digits.
bool LooksLikeCmdletName(std::string_view label) {
  size_t hyphen = label.find('-');
  if (hyphen == std::string_view::npos || hyphen == 0 || hyphen + 1 >= label.size()) return false;
  for (size_t i = 0; i < label.size(); ++i) {
    char c = label[i];
    if (i == hyphen) continue;
    bool ok = i < hyphen ? IsAsciiAlpha(c) : (IsAsciiAlpha(c) || IsAsciiDigit(c));
    if (!ok) return false;
  }
  return IsAsciiAlpha(label[hyphen + 1]);
}

bool HasCmdletVerb(std::string_view label) {
  std::string_view verb = label.substr(0, label.find('-'));
  for (std::string_view known : kCmdletVerbs) {
    if (EqualsIgnoreCase(verb, known)) return true;
  }
  return false;
}

struct ErrorRecordScan {
  bool is_error = false;
  size_t next = 0;  // where reading resumes
};

// Decides whether the `Verb-Noun : message` line `header` opens an error
// record, as Windows PowerShell prints them:
//   Get-WebServicesVirtualDirectory : An IIS directory entry couldn't be created...
//   At line:1 char:1                                    (local sessions only)
//   + Get-WebServicesVirtualDirectory | fl
//       + CategoryInfo          : NotSpecified: (0:Int32) [...], ...
//       + FullyQualifiedErrorId : ...
// It is one when a `+ CategoryInfo` or `+ FullyQualifiedErrorId` line follows
// within kErrorRecordLookaheadLines lines, before a blank line or another
// property line; the record then runs to its last `+`/`At ` line. Without
// them, a header whose verb is a common cmdlet verb still counts (alone).
// Property names never look like `Get-Xxx`, so the fallback is safe; a
// calculated property named `Pre-Auth` stays a property.
ErrorRecordScan ScanErrorRecord(std::string_view text, const LineRef& header, std::string_view label,
                                CleanLine& scratch) {
  ErrorRecordScan scan;
  scan.next = header.next;
  size_t record_end = header.next;
  bool confirmed = false;
  size_t pos = header.next;
  for (size_t n = 0; n < kErrorRecordLookaheadLines && pos < text.size(); ++n) {
    LineRef line = LineAt(text, pos);
    pos = line.next;
    scratch.Reset(text, line);
    std::string_view clean = scratch.text();
    std::string_view body = TrimBlanksLeft(clean);
    if (body.empty()) break;
    if (body.starts_with("+ CategoryInfo") || body.starts_with("+ FullyQualifiedErrorId")) {
      confirmed = true;
      record_end = line.next;
    } else if (body.starts_with("+") || body.starts_with("At line:") ||
               (body.starts_with("At ") && body.find(" char:") != std::string_view::npos)) {
      record_end = line.next;
    } else if (ParsePropertyLine(clean).has_value()) {
      break;
    }
  }
  if (confirmed) {
    scan.is_error = true;
    scan.next = record_end;
  } else {
    scan.is_error = HasCmdletVerb(label);
  }
  return scan;
}

// Cuts `s` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string_view CutUtf8(std::string_view s, size_t limit) {
  if (s.size() <= limit) return s;
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

// One property being read: its value may still get continuation lines.
struct OpenField {
  std::string label;
  std::string text;  // the joined value, untrimmed
  OffsetMap map;     // text offsets -> file offsets
  size_t value_column = 0;
  size_t blank_pos = 0;  // file offset right after the separator
};

class Parser {
 public:
  Parser(const SourceFile& file, const ImportLimits& limits)
      : file_(file), text_(file.text()), limits_(limits) {}

  std::expected<ImportResult, ImportError> Run() {
    size_t pos = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    while (pos < text_.size() && !error_) {
      LineRef line = LineAt(text_, pos);
      pos = line.next;
      if (line.end > line.begin && text_[line.begin] == '#') continue;  // comment
      clean_.Reset(text_, line);
      std::string_view clean = clean_.text();
      Indent indent = MeasureIndent(clean);

      if (indent.bytes == clean.size()) {
        // PowerShell writes an empty line inside a multi-line value as the
        // padding alone: exactly the value column wide. Any other empty or
        // whitespace line (a separator, or one padded to the console width
        // by an old transcript) may end the object; see below.
        if (in_object_ && !blank_seen_ && indent.columns == field_.value_column) continue;
        if (in_object_) blank_seen_ = true;
        continue;
      }
      if (indent.bytes > 0) {
        // After blank lines, a line indented to the value column still
        // continues the value: copy/paste trims the padding-only lines of a
        // certificate block to empty lines. An error record's `+ ...` lines
        // never do.
        bool after_blank_error_line = blank_seen_ && clean.substr(indent.bytes).starts_with("+");
        if (in_object_ && indent.columns >= field_.value_column && !after_blank_error_line) {
          blank_seen_ = false;
          AppendContinuation(line, clean);
        } else {
          CloseObject();  // noise
        }
        continue;
      }
      if (blank_seen_) CloseObject();
      if (error_) break;

      std::optional<PropertyLine> property = ParsePropertyLine(clean);
      if (property && LooksLikeCmdletName(property->label)) {
        ErrorRecordScan scan = ScanErrorRecord(text_, line, property->label, scratch_);
        if (scan.is_error) {
          CloseObject();
          WarnErrorRecord(line, clean, *property);
          pos = scan.next;
          continue;
        }
      }
      if (!property) {
        CloseObject();  // noise
        continue;
      }
      // Exchange objects never repeat a property: a repeated label is the
      // next object of a paste that lost its blank lines.
      std::string key = ToLowerAscii(property->label);
      if (in_object_ && labels_.contains(key)) CloseObject();
      if (error_) break;
      if (!in_object_) {
        in_object_ = true;
        object_begin_ = line.begin;
      } else {
        FinishField();
      }
      labels_.insert(std::move(key));
      StartField(line, *property);
    }
    if (!error_) CloseObject();
    if (error_) return std::unexpected(std::move(*error_));
    if (result_.objects.empty()) return std::unexpected(NoPropertyError());
    return std::move(result_);
  }

 private:
  void StartField(const LineRef& line, const PropertyLine& property) {
    field_.label.assign(property.label);
    field_.text.clear();
    field_.map.Clear();
    field_.value_column = property.value_column;
    field_.blank_pos = CleanToRaw(line, property.blank_pos);
    AppendSegment(line, property.value_begin);
    object_end_ = line.end;
  }

  // PowerShell indents every continuation to the value column, so exactly
  // that much indentation is removed; deeper indentation (`  CN=...` in a
  // certificate's [Subject] block) is kept. Wrapped and multi-line values are
  // joined by plain concatenation, no separator added: a word-boundary wrap
  // keeps its space at the end of the first line, a mid-word wrap has none.
  // So the embedded newlines of a multi-line value (X509 certificates) are
  // not kept, and a space that copy/paste trimmed from a wrapped line is
  // lost.
  void AppendContinuation(const LineRef& line, std::string_view clean) {
    size_t i = 0;
    size_t column = 0;
    while (i < clean.size() && column < field_.value_column && IsBlankChar(clean[i])) {
      column = clean[i] == '\t' ? (column / kTabWidth + 1) * kTabWidth : column + 1;
      ++i;
    }
    AppendSegment(line, i);
    object_end_ = line.end;
  }

  // Appends clean_.text()[from..] to the open field, with its offsets.
  void AppendSegment(const LineRef& line, size_t from) {
    std::string_view clean = clean_.text();
    if (from >= clean.size()) return;
    if (field_.text.size() + (clean.size() - from) > limits_.max_string_bytes) {
      size_t begin = field_.text.empty() ? CleanToRaw(line, from) : field_.map.RawBegin(0);
      Fail("the value of '" + field_.label + "' is " + StringLimitMessage(limits_.max_string_bytes),
           file_.Span(begin, line.end));
      return;
    }
    const std::vector<Piece>& pieces = clean_.map().pieces();
    for (size_t k = 0; k < pieces.size(); ++k) {
      size_t piece_begin = pieces[k].derived_begin;
      size_t piece_end = k + 1 < pieces.size() ? pieces[k + 1].derived_begin : clean.size();
      if (piece_end <= from) continue;
      size_t start = std::max(piece_begin, from);
      field_.map.Add(field_.text.size(), pieces[k].raw_begin + (start - piece_begin));
      field_.text.append(clean.substr(start, piece_end - start));
    }
  }

  size_t CleanToRaw(const LineRef& line, size_t clean_pos) const {
    if (clean_pos >= clean_.text().size()) return line.end;
    return clean_.map().RawBegin(clean_pos);
  }

  void FinishField() {
    std::string_view text = field_.text;
    size_t begin = 0;
    size_t end = text.size();
    while (begin < end && IsBlankChar(text[begin])) ++begin;
    while (end > begin && IsBlankChar(text[end - 1])) --end;
    Value value;
    if (begin == end) {
      // FL cannot tell $null from an empty string.
      value = Value::Null(file_.Span(field_.blank_pos, field_.blank_pos));
    } else {
      SourceSpan span = file_.Span(field_.map.RawBegin(begin), field_.map.RawEnd(end));
      if (text[begin] == '{' && text[end - 1] == '}') {
        value = MakeList(begin, end, span);
      } else {
        value = Value::String(std::string(text.substr(begin, end - begin)), span);
      }
    }
    value.untyped = true;
    value.name = field_.label;
    fields_.push_back(std::move(value));
  }

  // `{a, b, c}`: items split on ", " (items are not quoted, so an item that
  // holds ", " splits wrongly; FL cannot say). `{a, b, c, d...}` (Windows
  // PowerShell 5.1) or `{a, b, c, d…}` (PowerShell 6.2+): the list was cut at
  // $FormatEnumerationLimit. The list keeps its literal in `text` for the
  // builder, in case the schema says the property is a plain string.
  Value MakeList(size_t begin, size_t end, SourceSpan span) {
    std::string_view text = field_.text;
    size_t inner_begin = begin + 1;
    size_t inner_end = end - 1;
    while (inner_begin < inner_end && IsBlankChar(text[inner_begin])) ++inner_begin;
    while (inner_end > inner_begin && IsBlankChar(text[inner_end - 1])) --inner_end;
    bool truncated = false;
    std::string_view inner = text.substr(inner_begin, inner_end - inner_begin);
    for (std::string_view ellipsis : {kAsciiEllipsis, kUnicodeEllipsis}) {
      if (inner.ends_with(ellipsis)) {
        truncated = true;
        inner_end -= ellipsis.size();
        break;
      }
    }
    std::vector<Value> items;
    size_t pos = inner_begin;
    while (pos < inner_end) {
      size_t comma = text.substr(0, inner_end).find(", ", pos);
      size_t item_end = comma == std::string_view::npos ? inner_end : comma;
      size_t item_begin = pos;
      size_t trimmed_end = item_end;
      while (item_begin < trimmed_end && IsBlankChar(text[item_begin])) ++item_begin;
      while (trimmed_end > item_begin && IsBlankChar(text[trimmed_end - 1])) --trimmed_end;
      SourceSpan item_span =
          item_begin == trimmed_end
              ? file_.Span(field_.map.RawBegin(item_begin), field_.map.RawBegin(item_begin))
              : file_.Span(field_.map.RawBegin(item_begin), field_.map.RawEnd(trimmed_end));
      Value item = Value::String(std::string(text.substr(item_begin, trimmed_end - item_begin)), item_span);
      item.untyped = true;
      items.push_back(std::move(item));
      if (comma == std::string_view::npos) break;
      pos = comma + 2;
    }
    Value list = Value::List(std::move(items), span);
    list.text.assign(text.substr(begin, end - begin));
    if (truncated) {
      list.loss = Loss::kTruncated;
      result_.warnings.push_back(ImportWarning{
          "list was truncated by $FormatEnumerationLimit; only " + std::to_string(list.items.size()) +
              " items are visible (set $FormatEnumerationLimit = -1 and export again)",
          field_.label, span});
    }
    return list;
  }

  void CloseObject() {
    blank_seen_ = false;
    if (!in_object_) return;
    in_object_ = false;
    FinishField();
    labels_.clear();
    SourceSpan span = file_.Span(object_begin_, object_end_);
    std::vector<Value> fields = std::move(fields_);
    fields_.clear();
    if (result_.objects.size() >= limits_.max_objects) {
      Fail(ObjectLimitMessage(limits_.max_objects), span);
      return;
    }
    RawObject object;
    object.properties = Value::Object(std::move(fields), span);
    object.span = span;
    result_.objects.push_back(std::move(object));
  }

  void WarnErrorRecord(const LineRef& line, std::string_view clean, const PropertyLine& property) {
    std::string_view message = TrimBlanksRight(clean.substr(property.value_begin));
    std::string quoted(CutUtf8(message, kMaxQuotedMessageBytes));
    if (quoted.size() < message.size()) quoted += "...";
    result_.warnings.push_back(
        ImportWarning{"skipped an error record of " + std::string(property.label) + " ('" + quoted +
                          "'); the objects it failed to read are missing from this export",
                      "", file_.Span(line.begin, line.end)});
  }

  ImportError NoPropertyError() const {
    // Point at the first line with content, preferring one that is not a
    // comment.
    std::optional<LineRef> first_any;
    size_t pos = 0;
    while (pos < text_.size()) {
      LineRef line = LineAt(text_, pos);
      pos = line.next;
      std::string_view raw = text_.substr(line.begin, line.end - line.begin);
      if (raw.starts_with("\xEF\xBB\xBF")) raw.remove_prefix(3);
      if (TrimBlanksLeft(raw).empty()) continue;
      if (!first_any) first_any = line;
      if (raw.front() == '#') continue;
      first_any = line;
      break;
    }
    SourceSpan span = first_any ? file_.Span(first_any->begin, first_any->end) : file_.Span(0, 0);
    return ImportError{"expected Format-List output ('Name : Value' lines), found no property line", span};
  }

  void Fail(std::string message, SourceSpan span) {
    if (!error_) error_ = ImportError{std::move(message), span};
  }

  const SourceFile& file_;
  std::string_view text_;
  const ImportLimits& limits_;
  ImportResult result_;
  std::optional<ImportError> error_;

  CleanLine clean_;    // the current line
  CleanLine scratch_;  // look-ahead lines

  bool in_object_ = false;
  bool blank_seen_ = false;  // a blank line followed the open object's last line
  size_t object_begin_ = 0;
  size_t object_end_ = 0;
  std::vector<Value> fields_;
  std::unordered_set<std::string> labels_;  // lower-cased labels of the open object
  OpenField field_;
};

}  // namespace

Recognition RecognizeFormatList(const SourceFile& file) {
  std::string_view text = file.text();
  if (text.size() > kRecognizeBytes) text = text.substr(0, kRecognizeBytes);
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (std::memchr(text.data(), '\0', text.size()) != nullptr) return Recognition::kNo;  // binary

  // JSON and XML open with a bracket; an EMS prompt `[PS] C:\>` does too.
  std::string_view start = Trim(text);
  if (start.starts_with("<") || start.starts_with("{")) return Recognition::kNo;
  if (start.starts_with("[") && !start.starts_with("[PS]")) return Recognition::kNo;

  CleanLine clean;
  CleanLine scratch;
  size_t pos = 0;
  while (pos < text.size()) {
    LineRef line = LineAt(text, pos);
    pos = line.next;
    if (line.end > line.begin && text[line.begin] == '#') continue;
    clean.Reset(text, line);
    std::optional<PropertyLine> property = ParsePropertyLine(clean.text());
    if (!property) continue;
    if (LooksLikeCmdletName(property->label) &&
        ScanErrorRecord(text, line, property->label, scratch).is_error) {
      continue;
    }
    return Recognition::kMaybe;
  }
  return Recognition::kNo;
}

std::expected<ImportResult, ImportError> ImportFormatList(const SourceFile& file,
                                                          const ImportLimits& limits) {
  try {
    return Parser(file, limits).Run();
  } catch (const std::exception& e) {  // std::bad_alloc on a hostile file
    return std::unexpected(
        ImportError{std::string("cannot read Format-List text: ") + e.what(), file.Span(0, 0)});
  }
}

}  // namespace lint
