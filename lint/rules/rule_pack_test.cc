#include "lint/rules/rule_pack.h"

#include <thread>

#include <doctest/doctest.h>

#include "lint/rules/rule_loader.h"
#include "lint/util/embedded.h"

namespace lint {

namespace {

ModelSchema ModelFromYaml(DiagnosticSink& sink) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    if (f.path.starts_with("schema/model/") && f.path.ends_with(".yaml")) {
      files.emplace_back(std::string(f.path), std::string(f.contents));
    }
  }
  return ModelSchema::Load(files, sink);
}

}  // namespace

TEST_CASE("the precompiled pack is what the loaders make of the embedded YAML") {
  REQUIRE_FALSE(PrecompiledPack().empty());  // lint_tests links lint_pack, as hybridlint does
  DiagnosticSink sink;
  ModelSchema schema = ModelFromYaml(sink);
  std::vector<Rule> rules = LoadRules(BuiltinRuleSources(), sink);
  CHECK(sink.diagnostics().empty());
  CHECK(rules.size() == 151);
  std::vector<CloudProfileText> clouds;
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    if (f.path == "checks/clouds.yaml") clouds = ParseCloudProfiles(std::string(f.contents));
  }
  CHECK(clouds.size() >= 4);
  CHECK(SerializePack(schema, clouds, rules) == PrecompiledPack());
}

TEST_CASE("a pack reads back to the same rules and model") {
  std::string_view pack = PrecompiledPack();
  PackContents contents = DeserializePack(pack);
  CHECK(SerializePack(contents.schema, contents.clouds, contents.rules) == pack);
  CHECK(DeserializePack(pack, kPackSchema).rules.empty());
  CHECK(DeserializePack(pack, kPackRules).schema.kinds().empty());
  DiagnosticSink sink;
  std::vector<Rule> builtin = LoadBuiltinRules(sink);
  CHECK(sink.diagnostics().empty());
  CHECK(SerializePack(contents.schema, BuiltinCloudProfiles(), builtin) == pack);
  CHECK_THROWS(DeserializePack(pack.substr(0, pack.size() / 2)));
  CHECK_THROWS(DeserializePack("not a pack"));
}

TEST_CASE("built-in rules and --rules rules load together; a reused id is reported") {
  DiagnosticSink sink;
  std::vector<Rule> builtin = LoadBuiltinRules(sink);
  RuleSource first = BuiltinRuleSources().front();
  RuleSource copy{"mine/copy.yaml", first.contents, false};
  std::vector<Rule> rules = LoadRules(builtin, {copy}, sink);
  CHECK(rules.size() == builtin.size());
  REQUIRE(sink.diagnostics().size() == 1);
  const Rule* original = nullptr;
  for (const Rule& r : builtin) {
    if (r.file == first.path) original = &r;
  }
  REQUIRE(original != nullptr);
  CHECK(sink.diagnostics()[0].message == "rule id " + original->id + " is already used by " + first.path);
}

TEST_CASE("a lazy regex compiles once, on first use, from any thread") {
  LazyRegex re("^ab+c$");
  std::vector<std::thread> threads;
  std::vector<int> matched(8, 0);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] { matched[i] = RE2::FullMatch("abbbc", re.get()) ? 1 : 0; });
  }
  for (std::thread& t : threads) t.join();
  for (int m : matched) CHECK(m == 1);
  CHECK(re.pattern() == "^ab+c$");
  CHECK(&re.get() == &re.get());
}

}  // namespace lint
