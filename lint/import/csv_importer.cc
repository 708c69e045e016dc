#include "lint/import/csv_importer.h"
#include "lint/util/shorten.h"
#include "lint/util/limits.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Export-Csv / ConvertTo-Csv, as PowerShell writes it (serialization
// reference B.4):
//
//   #TYPE Microsoft.Exchange.Data.Directory.SystemConfiguration.OrganizationRelationship
//   "DomainNames","FreeBusyAccessEnabled","TargetSharingEpr",...
//   "Microsoft.Exchange.Data.MultiValuedProperty`1[...]","True",,...
//
// - The `#TYPE` line is optional (5.1 default; 7 only with
//   -IncludeTypeInformation). Its `CSV:`, `Deserialized.` and `Selected.`
//   prefixes are stripped into RawObject::type_names.
// - The header holds the property names of the first object; each later
//   line is one object.
// - The delimiter is found on the header line (see DetectDelimiter): `,`,
//   `;` (-UseCulture in many European locales) or a tab.
// - A null value is written as nothing (`,,`) and becomes Value::Null; an
//   empty string is `""` and stays Value::String(""). Everything else is a
//   string with `untyped` set: the builder parses it against the schema.
// - Empty lines are skipped, as Import-Csv does.
//
// The scanner is ours and makes one pass over the text, so offsets are
// exact and the time is linear in the file size.

namespace lint {

namespace {

constexpr std::string_view kLostMessage =
    "multi-valued property was written as its type name by Export-Csv; the values are lost "
    "(export with Export-Clixml, or join the values with -join)";

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Recognition reads no further than this.
constexpr size_t kRecognizeWindow = 64 * 1024;

bool IsLineBreak(char c) { return c == '\r' || c == '\n'; }

// End of the line that starts at `pos` (the offset of its line break, or the
// text size).
size_t LineEnd(std::string_view text, size_t pos) {
  size_t end = text.find_first_of("\r\n", pos);
  return end == std::string_view::npos ? text.size() : end;
}

// Offset after the line break at `pos` (CRLF, LF or a lone CR).
size_t SkipLineBreak(std::string_view text, size_t pos) {
  if (pos < text.size() && text[pos] == '\r') ++pos;
  if (pos < text.size() && text[pos] == '\n') ++pos;
  return pos;
}

bool IsTypeLine(std::string_view line) {
  return StartsWithIgnoreCase(line, "#TYPE") && (line.size() == 5 || line[5] == ' ' || line[5] == '\t');
}

// `#TYPE Deserialized.X` → "X". Export-Csv strips `CSV:`; `Deserialized.`
// and `Selected.` are stripped as everywhere in the importers (they may be
// stacked: `Selected.Deserialized.X`).
std::string TypeNameFromLine(std::string_view line) {
  std::string_view name = Trim(line.substr(5));
  for (bool again = true; again;) {
    again = false;
    for (std::string_view prefix : {std::string_view("CSV:"), std::string_view("Deserialized."),
                                    std::string_view("Selected.")}) {
      if (name.starts_with(prefix)) {
        name.remove_prefix(prefix.size());
        again = true;
      }
    }
  }
  return std::string(name);
}

bool IsDelimiterCandidate(char c) { return c == ',' || c == ';' || c == '\t'; }

// The delimiter of a header line. A quoted header (5.1 and 7's default)
// answers exactly: the character after the first closing quote. An unquoted
// header (7 with -UseQuotes AsNeeded/Never) has property names, which hold
// none of the candidates, so the most frequent candidate outside quotes
// wins; ties go to ',' then ';' then tab. One column: ','.
char DetectDelimiter(std::string_view line) {
  if (!line.empty() && line[0] == '"') {
    for (size_t i = 1; i < line.size(); ++i) {
      if (line[i] != '"') continue;
      if (i + 1 < line.size() && line[i + 1] == '"') {
        ++i;
        continue;
      }
      if (i + 1 < line.size() && IsDelimiterCandidate(line[i + 1])) return line[i + 1];
      break;
    }
  }
  size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
    if (c == '\t') ++tabs;
  }
  if (commas >= semicolons && commas >= tabs) return ',';
  return semicolons >= tabs ? ';' : '\t';
}

std::string DelimiterName(char delimiter) {
  if (delimiter == '\t') return "a tab";
  return std::string("'") + delimiter + "'";
}

// True for the text Export-Csv writes for a collection: its type name,
// since neither .NET collections nor Exchange's (AD)MultiValuedProperty
// override ToString().
bool IsCollectionTypeName(std::string_view text) {
  static constexpr std::array<std::string_view, 5> kExact = {
      "System.Object[]", "System.String[]", "System.Byte[]",
      "System.Collections.ArrayList", "System.Collections.Hashtable"};
  static constexpr std::array<std::string_view, 3> kGenericPrefixes = {
      "Microsoft.Exchange.Data.MultiValuedProperty`1[",
      "Microsoft.Exchange.Data.Directory.ADMultiValuedProperty`1[",
      "System.Collections.Generic.List`1["};
  for (std::string_view name : kExact) {
    if (text == name) return true;
  }
  for (std::string_view prefix : kGenericPrefixes) {
    if (text.starts_with(prefix) && text.ends_with("]")) return true;
  }
  // Any other array of a .NET type: `Namespace.Type[]`, no spaces.
  if (text.ends_with("[]") && text.size() > 2) {
    std::string_view type = text.substr(0, text.size() - 2);
    bool has_dot = false;
    for (char c : type) {
      bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                c == '_' || c == '`' || c == '+';
      if (!ok) return false;
      has_dot = has_dot || c == '.';
    }
    return has_dot && type.front() != '.' && type.back() != '.';
  }
  return false;
}

// A property name as it appears in a header line. Quoted names may hold
// spaces (Select-Object @{n='Display Name'; ...}); unquoted ones may not,
// which keeps plain text lines from looking like a header.
bool IsPropertyNameLike(std::string_view name, bool quoted) {
  if (name.empty()) return false;
  char first = name.front();
  if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z') || first == '_')) return false;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '-' || c == '.' || (quoted && c == ' ');
    if (!ok) return false;
  }
  return quoted || name.back() != ' ';
}

// One field as written: its span (quotes included) and its text with
// quoting undone.
struct Field {
  size_t begin = 0;
  size_t end = 0;
  bool quoted = false;
  std::string text;
};

// Reads records of RFC 4180 fields. Quoted fields may hold the delimiter
// and line breaks; `""` inside them is one quote.
class RecordReader {
 public:
  RecordReader(const SourceFile& file, size_t pos, char delimiter, const ImportLimits& limits)
      : file_(file), text_(file.text()), pos_(pos), delimiter_(delimiter), limits_(limits) {
    stops_[0] = delimiter;
  }

  /// Reads the next record into `fields`; false at the end of the text.
  std::expected<bool, ImportError> Next(std::vector<Field>& fields) {
    fields.clear();
    // Skip empty lines, as Import-Csv does.
    while (pos_ < text_.size() && IsLineBreak(text_[pos_])) pos_ = SkipLineBreak(text_, pos_);
    if (pos_ >= text_.size()) return false;
    while (true) {
      Field field;
      auto read = text_[pos_] == '"' ? ReadQuoted(field) : ReadPlain(field);
      if (!read) return std::unexpected(std::move(read.error()));
      fields.push_back(std::move(field));
      if (pos_ < text_.size() && text_[pos_] == delimiter_) {
        ++pos_;
        if (pos_ >= text_.size() || IsLineBreak(text_[pos_])) {
          // A trailing delimiter: one more field, null.
          fields.push_back(Field{pos_, pos_, false, {}});
          pos_ = SkipLineBreak(text_, pos_);
          return true;
        }
        continue;
      }
      pos_ = SkipLineBreak(text_, pos_);
      return true;
    }
  }

 private:
  std::expected<void, ImportError> ReadQuoted(Field& field) {
    field.begin = pos_;
    field.quoted = true;
    size_t i = pos_ + 1;
    while (true) {
      size_t quote = text_.find('"', i);
      if (quote == std::string_view::npos) {
        return std::unexpected(ImportError{"expected a closing '\"' for the field that starts here",
                                           file_.Span(field.begin, field.begin + 1)});
      }
      field.text.append(text_.substr(i, quote - i));
      if (quote + 1 < text_.size() && text_[quote + 1] == '"') {
        field.text.push_back('"');
        i = quote + 2;
      } else {
        i = quote + 1;
        break;
      }
      if (field.text.size() > limits_.max_string_bytes) return TooLong(field.begin);
    }
    if (field.text.size() > limits_.max_string_bytes) return TooLong(field.begin);
    field.end = i;
    pos_ = i;
    if (pos_ < text_.size() && text_[pos_] != delimiter_ && !IsLineBreak(text_[pos_])) {
      return std::unexpected(ImportError{"expected " + DelimiterName(delimiter_) +
                                             " or the end of the line after the closing '\"' of a field",
                                         file_.Span(pos_, pos_ + 1)});
    }
    return {};
  }

  std::expected<void, ImportError> ReadPlain(Field& field) {
    field.begin = pos_;
    size_t end = text_.find_first_of(std::string_view(stops_.data(), stops_.size()), pos_);
    if (end == std::string_view::npos) end = text_.size();
    if (end < text_.size() && text_[end] == '"') {
      return std::unexpected(ImportError{
          "unexpected '\"' inside an unquoted field; a field that holds a quote must be quoted, "
          "with the quote doubled",
          file_.Span(end, end + 1)});
    }
    if (end - pos_ > limits_.max_string_bytes) return TooLong(field.begin);
    field.text.assign(text_.substr(pos_, end - pos_));
    field.end = end;
    pos_ = end;
    return {};
  }

  std::unexpected<ImportError> TooLong(size_t begin) const {
    return std::unexpected(ImportError{
        StringLimitMessage(limits_.max_string_bytes),
        file_.Span(begin, begin + 1)});
  }

  const SourceFile& file_;
  std::string_view text_;
  size_t pos_;
  char delimiter_;
  const ImportLimits& limits_;
  std::array<char, 4> stops_ = {',', '\r', '\n', '"'};
};

std::string Shorten(std::string_view text) { return ShortenForMessage(text); }

// One header column; `used` is false for a duplicate, whose values are
// dropped.
struct Column {
  std::string name;
  bool used = true;
};

Value FieldValue(Field& field, const SourceFile& file) {
  SourceSpan span = file.Span(field.begin, field.end);
  if (!field.quoted && field.text.empty()) return Value::Null(span);
  Value value = Value::String(std::move(field.text), span);
  value.untyped = true;
  return value;
}

}  // namespace

Recognition RecognizeCsv(const SourceFile& file) {
  std::string_view text = file.text();
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  text = text.substr(0, std::min(text.size(), kRecognizeWindow));
  std::string_view line = text.substr(0, LineEnd(text, 0));
  if (line.size() == text.size() && text.size() == kRecognizeWindow) return Recognition::kNo;
  if (IsTypeLine(line)) return Recognition::kYes;

  // A header: at least two property-name-like columns, each quoted or not.
  char delimiter = DetectDelimiter(line);
  size_t columns = 0;
  size_t i = 0;
  while (true) {
    std::string_view name;
    bool quoted = false;
    if (i < line.size() && line[i] == '"') {
      size_t close = line.find('"', i + 1);
      if (close == std::string_view::npos) return Recognition::kNo;
      name = line.substr(i + 1, close - i - 1);
      quoted = true;
      i = close + 1;
    } else {
      size_t end = line.find(delimiter, i);
      if (end == std::string_view::npos) end = line.size();
      name = line.substr(i, end - i);
      i = end;
    }
    if (!IsPropertyNameLike(name, quoted)) return Recognition::kNo;
    ++columns;
    if (i == line.size()) break;
    if (line[i] != delimiter) return Recognition::kNo;
    ++i;
  }
  return columns >= 2 ? Recognition::kMaybe : Recognition::kNo;
}

std::expected<ImportResult, ImportError> ImportCsv(const SourceFile& file, const ImportLimits& limits) {
  std::string_view text = file.text();
  if (Trim(text.substr(text.starts_with(kBom) ? kBom.size() : 0)).empty()) {
    return std::unexpected(
        ImportError{"the file is empty; expected a CSV header line with the property names", file.Span(0, 0)});
  }

  ImportResult result;
  std::vector<std::string> type_names;
  // The decoder removed the file's BOM; skip a second one (a concatenation).
  size_t pos = text.starts_with(kBom) ? kBom.size() : 0;
  std::string_view first_line = text.substr(pos, LineEnd(text, pos) - pos);
  if (IsTypeLine(first_line)) {
    std::string type_name = TypeNameFromLine(first_line);
    if (!type_name.empty()) type_names.push_back(std::move(type_name));
    pos = SkipLineBreak(text, pos + first_line.size());
  }
  while (pos < text.size() && IsLineBreak(text[pos])) pos = SkipLineBreak(text, pos);
  if (pos >= text.size()) {
    return std::unexpected(ImportError{"expected a header line with the property names after the #TYPE line",
                                       file.Span(pos, pos)});
  }

  char delimiter = DetectDelimiter(text.substr(pos, LineEnd(text, pos) - pos));
  RecordReader reader(file, pos, delimiter, limits);
  std::vector<Field> fields;

  // The header.
  auto header = reader.Next(fields);
  if (!header) return std::unexpected(std::move(header.error()));
  std::vector<Column> columns;
  for (size_t i = 0; i < fields.size(); ++i) {
    Field& field = fields[i];
    if (field.text.empty()) {
      return std::unexpected(ImportError{"column " + std::to_string(i + 1) + " of the header has no name",
                                         file.Span(field.begin, field.end)});
    }
    Column column{std::move(field.text), true};
    for (const Column& earlier : columns) {
      if (earlier.used && EqualsIgnoreCase(earlier.name, column.name)) {
        result.warnings.push_back(ImportWarning{
            "duplicate column '" + Shorten(column.name) +
                "' (property names are case-insensitive); its values are ignored and the first '" +
                Shorten(earlier.name) + "' column is used",
            column.name, file.Span(field.begin, field.end)});
        column.used = false;
        break;
      }
    }
    columns.push_back(std::move(column));
  }

  // One object per record.
  while (true) {
    auto more = reader.Next(fields);
    if (!more) return std::unexpected(std::move(more.error()));
    if (!*more) break;
    SourceSpan record_span = file.Span(fields.front().begin, fields.back().end);
    if (fields.size() > columns.size()) {
      const Field& extra = fields[columns.size()];
      return std::unexpected(ImportError{"expected " + std::to_string(columns.size()) +
                                             " fields as in the header, found " + std::to_string(fields.size()),
                                         file.Span(extra.begin, extra.end)});
    }
    if (result.objects.size() >= limits.max_objects) {
      return std::unexpected(ImportError{
          ObjectLimitMessage(limits.max_objects), record_span});
    }
    if (fields.size() < columns.size()) {
      result.warnings.push_back(ImportWarning{
          "expected " + std::to_string(columns.size()) + " fields as in the header, found " +
              std::to_string(fields.size()) + "; the missing properties are left unset",
          "", record_span});
    }

    RawObject object;
    object.type_names = type_names;
    object.span = record_span;
    object.properties = Value::Object({}, record_span);
    object.properties.items.reserve(fields.size());
    for (size_t i = 0; i < fields.size(); ++i) {
      if (!columns[i].used) continue;
      Value value = FieldValue(fields[i], file);
      if (value.is_string() && IsCollectionTypeName(value.text)) {
        value.loss = Loss::kLost;
        result.warnings.push_back(ImportWarning{std::string(kLostMessage), columns[i].name, value.span});
      }
      value.name = columns[i].name;
      object.properties.items.push_back(std::move(value));
    }
    result.objects.push_back(std::move(object));
  }
  return result;
}

}  // namespace lint
