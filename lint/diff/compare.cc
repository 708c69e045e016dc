#include "lint/diff/compare.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "lint/model/normalize.h"
#include "lint/util/civil_date.h"

namespace lint {

namespace {

using Base = PropertyType::Base;

const std::vector<std::string_view> kNoise = {
    "WhenChanged",          "WhenChangedUTC",        "OriginatingServer",
    "ObjectState",          "CurrentDomainControllers", "CurrentGlobalCatalogs",
    "CurrentConfigDomainController", "RemainingTrialPeriod",
    "RunspaceId",           "PSComputerName",        "PSShowComputerName",
    "PSSourceJobInstanceId", "SerializationData",
};

// kind, property: lists whose order means something.
constexpr std::pair<std::string_view, std::string_view> kOrdered[] = {
    {"MailboxCalendarConfiguration", "WeatherLocations"},
};

bool Caseless(const PropertyType* type) {
  if (!type) return false;
  switch (type->base) {
    case Base::kDomain:
    case Base::kSmtpAddress:
    case Base::kAdObjectId:
    case Base::kGuid:
    case Base::kEnum:
    case Base::kFlags:
      return true;
    default:
      return false;
  }
}

struct Instant {
  int64_t seconds = 0;  // since the epoch; local time when !zoned
  bool zoned = false;
};

bool TwoDigits(std::string_view s, size_t at, int& out) {
  if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return false;
  out = (s[at] - '0') * 10 + (s[at + 1] - '0');
  return true;
}

// The loader writes dates as yyyy-mm-ddThh:mm:ss[.fffffff][Z]; anything
// else (a date it could not read) is compared as text.
std::optional<Instant> ParseIso(std::string_view text) {
  std::string warning;
  std::string iso = NormalizeDate(text, warning);
  std::string_view s = iso;
  int c, y2, mo, d, h, mi, sec;
  if (s.size() < 19 || !TwoDigits(s, 0, c) || !TwoDigits(s, 2, y2) || s[4] != '-' || !TwoDigits(s, 5, mo) ||
      s[7] != '-' || !TwoDigits(s, 8, d) || s[10] != 'T' || !TwoDigits(s, 11, h) || s[13] != ':' ||
      !TwoDigits(s, 14, mi) || s[16] != ':' || !TwoDigits(s, 17, sec)) {
    return std::nullopt;
  }
  Instant out;
  out.seconds = DaysFromCivil(c * 100 + y2, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
  out.zoned = s.back() == 'Z';
  return out;
}

ValueComparison Same() { return {}; }
ValueComparison Changed() {
  ValueComparison c;
  c.result = Comparison::kChanged;
  return c;
}

ValueComparison CompareDates(const Value& a, const Value& b) {
  if (a.text == b.text) return Same();
  auto x = ParseIso(a.text), y = ParseIso(b.text);
  if (!x || !y) return Changed();
  if (x->seconds == y->seconds) return Same();
  if (x->zoned && y->zoned) return Changed();
  // One side is local time of an unknown zone: every zone is a whole
  // number of quarter hours from UTC, at most 14 hours.
  int64_t delta = std::llabs(x->seconds - y->seconds);
  if (delta <= 14 * 3600 && delta % 900 == 0) {
    ValueComparison c;
    c.result = Comparison::kUncertain;
    c.reason = std::string("the ") + (x->zoned ? "NEW" : "OLD") +
               " export writes this date without a time zone (Format-List or Export-Csv), and the two differ by a "
               "time-zone offset (" + a.text + " and " + b.text + ")";
    return c;
  }
  return Changed();
}

bool ItemsEqual(const Value& a, const Value& b, const PropertyType* type);

ValueComparison CompareScalars(const Value& a, const Value& b, const PropertyType* type) {
  if (IsBlank(a) && IsBlank(b)) return Same();
  if (type && type->base == Base::kDate && a.is_string() && b.is_string()) return CompareDates(a, b);
  bool numeric_a = a.type == ValueType::kInt || a.type == ValueType::kDouble;
  bool numeric_b = b.type == ValueType::kInt || b.type == ValueType::kDouble;
  if (numeric_a && numeric_b) {
    double x = a.type == ValueType::kInt ? static_cast<double>(a.integer) : a.real;
    double y = b.type == ValueType::kInt ? static_cast<double>(b.integer) : b.real;
    return x == y ? Same() : Changed();
  }
  if (a.type != b.type) return Changed();
  switch (a.type) {
    case ValueType::kNull: return Same();
    case ValueType::kBool: return a.boolean == b.boolean ? Same() : Changed();
    case ValueType::kString:
      return (Caseless(type) ? EqualsIgnoreCase(a.text, b.text) : a.text == b.text) ? Same() : Changed();
    case ValueType::kObject: {
      if (a.items.size() != b.items.size()) return Changed();
      for (const Value& field : a.items) {
        const Value* other = b.Field(field.name);
        if (!other || !ItemsEqual(field, *other, nullptr)) return Changed();
      }
      return Same();
    }
    case ValueType::kList: {
      if (a.items.size() != b.items.size()) return Changed();
      for (size_t i = 0; i < a.items.size(); ++i) {
        if (!ItemsEqual(a.items[i], b.items[i], type)) return Changed();
      }
      return Same();
    }
    default: return Changed();
  }
}

bool ItemsEqual(const Value& a, const Value& b, const PropertyType* type) {
  return CompareScalars(a, b, type).result == Comparison::kSame;
}

}  // namespace

const std::vector<std::string_view>& NoiseProperties() { return kNoise; }

bool IsNoiseProperty(std::string_view property) {
  return std::any_of(kNoise.begin(), kNoise.end(), [&](std::string_view n) { return EqualsIgnoreCase(n, property); });
}

bool IsOrderedList(std::string_view kind, std::string_view property) {
  for (const auto& [k, p] : kOrdered) {
    if (EqualsIgnoreCase(k, kind) && EqualsIgnoreCase(p, property)) return true;
  }
  return false;
}

std::string RecreatedNote(std::string_view property) {
  for (std::string_view p : {"Guid", "ExchangeObjectId", "WhenCreated", "WhenCreatedUTC"}) {
    if (EqualsIgnoreCase(p, property)) {
      return "a different " + std::string(p) + ": the object was deleted and created again with the same name";
    }
  }
  return "";
}

bool IsBlank(const Value& value) {
  return value.is_null() || (value.is_string() && value.text.empty()) || (value.is_list() && value.items.empty());
}

ValueComparison CompareValues(const Value& old_value, const Value& new_value, const PropertyType* type,
                              bool ordered) {
  if (IsBlank(old_value) && IsBlank(new_value)) return Same();
  // A one-item list and its lone item read the same (a list property that
  // one exporter wrote as a scalar).
  bool list_a = old_value.is_list(), list_b = new_value.is_list();
  // Items of a list<T> compare as T; flags items are member names.
  const PropertyType* element = type;
  if (type && type->base == Base::kList && !type->element.empty()) element = &type->element.front();
  if (!list_a && !list_b) return CompareScalars(old_value, new_value, type);
  if (ordered) {
    Value a = list_a ? old_value : Value::List(IsBlank(old_value) ? std::vector<Value>{} : std::vector<Value>{old_value});
    Value b = list_b ? new_value : Value::List(IsBlank(new_value) ? std::vector<Value>{} : std::vector<Value>{new_value});
    return CompareScalars(a, b, element);
  }
  std::vector<const Value*> a, b;
  if (list_a) {
    for (const Value& v : old_value.items) a.push_back(&v);
  } else if (!IsBlank(old_value)) {
    a.push_back(&old_value);
  }
  if (list_b) {
    for (const Value& v : new_value.items) b.push_back(&v);
  } else if (!IsBlank(new_value)) {
    b.push_back(&new_value);
  }
  // Multiset difference: each OLD item consumes one equal NEW item.
  std::vector<bool> used(b.size(), false);
  ValueComparison out;
  out.as_set = true;
  for (const Value* item : a) {
    bool found = false;
    for (size_t j = 0; j < b.size(); ++j) {
      if (!used[j] && ItemsEqual(*item, *b[j], element)) {
        used[j] = true;
        found = true;
        break;
      }
    }
    if (!found) out.removed.push_back(*item);
  }
  for (size_t j = 0; j < b.size(); ++j) {
    if (!used[j]) out.added.push_back(*b[j]);
  }
  if (!out.added.empty() || !out.removed.empty()) out.result = Comparison::kChanged;
  return out;
}

}  // namespace lint
