#include "lint/diag/renderer.h"

#include <set>

#include <doctest/doctest.h>

namespace lint {

namespace {

Snapshot WithInputs(std::vector<std::string> paths) {
  Snapshot s;
  for (const std::string& p : paths) s.inputs.push_back(InputFile{p, "yaml", "utf-8"});
  return s;
}

}  // namespace

TEST_CASE("Renderer: the table lists every format once, text first") {
  std::vector<std::string> names = RendererNames();
  CHECK(names == std::vector<std::string>{"text", "json", "sarif", "junit", "markdown", "html"});
  std::set<std::string_view> extensions;
  for (const RendererInfo& r : AllRenderers()) {
    CHECK(r.extension.starts_with("."));
    CHECK(!r.summary.empty());
    CHECK(static_cast<bool>(r.render));
    extensions.insert(r.extension);
    CHECK(FindRenderer(r.name) == &r);
  }
  CHECK(extensions.size() == names.size());
  CHECK(FindRenderer("sarif2") == nullptr);
  CHECK(FindRenderer("") == nullptr);
}

TEST_CASE("Renderer: EscapeXml escapes markup and replaces what XML 1.0 cannot hold") {
  CHECK(EscapeXml("a<b>&\"'c") == "a&lt;b&gt;&amp;&quot;'c");
  CHECK(EscapeXml("Zoë Brontë 日本") == "Zoë Brontë 日本");
  CHECK(EscapeXml("tab\tnew\nline\r") == "tab\tnew\nline\r");
  CHECK(EscapeXml(std::string("bell\x07") + "\x1b") == "bell\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(EscapeXml(std::string("nul", 3) + std::string(1, '\0')) == "nul\xEF\xBF\xBD");
  CHECK(EscapeXml("bad \xC3( utf-8") == "bad \xEF\xBF\xBD( utf-8");    // truncated sequence
  CHECK(EscapeXml("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");          // overlong '/'
  CHECK(EscapeXml("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(EscapeXml("\xEF\xBF\xBE") == "\xEF\xBF\xBD");                  // U+FFFE
}

TEST_CASE("Renderer: CommonInputRoot is the directory every input shares") {
  CHECK(CommonInputRoot(WithInputs({"ex/contoso/cloud/a.xml", "ex/contoso/onprem/b.json"})) == "ex/contoso");
  CHECK(CommonInputRoot(WithInputs({"ex/contoso/cloud/a.xml"})) == "ex/contoso/cloud");
  CHECK(CommonInputRoot(WithInputs({"ex/ab/a.xml", "ex/a/b.xml"})) == "ex");
  CHECK(CommonInputRoot(WithInputs({"a.xml", "b/c.xml"})) == "");
  CHECK(CommonInputRoot(WithInputs({})) == "");
}

TEST_CASE("Renderer: SnapshotName prefers the organization, then the shared directory") {
  Snapshot s = WithInputs({"ex/contoso/cloud/a.xml", "ex/contoso/onprem/b.json"});
  CHECK(SnapshotName(s) == "ex/contoso");
  s.manifest.organization = "Zoë's Contoso";
  CHECK(SnapshotName(s) == "Zoë's Contoso");
  CHECK(SnapshotName(WithInputs({"a.xml"})) == "snapshot");
}

TEST_CASE("Renderer: CountFindings counts waived and baselined findings apart from their severity") {
  LintResult r;
  auto add = [&](Severity s, bool waived, bool baselined) {
    Finding f;
    f.severity = s;
    f.waived = waived;
    f.baselined = baselined;
    r.findings.push_back(f);
  };
  add(Severity::kError, false, false);
  add(Severity::kError, true, false);
  add(Severity::kWarning, false, true);
  add(Severity::kWarning, false, false);
  add(Severity::kInfo, false, false);
  add(Severity::kInfo, true, true);  // both: counted as waived
  ReportCounts c = CountFindings(r);
  CHECK(c.error == 1);
  CHECK(c.warning == 1);
  CHECK(c.info == 1);
  CHECK(c.waived == 2);
  CHECK(c.baselined == 1);
  CHECK(!IsActive(r.findings[1]));
  CHECK(IsActive(r.findings[0]));
}

TEST_CASE("Renderer: MechanismWords names each path") {
  CHECK(MechanismWords("oauth") == "OAuth via intra-organization connector");
  CHECK(MechanismWords("dauth") == "DAuth via organization relationship");
  CHECK(MechanismWords("aas") == "availability address space");
  CHECK(MechanismWords("none") == "no path");
  CHECK(MechanismWords("mixed") == "mixed");
  CHECK(MechanismWords("something") == "unknown");
}

}  // namespace lint
