#include "lint/model/normalize.h"

#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "lint/model/certificate.h"
#include "tests/golden.h"

namespace lint {
namespace {

// A small model: only the enum tables the cases below use.
constexpr std::string_view kEnums = R"(
enums:
  FreeBusyAccessLevel:
    None: 0
    AvailabilityOnly: 1
    LimitedDetails: 2
  HybridFeature:
    FreeBusy: 1
    OwaRedirection: 4
    CentralizedTransport: 8
flags:
  AllowedServices:
    None: 0
    IMAP: 1
    POP: 2
    UM: 4
    IIS: 8
    SMTP: 16
    Federation: 32
  DaysOfWeek:
    None: 0
    Sunday: 1
    Monday: 2
    Tuesday: 4
    Wednesday: 8
    Thursday: 16
    Friday: 32
    Saturday: 64
    Weekdays: 62
    WeekendDays: 65
    AllDays: 127
  RemoteRecipientType:
    None: 0
    ProvisionMailbox: 1
    Migrated: 4
    RoomMailbox: 32
    EquipmentMailbox: 64
    SharedMailbox: 96
aliases:
  HybridFeature:
    Centralized: CentralizedTransport
)";

const ModelSchema& Schema() {
  static const ModelSchema schema = [] {
    DiagnosticSink sink;
    ModelSchema s = ModelSchema::Load({{"schema/model/enums.yaml", std::string(kEnums)}}, sink);
    REQUIRE(sink.diagnostics().empty());
    return s;
  }();
  return schema;
}

PropertyType Type(std::string_view text) {
  auto type = ParsePropertyType(text);
  REQUIRE_MESSAGE(type.has_value(), "bad type " << text);
  return *type;
}

// Normalizes `raw` as `type` and collects the warnings' messages.
struct Result {
  Value value;
  std::vector<std::string> warnings;
};

Result Normalize(const Value& raw, std::string_view type) {
  std::vector<InputWarning> warnings;
  Result r{NormalizeValue(raw, Type(type), Schema(), "Prop", warnings), {}};
  for (const InputWarning& w : warnings) {
    CHECK(w.property == "Prop");
    r.warnings.push_back(w.message);
  }
  return r;
}

// The canonical text of a normalized value, with its type and loss:
// "s:text", "b:True", "i:5", "d:2.5", "null", "[s:a, s:b]", "{K=s:v}".
std::string Show(const Value& v) {
  std::string out;
  switch (v.type) {
    case ValueType::kNull: out = "null"; break;
    case ValueType::kString: out = "s:" + v.text; break;
    case ValueType::kBool: out = v.boolean ? "b:True" : "b:False"; break;
    case ValueType::kInt: out = "i:" + std::to_string(v.integer); break;
    case ValueType::kDouble: out = "d:" + v.ToDisplay(); break;
    case ValueType::kList:
    case ValueType::kObject: {
      out = v.is_list() ? "[" : "{";
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ", ";
        if (v.is_object()) out += v.items[i].name + "=";
        out += Show(v.items[i]);
      }
      out += v.is_list() ? "]" : "}";
      break;
    }
  }
  if (v.loss == Loss::kLost) out += " (lost)";
  if (v.loss == Loss::kTruncated) out += " (truncated)";
  return out;
}

std::string N(const Value& raw, std::string_view type) {
  Result r = Normalize(raw, type);
  CHECK_MESSAGE(r.warnings.empty(), "unexpected warning: " << (r.warnings.empty() ? "" : r.warnings[0]));
  return Show(r.value);
}

Value S(std::string text) { return Value::String(std::move(text)); }

Value Field(std::string name, Value v) {
  v.name = std::move(name);
  return v;
}

Value Obj(std::vector<Value> fields) { return Value::Object(std::move(fields)); }

// A CLIXML object with a <ToString>.
Value ObjWithText(std::string text, std::vector<Value> fields = {}) {
  Value v = Value::Object(std::move(fields));
  v.text = std::move(text);
  v.has_text = true;
  return v;
}

struct DateCase {
  std::string iso;
  std::string warning;
};

DateCase Date(std::string_view text) {
  DateCase c;
  c.warning = "stale";
  c.iso = NormalizeDate(text, c.warning);
  return c;
}

const std::string kCulture = "' read as local time without a time zone (export with Export-Clixml to keep exact dates)";

// ---------------------------------------------------------------- dates

TEST_CASE("NormalizeDate: reads /Date(ms)/ as UTC") {
  CHECK(Date("/Date(1326441600000)/").iso == "2012-01-13T08:00:00Z");
  CHECK(Date("\\/Date(1326441600000)\\/").iso == "2012-01-13T08:00:00Z");
  CHECK(Date("/Date(1326441600123)/").iso == "2012-01-13T08:00:00.123Z");
  CHECK(Date("/Date(0)/").iso == "1970-01-01T00:00:00Z");
  CHECK(Date("  /Date(1584376079000)/ ").iso == "2020-03-16T16:27:59Z");
  CHECK(Date("/Date(1326441600000)/").warning == "");
}

TEST_CASE("NormalizeDate: reads negative /Date(ms)/ before 1970") {
  CHECK(Date("/Date(-1000)/").iso == "1969-12-31T23:59:59Z");
  CHECK(Date("/Date(-1500)/").iso == "1969-12-31T23:59:58.5Z");
  CHECK(Date("/Date(-62135596800000)/").iso == "0001-01-01T00:00:00Z");
}

TEST_CASE("NormalizeDate: ignores the offset of /Date(ms+hhmm)/ because ms is already UTC") {
  CHECK(Date("/Date(1326441600000+0100)/").iso == "2012-01-13T08:00:00Z");
  CHECK(Date("/Date(1326441600000-0800)/").iso == "2012-01-13T08:00:00Z");
  CHECK(Date("/Date(-1000-0500)/").iso == "1969-12-31T23:59:59Z");
}

TEST_CASE("NormalizeDate: rejects malformed /Date()/ forms") {
  CHECK(Date("/Date(abc)/").iso == "");
  CHECK(Date("/Date()/").iso == "");
  CHECK(Date("/Date(123").iso == "");
  CHECK(Date("/Date(123)").iso == "");
  CHECK(Date("/Date(123)/x").iso == "");
  CHECK(Date("/Date(123)/x").warning == "");
}

TEST_CASE("NormalizeDate: converts ISO 8601 with Z or an offset to UTC") {
  CHECK(Date("2019-12-03T22:47:32Z").iso == "2019-12-03T22:47:32Z");
  CHECK(Date("2019-12-03T14:47:32-08:00").iso == "2019-12-03T22:47:32Z");
  CHECK(Date("2019-12-31T23:30:00-01:00").iso == "2020-01-01T00:30:00Z");
  CHECK(Date("2020-01-01T00:30:00+01:00").iso == "2019-12-31T23:30:00Z");
  CHECK(Date("2020-03-01T00:30:00+05:30").iso == "2020-02-29T19:00:00Z");
  CHECK(Date("2019-12-03T14:47:32-08:00").warning == "");
}

TEST_CASE("NormalizeDate: keeps ISO 8601 without an offset as local time") {
  CHECK(Date("2019-12-03T14:47:32").iso == "2019-12-03T14:47:32");
  CHECK(Date("2019-12-03 14:47:32").iso == "2019-12-03T14:47:32");
  CHECK(Date("2019-12-03T14:47:32").warning == "");
}

TEST_CASE("NormalizeDate: keeps up to seven fraction digits without trailing zeros") {
  CHECK(Date("2019-12-03T14:47:32.1234567-08:00").iso == "2019-12-03T22:47:32.1234567Z");
  CHECK(Date("2019-12-03T22:47:32.123456789Z").iso == "2019-12-03T22:47:32.1234567Z");
  CHECK(Date("2019-12-03T22:47:32.10Z").iso == "2019-12-03T22:47:32.1Z");
  CHECK(Date("2019-12-03T22:47:32.0000000Z").iso == "2019-12-03T22:47:32Z");
  CHECK(Date("2019-12-03T14:47:32.5").iso == "2019-12-03T14:47:32.5");
}

TEST_CASE("NormalizeDate: rejects ISO 8601 with a bad offset, fraction or calendar date") {
  CHECK(Date("2019-12-03T14:47:32+0100").iso == "");
  CHECK(Date("2019-12-03T14:47:32.Z").iso == "");
  CHECK(Date("2019-12-03T14:47:32 UTC").iso == "");
  CHECK(Date("2019-02-29T00:00:00Z").iso == "");
  CHECK(Date("2019-04-31T00:00:00Z").iso == "");
  CHECK(Date("2019-12-03T24:00:00Z").iso == "");
  CHECK(Date("2019-13-03T00:00:00Z").iso == "");
  CHECK(Date("2020-02-29T00:00:00Z").iso == "2020-02-29T00:00:00Z");
  CHECK(Date("2000-02-29T00:00:00Z").iso == "2000-02-29T00:00:00Z");
  CHECK(Date("1900-02-29T00:00:00Z").iso == "");
}

TEST_CASE("NormalizeDate: reads en-US culture dates with AM/PM and warns") {
  DateCase c = Date("3/16/2020 4:27:59 PM");
  CHECK(c.iso == "2020-03-16T16:27:59");
  CHECK(c.warning == "culture-formatted date '3/16/2020 4:27:59 PM" + kCulture);
  CHECK(Date("3/16/2020 12:05:00 AM").iso == "2020-03-16T00:05:00");
  CHECK(Date("3/16/2020 12:05:00 PM").iso == "2020-03-16T12:05:00");
  CHECK(Date("3/16/2020 11:05 am").iso == "2020-03-16T11:05:00");
  // DateTime.MinValue, as an unset date prints.
  CHECK(Date("1/1/0001 12:00:00 AM").iso == "0001-01-01T00:00:00");
}

TEST_CASE("NormalizeDate: reads de and ru culture dates as day.month.year and warns") {
  DateCase c = Date("24.09.2020 14:00:52");
  CHECK(c.iso == "2020-09-24T14:00:52");
  CHECK(c.warning == "culture-formatted date '24.09.2020 14:00:52" + kCulture);
  CHECK(Date("01.05.2023").iso == "2023-05-01T00:00:00");
  CHECK(Date("01.05.2023").warning == "culture-formatted date '01.05.2023" + kCulture);
  CHECK(Date("24.09.20 14:00").iso == "2020-09-24T14:00:00");
}

TEST_CASE("NormalizeDate: reads day/month/year when the first number cannot be a month") {
  DateCase c = Date("16/03/2020 16:27");
  CHECK(c.iso == "2020-03-16T16:27:00");
  CHECK(c.warning == "culture-formatted date '16/03/2020 16:27" + kCulture);
}

TEST_CASE("NormalizeDate: warns that 01/05/2023 is ambiguous and reads it as month/day/year") {
  DateCase c = Date("01/05/2023");
  CHECK(c.iso == "2023-01-05T00:00:00");
  CHECK(c.warning ==
        "ambiguous culture-formatted date '01/05/2023' read as month/day/year, local time "
        "(export with Export-Clixml to keep exact dates)");
  // The same number twice reads the same either way.
  CHECK(Date("5/5/2023").warning == "culture-formatted date '5/5/2023" + kCulture);
}

TEST_CASE("NormalizeDate: reads year-first culture dates") {
  CHECK(Date("2020/09/24").iso == "2020-09-24T00:00:00");
  CHECK(Date("2020-9-24 8:05").iso == "2020-09-24T08:05:00");
}

TEST_CASE("NormalizeDate: returns empty and no warning for text that is not a date") {
  for (std::string_view text : {"", "   ", "hello", "15.2.986", "1.2.3", "10.0.0.1", "31.02.2020",
                                "13/13/2020", "3/16/2020 25:00", "3/16/2020 4:27 XM", "3/16/2020T04:27",
                                "3/16/20201", "2020", "Version 15.2 (Build 1544.4)", "PT8H"}) {
    INFO(text);
    DateCase c = Date(text);
    CHECK(c.iso == "");
    CHECK(c.warning == "");
  }
}

// ---------------------------------------------------------------- scalars

TEST_CASE("Normalize: bool reads PowerShell's text forms") {
  CHECK(N(S("True"), "bool") == "b:True");
  CHECK(N(S("false"), "bool") == "b:False");
  CHECK(N(S("$true"), "bool") == "b:True");
  CHECK(N(S("$FALSE"), "bool") == "b:False");
  CHECK(N(S(" TRUE "), "bool") == "b:True");
  CHECK(N(S("1"), "bool") == "b:True");
  CHECK(N(S("0"), "bool") == "b:False");
  CHECK(N(Value::Bool(true), "bool") == "b:True");
  CHECK(N(Value::Int(0), "bool") == "b:False");
  CHECK(N(Value::Int(5), "bool") == "b:True");
}

TEST_CASE("Normalize: bool keeps other text with a warning") {
  Result r = Normalize(S("Yes"), "bool");
  CHECK(Show(r.value) == "s:Yes");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "expected True or False, found 'Yes'");
}

TEST_CASE("Normalize: int and double read numbers and numeric text") {
  CHECK(N(Value::Int(42), "int") == "i:42");
  CHECK(N(S("42"), "int") == "i:42");
  CHECK(N(S(" -7 "), "int") == "i:-7");
  CHECK(N(S("9223372036854775807"), "int") == "i:9223372036854775807");
  CHECK(N(Value::Double(3.0), "int") == "i:3");
  CHECK(N(Value::Double(2.5), "int") == "d:2.5");
  CHECK(N(S("2.5"), "int") == "d:2.5");
  CHECK(N(Value::Int(3), "double") == "d:3");
  CHECK(N(S("1e3"), "double") == "d:1000");
  CHECK(N(S("0.25"), "double") == "d:0.25");
}

TEST_CASE("Normalize: int keeps non-numeric text with a warning") {
  Result r = Normalize(S("12 MB"), "int");
  CHECK(Show(r.value) == "s:12 MB");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "expected a number, found '12 MB'");
}

TEST_CASE("Normalize: guid drops braces and lower-cases") {
  CHECK(N(S("{8B6A1C2D-3E4F-4A5B-9C8D-7E6F5A4B3C2D}"), "guid") == "s:8b6a1c2d-3e4f-4a5b-9c8d-7e6f5a4b3c2d");
  CHECK(N(S("8B6A1C2D-3E4F-4A5B-9C8D-7E6F5A4B3C2D"), "guid") == "s:8b6a1c2d-3e4f-4a5b-9c8d-7e6f5a4b3c2d");
  CHECK(N(S(" 8b6a1c2d-3e4f-4a5b-9c8d-7e6f5a4b3c2d "), "guid") == "s:8b6a1c2d-3e4f-4a5b-9c8d-7e6f5a4b3c2d");
}

TEST_CASE("Normalize: string takes an object's ToString") {
  CHECK(N(S("contoso.com"), "string") == "s:contoso.com");
  CHECK(N(ObjWithText("<I>CN=CA<S>CN=mail", {Field("X", S("y"))}), "string") == "s:<I>CN=CA<S>CN=mail");
  CHECK(N(Value::Int(5), "string") == "s:5");
  CHECK(N(Value::Bool(false), "string") == "s:False");
}

TEST_CASE("Normalize: domain reads an SmtpDomain object") {
  CHECK(N(Obj({Field("Domain", S("contoso.com")), Field("IncludeSubDomains", Value::Bool(false))}), "domain") ==
        "s:contoso.com");
  CHECK(N(ObjWithText("contoso.mail.onmicrosoft.com"), "domain") == "s:contoso.mail.onmicrosoft.com");
}

TEST_CASE("Normalize: smtpaddress drops the smtp: prefix") {
  CHECK(N(S("SMTP:admin@contoso.com"), "smtpaddress") == "s:admin@contoso.com");
  CHECK(N(S("smtp:admin@contoso.com"), "smtpaddress") == "s:admin@contoso.com");
  CHECK(N(Obj({Field("Address", S("admin@contoso.com"))}), "smtpaddress") == "s:admin@contoso.com");
}

TEST_CASE("Normalize: empty strings become null for every scalar type") {
  for (std::string_view type : {"string", "token", "bool", "int", "double", "guid", "uri", "domain", "smtpaddress",
                                "adobjectid", "version", "date", "timespan", "enum<FreeBusyAccessLevel>",
                                "flags<AllowedServices>", "certificate", "any"}) {
    INFO(type);
    CHECK(N(S(""), type) == "null");
    CHECK(N(Value::Null(), type) == "null");
    CHECK(N(ObjWithText(""), type) == "null");
  }
}

TEST_CASE("Normalize: an empty string for a list type is an empty list") {
  CHECK(N(S(""), "list<domain>") == "[]");
  CHECK(N(S(""), "list<string>") == "[]");
  CHECK(N(Value::Null(), "list<domain>") == "null");
}

TEST_CASE("Normalize: lost values keep Loss::kLost and their text") {
  Value lost = S("System.Collections.Generic.List`1[Microsoft.Exchange.Data.SmtpDomain]");
  lost.loss = Loss::kLost;
  for (std::string_view type : {"list<domain>", "string", "enum<FreeBusyAccessLevel>", "date", "any"}) {
    INFO(type);
    CHECK(N(lost, type) == "s:System.Collections.Generic.List`1[Microsoft.Exchange.Data.SmtpDomain] (lost)");
  }
  Value empty_lost = S("");
  empty_lost.loss = Loss::kLost;
  CHECK(N(empty_lost, "bool") == "s: (lost)");
  CHECK(N(empty_lost, "any") == "s: (lost)");
}

TEST_CASE("Normalize: bytes are not kept") {
  CHECK(N(S("AAEC"), "bytes") == "null");
}

// ---------------------------------------------------------------- enums

TEST_CASE("Normalize: enum reads a name in any case") {
  CHECK(N(S("LimitedDetails"), "enum<FreeBusyAccessLevel>") == "s:LimitedDetails");
  CHECK(N(S("limiteddetails"), "enum<FreeBusyAccessLevel>") == "s:LimitedDetails");
  CHECK(N(S(" AvailabilityOnly "), "enum<FreeBusyAccessLevel>") == "s:AvailabilityOnly");
}

TEST_CASE("Normalize: enum maps an alias to its member") {
  CHECK(N(S("Centralized"), "enum<HybridFeature>") == "s:CentralizedTransport");
  CHECK(N(S("CENTRALIZED"), "enum<HybridFeature>") == "s:CentralizedTransport");
}

TEST_CASE("Normalize: enum reads a number or numeric text") {
  CHECK(N(Value::Int(2), "enum<FreeBusyAccessLevel>") == "s:LimitedDetails");
  CHECK(N(Value::Int(0), "enum<FreeBusyAccessLevel>") == "s:None");
  CHECK(N(S("1"), "enum<FreeBusyAccessLevel>") == "s:AvailabilityOnly");
  CHECK(N(Value::Double(2.0), "enum<FreeBusyAccessLevel>") == "s:LimitedDetails");
}

TEST_CASE("Normalize: enum reads a CLIXML enum (ToString with its number)") {
  Value raw = S("LimitedDetails");
  raw.integer = 2;
  raw.type_names = {"Microsoft.Exchange.Data.Directory.FreeBusyAccessLevel", "System.Enum"};
  CHECK(N(raw, "enum<FreeBusyAccessLevel>") == "s:LimitedDetails");
}

TEST_CASE("Normalize: enum keeps an unknown name with a warning") {
  Result r = Normalize(S("Everything"), "enum<FreeBusyAccessLevel>");
  CHECK(Show(r.value) == "s:Everything");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "unknown FreeBusyAccessLevel value 'Everything'");
}

TEST_CASE("Normalize: enum keeps an unknown number as a number with a warning") {
  Result r = Normalize(Value::Int(7), "enum<FreeBusyAccessLevel>");
  CHECK(Show(r.value) == "i:7");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "unknown FreeBusyAccessLevel value 7; kept as a number");
  Result text = Normalize(S("7"), "enum<FreeBusyAccessLevel>");
  CHECK(Show(text.value) == "s:7");
  REQUIRE(text.warnings.size() == 1);
  CHECK(text.warnings[0] == "unknown FreeBusyAccessLevel value '7'");
}

TEST_CASE("Normalize: enum of a table the model lacks keeps the text with a warning") {
  Result r = Normalize(S("Whatever"), "enum<NoSuchEnum>");
  CHECK(Show(r.value) == "s:Whatever");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "unknown NoSuchEnum value 'Whatever'");
}

TEST_CASE("Normalize: flags read \"IIS, SMTP\" in ascending value order") {
  CHECK(N(S("IIS, SMTP"), "flags<AllowedServices>") == "[s:IIS, s:SMTP]");
  CHECK(N(S("SMTP,iis"), "flags<AllowedServices>") == "[s:IIS, s:SMTP]");
  CHECK(N(S("IMAP, POP, IIS, SMTP"), "flags<AllowedServices>") == "[s:IMAP, s:POP, s:IIS, s:SMTP]");
  CHECK(N(S("IIS, IIS"), "flags<AllowedServices>") == "[s:IIS]");
}

TEST_CASE("Normalize: flags read a number as its bits") {
  CHECK(N(Value::Int(24), "flags<AllowedServices>") == "[s:IIS, s:SMTP]");
  CHECK(N(S("24"), "flags<AllowedServices>") == "[s:IIS, s:SMTP]");
  CHECK(N(Value::Int(0), "flags<AllowedServices>") == "[s:None]");
  CHECK(N(S("None"), "flags<AllowedServices>") == "[s:None]");
}

TEST_CASE("Normalize: flags read a list of names, numbers or CLIXML enums") {
  CHECK(N(Value::List({S("SMTP"), S("IIS")}), "flags<AllowedServices>") == "[s:IIS, s:SMTP]");
  CHECK(N(Value::List({Value::Int(16), Value::Int(1)}), "flags<AllowedServices>") == "[s:IMAP, s:SMTP]");
  Value iis = S("IIS");
  iis.integer = 8;
  Value smtp = S("SMTP");
  smtp.integer = 16;
  CHECK(N(Value::List({smtp, iis}), "flags<AllowedServices>") == "[s:IIS, s:SMTP]");
  CHECK(N(Value::List({}), "flags<AllowedServices>") == "[]");
}

TEST_CASE("Normalize: flags name composites the way .NET ToString does") {
  CHECK(N(Value::Int(62), "flags<DaysOfWeek>") == "[s:Weekdays]");
  CHECK(N(S("Weekdays"), "flags<DaysOfWeek>") == "[s:Weekdays]");
  CHECK(N(S("Monday, Tuesday, Wednesday, Thursday, Friday"), "flags<DaysOfWeek>") == "[s:Weekdays]");
  CHECK(N(Value::Int(66), "flags<DaysOfWeek>") == "[s:Monday, s:Saturday]");
  CHECK(N(Value::Int(127), "flags<DaysOfWeek>") == "[s:AllDays]");
  CHECK(N(Value::Int(63), "flags<DaysOfWeek>") == "[s:Sunday, s:Weekdays]");
  // "Migrated, SharedMailbox" is what CLIXML's ToString says for 100.
  CHECK(N(Value::Int(100), "flags<RemoteRecipientType>") == "[s:Migrated, s:SharedMailbox]");
  CHECK(N(S("Migrated, SharedMailbox"), "flags<RemoteRecipientType>") == "[s:Migrated, s:SharedMailbox]");
  CHECK(N(S("Migrated, RoomMailbox, EquipmentMailbox"), "flags<RemoteRecipientType>") ==
        "[s:Migrated, s:SharedMailbox]");
}

TEST_CASE("Normalize: flags keep an unknown member last with a warning") {
  Result r = Normalize(S("SMTP, Bogus, IIS"), "flags<AllowedServices>");
  CHECK(Show(r.value) == "[s:IIS, s:SMTP, s:Bogus]");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "unknown AllowedServices member 'Bogus'");
}

TEST_CASE("Normalize: flags keep unknown bits as a number with a warning") {
  Result r = Normalize(Value::Int(136), "flags<AllowedServices>");
  CHECK(Show(r.value) == "[s:IIS, s:128]");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "unknown AllowedServices bits 128; kept as a number");
}

// ---------------------------------------------------------------- lists

TEST_CASE("Normalize: list reads a list and drops empty items") {
  Value raw = Value::List({S("contoso.com"), S(""), Obj({Field("Domain", S("contoso.mail.onmicrosoft.com"))}),
                           ObjWithText("fabrikam.com")});
  CHECK(N(raw, "list<domain>") == "[s:contoso.com, s:contoso.mail.onmicrosoft.com, s:fabrikam.com]");
}

TEST_CASE("Normalize: list of enums reads names and numbers") {
  Value raw = Value::List({S("limiteddetails"), Value::Int(0)});
  CHECK(N(raw, "list<enum<FreeBusyAccessLevel>>") == "[s:LimitedDetails, s:None]");
}

TEST_CASE("Normalize: list keeps a truncated list's loss") {
  Value raw = Value::List({S("a.com"), S("b.com")});
  raw.loss = Loss::kTruncated;
  CHECK(N(raw, "list<domain>") == "[s:a.com, s:b.com] (truncated)");
}

TEST_CASE("Normalize: list splits space-joined text of a deserialized collection") {
  CHECK(N(S("contoso.com contoso.mail.onmicrosoft.com"), "list<domain>") ==
        "[s:contoso.com, s:contoso.mail.onmicrosoft.com]");
  CHECK(N(S("LimitedDetails None"), "list<enum<FreeBusyAccessLevel>>") == "[s:LimitedDetails, s:None]");
}

TEST_CASE("Normalize: list from untyped text warns how it was split") {
  Value raw = S("contoso.com, contoso.mail.onmicrosoft.com");
  raw.untyped = true;
  Result r = Normalize(raw, "list<domain>");
  CHECK(Show(r.value) == "[s:contoso.com, s:contoso.mail.onmicrosoft.com]");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "list given as text; read as 2 items separated by spaces or commas");
  Value one = S("contoso.com");
  one.untyped = true;
  CHECK(N(one, "list<domain>") == "[s:contoso.com]");
}

TEST_CASE("Normalize: token reads like string and list<token> splits space-joined text") {
  CHECK(N(S("msExchFedSharingRelationship"), "token") == "s:msExchFedSharingRelationship");
  CHECK(N(ObjWithText("top"), "token") == "s:top");
  CHECK(N(S("top msExchFedSharingRelationship"), "list<token>") == "[s:top, s:msExchFedSharingRelationship]");
  CHECK(N(Value::List({S("top"), S("")}), "list<token>") == "[s:top]");
}

TEST_CASE("Normalize: list of strings does not split text") {
  CHECK(N(S("Default Web Site"), "list<string>") == "[s:Default Web Site]");
}

TEST_CASE("Normalize: list wraps a single object as one item") {
  CHECK(N(Obj({Field("Domain", S("contoso.com"))}), "list<domain>") == "[s:contoso.com]");
}

// ---------------------------------------------------------------- dates and time spans

TEST_CASE("Normalize: date reads every form and warns about culture text") {
  CHECK(N(S("2019-12-03T14:47:32-08:00"), "date") == "s:2019-12-03T22:47:32Z");
  CHECK(N(Obj({Field("value", S("/Date(1326441600000)/")), Field("DisplayHint", Value::Int(2))}), "date") ==
        "s:2012-01-13T08:00:00Z");
  Result r = Normalize(S("24.09.2020 14:00:52"), "date");
  CHECK(Show(r.value) == "s:2020-09-24T14:00:52");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "culture-formatted date '24.09.2020 14:00:52" + kCulture);
}

TEST_CASE("Normalize: date keeps text that is not a date as lost with a warning") {
  Result r = Normalize(S("next Tuesday"), "date");
  CHECK(Show(r.value) == "s:next Tuesday (lost)");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "expected a date, found 'next Tuesday'");
}

TEST_CASE("Normalize: timespan reads an XML duration") {
  CHECK(N(S("PT8H30M"), "timespan") == "s:08:30:00");
  CHECK(N(S("PT8H"), "timespan") == "s:08:00:00");
  CHECK(N(S("P1DT2H"), "timespan") == "s:1.02:00:00");
  CHECK(N(S("PT9.0269026S"), "timespan") == "s:00:00:09.0269026");
  CHECK(N(S("-PT1H"), "timespan") == "s:-01:00:00");
  CHECK(N(S("P2D"), "timespan") == "s:2.00:00:00");
}

TEST_CASE("Normalize: timespan reads a JSON object's Ticks") {
  CHECK(N(Obj({Field("Ticks", Value::Int(306000000000)), Field("Days", Value::Int(0)),
               Field("TotalHours", Value::Double(8.5))}),
          "timespan") == "s:08:30:00");
  CHECK(N(Obj({Field("Ticks", Value::Int(864000000001))}), "timespan") == "s:1.00:00:00.0000001");
}

TEST_CASE("Normalize: timespan reads .NET text") {
  CHECK(N(S("08:00:00"), "timespan") == "s:08:00:00");
  CHECK(N(S("08:00"), "timespan") == "s:08:00:00");
  CHECK(N(S("1.02:03:04.5"), "timespan") == "s:1.02:03:04.5000000");
  CHECK(N(S("-1.02:00:00"), "timespan") == "s:-1.02:00:00");
  CHECK(N(S("-00:30:00"), "timespan") == "s:-00:30:00");
}

TEST_CASE("Normalize: timespan keeps other text with a warning") {
  for (std::string_view text : {"soon", "25:00:00", "08:60:00", "PT", "P8H"}) {
    INFO(text);
    Result r = Normalize(S(std::string(text)), "timespan");
    CHECK(Show(r.value) == "s:" + std::string(text));
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0] == "expected a time span such as 08:00:00, found '" + std::string(text) + "'");
  }
}

// ---------------------------------------------------------------- objects

TEST_CASE("Normalize: version reads a ToString or a {Major,Minor,Build,Revision} object") {
  CHECK(N(ObjWithText("Version 15.1 (Build 2375.7)", {Field("Major", Value::Int(15))}), "version") ==
        "s:Version 15.1 (Build 2375.7)");
  CHECK(N(Obj({Field("Major", Value::Int(15)), Field("Minor", Value::Int(2)), Field("Build", Value::Int(1544)),
               Field("Revision", Value::Int(4)), Field("FilePatchLevelDescription", Value::Null())}),
          "version") == "s:Version 15.2 (Build 1544.4)");
  CHECK(N(S("15.2.1544.4"), "version") == "s:15.2.1544.4");
}

TEST_CASE("Normalize: adobjectid prefers the ToString") {
  CHECK(N(ObjWithText("contoso.lab/Users/Exchange Online-ApplicationAccount",
                      {Field("DistinguishedName", S("CN=x,DC=y"))}),
          "adobjectid") == "s:contoso.lab/Users/Exchange Online-ApplicationAccount");
  CHECK(N(S("SOLO-E16A"), "adobjectid") == "s:SOLO-E16A");
}

TEST_CASE("Normalize: adobjectid turns a domain object's DistinguishedName into its canonical name") {
  CHECK(N(Obj({Field("DistinguishedName", S("CN=Exchange Online-ApplicationAccount,CN=Users,DC=contoso,DC=lab")),
               Field("Name", S("Exchange Online-ApplicationAccount"))}),
          "adobjectid") == "s:contoso.lab/Users/Exchange Online-ApplicationAccount");
  CHECK(N(Obj({Field("DistinguishedName", S("CN=Smith\\, John,OU=Staff,DC=contoso,DC=com"))}), "adobjectid") ==
        "s:contoso.com/Staff/Smith, John");
}

TEST_CASE("Normalize: adobjectid of an Exchange configuration object is its name") {
  CHECK(N(Obj({Field("DistinguishedName",
                     S("CN=On-premises to O365,CN=Federation,CN=Contoso,CN=Microsoft Exchange,CN=Services,"
                       "CN=Configuration,DC=contoso,DC=com")),
               Field("Name", S("On-premises to O365"))}),
          "adobjectid") == "s:On-premises to O365");
  CHECK(N(Obj({Field("DistinguishedName",
                     S("CN=O365 to On-premises - 7c1e,CN=Federation,CN=Configuration,"
                       "CN=contoso.onmicrosoft.com,CN=ConfigurationUnits,DC=EURPR01A001,DC=prod,DC=outlook,DC=com")),
               Field("Name", S("O365 to On-premises - 7c1e"))}),
          "adobjectid") == "s:O365 to On-premises - 7c1e");
  // Without Name: the first RDN.
  CHECK(N(Obj({Field("DistinguishedName",
                     S("CN=HybridIOC - 5e1f,CN=Intra Organization Connectors,CN=Contoso,CN=Microsoft Exchange,"
                       "CN=Services,CN=Configuration,DC=contoso,DC=com"))}),
          "adobjectid") == "s:HybridIOC - 5e1f");
}

TEST_CASE("Normalize: adobjectid of a virtual directory is SERVER\\name") {
  const std::string dn =
      "CN=EWS (Default Web Site),CN=HTTP,CN=Protocols,CN=SOLO-E16A,CN=Servers,"
      "CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=SoloORG,"
      "CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=Solo,DC=local";
  CHECK(N(Obj({Field("DistinguishedName", S(dn)), Field("Name", S("EWS (Default Web Site)"))}), "adobjectid") ==
        "s:SOLO-E16A\\EWS (Default Web Site)");
  CHECK(N(Obj({Field("DistinguishedName", S(dn))}), "adobjectid") == "s:SOLO-E16A\\EWS (Default Web Site)");
}

TEST_CASE("Normalize: adobjectid without a DistinguishedName is its Name") {
  CHECK(N(Obj({Field("Name", S("SOLO-E16A")), Field("ObjectGuid", S("x"))}), "adobjectid") == "s:SOLO-E16A");
}

TEST_CASE("Normalize: uri reads a PowerShell 5.1 Uri object's OriginalString") {
  Value uri = Obj({Field("AbsolutePath", S("/autodiscover/autodiscover.svc/WSSecurity")),
                   Field("AbsoluteUri", S("https://autodiscover.contoso.com/autodiscover/autodiscover.svc/wssecurity")),
                   Field("OriginalString", S("https://autodiscover.contoso.com/autodiscover/autodiscover.svc/WSSecurity")),
                   Field("Host", S("autodiscover.contoso.com"))});
  CHECK(N(uri, "uri") == "s:https://autodiscover.contoso.com/autodiscover/autodiscover.svc/WSSecurity");
  CHECK(N(Obj({Field("AbsoluteUri", S("https://outlook.com/"))}), "uri") == "s:https://outlook.com/");
  CHECK(N(S("outlook.com"), "uri") == "s:outlook.com");
}

// ---------------------------------------------------------------- certificates

std::string CertificateB64() {
  std::string b64 = testing::ReadFile(testing::SourceDir() / "fixtures" / "certificates" / "mail-contoso-com.b64");
  REQUIRE(!b64.empty());
  return b64;
}

constexpr std::string_view kMailCertificate =
    "{Thumbprint=s:BE9C3A298A820F755D4195F9611057C5B200F0FC, "
    "Subject=s:CN=mail.contoso.com, OU=Messaging, O=\"Contoso, Ltd.\", L=Redmond, S=Washington, C=US, "
    "Issuer=s:CN=Contoso Issuing CA 01, O=Contoso Test CA, C=US, "
    "NotBefore=s:2026-11-22T03:07:31Z, NotAfter=s:2029-02-24T03:07:31Z}";

TEST_CASE("Normalize: certificate decodes RawData") {
  Value raw = ObjWithText("[Subject]\n  CN=ignored\n", {Field("RawData", S(CertificateB64()))});
  CHECK(N(raw, "certificate") == kMailCertificate);
}

TEST_CASE("Normalize: certificate decodes RawData given as a JSON number array") {
  auto der = DecodeBase64(CertificateB64());
  REQUIRE(der.has_value());
  Value bytes = Value::List({});
  for (char c : *der) bytes.items.push_back(Value::Int(static_cast<unsigned char>(c)));
  CHECK(N(Obj({Field("RawData", bytes)}), "certificate") == kMailCertificate);
}

TEST_CASE("Normalize: certificate falls back to its properties when RawData is broken") {
  Value raw = Obj({Field("RawData", S("!!!")), Field("Thumbprint", S("D6E1B2A3C4F5061728394A5B6C7D8E9F00112233")),
                   Field("Subject", S("CN=Federation")), Field("NotAfter", S("2025-09-24T14:00:52Z"))});
  Result r = Normalize(raw, "certificate");
  CHECK(Show(r.value) ==
        "{Thumbprint=s:D6E1B2A3C4F5061728394A5B6C7D8E9F00112233, Subject=s:CN=Federation, "
        "NotAfter=s:2025-09-24T14:00:52Z}");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "certificate RawData could not be decoded: invalid base64 character '!' at offset 0");
}

TEST_CASE("Normalize: certificate reads the X509 ToString block") {
  Value raw = ObjWithText(
      "[Subject]\n  CN=Federation\n\n[Issuer]\n  CN=Federation\n\n[Serial Number]\n  6A2E\n\n"
      "[Not Before]\n  9/24/2020 2:00:52 PM\n\n[Not After]\n  2025-09-24T14:00:52Z\n\n"
      "[Thumbprint]\n  D6E1B2A3C4F5061728394A5B6C7D8E9F00112233\n");
  Result r = Normalize(raw, "certificate");
  CHECK(Show(r.value) ==
        "{Thumbprint=s:D6E1B2A3C4F5061728394A5B6C7D8E9F00112233, Subject=s:CN=Federation, Issuer=s:CN=Federation, "
        "NotBefore=s:2020-09-24T14:00:52, NotAfter=s:2025-09-24T14:00:52Z}");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "culture-formatted date '9/24/2020 2:00:52 PM" + kCulture);
}

TEST_CASE("Normalize: certificate without details is lost with a warning") {
  Result r = Normalize(S("System.Security.Cryptography.X509Certificates.X509Certificate2"), "certificate");
  CHECK(Show(r.value) == "s:System.Security.Cryptography.X509Certificates.X509Certificate2 (lost)");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "certificate details are not in this export");
}

// ---------------------------------------------------------------- unknown properties

TEST_CASE("NormalizeUnknown: objects with a ToString become that string") {
  Value v = NormalizeUnknown(ObjWithText("Low", {Field("value__", Value::Int(1))}));
  CHECK(Show(v) == "s:Low");
}

TEST_CASE("NormalizeUnknown: other values keep their shape and empty text becomes null") {
  Value raw = Obj({Field("A", S("")), Field("B", Value::List({S("x"), Value::Int(2)})), Field("C", Value::Bool(true))});
  CHECK(Show(NormalizeUnknown(raw)) == "{A=null, B=[s:x, i:2], C=b:True}");
}

TEST_CASE("NormalizeUnknown: clears importer-only fields of scalars") {
  Value raw = Value::Int(5);
  raw.name = "Depth";
  raw.untyped = true;
  raw.type_names = {"System.Int32"};
  Value v = NormalizeUnknown(raw);
  CHECK(Show(v) == "i:5");
  CHECK(v.name == "");
  CHECK_FALSE(v.untyped);
  CHECK(v.type_names.empty());
}

TEST_CASE("NormalizeUnknown: keeps the loss of strings and objects") {
  Value secure = S("(SecureString)");
  secure.loss = Loss::kLost;
  CHECK(Show(NormalizeUnknown(secure)) == "s:(SecureString) (lost)");
  Value list = Value::List({S("a")});
  list.loss = Loss::kTruncated;
  CHECK(Show(NormalizeUnknown(list)) == "[s:a] (truncated)");
}

TEST_CASE("Normalize: any is NormalizeUnknown") {
  CHECK(N(ObjWithText("Low"), "any") == "s:Low");
  CHECK(N(Value::List({S("a"), S("")}), "any") == "[s:a, null]");
}

TEST_CASE("Normalize: the normalized value keeps the raw span") {
  SourceSpan span{3, 10, 20};
  std::vector<InputWarning> warnings;
  Value v = NormalizeValue(Value::String("True", span), Type("bool"), Schema(), "Enabled", warnings);
  CHECK(v.span == span);
  Value list = NormalizeValue(Value::String("IIS, SMTP", span), Type("flags<AllowedServices>"), Schema(), "Services",
                              warnings);
  REQUIRE(list.items.size() == 2);
  CHECK(list.span == span);
  CHECK(list.items[1].span == span);
  Value bad = NormalizeValue(Value::String("maybe", span), Type("bool"), Schema(), "Enabled", warnings);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].property == "Enabled");
  CHECK(warnings[0].span == span);
  CHECK(bad.span == span);
}

}  // namespace
}  // namespace lint

namespace lint {

TEST_CASE("Normalize: ConvertTo-Json objects of SmtpAddress, ProxyAddress and SmtpX509Identifier read as their text") {
  DiagnosticSink sink;
  ModelSchema schema = ModelSchema::Load({}, sink);
  std::vector<InputWarning> warnings;
  PropertyType smtp{PropertyType::Base::kSmtpAddress, "", {}};
  PropertyType text{PropertyType::Base::kString, "", {}};
  Value address = Value::Object({});
  address.SetField("Local", Value::String("jane"));
  address.SetField("Domain", Value::String("contoso.com"));
  address.SetField("Address", Value::String("jane@contoso.com"));
  CHECK(NormalizeValue(address, smtp, schema, "PrimarySmtpAddress", warnings).text == "jane@contoso.com");
  Value proxy = Value::Object({});
  proxy.SetField("SmtpAddress", Value::String("jane@contoso.mail.onmicrosoft.com"));
  proxy.SetField("ProxyAddressString", Value::String("SMTP:jane@contoso.mail.onmicrosoft.com"));
  CHECK(NormalizeValue(proxy, smtp, schema, "RemoteRoutingAddress", warnings).text == "jane@contoso.mail.onmicrosoft.com");
  Value tls = Value::Object({});
  tls.SetField("CertificateIssuer", Value::String("CN=Litware CA"));
  tls.SetField("CertificateSubject", Value::String("CN=mail.contoso.com"));
  CHECK(NormalizeValue(tls, text, schema, "TlsCertificateName", warnings).text == "<I>CN=Litware CA<S>CN=mail.contoso.com");
  CHECK(warnings.empty());
}

}  // namespace lint
