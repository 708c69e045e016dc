#include "lint/import/json_importer.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "lint/model/value.h"
#include "lint/source/encoding.h"
#include "lint/source/source_file.h"

namespace lint {
namespace {

SourceFile MakeFile(std::string text) {
  return SourceFile(0, "x.json", Encoding::kUtf8, std::move(text));
}

std::string_view SpanText(const SourceFile& file, SourceSpan span) {
  return std::string_view(file.text()).substr(span.begin, span.end - span.begin);
}

/// "line:column" of a byte offset, as diagnostics will print it.
std::string Where(const SourceFile& file, uint32_t offset) {
  LineColumn lc = file.Locate(offset);
  return std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

ImportResult ImportOk(const SourceFile& file, const ImportLimits& limits = {}) {
  auto result = ImportJson(file, limits);
  if (!result) FAIL("unexpected error: " << result.error().message);
  return std::move(*result);
}

ImportError ImportFails(const SourceFile& file, const ImportLimits& limits = {}) {
  auto result = ImportJson(file, limits);
  if (result) FAIL("expected an error, got " << result->objects.size() << " objects");
  return result.error();
}

/// Checks the error message and the line:column of its span's start.
void CheckError(std::string text, std::string_view message, std::string_view where,
                const ImportLimits& limits = {}) {
  SourceFile file = MakeFile(std::move(text));
  ImportError error = ImportFails(file, limits);
  CHECK(error.message == message);
  CHECK(Where(file, error.span.begin) == where);
  CHECK(error.span.file_id == 0);
  CHECK(error.span.begin <= error.span.end);
  CHECK(error.span.end <= file.text().size());
}

std::string ReadFixture(std::string_view name) {
#ifdef HYBRIDLINT_SOURCE_DIR
  std::filesystem::path root = HYBRIDLINT_SOURCE_DIR;
#else
  std::filesystem::path root = ".";  // the standalone build runs from the repo root
#endif
  std::ifstream in(root / "fixtures/importers/json" / name, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing fixture " << name);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

SourceFile FixtureFile(std::string_view name) {
  auto decoded = DecodeText(ReadFixture(name));
  REQUIRE(decoded.has_value());
  return SourceFile(0, std::string(name), decoded->encoding, std::move(decoded->text));
}

TEST_CASE("JsonImporter: recognizes an object or array from its first token") {
  CHECK(RecognizeJson(MakeFile("{\"Name\": 1}")) == Recognition::kYes);
  CHECK(RecognizeJson(MakeFile("\r\n  [\r\n    {")) == Recognition::kYes);
  CHECK(RecognizeJson(MakeFile("[]")) == Recognition::kYes);
  CHECK(RecognizeJson(MakeFile("{}")) == Recognition::kYes);
  CHECK(RecognizeJson(MakeFile("[1, 2]")) == Recognition::kYes);
  CHECK(RecognizeJson(MakeFile("[")) == Recognition::kYes);
  CHECK(RecognizeJson(MakeFile("")) == Recognition::kNo);
  CHECK(RecognizeJson(MakeFile("   \r\n")) == Recognition::kNo);
  CHECK(RecognizeJson(MakeFile("<Objs Version=\"1.1.0.1\">")) == Recognition::kNo);
  CHECK(RecognizeJson(MakeFile("{objects: []}")) == Recognition::kNo);  // YAML flow map
  CHECK(RecognizeJson(MakeFile("[a, b]")) == Recognition::kNo);
  CHECK(RecognizeJson(MakeFile("Name : EWS (Default Web Site)")) == Recognition::kNo);
  CHECK(RecognizeJson(MakeFile("#TYPE Deserialized.X\r\n\"Name\"")) == Recognition::kNo);
}

TEST_CASE("JsonImporter: reads one object with every kind of value") {
  SourceFile file = MakeFile(
      "{\n"
      "  \"Name\": \"HybridIOC\",\n"
      "  \"Enabled\": true,\n"
      "  \"IsOld\": false,\n"
      "  \"FreeBusyAccessLevel\": 2,\n"
      "  \"Ratio\": 1.5,\n"
      "  \"TargetSharingEpr\": null,\n"
      "  \"TargetAddressDomains\": [\"contoso.mail.onmicrosoft.com\"],\n"
      "  \"AdminDisplayVersion\": {\"Major\": 15, \"Minor\": 2},\n"
      "  \"ExtendedProtectionSPNList\": []\n"
      "}\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(result.warnings.empty());
  const RawObject& object = result.objects[0];
  CHECK(object.type_names.empty());
  CHECK(object.kind.empty());
  CHECK(object.side.empty());
  CHECK(SpanText(file, object.span) == std::string_view(file.text()).substr(0, file.text().size() - 1));
  const Value& props = object.properties;
  REQUIRE(props.is_object());
  REQUIRE(props.items.size() == 9);
  CHECK(props.items[0].name == "Name");
  CHECK(props.items[8].name == "ExtendedProtectionSPNList");

  CHECK(props.Field("Name")->is_string());
  CHECK(props.Field("Name")->text == "HybridIOC");
  CHECK(props.Field("Enabled")->type == ValueType::kBool);
  CHECK(props.Field("Enabled")->boolean);
  CHECK_FALSE(props.Field("IsOld")->boolean);
  CHECK(props.Field("FreeBusyAccessLevel")->type == ValueType::kInt);
  CHECK(props.Field("FreeBusyAccessLevel")->integer == 2);
  CHECK(props.Field("Ratio")->type == ValueType::kDouble);
  CHECK(props.Field("Ratio")->real == 1.5);
  CHECK(props.Field("TargetSharingEpr")->is_null());
  const Value& domains = *props.Field("TargetAddressDomains");
  REQUIRE(domains.is_list());
  REQUIRE(domains.items.size() == 1);
  CHECK(domains.items[0].text == "contoso.mail.onmicrosoft.com");
  CHECK(domains.items[0].name.empty());
  const Value& version = *props.Field("AdminDisplayVersion");
  REQUIRE(version.is_object());
  CHECK(version.Field("Major")->integer == 15);
  CHECK(version.Field("Minor")->name == "Minor");
  CHECK(props.Field("ExtendedProtectionSPNList")->is_list());
  CHECK(props.Field("ExtendedProtectionSPNList")->items.empty());
  for (const Value& field : props.items) {
    CHECK(field.loss == Loss::kNone);
    CHECK_FALSE(field.untyped);
  }
}

TEST_CASE("JsonImporter: reads an array of objects as one RawObject each") {
  SourceFile file = MakeFile("[\n  {\"Name\": \"a\"},\n  {\"Name\": \"b\"}\n]\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 2);
  CHECK(result.objects[0].properties.Field("Name")->text == "a");
  CHECK(result.objects[1].properties.Field("Name")->text == "b");
  CHECK(SpanText(file, result.objects[0].span) == "{\"Name\": \"a\"}");
  CHECK(SpanText(file, result.objects[1].span) == "{\"Name\": \"b\"}");
  CHECK(result.objects[1].properties.span == result.objects[1].span);

  CHECK(ImportOk(MakeFile("[]")).objects.empty());
  CHECK(ImportOk(MakeFile("{}")).objects.size() == 1);
}

TEST_CASE("JsonImporter: unwraps the 5.1 value/Count wrapper") {
  SUBCASE("in a property") {
    SourceFile file = MakeFile(
        "{\r\n"
        "    \"TargetAddressDomains\":  {\r\n"
        "                                 \"value\":  [\r\n"
        "                                               \"contoso.com\",\r\n"
        "                                               \"fabrikam.com\"\r\n"
        "                                           ],\r\n"
        "                                 \"Count\":  2\r\n"
        "                             }\r\n"
        "}\r\n");
    ImportResult result = ImportOk(file);
    REQUIRE(result.objects.size() == 1);
    CHECK(result.warnings.empty());
    const Value& domains = *result.objects[0].properties.Field("TargetAddressDomains");
    REQUIRE(domains.is_list());
    CHECK(domains.name == "TargetAddressDomains");
    REQUIRE(domains.items.size() == 2);
    CHECK(domains.items[1].text == "fabrikam.com");
    CHECK(SpanText(file, domains.span).starts_with("[\r\n"));
    CHECK(SpanText(file, domains.span).ends_with("]"));
  }
  SUBCASE("at the top level, around the exported objects") {
    SourceFile file = MakeFile(
        "{\"value\": [{\"Name\": \"a\"}, {\"Name\": \"b\"}], \"Count\": 2}");
    ImportResult result = ImportOk(file);
    REQUIRE(result.objects.size() == 2);
    CHECK(result.objects[1].properties.Field("Name")->text == "b");
    CHECK(SpanText(file, result.objects[1].span) == "{\"Name\": \"b\"}");
  }
  SUBCASE("nested in a list and in a wrapper") {
    ImportResult result = ImportOk(MakeFile(
        "{\"Lists\": [{\"value\": [1, 2], \"Count\": 2},"
        " {\"value\": [{\"value\": [3], \"Count\": 1}], \"Count\": 1}]}"));
    const Value& lists = *result.objects[0].properties.Field("Lists");
    REQUIRE(lists.items.size() == 2);
    REQUIRE(lists.items[0].is_list());
    CHECK(lists.items[0].items[1].integer == 2);
    REQUIRE(lists.items[1].is_list());
    REQUIRE(lists.items[1].items[0].is_list());
    CHECK(lists.items[1].items[0].items[0].integer == 3);
  }
  SUBCASE("only the exact two-member shape") {
    ImportResult result = ImportOk(MakeFile(
        "{\"A\": {\"value\": [1], \"Count\": 1, \"Extra\": 0},"
        " \"B\": {\"value\": \"x\", \"Count\": 1}}"));
    CHECK(result.objects[0].properties.Field("A")->is_object());
    CHECK(result.objects[0].properties.Field("B")->is_object());
  }
  SUBCASE("a Count that disagrees is reported, the items are kept") {
    SourceFile file = MakeFile("{\"Domains\": {\"value\": [\"a\"], \"Count\": 3}}");
    ImportResult result = ImportOk(file);
    CHECK(result.objects[0].properties.Field("Domains")->items.size() == 1);
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings[0].message ==
          "the {\"value\":[...],\"Count\":n} wrapper says Count 3 but holds 1 items; the items "
          "are used");
    CHECK(result.warnings[0].property == "Domains");
    CHECK(SpanText(file, result.warnings[0].span) == "{\"value\": [\"a\"], \"Count\": 3}");
  }
}

TEST_CASE("JsonImporter: unwraps the 5.1 DateTime object and keeps /Date()/ text") {
  SourceFile file = MakeFile(
      "{\"WhenChanged\": {\"value\": \"\\/Date(1718440200000)\\/\", \"DisplayHint\": 2,"
      " \"DateTime\": \"Saturday, June 15, 2024 10:30:00 AM\"},"
      " \"WhenCreated\": \"\\/Date(1326441600000)\\/\","
      " \"WhenChangedUTC\": \"2024-06-15T08:30:00Z\"}");
  ImportResult result = ImportOk(file);
  const Value& props = result.objects[0].properties;
  const Value& changed = *props.Field("WhenChanged");
  REQUIRE(changed.is_string());
  CHECK(changed.text == "/Date(1718440200000)/");
  CHECK(changed.name == "WhenChanged");
  CHECK(SpanText(file, changed.span) == "\"\\/Date(1718440200000)\\/\"");
  CHECK(props.Field("WhenCreated")->text == "/Date(1326441600000)/");
  CHECK(props.Field("WhenChangedUTC")->text == "2024-06-15T08:30:00Z");
  CHECK(result.warnings.empty());
}

TEST_CASE("JsonImporter: decodes string escapes, including 5.1's \\u003c style") {
  ImportResult result = ImportOk(MakeFile(
      "{\"A\": \"Contoso\\u0027s \\u003cEWS\\u003e \\u0026 more\","
      " \"B\": \"C:\\\\Program Files\\\\Microsoft\","
      " \"C\": \"line\\r\\nnext\\ttab \\\"quoted\\\"\","
      " \"D\": \"Z\\u00fcrich \\ud83d\\ude00\","
      " \"E\": \"Zürich\"}"));
  const Value& props = result.objects[0].properties;
  CHECK(props.Field("A")->text == "Contoso's <EWS> & more");
  CHECK(props.Field("B")->text == "C:\\Program Files\\Microsoft");
  CHECK(props.Field("C")->text == "line\r\nnext\ttab \"quoted\"");
  CHECK(props.Field("D")->text == "Z\xC3\xBCrich \xF0\x9F\x98\x80");
  CHECK(props.Field("E")->text == "Z\xC3\xBCrich");
}

TEST_CASE("JsonImporter: spans are exact on a CRLF file") {
  // Windows PowerShell 5.1 layout: 4 spaces, two spaces after ':', items
  // aligned under the bracket.
  SourceFile file = MakeFile(
      "{\r\n"                                                      // line 1
      "    \"Name\":  \"EWS (Default Web Site)\",\r\n"              // line 2
      "    \"InternalAuthenticationMethods\":  [\r\n"               // line 3
      "                                          2,\r\n"           // line 4
      "                                          10\r\n"           // line 5
      "                                      ],\r\n"               // line 6
      "    \"AdminDisplayName\":  \"für \\u003cEWS\\u003e\",  \"Port\":  -443.5e0,\r\n"  // line 7
      "    \"Server\":  {\r\n"                                     // line 8
      "                   \"Name\":  \"EXCH01\"\r\n"               // line 9
      "               },\r\n"                                      // line 10
      "    \"OAuthAuthentication\":  true,\r\n"                    // line 11
      "    \"CertificateAuthentication\":  null\r\n"               // line 12
      "}\r\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  const RawObject& object = result.objects[0];
  CHECK(Where(file, object.span.begin) == "1:1");
  CHECK(Where(file, object.span.end) == "13:2");
  CHECK(object.span.end == file.text().size() - 2);

  const Value& props = object.properties;
  const Value& name = *props.Field("Name");
  CHECK(SpanText(file, name.span) == "\"EWS (Default Web Site)\"");
  CHECK(Where(file, name.span.begin) == "2:14");
  CHECK(Where(file, name.span.end) == "2:38");

  const Value& methods = *props.Field("InternalAuthenticationMethods");
  CHECK(Where(file, methods.span.begin) == "3:39");
  CHECK(Where(file, methods.span.end) == "6:40");
  CHECK(SpanText(file, methods.items[0].span) == "2");
  CHECK(Where(file, methods.items[0].span.begin) == "4:43");
  CHECK(SpanText(file, methods.items[1].span) == "10");
  CHECK(Where(file, methods.items[1].span.begin) == "5:43");
  CHECK(Where(file, methods.items[1].span.end) == "5:45");

  // Columns count code points: 'ü' is two bytes but one column.
  const Value& display = *props.Field("AdminDisplayName");
  CHECK(display.text == "für <EWS>");
  CHECK(SpanText(file, display.span) == "\"für \\u003cEWS\\u003e\"");
  CHECK(Where(file, display.span.begin) == "7:26");
  CHECK(Where(file, display.span.end) == "7:47");
  const Value& port = *props.Field("Port");
  CHECK(port.type == ValueType::kDouble);
  CHECK(port.real == -443.5);
  CHECK(SpanText(file, port.span) == "-443.5e0");
  CHECK(Where(file, port.span.begin) == "7:59");

  const Value& server = *props.Field("Server");
  CHECK(Where(file, server.span.begin) == "8:16");
  CHECK(Where(file, server.span.end) == "10:17");
  CHECK(Where(file, server.Field("Name")->span.begin) == "9:29");

  CHECK(SpanText(file, props.Field("OAuthAuthentication")->span) == "true");
  CHECK(Where(file, props.Field("OAuthAuthentication")->span.begin) == "11:29");
  CHECK(SpanText(file, props.Field("CertificateAuthentication")->span) == "null");
  CHECK(Where(file, props.Field("CertificateAuthentication")->span.begin) == "12:35");
}

TEST_CASE("JsonImporter: spans point into the decoded text of a UTF-16LE CRLF export") {
  SourceFile file = FixtureFile("utf16le-crlf.json");
  CHECK(file.encoding() == Encoding::kUtf16LeBom);
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  const Value& props = result.objects[0].properties;
  const Value& display = *props.Field("AdminDisplayName");
  CHECK(display.text == "Verbindung für Frei/Gebucht – Zürich");
  CHECK(SpanText(file, display.span) == "\"Verbindung für Frei/Gebucht – Zürich\"");
  CHECK(Where(file, display.span.begin) == "12:26");
  const Value& domains = *props.Field("TargetAddressDomains");
  CHECK(Where(file, domains.items[0].span.begin) == "3:34");
  CHECK(Where(file, props.Field("WhenChanged")->span.begin) == "32:21");
  CHECK(props.Field("WhenChanged")->text == "/Date(1718440200000)/");
  CHECK(props.Field("DiscoveryEndpoint")->Field("OriginalString")->text ==
        "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc");
}

TEST_CASE("JsonImporter: PSTypeNames become type names without Deserialized./Selected.") {
  ImportResult result = ImportOk(MakeFile(
      "{\"pstypenames\": [\"Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration."
      "OrganizationRelationship\", \"Selected.Microsoft.Exchange.Data.Directory.ADObject\","
      " \"Deserialized.System.Object\"],"
      " \"Name\": \"O365 to On-premises - 7c1e\","
      " \"Identity\": {\"PSTypeNames\": [\"Deserialized.Microsoft.Exchange.Data.Directory.ADObjectId\"],"
      " \"Name\": \"x\"},"
      " \"Mixed\": {\"PSTypeNames\": [\"A\", 1]}}"));
  const RawObject& object = result.objects[0];
  REQUIRE(object.type_names.size() == 3);
  CHECK(object.type_names[0] ==
        "Microsoft.Exchange.Data.Directory.SystemConfiguration.OrganizationRelationship");
  CHECK(object.type_names[1] == "Microsoft.Exchange.Data.Directory.ADObject");
  CHECK(object.type_names[2] == "System.Object");
  CHECK(object.properties.Field("PSTypeNames") == nullptr);
  CHECK(object.properties.type_names.empty());
  CHECK(object.properties.items.size() == 3);
  const Value& identity = *object.properties.Field("Identity");
  REQUIRE(identity.type_names.size() == 1);
  CHECK(identity.type_names[0] == "Microsoft.Exchange.Data.Directory.ADObjectId");
  CHECK(identity.Field("PSTypeNames") == nullptr);
  // Not all strings: not type names, kept as a property.
  CHECK(object.properties.Field("Mixed")->Field("PSTypeNames") != nullptr);
  CHECK(result.warnings.empty());  // "System.Object" etc. are not depth losses here
}

TEST_CASE("JsonImporter: marks values cut by ConvertTo-Json -Depth as lost") {
  const char* kCut[] = {
      "System.Collections.Hashtable",
      "@{Name=Contoso; Enabled=True}",
      "@{}",
      "Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.SmtpDomain]",
      "Microsoft.Exchange.Data.Directory.ADMultiValuedProperty`1[Microsoft.Exchange.Data."
      "Directory.SystemConfiguration.AuthenticationMethod]",
      "System.Object[]",
      "System.Collections.Generic.List`1[System.String]",
      "System.Security.Cryptography.X509Certificates.X509Certificate2",
  };
  for (const char* text : kCut) {
    CAPTURE(text);
    std::string json = std::string("[{\"Name\": \"a\", \"Value\": [\"ok\", \"") + text + "\"]}]";
    SourceFile file = MakeFile(json);
    ImportResult result = ImportOk(file);
    const Value& value = result.objects[0].properties.Field("Value")->items[1];
    CHECK(value.is_string());
    CHECK(value.text == text);
    CHECK(value.loss == Loss::kLost);
    CHECK(result.objects[0].properties.Field("Value")->items[0].loss == Loss::kNone);
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings[0].message ==
          "value was cut by ConvertTo-Json -Depth; export again with -Depth 5");
    CHECK(result.warnings[0].property == "Value");
    CHECK(result.warnings[0].span == value.span);
    CHECK(SpanText(file, value.span) == "\"" + std::string(text) + "\"");
  }
}

TEST_CASE("JsonImporter: does not guess depth loss from ordinary strings") {
  const char* kKept[] = {
      "contoso.com fabrikam.com",  // the builder decides, with the schema
      "0.10 (14.0.100.0)",
      "System.Object",
      "System",
      "System.Net is down",
      "@{ not closed",
      "Microsoft.Exchange.Data.Directory.ADObjectId",
      "CN=Microsoft Exchange,CN=Services",
      "outlook.com",
      "",
  };
  for (const char* text : kKept) {
    CAPTURE(text);
    ImportResult result =
        ImportOk(MakeFile(std::string("{\"Value\": \"") + text + "\"}"));
    CHECK(result.objects[0].properties.Field("Value")->loss == Loss::kNone);
    CHECK(result.warnings.empty());
  }
}

TEST_CASE("JsonImporter: warns about duplicate keys and keeps the last value") {
  SourceFile file = MakeFile(
      "{\n"
      "  \"Name\": \"first\",\n"
      "  \"Enabled\": false,\n"
      "  \"enabled\": true,\n"
      "  \"Name\": \"second\",\n"
      "  \"Identity\": {\"Rdn\": 1, \"Rdn\": 2}\n"
      "}\n");
  ImportResult result = ImportOk(file);
  const Value& props = result.objects[0].properties;
  REQUIRE(props.items.size() == 3);
  CHECK(props.items[0].name == "Name");
  CHECK(props.items[0].text == "second");
  CHECK(props.items[1].name == "enabled");
  CHECK(props.items[1].boolean);
  CHECK(SpanText(file, props.items[1].span) == "true");
  CHECK(props.Field("Identity")->items.size() == 1);
  CHECK(props.Field("Identity")->Field("Rdn")->integer == 2);

  REQUIRE(result.warnings.size() == 3);
  CHECK(result.warnings[0].message ==
        "duplicate key 'enabled' differs only in case from 'Enabled' (PowerShell's "
        "ConvertFrom-Json rejects this); the last value is used");
  CHECK(result.warnings[0].property == "enabled");
  CHECK(SpanText(file, result.warnings[0].span) == "\"enabled\"");
  CHECK(Where(file, result.warnings[0].span.begin) == "4:3");
  CHECK(result.warnings[1].message == "duplicate key 'Name'; the last value is used");
  CHECK(result.warnings[1].property == "Name");
  CHECK(Where(file, result.warnings[1].span.begin) == "5:3");
  CHECK(result.warnings[2].message == "duplicate key 'Rdn'; the last value is used");
  CHECK(result.warnings[2].property == "Identity");
  CHECK(Where(file, result.warnings[2].span.begin) == "6:26");
}

TEST_CASE("JsonImporter: integers stay Int, other numbers become Double") {
  ImportResult result = ImportOk(MakeFile(
      "{\"a\": 0, \"b\": -7, \"c\": 9223372036854775807, \"d\": -9223372036854775808,"
      " \"e\": 18446744073709551615, \"f\": 1.0, \"g\": 2e3, \"h\": -0.25}"));
  const Value& p = result.objects[0].properties;
  CHECK(p.Field("a")->type == ValueType::kInt);
  CHECK(p.Field("b")->integer == -7);
  CHECK(p.Field("c")->integer == INT64_MAX);
  CHECK(p.Field("d")->integer == INT64_MIN);
  CHECK(p.Field("e")->type == ValueType::kDouble);
  CHECK(p.Field("e")->real == doctest::Approx(1.8446744073709552e19));
  CHECK(p.Field("f")->type == ValueType::kDouble);
  CHECK(p.Field("f")->real == 1.0);
  CHECK(p.Field("g")->real == 2000.0);
  CHECK(p.Field("h")->real == -0.25);
}

TEST_CASE("JsonImporter: malformed JSON says what was expected where") {
  CheckError("{\"a\":1 x}", "expected ',' or '}' after an object member, found 'x'", "1:8");
  CheckError("{\r\n  \"a\": 1\r\n  \"b\": 2\r\n}",
             "expected ',' or '}' after an object member, found '\"'", "3:3");
  CheckError("{1: 2}", "expected a string key or '}' after '{', found '1'", "1:2");
  CheckError("{\"a\" 1}", "expected ':' after an object key, found '1'", "1:6");
  CheckError("{\"a\": }", "expected a value after ':', found '}'", "1:7");
  CheckError("{\"a\": 1,}", "expected a string key after ',', found '}'", "1:9");
  CheckError("[{\"a\": 1},]", "expected a value after ',', found ']'", "1:11");
  CheckError("[,]", "expected a value or ']' after '[', found ','", "1:2");
  CheckError("[{} {}]", "expected ',' or ']' after an array element, found '{'", "1:5");
  CheckError("[{}]]", "expected end of file after the top-level value, found ']'", "1:5");
  // The lexer reads "01" as 0 then 1, and "0-" as 0 then '-'.
  CheckError("{\"a\": 01}", "expected ',' or '}' after an object member, found '1'", "1:8");
  CheckError("[{\"a\": 0-}]", "expected ',' or '}' after an object member, found '-'",
             "1:9");
  CheckError("{\"a\": 'x'}", "expected a value after ':', found '''", "1:7");
  CheckError("{\"a\": 1 /* c */}", "expected ',' or '}' after an object member, found '/'",
             "1:9");
  CheckError("{\"a\": \u00e9}", "expected a value after ':', found '\u00e9'", "1:7");
  CheckError("{\"a\": \x01}", "expected a value after ':', found U+0001", "1:7");
}

TEST_CASE("JsonImporter: errors inside a token point at the offending byte") {
  CheckError("{\"a\": tru}", "expected 'true', found 'tru'", "1:7");
  CheckError("{\"a\": nul", "expected 'null', found 'nul'", "1:7");
  CheckError("{\"a\": falsy}", "expected 'false', found 'falsy'", "1:7");
  CheckError("{\"a\": -x}", "invalid number: expected digit after '-', found 'x'", "1:8");
  CheckError("{\"a\": 1.}", "invalid number: expected digit after '.', found '}'", "1:9");
  CheckError("{\"a\": 1e999}", "expected a number within the range of a double, found 1e999",
             "1:7");
  CheckError("{\"a\": \"\\q\"}",
             "expected one of \" \\ / b f n r t u after '\\' in a string, found 'q'", "1:9");
  CheckError("{\"a\": \"\\u00g0\"}", "expected 4 hex digits after '\\u' in a string, found 'g'",
             "1:12");
  CheckError("{\"a\": \"line\nbreak\"}",
             "invalid string: control character U+000A (LF) must be escaped to \\u000A or \\n",
             "1:12");
  CheckError("{\"a\": \"\\ud83d\"}",
             "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF",
             "1:14");
}

TEST_CASE("JsonImporter: a truncated file says what was expected at its end") {
  CheckError("{\"a\": \"https://autodiscover-s.outlook",
             "expected '\"' to end the string, found end of file", "1:38");
  CheckError("[\r\n  {\"a\": 1},\r\n", "expected a value after ',', found end of file", "3:1");
  CheckError("{\"a\": 1", "expected ',' or '}' after an object member, found end of file",
             "1:8");
  CheckError("{\"a\"", "expected ':' after an object key, found end of file", "1:5");
  CheckError("{\"a\":", "expected a value after ':', found end of file", "1:6");
  CheckError("[", "expected a value or ']' after '[', found end of file", "1:2");
  CheckError("{", "expected a string key or '}' after '{', found end of file", "1:2");
  CheckError("{\"a\": [1, 2", "expected ',' or ']' after an array element, found end of file",
             "1:12");
  CheckError("{\"a\": tr", "expected 'true', found 'tr'", "1:7");
}

TEST_CASE("JsonImporter: trailing garbage after the top-level value is an error") {
  CheckError("{\"a\": 1}\r\n{\"a\": 2}\r\n",
             "expected end of file after the top-level value, found '{'", "2:1");
  CheckError("[]  x", "expected end of file after the top-level value, found 'x'", "1:5");
  // nlohmann stops at a NUL byte (possible after UTF-16 decoding); we do not.
  CheckError(std::string("{\"a\": 1}\0{}", 11),
             "expected end of file after the top-level value, found U+0000", "1:9");
  CheckError(std::string("{\"a\": \0}", 8), "expected a value after ':', found U+0000", "1:7");
  // Trailing whitespace alone is fine.
  CHECK(ImportOk(MakeFile("{}\r\n\r\n  \t")).objects.size() == 1);
}

TEST_CASE("JsonImporter: the top level must be an object or an array") {
  CheckError("", "expected a JSON object or array, found end of file", "1:1");
  CheckError("  \r\n\t \r\n", "expected a JSON object or array, found end of file", "3:1");
  CheckError("\"contoso.com\"", "expected a JSON object or array, found a string", "1:1");
  CheckError("  42", "expected a JSON object or array, found a number", "1:3");
  CheckError("true", "expected a JSON object or array, found 't'", "1:1");
  CheckError("<Objs Version=\"1.1.0.1\">", "expected a JSON object or array, found '<'", "1:1");
}

TEST_CASE("JsonImporter: every element of the top-level array must be an object") {
  CheckError("[{\"a\": 1}, \"contoso.com\"]",
             "expected an object as element #2 of the top-level array, found a string", "1:12");
  CheckError("[1]", "expected an object as element #1 of the top-level array, found a number",
             "1:2");
  CheckError("[{}, {}, null]",
             "expected an object as element #3 of the top-level array, found null", "1:10");
  CheckError("[true]",
             "expected an object as element #1 of the top-level array, found a boolean", "1:2");
  CheckError("[[{}]]", "expected an object as element #1 of the top-level array, found an array",
             "1:2");
  CheckError("{\"value\": [{}, \"x\"], \"Count\": 2}",
             "expected an object as element #2 of the top-level array, found a string", "1:16");
}

TEST_CASE("JsonImporter: nesting deeper than max_depth is an error, never a crash") {
  ImportLimits limits;
  limits.max_depth = 3;
  CHECK(ImportOk(MakeFile("{\"a\": [[1]]}"), limits).objects.size() == 1);
  CheckError("{\"a\": [[[1]]]}",
             "values nest more than 3 levels deep; the limit is 3 (raise it with --max-depth)", "1:9", limits);

  SUBCASE("100,000 nested arrays with the default limit") {
    std::string deep = "{\"a\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
    CheckError(deep, "values nest more than 256 levels deep; the limit is 256 (raise it with --max-depth)",
               "1:262");
  }
  SUBCASE("100,000 nested objects, truncated") {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "{\"a\":";
    CheckError(deep, "values nest more than 256 levels deep; the limit is 256 (raise it with --max-depth)",
               "1:1281");
  }
}

TEST_CASE("JsonImporter: more objects than max_objects is an error") {
  ImportLimits limits;
  limits.max_objects = 2;
  CHECK(ImportOk(MakeFile("[{}, {}]"), limits).objects.size() == 2);
  CheckError("[{}, {},\n {\"a\": 1}]", "more than 2 objects in one file; the limit is 2 (raise it with --max-objects)",
             "2:2", limits);
  CheckError("{\"value\": [{}, {}, {}], \"Count\": 3}",
             "more than 2 objects in one file; the limit is 2 (raise it with --max-objects)", "1:20", limits);
}

TEST_CASE("JsonImporter: strings longer than max_string_bytes are an error") {
  ImportLimits limits;
  limits.max_string_bytes = 4;
  CHECK(ImportOk(MakeFile("{\"abcd\": \"\\u00fc\\u00fc\"}"), limits).objects.size() == 1);
  CheckError("{\"a\": \"abcde\"}", "a string of more than 4 bytes; the limit is 4 bytes (raise it with --max-string-size)",
             "1:7", limits);
  CheckError("{\"abcdefgh\": 1}", "a string of more than 4 bytes; the limit is 4 bytes (raise it with --max-string-size)",
             "1:2", limits);
  // The limit is on decoded bytes: three 2-byte characters.
  CheckError("{\"a\": \"\\u00fc\\u00fc\\u00fc\"}",
             "a string of more than 4 bytes; the limit is 4 bytes (raise it with --max-string-size)", "1:7", limits);
}

TEST_CASE("JsonImporter: fixtures import as their names say") {
  SUBCASE("pwsh7-orgrel-array.json") {
    SourceFile file = FixtureFile("pwsh7-orgrel-array.json");
    ImportResult result = ImportOk(file);
    REQUIRE(result.objects.size() == 2);
    CHECK(result.warnings.empty());
    const Value& props = result.objects[0].properties;
    CHECK(props.Field("FreeBusyAccessLevel")->text == "LimitedDetails");
    CHECK(props.Field("DomainNames")->items[0].text == "contoso.mail.onmicrosoft.com");
    CHECK(props.Field("Identity")->Field("Name")->text ==
          "On-premises to O365 - 7c1e7d52-3b5a-4e8e-9d2f-1b6a8c0e4f31");
    CHECK(props.Field("WhenChangedUTC")->text == "2024-06-15T08:30:00Z");
    CHECK(result.objects[1].properties.Field("DomainNames")->items.size() == 2);
    CHECK(Where(file, result.objects[1].span.begin) == "56:3");
  }
  SUBCASE("ps51-vdir-enums-numbers.json") {
    SourceFile file = FixtureFile("ps51-vdir-enums-numbers.json");
    ImportResult result = ImportOk(file);
    REQUIRE(result.objects.size() == 1);
    CHECK(result.warnings.empty());
    const Value& props = result.objects[0].properties;
    const Value& methods = *props.Field("InternalAuthenticationMethods");
    REQUIRE(methods.items.size() == 4);
    CHECK(methods.items[3].integer == 10);
    CHECK(Where(file, methods.items[3].span.begin) == "11:43");
    CHECK(props.Field("AdminDisplayName")->text == "Contoso's EWS <front end>");
    CHECK(props.Field("ExternalUrl")->Field("OriginalString")->text ==
          "https://mail.contoso.com/EWS/Exchange.asmx");
    CHECK(props.Field("ExtendedProtectionSPNList")->items.empty());
    CHECK(props.Field("WhenCreated")->text == "/Date(1326441600000)/");
  }
  SUBCASE("value-count-wrapper.json") {
    ImportResult result = ImportOk(FixtureFile("value-count-wrapper.json"));
    REQUIRE(result.objects.size() == 2);
    CHECK(result.warnings.empty());
    const Value& props = result.objects[1].properties;
    CHECK(props.Field("TargetAddressDomains")->items.size() == 2);
    CHECK(props.Field("WhenChanged")->text == "/Date(1704103200000)/");
  }
  SUBCASE("depth-truncated.json") {
    SourceFile file = FixtureFile("depth-truncated.json");
    ImportResult result = ImportOk(file);
    REQUIRE(result.objects.size() == 2);
    REQUIRE(result.warnings.size() == 5);
    CHECK(result.warnings[0].property == "MailboxMovePublishedScopes");
    CHECK(result.warnings[1].property == "ExtensionData");
    CHECK(result.warnings[2].property == "SelectedSettings");
    CHECK(result.warnings[3].property == "MailboxMovePublishedScopes");
    CHECK(result.warnings[4].property == "ExtensionData");
    CHECK(result.objects[1].properties.Field("DomainNames")->loss == Loss::kNone);
  }
  SUBCASE("duplicate-keys-case.json") {
    ImportResult result = ImportOk(FixtureFile("duplicate-keys-case.json"));
    REQUIRE(result.warnings.size() == 2);
    CHECK(result.objects[0].properties.Field("Enabled")->boolean);
  }
  SUBCASE("bad-truncated.json") {
    SourceFile file = FixtureFile("bad-truncated.json");
    ImportError error = ImportFails(file);
    CHECK(error.message == "expected '\"' to end the string, found end of file");
    CHECK(error.span.begin == file.text().size());
  }
  SUBCASE("bad-trailing-garbage.json") {
    SourceFile file = FixtureFile("bad-trailing-garbage.json");
    ImportError error = ImportFails(file);
    CHECK(error.message == "expected end of file after the top-level value, found '{'");
    CHECK(Where(file, error.span.begin) == "6:1");
  }
  SUBCASE("deep-nesting.json") {
    SourceFile file = FixtureFile("deep-nesting.json");
    ImportError error = ImportFails(file);
    CHECK(error.message == "values nest more than 256 levels deep; the limit is 256 (raise it with --max-depth)");
    CHECK(Where(file, error.span.begin) == "1:290");
  }
}

TEST_CASE("JsonImporter: never throws on arbitrary prefixes of a real export") {
  // Every truncation point of a fixture must give a clean error (or, for
  // the whole text, a result): no crash, no exception, no hang.
  SourceFile whole = FixtureFile("value-count-wrapper.json");
  const std::string& text = whole.text();
  for (size_t cut = 0; cut < text.size(); ++cut) {
    SourceFile file = MakeFile(text.substr(0, cut));
    auto result = ImportJson(file, {});
    if (result) {
      // Only cuts in the trailing whitespace parse.
      CHECK(cut >= text.find_last_of('}') + 1);
    } else {
      CHECK(result.error().span.end <= cut);
      CHECK_FALSE(result.error().message.empty());
    }
  }
}

}  // namespace
}  // namespace lint
