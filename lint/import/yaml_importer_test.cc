#include "lint/import/yaml_importer.h"

#include <cmath>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

namespace lint {
namespace {

SourceFile Yaml(std::string text) { return SourceFile(0, "x.yaml", Encoding::kUtf8, std::move(text)); }

std::string SpanText(const SourceFile& file, SourceSpan span) {
  return file.text().substr(span.begin, span.end - span.begin);
}

// "line:column" of an offset.
std::string At(const SourceFile& file, uint32_t offset) {
  LineColumn lc = file.Locate(offset);
  return std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

// "begin-end" as line:column pairs.
std::string Range(const SourceFile& file, SourceSpan span) {
  return At(file, span.begin) + "-" + At(file, span.end);
}

ImportResult MustImport(const SourceFile& file, const ImportLimits& limits = {}) {
  auto result = ImportYaml(file, limits);
  if (!result) FAIL("unexpected error: " << result.error().message << " at " << At(file, result.error().span.begin));
  return *result;
}

ImportError MustFail(const SourceFile& file, const ImportLimits& limits = {}) {
  auto result = ImportYaml(file, limits);
  REQUIRE_FALSE(result.has_value());
  return result.error();
}

// The one object of a file with one object.
RawObject OnlyObject(const SourceFile& file) {
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 1);
  return result.objects[0];
}

TEST_CASE("YamlImporter: reads the documented snapshot shape") {
  SourceFile file = Yaml(
      "# one comment line on what the case pins\n"
      "side: cloud\n"
      "objects:\n"
      "  - kind: OrganizationRelationship\n"
      "    properties:\n"
      "      Name: O365 to On-premises - 7c1e8a55-2f0c-4d3e-9d7b-1f2a3b4c5d6e\n"
      "      DomainNames: [contoso.com, fabrikam.com]\n"
      "      FreeBusyAccessEnabled: true\n"
      "      FreeBusyAccessLevel: LimitedDetails\n"
      "      TargetSharingEpr: null\n");
  RawObject object = OnlyObject(file);
  CHECK(object.kind == "OrganizationRelationship");
  CHECK(object.side == "cloud");
  CHECK(object.type_names.empty());
  const Value& props = object.properties;
  REQUIRE(props.is_object());
  REQUIRE(props.items.size() == 5);
  CHECK(props.items[0].name == "Name");
  CHECK(props.Field("Name")->text == "O365 to On-premises - 7c1e8a55-2f0c-4d3e-9d7b-1f2a3b4c5d6e");
  CHECK_FALSE(props.Field("Name")->untyped);
  const Value* domains = props.Field("DomainNames");
  REQUIRE(domains != nullptr);
  REQUIRE(domains->is_list());
  REQUIRE(domains->items.size() == 2);
  CHECK(domains->items[1].text == "fabrikam.com");
  CHECK(props.Field("FreeBusyAccessEnabled")->type == ValueType::kBool);
  CHECK(props.Field("FreeBusyAccessEnabled")->boolean);
  CHECK(props.Field("FreeBusyAccessLevel")->text == "LimitedDetails");
  CHECK(props.Field("TargetSharingEpr")->is_null());
}

TEST_CASE("YamlImporter: spans are exact byte ranges on CRLF input") {
  SourceFile file = Yaml(
      "# spans\r\n"                                        // 1
      "objects:\r\n"                                       // 2
      "  - kind: AuthServer\r\n"                           // 3
      "    side: onprem\r\n"                               // 4
      "    properties:\r\n"                                // 5
      "      Name: ACS - contoso # trailing comment\r\n"   // 6
      "      Realm: \"contoso.com\"\r\n"                   // 7
      "      Domains: [contoso.com, 'fabrikam.com']\r\n"   // 8
      "      Empty:\r\n"                                   // 9
      "      Tilde: ~\r\n"                                 // 10
      "      Items:\r\n"                                   // 11
      "        - a\r\n"                                    // 12
      "        - b\r\n"                                    // 13
      "      Block: |\r\n"                                 // 14
      "        line one\r\n"                               // 15
      "        line two\r\n"                               // 16
      "\r\n"                                               // 17
      "      Folded: plain\r\n"                            // 18
      "        continued\r\n"                              // 19
      "      Nested: {Enabled: true, Url: https://x}\r\n"  // 20
      "      Ünïcödé: ✓ done\r\n");                        // 21
  RawObject object = OnlyObject(file);
  CHECK(object.side == "onprem");
  CHECK(Range(file, object.span) == "3:5-21:22");
  CHECK(Range(file, object.properties.span) == "6:7-21:22");
  const Value& props = object.properties;

  CHECK(Range(file, props.Field("Name")->span) == "6:13-6:26");
  CHECK(SpanText(file, props.Field("Name")->span) == "ACS - contoso");
  CHECK(Range(file, props.Field("Realm")->span) == "7:14-7:27");
  CHECK(SpanText(file, props.Field("Realm")->span) == "\"contoso.com\"");
  const Value* domains = props.Field("Domains");
  CHECK(Range(file, domains->span) == "8:16-8:45");
  CHECK(SpanText(file, domains->items[1].span) == "'fabrikam.com'");
  const Value* empty = props.Field("Empty");
  CHECK(empty->is_null());
  CHECK(Range(file, empty->span) == "9:13-9:13");
  CHECK(Range(file, props.Field("Tilde")->span) == "10:14-10:15");
  const Value* items = props.Field("Items");
  CHECK(Range(file, items->span) == "12:9-13:12");
  CHECK(Range(file, items->items[1].span) == "13:11-13:12");
  const Value* block = props.Field("Block");
  CHECK(block->text == "line one\nline two\n");
  CHECK(Range(file, block->span) == "14:14-16:17");
  const Value* folded = props.Field("Folded");
  CHECK(folded->text == "plain continued");
  CHECK(Range(file, folded->span) == "18:15-19:18");
  const Value* nested = props.Field("Nested");
  REQUIRE(nested->is_object());
  CHECK(Range(file, nested->span) == "20:15-20:46");
  CHECK(nested->Field("Enabled")->boolean);
  CHECK(Range(file, nested->Field("Url")->span) == "20:36-20:45");
  const Value* unicode = props.Field("Ünïcödé");
  REQUIRE(unicode != nullptr);
  CHECK(unicode->text == "✓ done");
  CHECK(Range(file, unicode->span) == "21:16-21:22");
}

TEST_CASE("YamlImporter: spans stay exact after a second byte-order mark") {
  // yaml-cpp drops a UTF-8 BOM without counting it in its marks.
  SourceFile file = Yaml("\xEF\xBB\xBFkind: X\r\nobjects:\r\n- properties: {A: b}\r\n");
  CHECK(RecognizeYaml(file) == Recognition::kYes);
  RawObject object = OnlyObject(file);
  CHECK(SpanText(file, object.properties.Field("A")->span) == "b");
  CHECK(Range(file, object.properties.Field("A")->span) == "3:19-3:20");
  SourceFile bad = Yaml("\xEF\xBB\xBFobjects: [\n");
  CHECK(At(bad, MustFail(bad).span.begin) == "2:1");
}

TEST_CASE("YamlImporter: file-level side and kind are defaults that objects override") {
  SourceFile file = Yaml(
      "side: onprem\n"
      "kind: OrganizationRelationship\n"
      "objects:\n"
      "  - properties: {Name: a}\n"
      "  - kind: IntraOrganizationConnector\n"
      "    side: cloud\n"
      "    properties: {Name: b}\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 2);
  CHECK(result.objects[0].kind == "OrganizationRelationship");
  CHECK(result.objects[0].side == "onprem");
  CHECK(result.objects[1].kind == "IntraOrganizationConnector");
  CHECK(result.objects[1].side == "cloud");

  RawObject no_side = OnlyObject(Yaml("objects:\n  - kind: AuthConfig\n    properties: {}\n"));
  CHECK(no_side.side.empty());
  CHECK(no_side.properties.is_object());
  CHECK(no_side.properties.items.empty());
}

TEST_CASE("YamlImporter: types plain scalars and keeps quoted scalars as strings") {
  SourceFile file = Yaml(
      "objects:\n"
      "- kind: X\n"
      "  properties:\n"
      "    T1: true\n"
      "    T2: True\n"
      "    F1: false\n"
      "    F2: FALSE\n"
      "    Yes: yes\n"
      "    I1: 42\n"
      "    I2: -7\n"
      "    I3: 0x1F\n"
      "    I4: 0o17\n"
      "    Big: 9223372036854775808\n"
      "    D1: 1.5\n"
      "    D2: -2e3\n"
      "    D3: .inf\n"
      "    Version: 15.0.0.0\n"
      "    N1: null\n"
      "    N2: ~\n"
      "    N3:\n"
      "    Q1: \"true\"\n"
      "    Q2: '42'\n"
      "    Q3: \"null\"\n"
      "    Q4: ''\n"
      "    Tagged: !!str 12\n"
      "    Literal: |\n"
      "      12\n");
  RawObject object = OnlyObject(file);
  const Value& p = object.properties;
  CHECK(p.Field("T1")->type == ValueType::kBool);
  CHECK(p.Field("T2")->boolean);
  CHECK(p.Field("F1")->type == ValueType::kBool);
  CHECK_FALSE(p.Field("F2")->boolean);
  CHECK(p.Field("Yes")->type == ValueType::kString);
  CHECK(p.Field("I1")->type == ValueType::kInt);
  CHECK(p.Field("I1")->integer == 42);
  CHECK(p.Field("I2")->integer == -7);
  CHECK(p.Field("I3")->integer == 31);
  CHECK(p.Field("I4")->integer == 15);
  CHECK(p.Field("Big")->type == ValueType::kString);
  CHECK(p.Field("D1")->type == ValueType::kDouble);
  CHECK(p.Field("D1")->real == 1.5);
  CHECK(p.Field("D2")->real == -2000);
  CHECK(std::isinf(p.Field("D3")->real));
  CHECK(p.Field("Version")->type == ValueType::kString);
  CHECK(p.Field("N1")->is_null());
  CHECK(p.Field("N2")->is_null());
  CHECK(p.Field("N3")->is_null());
  CHECK(p.Field("Q1")->type == ValueType::kString);
  CHECK(p.Field("Q1")->text == "true");
  CHECK(p.Field("Q2")->text == "42");
  CHECK(p.Field("Q3")->type == ValueType::kString);
  CHECK(p.Field("Q4")->type == ValueType::kString);
  CHECK(p.Field("Q4")->text.empty());
  CHECK(p.Field("Tagged")->type == ValueType::kString);
  CHECK(p.Field("Literal")->text == "12\n");
  for (const Value& v : p.items) CHECK_FALSE(v.untyped);
}

TEST_CASE("YamlImporter: sequences of mappings become lists of named-field objects") {
  SourceFile file = Yaml(
      "objects:\n"
      "- kind: AvailabilityAddressSpace\n"
      "  properties:\n"
      "    Entries:\n"
      "      - {Domain: contoso.com, AutoDiscover: false}\n"
      "      - Domain: fabrikam.com\n"
      "        AutoDiscover: true\n");
  RawObject object = OnlyObject(file);
  const Value* entries = object.properties.Field("Entries");
  REQUIRE(entries->is_list());
  REQUIRE(entries->items.size() == 2);
  CHECK(entries->items[1].is_object());
  CHECK(entries->items[1].items[0].name == "Domain");
  CHECK(entries->items[1].Field("AutoDiscover")->boolean);
  CHECK(Range(file, entries->items[1].span) == "6:9-7:27");
}

TEST_CASE("YamlImporter: a side other than onprem or cloud is an error at its value") {
  SourceFile file = Yaml("objects:\n  - kind: X\n    side: on-premises\n    properties: {}\n");
  ImportError error = MustFail(file);
  CHECK(error.message == "side must be 'onprem' or 'cloud', not 'on-premises'");
  CHECK(Range(file, error.span) == "3:11-3:22");

  SourceFile top = Yaml("side: [cloud]\nobjects: []\n");
  error = MustFail(top);
  CHECK(error.message == "side must be 'onprem' or 'cloud'");
  CHECK(At(top, error.span.begin) == "1:7");
}

TEST_CASE("YamlImporter: a syntax error is reported at yaml-cpp's mark") {
  SourceFile file = Yaml("objects:\r\n  - kind: X\r\n    properties:\r\n      A: b\r\n     c: d\r\n");
  ImportError error = MustFail(file);
  CHECK(error.message == "invalid YAML: end of map not found");
  CHECK(At(file, error.span.begin) == "5:6");

  SourceFile flow = Yaml("objects:\n  - kind: X\n    properties:\n      A: [1, 2\n");
  error = MustFail(flow);
  CHECK(error.message == "invalid YAML: end of sequence flow not found");
  CHECK(At(flow, error.span.begin) == "5:1");
}

TEST_CASE("YamlImporter: an unterminated quoted string is an error at its opening quote") {
  SourceFile file = Yaml("objects:\n  - kind: X\n    properties:\n      A: \"abc\n");
  ImportError error = MustFail(file);
  CHECK(error.message == "expected a closing '\"' for the string that starts here");
  CHECK(Range(file, error.span) == "4:10-4:11");
}

TEST_CASE("YamlImporter: the snapshot's shape is checked") {
  struct Case {
    std::string text;
    std::string message;
    std::string at;
  };
  const Case cases[] = {
      {"", "the file is empty; expected a mapping with an 'objects' list", "1:1"},
      {"# only a comment\n", "the file holds no YAML document; expected a mapping with an 'objects' list", "1:1"},
      {"[a, b]\n", "expected a mapping with an 'objects' list at the top level", "1:1"},
      {"side: cloud\n", "missing top-level key 'objects' (the list of objects)", "1:1"},
      {"objects: {a: b}\n", "expected a list of objects under 'objects'", "1:10"},
      {"objects:\n", "expected a list of objects under 'objects'", "1:9"},
      {"objects:\n  - just a string\n", "expected an object: a mapping with 'kind' and 'properties'", "2:5"},
      {"objects:\n  - side: cloud\n    properties: {}\n",
       "object has no 'kind' (and the file sets no default 'kind')", "2:5"},
      {"objects:\n  - kind: X\n", "object has no 'properties' mapping", "2:5"},
      {"objects:\n  - kind: X\n    properties: [a]\n", "'properties' must be a mapping of property name to value",
       "3:17"},
      {"objects:\n  - kind: X\n    properties:\n", "'properties' must be a mapping of property name to value",
       "3:16"},
      {"objects:\n  - kind: ''\n    properties: {}\n",
       "kind must name the object kind, such as 'OrganizationRelationship'", "2:11"},
      {"object: []\n", "unknown key 'object' at the top level; did you mean 'objects'?", "1:1"},
      {"objects: []\nversion: 2\n",
       "unknown key 'version' at the top level; expected 'side', 'kind' or 'objects'", "2:1"},
      {"objects:\n  - kind: X\n    proprties: {}\n",
       "unknown key 'proprties' in an object; did you mean 'properties'?", "3:5"},
      {"objects:\n  - kind: X\n    sied: cloud\n    properties: {}\n",
       "unknown key 'sied' in an object; did you mean 'side'?", "3:5"},
      {"objects:\n  - kind: X\n    Kind: Y\n    properties: {}\n",
       "unknown key 'Kind' in an object; did you mean 'kind'?", "3:5"},
      {"objects:\n  - kind: X\n    identity: Y\n    properties: {}\n",
       "unknown key 'identity' in an object; expected 'kind', 'side' or 'properties'", "3:5"},
      {"objects:\n  - kind: X\n    kind: Y\n    properties: {}\n", "duplicate key 'kind'", "3:5"},
      {"objects: []\nobjects: []\n", "duplicate key 'objects'", "2:1"},
      {"objects:\n  - kind: X\n    properties:\n      ? [a]\n      : b\n",
       "expected a name (a string) as the key here", "4:9"},
      {"objects: []\n---\nobjects: []\n", "a snapshot holds one YAML document; a second one starts here", "2:1"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    SourceFile file = Yaml(c.text);
    ImportError error = MustFail(file);
    CHECK(error.message == c.message);
    CHECK(At(file, error.span.begin) == c.at);
  }
}

TEST_CASE("YamlImporter: a duplicate property name warns and keeps the first value") {
  SourceFile file = Yaml(
      "objects:\n"
      "  - kind: X\n"
      "    properties:\n"
      "      Name: first\n"
      "      Enabled: true\n"
      "      name: second\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 1);
  const Value& props = result.objects[0].properties;
  CHECK(props.items.size() == 2);
  CHECK(props.Field("Name")->text == "first");
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].message ==
        "duplicate property 'name' (property names are case-insensitive); the first value, at line 4, is kept");
  CHECK(result.warnings[0].property == "name");
  CHECK(Range(file, result.warnings[0].span) == "6:7-6:11");
}

TEST_CASE("YamlImporter: an alias copies the anchored value and points at the alias") {
  SourceFile file = Yaml(
      "objects:\n"
      "  - kind: OrganizationRelationship\n"
      "    side: onprem\n"
      "    properties:\n"
      "      DomainNames: &domains [contoso.com, fabrikam.com]\n"
      "  - kind: IntraOrganizationConnector\n"
      "    side: onprem\n"
      "    properties:\n"
      "      TargetAddressDomains: *domains\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 2);
  const Value* copy = result.objects[1].properties.Field("TargetAddressDomains");
  REQUIRE(copy != nullptr);
  REQUIRE(copy->is_list());
  CHECK(copy->items.size() == 2);
  CHECK(SpanText(file, copy->span) == "*domains");
  CHECK(At(file, copy->items[0].span.begin) == "5:30");
  const Value* original = result.objects[0].properties.Field("DomainNames");
  CHECK(SpanText(file, original->span) == "[contoso.com, fabrikam.com]");
}

TEST_CASE("YamlImporter: a merge key adds the fields the mapping does not set") {
  SourceFile file = Yaml(
      "objects:\n"
      "  - kind: X\n"
      "    properties: &base\n"
      "      Enabled: true\n"
      "      Name: base\n"
      "  - kind: X\n"
      "    properties:\n"
      "      Name: derived\n"
      "      <<: *base\n");
  ImportResult result = MustImport(file);
  REQUIRE(result.objects.size() == 2);
  const Value& derived = result.objects[1].properties;
  REQUIRE(derived.items.size() == 2);
  CHECK(derived.Field("Name")->text == "derived");
  CHECK(derived.Field("Enabled")->boolean);
}

TEST_CASE("YamlImporter: refuses an alias bomb") {
  std::string text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  std::string previous = "a";
  for (std::string name : {"b", "c", "d", "e", "f", "g", "h", "i"}) {
    text += name + ": &" + name + " [";
    for (int i = 0; i < 9; ++i) text += (i ? ", *" : "*") + previous;
    text += "]\n";
    previous = name;
  }
  text += "objects: []\n";
  SourceFile file = Yaml(text);
  ImportError error = MustFail(file);
  CHECK(error.message == "aliases expand the document to more than 1048576 values; refusing it (an alias bomb?)");
  CHECK(At(file, error.span.begin) == "7:8");
  CHECK(SpanText(file, error.span) == "*f");
}

TEST_CASE("YamlImporter: an alias cannot point into the node that contains it") {
  SourceFile file = Yaml("objects: &o [*o]\n");
  ImportError error = MustFail(file);
  CHECK(error.message == "an alias cannot point into the node that contains it");
  CHECK(SpanText(file, error.span) == "*o");
}

TEST_CASE("YamlImporter: nesting deeper than max_depth is an error") {
  ImportLimits limits;
  limits.max_depth = 8;
  // Levels: top mapping, objects, object, properties, then A's lists.
  SourceFile ok = Yaml("objects:\n- kind: X\n  properties:\n    A: [[[[x]]]]\n");
  CHECK(MustImport(ok, limits).objects.size() == 1);
  SourceFile deep = Yaml("objects:\n- kind: X\n  properties:\n    A: [[[[[x]]]]]\n");
  ImportError error = MustFail(deep, limits);
  CHECK(error.message == "values nest more than 8 levels deep; the limit is 8 (raise it with --max-depth)");
  CHECK(At(deep, error.span.begin) == "4:12");

  SourceFile aliased = Yaml("d: &d [[[[x]]]]\nobjects:\n- kind: X\n  properties:\n    A: [*d]\n");
  error = MustFail(aliased, limits);
  CHECK(error.message == "through this alias, values nest more than 8 levels deep; the limit is 8 (raise it with --max-depth)");
  CHECK(SpanText(aliased, error.span) == "*d");

  std::string very_deep = "objects:\n- kind: X\n  properties:\n    A: " + std::string(5000, '[') +
                          std::string(5000, ']') + "\n";
  error = MustFail(Yaml(very_deep));
  CHECK(error.message == "values nest more than 256 levels deep; the limit is 256 (raise it with --max-depth)");
}

TEST_CASE("YamlImporter: more objects than max_objects is an error") {
  ImportLimits limits;
  limits.max_objects = 1;
  SourceFile file = Yaml("kind: X\nobjects:\n  - properties: {}\n  - properties: {}\n");
  ImportError error = MustFail(file, limits);
  CHECK(error.message == "more than 1 object in one file; the limit is 1 (raise it with --max-objects)");
  CHECK(At(file, error.span.begin) == "4:5");
}

TEST_CASE("YamlImporter: a string longer than max_string_bytes is an error") {
  ImportLimits limits;
  limits.max_string_bytes = 10;
  SourceFile file = Yaml("kind: X\nobjects:\n  - properties: {A: abcdefghijk}\n");
  ImportError error = MustFail(file, limits);
  CHECK(error.message == "a string of more than 10 bytes; the limit is 10 bytes (raise it with --max-string-size)");
  CHECK(At(file, error.span.begin) == "3:21");
}

TEST_CASE("YamlImporter: recognizes a top-level objects key only") {
  CHECK(RecognizeYaml(Yaml("# case\nside: cloud\nobjects:\n  - kind: X\n")) == Recognition::kYes);
  CHECK(RecognizeYaml(Yaml("%YAML 1.2\n---\nobjects: []\n")) == Recognition::kYes);
  CHECK(RecognizeYaml(Yaml("objects: # the list\n")) == Recognition::kYes);
  CHECK(RecognizeYaml(Yaml("objects:\r\n")) == Recognition::kYes);
  CHECK(RecognizeYaml(Yaml("")) == Recognition::kNo);
  CHECK(RecognizeYaml(Yaml("side: cloud\n  objects: []\n")) == Recognition::kNo);
  CHECK(RecognizeYaml(Yaml("objectsX: []\n")) == Recognition::kNo);
  CHECK(RecognizeYaml(Yaml("{\"objects\": []}\n")) == Recognition::kNo);
  CHECK(RecognizeYaml(Yaml("id: ORG003\nseverity: error\n")) == Recognition::kNo);
  CHECK(RecognizeYaml(Yaml("\"Name\",\"objects\"\n")) == Recognition::kNo);
  CHECK(RecognizeYaml(Yaml("Objects : {a, b}\n")) == Recognition::kNo);
}

TEST_CASE("YamlImporter: never throws on malformed input") {
  for (std::string text : {"objects: [", "objects: {", "objects: \"", "objects: '", "objects: *x",
                           "objects: &a", "objects: !!map x", "\t- a", ":", "- - -", "? ? ?", "objects: [*]",
                           "%YAML 9.9\n---\nobjects: []", "%TAG ! !x\n---\nobjects: !<tag> []", "objects: |",
                           "objects:\n- kind: X\n  properties: {<<: 1}", "objects:\n- kind: X\n  properties: {a: b: c}",
                           "objects: [] # \xe2\x9c\x93\n...\n", "---\n...\n---\n", "objects:\n- &a kind: *a"}) {
    CAPTURE(text);
    SourceFile file = Yaml(text);
    (void)RecognizeYaml(file);
    auto result = ImportYaml(file, {});
    if (!result) {
      CHECK(!result.error().message.empty());
      CHECK(result.error().span.begin <= file.text().size());
      CHECK(result.error().span.end <= file.text().size());
    }
  }
}

}  // namespace
}  // namespace lint
