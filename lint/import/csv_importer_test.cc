#include "lint/import/csv_importer.h"

#include <chrono>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

namespace lint {
namespace {

SourceFile Csv(std::string text) { return SourceFile(0, "x.csv", Encoding::kUtf8, std::move(text)); }

std::string SpanText(const SourceFile& file, SourceSpan span) {
  return file.text().substr(span.begin, span.end - span.begin);
}

// "line:column" of an offset.
std::string At(const SourceFile& file, uint32_t offset) {
  LineColumn lc = file.Locate(offset);
  return std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

ImportResult MustImport(const SourceFile& file, const ImportLimits& limits = {}) {
  auto result = ImportCsv(file, limits);
  if (!result) FAIL("unexpected error: " << result.error().message << " at " << At(file, result.error().span.begin));
  return *result;
}

ImportError MustFail(const SourceFile& file, const ImportLimits& limits = {}) {
  auto result = ImportCsv(file, limits);
  REQUIRE_FALSE(result.has_value());
  return result.error();
}

constexpr std::string_view kLost =
    "multi-valued property was written as its type name by Export-Csv; the values are lost "
    "(export with Export-Clixml, or join the values with -join)";

TEST_CASE("CsvImporter: reads a Windows PowerShell 5.1 export with #TYPE and CRLF") {
  SourceFile file = Csv(
      "#TYPE Microsoft.Exchange.Data.Directory.SystemConfiguration.OrganizationRelationship\r\n"
      "\"Name\",\"FreeBusyAccessEnabled\",\"TargetApplicationUri\"\r\n"
      "\"On-premises to O365 - 7c1e\",\"True\",\"outlook.com\"\r\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(result.warnings.empty());
  const RawObject& object = result.objects[0];
  REQUIRE(object.type_names.size() == 1);
  CHECK(object.type_names[0] == "Microsoft.Exchange.Data.Directory.SystemConfiguration.OrganizationRelationship");
  CHECK(object.kind.empty());
  CHECK(object.side.empty());
  REQUIRE(object.properties.is_object());
  REQUIRE(object.properties.items.size() == 3);

  const Value* name = object.properties.Field("Name");
  REQUIRE(name != nullptr);
  CHECK(name->name == "Name");
  CHECK(name->is_string());
  CHECK(name->text == "On-premises to O365 - 7c1e");
  CHECK(name->untyped);
  CHECK(name->loss == Loss::kNone);
  CHECK(SpanText(file, name->span) == "\"On-premises to O365 - 7c1e\"");
  CHECK(At(file, name->span.begin) == "3:1");
  CHECK(At(file, name->span.end) == "3:29");

  const Value* enabled = object.properties.Field("FreeBusyAccessEnabled");
  REQUIRE(enabled != nullptr);
  CHECK(enabled->text == "True");
  CHECK(enabled->type == ValueType::kString);
  CHECK(At(file, enabled->span.begin) == "3:30");

  const Value* uri = object.properties.Field("TargetApplicationUri");
  REQUIRE(uri != nullptr);
  CHECK(At(file, uri->span.begin) == "3:37");
  CHECK(At(file, uri->span.end) == "3:50");

  CHECK(SpanText(file, object.span) == "\"On-premises to O365 - 7c1e\",\"True\",\"outlook.com\"");
  CHECK(object.properties.span == object.span);
}

TEST_CASE("CsvImporter: strips Deserialized., Selected. and CSV: from the #TYPE name") {
  auto type_of = [](std::string first_line) {
    SourceFile file = Csv(first_line + "\n\"A\",\"B\"\n\"1\",\"2\"\n");
    ImportResult result = MustImport(file);
    REQUIRE(result.objects.size() == 1);
    return result.objects[0].type_names;
  };
  CHECK(type_of("#TYPE Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthServer") ==
        std::vector<std::string>{"Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthServer"});
  CHECK(type_of("#TYPE Selected.Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthServer") ==
        std::vector<std::string>{"Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthServer"});
  CHECK(type_of("#TYPE CSV:Contoso.Thing") == std::vector<std::string>{"Contoso.Thing"});
  CHECK(type_of("#TYPE Selected.Deserialized.Contoso.Thing") == std::vector<std::string>{"Contoso.Thing"});
  CHECK(type_of("#TYPE").empty());
  CHECK(type_of("#TYPE   ").empty());
}

TEST_CASE("CsvImporter: reads a PowerShell 7 export without #TYPE and unquoted fields") {
  SourceFile file = Csv(
      "Name,Enabled,DiscoveryEndpoint\n"
      "HybridIOC - 2f0c,True,https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc\n"
      "Second,False,\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 2);
  CHECK(result.objects[0].type_names.empty());
  const Value* name = result.objects[0].properties.Field("Name");
  REQUIRE(name != nullptr);
  CHECK(name->text == "HybridIOC - 2f0c");
  CHECK(SpanText(file, name->span) == "HybridIOC - 2f0c");
  CHECK(At(file, name->span.begin) == "2:1");
  const Value* endpoint = result.objects[1].properties.Field("DiscoveryEndpoint");
  REQUIRE(endpoint != nullptr);
  CHECK(endpoint->is_null());
  CHECK(At(file, endpoint->span.begin) == "3:14");
  CHECK(endpoint->span.begin == endpoint->span.end);
}

TEST_CASE("CsvImporter: reads a quoted field with an embedded newline, delimiter and doubled quote") {
  SourceFile file = Csv(
      "\"Name\",\"Comment\"\r\n"
      "\"a\",\"line one\r\nline two, with \"\"quotes\"\"\"\r\n"
      "\"b\",\"x\"\r\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 2);
  const Value* comment = result.objects[0].properties.Field("Comment");
  REQUIRE(comment != nullptr);
  CHECK(comment->text == "line one\r\nline two, with \"quotes\"");
  CHECK(At(file, comment->span.begin) == "2:5");
  CHECK(At(file, comment->span.end) == "3:27");
  CHECK(At(file, result.objects[1].span.begin) == "4:1");
  CHECK(At(file, result.objects[0].span.begin) == "2:1");
  CHECK(At(file, result.objects[0].span.end) == "3:27");
}

TEST_CASE("CsvImporter: detects ';' and tab delimiters from the header") {
  SourceFile semicolon = Csv(
      "#TYPE Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthServer\r\n"
      "\"Name\";\"Realm\";\"Enabled\"\r\n"
      "\"ACS - contoso\";\"contoso.com, fabrikam\";\"True\"\r\n");
  ImportResult result = MustImport(semicolon);
  REQUIRE(result.objects.size() == 1);
  CHECK(result.objects[0].properties.items.size() == 3);
  CHECK(result.objects[0].properties.Field("Realm")->text == "contoso.com, fabrikam");

  SourceFile plain_semicolon = Csv("Name;Enabled\nA;True\n");
  result = MustImport(plain_semicolon);
  CHECK(result.objects[0].properties.Field("Enabled")->text == "True");

  SourceFile tab = Csv("Name\tEnabled\nA,B\tTrue\n");
  result = MustImport(tab);
  CHECK(result.objects[0].properties.Field("Name")->text == "A,B");
  CHECK(result.objects[0].properties.Field("Enabled")->text == "True");
}

TEST_CASE("CsvImporter: an unquoted empty field is null, a quoted empty field an empty string") {
  SourceFile file = Csv("\"A\",\"B\",\"C\"\n,\"\",\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 1);
  const Value& props = result.objects[0].properties;
  REQUIRE(props.items.size() == 3);
  CHECK(props.Field("A")->is_null());
  CHECK(props.Field("B")->is_string());
  CHECK(props.Field("B")->text.empty());
  CHECK(props.Field("B")->untyped);
  CHECK(SpanText(file, props.Field("B")->span) == "\"\"");
  CHECK(props.Field("C")->is_null());
  CHECK(props.Field("C")->span.begin == 16);
}

TEST_CASE("CsvImporter: a collection written as its type name is kept, marked lost, and warned about") {
  SourceFile file = Csv(
      "\"Name\",\"DomainNames\",\"Items\",\"Other\",\"List\",\"Array\",\"Hash\",\"Bytes\",\"Smtp\",\"Text\"\r\n"
      "\"O\",\"Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.SmtpDomain]\","
      "\"Microsoft.Exchange.Data.Directory.ADMultiValuedProperty`1[Microsoft.Exchange.Data.Directory.ADObjectId]\","
      "\"System.Object[]\",\"System.Collections.Generic.List`1[System.String]\",\"System.Collections.ArrayList\","
      "\"System.Collections.Hashtable\",\"System.Byte[]\",\"Microsoft.Exchange.Data.SmtpDomain[]\",\"a b[]\"\r\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 1);
  const Value& props = result.objects[0].properties;
  CHECK(props.Field("Name")->loss == Loss::kNone);
  CHECK(props.Field("Text")->loss == Loss::kNone);
  for (std::string_view name : {"DomainNames", "Items", "Other", "List", "Array", "Hash", "Bytes", "Smtp"}) {
    CAPTURE(name);
    const Value* value = props.Field(name);
    REQUIRE(value != nullptr);
    CHECK(value->is_string());
    CHECK(value->loss == Loss::kLost);
  }
  CHECK(props.Field("DomainNames")->text ==
        "Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.SmtpDomain]");
  REQUIRE(result.warnings.size() == 8);
  CHECK(result.warnings[0].message == kLost);
  CHECK(result.warnings[0].property == "DomainNames");
  CHECK(result.warnings[0].span == props.Field("DomainNames")->span);
  CHECK(At(file, result.warnings[0].span.begin) == "2:5");
  CHECK(result.warnings[7].property == "Smtp");
}

TEST_CASE("CsvImporter: a record with fewer fields leaves the missing properties unset and warns") {
  SourceFile file = Csv("\"A\",\"B\",\"C\"\r\n\"1\",\"2\"\r\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(result.objects[0].properties.items.size() == 2);
  CHECK(result.objects[0].properties.Field("C") == nullptr);
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].message ==
        "expected 3 fields as in the header, found 2; the missing properties are left unset");
  CHECK(result.warnings[0].property.empty());
  CHECK(At(file, result.warnings[0].span.begin) == "2:1");
  CHECK(At(file, result.warnings[0].span.end) == "2:8");
}

TEST_CASE("CsvImporter: a record with more fields than the header is an error at the extra field") {
  SourceFile file = Csv("\"A\",\"B\"\r\n\"1\",\"2\",\"3\",\"4\"\r\n");
  ImportError error = MustFail(file);
  CHECK(error.message == "expected 2 fields as in the header, found 4");
  CHECK(At(file, error.span.begin) == "2:9");
  CHECK(SpanText(file, error.span) == "\"3\"");
}

TEST_CASE("CsvImporter: an unterminated quoted field is an error at its opening quote") {
  SourceFile file = Csv("\"A\",\"B\"\r\n\"1\",\"unterminated\r\n");
  ImportError error = MustFail(file);
  CHECK(error.message == "expected a closing '\"' for the field that starts here");
  CHECK(At(file, error.span.begin) == "2:5");
  CHECK(error.span.end == error.span.begin + 1);

  // A missing closing quote usually shows up later: the field runs on to
  // the next quote, and what follows that quote is not a delimiter.
  SourceFile runs_on = Csv("\"A\",\"B\"\r\n\"1\",\"2\r\n\"3\",\"4\"\r\n");
  error = MustFail(runs_on);
  CHECK(error.message == "expected ',' or the end of the line after the closing '\"' of a field");
  CHECK(At(runs_on, error.span.begin) == "3:2");
}

TEST_CASE("CsvImporter: a quote inside an unquoted field is an error") {
  SourceFile file = Csv("Name,Value\r\nA,say \"hi\"\r\n");
  ImportError error = MustFail(file);
  CHECK(error.message ==
        "unexpected '\"' inside an unquoted field; a field that holds a quote must be quoted, with the quote doubled");
  CHECK(At(file, error.span.begin) == "2:7");
}

TEST_CASE("CsvImporter: text after a closing quote is an error") {
  SourceFile file = Csv("\"A\";\"B\"\n\"1\"x;\"2\"\n");
  ImportError error = MustFail(file);
  CHECK(error.message == "expected ';' or the end of the line after the closing '\"' of a field");
  CHECK(At(file, error.span.begin) == "2:4");
}

TEST_CASE("CsvImporter: an empty file is an error") {
  SourceFile empty = Csv("");
  ImportError error = MustFail(empty);
  CHECK(error.message == "the file is empty; expected a CSV header line with the property names");
  CHECK(error.span.begin == 0);
  CHECK(MustFail(Csv("\r\n  \r\n")).message == error.message);

  SourceFile only_type = Csv("#TYPE Contoso.Thing\r\n");
  error = MustFail(only_type);
  CHECK(error.message == "expected a header line with the property names after the #TYPE line");
  CHECK(At(only_type, error.span.begin) == "2:1");
}

TEST_CASE("CsvImporter: a header without records gives no objects") {
  ImportResult result = MustImport(Csv("\"A\",\"B\"\r\n"));
  CHECK(result.objects.empty());
  CHECK(result.warnings.empty());
}

TEST_CASE("CsvImporter: an empty column name in the header is an error") {
  SourceFile file = Csv("\"A\",\"\",\"C\"\r\n\"1\",\"2\",\"3\"\r\n");
  ImportError error = MustFail(file);
  CHECK(error.message == "column 2 of the header has no name");
  CHECK(At(file, error.span.begin) == "1:5");
  CHECK(SpanText(file, error.span) == "\"\"");
}

TEST_CASE("CsvImporter: a duplicate column name warns and keeps the first column") {
  SourceFile file = Csv("\"Name\",\"name\",\"B\"\r\n\"first\",\"second\",\"b\"\r\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].message ==
        "duplicate column 'name' (property names are case-insensitive); its values are ignored and the first "
        "'Name' column is used");
  CHECK(result.warnings[0].property == "name");
  CHECK(At(file, result.warnings[0].span.begin) == "1:8");
  REQUIRE(result.objects.size() == 1);
  CHECK(result.objects[0].properties.items.size() == 2);
  CHECK(result.objects[0].properties.Field("Name")->text == "first");
}

TEST_CASE("CsvImporter: more records than max_objects is an error") {
  ImportLimits limits;
  limits.max_objects = 2;
  SourceFile file = Csv("A,B\n1,2\n3,4\n5,6\n");
  ImportError error = MustFail(file, limits);
  CHECK(error.message == "more than 2 objects in one file; the limit is 2 (raise it with --max-objects)");
  CHECK(At(file, error.span.begin) == "4:1");
  limits.max_objects = 3;
  CHECK(MustImport(file, limits).objects.size() == 3);
}

TEST_CASE("CsvImporter: a field longer than max_string_bytes is an error") {
  ImportLimits limits;
  limits.max_string_bytes = 4;
  SourceFile file = Csv("A,B\n1234,\"12345\"\n");
  ImportError error = MustFail(file, limits);
  CHECK(error.message == "a string of more than 4 bytes; the limit is 4 bytes (raise it with --max-string-size)");
  CHECK(At(file, error.span.begin) == "2:6");
}

TEST_CASE("CsvImporter: skips empty lines and reads a last line without a line break") {
  SourceFile file = Csv("A,B\r\n\r\n1,2\r\n\r\n3,4");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 2);
  CHECK(result.objects[1].properties.Field("B")->text == "4");
  CHECK(At(file, result.objects[1].span.begin) == "5:1");
}

TEST_CASE("CsvImporter: skips a second byte-order mark") {
  SourceFile file = Csv("\xEF\xBB\xBF#TYPE Contoso.Thing\r\n\"Name\",\"B\"\r\n\"a\",\"b\"\r\n");
  CHECK(RecognizeCsv(file) == Recognition::kYes);
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(result.objects[0].type_names == std::vector<std::string>{"Contoso.Thing"});
  CHECK(result.objects[0].properties.Field("Name")->text == "a");
  CHECK(RecognizeCsv(Csv("\xEF\xBB\xBF\"Name\",\"B\"\r\n")) == Recognition::kMaybe);
}

TEST_CASE("CsvImporter: reads a UTF-16LE export once decoded, with exact CRLF positions") {
  // Export-Csv -Encoding Unicode (Windows PowerShell 5.1): BOM, UTF-16LE, CRLF.
  std::string utf8 = "#TYPE Microsoft.Exchange.Data.Directory.SystemConfiguration.FederationTrust\r\n"
                     "\"Name\",\"ApplicationUri\"\r\n"
                     "\"Microsoft Federation Gateway\",\"FYDIBOHF25SPDLT.contoso.com\"\r\n";
  std::string raw = "\xFF\xFE";
  for (char c : utf8) {
    raw.push_back(c);
    raw.push_back('\0');
  }
  auto decoded = DecodeText(raw);
  REQUIRE(decoded.has_value());
  SourceFile file(0, "x.csv", decoded->encoding, decoded->text);
  CHECK(RecognizeCsv(file) == Recognition::kYes);
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 1);
  const Value* uri = result.objects[0].properties.Field("ApplicationUri");
  REQUIRE(uri != nullptr);
  CHECK(uri->text == "FYDIBOHF25SPDLT.contoso.com");
  CHECK(At(file, uri->span.begin) == "3:32");
  CHECK(At(file, uri->span.end) == "3:61");
}

TEST_CASE("CsvImporter: a lone CR ends a record") {
  SourceFile file = Csv("A,B\r1,2\r3,4\r");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 2);
  CHECK(At(file, result.objects[1].span.begin) == "3:1");
}

TEST_CASE("CsvImporter: keeps non-ASCII text and points at code-point columns") {
  SourceFile file = Csv("\"Name\",\"City\"\r\n\"Zürich ✓\",\"Malmö\"\r\n");
  ImportResult result = MustImport(file);
  const Value* city = result.objects[0].properties.Field("City");
  REQUIRE(city != nullptr);
  CHECK(city->text == "Malmö");
  CHECK(At(file, city->span.begin) == "2:12");
}

TEST_CASE("CsvImporter: recognizes #TYPE as yes and a plausible header as maybe") {
  CHECK(RecognizeCsv(Csv("#TYPE Microsoft.Exchange.Data.Directory.SystemConfiguration.OrganizationRelationship\r\n"
                         "\"Name\"\r\n")) == Recognition::kYes);
  CHECK(RecognizeCsv(Csv("#TYPE\r\n\"A\",\"B\"\r\n")) == Recognition::kYes);
  CHECK(RecognizeCsv(Csv("\"Name\",\"DomainNames\",\"Display Name\"\r\n\"a\",\"b\",\"c\"\r\n")) ==
        Recognition::kMaybe);
  CHECK(RecognizeCsv(Csv("Name,DomainNames\n")) == Recognition::kMaybe);
  CHECK(RecognizeCsv(Csv("\"Name\";\"Enabled\"\n")) == Recognition::kMaybe);
  CHECK(RecognizeCsv(Csv("Name\tEnabled\n")) == Recognition::kMaybe);
}

TEST_CASE("CsvImporter: does not claim Format-List, JSON, XML, YAML or one-column text") {
  CHECK(RecognizeCsv(Csv("")) == Recognition::kNo);
  CHECK(RecognizeCsv(Csv("\r\nRunspaceId            : 5c2f\r\nDomainNames           : {contoso.com, fabrikam.com}\r\n")) ==
        Recognition::kNo);
  CHECK(RecognizeCsv(Csv("DomainNames           : {contoso.com, fabrikam.com}\r\n")) == Recognition::kNo);
  CHECK(RecognizeCsv(Csv("{\"Name\": \"a\", \"Enabled\": true}\n")) == Recognition::kNo);
  CHECK(RecognizeCsv(Csv("[\n  {\"Name\": \"a\"}\n]\n")) == Recognition::kNo);
  CHECK(RecognizeCsv(Csv("<?xml version=\"1.0\"?>\n<Objs Version=\"1.1.0.1\">\n")) == Recognition::kNo);
  CHECK(RecognizeCsv(Csv("<Objs Version=\"1.1.0.1\" xmlns=\"x\">\n")) == Recognition::kNo);
  CHECK(RecognizeCsv(Csv("side: cloud\nobjects:\n")) == Recognition::kNo);
  CHECK(RecognizeCsv(Csv("Name\n")) == Recognition::kNo);
  CHECK(RecognizeCsv(Csv("hello world, how are you\n")) == Recognition::kNo);
  CHECK(RecognizeCsv(Csv("A,,B\n")) == Recognition::kNo);
}

TEST_CASE("CsvImporter: never crashes on malformed input") {
  for (std::string text : {"\"", "\"\"\"", ",", ",\n,", "\"a\"\"", "A,B\n\"", "A\n\"x\"\"\"\"", "\n\n\"",
                           "#TYPE x\n\"", "A,B\n1,2,", "A,B\n,,,,\n", "\"A\"\r", "A;B\n\"1;2\";\"3\"\"\""}) {
    CAPTURE(text);
    SourceFile file = Csv(text);
    (void)RecognizeCsv(file);
    auto result = ImportCsv(file, {});
    if (!result) {
      CHECK(result.error().span.begin <= file.text().size());
      CHECK(result.error().span.end <= file.text().size());
      CHECK(!result.error().message.empty());
    }
  }
}

TEST_CASE("CsvImporter: reads a large file in linear time") {
  // ~8 MB: 20,000 records of 10 quoted fields with doubled quotes, plus one
  // 1 MB field. Quadratic behaviour would take minutes here.
  std::string text = "\"A\",\"B\",\"C\",\"D\",\"E\",\"F\",\"G\",\"H\",\"I\",\"J\"\r\n";
  std::string record;
  for (int i = 0; i < 10; ++i) {
    if (i) record += ",";
    record += "\"value with \"\"quotes\"\" and, commas " + std::to_string(i) + "\"";
  }
  record += "\r\n";
  for (int i = 0; i < 20000; ++i) text += record;
  text += "\"" + std::string(1 << 20, 'x') + "\",,,,,,,,,\r\n";
  SourceFile file = Csv(std::move(text));
  auto start = std::chrono::steady_clock::now();
  ImportResult result = MustImport(file);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(result.objects.size() == 20001);
  CHECK(result.objects[0].properties.Field("J")->text == "value with \"quotes\" and, commas 9");
  CHECK(seconds < 30);
}

}  // namespace
}  // namespace lint
