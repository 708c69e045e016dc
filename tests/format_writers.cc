// The four PowerShell export writers (see format_writers.h). Encodings from
// /work/shared/docs/serialization-reference.md Part B; each writer follows
// Windows PowerShell 5.1 (en-US culture, a machine on UTC).
#include "tests/format_writers.h"
#include "lint/util/civil_date.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <utility>

#include "lint/source/encoding.h"

namespace lint::testing {

namespace {

using Base = PropertyType::Base;

constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kMscorlib =
    "mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089";
constexpr std::string_view kExchangeData =
    "Microsoft.Exchange.Data, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35";

// ---------------------------------------------------------------------------
// Schema look-ups shared by the writers.

const KindSchema* KindOf(const Object& object) {
  return object.kind.empty() ? nullptr : ModelSchema::Builtin().FindKind(object.kind);
}

const PropertyType* TypeOf(const KindSchema* kind, std::string_view property) {
  return kind ? kind->FindProperty(property) : nullptr;
}

const EnumTable* TableOf(const PropertyType* type) {
  if (!type || (type->base != Base::kEnum && type->base != Base::kFlags)) return nullptr;
  return ModelSchema::Builtin().FindEnum(type->enum_name);
}

std::optional<int64_t> MemberValue(const EnumTable& table, std::string_view name) {
  std::optional<std::string> canonical = table.Canonical(name);
  if (!canonical) return std::nullopt;
  for (const auto& [member, value] : table.members) {
    if (member == *canonical) return value;
  }
  return std::nullopt;
}

// Enums whose underlying type is Int64 (enums.yaml header): CLIXML <I64>,
// and 5.1 ConvertTo-Json writes their name instead of the number.
bool IsInt64Enum(const EnumTable& table) {
  if (table.name == "RecipientTypeDetails" || table.name == "RemoteRecipientType") return true;
  return std::any_of(table.members.begin(), table.members.end(), [](const auto& m) {
    return m.second > std::numeric_limits<int32_t>::max();
  });
}

// ExtendedProtectionFlags is MultiValuedProperty<ExtendedProtectionFlag>: a
// list of enum values, not one flags value (schema notes, A.9).
bool IsMvpFlags(const PropertyType* type) {
  return type && type->base == Base::kFlags && type->enum_name == "ExtendedProtectionFlag";
}

// The .NET type of an enum, for CLIXML <TN>. The importers never read it;
// the namespace is the one most hybrid enums live in.
std::string EnumTypeName(const std::string& enum_name) {
  if (enum_name == "DayOfWeek") return "System.DayOfWeek";
  return "Microsoft.Exchange.Data.Directory.SystemConfiguration." + enum_name;
}

std::vector<std::string> EnumTypeNames(const std::string& enum_name) {
  return {EnumTypeName(enum_name), "System.Enum", "System.ValueType", "System.Object"};
}

// The .NET element type and assembly of an MVP, for its <TN>.
std::string ElementTypeName(const PropertyType* element) {
  std::string type = "System.String";
  std::string_view assembly = kMscorlib;
  if (element) {
    switch (element->base) {
      case Base::kDomain: type = "Microsoft.Exchange.Data.SmtpDomain"; assembly = kExchangeData; break;
      case Base::kSmtpAddress: type = "Microsoft.Exchange.Data.SmtpAddress"; assembly = kExchangeData; break;
      case Base::kAdObjectId: type = "Microsoft.Exchange.Data.Directory.ADObjectId"; assembly = kExchangeData; break;
      case Base::kGuid: type = "System.Guid"; break;
      case Base::kUri: type = "System.Uri"; break;
      case Base::kInt: type = "System.Int32"; break;
      case Base::kBool: type = "System.Boolean"; break;
      case Base::kDate: type = "System.DateTime"; break;
      case Base::kEnum:
      case Base::kFlags: type = EnumTypeName(element->enum_name); assembly = kExchangeData; break;
      default: break;
    }
  }
  return type + ", " + std::string(assembly);
}

std::vector<std::string> MvpTypeNames(const PropertyType* element) {
  return {"Microsoft.Exchange.Data.MultiValuedProperty`1[[" + ElementTypeName(element) + "]]",
          "Microsoft.Exchange.Data.MultiValuedPropertyBase", "System.Object"};
}

const PropertyType* ElementOf(const PropertyType* type) {
  return type && type->base == Base::kList && !type->element.empty() ? &type->element.front() : nullptr;
}

// The names of a normalized flags value (a list of names, or one text).
std::vector<std::string> FlagNames(const Value& v) {
  std::vector<std::string> names;
  if (v.is_list()) {
    for (const Value& item : v.items) names.push_back(item.ToDisplay());
  } else if (v.is_string()) {
    size_t start = 0;
    while (start <= v.text.size()) {
      size_t comma = v.text.find(',', start);
      std::string_view part = Trim(std::string_view(v.text).substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (!part.empty()) names.emplace_back(part);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return names;
}

// ---------------------------------------------------------------------------
// Dates, time spans, numbers.

struct IsoDate {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int64_t fraction = 0;  // 100 ns units
  bool utc = false;
};

bool TakeDigits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// The normalizer's date form: yyyy-mm-ddThh:mm:ss[.f{1,7}][Z].
std::optional<IsoDate> ParseIso(std::string_view s) {
  IsoDate d;
  if (s.size() < 19 || !TakeDigits(s, 0, 4, d.year) || s[4] != '-' || !TakeDigits(s, 5, 2, d.month) ||
      s[7] != '-' || !TakeDigits(s, 8, 2, d.day) || s[10] != 'T' || !TakeDigits(s, 11, 2, d.hour) ||
      s[13] != ':' || !TakeDigits(s, 14, 2, d.minute) || s[16] != ':' || !TakeDigits(s, 17, 2, d.second)) {
    return std::nullopt;
  }
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || d.hour > 23 || d.minute > 59 || d.second > 59) {
    return std::nullopt;
  }
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 7) {
      d.fraction = d.fraction * 10 + (s[i] - '0');
      ++digits;
      ++i;
    }
    if (digits == 0) return std::nullopt;
    while (digits++ < 7) d.fraction *= 10;
  }
  if (i < s.size() && s[i] == 'Z') {
    d.utc = true;
    ++i;
  }
  if (i != s.size()) return std::nullopt;
  return d;
}


// Milliseconds since the Unix epoch (JavaScriptSerializer's \/Date(ms)\/);
// a date without a zone is taken as the exporting machine's, i.e. UTC.
int64_t UnixMilliseconds(const IsoDate& d) {
  int64_t seconds = DaysFromCivil(d.year, d.month, d.day) * 86400 + d.hour * 3600 + d.minute * 60 + d.second;
  return seconds * 1000 + d.fraction / 10000;
}

template <typename... Args>
std::string Format(const char* format, Args... args) {
  char buf[128];
  std::snprintf(buf, sizeof buf, format, args...);
  return buf;
}

// "[-][d.]hh:mm:ss[.fffffff]" (TimeSpan "c", the normalized form) -> ticks.
std::optional<int64_t> ParseTimeSpan(std::string_view s) {
  bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  int64_t days = 0;
  size_t colon = s.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  size_t dot = s.substr(0, colon).find('.');
  if (dot != std::string_view::npos) {
    days = std::strtoll(std::string(s.substr(0, dot)).c_str(), nullptr, 10);
    s.remove_prefix(dot + 1);
  }
  int h = 0, m = 0, sec = 0;
  if (s.size() < 8 || !TakeDigits(s, 0, 2, h) || s[2] != ':' || !TakeDigits(s, 3, 2, m) || s[5] != ':' ||
      !TakeDigits(s, 6, 2, sec)) {
    return std::nullopt;
  }
  int64_t fraction = 0;
  if (s.size() > 8) {
    if (s[8] != '.' || s.size() != 16) return std::nullopt;
    int f = 0;
    if (!TakeDigits(s, 9, 7, f)) return std::nullopt;
    fraction = f;
  }
  int64_t ticks = ((days * 86400 + h * 3600 + m * 60 + sec) * 10000000) + fraction;
  return negative ? -ticks : ticks;
}

// XmlConvert.ToString(TimeSpan): xs:duration, zero parts left out ("PT8H",
// "P1DT2H30M", "PT0S").
std::string XmlDuration(int64_t ticks) {
  std::string out = ticks < 0 ? "-P" : "P";
  uint64_t t = ticks < 0 ? static_cast<uint64_t>(-ticks) : static_cast<uint64_t>(ticks);
  uint64_t days = t / 864000000000ULL;
  uint64_t rest = t % 864000000000ULL;
  uint64_t hours = rest / 36000000000ULL;
  uint64_t minutes = rest % 36000000000ULL / 600000000ULL;
  uint64_t seconds = rest % 600000000ULL / 10000000ULL;
  uint64_t fraction = rest % 10000000ULL;
  if (days) out += std::to_string(days) + "D";
  if (hours || minutes || seconds || fraction || !days) {
    out += "T";
    if (hours) out += std::to_string(hours) + "H";
    if (minutes) out += std::to_string(minutes) + "M";
    if (seconds || fraction || (!days && !hours && !minutes)) {
      out += std::to_string(seconds);
      if (fraction) {
        std::string f = Format("%07llu", static_cast<unsigned long long>(fraction));
        while (f.back() == '0') f.pop_back();
        out += "." + f;
      }
      out += "S";
    }
  }
  return out;
}

// Double.ToString("R") of .NET Framework: 15 significant digits when they
// round-trip, else 17; exponent form as "1E+20".
std::string FormatDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  std::string s = Format("%.15G", d);
  if (std::strtod(s.c_str(), nullptr) != d) s = Format("%.17G", d);
  return s;
}

// ---------------------------------------------------------------------------
// UTF-8 walking.

// Decodes the code point at s[i], advancing i; invalid bytes come back as
// themselves.
char32_t NextCodePoint(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  size_t length = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + length > s.size()) length = 1;
  char32_t cp = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += length;
  return cp;
}

std::string Hex4(unsigned unit, bool upper) { return Format(upper ? "%04X" : "%04x", unit); }

// ---------------------------------------------------------------------------
// Text of a value as .NET ToString() prints it (Format-List, Export-Csv).

// The ToString of one scalar (or list item) in en-US culture; dates in
// the culture's short date and long time.
std::string ScalarToString(const Value& v, const PropertyType* type) {
  switch (v.type) {
    case ValueType::kNull: return "";
    case ValueType::kBool: return v.boolean ? "True" : "False";
    case ValueType::kInt:
    case ValueType::kDouble:
      return v.type == ValueType::kInt ? std::to_string(v.integer) : Format("%.15G", v.real);
    case ValueType::kString:
      if (type && type->base == Base::kDate) {
        if (auto culture = CultureDate(v.text)) return *culture;
      }
      return v.text;
    case ValueType::kList:
    case ValueType::kObject: return v.ToDisplay();
  }
  return "";
}

// The ToString of a flags value: "A, B" (.NET), or the names as they are
// when one is not a member.
std::string FlagsText(const Value& v, const EnumTable* table) {
  std::vector<std::string> names = FlagNames(v);
  if (table) {
    if (auto n = FlagsValue(*table, names)) return FlagsToString(*table, *n);
  }
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

// Items of a list value as texts, for `{a, b}` (FL) or `a b` (CSV).
std::vector<std::string> ItemTexts(const Value& v, const PropertyType* type) {
  std::vector<std::string> out;
  const PropertyType* element = ElementOf(type);
  for (const Value& item : v.items) out.push_back(ScalarToString(item, element));
  return out;
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += separator;
    out += parts[i];
  }
  return out;
}

bool IsCertificateObject(const Value& v, const PropertyType* type) {
  return type && type->base == Base::kCertificate && v.is_object();
}

// ---------------------------------------------------------------------------
// CLIXML.

std::string XmlEscape(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (attribute) {
          out += "&quot;";
          break;
        }
        [[fallthrough]];
      default: out += c;
    }
  }
  return out;
}

// PowerShell's EncodeString without the XML layer: control characters,
// C1 controls and surrogates as _xHHHH_, and `_` before x/X as _x005F_.
std::string EscapeUnderscoreX(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    char32_t cp = NextCodePoint(s, i);
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      out += "_x" + Hex4(cp, true) + "_";
    } else if (cp >= 0x10000) {
      char32_t v = cp - 0x10000;
      out += "_x" + Hex4(0xD800 + (v >> 10), true) + "__x" + Hex4(0xDC00 + (v & 0x3FF), true) + "_";
    } else if (cp == '_' && i < s.size() && (s[i] == 'x' || s[i] == 'X')) {
      out += "_x005F_";
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

bool IsGuidText(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

struct ServerVersion {
  int major = 0, minor = 0, build = 0, revision = 0;
};

// "Version 15.2 (Build 1544.4)": Microsoft.Exchange.Data.ServerVersion's
// ToString.
std::optional<ServerVersion> ParseServerVersion(std::string_view s) {
  ServerVersion v;
  char tail = 0;
  std::string text(s);
  if (std::sscanf(text.c_str(), "Version %d.%d (Build %d.%d%c", &v.major, &v.minor, &v.build, &v.revision,
                  &tail) != 5 ||
      tail != ')') {
    return std::nullopt;
  }
  std::string again = "Version " + std::to_string(v.major) + "." + std::to_string(v.minor) + " (Build " +
                      std::to_string(v.build) + "." + std::to_string(v.revision) + ")";
  if (again != s) return std::nullopt;
  return v;
}

class ClixmlWriter {
 public:
  std::string Run(const std::vector<const Object*>& objects) {
    if (objects.empty()) {
      return "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\" />\r\n";
    }
    Line(0, "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">");
    for (const Object* object : objects) WriteObject(*object);
    Line(0, "</Objs>");
    return std::move(out_);
  }

 private:
  void Line(int indent, std::string_view text) {
    out_.append(static_cast<size_t>(indent) * 2, ' ');
    out_ += text;
    out_ += kCrlf;
  }

  static std::string NameAttribute(const std::string* name) {
    if (!name) return "";
    return " N=\"" + XmlEscape(EscapeUnderscoreX(*name), true) + "\"";
  }

  std::string OpenObj(const std::string* name) {
    return "<Obj" + NameAttribute(name) + " RefId=\"" + std::to_string(next_object_++) + "\">";
  }

  // <TN RefId="k"> the first time a chain is written, <TNRef> after.
  void TypeNames(int indent, const std::vector<std::string>& names) {
    std::string key = Join(names, "\n");
    if (auto it = type_refs_.find(key); it != type_refs_.end()) {
      Line(indent, "<TNRef RefId=\"" + std::to_string(it->second) + "\" />");
      return;
    }
    int id = next_type_++;
    type_refs_[key] = id;
    Line(indent, "<TN RefId=\"" + std::to_string(id) + "\">");
    for (const std::string& t : names) Line(indent + 1, "<T>" + EncodeClixmlString(t) + "</T>");
    Line(indent, "</TN>");
  }

  void Primitive(int indent, std::string_view tag, const std::string* name, std::string_view text) {
    std::string open = "<" + std::string(tag) + NameAttribute(name);
    if (text.empty()) {
      Line(indent, open + " />");
    } else {
      Line(indent, open + ">" + EncodeClixmlString(text) + "</" + std::string(tag) + ">");
    }
  }

  // One adapted property of a TextObject: primitive tag, name, text.
  struct Prop {
    std::string tag, name, text;
  };

  // An object with a ToString and optional adapted properties (SmtpDomain,
  // ADObjectId, ServerVersion, ...).
  void TextObject(int indent, const std::string* name, const std::vector<std::string>& type_names,
                  const std::string& text, const std::vector<Prop>& props) {
    Line(indent, OpenObj(name));
    TypeNames(indent + 1, type_names);
    Line(indent + 1, "<ToString>" + EncodeClixmlString(text) + "</ToString>");
    if (!props.empty()) {
      Line(indent + 1, "<Props>");
      for (const Prop& p : props) Primitive(indent + 2, p.tag, &p.name, p.text);
      Line(indent + 1, "</Props>");
    }
    Line(indent, "</Obj>");
  }

  void Enum(int indent, const std::string* name, const EnumTable& table, const std::string& text, int64_t number) {
    Line(indent, OpenObj(name));
    TypeNames(indent + 1, EnumTypeNames(table.name));
    Line(indent + 1, "<ToString>" + EncodeClixmlString(text) + "</ToString>");
    std::string tag = IsInt64Enum(table) ? "I64" : "I32";
    Line(indent + 1, "<" + tag + ">" + std::to_string(number) + "</" + tag + ">");
    Line(indent, "</Obj>");
  }

  void List(int indent, const std::string* name, const Value& list, const PropertyType* element,
            const std::vector<std::string>& type_names) {
    Line(indent, OpenObj(name));
    TypeNames(indent + 1, type_names);
    if (list.items.empty()) {
      Line(indent + 1, "<LST />");
    } else {
      Line(indent + 1, "<LST>");
      for (const Value& item : list.items) Element(indent + 2, nullptr, item, element);
      Line(indent + 1, "</LST>");
    }
    Line(indent, "</Obj>");
  }

  void Fields(int indent, const Value& object, const KindSchema* kind, bool certificate) {
    static const PropertyType kDate{Base::kDate, "", {}};
    for (const Value& field : object.items) {
      const PropertyType* type = TypeOf(kind, field.name);
      if (certificate && (field.name == "NotBefore" || field.name == "NotAfter")) type = &kDate;
      Element(indent, &field.name, field, type);
    }
  }

  // One value: a property (name set) or a list item (name null).
  void Element(int indent, const std::string* name, const Value& v, const PropertyType* type) {
    switch (v.type) {
      case ValueType::kNull: Line(indent, "<Nil" + NameAttribute(name) + " />"); return;
      case ValueType::kBool: Primitive(indent, "B", name, v.boolean ? "true" : "false"); return;
      case ValueType::kInt: {
        bool small = v.integer >= std::numeric_limits<int32_t>::min() &&
                     v.integer <= std::numeric_limits<int32_t>::max();
        Primitive(indent, small ? "I32" : "I64", name, std::to_string(v.integer));
        return;
      }
      case ValueType::kDouble: Primitive(indent, "Db", name, FormatDouble(v.real)); return;
      case ValueType::kList: {
        if (type && type->base == Base::kFlags) {
          Flags(indent, name, v, type);
          return;
        }
        List(indent, name, v, ElementOf(type), MvpTypeNames(ElementOf(type)));
        return;
      }
      case ValueType::kObject: {
        Line(indent, OpenObj(name));
        bool certificate = type && type->base == Base::kCertificate;
        if (certificate) {
          TypeNames(indent + 1, {"System.Security.Cryptography.X509Certificates.X509Certificate2",
                                 "System.Security.Cryptography.X509Certificates.X509Certificate", "System.Object"});
        } else {
          TypeNames(indent + 1, {"System.Management.Automation.PSCustomObject", "System.Object"});
        }
        const char* bag = certificate ? "Props" : "MS";
        Line(indent + 1, std::string("<") + bag + ">");
        Fields(indent + 2, v, nullptr, certificate);
        Line(indent + 1, std::string("</") + bag + ">");
        Line(indent, "</Obj>");
        return;
      }
      case ValueType::kString: break;
    }
    const std::string& text = v.text;
    Base base = type ? type->base : Base::kString;
    switch (base) {
      case Base::kEnum: {
        const EnumTable* table = TableOf(type);
        if (auto n = table ? MemberValue(*table, text) : std::nullopt) {
          Enum(indent, name, *table, *table->Canonical(text), *n);
          return;
        }
        break;
      }
      case Base::kFlags: Flags(indent, name, v, type); return;
      case Base::kDate:
        if (ParseIso(text)) {
          Primitive(indent, "DT", name, text);
          return;
        }
        break;
      case Base::kTimeSpan:
        if (auto ticks = ParseTimeSpan(text)) {
          Primitive(indent, "TS", name, XmlDuration(*ticks));
          return;
        }
        break;
      case Base::kGuid:
        if (IsGuidText(text)) {
          Primitive(indent, "G", name, text);
          return;
        }
        break;
      case Base::kUri: Primitive(indent, "URI", name, text); return;
      case Base::kDomain:
        TextObject(indent, name, {"Microsoft.Exchange.Data.SmtpDomain", "System.Object"}, text, {{"S", "Domain", text}});
        return;
      case Base::kAdObjectId: {
        // ToString of an ADObjectId is its name or canonical path; Name is
        // the last path segment.
        size_t slash = text.find_last_of("/\\");
        std::string leaf = slash == std::string::npos ? text : text.substr(slash + 1);
        TextObject(indent, name, {"Microsoft.Exchange.Data.Directory.ADObjectId", "System.Object"}, text,
                   {{"S", "Name", leaf}});
        return;
      }
      case Base::kVersion: {
        if (auto sv = ParseServerVersion(text)) {
          TextObject(indent, name, {"Microsoft.Exchange.Data.ServerVersion", "System.Object"}, text,
                     {{"I32", "Major", std::to_string(sv->major)},
                      {"I32", "Minor", std::to_string(sv->minor)},
                      {"I32", "Build", std::to_string(sv->build)},
                      {"I32", "Revision", std::to_string(sv->revision)}});
        } else {
          TextObject(indent, name, {"Microsoft.Exchange.Data.ExchangeObjectVersion", "System.Object"}, text, {});
        }
        return;
      }
      default: break;
    }
    Primitive(indent, "S", name, text);
  }

  // A flags value: one enum (A, B / OR), or for an MVP one enum per item.
  void Flags(int indent, const std::string* name, const Value& v, const PropertyType* type) {
    const EnumTable* table = TableOf(type);
    std::vector<std::string> names = FlagNames(v);
    if (IsMvpFlags(type)) {
      Line(indent, OpenObj(name));
      PropertyType element{Base::kEnum, type->enum_name, {}};
      TypeNames(indent + 1, MvpTypeNames(&element));
      if (names.empty()) {
        Line(indent + 1, "<LST />");
      } else {
        Line(indent + 1, "<LST>");
        for (const std::string& n : names) Element(indent + 2, nullptr, Value::String(n), &element);
        Line(indent + 1, "</LST>");
      }
      Line(indent, "</Obj>");
      return;
    }
    std::optional<int64_t> n = table ? FlagsValue(*table, names) : std::nullopt;
    if (!n) {
      Primitive(indent, "S", name, FlagsText(v, table));
      return;
    }
    Enum(indent, name, *table, FlagsToString(*table, *n), *n);
  }

  void WriteObject(const Object& object) {
    const KindSchema* kind = KindOf(object);
    Line(1, OpenObj(nullptr));
    std::vector<std::string> type_names = kind ? kind->type_names : std::vector<std::string>{};
    if (type_names.empty()) type_names.push_back("System.Management.Automation.PSCustomObject");
    type_names.push_back("System.Object");
    TypeNames(2, type_names);
    if (!object.identity.empty()) Line(2, "<ToString>" + EncodeClixmlString(object.identity) + "</ToString>");
    if (object.properties.items.empty()) {
      Line(2, "<Props />");
    } else {
      Line(2, "<Props>");
      Fields(3, object.properties, kind, false);
      Line(2, "</Props>");
    }
    Line(1, "</Obj>");
  }

  std::string out_;
  int next_object_ = 0;
  int next_type_ = 0;
  std::map<std::string, int> type_refs_;
};

// ---------------------------------------------------------------------------
// JSON (Windows PowerShell 5.1).

// A JSON value before layout: a literal token, an array or an object.
struct Json {
  enum class Type { kToken, kArray, kObject };
  Type type = Type::kToken;
  std::string token;
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  static Json Token(std::string t) {
    Json j;
    j.token = std::move(t);
    return j;
  }
  static Json Array() {
    Json j;
    j.type = Type::kArray;
    return j;
  }
  static Json Obj() {
    Json j;
    j.type = Type::kObject;
    return j;
  }
  Json& Add(std::string name, Json value) {
    members.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// HttpUtility.JavaScriptStringEncode, which JavaScriptSerializer uses.
std::string JsonString(std::string_view s) {
  std::string out = "\"";
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    char32_t cp = NextCodePoint(s, i);
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (cp < 0x20 || cp == '\'' || cp == '<' || cp == '>' || cp == '&' || cp == 0x85 || cp == 0x2028 ||
            cp == 0x2029) {
          out += "\\u" + Hex4(cp, false);
        } else {
          out.append(s.substr(start, i - start));
        }
    }
  }
  return out + "\"";
}

Json StringToken(std::string_view s) { return Json::Token(JsonString(s)); }

Json NumberToken(int64_t n) { return Json::Token(std::to_string(n)); }

Json DoubleToken(double d) { return Json::Token(FormatDouble(d)); }

Json DateToken(const IsoDate& d) { return Json::Token("\"\\/Date(" + std::to_string(UnixMilliseconds(d)) + ")\\/\""); }

// System.TimeSpan as ConvertTo-Json writes it.
Json TimeSpanObject(int64_t ticks) {
  Json j = Json::Obj();
  int64_t total_ms = ticks / 10000;
  j.Add("Ticks", NumberToken(ticks));
  j.Add("Days", NumberToken(ticks / 864000000000LL));
  j.Add("Hours", NumberToken(ticks / 36000000000LL % 24));
  j.Add("Milliseconds", NumberToken(total_ms % 1000));
  j.Add("Minutes", NumberToken(ticks / 600000000LL % 60));
  j.Add("Seconds", NumberToken(ticks / 10000000LL % 60));
  j.Add("TotalDays", DoubleToken(static_cast<double>(ticks) / 864000000000.0));
  j.Add("TotalHours", DoubleToken(static_cast<double>(ticks) / 36000000000.0));
  j.Add("TotalMilliseconds", DoubleToken(static_cast<double>(ticks) / 10000.0));
  j.Add("TotalMinutes", DoubleToken(static_cast<double>(ticks) / 600000000.0));
  j.Add("TotalSeconds", DoubleToken(static_cast<double>(ticks) / 10000000.0));
  return j;
}

// System.Uri as 5.1 ConvertTo-Json writes it (every public property). A
// relative Uri throws from all but three getters, which PowerShell skips.
Json UriObject(const std::string& text) {
  Json j = Json::Obj();
  size_t sep = text.find("://");
  bool scheme_ok = sep != std::string::npos && sep > 0 &&
                   std::all_of(text.begin(), text.begin() + static_cast<ptrdiff_t>(sep), [](char c) {
                     return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
                   });
  std::string scheme, authority, rest;
  if (scheme_ok) {
    scheme = ToLowerAscii(text.substr(0, sep));
    size_t path_start = text.find_first_of("/?#", sep + 3);
    authority = text.substr(sep + 3, path_start == std::string::npos ? std::string::npos : path_start - sep - 3);
    rest = path_start == std::string::npos ? "" : text.substr(path_start);
  }
  std::string host = authority.substr(0, authority.find(':'));
  if (!scheme_ok || host.empty() || authority.find('@') != std::string::npos) {
    j.Add("OriginalString", StringToken(text));
    j.Add("IsAbsoluteUri", Json::Token("false"));
    j.Add("UserEscaped", Json::Token("false"));
    return j;
  }
  host = ToLowerAscii(host);
  int default_port = scheme == "https" ? 443 : scheme == "http" ? 80 : -1;
  int port = default_port;
  if (size_t colon = authority.find(':'); colon != std::string::npos) port = std::atoi(authority.c_str() + colon + 1);
  std::string path = rest.substr(0, rest.find_first_of("?#"));
  if (path.empty()) path = "/";
  std::string query, fragment;
  if (size_t q = rest.find('?'); q != std::string::npos) query = rest.substr(q, rest.find('#', q) - q);
  if (size_t f = rest.find('#'); f != std::string::npos) fragment = rest.substr(f);
  std::string shown_authority = host + (port == default_port ? "" : ":" + std::to_string(port));
  Json segments = Json::Array();
  for (size_t start = 0; start < path.size();) {
    size_t slash = path.find('/', start);
    size_t end = slash == std::string::npos ? path.size() : slash + 1;
    segments.items.push_back(StringToken(path.substr(start, end - start)));
    start = end;
  }
  bool ipv4 = !host.empty() && host.find_first_not_of("0123456789.") == std::string::npos;
  j.Add("AbsolutePath", StringToken(path));
  j.Add("AbsoluteUri", StringToken(scheme + "://" + shown_authority + path + query + fragment));
  j.Add("LocalPath", StringToken(path));
  j.Add("Authority", StringToken(shown_authority));
  j.Add("HostNameType", NumberToken(ipv4 ? 3 : 2));
  j.Add("IsDefaultPort", Json::Token(port == default_port ? "true" : "false"));
  j.Add("IsFile", Json::Token("false"));
  j.Add("IsLoopback", Json::Token(host == "localhost" || host.starts_with("127.") ? "true" : "false"));
  j.Add("PathAndQuery", StringToken(path + query));
  j.Add("Segments", std::move(segments));
  j.Add("IsUnc", Json::Token("false"));
  j.Add("Host", StringToken(host));
  j.Add("Port", NumberToken(port));
  j.Add("Query", StringToken(query));
  j.Add("Fragment", StringToken(fragment));
  j.Add("Scheme", StringToken(scheme));
  j.Add("OriginalString", StringToken(text));
  j.Add("DnsSafeHost", StringToken(host));
  j.Add("IdnHost", StringToken(host));
  j.Add("IsAbsoluteUri", Json::Token("true"));
  j.Add("UserEscaped", Json::Token("false"));
  j.Add("UserInfo", StringToken(""));
  return j;
}

// Where a value sits, for the shapes that depend on it (ADObjectId).
struct JsonContext {
  Side side = Side::kUnknown;
  std::string property;
};

// A DN value with its special characters escaped (RFC 4514).
std::string EscapeRdnValue(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';' || c == '=') out += '\\';
    out += c;
  }
  return out;
}

// "CN=a,CN=b,DC=contoso,DC=com" -> "contoso.com/b/a".
std::string CanonicalName(const std::vector<std::string>& cns, const std::vector<std::string>& dcs) {
  std::string out = Join(dcs, ".");
  for (auto it = cns.rbegin(); it != cns.rend(); ++it) out += "/" + *it;
  return out;
}

// An on-premises ADObjectId as ConvertTo-Json writes it, rebuilt from its
// ToString: `SERVER\name` (a virtual directory), `domain/a/b` (a canonical
// name) or a plain name (a configuration object; the Servers container for
// a Server property). Nullopt when the text fits none of these.
std::optional<Json> AdObjectIdJson(const std::string& text, const JsonContext& context) {
  static const std::vector<std::string> kOrganization = {"Contoso", "Microsoft Exchange", "Services", "Configuration"};
  static const std::vector<std::string> kServers = {"Servers", "Exchange Administrative Group (FYDIBOHF23SPDLT)",
                                                    "Administrative Groups"};
  std::vector<std::string> cns;  // leaf first
  std::vector<std::string> dcs = {"contoso", "com"};
  auto append = [&](const std::vector<std::string>& more) { cns.insert(cns.end(), more.begin(), more.end()); };
  if (size_t backslash = text.find('\\'); backslash != std::string::npos) {
    std::string server = text.substr(0, backslash);
    std::string name = text.substr(backslash + 1);
    if (server.empty() || name.empty() || name.find('\\') != std::string::npos) return std::nullopt;
    cns = {name, "HTTP", "Protocols", server};
    append(kServers);
    append(kOrganization);
  } else if (size_t slash = text.find('/'); slash != std::string::npos) {
    std::string domain = text.substr(0, slash);
    if (domain.find('.') == std::string::npos) return std::nullopt;
    dcs.clear();
    for (size_t start = 0; start <= domain.size();) {
      size_t dot = domain.find('.', start);
      dcs.push_back(domain.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    for (size_t start = slash + 1; start <= text.size();) {
      size_t next = text.find('/', start);
      cns.insert(cns.begin(), text.substr(start, next == std::string::npos ? std::string::npos : next - start));
      if (next == std::string::npos) break;
      start = next + 1;
    }
    if (std::any_of(cns.begin(), cns.end(), [](const std::string& c) { return c.empty(); })) return std::nullopt;
  } else {
    cns = {text};
    if (EqualsIgnoreCase(context.property, "Server")) append(kServers);
    append(kOrganization);
  }
  std::string dn;
  for (const std::string& cn : cns) dn += "CN=" + EscapeRdnValue(cn) + ",";
  for (size_t i = 0; i < dcs.size(); ++i) dn += (i ? ",DC=" : "DC=") + dcs[i];
  Json j = Json::Obj();
  j.Add("Rdn", StringToken("CN=" + EscapeRdnValue(cns.front())));
  j.Add("Parent", StringToken(CanonicalName(std::vector<std::string>(cns.begin() + 1, cns.end()), dcs)));
  j.Add("Depth", NumberToken(static_cast<int64_t>(cns.size() + dcs.size() + 1)));  // as in real exports
  j.Add("DistinguishedName", StringToken(dn));
  j.Add("IsRelativeDn", Json::Token("false"));
  j.Add("DomainId", StringToken(Join(dcs, ".")));
  j.Add("Name", StringToken(cns.front()));
  return j;
}

Json ToJson(const Value& v, const PropertyType* type, const JsonContext& context);

Json FlagsJson(const Value& v, const PropertyType* type) {
  const EnumTable* table = TableOf(type);
  std::vector<std::string> names = FlagNames(v);
  if (IsMvpFlags(type)) {
    Json array = Json::Array();
    for (const std::string& n : names) {
      std::optional<int64_t> number = table ? MemberValue(*table, n) : std::nullopt;
      array.items.push_back(number ? NumberToken(*number) : StringToken(n));
    }
    return array;
  }
  std::optional<int64_t> n = table ? FlagsValue(*table, names) : std::nullopt;
  if (!n) return StringToken(FlagsText(v, table));
  if (IsInt64Enum(*table)) return StringToken(FlagsToString(*table, *n));
  return NumberToken(*n);
}

Json ToJson(const Value& v, const PropertyType* type, const JsonContext& context) {
  switch (v.type) {
    case ValueType::kNull: return Json::Token("null");
    case ValueType::kBool: return Json::Token(v.boolean ? "true" : "false");
    case ValueType::kInt: return NumberToken(v.integer);
    case ValueType::kDouble: return DoubleToken(v.real);
    case ValueType::kList: {
      if (type && type->base == Base::kFlags) return FlagsJson(v, type);
      Json array = Json::Array();
      for (const Value& item : v.items) array.items.push_back(ToJson(item, ElementOf(type), context));
      return array;
    }
    case ValueType::kObject: {
      static const PropertyType kDate{Base::kDate, "", {}};
      bool certificate = type && type->base == Base::kCertificate;
      Json object = Json::Obj();
      for (const Value& field : v.items) {
        bool date = certificate && (field.name == "NotBefore" || field.name == "NotAfter");
        object.Add(field.name, ToJson(field, date ? &kDate : nullptr, context));
      }
      return object;
    }
    case ValueType::kString: break;
  }
  const std::string& text = v.text;
  switch (type ? type->base : Base::kString) {
    case Base::kEnum: {
      const EnumTable* table = TableOf(type);
      if (auto n = table ? MemberValue(*table, text) : std::nullopt) {
        return IsInt64Enum(*table) ? StringToken(*table->Canonical(text)) : NumberToken(*n);
      }
      break;
    }
    case Base::kFlags: return FlagsJson(v, type);
    case Base::kDate:
      if (auto d = ParseIso(text)) return DateToken(*d);
      break;
    case Base::kTimeSpan:
      if (auto ticks = ParseTimeSpan(text)) return TimeSpanObject(*ticks);
      break;
    case Base::kUri: return UriObject(text);
    case Base::kDomain: {
      Json domain = Json::Obj();
      domain.Add("Domain", StringToken(text));
      return domain;
    }
    case Base::kAdObjectId:
      // Exchange Online (REST) gives ADObjectIds as their names.
      if (context.side == Side::kOnPrem) {
        if (auto id = AdObjectIdJson(text, context)) return *id;
      }
      break;
    case Base::kVersion:
      if (auto sv = ParseServerVersion(text)) {
        Json version = Json::Obj();
        version.Add("Major", NumberToken(sv->major));
        version.Add("Minor", NumberToken(sv->minor));
        version.Add("Build", NumberToken(sv->build));
        version.Add("Revision", NumberToken(sv->revision));
        version.Add("FilePatchLevelDescription", StringToken(""));
        return version;
      }
      break;
    default: break;
  }
  return StringToken(text);
}

// 5.1's ConvertToPrettyJsonString: a container's lines are indented four
// spaces past the column its opening bracket follows (`pad` + `spaces`);
// its closing bracket goes back to that column.
void LayoutJson(const Json& j, std::string& out, const std::string& pad, size_t spaces);

void LayoutMembers(const Json& j, std::string& out, const std::string& pad, size_t spaces) {
  out += kCrlf;
  std::string inner = pad + std::string(spaces, ' ') + "    ";
  for (size_t i = 0; i < j.members.size(); ++i) {
    std::string key = JsonString(j.members[i].first) + ":  ";
    out += inner + key;
    const Json& value = j.members[i].second;
    if (value.type == Json::Type::kToken) {
      out += value.token;
    } else {
      LayoutJson(value, out, inner, key.size());
    }
    if (i + 1 < j.members.size()) {
      out += ",";
      out += kCrlf;
    }
  }
  out += kCrlf;
  out += pad + std::string(spaces, ' ') + "}";
}

void LayoutItems(const Json& j, std::string& out, const std::string& pad, size_t spaces) {
  out += kCrlf;
  std::string inner = pad + std::string(spaces, ' ') + "    ";
  for (size_t i = 0; i < j.items.size(); ++i) {
    const Json& item = j.items[i];
    out += inner;
    if (item.type == Json::Type::kToken) {
      out += item.token;
    } else {
      LayoutJson(item, out, inner, 0);
    }
    if (i + 1 < j.items.size()) {
      out += ",";
      out += kCrlf;
    }
  }
  out += kCrlf;
  out += pad + std::string(spaces, ' ') + "]";
}

void LayoutJson(const Json& j, std::string& out, const std::string& pad, size_t spaces) {
  if (j.type == Json::Type::kObject) {
    out += "{";
    LayoutMembers(j, out, pad, spaces);
  } else if (j.type == Json::Type::kArray) {
    out += "[";
    LayoutItems(j, out, pad, spaces);
  } else {
    out += j.token;
  }
}

Json ObjectJson(const Object& object) {
  const KindSchema* kind = KindOf(object);
  Json j = Json::Obj();
  for (const Value& field : object.properties.items) {
    j.Add(field.name, ToJson(field, TypeOf(kind, field.name), JsonContext{object.side, field.name}));
  }
  return j;
}

// ---------------------------------------------------------------------------
// Format-List and CSV.

// The ToString of one property, or nullopt when the writer leaves it out.
std::optional<std::string> PropertyText(const Value& v, const PropertyType* type, bool csv) {
  if (IsCertificateObject(v, type)) return std::nullopt;
  if (type && type->base == Base::kFlags && !v.is_null()) {
    if (IsMvpFlags(type)) {
      std::vector<std::string> names = FlagNames(v);
      return csv ? Join(names, " ") : "{" + Join(names, ", ") + "}";
    }
    return FlagsText(v, TableOf(type));
  }
  if (v.is_list()) {
    std::vector<std::string> items = ItemTexts(v, type);
    return csv ? Join(items, " ") : "{" + Join(items, ", ") + "}";
  }
  return ScalarToString(v, type);
}

std::string CsvField(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string FlagsToString(const EnumTable& table, int64_t value) {
  if (value == 0) {
    if (auto zero = table.NameOf(0)) return *zero;
    return "0";
  }
  std::vector<std::pair<std::string, int64_t>> members = table.members;
  std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  int64_t rest = value;
  std::vector<std::string> kept;
  for (const auto& [name, bits] : members) {
    if (bits == 0) continue;
    if ((rest & bits) == bits) {
      kept.push_back(name);
      rest &= ~bits;
    }
  }
  if (rest != 0) return std::to_string(value);
  std::reverse(kept.begin(), kept.end());
  return Join(kept, ", ");
}

std::optional<int64_t> FlagsValue(const EnumTable& table, const std::vector<std::string>& names) {
  int64_t value = 0;
  for (const std::string& name : names) {
    std::optional<int64_t> bits = MemberValue(table, name);
    if (!bits) return std::nullopt;
    value |= *bits;
  }
  return value;
}

std::optional<std::string> CultureDate(std::string_view iso) {
  std::optional<IsoDate> d = ParseIso(iso);
  if (!d) return std::nullopt;
  int hour12 = d->hour % 12 == 0 ? 12 : d->hour % 12;
  return Format("%d/%d/%04d %d:%02d:%02d %s", d->month, d->day, d->year, hour12, d->minute, d->second,
                d->hour < 12 ? "AM" : "PM");
}

std::string EncodeClixmlString(std::string_view utf8) { return XmlEscape(EscapeUnderscoreX(utf8), false); }

std::string Utf16LeWithBom(std::string_view utf8) {
  std::string out = "\xFF\xFE";
  auto unit = [&](char32_t u) {
    out += static_cast<char>(u & 0xFF);
    out += static_cast<char>((u >> 8) & 0xFF);
  };
  size_t i = 0;
  while (i < utf8.size()) {
    char32_t cp = NextCodePoint(utf8, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + (cp >> 10));
      unit(0xDC00 + (cp & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out;
}

std::string WriteClixml(const std::vector<const Object*>& objects) { return ClixmlWriter().Run(objects); }

std::string WriteJson(const std::vector<const Object*>& objects) {
  if (objects.empty()) return "";
  std::string out;
  if (objects.size() == 1) {
    LayoutJson(ObjectJson(*objects.front()), out, "", 0);
  } else {
    Json array = Json::Array();
    for (const Object* object : objects) array.items.push_back(ObjectJson(*object));
    LayoutJson(array, out, "", 0);
  }
  out += kCrlf;  // Out-File ends the last line
  return out;
}

std::string WriteFormatList(const std::vector<const Object*>& objects) {
  if (objects.empty()) return "";
  std::string out(kCrlf);
  for (const Object* object : objects) {
    const KindSchema* kind = KindOf(*object);
    std::vector<std::pair<std::string, std::string>> lines;
    size_t width = 0;
    for (const Value& field : object->properties.items) {
      std::optional<std::string> text = PropertyText(field, TypeOf(kind, field.name), false);
      if (!text) continue;
      lines.emplace_back(field.name, std::move(*text));
      width = std::max(width, field.name.size());
    }
    for (const auto& [label, text] : lines) {
      std::string prefix = label + std::string(width - label.size(), ' ') + " : ";
      std::string indent(width + 3, ' ');
      // Embedded line breaks continue at the value column.
      size_t start = 0;
      bool first = true;
      while (true) {
        size_t nl = text.find_first_of("\r\n", start);
        out += (first ? prefix : indent) + text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        out += kCrlf;
        first = false;
        if (nl == std::string::npos) break;
        start = nl + (text.compare(nl, 2, "\r\n") == 0 ? 2 : 1);
      }
    }
    out += kCrlf;
  }
  out += kCrlf;  // Windows PowerShell's extra empty line at the end
  return out;
}

std::string WriteCsv(const std::vector<const Object*>& objects) {
  if (objects.empty()) return "";
  const KindSchema* kind = KindOf(*objects.front());
  std::string type_name = kind && !kind->type_names.empty() ? kind->type_names.front()
                                                            : "System.Management.Automation.PSCustomObject";
  // Columns: every property name, first seen first; a certificate column is
  // left out when any object holds a certificate object in it.
  std::vector<std::string> columns;
  std::vector<std::string> dropped;
  for (const Object* object : objects) {
    for (const Value& field : object->properties.items) {
      auto same = [&](const std::string& c) { return EqualsIgnoreCase(c, field.name); };
      if (IsCertificateObject(field, TypeOf(kind, field.name))) {
        if (std::none_of(dropped.begin(), dropped.end(), same)) dropped.push_back(field.name);
        continue;
      }
      if (std::none_of(columns.begin(), columns.end(), same)) columns.push_back(field.name);
    }
  }
  std::erase_if(columns, [&](const std::string& c) {
    return std::any_of(dropped.begin(), dropped.end(), [&](const std::string& d) { return EqualsIgnoreCase(c, d); });
  });
  std::string out = "#TYPE Deserialized." + type_name;
  out += kCrlf;
  std::vector<std::string> header;
  for (const std::string& c : columns) header.push_back(CsvField(c));
  out += Join(header, ",");
  out += kCrlf;
  for (const Object* object : objects) {
    std::vector<std::string> fields;
    for (const std::string& c : columns) {
      const Value* v = object->Get(c);
      if (!v || v->is_null()) {
        fields.emplace_back();  // null: nothing between the commas
        continue;
      }
      std::optional<std::string> text = PropertyText(*v, TypeOf(kind, c), true);
      fields.push_back(CsvField(text.value_or("")));
    }
    out += Join(fields, ",");
    out += kCrlf;
  }
  return out;
}

}  // namespace lint::testing
