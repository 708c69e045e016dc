#include "lint/import/json_importer.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "lint/model/value.h"
#include "lint/util/limits.h"

// Parsing is nlohmann::json's SAX parser (the team prefers a well-kept
// library): it validates the grammar, decodes strings and numbers, never
// recurses (so 100,000 nested '[' cannot overflow the stack) and reports the
// exact byte of a lexical error. It gives no positions for events, but every
// event arrives only after its token was validated, and between two tokens
// JSON allows nothing but whitespace and one ',' or ':'. So the reader keeps
// a cursor at the end of the previous token and re-scans the few bytes to
// the next one: each value's span is exact without a counting input adapter
// (whose count would be one byte ahead after numbers, which the lexer reads
// past and ungets). nlohmann's DOM is not used: it loses positions and
// merges duplicate keys silently.

namespace lint {

namespace {

constexpr std::string_view kDepthLossMessage =
    "value was cut by ConvertTo-Json -Depth; export again with -Depth 5";

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

size_t SkipSpace(std::string_view text, size_t pos) {
  while (pos < text.size() && IsJsonSpace(text[pos])) ++pos;
  return pos;
}

/// Whether a JSON value can start with the byte at `pos`.
bool IsValueStart(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  char c = text[pos];
  return c == '{' || c == '[' || c == '"' || c == '-' || IsDigit(c) || c == 't' || c == 'f' ||
         c == 'n';
}

/// End of the (already validated) string token that opens at `begin`.
size_t StringEnd(std::string_view text, size_t begin) {
  size_t i = begin + 1;
  while (i < text.size()) {
    if (text[i] == '\\') {
      i += 2;
    } else if (text[i] == '"') {
      return i + 1;
    } else {
      ++i;
    }
  }
  return text.size();
}

/// End of the number token at `begin`, by JSON's grammar
/// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? exactly as the lexer reads
/// it: "01" is the number 0 followed by another token.
size_t NumberEnd(std::string_view text, size_t begin) {
  size_t i = begin;
  auto at = [&](size_t k) { return k < text.size() ? text[k] : '\0'; };
  auto digits = [&] {
    while (IsDigit(at(i))) ++i;
  };
  if (at(i) == '-') ++i;
  if (at(i) == '0') {
    ++i;
  } else {
    digits();
  }
  if (at(i) == '.' && IsDigit(at(i + 1))) {
    ++i;
    digits();
  }
  if (at(i) == 'e' || at(i) == 'E') {
    size_t sign = (at(i + 1) == '+' || at(i + 1) == '-') ? 1 : 0;
    if (IsDigit(at(i + 1 + sign))) {
      i += 1 + sign;
      digits();
    }
  }
  return i;
}

size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

std::string HexCodePoint(unsigned value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "U+";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
  return out;
}

/// What is at `pos`, for "found ..." in messages: 'x', U+0001, or end of file.
std::string Describe(std::string_view text, size_t pos) {
  if (pos >= text.size()) return "end of file";
  auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x20 || c == 0x7F) return HexCodePoint(c);
  size_t length = std::min(Utf8Length(c), text.size() - pos);
  return "'" + std::string(text.substr(pos, length)) + "'";
}

std::string KindOf(const Value& v) {
  switch (v.type) {
    case ValueType::kNull: return "null";
    case ValueType::kString: return "a string";
    case ValueType::kBool: return "a boolean";
    case ValueType::kInt:
    case ValueType::kDouble: return "a number";
    case ValueType::kList: return "an array";
    case ValueType::kObject: return "an object";
  }
  return "a value";
}

std::string ElementNotObjectMessage(size_t index, std::string_view kind) {
  return "expected an object as element #" + std::to_string(index) +
         " of the top-level array, found " + std::string(kind);
}

/// Removes `Deserialized.` and `Selected.` prefixes (they can stack).
std::string StripTypeNamePrefixes(std::string name) {
  for (;;) {
    if (name.starts_with("Deserialized.")) {
      name.erase(0, 13);
    } else if (name.starts_with("Selected.")) {
      name.erase(0, 9);
    } else {
      return name;
    }
  }
}

bool IsIdentifierChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || IsDigit(c) || c == '_';
}

/// A .NET type name standing alone, as ToString() of a type without its own
/// ToString gives: `System.Collections.Hashtable`, `System.Object[]`,
/// `` System.Collections.Generic.List`1[System.String] ``. Two-part names
/// such as `System.Object` are not enough of a sign.
bool IsSystemTypeName(std::string_view s) {
  if (!s.starts_with("System.")) return false;
  size_t segments = 0;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    while (i < s.size() && IsIdentifierChar(s[i])) ++i;
    if (i == start) return false;
    ++segments;
    if (i == s.size()) break;
    if (s[i] == '.') {
      ++i;
      continue;
    }
    if (s[i] == '`') {
      // Generic arguments: `N[...]` to the end of the string.
      ++i;
      size_t digits = i;
      while (i < s.size() && IsDigit(s[i])) ++i;
      return i > digits && i < s.size() && s[i] == '[' && s.back() == ']';
    }
    // Array suffix(es): [] or [,].
    std::string_view rest = s.substr(i);
    while (!rest.empty() && rest.front() == '[') {
      size_t close = rest.find(']');
      if (close == std::string_view::npos) return false;
      if (rest.substr(1, close - 1).find_first_not_of(',') != std::string_view::npos) return false;
      rest.remove_prefix(close + 1);
    }
    return rest.empty();
  }
  return segments >= 3;
}

/// Whether `s` is what ConvertTo-Json writes for an object past -Depth.
/// Only clear signs: a space-joined list such as "contoso.com fabrikam.com"
/// is left to the snapshot builder, which knows the property's type.
bool IsDepthTruncated(std::string_view s) {
  if (s.starts_with("@{") && s.ends_with("}")) return true;  // PSCustomObject
  if (s.starts_with("Microsoft.Exchange.") &&
      s.find("MultiValuedProperty`1[") != std::string_view::npos) {
    return true;
  }
  return IsSystemTypeName(s);
}

/// `{"value":[...],"Count":n}`: Windows PowerShell's ETS Count on an array
/// wrapped in a PSObject.
bool IsCountWrapper(const Value& v) {
  if (!v.is_object() || v.items.size() != 2) return false;
  const Value* list = v.Field("value");
  const Value* count = v.Field("Count");
  return list != nullptr && count != nullptr && list->is_list() && count->type == ValueType::kInt;
}

/// `{"value":"\/Date(..)\/","DisplayHint":n,"DateTime":"..."}`: a 5.1
/// DateTime with its ETS note properties.
bool IsDateTimeWrapper(const Value& v) {
  if (!v.is_object() || v.items.size() != 3) return false;
  const Value* value = v.Field("value");
  const Value* hint = v.Field("DisplayHint");
  const Value* date_time = v.Field("DateTime");
  return value != nullptr && hint != nullptr && date_time != nullptr && value->is_string() &&
         hint->type == ValueType::kInt && date_time->is_string();
}

/// Replaces `v` by its field `name`, keeping v's own field name.
void ReplaceByField(Value& v, std::string_view name) {
  Value inner = std::move(*v.Field(name));
  inner.name = std::move(v.name);
  v = std::move(inner);
}

/// Replaces a {"value":[...],"Count":n} wrapper by its list.
void UnwrapCount(Value& v, const std::string& property, std::vector<ImportWarning>& warnings) {
  int64_t count = v.Field("Count")->integer;
  size_t size = v.Field("value")->items.size();
  SourceSpan span = v.span;
  ReplaceByField(v, "value");
  if (count < 0 || static_cast<uint64_t>(count) != size) {
    warnings.push_back({"the {\"value\":[...],\"Count\":n} wrapper says Count " +
                            std::to_string(count) + " but holds " + std::to_string(size) +
                            " items; the items are used",
                        property, span});
  }
}

/// Moves a `PSTypeNames` array of strings into v.type_names.
void ExtractTypeNames(Value& v) {
  for (auto it = v.items.begin(); it != v.items.end(); ++it) {
    if (!EqualsIgnoreCase(it->name, "PSTypeNames") || !it->is_list()) continue;
    if (!std::all_of(it->items.begin(), it->items.end(),
                     [](const Value& n) { return n.is_string(); })) {
      return;
    }
    v.type_names.clear();
    for (Value& n : it->items) v.type_names.push_back(StripTypeNamePrefixes(std::move(n.text)));
    v.items.erase(it);
    return;
  }
}

/// Unwraps PowerShell's wrapper objects and marks depth-truncated strings,
/// bottom-up. Recursion is bounded by ImportLimits::max_depth.
void Normalize(Value& v, const std::string& property, std::vector<ImportWarning>& warnings) {
  if (v.is_object()) ExtractTypeNames(v);
  for (Value& item : v.items) Normalize(item, property, warnings);
  if (IsDateTimeWrapper(v)) {
    ReplaceByField(v, "value");
  } else if (IsCountWrapper(v)) {
    UnwrapCount(v, property, warnings);
  } else if (v.is_string() && IsDepthTruncated(v.text)) {
    v.loss = Loss::kLost;
    warnings.push_back({std::string(kDepthLossMessage), property, v.span});
  }
}

enum class Last { kNothing, kOpen, kKey, kValue };

/// An object or array being read.
struct Frame {
  Value value;  // kObject or kList; span.begin is the bracket
  // Objects: the member whose value comes next.
  std::string key;
  std::string lower_key;
  // Objects: index in value.items by lower-cased key, for duplicates.
  std::unordered_map<std::string, size_t> index_by_key;
};

/// The SAX handler nlohmann calls; builds the Value tree with spans.
class JsonReader {
 public:
  JsonReader(const SourceFile& file, const ImportLimits& limits)
      : file_(file), text_(file.text()), limits_(limits) {}

  std::expected<ImportResult, ImportError> Read();

  // nlohmann SAX interface.
  bool null() {
    size_t begin = NextToken();
    return AddScalar(Value::Null(Span(begin, begin + 4)));
  }
  bool boolean(bool b) {
    size_t begin = NextToken();
    return AddScalar(Value::Bool(b, Span(begin, begin + (b ? 4 : 5))));
  }
  bool number_integer(int64_t i) {
    size_t begin = NextToken();
    return AddScalar(Value::Int(i, Span(begin, NumberEnd(text_, begin))));
  }
  bool number_unsigned(uint64_t u) {
    size_t begin = NextToken();
    SourceSpan span = Span(begin, NumberEnd(text_, begin));
    if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return AddScalar(Value::Double(static_cast<double>(u), span));
    }
    return AddScalar(Value::Int(static_cast<int64_t>(u), span));
  }
  bool number_float(double d, const std::string& /*literal*/) {
    size_t begin = NextToken();
    return AddScalar(Value::Double(d, Span(begin, NumberEnd(text_, begin))));
  }
  bool string(std::string& s) {
    size_t begin = NextToken();
    if (!CheckStringLength(s, begin)) return false;
    return AddScalar(Value::String(std::move(s), Span(begin, StringEnd(text_, begin))));
  }
  bool binary(nlohmann::json::binary_t& /*b*/) { return true; }  // not produced by JSON text
  bool start_object(size_t /*elements*/) { return Open(Value::Object({})); }
  bool start_array(size_t /*elements*/) { return Open(Value::List({})); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool key(std::string& k);
  bool parse_error(size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) {
    if (!error_) error_ = Diagnose(position, ex);
    return false;
  }

 private:
  SourceSpan Span(size_t begin, size_t end) const { return file_.Span(begin, end); }

  /// Start of the token whose event is being handled; moves the cursor to
  /// it. Skips the one separator JSON allows before it.
  size_t NextToken() {
    size_t i = SkipSpace(text_, cursor_);
    if (i < text_.size() && (text_[i] == ',' || text_[i] == ':')) i = SkipSpace(text_, i + 1);
    cursor_ = i;
    return i;
  }

  bool Fail(std::string message, size_t begin, size_t end) {
    if (!error_) error_ = ImportError{std::move(message), Span(begin, end)};
    return false;
  }

  bool InTopLevelArray() const { return stack_.size() == 1 && stack_[0].value.is_list(); }

  /// Index in stack_ of the frame holding one exported object: 1 inside a
  /// top-level array, else 0.
  size_t RecordFrame() const { return !stack_.empty() && stack_[0].value.is_list() ? 1 : 0; }

  bool CheckStringLength(const std::string& s, size_t begin) {
    if (s.size() <= limits_.max_string_bytes) return true;
    return Fail(StringLimitMessage(limits_.max_string_bytes),
                begin, StringEnd(text_, begin));
  }

  bool AddScalar(Value v) {
    cursor_ = v.span.end;
    if (InTopLevelArray()) {
      return Fail(ElementNotObjectMessage(stack_[0].value.items.size() + 1, KindOf(v)),
                  v.span.begin, v.span.end);
    }
    return Add(std::move(v));
  }

  bool Open(Value container) {
    size_t begin = NextToken();
    cursor_ = begin + 1;
    if (stack_.size() >= limits_.max_depth) {
      return Fail(DepthLimitMessage(limits_.max_depth),
                  begin, begin + 1);
    }
    if (container.is_list() && InTopLevelArray()) {
      return Fail(ElementNotObjectMessage(stack_[0].value.items.size() + 1, "an array"), begin,
                  begin + 1);
    }
    container.span = Span(begin, begin);
    stack_.push_back(Frame{std::move(container), {}, {}, {}});
    last_ = Last::kOpen;
    return true;
  }

  bool Close() {
    size_t begin = NextToken();
    cursor_ = begin + 1;
    Value v = std::move(stack_.back().value);
    stack_.pop_back();
    v.span.end = static_cast<uint32_t>(cursor_);
    return Add(std::move(v));
  }

  /// Puts a finished value into its container (or makes it the root).
  bool Add(Value v) {
    last_ = Last::kValue;
    if (stack_.empty()) {
      root_ = std::move(v);
      return true;
    }
    Frame& top = stack_.back();
    if (top.value.is_list()) {
      if (InTopLevelArray() && top.value.items.size() >= limits_.max_objects) {
        return Fail(ObjectLimitMessage(limits_.max_objects), v.span.begin, v.span.end);
      }
      top.value.items.push_back(std::move(v));
      return true;
    }
    v.name = top.key;
    auto [it, inserted] = top.index_by_key.try_emplace(top.lower_key, top.value.items.size());
    if (inserted) {
      top.value.items.push_back(std::move(v));
    } else {
      top.value.items[it->second] = std::move(v);  // the last value wins
    }
    return true;
  }

  ImportError Diagnose(size_t position, const nlohmann::detail::exception& ex) const;
  ImportError LexicalError(size_t at, size_t position,
                           const nlohmann::detail::exception& ex) const;

  const SourceFile& file_;
  std::string_view text_;
  const ImportLimits& limits_;
  std::vector<Frame> stack_;
  size_t cursor_ = 0;  // end of the last token handled
  Last last_ = Last::kNothing;
  std::optional<Value> root_;
  std::vector<ImportWarning> warnings_;
  std::optional<ImportError> error_;
};

bool JsonReader::key(std::string& k) {
  size_t begin = NextToken();
  size_t end = StringEnd(text_, begin);
  cursor_ = end;
  last_ = Last::kKey;
  if (!CheckStringLength(k, begin)) return false;
  Frame& top = stack_.back();
  top.lower_key = ToLowerAscii(k);
  auto it = top.index_by_key.find(top.lower_key);
  if (it != top.index_by_key.end()) {
    const std::string& earlier = top.value.items[it->second].name;
    // The warning concerns the key itself in the exported object, else the
    // top-level property the nested object belongs to.
    size_t record = RecordFrame();
    std::string property = stack_.size() - 1 == record ? k : stack_[record].key;
    std::string message =
        earlier == k ? "duplicate key '" + k + "'; the last value is used"
                     : "duplicate key '" + k + "' differs only in case from '" + earlier +
                           "' (PowerShell's ConvertFrom-Json rejects this); the last value is used";
    warnings_.push_back({std::move(message), std::move(property), Span(begin, end)});
  }
  top.key = std::move(k);
  return true;
}

/// Turns a parse failure into "expected X, found Y" at the offending byte.
/// The expectation comes from what the reader saw last; nlohmann's own
/// message is used only to name what is wrong inside a token.
ImportError JsonReader::Diagnose(size_t position, const nlohmann::detail::exception& ex) const {
  size_t at = SkipSpace(text_, cursor_);
  auto error = [&](std::string expected, size_t pos) {
    size_t end = pos < text_.size()
                     ? pos + std::min(Utf8Length(static_cast<unsigned char>(text_[pos])),
                                      text_.size() - pos)
                     : pos;
    return ImportError{"expected " + expected + ", found " + Describe(text_, pos),
                       Span(pos, end)};
  };
  auto next_is = [&](char c) { return at < text_.size() && text_[at] == c; };

  if (stack_.empty()) {
    if (last_ == Last::kValue) return error("end of file after the top-level value", at);
    if (!next_is('{') && !next_is('[')) return error("a JSON object or array", at);
  } else if (stack_.back().value.is_object()) {
    switch (last_) {
      case Last::kOpen:
        if (!next_is('"') && !next_is('}')) return error("a string key or '}' after '{'", at);
        break;
      case Last::kKey:
        if (!next_is(':')) return error("':' after an object key", at);
        at = SkipSpace(text_, at + 1);
        if (!IsValueStart(text_, at)) return error("a value after ':'", at);
        break;
      case Last::kValue:
      case Last::kNothing:
        if (next_is(',')) {
          at = SkipSpace(text_, at + 1);
          if (!next_is('"')) return error("a string key after ','", at);
        } else if (!next_is('}')) {
          return error("',' or '}' after an object member", at);
        }
        break;
    }
  } else {
    if (last_ == Last::kOpen) {
      if (!IsValueStart(text_, at) && !next_is(']')) return error("a value or ']' after '['", at);
    } else if (next_is(',')) {
      at = SkipSpace(text_, at + 1);
      if (!IsValueStart(text_, at)) return error("a value after ','", at);
    } else if (!next_is(']')) {
      return error("',' or ']' after an array element", at);
    }
  }
  // The token at `at` starts as expected, so the lexer rejected its inside.
  return LexicalError(at, position, ex);
}

ImportError JsonReader::LexicalError(size_t at, size_t position,
                                     const nlohmann::detail::exception& ex) const {
  // nlohmann's position counts bytes read, so the offending byte is the last.
  size_t bad = std::min(position > 0 ? position - 1 : 0, text_.size());
  auto at_bad = [&](std::string message) {
    size_t end = bad < text_.size() ? bad + 1 : bad;
    return ImportError{std::move(message), Span(bad, end)};
  };
  std::string what = ex.what();
  // "...syntax error while parsing value - <detail>; last read: '...'"
  std::string detail = what;
  if (size_t dash = what.find(" - "); dash != std::string::npos) detail = what.substr(dash + 3);
  if (size_t last = detail.find("; last read"); last != std::string::npos) detail.resize(last);

  if (ex.id == 406) {  // number overflow
    size_t end = NumberEnd(text_, at);
    return ImportError{"expected a number within the range of a double, found " +
                           std::string(text_.substr(at, end - at)),
                       Span(at, end)};
  }
  char c = at < text_.size() ? text_[at] : '\0';
  if (c == '"') {
    if (detail.find("missing closing quote") != std::string::npos) {
      return ImportError{"expected '\"' to end the string, found end of file",
                         Span(text_.size(), text_.size())};
    }
    if (detail.find("forbidden character after backslash") != std::string::npos) {
      return at_bad("expected one of \" \\ / b f n r t u after '\\' in a string, found " +
                    Describe(text_, bad));
    }
    if (detail.find("4 hex digits") != std::string::npos) {
      return at_bad("expected 4 hex digits after '\\u' in a string, found " + Describe(text_, bad));
    }
    return at_bad(detail);  // "invalid string: control character U+000A (LF) must be escaped..."
  }
  if (c == '-' || IsDigit(c)) {
    std::string prefix = "invalid number; ";
    if (detail.starts_with(prefix)) {
      return at_bad("invalid number: " + detail.substr(prefix.size()) + ", found " +
                    Describe(text_, bad));
    }
    return at_bad(detail);
  }
  if (c == 't' || c == 'f' || c == 'n') {
    std::string_view literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
    size_t end = at;
    while (end < text_.size() && IsIdentifierChar(text_[end])) ++end;
    return ImportError{"expected '" + std::string(literal) + "', found '" +
                           std::string(text_.substr(at, end - at)) + "'",
                       Span(at, end)};
  }
  return at_bad(detail);
}

std::expected<ImportResult, ImportError> JsonReader::Read() {
  size_t first = SkipSpace(text_, 0);
  if (first >= text_.size() || (text_[first] != '{' && text_[first] != '[')) {
    std::string found = Describe(text_, first);
    if (first < text_.size()) {
      char c = text_[first];
      if (c == '"') found = "a string";
      if (c == '-' || IsDigit(c)) found = "a number";
    }
    size_t end = first < text_.size() ? first + 1 : first;
    return std::unexpected(
        ImportError{"expected a JSON object or array, found " + found, Span(first, end)});
  }

  nlohmann::json::sax_parse(text_.begin(), text_.end(), this, nlohmann::json::input_format_t::json,
                            /*strict=*/true, /*ignore_comments=*/false);
  if (error_) return std::unexpected(std::move(*error_));
  if (!root_) return std::unexpected(ImportError{"expected a JSON object or array", Span(0, 0)});
  // nlohmann's lexer takes a NUL byte for the end of input; what follows
  // one is still part of the file.
  if (size_t rest = SkipSpace(text_, cursor_); rest < text_.size()) {
    return std::unexpected(ImportError{
        "expected end of file after the top-level value, found " + Describe(text_, rest),
        Span(rest, rest + 1)});
  }

  Value root = std::move(*root_);
  // A whole export can itself be a 5.1 {"value":[...],"Count":n} wrapper.
  if (IsCountWrapper(root)) UnwrapCount(root, "", warnings_);
  std::vector<Value> records;
  if (root.is_object()) {
    records.push_back(std::move(root));
  } else {
    records = std::move(root.items);
  }
  ImportResult result;
  for (size_t i = 0; i < records.size(); ++i) {
    if (!records[i].is_object()) {
      return std::unexpected(ImportError{ElementNotObjectMessage(i + 1, KindOf(records[i])),
                                         records[i].span});
    }
    if (i >= limits_.max_objects) {
      return std::unexpected(ImportError{ObjectLimitMessage(limits_.max_objects),
                                         Span(records[i].span.begin, records[i].span.end)});
    }
  }
  result.warnings = std::move(warnings_);
  for (Value& record : records) {
    ExtractTypeNames(record);
    for (Value& field : record.items) Normalize(field, field.name, result.warnings);
    RawObject object;
    object.type_names = std::move(record.type_names);
    record.type_names.clear();
    object.span = record.span;
    object.properties = std::move(record);
    result.objects.push_back(std::move(object));
  }
  std::stable_sort(result.warnings.begin(), result.warnings.end(),
                   [](const ImportWarning& a, const ImportWarning& b) {
                     return a.span.begin < b.span.begin;
                   });
  return result;
}

}  // namespace

Recognition RecognizeJson(const SourceFile& file) {
  std::string_view text = file.text();
  size_t first = SkipSpace(text, 0);
  if (first >= text.size() || (text[first] != '{' && text[first] != '[')) return Recognition::kNo;
  size_t next = SkipSpace(text, first + 1);
  if (next >= text.size()) return Recognition::kYes;  // truncated: the JSON error is the best one
  char c = text[next];
  bool ok = text[first] == '{' ? (c == '"' || c == '}') : (IsValueStart(text, next) || c == ']');
  return ok ? Recognition::kYes : Recognition::kNo;
}

std::expected<ImportResult, ImportError> ImportJson(const SourceFile& file,
                                                  const ImportLimits& limits) {
  try {
    JsonReader reader(file, limits);
    return reader.Read();
  } catch (const std::exception& e) {  // std::bad_alloc, or a library surprise
    return std::unexpected(
        ImportError{std::string("cannot read the JSON: ") + e.what(), file.Span(0, 0)});
  }
}

}  // namespace lint
