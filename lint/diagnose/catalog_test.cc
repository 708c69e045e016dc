#include "lint/diagnose/catalog.h"

#include <doctest/doctest.h>

#include "lint/diag/render.h"

namespace lint {

namespace {

const std::vector<std::string> kRuleIds = {"ORG003", "FED011", "VDR001"};

std::string Load(const std::string& yaml, std::vector<CatalogEntry>* out = nullptr) {
  DiagnosticSink sink;
  std::vector<CatalogEntry> entries = LoadCatalog({{"checks/errors/some-error.yaml", yaml}}, kRuleIds, sink);
  if (out) *out = std::move(entries);
  return RenderDiagnostics(sink.diagnostics(), nullptr);
}

const char* kGood = R"(id: FB900
section: "Some error"
source: seed 000
direction: cloud_to_onprem
issue: "A cloud user can't see an on-premises user."
message: "Some error happened for user@contoso.com"
signatures:
  - 'some error happened for {smtp}'
  - {pattern: 'some error', weight: 3}
keywords: [SomeException]
causes:
  - text: "a setting is wrong"
    rules: [ORG003, FED011]
  - text: "the firewall"
    checkable: false
    why: "no export has it"
manual_steps: ["check the firewall"]
)";

}  // namespace

TEST_CASE("Catalog: a complete entry loads with its signatures compiled") {
  std::vector<CatalogEntry> entries;
  CHECK(Load(kGood, &entries) == "");
  REQUIRE(entries.size() == 1);
  const CatalogEntry& e = entries[0];
  CHECK(e.id == "FB900");
  CHECK(e.name == "some-error");
  CHECK(e.direction == ErrorDirection::kCloudToOnPrem);
  REQUIRE(e.signatures.size() == 2);
  CHECK(e.signatures[0].weight == 10);
  CHECK(e.signatures[1].weight == 3);
  CHECK(e.signatures[0].location == "checks/errors/some-error.yaml:8:5");
  CHECK(RE2::PartialMatch("Some  Error happened forjane.doe@fabrikam.com", *e.signatures[0].regex));
  CHECK(e.causes[1].checkable == false);
  CHECK(e.LinkedRules() == std::vector<std::string>{"ORG003", "FED011"});
}

TEST_CASE("Catalog: unknown keys and unknown rule ids get a did-you-mean at their position") {
  std::string yaml = kGood;
  yaml.replace(yaml.find("keywords"), 8, "keywrds");
  yaml.replace(yaml.find("ORG003"), 6, "ORG030");
  CHECK(Load(yaml) ==
        "checks/errors/some-error.yaml:10:1: error[LINT-CATALOG]: unknown catalog entry key 'keywrds' (did you mean 'keywords'?)\n"
        "checks/errors/some-error.yaml:13:13: error[LINT-CATALOG]: unknown rule 'ORG030' (did you mean 'ORG003'?)\n");
}

TEST_CASE("Catalog: broken signatures are reported at the pattern") {
  std::string yaml = kGood;
  yaml.replace(yaml.find("'some error happened for {smtp}'"), 32, "'some (error'");
  yaml.replace(yaml.find("{pattern: 'some error'"), 22, "{pattern: '{smpt} x'");
  std::string out = Load(yaml);
  CHECK(out ==
        "checks/errors/some-error.yaml:8:5: error[LINT-CATALOG]: invalid RE2 pattern: missing ): some (error\n"
        "checks/errors/some-error.yaml:9:15: error[LINT-CATALOG]: unknown macro '{smpt}' (did you mean 'smtp'?) (macros: {smtp}, {host}, {server}, {url}, {guid}, {ip}, {number}, {gap}, {sep})\n");
}

TEST_CASE("Catalog: a signature that matches the empty text is refused") {
  std::string yaml = kGood;
  yaml.replace(yaml.find("'some error happened for {smtp}'"), 32, "'(?:x)?'");
  CHECK(Load(yaml).find("matches the empty text") != std::string::npos);
}

TEST_CASE("Catalog: a cause either lists rules or says why it cannot be checked") {
  std::string yaml = kGood;
  yaml.replace(yaml.find("    why: \"no export has it\"\n"), 28, "");
  CHECK(Load(yaml).find("a cause with checkable: false says why no export can show it") != std::string::npos);
  yaml = kGood;
  yaml.replace(yaml.find("    checkable: false\n"), 21, "");
  CHECK(Load(yaml).find("'why' explains an uncheckable cause") != std::string::npos);
}

TEST_CASE("Catalog: ids, directions, sources and file names are validated") {
  std::string yaml = kGood;
  yaml.replace(yaml.find("FB900"), 5, "F900");
  yaml.replace(yaml.find("cloud_to_onprem"), 15, "cloud_to_onpremises");
  yaml.replace(yaml.find("seed 000"), 8, "seed 001");
  CHECK(Load(yaml) ==
        "checks/errors/some-error.yaml:1:5: error[LINT-CATALOG]: expected an id of FB and 3 digits, such as FB001, found 'F900'\n"
        "checks/errors/some-error.yaml:3:9: error[LINT-CATALOG]: expected source 'seed 000' (free/busy errors) or 'seed 003' (TLS 1.2), found 'seed 001' (did you mean 'seed 000'?)\n"
        "checks/errors/some-error.yaml:4:12: error[LINT-CATALOG]: expected direction onprem_to_cloud, cloud_to_onprem, both or unknown, found 'cloud_to_onpremises'\n");
  DiagnosticSink sink;
  LoadCatalog({{"checks/errors/Some_Error.yaml", kGood}}, kRuleIds, sink);
  CHECK(RenderDiagnostics(sink.diagnostics(), nullptr) ==
        "checks/errors/Some_Error.yaml: error[LINT-CATALOG]: the file name 'Some_Error.yaml' is not kebab-case (lower-case words joined by '-')\n");
}

TEST_CASE("Catalog: duplicate ids and sections are refused") {
  DiagnosticSink sink;
  auto entries = LoadCatalog({{"checks/errors/a.yaml", kGood}, {"checks/errors/b.yaml", kGood}}, kRuleIds, sink);
  CHECK(entries.size() == 1);
  CHECK(RenderDiagnostics(sink.diagnostics(), nullptr) ==
        "checks/errors/b.yaml: error[LINT-CATALOG]: id FB900 is already used by checks/errors/a.yaml\n");
}

TEST_CASE("Catalog: invalid YAML is one diagnostic with its position") {
  CHECK(Load("id: [FB001\n") ==
        "checks/errors/some-error.yaml:2:1: error[LINT-CATALOG]: invalid YAML: end of sequence flow not found\n");
}

TEST_CASE("ExpandSignature: spaces accept any whitespace or none, outside character classes") {
  CHECK(*ExpandSignature("a b  c[ ]\\ d") == "a\\s*b\\s*c[ ]\\ d");
  CHECK(*ExpandSignature("x{2,3} [^]] y") == "x{2,3}\\s*[^]]\\s*y");
  CHECK(ExpandSignature("{nope}").error().starts_with("unknown macro '{nope}'"));
  CHECK(ExpandSignature("{number}").value() == "\\d+");
}

TEST_CASE("ExpandSignature: macros accept the real variable parts and the source's placeholders") {
  auto matches = [](const std::string& pattern, const std::string& text) {
    RE2::Options options;
    options.set_case_sensitive(false);
    RE2 re("^(?:" + *ExpandSignature(pattern) + ")$", options);
    REQUIRE(re.ok());
    return RE2::FullMatch(text, re);
  };
  CHECK(matches("{smtp}", "Adele.Vance+fb@contoso.mail.onmicrosoft.com"));
  CHECK(matches("{smtp}", "<user SMTP address>"));
  CHECK_FALSE(matches("{smtp}", "contoso.com"));
  CHECK(matches("{host}", "mail.contoso.com"));
  CHECK(matches("{server}", "EX01"));
  CHECK(matches("{url}", "https://autodiscover.contoso.com/autodiscover/autodiscover.svc/WSSecurity"));
  CHECK(matches("{guid}", "3f2a8d4e-9b71-4c6a-b5e2-7d0c1f9a6e38"));
  CHECK(matches("{ip}", "203.0.113.25:443"));
  CHECK(matches("{ip}", "[2603:1026:c0b:10::4]:443"));
  CHECK(matches("{ip}", "CUSTOMER_IP:443"));
  CHECK(matches("a{sep}b", "a. , b"));
  CHECK(matches("a{gap}b", "a" + std::string(240, 'x') + "b"));
  CHECK_FALSE(matches("a{gap}b", "a" + std::string(241, 'x') + "b"));
}

}  // namespace lint
