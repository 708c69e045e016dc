// examples/collect/*.ps1 cannot run here (no PowerShell), so they are
// checked by reading: each exports exactly the cmdlets schema/model lists
// for its side, only reads (no changing verb anywhere in the text), wraps
// every export in try/catch, and writes a manifest hybridlint accepts.
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <doctest/doctest.h>
#include <re2/re2.h>

#include "lint/model/kind_schema.h"
#include "lint/model/snapshot_loader.h"
#include "tests/golden.h"

namespace lint {

namespace fs = std::filesystem;

namespace {

struct Script {
  const char* file;
  const char* side;
};
constexpr Script kScripts[] = {{"Export-OnPremises.ps1", "onprem"}, {"Export-ExchangeOnline.ps1", "cloud"}};

std::string ReadScript(const char* file) {
  std::string text = testing::ReadFile(testing::SourceDir() / "examples" / "collect" / file);
  REQUIRE_MESSAGE(!text.empty(), "missing examples/collect/" << file);
  return text;
}

// The cmdlets a script exports: the -Name of every Save-Hybridlint*Export.
std::set<std::string> ExportedCmdlets(const std::string& text) {
  std::set<std::string> out;
  RE2 pattern(R"(Save-Hybridlint(?:PerServer)?Export -Name '(Get-[A-Za-z]+)')");
  REQUIRE(pattern.ok());
  re2::StringPiece input(text);
  std::string name;
  while (RE2::FindAndConsume(&input, pattern, &name)) out.insert(name);
  return out;
}

// Every Verb-Noun token whose verb matches `verbs` (an RE2 alternation).
std::vector<std::string> Tokens(const std::string& text, const std::string& verbs, bool case_insensitive) {
  std::vector<std::string> out;
  RE2 pattern(std::string(case_insensitive ? "(?i)" : "") + R"(\b((?:)" + verbs + R"()-[A-Za-z]+))");
  REQUIRE(pattern.ok());
  re2::StringPiece input(text);
  std::string token;
  while (RE2::FindAndConsume(&input, pattern, &token)) out.push_back(token);
  return out;
}

}  // namespace

TEST_CASE("CollectScripts: each script exports exactly the cmdlets schema/model lists for its side") {
  for (const Script& script : kScripts) {
    INFO("examples/collect/" << std::string(script.file));
    std::set<std::string> expected;
    for (const KindSchema& kind : ModelSchema::Builtin().kinds()) {
      for (const std::string& side : kind.sides) {
        if (side == script.side) expected.insert(kind.cmdlet);
      }
    }
    REQUIRE(!expected.empty());
    std::string text = ReadScript(script.file);
    std::set<std::string> exported = ExportedCmdlets(text);
    for (const std::string& cmdlet : expected) CHECK_MESSAGE(exported.count(cmdlet), "not exported: " << cmdlet);
    for (const std::string& cmdlet : exported) CHECK_MESSAGE(expected.count(cmdlet), "not in schema/model for this side: " << cmdlet);
    // Each exported cmdlet is also run (its name appears beyond -Name '...').
    for (const std::string& cmdlet : exported) {
      size_t count = 0;
      for (size_t at = text.find(cmdlet); at != std::string::npos; at = text.find(cmdlet, at + 1)) {
        char next = at + cmdlet.size() < text.size() ? text[at + cmdlet.size()] : ' ';
        if (!std::isalpha(static_cast<unsigned char>(next))) ++count;
      }
      CHECK_MESSAGE(count >= 2, cmdlet << " is named but never run");
    }
  }
}

TEST_CASE("CollectScripts: the scripts only read") {
  for (const Script& script : kScripts) {
    INFO("examples/collect/" << std::string(script.file));
    std::string text = ReadScript(script.file);
    // The verbs that change Exchange, anywhere in the text, in any case.
    auto changing = Tokens(text, "Set|New|Remove|Add|Enable|Disable|Clear|Update|Install|Uninstall|Register|"
                                 "Unregister|Start|Stop|Restart|Suspend|Resume|Move|Rename|Mount|Dismount|Invoke|"
                                 "Import|Grant|Revoke|Reset|Restore|Send|Publish|Unpublish|Disconnect|Sync|Repair",
                           true);
    for (const std::string& t : changing) FAIL_CHECK("changing cmdlet in the script: " << t);
    // Every other cmdlet-shaped token uses a verb from this short list.
    auto all = Tokens(text, "[A-Z][a-z]+(?:To|From)?", false);
    static const std::set<std::string> kAllowed = {"Get", "Export", "Select", "Where", "ForEach", "Join",
                                                   "Write", "Test", "Save", "ConvertTo", "Connect", "Format"};
    for (const std::string& t : all) {
      std::string verb = t.substr(0, t.find('-'));
      std::string noun = t.substr(t.find('-') + 1);
      if (noun.empty() || !std::isupper(static_cast<unsigned char>(noun[0]))) continue;  // "on-premises"
      CHECK_MESSAGE(kAllowed.count(verb), "unexpected verb in " << t);
    }
    // Connect-ExchangeOnline is the user's step, only named in the help.
    CHECK(text.find("\nConnect-") == std::string::npos);
  }
}

TEST_CASE("CollectScripts: whole lists, one try/catch per export, a summary of failures") {
  for (const Script& script : kScripts) {
    INFO("examples/collect/" << std::string(script.file));
    std::string text = ReadScript(script.file);
    CHECK(text.find("$FormatEnumerationLimit = -1") != std::string::npos);
    CHECK(text.find("$ErrorActionPreference = 'Stop'") != std::string::npos);
    CHECK(text.find("Export-Clixml -Path $path") != std::string::npos);
    CHECK(text.find("} catch {") != std::string::npos);
    CHECK(text.find("FAILED: ") != std::string::npos);
    CHECK(text.find("export(s) failed") != std::string::npos);
    CHECK(text.find(std::string("$side = '") + script.side + "'") != std::string::npos);
  }
  std::string onprem = ReadScript("Export-OnPremises.ps1");
  // Per server, and the certificate projection that keeps what plain
  // Export-Clixml loses.
  CHECK(onprem.find("Get-WebServicesVirtualDirectory -Server $s") != std::string::npos);
  CHECK(onprem.find("Get-AutodiscoverVirtualDirectory -Server $s") != std::string::npos);
  CHECK(onprem.find("Get-ExchangeCertificate -Server $s | Select-Object -Property $certificateProperties") !=
        std::string::npos);
  for (const char* p : {"'Thumbprint'", "'Subject'", "'Issuer'", "'NotBefore'", "'NotAfter'", "'Services'",
                        "'Status'", "'CertificateDomains'", "'HasPrivateKey'", "'RawData'", "'Identity'"}) {
    CHECK_MESSAGE(onprem.find(p) != std::string::npos, "certificate projection lacks " << p);
  }
}

TEST_CASE("CollectScripts: the manifest the scripts write is one hybridlint reads without a warning") {
  // The example in examples/collect/README.md has the scripts' exact shape.
  std::string readme = testing::ReadFile(testing::SourceDir() / "examples" / "collect" / "README.md");
  size_t start = readme.find("```yaml\n# hybridlint snapshot manifest, written by examples/collect\n");
  REQUIRE(start != std::string::npos);
  start += 8;
  size_t end = readme.find("```", start);
  REQUIRE(end != std::string::npos);
  std::string manifest = readme.substr(start, end - start);
  for (const Script& script : kScripts) {
    CHECK(ReadScript(script.file).find("# hybridlint snapshot manifest, written by examples/collect") !=
          std::string::npos);
  }

  fs::path dir = fs::temp_directory_path() / "hybridlint-collect-manifest-test";
  fs::remove_all(dir);
  fs::create_directories(dir / "onprem");
  std::ofstream(dir / "snapshot.yaml", std::ios::binary) << manifest;
  std::ofstream(dir / "onprem" / "Get-SettingOverride.xml", std::ios::binary)
      << "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\" />\n";
  RealFileSystem real;
  DiagnosticSink sink;
  Snapshot snapshot = LoadSnapshot({dir.string()}, real, LoadOptions{}, sink);
  CHECK(sink.diagnostics().empty());
  CHECK(snapshot.manifest.organization == "Contoso");
  CHECK(snapshot.manifest.collected_at == "2026-11-20T09:30:00Z");
  CHECK(snapshot.manifest.collected_by == "CORP\\exadmin");
  CHECK(snapshot.manifest.cloud_instance == "worldwide");
  CHECK(snapshot.manifest.tenant == "contoso.mail.onmicrosoft.com");
  // An empty export (the cmdlet returned nothing) is an export of none.
  CHECK(snapshot.HasExport("SettingOverride", Side::kOnPrem));
  CHECK(snapshot.Find("SettingOverride", Side::kOnPrem).empty());
  fs::remove_all(dir);
}

}  // namespace lint
