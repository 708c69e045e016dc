#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lint/source/source_span.h"

namespace lint {

/// What kind of data a Value holds.
enum class ValueType { kNull, kString, kBool, kInt, kDouble, kList, kObject };

/// Whether a value is all the exporter had.
enum class Loss {
  kNone,
  /// A list whose tail was cut (Format-List `...`/`…`): the items present
  /// are real, but the list is not complete.
  kTruncated,
  /// The data is gone: a CSV collection written as its type name, a JSON
  /// value flattened at the -Depth limit, a certificate without its DER.
  kLost,
};

/// A typed value with the span it came from.
///
/// Importers build raw trees of Values (objects with fields, lists,
/// scalars); SnapshotBuilder normalizes them against schema/model so that
/// the same property reads the same whatever the format:
///   Value v = Value::String("contoso.com", span);
///   Value list = Value::List({v}, span);
struct Value {
  ValueType type = ValueType::kNull;
  /// kString: the text. kObject from CLIXML: the <ToString>, if any (see
  /// has_text). Raw scalars from text formats keep their literal here too.
  std::string text;
  bool has_text = false;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  /// kList items, or kObject fields (each field carries its `name`).
  std::vector<Value> items;
  /// Field name when this value is a field of an object.
  std::string name;
  /// CLIXML type names (most specific first, `Deserialized.` stripped), for
  /// objects, enums and MVPs; empty elsewhere.
  std::vector<std::string> type_names;
  /// Raw values only: true when the text came from an untyped format
  /// (Format-List, CSV) and may still need parsing ("True", "{a, b}").
  bool untyped = false;
  Loss loss = Loss::kNone;
  SourceSpan span;

  static Value Null(SourceSpan span = {});
  static Value String(std::string s, SourceSpan span = {});
  static Value Bool(bool b, SourceSpan span = {});
  static Value Int(int64_t i, SourceSpan span = {});
  static Value Double(double d, SourceSpan span = {});
  static Value List(std::vector<Value> items, SourceSpan span = {});
  static Value Object(std::vector<Value> fields, SourceSpan span = {});

  bool is_null() const { return type == ValueType::kNull; }
  bool is_string() const { return type == ValueType::kString; }
  bool is_list() const { return type == ValueType::kList; }
  bool is_object() const { return type == ValueType::kObject; }

  /// Field of an object by name (ASCII case-insensitive), or nullptr.
  const Value* Field(std::string_view field_name) const;
  Value* Field(std::string_view field_name);
  /// Adds or replaces a field.
  void SetField(std::string field_name, Value v);

  /// Text for messages and comparisons: strings as they are, booleans as
  /// True/False (PowerShell's spelling), numbers in invariant form, lists
  /// as `{a, b}`, null as the empty string.
  std::string ToDisplay() const;
};

/// Structural equality, ignoring spans; strings compare exactly.
bool SameValue(const Value& a, const Value& b);

/// ASCII case-insensitive comparison helpers used across the library.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToLowerAscii(std::string_view s);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix);
std::string_view Trim(std::string_view s);

}  // namespace lint
