#include "lint/model/normalize.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "lint/model/certificate.h"
#include "lint/util/civil_date.h"

namespace lint {

namespace {

using Base = PropertyType::Base;

void Warn(std::vector<InputWarning>& warnings, const std::string& property, SourceSpan span,
          std::string message) {
  warnings.push_back(InputWarning{std::move(message), property, span});
}

bool ParseInt(std::string_view s, int64_t& out) {
  s = Trim(s);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool ParseDouble(std::string_view s, double& out) {
  s = Trim(s);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// The RDNs of a distinguished name as (lower-case type, unescaped value).
std::vector<std::pair<std::string, std::string>> SplitDn(std::string_view dn) {
  std::vector<std::string> rdns;
  std::string current;
  for (size_t i = 0; i < dn.size(); ++i) {
    if (dn[i] == '\\' && i + 1 < dn.size()) {
      current += dn[++i];
    } else if (dn[i] == ',') {
      rdns.push_back(current);
      current.clear();
    } else {
      current += dn[i];
    }
  }
  if (!current.empty()) rdns.push_back(current);
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& rdn : rdns) {
    auto eq = rdn.find('=');
    if (eq == std::string::npos) continue;
    out.emplace_back(ToLowerAscii(Trim(std::string_view(rdn).substr(0, eq))),
                     std::string(Trim(std::string_view(rdn).substr(eq + 1))));
  }
  return out;
}

// AD canonical name from a distinguished name:
// CN=Exchange Online-ApplicationAccount,CN=Users,DC=contoso,DC=lab ->
// contoso.lab/Users/Exchange Online-ApplicationAccount.
std::string CanonicalFromDn(std::string_view dn) {
  std::string domain;
  std::vector<std::string> path;
  for (const auto& [type, value] : SplitDn(dn)) {
    if (type == "dc") {
      domain += domain.empty() ? value : "." + value;
    } else {
      path.push_back(value);
    }
  }
  std::string out = domain;
  for (auto it = path.rbegin(); it != path.rend(); ++it) out += "/" + *it;
  return out;
}

// ToString of an ADObjectId given as an object without one (ConvertTo-Json).
std::string AdObjectIdText(const Value& obj) {
  const Value* dn = obj.Field("DistinguishedName");
  const Value* name = obj.Field("Name");
  std::string name_text = name && name->is_string() ? name->text : "";
  if (dn && dn->is_string() && !dn->text.empty()) {
    if (name_text.empty()) {
      // No Name property: the first RDN's value is the object's name.
      auto rdns = SplitDn(dn->text);
      if (!rdns.empty() && rdns.front().first != "dc") name_text = rdns.front().second;
    }
    std::string lower = ToLowerAscii(dn->text);
    if (lower.find(",cn=microsoft exchange,cn=services,cn=configuration") != std::string::npos ||
        lower.find(",cn=configurationunits,") != std::string::npos) {
      // Exchange configuration objects show their name; virtual
      // directories show SERVER\name.
      auto protocols = lower.find(",cn=http,cn=protocols,cn=");
      if (protocols != std::string::npos) {
        size_t start = protocols + std::string_view(",cn=http,cn=protocols,cn=").size();
        size_t end = dn->text.find(',', start);
        return dn->text.substr(start, end - start) + "\\" + name_text;
      }
      if (!name_text.empty()) return name_text;
    }
    return CanonicalFromDn(dn->text);
  }
  return name_text;
}

// The text of a scalar-typed value from any raw form.
std::string ScalarText(const Value& raw, Base base) {
  switch (raw.type) {
    case ValueType::kNull: return "";
    case ValueType::kString: return raw.text;
    case ValueType::kBool:
    case ValueType::kInt:
    case ValueType::kDouble: return raw.ToDisplay();
    case ValueType::kList: {
      // Format-List's "{x}" read for a scalar property is the literal text.
      if (raw.untyped && !raw.text.empty()) return raw.text;
      std::string out;
      for (size_t i = 0; i < raw.items.size(); ++i) {
        if (i) out += ", ";
        out += ScalarText(raw.items[i], base);
      }
      return out;
    }
    case ValueType::kObject: {
      // SmtpDomain: the Domain property is the name; an AutoDiscoverSmtpDomain's
      // ToString is "autod:contoso.com".
      if (base == Base::kDomain) {
        if (const Value* v = raw.Field("Domain"); v && v->is_string()) return v->text;
      }
      // SmtpAddress {Local, Domain, Address} and ProxyAddress {SmtpAddress,
      // AddressString, ProxyAddressString} expanded by ConvertTo-Json.
      if (base == Base::kSmtpAddress) {
        for (const char* f : {"Address", "SmtpAddress", "AddressString", "ProxyAddressString"}) {
          if (const Value* v = raw.Field(f); v && v->is_string() && !v->text.empty()) return v->text;
        }
      }
      // SmtpX509Identifier (HybridConfiguration.TlsCertificateName) prints as
      // <I>issuer<S>subject.
      if (!raw.has_text) {
        const Value* issuer = raw.Field("CertificateIssuer");
        const Value* subject = raw.Field("CertificateSubject");
        if (issuer && subject && issuer->is_string() && subject->is_string()) {
          return "<I>" + issuer->text + "<S>" + subject->text;
        }
      }
      if (raw.has_text) return raw.text;
      if (base == Base::kUri) {
        for (const char* f : {"OriginalString", "AbsoluteUri"}) {
          if (const Value* v = raw.Field(f); v && v->is_string()) return v->text;
        }
      }
      if (base == Base::kAdObjectId) return AdObjectIdText(raw);
      if (base == Base::kVersion) {
        // Microsoft.Exchange.Data.ServerVersion without its ToString
        // (ConvertTo-Json): "Version 15.2 (Build 1544.4)".
        const Value* major = raw.Field("Major");
        const Value* minor = raw.Field("Minor");
        const Value* build = raw.Field("Build");
        const Value* revision = raw.Field("Revision");
        if (major && minor && build && revision) {
          return "Version " + major->ToDisplay() + "." + minor->ToDisplay() + " (Build " + build->ToDisplay() +
                 "." + revision->ToDisplay() + ")";
        }
      }
      if (const Value* v = raw.Field("Domain"); v && v->is_string()) return v->text;
      if (const Value* v = raw.Field("Address"); v && v->is_string()) return v->text;
      if (raw.Field("DistinguishedName")) return AdObjectIdText(raw);
      if (const Value* v = raw.Field("Name"); v && v->is_string()) return v->text;
      return raw.ToDisplay();
    }
  }
  return "";
}

std::string FormatUtc(int64_t seconds, int64_t fraction_100ns, bool utc) {
  int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  int64_t rem = seconds - days * 86400;
  int y, m, d;
  CivilFromDays(days, y, m, d);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, static_cast<int>(rem / 3600),
                static_cast<int>(rem % 3600 / 60), static_cast<int>(rem % 60));
  std::string out = buf;
  if (fraction_100ns > 0) {
    char frac[32];
    std::snprintf(frac, sizeof frac, "%07lld", static_cast<long long>(fraction_100ns));
    std::string f = frac;
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += "." + f;
  }
  if (utc) out += "Z";
  return out;
}

bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool ValidDate(int y, int m, int d, int hh, int mm, int ss) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int days = m == 2 && leap ? 29 : kDays[m - 1];
  return d <= days && hh >= 0 && hh <= 23 && mm >= 0 && mm <= 59 && ss >= 0 && ss <= 59;
}

// Culture text like "3/16/2020 4:27:59 PM", "24.09.2020 14:00:52",
// "2020-09-24 14:00:52". Returns false if it is not such a date.
bool ParseCultureDate(std::string_view s, std::string& out, std::string& warning) {
  int a = 0, b = 0, c = 0;
  size_t i = 0;
  auto number = [&](int& v) {
    size_t start = i;
    v = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < 4) {
      v = v * 10 + (s[i] - '0');
      ++i;
    }
    return i > start;
  };
  if (!number(a) || i >= s.size()) return false;
  char sep = s[i];
  if (sep != '/' && sep != '.' && sep != '-') return false;
  size_t first_len = i;
  ++i;
  if (!number(b) || i >= s.size() || s[i] != sep) return false;
  ++i;
  size_t year_start = i;
  if (!number(c)) return false;
  size_t last_len = i - year_start;
  // One of the outer numbers is the year: 4 digits first (ISO order) or 2
  // or 4 digits last. "1.2.3" or "15.2.1544" is a version, not a date.
  if (first_len == 4 ? last_len > 2 : (last_len != 2 && last_len != 4)) return false;
  int y, m, d;
  bool ambiguous = false;
  if (first_len == 4) {  // yyyy-mm-dd
    y = a; m = b; d = c;
  } else if (sep == '/') {
    y = c;
    if (a > 12) { d = a; m = b; }
    else if (b > 12) { m = a; d = b; }
    else { m = a; d = b; ambiguous = a != b; }
  } else {  // dd.mm.yyyy
    d = a; m = b; y = c;
  }
  if (first_len != 4 && last_len == 2) y += 2000;  // "24.09.20"; "1/1/0001" is year 1
  int hh = 0, mi = 0, ss = 0;
  if (i < s.size() && s[i] != ' ') return false;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size()) {
    if (!number(hh) || i >= s.size() || s[i] != ':') return false;
    ++i;
    if (!number(mi)) return false;
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!number(ss)) return false;
    }
    while (i < s.size() && s[i] == ' ') ++i;
    std::string_view rest = s.substr(i);
    if (EqualsIgnoreCase(rest, "PM")) { if (hh < 12) hh += 12; }
    else if (EqualsIgnoreCase(rest, "AM")) { if (hh == 12) hh = 0; }
    else if (!rest.empty()) return false;
  }
  if (!ValidDate(y, m, d, hh, mi, ss)) return false;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, hh, mi, ss);
  out = buf;
  warning = ambiguous ? "ambiguous culture-formatted date '" + std::string(s) +
                            "' read as month/day/year, local time (export with Export-Clixml to keep exact dates)"
                      : "culture-formatted date '" + std::string(s) +
                            "' read as local time without a time zone (export with Export-Clixml to keep exact dates)";
  return true;
}

std::string TimeSpanFromTicks(int64_t signed_ticks) {
  bool negative = signed_ticks < 0;
  // The magnitude in unsigned arithmetic: -INT64_MIN does not fit int64.
  uint64_t ticks = negative ? 0 - static_cast<uint64_t>(signed_ticks) : static_cast<uint64_t>(signed_ticks);
  uint64_t total_seconds = ticks / 10000000;
  uint64_t fraction = ticks % 10000000;
  uint64_t days = total_seconds / 86400;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%s%02lld:%02lld:%02lld", negative ? "-" : "",
                days ? (std::to_string(days) + ".").c_str() : "",
                static_cast<long long>(total_seconds % 86400 / 3600),
                static_cast<long long>(total_seconds % 3600 / 60),
                static_cast<long long>(total_seconds % 60));
  std::string out = buf;
  if (fraction) {
    char frac[32];
    std::snprintf(frac, sizeof frac, ".%07lld", static_cast<long long>(fraction));
    out += frac;
  }
  return out;
}

// "PT8H30M", "P1DT2H", "PT9.0269026S" -> ticks.
bool ParseXmlDuration(std::string_view s, int64_t& ticks) {
  bool negative = false;
  if (!s.empty() && s[0] == '-') { negative = true; s.remove_prefix(1); }
  if (s.empty() || s[0] != 'P') return false;
  s.remove_prefix(1);
  bool in_time = false;
  double total = 0;
  bool any = false;
  while (!s.empty()) {
    if (s[0] == 'T') { in_time = true; s.remove_prefix(1); continue; }
    size_t n = 0;
    while (n < s.size() && (std::isdigit(static_cast<unsigned char>(s[n])) || s[n] == '.')) ++n;
    if (n == 0 || n >= s.size()) return false;
    double v = 0;
    if (!ParseDouble(s.substr(0, n), v)) return false;
    char unit = s[n];
    s.remove_prefix(n + 1);
    any = true;
    if (!in_time && unit == 'D') total += v * 86400;
    else if (!in_time && unit == 'Y') total += v * 365 * 86400;
    else if (!in_time && unit == 'M') total += v * 30 * 86400;
    else if (in_time && unit == 'H') total += v * 3600;
    else if (in_time && unit == 'M') total += v * 60;
    else if (in_time && unit == 'S') total += v;
    else return false;
  }
  if (!any) return false;
  // Beyond TimeSpan's range (and the cast of a larger double) is not a span.
  if (!(total * 10000000 + 0.5 < 0x1p63)) return false;
  ticks = static_cast<int64_t>(total * 10000000 + 0.5);
  if (negative) ticks = -ticks;
  return true;
}

// "08:00:00", "1.02:03:04.5" -> ticks.
bool ParseTimeSpanText(std::string_view s, int64_t& ticks) {
  s = Trim(s);
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  int64_t days = 0;
  auto colon = s.find(':');
  if (colon == std::string_view::npos) return false;
  auto dot = s.substr(0, colon).find('.');
  std::string_view hms = s;
  if (dot != std::string_view::npos) {
    if (!ParseInt(s.substr(0, dot), days)) return false;
    hms = s.substr(dot + 1);
  }
  int64_t h = 0, m = 0;
  double sec = 0;
  auto c1 = hms.find(':');
  auto c2 = hms.find(':', c1 + 1);
  if (!ParseInt(hms.substr(0, c1), h)) return false;
  if (c2 == std::string_view::npos) {
    if (!ParseInt(hms.substr(c1 + 1), m)) return false;
  } else {
    if (!ParseInt(hms.substr(c1 + 1, c2 - c1 - 1), m) || !ParseDouble(hms.substr(c2 + 1), sec)) return false;
  }
  // .NET TimeSpan.Parse: hours 0-23, minutes and seconds 0-59.
  // TimeSpan.MaxValue is 10675199.02:48:05.4775807: more days would overflow.
  if (days < 0 || days > 10675198 || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec >= 60) return false;
  ticks = ((days * 86400 + h * 3600 + m * 60) * 10000000) + static_cast<int64_t>(sec * 10000000 + 0.5);
  if (negative) ticks = -ticks;
  return true;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    if (c == ' ' || c == ',' || c == ';' || c == '\n' || c == '\r' || c == '\t') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

// ConvertTo-Json writes byte[] as an array of numbers.
std::expected<std::string, std::string> BytesFromNumbers(const Value& list) {
  std::string out;
  for (const Value& item : list.items) {
    if (item.type != ValueType::kInt || item.integer < 0 || item.integer > 255) {
      return std::unexpected("byte array holds '" + item.ToDisplay() + "', not a number from 0 to 255");
    }
    out += static_cast<char>(item.integer);
  }
  return out;
}

Value NormalizeCertificate(const Value& raw, const std::string& property,
                           std::vector<InputWarning>& warnings) {
  Value out = Value::Object({}, raw.span);
  auto set = [&](const char* name, const std::string& text) {
    if (!text.empty()) out.SetField(name, Value::String(text, raw.span));
  };
  if (raw.is_object()) {
    const Value* der = raw.Field("RawData");
    if (der && ((der->is_string() && !der->text.empty()) || (der->is_list() && !der->items.empty()))) {
      auto bytes = der->is_string() ? DecodeBase64(der->text) : BytesFromNumbers(*der);
      auto info = bytes ? ParseCertificateDer(*bytes) : std::unexpected(bytes.error());
      if (info) {
        set("Thumbprint", info->thumbprint);
        set("Subject", info->subject);
        set("Issuer", info->issuer);
        set("NotBefore", info->not_before);
        set("NotAfter", info->not_after);
        return out;
      }
      Warn(warnings, property, der->span, "certificate RawData could not be decoded: " + info.error());
    }
    for (const char* f : {"Thumbprint", "Subject", "Issuer", "NotBefore", "NotAfter"}) {
      if (const Value* v = raw.Field(f)) {
        std::string text = ScalarText(*v, Base::kString);
        if (std::string_view(f).starts_with("Not")) {
          std::string warning;
          std::string iso = NormalizeDate(text, warning);
          if (!iso.empty()) text = iso;
          if (!warning.empty()) Warn(warnings, property, v->span, warning);
        }
        set(f, text);
      }
    }
    if (!out.items.empty()) return out;
  }
  // The X509 ToString block: "[Subject]\n  CN=...\n\n[Issuer]\n ...".
  std::string text = raw.is_object() && raw.has_text ? raw.text : (raw.is_string() ? raw.text : "");
  if (!text.empty() && text.find('[') != std::string::npos) {
    auto section = [&](std::string_view label) -> std::string {
      auto pos = text.find(label);
      if (pos == std::string::npos) return "";
      pos += label.size();
      auto end = text.find('[', pos);
      return std::string(Trim(std::string_view(text).substr(pos, end == std::string::npos ? std::string::npos : end - pos)));
    };
    set("Thumbprint", section("[Thumbprint]"));
    set("Subject", section("[Subject]"));
    set("Issuer", section("[Issuer]"));
    for (auto [label, name] : {std::pair{"[Not Before]", "NotBefore"}, std::pair{"[Not After]", "NotAfter"}}) {
      std::string date = section(label);
      std::string warning;
      std::string iso = NormalizeDate(date, warning);
      set(name, iso.empty() ? date : iso);
      if (!warning.empty()) Warn(warnings, property, raw.span, warning);
    }
    if (!out.items.empty()) return out;
  }
  Value lost = Value::String(raw.ToDisplay(), raw.span);
  lost.loss = Loss::kLost;
  Warn(warnings, property, raw.span, "certificate details are not in this export");
  return lost;
}

}  // namespace

std::string NormalizeDate(std::string_view text, std::string& warning) {
  warning.clear();
  std::string_view s = Trim(text);
  // \/Date(1326441600000)\/ or /Date(1326441600000+0100)/ (ms since epoch, UTC).
  if (s.starts_with("/Date(") || s.starts_with("\\/Date(")) {
    auto open = s.find('(');
    auto close = s.find(')', open);
    if (close == std::string_view::npos) return "";
    std::string_view tail = s.substr(close + 1);
    if (tail != "/" && tail != "\\/") return "";
    std::string_view inner = s.substr(open + 1, close - open - 1);
    size_t sign = inner.find_first_of("+-", 1);
    int64_t ms = 0;
    if (!ParseInt(inner.substr(0, sign), ms)) return "";
    int64_t seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    return FormatUtc(seconds, (ms - seconds * 1000) * 10000, true);
  }
  // ISO 8601: yyyy-mm-ddThh:mm:ss[.f+][Z|+hh:mm]
  int y, mo, d, h, mi, sec;
  if (s.size() >= 19 && Digits(s, 0, 4, y) && s[4] == '-' && Digits(s, 5, 2, mo) && s[7] == '-' &&
      Digits(s, 8, 2, d) && (s[10] == 'T' || s[10] == ' ') && Digits(s, 11, 2, h) && s[13] == ':' &&
      Digits(s, 14, 2, mi) && s[16] == ':' && Digits(s, 17, 2, sec) && ValidDate(y, mo, d, h, mi, sec)) {
    size_t i = 19;
    int64_t fraction = 0;
    if (i < s.size() && s[i] == '.') {
      ++i;
      if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return "";
      int digits = 0;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        if (digits < 7) { fraction = fraction * 10 + (s[i] - '0'); ++digits; }
        ++i;
      }
      while (digits++ < 7) fraction *= 10;
    }
    int64_t seconds = static_cast<int64_t>(DaysFromCivil(y, mo, d)) * 86400 + h * 3600 + mi * 60 + sec;
    std::string_view zone = s.substr(i);
    if (zone.empty()) return FormatUtc(seconds, fraction, false);
    if (zone == "Z") return FormatUtc(seconds, fraction, true);
    int zh, zm;
    if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && Digits(zone, 1, 2, zh) &&
        zone[3] == ':' && Digits(zone, 4, 2, zm)) {
      int64_t offset = (zh * 3600 + zm * 60) * (zone[0] == '+' ? 1 : -1);
      return FormatUtc(seconds - offset, fraction, true);
    }
    return "";
  }
  std::string out;
  if (ParseCultureDate(s, out, warning)) return out;
  warning.clear();
  return "";
}

Value NormalizeUnknown(const Value& raw) {
  switch (raw.type) {
    case ValueType::kString: {
      if (raw.text.empty() && raw.loss == Loss::kNone) return Value::Null(raw.span);
      Value v = Value::String(raw.text, raw.span);
      v.loss = raw.loss;
      return v;
    }
    case ValueType::kObject: {
      if (raw.has_text) {
        Value v = Value::String(raw.text, raw.span);
        if (raw.text.empty()) v = Value::Null(raw.span);
        v.loss = raw.loss;
        return v;
      }
      Value out = Value::Object({}, raw.span);
      out.loss = raw.loss;
      for (const Value& f : raw.items) out.SetField(f.name, NormalizeUnknown(f));
      return out;
    }
    case ValueType::kList: {
      Value out = Value::List({}, raw.span);
      out.loss = raw.loss;
      for (const Value& item : raw.items) out.items.push_back(NormalizeUnknown(item));
      return out;
    }
    default: {
      Value v = raw;
      v.name.clear();
      v.untyped = false;
      v.type_names.clear();
      return v;
    }
  }
}

Value NormalizeValue(const Value& raw, const PropertyType& type, const ModelSchema& schema,
                     const std::string& property, std::vector<InputWarning>& warnings) {
  if (raw.loss == Loss::kLost) {
    Value v = Value::String(raw.ToDisplay(), raw.span);
    v.loss = Loss::kLost;
    return v;
  }
  if (raw.is_null()) return Value::Null(raw.span);
  if (raw.is_string() && raw.text.empty()) {
    // An empty string is blank; for a list it is the empty collection
    // (Export-Csv writes "" for one).
    return type.base == Base::kList ? Value::List({}, raw.span) : Value::Null(raw.span);
  }
  if (raw.is_object() && raw.has_text && raw.text.empty() && raw.items.empty()) return Value::Null(raw.span);

  switch (type.base) {
    case Base::kAny: return NormalizeUnknown(raw);
    case Base::kString:
    case Base::kToken:
    case Base::kUri:
    case Base::kDomain:
    case Base::kSmtpAddress:
    case Base::kAdObjectId:
    case Base::kVersion: {
      std::string text = ScalarText(raw, type.base);
      if (text.empty()) return Value::Null(raw.span);
      if (type.base == Base::kSmtpAddress && StartsWithIgnoreCase(text, "smtp:")) text = text.substr(5);
      if (type.base == Base::kDomain && StartsWithIgnoreCase(text, "autod:")) text = text.substr(6);
      return Value::String(text, raw.span);
    }
    case Base::kGuid: {
      std::string text = ToLowerAscii(Trim(ScalarText(raw, type.base)));
      if (text.size() == 38 && text.front() == '{' && text.back() == '}') text = text.substr(1, 36);
      return text.empty() ? Value::Null(raw.span) : Value::String(text, raw.span);
    }
    case Base::kBool: {
      if (raw.type == ValueType::kBool) return Value::Bool(raw.boolean, raw.span);
      if (raw.type == ValueType::kInt) return Value::Bool(raw.integer != 0, raw.span);
      std::string original = ScalarText(raw, type.base);
      std::string text = ToLowerAscii(Trim(original));
      if (text == "true" || text == "$true" || text == "1") return Value::Bool(true, raw.span);
      if (text == "false" || text == "$false" || text == "0") return Value::Bool(false, raw.span);
      Warn(warnings, property, raw.span, "expected True or False, found '" + original + "'");
      return Value::String(original, raw.span);
    }
    case Base::kInt:
    case Base::kDouble: {
      if (raw.type == ValueType::kInt) {
        return type.base == Base::kInt ? Value::Int(raw.integer, raw.span)
                                       : Value::Double(static_cast<double>(raw.integer), raw.span);
      }
      if (raw.type == ValueType::kDouble) {
        // Only a whole number inside int64's range converts (the cast of
        // 1e300 or NaN is undefined; found by fuzz/: fixtures/fuzz-regressions/normalize/).
        if (type.base == Base::kInt && raw.real >= -0x1p63 && raw.real < 0x1p63 &&
            raw.real == static_cast<double>(static_cast<int64_t>(raw.real))) {
          return Value::Int(static_cast<int64_t>(raw.real), raw.span);
        }
        return Value::Double(raw.real, raw.span);
      }
      std::string text = ScalarText(raw, type.base);
      int64_t i;
      double d;
      if (type.base == Base::kInt && ParseInt(text, i)) return Value::Int(i, raw.span);
      if (ParseDouble(text, d)) return Value::Double(d, raw.span);
      Warn(warnings, property, raw.span, "expected a number, found '" + text + "'");
      return Value::String(text, raw.span);
    }
    case Base::kDate: {
      std::string text = ScalarText(raw, type.base);
      if (raw.is_object()) {
        if (const Value* v = raw.Field("value")) text = ScalarText(*v, type.base);
      }
      std::string warning;
      std::string iso = NormalizeDate(text, warning);
      if (!warning.empty()) Warn(warnings, property, raw.span, warning);
      if (iso.empty()) {
        Warn(warnings, property, raw.span, "expected a date, found '" + text + "'");
        Value v = Value::String(text, raw.span);
        v.loss = Loss::kLost;
        return v;
      }
      // WhenChangedUTC and friends are UTC whatever culture printed them.
      if (EndsWithIgnoreCase(property, "UTC") && !iso.ends_with("Z")) iso += "Z";
      return Value::String(iso, raw.span);
    }
    case Base::kTimeSpan: {
      int64_t ticks = 0;
      if (raw.is_object()) {
        // A Ticks double outside int64's range is not a tick count (its cast
        // is undefined; found by fuzz/: fixtures/fuzz-regressions/normalize/).
        if (const Value* t = raw.Field("Ticks");
            t && (t->type == ValueType::kInt ||
                  (t->type == ValueType::kDouble && t->real >= -0x1p63 && t->real < 0x1p63))) {
          ticks = t->type == ValueType::kInt ? t->integer : static_cast<int64_t>(t->real);
          return Value::String(TimeSpanFromTicks(ticks), raw.span);
        }
      }
      std::string text = ScalarText(raw, type.base);
      if (ParseXmlDuration(text, ticks) || ParseTimeSpanText(text, ticks)) {
        return Value::String(TimeSpanFromTicks(ticks), raw.span);
      }
      Warn(warnings, property, raw.span, "expected a time span such as 08:00:00, found '" + text + "'");
      return Value::String(text, raw.span);
    }
    case Base::kEnum: {
      const EnumTable* table = schema.FindEnum(type.enum_name);
      // A double outside int64's range is read as text below (its cast is
      // undefined; found by fuzz/: fixtures/fuzz-regressions/normalize/).
      if (raw.type == ValueType::kInt ||
          (raw.type == ValueType::kDouble && raw.real >= -0x1p63 && raw.real < 0x1p63)) {
        int64_t n = raw.type == ValueType::kInt ? raw.integer : static_cast<int64_t>(raw.real);
        if (table) {
          if (auto name = table->NameOf(n)) return Value::String(*name, raw.span);
        }
        Warn(warnings, property, raw.span,
             "unknown " + type.enum_name + " value " + std::to_string(n) + "; kept as a number");
        return Value::Int(n, raw.span);
      }
      std::string text(Trim(ScalarText(raw, type.base)));
      int64_t n;
      if (ParseInt(text, n) && table) {
        if (auto name = table->NameOf(n)) return Value::String(*name, raw.span);
      }
      if (table) {
        if (auto name = table->Canonical(text)) return Value::String(*name, raw.span);
      }
      Warn(warnings, property, raw.span, "unknown " + type.enum_name + " value '" + text + "'");
      return Value::String(text, raw.span);
    }
    case Base::kFlags: {
      // Every form (names, numbers, lists of either) becomes one set of bits,
      // then names the way .NET's Enum.ToString does (enums.yaml header), so
      // 100, "Migrated, RoomMailbox, EquipmentMailbox" and the CLIXML
      // ToString "Migrated, SharedMailbox" all read the same.
      const EnumTable* table = schema.FindEnum(type.enum_name);
      int64_t bits = 0;
      bool any = false;
      std::vector<std::string> unknown;
      auto add_name = [&](std::string_view name) {
        std::string_view t = Trim(name);
        if (t.empty()) return;
        std::optional<std::string> canonical = table ? table->Canonical(t) : std::nullopt;
        if (!canonical) {
          Warn(warnings, property, raw.span, "unknown " + type.enum_name + " member '" + std::string(t) + "'");
          unknown.emplace_back(t);
          return;
        }
        for (const auto& [m, value] : table->members) {
          if (m == *canonical) bits |= value;
        }
        any = true;
      };
      auto add_number = [&](int64_t n) {
        if (!table) {
          Warn(warnings, property, raw.span, "unknown " + type.enum_name + " value " + std::to_string(n));
          unknown.push_back(std::to_string(n));
          return;
        }
        bits |= n;
        any = true;
      };
      std::vector<const Value*> parts;
      if (raw.is_list()) {
        for (const Value& item : raw.items) parts.push_back(&item);
      } else {
        parts.push_back(&raw);
      }
      for (const Value* part : parts) {
        if (part->type == ValueType::kInt) { add_number(part->integer); continue; }
        std::string text = ScalarText(*part, Base::kString);
        int64_t n;
        if (ParseInt(text, n)) { add_number(n); continue; }
        // .NET writes "A, B"; a deserialized collection's ToString (CSV)
        // writes "A B". Member names hold neither.
        for (const std::string& name : SplitList(text)) add_name(name);
      }
      std::vector<std::pair<int64_t, std::string>> members;
      if (any && bits == 0) {
        if (auto zero = table->NameOf(0)) members.emplace_back(0, *zero);
      } else if (any) {
        // Highest value first, so composites (Weekdays, SharedMailbox) win.
        std::vector<std::pair<std::string, int64_t>> by_value = table->members;
        std::stable_sort(by_value.begin(), by_value.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        int64_t remaining = bits;
        for (const auto& [m, value] : by_value) {
          if (value != 0 && (remaining & value) == value) {
            members.emplace_back(value, m);
            remaining &= ~value;
          }
        }
        std::stable_sort(members.begin(), members.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        if (remaining != 0) {
          Warn(warnings, property, raw.span,
               "unknown " + type.enum_name + " bits " + std::to_string(remaining) + "; kept as a number");
          unknown.push_back(std::to_string(remaining));
        }
      }
      Value out = Value::List({}, raw.span);
      for (const auto& [v, name] : members) out.items.push_back(Value::String(name, raw.span));
      for (const std::string& name : unknown) {
        bool dup = false;
        for (const Value& existing : out.items) dup |= existing.text == name;
        if (!dup) out.items.push_back(Value::String(name, raw.span));
      }
      return out;
    }
    case Base::kCertificate: return NormalizeCertificate(raw, property, warnings);
    case Base::kBytes: return Value::Null(raw.span);
    case Base::kList: {
      const PropertyType& element = type.element.front();
      Value out = Value::List({}, raw.span);
      if (raw.is_list()) {
        out.loss = raw.loss;
        for (const Value& item : raw.items) {
          Value v = NormalizeValue(item, element, schema, property, warnings);
          if (!v.is_null()) out.items.push_back(std::move(v));
        }
        return out;
      }
      // A list given as one text value: one item from JSON/YAML, or the
      // space-joined ToString of a deserialized collection (CSV, JSON depth).
      std::string text = ScalarText(raw, Base::kString);
      bool splittable = element.base == Base::kEnum || element.base == Base::kToken || element.base == Base::kDomain ||
                        element.base == Base::kGuid || element.base == Base::kFlags ||
                        element.base == Base::kSmtpAddress;
      if (raw.is_object() && !raw.has_text && element.base != Base::kString) {
        out.items.push_back(NormalizeValue(raw, element, schema, property, warnings));
        return out;
      }
      std::vector<std::string> parts = splittable ? SplitList(text) : std::vector<std::string>{text};
      if (parts.size() > 1 && raw.untyped) {
        Warn(warnings, property, raw.span,
             "list given as text; read as " + std::to_string(parts.size()) + " items separated by spaces or commas");
      }
      for (const std::string& part : parts) {
        Value item = Value::String(part, raw.span);
        item.untyped = raw.untyped;
        Value v = NormalizeValue(item, element, schema, property, warnings);
        if (!v.is_null()) out.items.push_back(std::move(v));
      }
      return out;
    }
  }
  return NormalizeUnknown(raw);
}

}  // namespace lint
