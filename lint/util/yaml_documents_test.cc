#include "lint/util/yaml_documents.h"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

namespace lint {

TEST_CASE("LoadAllYamlDocuments: reads every document as YAML::LoadAll does") {
  CHECK(LoadAllYamlDocuments("").empty());
  CHECK(LoadAllYamlDocuments("a: 1").size() == 1);
  auto two = LoadAllYamlDocuments("a: 1\n---\nb: 2\n");
  REQUIRE(two.size() == 2);
  CHECK(two[1]["b"].as<int>() == 2);
}

TEST_CASE("LoadAllYamlDocuments: a stray comma is an error at its position, not an endless loop") {
  for (const char* text : {",", "a: 1\n---\n,\n", "# comment\n ,"}) {
    INFO(text);
    try {
      LoadAllYamlDocuments(text);
      FAIL("expected a parser error");
    } catch (const YAML::ParserException& e) {
      CHECK(e.msg == "unexpected ',' where a value or a new document was expected");
    }
  }
  try {
    LoadAllYamlDocuments("a: 1\n---\n,\n");
  } catch (const YAML::ParserException& e) {
    CHECK(e.mark.line == 2);
    CHECK(e.mark.column == 0);
  }
}

}  // namespace lint
