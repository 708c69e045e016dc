// The consistency of checks/, fixtures/checks/, the rule docs and
// schema/rule.schema.json (style-by-example section 4).
#include <algorithm>
#include <filesystem>
#include <set>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "lint/diag/render.h"
#include "lint/rules/rule_loader.h"
#include "tests/golden.h"

namespace lint {

namespace fs = std::filesystem;

namespace {

std::vector<Rule> BuiltinRules() {
  DiagnosticSink sink;
  std::vector<Rule> rules = LoadRules(BuiltinRuleSources(), sink);
  INFO(RenderDiagnostics(sink.diagnostics(), nullptr));
  CHECK(sink.diagnostics().empty());
  return rules;
}

}  // namespace

TEST_CASE("CheckCatalog: every built-in rule loads without a diagnostic") {
  std::vector<Rule> rules = BuiltinRules();
  CHECK(rules.size() >= 40);
}

TEST_CASE("CheckCatalog: every rule has bad and good fixtures, with goldens that agree") {
  fs::path root = testing::SourceDir();
  for (const Rule& rule : BuiltinRules()) {
    INFO("rule " << rule.id << " (" << rule.file << ")");
    fs::path dir = root / "fixtures" / "checks" / rule.category / rule.name;
    REQUIRE_MESSAGE(fs::is_directory(dir), "missing fixture folder " << dir.string());
    int bad = 0, good = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::string name = entry.path().filename().string();
      if (entry.path().extension() == ".expected") {
        std::string stem = entry.path().stem().string();
        CHECK_MESSAGE((fs::exists(dir / stem) || [&] {
                        for (const auto& e : fs::directory_iterator(dir)) {
                          if (e.path().stem() == stem && e.path().extension() != ".expected") return true;
                        }
                        return false;
                      }()),
                      "golden without a case: " << entry.path().string());
        std::string golden = testing::ReadFile(entry.path());
        if (stem.starts_with("good-")) {
          CHECK_MESSAGE(golden.empty(), "a good case's golden must be empty: " << entry.path().string());
        } else if (stem.starts_with("bad-")) {
          CHECK_MESSAGE(golden.find("[" + rule.id + "]") != std::string::npos,
                        "a bad case must make " << rule.id << " fire: " << entry.path().string());
        }
        continue;
      }
      CHECK_MESSAGE((name.starts_with("bad-") || name.starts_with("good-")),
                    "fixture case names start with bad- or good-: " << entry.path().string());
      if (name.starts_with("bad-")) ++bad;
      if (name.starts_with("good-")) ++good;
    }
    CHECK_MESSAGE(bad >= 1, "no bad-* case for " << rule.id);
    CHECK_MESSAGE(good >= 1, "no good-* case for " << rule.id);
  }
}

TEST_CASE("CheckCatalog: every fixture folder belongs to a rule") {
  fs::path root = testing::SourceDir() / "fixtures" / "checks";
  std::set<std::string> known;
  for (const Rule& rule : BuiltinRules()) known.insert(rule.category + "/" + rule.name);
  for (const auto& category : fs::directory_iterator(root)) {
    if (!category.is_directory()) continue;
    for (const auto& rule_dir : fs::directory_iterator(category.path())) {
      std::string key = category.path().filename().string() + "/" + rule_dir.path().filename().string();
      CHECK_MESSAGE(known.count(key) == 1, "orphan fixture folder (no rule checks/" << key << ".yaml)");
    }
  }
}

TEST_CASE("CheckCatalog: rule docs are complete and ids are unique") {
  std::set<std::string> ids, names;
  for (const Rule& rule : BuiltinRules()) {
    INFO("rule " << rule.id);
    CHECK(ids.insert(rule.id).second);
    CHECK(names.insert(rule.name).second);
    CHECK(!rule.docs.what.empty());
    CHECK(!rule.docs.why.empty());
    CHECK(!rule.docs.references.empty());
    CHECK(!rule.message.empty());
    CHECK(!rule.fix.empty());
    CHECK_MESSAGE(!(rule.message.front() >= 'A' && rule.message.front() <= 'Z'), "messages start lower-case");
    CHECK_MESSAGE(rule.message.back() != '.', "messages have no final period");
  }
}

TEST_CASE("CheckCatalog: schema/rule.schema.json lists exactly the keys and operators the loader accepts") {
  auto schema = nlohmann::json::parse(testing::ReadFile(testing::SourceDir() / "schema" / "rule.schema.json"));
  std::vector<std::string> keys;
  for (const auto& [k, v] : schema["properties"].items()) keys.push_back(k);
  std::vector<std::string> loader = RuleFileKeys();
  std::sort(keys.begin(), keys.end());
  std::sort(loader.begin(), loader.end());
  CHECK(keys == loader);
  std::vector<std::string> ops;
  for (const auto& [k, v] : schema["$defs"]["leaf"]["properties"].items()) {
    if (k != "property") ops.push_back(k);
  }
  std::vector<std::string> loader_ops = ConditionOperators();
  std::sort(ops.begin(), ops.end());
  std::sort(loader_ops.begin(), loader_ops.end());
  CHECK(ops == loader_ops);
}

}  // namespace lint
