#include "lint/import/clixml_importer.h"

#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "lint/source/encoding.h"

namespace lint {
namespace {

using namespace std::string_literals;

constexpr std::string_view kHead =
    "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\n";

SourceFile Xml(std::string text) { return SourceFile(0, "x.xml", Encoding::kUtf8, std::move(text)); }

// One document: kHead, `body`, </Objs>.
SourceFile Doc(std::string_view body) { return Xml(std::string(kHead) + std::string(body) + "</Objs>\n"); }

std::string SpanText(const SourceFile& file, SourceSpan span) {
  return file.text().substr(span.begin, span.end - span.begin);
}

// "line:column" of an offset.
std::string At(const SourceFile& file, uint32_t offset) {
  LineColumn lc = file.Locate(offset);
  return std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

ImportResult MustImport(const SourceFile& file, const ImportLimits& limits = {}) {
  auto result = ImportClixml(file, limits);
  if (!result) FAIL("unexpected error: " << result.error().message << " at " << At(file, result.error().span.begin));
  return *result;
}

ImportError MustFail(const SourceFile& file, const ImportLimits& limits = {}) {
  auto result = ImportClixml(file, limits);
  REQUIRE_FALSE(result.has_value());
  return result.error();
}

// The properties of the only object in `body`.
Value OnlyObject(const SourceFile& file) {
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 1);
  return result.objects[0].properties;
}

const Value& Get(const Value& object, std::string_view name) {
  const Value* v = object.Field(name);
  REQUIRE_MESSAGE(v != nullptr, "no field " << name);
  return *v;
}

TEST_CASE("ClixmlImporter: recognizes <Objs> as yes, other XML as maybe") {
  CHECK(RecognizeClixml(Xml(std::string(kHead) + "</Objs>")) == Recognition::kYes);
  CHECK(RecognizeClixml(Xml("\r\n  <Objs Version=\"1.1.0.1\">")) == Recognition::kYes);
  CHECK(RecognizeClixml(Xml("<!-- comment -->\n<Objs>")) == Recognition::kYes);
  CHECK(RecognizeClixml(Xml("<?xml version=\"1.0\"?><root/>")) == Recognition::kMaybe);
  CHECK(RecognizeClixml(Xml("<root/>")) == Recognition::kNo);
  CHECK(RecognizeClixml(Xml("{\"Objs\": 1}")) == Recognition::kNo);
  CHECK(RecognizeClixml(Xml("Name : <Objs>")) == Recognition::kNo);
  CHECK(RecognizeClixml(Xml("")) == Recognition::kNo);
}

TEST_CASE("ClixmlImporter: reads an object's type names, ToString and properties with spans") {
  SourceFile file = Doc(
      "  <Obj RefId=\"0\">\n"
      "    <TN RefId=\"0\">\n"
      "      <T>Microsoft.Exchange.Data.Directory.SystemConfiguration.OrganizationRelationship</T>\n"
      "      <T>System.Object</T>\n"
      "    </TN>\n"
      "    <ToString>On-premises to O365</ToString>\n"
      "    <Props>\n"
      "      <S N=\"Name\">On-premises to O365</S>\n"
      "      <B N=\"Enabled\">true</B>\n"
      "    </Props>\n"
      "  </Obj>\n");
  ImportResult result = MustImport(file);
  CHECK(result.warnings.empty());
  REQUIRE(result.objects.size() == 1);
  const RawObject& object = result.objects[0];
  REQUIRE(object.type_names.size() == 2);
  CHECK(object.type_names[0] == "Microsoft.Exchange.Data.Directory.SystemConfiguration.OrganizationRelationship");
  CHECK(object.type_names[1] == "System.Object");
  CHECK(object.kind == "");
  CHECK(object.side == "");
  CHECK(SpanText(file, object.span) == "<Obj RefId=\"0\">");
  CHECK(At(file, object.span.begin) == "2:3");

  const Value& props = object.properties;
  REQUIRE(props.is_object());
  CHECK(props.name == "");
  CHECK(props.has_text);
  CHECK(props.text == "On-premises to O365");
  CHECK(props.type_names == object.type_names);
  CHECK(props.span == object.span);
  REQUIRE(props.items.size() == 2);

  const Value& name = props.items[0];
  CHECK(name.name == "Name");
  CHECK(name.type == ValueType::kString);
  CHECK(name.text == "On-premises to O365");
  CHECK_FALSE(name.untyped);
  CHECK(name.loss == Loss::kNone);
  CHECK(SpanText(file, name.span) == "On-premises to O365");
  CHECK(At(file, name.span.begin) == "9:19");
  CHECK(At(file, name.span.end) == "9:38");

  const Value& enabled = props.items[1];
  CHECK(enabled.name == "Enabled");
  CHECK(enabled.type == ValueType::kBool);
  CHECK(enabled.boolean);
  CHECK(SpanText(file, enabled.span) == "true");
  CHECK(At(file, enabled.span.begin) == "10:22");
}

TEST_CASE("ClixmlImporter: resolves TNRef to an earlier TN, separately from object RefIds") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><TN RefId=\"0\"><T>A.Kind</T><T>System.Object</T></TN><Props>"
      "<Obj N=\"Level\" RefId=\"1\"><TN RefId=\"1\"><T>A.Level</T><T>System.Enum</T></TN>"
      "<ToString>Low</ToString><I32>1</I32></Obj></Props></Obj>"
      "<Obj RefId=\"2\"><TNRef RefId=\"0\" /><Props>"
      "<Obj N=\"Level\" RefId=\"3\"><TNRef RefId=\"1\" /><ToString>High</ToString><I32>2</I32></Obj>"
      "</Props></Obj>");
  ImportResult result = MustImport(file);
  CHECK(result.warnings.empty());
  REQUIRE(result.objects.size() == 2);
  CHECK(result.objects[1].type_names == std::vector<std::string>{"A.Kind", "System.Object"});
  const Value& level = Get(result.objects[1].properties, "Level");
  CHECK(level.type_names == std::vector<std::string>{"A.Level", "System.Enum"});
  CHECK(level.text == "High");
}

TEST_CASE("ClixmlImporter: a TNRef to no earlier TN warns and leaves the type names empty") {
  SourceFile file = Doc("<Obj RefId=\"0\"><TNRef RefId=\"9\" /><Props><S N=\"Name\">x</S></Props></Obj>\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(result.objects[0].type_names.empty());
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].message == "<TNRef RefId=\"9\"> names no earlier <TN>");
  CHECK(result.warnings[0].property == "");
  CHECK(SpanText(file, result.warnings[0].span) == "<TNRef RefId=\"9\" />");
}

TEST_CASE("ClixmlImporter: a Ref is a copy of the earlier object with the Ref's name and span") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><Props>\n"
      "<Obj N=\"Identity\" RefId=\"1\"><TN RefId=\"0\"><T>Microsoft.Exchange.Data.Directory.ADObjectId</T></TN>"
      "<ToString>contoso.com/Users/x</ToString><Props><S N=\"Name\">x</S></Props></Obj>\n"
      "<Ref N=\"Id\" RefId=\"1\" />\n"
      "</Props></Obj>\n");
  ImportResult result = MustImport(file);
  CHECK(result.warnings.empty());
  const Value& props = result.objects.at(0).properties;
  REQUIRE(props.items.size() == 2);
  const Value& identity = props.items[0];
  const Value& id = props.items[1];
  CHECK(id.name == "Id");
  CHECK(id.type == ValueType::kObject);
  CHECK(id.has_text);
  CHECK(id.text == "contoso.com/Users/x");
  CHECK(id.type_names == std::vector<std::string>{"Microsoft.Exchange.Data.Directory.ADObjectId"});
  CHECK(Get(id, "Name").text == "x");
  CHECK(SameValue(id, identity));
  CHECK(SpanText(file, id.span) == "<Ref N=\"Id\" RefId=\"1\" />");
  CHECK(SpanText(file, identity.span) == "<Obj N=\"Identity\" RefId=\"1\">");
}

TEST_CASE("ClixmlImporter: a Ref to an unknown RefId warns and reads as null") {
  SourceFile file = Doc("<Obj RefId=\"0\"><Props><Ref N=\"Id\" RefId=\"42\" /></Props></Obj>\n");
  ImportResult result = MustImport(file);
  const Value& id = Get(result.objects.at(0).properties, "Id");
  CHECK(id.is_null());
  CHECK(SpanText(file, id.span) == "<Ref N=\"Id\" RefId=\"42\" />");
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].message == "<Ref RefId=\"42\"> refers to no earlier object; read as null");
  CHECK(result.warnings[0].span == id.span);
}

TEST_CASE("ClixmlImporter: a Ref to an object of an earlier top-level object resolves") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><Props><Obj N=\"Server\" RefId=\"1\"><ToString>EX01</ToString></Obj></Props></Obj>\n"
      "<Obj RefId=\"2\"><Props><Ref N=\"Server\" RefId=\"1\" /></Props></Obj>\n");
  ImportResult result = MustImport(file);
  CHECK(result.warnings.empty());
  REQUIRE(result.objects.size() == 2);
  CHECK(Get(result.objects[1].properties, "Server").text == "EX01");
}

TEST_CASE("ClixmlImporter: merges Props then MS into one set of properties") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\">"
      "<MS><S N=\"PSComputerName\">ex01.contoso.com</S><G N=\"RunspaceId\">6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d</G>"
      "<B N=\"PSShowComputerName\">false</B></MS>"
      "<Props><S N=\"Name\">x</S><I32 N=\"Count\">3</I32></Props>"
      "</Obj>");
  Value props = OnlyObject(file);
  REQUIRE(props.items.size() == 5);
  CHECK(props.items[0].name == "Name");
  CHECK(props.items[1].name == "Count");
  CHECK(props.items[2].name == "PSComputerName");
  CHECK(props.items[2].text == "ex01.contoso.com");
  CHECK(props.items[3].name == "RunspaceId");
  CHECK(props.items[3].text == "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d");
  CHECK(props.items[4].name == "PSShowComputerName");
  CHECK_FALSE(props.items[4].boolean);
}

TEST_CASE("ClixmlImporter: reads a property set nested in MS as an object") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><MS><S N=\"Note\">n</S>"
      "<MS N=\"PSStandardMembers\"><S N=\"DefaultDisplayProperty\">Name</S><I32 N=\"Depth\">2</I32></MS>"
      "</MS></Obj>");
  Value props = OnlyObject(file);
  REQUIRE(props.items.size() == 2);
  const Value& set = props.items[1];
  CHECK(set.name == "PSStandardMembers");
  REQUIRE(set.is_object());
  REQUIRE(set.items.size() == 2);
  CHECK(Get(set, "DefaultDisplayProperty").text == "Name");
  CHECK(Get(set, "Depth").integer == 2);
  CHECK(SpanText(file, set.span) == "<MS N=\"PSStandardMembers\">");
}

TEST_CASE("ClixmlImporter: skips properties without a name") {
  Value props = OnlyObject(Doc("<Obj RefId=\"0\"><Props><S>anonymous</S><S N=\"A\">a</S></Props></Obj>"));
  REQUIRE(props.items.size() == 1);
  CHECK(props.items[0].name == "A");
}

TEST_CASE("ClixmlImporter: reads LST, IE, STK and QUE as lists") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><Props>"
      "<Obj N=\"L\" RefId=\"1\"><LST><S>a</S><I32>2</I32><Nil /></LST></Obj>"
      "<Obj N=\"I\" RefId=\"2\"><IE><S>b</S></IE></Obj>"
      "<Obj N=\"K\" RefId=\"3\"><STK><S>top</S><S>bottom</S></STK></Obj>"
      "<Obj N=\"Q\" RefId=\"4\"><QUE><S>first</S></QUE></Obj>"
      "<Obj N=\"E\" RefId=\"5\"><LST /></Obj>"
      "<Obj N=\"N\" RefId=\"6\"><LST><Obj RefId=\"7\"><LST><S>inner</S></LST></Obj></LST></Obj>"
      "</Props></Obj>");
  Value props = OnlyObject(file);
  const Value& l = Get(props, "L");
  REQUIRE(l.is_list());
  REQUIRE(l.items.size() == 3);
  CHECK(l.items[0].text == "a");
  CHECK(l.items[0].name == "");
  CHECK(l.items[1].integer == 2);
  CHECK(l.items[2].is_null());
  CHECK(l.name == "L");
  CHECK(SpanText(file, l.span) == "<Obj N=\"L\" RefId=\"1\">");
  REQUIRE(Get(props, "I").is_list());
  CHECK(Get(props, "I").items.at(0).text == "b");
  REQUIRE(Get(props, "K").items.size() == 2);
  CHECK(Get(props, "K").items[0].text == "top");
  CHECK(Get(props, "Q").items.at(0).text == "first");
  CHECK(Get(props, "E").is_list());
  CHECK(Get(props, "E").items.empty());
  const Value& nested = Get(props, "N");
  REQUIRE(nested.items.size() == 1);
  REQUIRE(nested.items[0].is_list());
  CHECK(nested.items[0].items.at(0).text == "inner");
}

TEST_CASE("ClixmlImporter: reads DCT entries as fields named by their keys") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><Props><Obj N=\"Map\" RefId=\"1\"><TN RefId=\"0\"><T>System.Collections.Hashtable</T></TN><DCT>"
      "<En><S N=\"Key\">Region</S><S N=\"Value\">EU</S></En>"
      "<En><I32 N=\"Key\">7</I32><B N=\"Value\">true</B></En>"
      "<En><S N=\"Key\">Empty</S><Nil N=\"Value\" /></En>"
      "</DCT></Obj></Props></Obj>");
  Value props = OnlyObject(file);
  const Value& map = Get(props, "Map");
  REQUIRE(map.is_object());
  CHECK(map.type_names == std::vector<std::string>{"System.Collections.Hashtable"});
  REQUIRE(map.items.size() == 3);
  CHECK(map.items[0].name == "Region");
  CHECK(map.items[0].text == "EU");
  CHECK(map.items[1].name == "7");
  CHECK(map.items[1].boolean);
  CHECK(map.items[2].name == "Empty");
  CHECK(map.items[2].is_null());
  CHECK_FALSE(map.has_text);
}

TEST_CASE("ClixmlImporter: reads every primitive tag") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><Props>\n"
      "<S N=\"S\">text</S>\n"
      "<C N=\"C\">97</C>\n"
      "<B N=\"B\">false</B>\n"
      "<DT N=\"DT\">2019-12-03T14:47:32.1234567-08:00</DT>\n"
      "<TS N=\"TS\">PT9.0269026S</TS>\n"
      "<By N=\"By\">255</By>\n"
      "<SB N=\"SB\">-128</SB>\n"
      "<U16 N=\"U16\">65535</U16>\n"
      "<I16 N=\"I16\">-32768</I16>\n"
      "<U32 N=\"U32\">4294967295</U32>\n"
      "<I32 N=\"I32\">-2147483648</I32>\n"
      "<U64 N=\"U64\">18446744073709551615</U64>\n"
      "<U64 N=\"U64small\">42</U64>\n"
      "<I64 N=\"I64\">-9223372036854775808</I64>\n"
      "<Sg N=\"Sg\">1.5</Sg>\n"
      "<Db N=\"Db\">1.7976931348623157E+308</Db>\n"
      "<D N=\"D\">79228162514264337593543950335</D>\n"
      "<Db N=\"Inf\">-INF</Db>\n"
      "<G N=\"G\">8b6a1c2d-3e4f-4a5b-9c8d-7e6f5a4b3c2d</G>\n"
      "<URI N=\"URI\">https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc</URI>\n"
      "<Version N=\"Version\">15.2.986.5</Version>\n"
      "<BA N=\"BA\">AAEC/w==</BA>\n"
      "<SBK N=\"SBK\">Get-Date _x007C_ Out-Null</SBK>\n"
      "<SS N=\"SS\">01000000d08c9ddf0115d1118c7a00c04fc297eb</SS>\n"
      "<XD N=\"XD\">&lt;a&gt;x&lt;/a&gt;</XD>\n"
      "<Nil N=\"Nil\" />\n"
      "</Props></Obj>\n");
  ImportResult result = MustImport(file);
  CHECK(result.warnings.empty());
  const Value& p = result.objects.at(0).properties;
  REQUIRE(p.items.size() == 26);
  auto string = [&](std::string_view name, std::string_view text) {
    INFO(name);
    const Value& v = Get(p, name);
    CHECK(v.type == ValueType::kString);
    CHECK(v.text == text);
    CHECK(v.loss == Loss::kNone);
  };
  auto integer = [&](std::string_view name, int64_t value) {
    INFO(name);
    const Value& v = Get(p, name);
    CHECK(v.type == ValueType::kInt);
    CHECK(v.integer == value);
  };
  auto real = [&](std::string_view name, double value) {
    INFO(name);
    const Value& v = Get(p, name);
    CHECK(v.type == ValueType::kDouble);
    CHECK(v.real == value);
  };
  string("S", "text");
  string("C", "a");
  CHECK(Get(p, "B").type == ValueType::kBool);
  CHECK_FALSE(Get(p, "B").boolean);
  string("DT", "2019-12-03T14:47:32.1234567-08:00");
  string("TS", "PT9.0269026S");
  integer("By", 255);
  integer("SB", -128);
  integer("U16", 65535);
  integer("I16", -32768);
  integer("U32", 4294967295);
  integer("I32", -2147483648LL);
  string("U64", "18446744073709551615");  // beyond int64: kept as digits
  integer("U64small", 42);
  integer("I64", INT64_MIN);
  real("Sg", 1.5);
  real("Db", 1.7976931348623157e308);
  real("D", 79228162514264337593543950335.0);
  string("Inf", "-INF");
  string("G", "8b6a1c2d-3e4f-4a5b-9c8d-7e6f5a4b3c2d");
  string("URI", "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc");
  string("Version", "15.2.986.5");
  string("BA", "AAEC/w==");
  CHECK(Get(p, "BA").type_names == std::vector<std::string>{"System.Byte[]"});
  string("SBK", "Get-Date | Out-Null");
  CHECK(Get(p, "SS").type == ValueType::kString);
  CHECK(Get(p, "SS").text == "(SecureString)");
  CHECK(Get(p, "SS").loss == Loss::kLost);
  string("XD", "<a>x</a>");
  CHECK(Get(p, "Nil").is_null());
}

TEST_CASE("ClixmlImporter: a primitive's span is its text content") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><Props>\n"
      "  <S N=\"Tls\">&lt;I&gt;CN=CA&lt;S&gt;CN=mail</S>\n"
      "  <I32 N=\"Port\">443</I32>\n"
      "  <S N=\"Blank\">   </S>\n"
      "</Props></Obj>\n");
  Value props = OnlyObject(file);
  const Value& tls = Get(props, "Tls");
  CHECK(tls.text == "<I>CN=CA<S>CN=mail");
  CHECK(SpanText(file, tls.span) == "&lt;I&gt;CN=CA&lt;S&gt;CN=mail");
  CHECK(At(file, tls.span.begin) == "3:14");
  const Value& port = Get(props, "Port");
  CHECK(SpanText(file, port.span) == "443");
  CHECK(At(file, port.span.begin) == "4:17");
  CHECK(At(file, port.span.end) == "4:20");
  const Value& blank = Get(props, "Blank");
  CHECK(blank.text == "   ");
  CHECK(SpanText(file, blank.span) == "   ");
}

TEST_CASE("ClixmlImporter: Nil is null, an empty S is an empty string") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><Props>\n"
      "<Nil N=\"Null\" />\n"
      "<S N=\"SelfClosing\" />\n"
      "<S N=\"OpenClose\"></S>\n"
      "</Props></Obj>\n");
  Value props = OnlyObject(file);
  const Value& null = Get(props, "Null");
  CHECK(null.is_null());
  CHECK(SpanText(file, null.span) == "<Nil N=\"Null\" />");
  const Value& self = Get(props, "SelfClosing");
  CHECK(self.type == ValueType::kString);
  CHECK(self.text == "");
  CHECK(SpanText(file, self.span) == "<S N=\"SelfClosing\" />");
  const Value& open = Get(props, "OpenClose");
  CHECK(open.type == ValueType::kString);
  CHECK(open.text == "");
  CHECK(SpanText(file, open.span) == "<S N=\"OpenClose\">");
}

TEST_CASE("ClixmlImporter: bad primitive text is an error at that text") {
  struct Case {
    std::string element;
    std::string message;
    std::string span;
  };
  for (const Case& c : {
           Case{"<B N=\"x\">True</B>", "expected 'true' or 'false' in <B>, found 'True'", "True"},
           Case{"<I32 N=\"x\">12a</I32>", "expected an integer in <I32>, found '12a'", "12a"},
           Case{"<I64 N=\"x\"></I64>", "expected an integer in <I64>, found ''", "<I64 N=\"x\">"},
           Case{"<By N=\"x\"> 1</By>", "expected an integer in <By>, found ' 1'", " 1"},
           Case{"<Db N=\"x\">1.5x</Db>", "expected a number in <Db>, found '1.5x'", "1.5x"},
           Case{"<Db N=\"x\">inf</Db>", "expected a number in <Db>, found 'inf'", "inf"},
           Case{"<C N=\"x\">65536</C>", "expected a UTF-16 code unit in <C>, found '65536'", "65536"},
           Case{"<C N=\"x\">a</C>", "expected a UTF-16 code unit in <C>, found 'a'", "a"},
       }) {
    INFO(c.element);
    SourceFile file = Doc("<Obj RefId=\"0\"><Props>" + c.element + "</Props></Obj>");
    ImportError e = MustFail(file);
    CHECK(e.message == c.message);
    CHECK(SpanText(file, e.span) == c.span);
  }
}

TEST_CASE("ClixmlImporter: a C holding half a surrogate pair becomes U+FFFD") {
  Value props = OnlyObject(Doc("<Obj RefId=\"0\"><Props><C N=\"x\">55357</C></Props></Obj>"));
  CHECK(Get(props, "x").text == "\xEF\xBF\xBD");
}

TEST_CASE("ClixmlImporter: reads an enum written as Obj with ToString and I32") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><Props>\n"
      "<Obj N=\"FreeBusyAccessLevel\" RefId=\"1\"><TN RefId=\"0\">"
      "<T>Microsoft.Exchange.Data.Directory.SystemConfiguration.FreeBusyAccessLevel</T><T>System.Enum</T>"
      "<T>System.ValueType</T><T>System.Object</T></TN><ToString>LimitedDetails</ToString><I32>2</I32></Obj>\n"
      "<Obj N=\"Services\" RefId=\"2\"><TN RefId=\"1\"><T>Deserialized.X.AllowedServices</T></TN>"
      "<ToString>IIS, SMTP</ToString><I32>24</I32></Obj>\n"
      "<Obj N=\"RecipientTypeDetails\" RefId=\"3\"><TN RefId=\"2\"><T>X.RecipientTypeDetails</T></TN>"
      "<ToString>RemoteUserMailbox</ToString><I64>2147483648</I64></Obj>\n"
      "<Obj N=\"Boxed\" RefId=\"4\"><TN RefId=\"3\"><T>System.Int32</T></TN><I32>5</I32></Obj>\n"
      "</Props></Obj>\n");
  Value props = OnlyObject(file);
  const Value& level = Get(props, "FreeBusyAccessLevel");
  CHECK(level.type == ValueType::kString);
  CHECK(level.text == "LimitedDetails");
  CHECK(level.integer == 2);
  CHECK(level.name == "FreeBusyAccessLevel");
  REQUIRE(level.type_names.size() == 4);
  CHECK(level.type_names[0] == "Microsoft.Exchange.Data.Directory.SystemConfiguration.FreeBusyAccessLevel");
  CHECK(level.type_names[1] == "System.Enum");
  // The enum's span is its name in <ToString>.
  CHECK(SpanText(file, level.span) == "LimitedDetails");
  CHECK(level.span.begin == file.text().find("LimitedDetails</ToString>"));
  const Value& services = Get(props, "Services");
  CHECK(services.text == "IIS, SMTP");
  CHECK(services.integer == 24);
  CHECK(services.type_names == std::vector<std::string>{"X.AllowedServices"});
  const Value& details = Get(props, "RecipientTypeDetails");
  CHECK(details.text == "RemoteUserMailbox");
  CHECK(details.integer == 2147483648LL);
  const Value& boxed = Get(props, "Boxed");
  CHECK(boxed.type == ValueType::kInt);
  CHECK(boxed.integer == 5);
  CHECK(boxed.type_names == std::vector<std::string>{"System.Int32"});
  CHECK(SpanText(file, boxed.span) == "<Obj N=\"Boxed\" RefId=\"4\">");
}

TEST_CASE("ClixmlImporter: reads an enum written as a plain S at depth zero") {
  Value props = OnlyObject(Doc("<Obj RefId=\"0\"><Props><S N=\"FreeBusyAccessLevel\">LimitedDetails</S></Props></Obj>"));
  const Value& level = Get(props, "FreeBusyAccessLevel");
  CHECK(level.type == ValueType::kString);
  CHECK(level.text == "LimitedDetails");
  CHECK(level.type_names.empty());
}

TEST_CASE("ClixmlImporter: reads an MVP of SmtpDomain objects as a list of objects with ToString") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><Props>"
      "<Obj N=\"DomainNames\" RefId=\"1\"><TN RefId=\"0\">"
      "<T>Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.SmtpDomain, Microsoft.Exchange.Data, "
      "Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]</T>"
      "<T>Microsoft.Exchange.Data.MultiValuedPropertyBase</T><T>System.Object</T></TN>"
      "<LST>"
      "<Obj RefId=\"2\"><TN RefId=\"1\"><T>Microsoft.Exchange.Data.SmtpDomain</T><T>System.Object</T></TN>"
      "<ToString>contoso.com</ToString><Props><S N=\"Domain\">contoso.com</S></Props></Obj>"
      "<Obj RefId=\"3\"><TNRef RefId=\"1\" /><ToString>contoso.mail.onmicrosoft.com</ToString>"
      "<Props><S N=\"Domain\">contoso.mail.onmicrosoft.com</S></Props></Obj>"
      "</LST></Obj>"
      "</Props></Obj>");
  Value props = OnlyObject(file);
  const Value& domains = Get(props, "DomainNames");
  REQUIRE(domains.is_list());
  REQUIRE(domains.type_names.size() == 3);
  CHECK(domains.type_names[1] == "Microsoft.Exchange.Data.MultiValuedPropertyBase");
  CHECK(SpanText(file, domains.span) == "<Obj N=\"DomainNames\" RefId=\"1\">");
  REQUIRE(domains.items.size() == 2);
  for (const Value& d : domains.items) {
    CHECK(d.is_object());
    CHECK(d.has_text);
    CHECK(d.name == "");
    CHECK(d.type_names == std::vector<std::string>{"Microsoft.Exchange.Data.SmtpDomain", "System.Object"});
  }
  CHECK(domains.items[0].text == "contoso.com");
  CHECK(Get(domains.items[0], "Domain").text == "contoso.com");
  CHECK(domains.items[1].text == "contoso.mail.onmicrosoft.com");
  CHECK(SpanText(file, domains.items[1].span) == "<Obj RefId=\"3\">");
}

TEST_CASE("ClixmlImporter: decodes _xHHHH_ escapes in text, ToString, names and type names") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><TN RefId=\"0\"><T>A_x005F_x0041_B</T></TN><ToString>line1_x000D__x000A_line2</ToString><Props>"
      "<S N=\"CrLf\">a_x000D__x000A_b</S>"
      "<S N=\"Tab_x0009_Name\">x</S>"
      "<S N=\"Underscore\">_x005F_x0041_</S>"
      "<S N=\"Pair\">_xD83D__xDE00_!</S>"
      "<S N=\"Lower\">_xd83d__xde00_</S>"
      "<S N=\"LoneHigh\">a_xD83D_b</S>"
      "<S N=\"LoneLow\">a_xDE00_b</S>"
      "<S N=\"HighHigh\">_xD83D__xD83D__xDE00_</S>"
      "<S N=\"NotHex\">_xZZZZ_ _x12_ _x0041</S>"
      "<S N=\"Plain\">snake_case_x</S>"
      "<S N=\"Entities\">&lt;&amp;&gt;&quot;&apos;&#x263A;</S>"
      "</Props></Obj>");
  ImportResult result = MustImport(file);
  const RawObject& object = result.objects.at(0);
  CHECK(object.type_names == std::vector<std::string>{"A_x0041_B"});
  CHECK(object.properties.text == "line1\r\nline2");
  const Value& p = object.properties;
  CHECK(Get(p, "CrLf").text == "a\r\nb");
  CHECK(p.items.at(1).name == "Tab\tName");
  CHECK(Get(p, "Underscore").text == "_x0041_");
  CHECK(Get(p, "Pair").text == "\xF0\x9F\x98\x80!");
  CHECK(Get(p, "Lower").text == "\xF0\x9F\x98\x80");
  CHECK(Get(p, "LoneHigh").text == "a\xEF\xBF\xBD" "b");
  CHECK(Get(p, "LoneLow").text == "a\xEF\xBF\xBD" "b");
  CHECK(Get(p, "HighHigh").text == "\xEF\xBF\xBD\xF0\x9F\x98\x80");
  CHECK(Get(p, "NotHex").text == "_xZZZZ_ _x12_ _x0041");
  CHECK(Get(p, "Plain").text == "snake_case_x");
  CHECK(Get(p, "Entities").text == "<&>\"'\xE2\x98\xBA");
}

TEST_CASE("ClixmlImporter: strips Deserialized. and Selected. type-name prefixes") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><TN RefId=\"0\">"
      "<T>Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate</T>"
      "<T>Deserialized.System.Security.Cryptography.X509Certificates.X509Certificate2</T>"
      "<T>Deserialized.System.Object</T></TN><ToString>[Subject]</ToString></Obj>\n"
      "<Obj RefId=\"1\"><TN RefId=\"1\">"
      "<T>Selected.Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration.OrganizationRelationship</T>"
      "<T>Deserialized.Selected.System.Management.Automation.PSCustomObject</T>"
      "<T>System.Object</T><T>Deserialized</T><T>MyDeserialized.X</T></TN></Obj>\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 2);
  CHECK(result.objects[0].type_names ==
        std::vector<std::string>{"Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate",
                                 "System.Security.Cryptography.X509Certificates.X509Certificate2", "System.Object"});
  CHECK(result.objects[1].type_names ==
        std::vector<std::string>{"Microsoft.Exchange.Data.Directory.SystemConfiguration.OrganizationRelationship",
                                 "System.Management.Automation.PSCustomObject", "System.Object", "Deserialized",
                                 "MyDeserialized.X"});
}

TEST_CASE("ClixmlImporter: reads every object of a file in order") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><Props><S N=\"Name\">a</S></Props></Obj>\n"
      "<Obj RefId=\"1\"><Props><S N=\"Name\">b</S></Props></Obj>\n"
      "<Obj RefId=\"2\"><Props><S N=\"Name\">c</S></Props></Obj>\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 3);
  CHECK(Get(result.objects[0].properties, "Name").text == "a");
  CHECK(Get(result.objects[2].properties, "Name").text == "c");
  CHECK(At(file, result.objects[1].span.begin) == "3:1");
  CHECK(At(file, result.objects[2].span.begin) == "4:1");
}

TEST_CASE("ClixmlImporter: an empty Objs has no objects") {
  CHECK(MustImport(Xml("<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\" />"))
            .objects.empty());
  ImportResult result = MustImport(Doc(""));
  CHECK(result.objects.empty());
  CHECK(result.warnings.empty());
}

TEST_CASE("ClixmlImporter: a top-level primitive is skipped with a warning") {
  SourceFile file = Doc("<S>just a string</S>\n<Obj RefId=\"0\"><Props><S N=\"A\">a</S></Props></Obj>\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 1);
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].message == "top-level <S> is not an object; skipped");
  CHECK(SpanText(file, result.warnings[0].span) == "<S>");
}

TEST_CASE("ClixmlImporter: a top-level boxed value is an object with one Value property") {
  SourceFile file = Doc("<Obj RefId=\"0\"><TN RefId=\"0\"><T>System.String</T></TN><ToString>hello</ToString><S>hello</S></Obj>");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 1);
  const RawObject& object = result.objects[0];
  CHECK(object.type_names == std::vector<std::string>{"System.String"});
  REQUIRE(object.properties.is_object());
  REQUIRE(object.properties.items.size() == 1);
  CHECK(object.properties.items[0].name == "Value");
  CHECK(object.properties.items[0].text == "hello");
  CHECK(object.span.begin == file.text().find("hello"));  // the ToString text
  CHECK(SpanText(file, object.span) == "hello");
}

TEST_CASE("ClixmlImporter: an unknown element reads as null with a warning") {
  SourceFile file = Doc("<Obj RefId=\"0\"><Props><PR N=\"Progress\"><AV>x</AV></PR></Props></Obj>");
  ImportResult result = MustImport(file);
  CHECK(Get(result.objects.at(0).properties, "Progress").is_null());
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].message == "unknown CLIXML element <PR>; read as null");
  CHECK(SpanText(file, result.warnings[0].span) == "<PR N=\"Progress\">");
}

TEST_CASE("ClixmlImporter: malformed XML is an error at its line and column") {
  SourceFile file = Xml(
      "<Objs Version=\"1.1.0.1\">\r\n"
      "  <Obj RefId=\"0\">\r\n"
      "    <Props><S N=\"Name\">x</S></Prop>\r\n"
      "  </Obj>\r\n"
      "</Objs>\r\n");
  ImportError e = MustFail(file);
  CHECK(e.message == "malformed XML: expected </Props> to close <Props> from line 3, found </Prop>");
  CHECK(e.span.begin == e.span.end);
  CHECK(At(file, e.span.begin) == "3:31");  // the name of </Prop>
}

TEST_CASE("ClixmlImporter: a mismatched closing tag names the open element past comments and quoted '>'") {
  SourceFile file = Xml(
      "<Objs>\n"
      "<!-- <Obj> </Props> -->\n"
      "<Obj RefId=\"0\" N=\"a>b\"><Props><S N=\"x\"/><S N='y'>a</S><![CDATA[<T>]]></Props>\n"
      "</Objx>\n"
      "</Objs>\n");
  ImportError e = MustFail(file);
  CHECK(e.message == "malformed XML: expected </Obj> to close <Obj> from line 3, found </Objx>");
  CHECK(At(file, e.span.begin) == "4:3");
}

TEST_CASE("ClixmlImporter: an unclosed attribute value is an error at its position") {
  SourceFile file = Xml("<Objs>\n<Obj RefId=\"0><S>x</S></Obj></Objs>");
  ImportError e = MustFail(file);
  CHECK(e.message == "malformed XML: expected an attribute value in quotes");
  CHECK(At(file, e.span.begin) == "2:13");  // where the value starts
}

TEST_CASE("ClixmlImporter: a file that is not XML is an error") {
  SourceFile file = Xml("Name : x\n");
  ImportError e = MustFail(file);
  CHECK(e.message == "malformed XML: expected the root element <Objs>");
  CHECK(At(file, e.span.begin) == "2:1");
  ImportError empty = MustFail(Xml(""));
  CHECK(empty.message == "malformed XML: expected the root element <Objs>");
  CHECK(empty.span.begin == 0);
}

TEST_CASE("ClixmlImporter: a file cut off mid-element is an error that calls it truncated") {
  SourceFile file = Doc("<Obj RefId=\"0\"><Props><S N=\"A\">x</S>");
  file = Xml(file.text().substr(0, file.text().find("</Objs>")));
  ImportError e = MustFail(file);
  CHECK(e.message == "malformed XML: unexpected end of file (the export is truncated; expected the closing </Objs>)");
  CHECK(e.span.begin == file.text().size() - 1);  // pugixml stops at the last character
}

TEST_CASE("ClixmlImporter: a root other than Objs is an error at the root's start tag") {
  SourceFile file = Xml("<?xml version=\"1.0\"?>\n<Objects a=\"1\"><Obj /></Objects>\n");
  ImportError e = MustFail(file);
  CHECK(e.message == "expected the Export-Clixml root element <Objs>, found <Objects>");
  CHECK(SpanText(file, e.span) == "<Objects a=\"1\">");
  CHECK(At(file, e.span.begin) == "2:1");
}

TEST_CASE("ClixmlImporter: nesting deeper than max_depth is an error at the first element too deep") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><Props>"
      "<Obj N=\"A\" RefId=\"1\"><Props>"
      "<Obj N=\"B\" RefId=\"2\"><LST>"
      "<S>deep</S>"
      "</LST></Obj></Props></Obj></Props></Obj>");
  // Depths: outer Obj 1, A 2, B 3, LST 4, S 5.
  ImportLimits limits;
  limits.max_depth = 5;
  CHECK(MustImport(file, limits).objects.size() == 1);
  limits.max_depth = 4;
  ImportError e = MustFail(file, limits);
  CHECK(e.message == "values nest more than 4 levels deep; the limit is 4 (raise it with --max-depth)");
  CHECK(SpanText(file, e.span) == "<S>");
  limits.max_depth = 3;
  CHECK(SpanText(file, MustFail(file, limits).span) == "<LST>");
  limits.max_depth = 1;
  CHECK(SpanText(file, MustFail(file, limits).span) == "<Obj N=\"A\" RefId=\"1\">");
}

TEST_CASE("ClixmlImporter: 100,000 nested levels fail cleanly instead of crashing") {
  std::string body;
  constexpr int kLevels = 100000;
  body.reserve(kLevels * 40);
  for (int i = 0; i < kLevels; ++i) body += "<Obj RefId=\"" + std::to_string(i) + "\"><Props>";
  for (int i = 0; i < kLevels; ++i) body += "</Props></Obj>";
  SourceFile file = Doc(body);
  ImportError e = MustFail(file);
  CHECK(e.message == "values nest more than 256 levels deep; the limit is 256 (raise it with --max-depth)");
  CHECK(SpanText(file, e.span) == "<Obj RefId=\"256\">");

  std::string lists;
  for (int i = 0; i < kLevels; ++i) lists += "<LST>";
  for (int i = 0; i < kLevels; ++i) lists += "</LST>";
  SourceFile list_file = Doc("<Obj RefId=\"0\">" + lists + "</Obj>");
  CHECK(MustFail(list_file).message == "values nest more than 256 levels deep; the limit is 256 (raise it with --max-depth)");
}

TEST_CASE("ClixmlImporter: 100,000 nested unknown elements do not crash") {
  std::string body = "<Obj RefId=\"0\"><Props><Ref N=\"r\" RefId=\"0\" />";
  for (int i = 0; i < 100000; ++i) body += "<X>";
  for (int i = 0; i < 100000; ++i) body += "</X>";
  body += "</Props></Obj>";
  ImportResult result = MustImport(Doc(body));
  REQUIRE(result.objects.size() == 1);
  REQUIRE(result.warnings.size() == 2);
  CHECK(result.warnings[0].message == "<Ref RefId=\"0\"> refers to no earlier object; read as null");
  CHECK(result.warnings[1].message == "unknown CLIXML element <X>; read as null");
}

TEST_CASE("ClixmlImporter: a Ref whose copy would nest deeper than max_depth is an error") {
  SourceFile file = Doc(
      "<Obj RefId=\"0\"><Props><Obj N=\"A\" RefId=\"1\"><Props><S N=\"x\">x</S></Props></Obj></Props></Obj>\n"
      "<Obj RefId=\"2\"><Props><Obj N=\"B\" RefId=\"3\"><Props><Ref N=\"r\" RefId=\"1\" /></Props></Obj></Props></Obj>\n");
  // The Ref is at depth 3 and A is two levels high: it needs max_depth 4.
  ImportLimits limits;
  limits.max_depth = 4;
  ImportResult result = MustImport(file, limits);
  CHECK(Get(Get(Get(result.objects.at(1).properties, "B"), "r"), "x").text == "x");
  limits.max_depth = 3;
  ImportError e = MustFail(file, limits);
  CHECK(e.message == "values nest more than 3 levels deep through this <Ref>; the limit is 3 (raise it with --max-depth)");
  CHECK(SpanText(file, e.span) == "<Ref N=\"r\" RefId=\"1\" />");
}

TEST_CASE("ClixmlImporter: Refs that double at each level stop at the copy limit instead of exhausting memory") {
  std::string body = "<Obj RefId=\"L0\"><Props><S N=\"x\">x</S></Props></Obj>\n";
  for (int i = 1; i <= 40; ++i) {
    std::string prev = "L" + std::to_string(i - 1);
    body += "<Obj RefId=\"L" + std::to_string(i) + "\"><Props><Ref N=\"a\" RefId=\"" + prev + "\" /><Ref N=\"b\" RefId=\"" +
            prev + "\" /></Props></Obj>\n";
  }
  SourceFile file = Doc(body);
  ImportError e = MustFail(file);
  CHECK(e.message == "<Ref> elements expand to more than " + std::to_string(file.text().size() + 100000) +
                         " values (limit)");
  // L(k) holds 3 * 2^k - 1 values; the copies reach 98,270 with L14 and
  // pass the ~104,000 budget at L15's first Ref (to L14).
  CHECK(file.text().size() < 5000);
  CHECK(SpanText(file, e.span) == "<Ref N=\"a\" RefId=\"L14\" />");
  CHECK(e.span.begin > file.text().find("<Obj RefId=\"L15\">"));
}

TEST_CASE("ClixmlImporter: an element's span ends at the first '>' outside quotes") {
  SourceFile file = Doc("<Obj RefId=\"0\"><Props><Obj N=\"a>b\" RefId=\"1\"><Props /></Obj></Props></Obj>");
  Value props = OnlyObject(file);
  CHECK(SpanText(file, Get(props, "a>b").span) == "<Obj N=\"a>b\" RefId=\"1\">");
}

TEST_CASE("ClixmlImporter: more objects than max_objects is an error at the first one too many") {
  SourceFile file = Doc("<Obj RefId=\"0\" /><Obj RefId=\"1\" /><Obj RefId=\"2\" />");
  ImportLimits limits;
  limits.max_objects = 3;
  CHECK(MustImport(file, limits).objects.size() == 3);
  limits.max_objects = 2;
  ImportError e = MustFail(file, limits);
  CHECK(e.message == "more than 2 objects in one file; the limit is 2 (raise it with --max-objects)");
  CHECK(SpanText(file, e.span) == "<Obj RefId=\"2\" />");
}

TEST_CASE("ClixmlImporter: a string longer than max_string_bytes is an error at the string") {
  SourceFile file = Doc("<Obj RefId=\"0\"><Props><S N=\"A\">12345</S><S N=\"B\">123456</S></Props></Obj>");
  ImportLimits limits;
  limits.max_string_bytes = 5;
  ImportError e = MustFail(file, limits);
  CHECK(e.message == "a string of more than 5 bytes; the limit is 5 bytes (raise it with --max-string-size)");
  CHECK(SpanText(file, e.span) == "123456");

  // Every primitive, not only <S>: a certificate's <BA> or a <URI>.
  SourceFile bytes = Doc("<Obj RefId=\"0\"><Props><BA N=\"RawData\">MIIDKTCC</BA></Props></Obj>");
  e = MustFail(bytes, limits);
  CHECK(e.message == "a string of more than 5 bytes; the limit is 5 bytes (raise it with --max-string-size)");
  CHECK(SpanText(bytes, e.span) == "MIIDKTCC");
  // The limit is on the decoded text: _x000A_ is one byte.
  CHECK(MustImport(Doc("<Obj RefId=\"0\"><Props><S N=\"A\">_x000A__x000A_</S></Props></Obj>"), limits).objects.size() == 1);
}

TEST_CASE("ClixmlImporter: reads a UTF-16LE export with CRLF once decoded, with exact positions") {
  std::string utf8 =
      "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\r\n"
      "  <Obj RefId=\"0\">\r\n"
      "    <Props>\r\n"
      "      <S N=\"AdminDisplayName\">Zürich – Frei/Gebucht</S>\r\n"
      "      <B N=\"Enabled\">true</B>\r\n"
      "    </Props>\r\n"
      "  </Obj>\r\n"
      "</Objs>";
  // Encode as UTF-16LE with a BOM (all code points are in the BMP).
  std::string raw = "\xFF\xFE";
  for (size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    char32_t cp;
    if (c < 0x80) { cp = c; i += 1; }
    else if (c < 0xE0) { cp = ((c & 0x1F) << 6) | (utf8[i + 1] & 0x3F); i += 2; }
    else { cp = ((c & 0x0F) << 12) | ((utf8[i + 1] & 0x3F) << 6) | (utf8[i + 2] & 0x3F); i += 3; }
    raw += static_cast<char>(cp & 0xFF);
    raw += static_cast<char>(cp >> 8);
  }
  auto decoded = DecodeText(raw);
  REQUIRE(decoded.has_value());
  CHECK(decoded->encoding == Encoding::kUtf16LeBom);
  SourceFile file(0, "x.xml", decoded->encoding, decoded->text);
  CHECK(RecognizeClixml(file) == Recognition::kYes);
  ImportResult result = MustImport(file);
  const Value& name = Get(result.objects.at(0).properties, "AdminDisplayName");
  CHECK(name.text == "Zürich – Frei/Gebucht");
  CHECK(At(file, name.span.begin) == "4:31");
  CHECK(At(file, name.span.end) == "4:52");
  const Value& enabled = Get(result.objects.at(0).properties, "Enabled");
  CHECK(At(file, enabled.span.begin) == "5:22");
  CHECK(At(file, result.objects[0].span.begin) == "2:3");
}

TEST_CASE("ClixmlImporter: reads a comment before Objs") {
  SourceFile file = Xml("<!-- what this fixture pins -->\n" + std::string(kHead) +
                        "<Obj RefId=\"0\"><Props><S N=\"A\">a</S></Props></Obj></Objs>");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(At(file, result.objects[0].span.begin) == "3:1");
}

}  // namespace
}  // namespace lint
