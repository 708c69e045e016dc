// The error catalog (checks/errors/) and `hybridlint diagnose`:
//  - one entry per error section of seed 000 and seed 003, consistent with
//    the schema and with the rules that cite those sections;
//  - every entry matched by its realistic variants
//    (fixtures/diagnose/messages/<entry>/*.txt) and each variant by that
//    entry only, so no entry matches another's text;
//  - catalog errors (fixtures/diagnose/catalog-errors/<case>.yaml ->
//    <case>.expected);
//  - whole command lines (fixtures/diagnose/cli/<case>/args -> stdout,
//    stderr, status), with snapshots that confirm and rule out causes.
#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "lint/cli/cli.h"
#include "lint/diag/render.h"
#include "lint/diagnose/catalog.h"
#include "lint/diagnose/matcher.h"
#include "lint/diagnose/verdict.h"
#include "lint/model/snapshot_loader.h"
#include "lint/rules/rule_loader.h"
#include "tests/golden.h"

namespace lint {

namespace fs = std::filesystem;

namespace {

// Every error section of the sources, with its heading exactly as written
// there: the 32 sections of seed 000 (the free/busy error guide) and the 4
// error headings of seed 003 (TLS 1.2).
const std::vector<std::pair<std::string, std::string>> kSourceSections = {
    {"seed 000", "An error occurred when verifying security for the message"},
    {"seed 000", "Proxy web request failed: Unable to connect to the remote server"},
    {"seed 000", "Autodiscover failed for email address: HTTP status 404"},
    {"seed 000", "Exception proxy web request failed"},
    {"seed 000", "An existing connection was forcibly closed by the remote host"},
    {"seed 000", "Configuration information for forest/domain could not be found in Active Directory"},
    {"seed 000", "Proxy web request failed: HTTP status 401"},
    {"seed 000", "Autodiscover failed for email address: InvalidUser"},
    {"seed 000", "The caller does not have access to free/busy data"},
    {"seed 000", "An error occurred when processing the security tokens in the message"},
    {"seed 000", "The cross-organization request is not allowed because the requester is from a different organization"},
    {"seed 000", "The request failed with HTTP status 401: Unauthorized (missing signing certificate)"},
    {"seed 000", "The application is missing a linked account for RBAC roles, or the linked account has no RBAC role "
                 "assignments, or the calling users account is logon disabled"},
    {"seed 000", "The entered and stored passwords do not match"},
    {"seed 000", "The password has to be changed or the password for the account has expired"},
    {"seed 000", "Provision is needed before federated account can be logged in"},
    {"seed 000", "The request timed out"},
    {"seed 000", "The specified member name is either invalid or empty"},
    {"seed 000", "The result set contains too many calendar entries"},
    {"seed 000", "Work hours start time must be less than or equal to end time"},
    {"seed 000", "The request failed with HTTP status 401: Unauthorized (token has an invalid signature)"},
    {"seed 000", "The request failed with HTTP status 401: Unauthorized (key was not found)"},
    {"seed 000", "Proxy web request failed: Response is not well-formed XML"},
    {"seed 000", "Unable to connect to the remote server"},
    {"seed 000", "Autodiscover failed for email address: The remote name could not be resolved"},
    {"seed 000", "Failed to get ASURL. Error 8004010F"},
    {"seed 000", "Proxy web request failed: Object moved"},
    {"seed 000", "The request was aborted: Could not create SSL/TLS secure channel"},
    {"seed 000", "The user specified by the user-context in the token does not exist"},
    {"seed 000", "The hostname component of the audience claim value is invalid"},
    {"seed 000", "Proxy web request failed with HTTP status 503: Service unavailable"},
    {"seed 000", "Proxy web request failed with HTTP status 504: Gateway timeout"},
    {"seed 003", "Errors when creating a federation trust"},
    {"seed 003", "Errors when adding a domain to a federation trust"},
    {"seed 003", "Error when creating authorization server objects"},
    {"seed 003", "Error when testing OAuth connectivity"},
};

// Rules that cite a catalog section in their references for a fact the
// section states, without testing one of its causes: (rule, entry, why).
const std::vector<std::tuple<std::string, std::string, std::string>> kCitesWithoutTesting = {
    {"HYB014", "FB032", "cites the Hybrid Agent TargetSharingEpr form; it checks message tracking"},
    {"IOC003", "FB030", "cites the workaround (disabling the connector falls back to DAuth), not a cause"},
    {"IOC004", "FB030", "cites the workaround (a disabled cloud connector), not a cause"},
    {"IOC005", "FB030", "cites the workaround's prerequisite (DAuth must work), not a cause"},
    {"OAU003", "FB035", "cites the New-AuthServer -AuthMetadataUrl form; the section's cause is TLS 1.2"},
    {"OAU014", "FB027", "cites the Hybrid Agent TargetSharingEpr form; it checks HMA with the agent"},
    {"ORG015", "FB027", "cites what TargetSharingEpr does; it checks the on-premises side, the other direction"},
    {"VDR007", "FB001", "cites the TargetSharingEpr note; a missing external EWS URL is not a cause of the error"},
    {"VDR008", "FB028", "an http EWS URL does not make TLS fail; the section's causes are TLS settings"},
    {"VDR009", "FB002", "cites the step to check every Client Access server; the causes are network ones"},
};

const std::vector<Rule>& BuiltinRules() {
  static const std::vector<Rule> kRules = [] {
    DiagnosticSink sink;
    return LoadRules(BuiltinRuleSources(), sink);
  }();
  return kRules;
}

std::vector<std::string> RuleIds() {
  std::vector<std::string> ids;
  for (const Rule& r : BuiltinRules()) ids.push_back(r.id);
  return ids;
}

const std::vector<CatalogEntry>& Catalog() {
  static const std::vector<CatalogEntry> kCatalog = [] {
    DiagnosticSink sink;
    std::vector<CatalogEntry> catalog = LoadCatalog(BuiltinCatalogSources(), RuleIds(), sink);
    INFO(RenderDiagnostics(sink.diagnostics(), nullptr));
    CHECK(sink.diagnostics().empty());
    return catalog;
  }();
  return kCatalog;
}

std::vector<std::string> MatchIds(const std::string& text) {
  MatchResult r = MatchErrorText(Catalog(), NormalizeErrorText(text));
  std::vector<std::string> ids;
  for (const EntryMatch& m : r.matches) ids.push_back(m.entry->id);
  return ids;
}

std::vector<fs::path> Sorted(const fs::path& dir, bool directories) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_directory() == directories) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("ErrorCatalog: one entry per error section of seed 000 and seed 003, headings verbatim") {
  std::set<std::pair<std::string, std::string>> want(kSourceSections.begin(), kSourceSections.end());
  std::set<std::pair<std::string, std::string>> have;
  for (const CatalogEntry& e : Catalog()) have.insert({e.source, e.section});
  for (const auto& s : want) CHECK_MESSAGE(have.count(s), "no catalog entry for " << s.first << ", \"" << s.second << "\"");
  for (const auto& s : have) CHECK_MESSAGE(want.count(s), "catalog entry for an unknown section: \"" << s.second << "\"");
  CHECK(Catalog().size() == kSourceSections.size());
}

TEST_CASE("ErrorCatalog: every entry has a whole-message signature and at least one cause") {
  for (const CatalogEntry& e : Catalog()) {
    INFO("entry " << e.id << " (" << e.file << ")");
    CHECK(std::any_of(e.signatures.begin(), e.signatures.end(), [](const Signature& s) { return s.weight >= 10; }));
    CHECK(!e.causes.empty());
    CHECK(e.file == "checks/errors/" + e.name + ".yaml");
  }
}

TEST_CASE("ErrorCatalog: schema/error.schema.json lists exactly the keys the loader accepts") {
  auto schema = nlohmann::json::parse(testing::ReadFile(testing::SourceDir() / "schema" / "error.schema.json"));
  auto keys = [](const nlohmann::json& properties) {
    std::vector<std::string> out;
    for (const auto& [k, v] : properties.items()) out.push_back(k);
    std::sort(out.begin(), out.end());
    return out;
  };
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  CHECK(keys(schema["properties"]) == sorted(CatalogEntryKeys()));
  CHECK(keys(schema["properties"]["causes"]["items"]["properties"]) == sorted(CatalogCauseKeys()));
  CHECK(keys(schema["properties"]["signatures"]["items"]["oneOf"][1]["properties"]) == sorted(CatalogSignatureKeys()));
  std::vector<std::string> required;
  for (const auto& r : schema["required"]) required.push_back(r.get<std::string>());
  for (const std::string& k : required) CHECK(std::find(CatalogEntryKeys().begin(), CatalogEntryKeys().end(), k) != CatalogEntryKeys().end());
}

TEST_CASE("ErrorCatalog: every rule that cites a catalog section is linked from that entry") {
  std::map<std::string, const CatalogEntry*> by_section;
  for (const CatalogEntry& e : Catalog()) by_section[e.source + "|" + e.section] = &e;
  std::set<std::pair<std::string, std::string>> exceptions;
  for (const auto& [rule, entry, why] : kCitesWithoutTesting) exceptions.insert({rule, entry});
  std::set<std::pair<std::string, std::string>> used_exceptions;
  static const std::regex kQuoted("\"([^\"]*)\"");
  for (const Rule& rule : BuiltinRules()) {
    for (const std::string& ref : rule.docs.references) {
      std::string source = ref.substr(0, 8);
      if (source != "seed 000" && source != "seed 003") continue;
      for (auto it = std::sregex_iterator(ref.begin(), ref.end(), kQuoted); it != std::sregex_iterator(); ++it) {
        auto found = by_section.find(source + "|" + (*it)[1].str());
        if (found == by_section.end()) continue;
        const CatalogEntry& e = *found->second;
        std::vector<std::string> linked = e.LinkedRules();
        if (std::find(linked.begin(), linked.end(), rule.id) != linked.end()) continue;
        if (exceptions.count({rule.id, e.id})) {
          used_exceptions.insert({rule.id, e.id});
          continue;
        }
        FAIL_CHECK(rule.id << " cites " << e.id << " (\"" << e.section << "\") but no cause of " << e.file
                           << " links it; link it or add it to kCitesWithoutTesting with the reason");
      }
    }
  }
  for (const auto& ex : exceptions) CHECK_MESSAGE(used_exceptions.count(ex), "stale exception " << ex.first << " / " << ex.second);
}

TEST_CASE("Diagnose: every entry is matched by at least two variants, and each variant by that entry only") {
  fs::path root = testing::SourceDir() / "fixtures" / "diagnose" / "messages";
  std::map<std::string, std::string> by_name;
  for (const CatalogEntry& e : Catalog()) by_name[e.name] = e.id;
  std::set<std::string> seen;
  std::string table;
  for (const fs::path& dir : Sorted(root, true)) {
    std::string name = dir.filename().string();
    INFO("variants of " << name);
    REQUIRE_MESSAGE(by_name.count(name), "fixture folder without a catalog entry: " << dir.string());
    seen.insert(name);
    std::vector<fs::path> files = Sorted(dir, false);
    CHECK_MESSAGE(files.size() >= 2, "fewer than two variants for " << name);
    for (const fs::path& file : files) {
      INFO("variant " << file.filename().string());
      ErrorText text = NormalizeErrorText(testing::ReadFile(file));
      MatchResult r = MatchErrorText(Catalog(), text);
      std::vector<std::string> ids;
      for (const EntryMatch& m : r.matches) ids.push_back(m.entry->id);
      CHECK(ids == std::vector<std::string>{by_name[name]});
      table += name + "/" + file.filename().string() + ":";
      for (const EntryMatch& m : r.matches) {
        table += " " + m.entry->id + " " + std::to_string(m.score) + " (signature";
        for (const SignatureHit& h : m.signatures) table += " " + std::to_string(h.signature - m.entry->signatures.data() + 1);
        for (const KeywordHit& k : m.keywords) table += ", keyword " + k.keyword->text;
        for (int lid : m.lids) table += ", LID " + std::to_string(lid);
        table += ")";
      }
      table += "\n";
    }
  }
  for (const auto& [name, id] : by_name) CHECK_MESSAGE(seen.count(name), "no variants for " << id << " (" << name << ")");
  testing::CheckGolden(root.parent_path() / "match-table.expected", table);
}

TEST_CASE("Diagnose: each entry's documented message matches that entry only") {
  for (const CatalogEntry& e : Catalog()) {
    INFO("entry " << e.id);
    CHECK(MatchIds(e.message) == std::vector<std::string>{e.id});
  }
}

TEST_CASE("Diagnose: a fragment several messages share matches each of them, tied") {
  CHECK(MatchIds("System.Net.WebException: The request failed with HTTP status 401: Unauthorized.") ==
        std::vector<std::string>{"FB012", "FB021", "FB022"});
  CHECK(MatchIds("Unable to connect to the remote server") == std::vector<std::string>{"FB002", "FB024"});
  CHECK(MatchIds("An existing connection was forcibly closed by the remote host") ==
        std::vector<std::string>{"FB005", "FB036"});
  CHECK(MatchIds("The underlying connection was closed: An unexpected error occurred on a receive.") ==
        std::vector<std::string>{"FB033", "FB034", "FB035", "FB036"});
}

TEST_CASE("Diagnose: a log with two different errors matches both, the generic one left out where the specific one holds it") {
  std::string log =
      "10:00:01 Proxy web request failed. , inner exception: The request failed with HTTP status 401: Unauthorized "
      "diagnostics: 2000005;reason=\"The user specified by the user-context in the token is ambiguous.\"\n"
      "10:00:02 Microsoft.Exchange.InfoWorker.Common.Availability.NoFreeBusyAccessException: The caller does not "
      "have access to free/busy data.\n";
  CHECK(MatchIds(log) == std::vector<std::string>{"FB004", "FB009"});
  CHECK(MatchIds(log + "10:00:03 Proxy web request failed. ,inner exception: The request failed with HTTP status 401: Unauthorized.\n") ==
        std::vector<std::string>{"FB004", "FB009", "FB007"});
}

TEST_CASE("Diagnose: catalog errors are reported with file, line, column and a suggestion") {
  fs::path root = testing::SourceDir() / "fixtures" / "diagnose" / "catalog-errors";
  fs::current_path(testing::SourceDir());
  for (const fs::path& file : Sorted(root, false)) {
    if (file.extension() != ".yaml") continue;
    INFO("case " << file.filename().string());
    std::string display = "fixtures/diagnose/catalog-errors/" + file.filename().string();
    DiagnosticSink sink;
    LoadCatalog({{display, testing::ReadFile(file)}}, RuleIds(), sink);
    CHECK(sink.has_errors());
    fs::path expected = file;
    expected.replace_extension(".expected");
    testing::CheckGolden(expected, RenderDiagnostics(sink.diagnostics(), nullptr));
  }
}

TEST_CASE("Diagnose: a snapshot confirms the cause it shows and rules out the ones it does not") {
  fs::current_path(testing::SourceDir());
  std::vector<const Rule*> rules;
  for (const Rule& r : BuiltinRules()) rules.push_back(&r);
  auto judge = [&](const std::string& snapshot_dir, const std::string& entry_id) {
    RealFileSystem fs;
    DiagnosticSink sink;
    Snapshot snapshot = LoadSnapshot({snapshot_dir}, fs, LoadOptions{}, sink);
    CHECK(!sink.has_errors());
    EngineOptions options;
    options.now = "2026-11-22";
    LintResult result = RunRules(rules, snapshot, options);
    auto it = std::find_if(Catalog().begin(), Catalog().end(), [&](const CatalogEntry& e) { return e.id == entry_id; });
    REQUIRE(it != Catalog().end());
    std::map<std::string, std::string> verdicts;  // first rule of the cause (or "-") -> verdict
    for (const CauseJudgement& j : JudgeCauses(*it, result)) {
      verdicts[j.cause->rules.empty() ? "cause " + std::to_string(j.number) : j.cause->rules.front()] =
          CauseVerdictName(j.verdict);
    }
    return verdicts;
  };
  // FB001: the broken example's cloud relationship targets outlook.com.
  auto broken = judge("examples/contoso-broken", "FB001");
  CHECK(broken["ORG003"] == "confirmed");
  CHECK(broken["VDR001"] == "ruled_out");
  CHECK(broken["cause 2"] == "undecidable");
  auto healthy = judge("examples/contoso", "FB001");
  CHECK(healthy["ORG003"] == "ruled_out");
  // FB012: the broken example's auth certificate has expired.
  CHECK(judge("examples/contoso-broken", "FB012")["CRT002"] == "confirmed");
  auto healthy_cert = judge("examples/contoso", "FB012");
  CHECK(healthy_cert["CRT001"] == "ruled_out");
  // The healthy example exports the certificate as CLIXML, which keeps only
  // RawData: CRT006 (Status) cannot run, so that cause stays open.
  CHECK(healthy_cert["CRT002"] == "undecidable");
  // Without the cloud side, a cause that only cloud exports show stays open.
  CHECK(judge("examples/contoso/onprem", "FB001")["ORG003"] == "undecidable");
}

TEST_CASE("Diagnose: command lines match their stdout, stderr and exit status") {
  fs::path root = testing::SourceDir();
  fs::current_path(root);
  std::vector<fs::path> cases = Sorted(root / "fixtures" / "diagnose" / "cli", true);
  CHECK(!cases.empty());
  for (const fs::path& dir : cases) {
    INFO("diagnose case " << dir.filename().string());
    std::vector<std::string> args;
    std::stringstream ss(testing::ReadFile(dir / "args"));
    std::string line;
    // One argument per line; "\n" inside a line is a line break of that
    // argument (a pasted multi-line message).
    while (std::getline(ss, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      args.push_back(testing::ReplaceAll(line, "\\n", "\n"));
    }
    std::vector<std::string_view> views(args.begin(), args.end());
    std::ostringstream out, err;
    RealFileSystem real;
    int status = cli::Run(views, real, out, err, "2026-11-22");
    testing::CheckGolden(dir / "stdout", out.str());
    testing::CheckGolden(dir / "stderr", err.str());
    testing::CheckGolden(dir / "status", std::to_string(status) + "\n");
  }
}

}  // namespace lint
