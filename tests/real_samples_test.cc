// Every file in ../shared/samples/real/ imported as it is, with its kind,
// identity and key values asserted.
#include <filesystem>

#include <doctest/doctest.h>

#include "lint/diag/render.h"
#include "lint/model/snapshot_loader.h"
#include "tests/golden.h"

namespace lint {

namespace fs = std::filesystem;

namespace {

fs::path SamplesDir() { return testing::SourceDir().parent_path() / "shared" / "samples" / "real" / "css-exchange"; }

Snapshot Load(const std::string& name) {
  RealFileSystem real;
  DiagnosticSink sink;
  Snapshot s = LoadSnapshot({(SamplesDir() / name).string()}, real, LoadOptions{}, sink);
  INFO(RenderDiagnostics(sink.diagnostics(), &s.sources));
  REQUIRE(!sink.has_errors());
  return s;
}

std::string Text(const Object& o, const char* property) {
  const Value* v = o.Get(property);
  REQUIRE_MESSAGE(v != nullptr, "missing property " << property);
  return v->ToDisplay();
}

}  // namespace

TEST_CASE("RealSamples: the samples are present (../shared/samples/real)") {
  REQUIRE_MESSAGE(fs::is_directory(SamplesDir()), "expected the shared samples beside the repository: " << SamplesDir().string());
}

TEST_CASE("RealSamples: E16 Get-WebServicesVirtualDirectory") {
  Snapshot s = Load("E16-GetWebServicesVirtualDirectory.xml");
  REQUIRE(s.objects.size() == 1);
  const Object& o = s.objects[0];
  CHECK(o.kind == "WebServicesVirtualDirectory");
  CHECK(o.side == Side::kOnPrem);
  CHECK(o.identity == "SOLO-E16A\\EWS (Default Web Site)");
  CHECK(s.inputs[0].format == "clixml");
  CHECK(s.inputs[0].encoding == "utf-8-bom");
  CHECK(Text(o, "InternalAuthenticationMethods") == "{Ntlm, WindowsIntegrated, WSSecurity, OAuth}");
  CHECK(Text(o, "ExternalAuthenticationMethods") == "{Ntlm, WindowsIntegrated, WSSecurity, OAuth}");
  CHECK(Text(o, "WSSecurityAuthentication") == "True");
  CHECK(Text(o, "OAuthAuthentication") == "True");
  CHECK(Text(o, "InternalUrl") == "https://solo-e16a.solo.local/EWS/Exchange.asmx");
  CHECK(o.Get("ExternalUrl")->is_null());
  CHECK(Text(o, "Server") == "SOLO-E16A");
  CHECK(Text(o, "AdminDisplayVersion") == "Version 15.1 (Build 2375.7)");
  CHECK(Text(o, "GzipLevel") == "Low");
  CHECK(Text(o, "WhenChanged") == "2018-11-24T00:47:02Z");
  LineColumn lc = s.sources.Find(o.Get("WSSecurityAuthentication")->span.file_id)->Locate(o.Get("WSSecurityAuthentication")->span.begin);
  CHECK(lc.line == 91);
}

TEST_CASE("RealSamples: E16 Get-AuthConfig") {
  Snapshot s = Load("E16-GetAuthConfig.xml");
  REQUIRE(s.objects.size() == 1);
  const Object& o = s.objects[0];
  CHECK(o.kind == "AuthConfig");
  CHECK(o.identity == "Auth Configuration");
  CHECK(Text(o, "CurrentCertificateThumbprint") == "92E196F3C8D3D753FCFC5B7690C3173AA1C0ABE3");
  CHECK(Text(o, "ServiceName") == "00000002-0000-0ff1-ce00-000000000000");
  CHECK(o.Get("PreviousCertificateThumbprint")->is_null());
  CHECK(o.Get("Realm")->is_null());
}

TEST_CASE("RealSamples: MonitorAuthCert Get-AuthConfig has a next certificate") {
  Snapshot s = Load("MonitorAuthCert-GetAuthConfig.xml");
  REQUIRE(s.objects.size() == 1);
  const Object& o = s.objects[0];
  CHECK(o.kind == "AuthConfig");
  CHECK(!o.Get("CurrentCertificateThumbprint")->is_null());
  CHECK(!o.Get("NextCertificateThumbprint")->is_null());
  CHECK(Text(o, "NextCertificateEffectiveDate") == "2023-02-03T14:16:02Z");
}

TEST_CASE("RealSamples: E16 Get-ExchangeCertificate decodes thumbprint and validity from the DER") {
  Snapshot s = Load("E16-GetExchangeCertificate.xml");
  REQUIRE(s.objects.size() == 3);
  const Object& auth = s.objects[0];
  CHECK(auth.kind == "ExchangeCertificate");
  CHECK(auth.identity == "92E196F3C8D3D753FCFC5B7690C3173AA1C0ABE3");
  CHECK(Text(auth, "Subject") == "CN=Microsoft Exchange Server Auth Certificate");
  CHECK(Text(auth, "NotBefore") == "2018-11-24T00:34:03Z");
  CHECK(Text(auth, "NotAfter") == "2023-10-29T00:34:03Z");
  CHECK(auth.Get("Services") == nullptr);
  CHECK(auth.missing_reasons.count("Services") == 1);
  CHECK(s.objects[1].identity == "823884A32609DCDC8C4B5462952586C30D814073");
  CHECK(Text(s.objects[2], "NotAfter") == "2028-11-20T23:22:56Z");
}

TEST_CASE("RealSamples: MonitorAuthCert Get-ExchangeCertificate holds eight certificates") {
  Snapshot s = Load("MonitorAuthCert-GetExchangeCertificate.xml");
  CHECK(s.objects.size() == 8);
  for (const Object& o : s.objects) {
    CHECK(o.kind == "ExchangeCertificate");
    CHECK(o.identity.size() == 40);
    CHECK(o.Get("NotAfter") != nullptr);
  }
}

TEST_CASE("RealSamples: the E16 auth certificate is the one AuthConfig names") {
  RealFileSystem real;
  DiagnosticSink sink;
  Snapshot s = LoadSnapshot({(SamplesDir() / "E16-GetAuthConfig.xml").string(),
                             (SamplesDir() / "E16-GetExchangeCertificate.xml").string()},
                            real, LoadOptions{}, sink);
  auto configs = s.Find("AuthConfig", Side::kOnPrem);
  auto certs = s.Find("ExchangeCertificate", Side::kOnPrem);
  REQUIRE(configs.size() == 1);
  std::string thumb = configs[0]->Get("CurrentCertificateThumbprint")->text;
  CHECK(std::any_of(certs.begin(), certs.end(), [&](const Object* c) { return c->identity == thumb; }));
}

}  // namespace lint
