#include "lint/model/value.h"

#include <cmath>
#include <cstdio>

namespace lint {

Value Value::Null(SourceSpan span) {
  Value v;
  v.span = span;
  return v;
}
Value Value::String(std::string s, SourceSpan span) {
  Value v;
  v.type = ValueType::kString;
  v.text = std::move(s);
  v.has_text = true;
  v.span = span;
  return v;
}
Value Value::Bool(bool b, SourceSpan span) {
  Value v;
  v.type = ValueType::kBool;
  v.boolean = b;
  v.span = span;
  return v;
}
Value Value::Int(int64_t i, SourceSpan span) {
  Value v;
  v.type = ValueType::kInt;
  v.integer = i;
  v.span = span;
  return v;
}
Value Value::Double(double d, SourceSpan span) {
  Value v;
  v.type = ValueType::kDouble;
  v.real = d;
  v.span = span;
  return v;
}
Value Value::List(std::vector<Value> items, SourceSpan span) {
  Value v;
  v.type = ValueType::kList;
  v.items = std::move(items);
  v.span = span;
  return v;
}
Value Value::Object(std::vector<Value> fields, SourceSpan span) {
  Value v;
  v.type = ValueType::kObject;
  v.items = std::move(fields);
  v.span = span;
  return v;
}

const Value* Value::Field(std::string_view field_name) const {
  if (type != ValueType::kObject) return nullptr;
  for (const Value& f : items) {
    if (EqualsIgnoreCase(f.name, field_name)) return &f;
  }
  return nullptr;
}

Value* Value::Field(std::string_view field_name) {
  return const_cast<Value*>(static_cast<const Value*>(this)->Field(field_name));
}

void Value::SetField(std::string field_name, Value v) {
  v.name = field_name;
  if (Value* existing = Field(field_name)) {
    *existing = std::move(v);
    return;
  }
  items.push_back(std::move(v));
}

std::string Value::ToDisplay() const {
  switch (type) {
    case ValueType::kNull: return "";
    case ValueType::kString: return text;
    case ValueType::kBool: return boolean ? "True" : "False";
    case ValueType::kInt: return std::to_string(integer);
    case ValueType::kDouble: {
      if (std::isfinite(real) && real == std::floor(real) && std::fabs(real) < 1e15) {
        return std::to_string(static_cast<int64_t>(real));
      }
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", real);
      return buf;
    }
    case ValueType::kList: {
      std::string out = "{";
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += items[i].ToDisplay();
      }
      if (loss == Loss::kTruncated) out += "...";
      out += "}";
      return out;
    }
    case ValueType::kObject: {
      if (has_text) return text;
      std::string out = "@{";
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += "; ";
        out += items[i].name + "=" + items[i].ToDisplay();
      }
      out += "}";
      return out;
    }
  }
  return "";
}

bool SameValue(const Value& a, const Value& b) {
  if (a.type != b.type || a.loss != b.loss) return false;
  switch (a.type) {
    case ValueType::kNull: return true;
    case ValueType::kString: return a.text == b.text;
    case ValueType::kBool: return a.boolean == b.boolean;
    case ValueType::kInt: return a.integer == b.integer;
    case ValueType::kDouble: return a.real == b.real;
    case ValueType::kList:
    case ValueType::kObject:
      if (a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i) {
        if (a.items[i].name != b.items[i].name || !SameValue(a.items[i], b.items[i])) return false;
      }
      return a.type == ValueType::kList || a.text == b.text;
  }
  return false;
}

namespace {
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && EqualsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

}  // namespace lint
