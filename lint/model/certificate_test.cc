#include "lint/model/certificate.h"

#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "tests/golden.h"

namespace lint {
namespace {

using namespace std::string_literals;

// A committed certificate from fixtures/certificates/ (see its README).
std::string Fixture(std::string_view name) {
  std::string bytes = testing::ReadFile(testing::SourceDir() / "fixtures" / "certificates" / name);
  REQUIRE_MESSAGE(!bytes.empty(), "missing fixture " << name);
  return bytes;
}

std::string MustDecode(std::string_view text) {
  auto bytes = DecodeBase64(text);
  if (!bytes) FAIL("unexpected error: " << bytes.error());
  return *bytes;
}

std::string DecodeError(std::string_view text) {
  auto bytes = DecodeBase64(text);
  REQUIRE_FALSE(bytes.has_value());
  return bytes.error();
}

CertificateInfo MustParse(std::string_view der) {
  auto info = ParseCertificateDer(der);
  if (!info) FAIL("unexpected error: " << info.error());
  return *info;
}

std::string ParseError(std::string_view der) {
  auto info = ParseCertificateDer(der);
  REQUIRE_FALSE(info.has_value());
  return info.error();
}

TEST_CASE("DecodeBase64: decodes padded groups") {
  CHECK(MustDecode("") == "");
  CHECK(MustDecode("TWFu") == "Man");
  CHECK(MustDecode("TWE=") == "Ma");
  CHECK(MustDecode("TQ==") == "M");
  CHECK(MustDecode("TWFuTWFu") == "ManMan");
  CHECK(MustDecode("+/8=") == "\xFB\xFF");
  CHECK(MustDecode("AAEC/w==") == "\x00\x01\x02\xFF"s);
}

TEST_CASE("DecodeBase64: accepts data without its final padding") {
  CHECK(MustDecode("TWE") == "Ma");
  CHECK(MustDecode("TQ") == "M");
}

TEST_CASE("DecodeBase64: ignores spaces, tabs and line breaks anywhere") {
  CHECK(MustDecode(" TW\r\nF u\t") == "Man");
  CHECK(MustDecode("TQ=\r\n=\n") == "M");
  CHECK(MustDecode("\r\n") == "");
}

TEST_CASE("DecodeBase64: fails on a character outside the alphabet with its offset") {
  CHECK(DecodeError("TW!u") == "invalid base64 character '!' at offset 2");
  CHECK(DecodeError("TWFu-_") == "invalid base64 character '-' at offset 4");
  CHECK(DecodeError("TWFu\x01") == "invalid base64 character byte 1 at offset 4");
  CHECK(DecodeError("TW\xC3\xA9") == "invalid base64 character byte 195 at offset 2");
}

TEST_CASE("DecodeBase64: fails on data after padding") {
  CHECK(DecodeError("TQ==TQ==") == "base64 data after padding at offset 4");
  CHECK(DecodeError("TQ= A") == "base64 data after padding at offset 4");
}

TEST_CASE("DecodeBase64: fails on wrong padding") {
  CHECK(DecodeError("TQ===") == "more than two '=' at offset 4");
  CHECK(DecodeError("TQ=") == "wrong number of '=' at the end of base64 data");
  CHECK(DecodeError("TWE==") == "wrong number of '=' at the end of base64 data");
  CHECK(DecodeError("=") == "wrong number of '=' at the end of base64 data");
}

TEST_CASE("DecodeBase64: fails on a lone final character") {
  CHECK(DecodeError("T") == "truncated base64 data");
  CHECK(DecodeError("TWFuT") == "truncated base64 data");
  CHECK(DecodeError("TWFuT=") == "truncated base64 data");
}

TEST_CASE("DecodeBase64: the committed base64 files decode to the committed DER") {
  CHECK(MustDecode(Fixture("contoso-issuing-ca.b64")) == Fixture("contoso-issuing-ca.der"));
  CHECK(MustDecode(Fixture("mail-contoso-com.b64")) == Fixture("mail-contoso-com.der"));
}

TEST_CASE("Certificate: a self-signed certificate made by openssl req -x509 reads as .NET shows it") {
  CertificateInfo info = MustParse(Fixture("contoso-issuing-ca.der"));
  CHECK(info.thumbprint == "B50BDC1DB24F39EF1C39AFE01D625B55265B3D6A");
  CHECK(info.subject == "CN=Contoso Issuing CA 01, O=Contoso Test CA, C=US");
  CHECK(info.issuer == "CN=Contoso Issuing CA 01, O=Contoso Test CA, C=US");
  CHECK(info.not_before == "2026-11-22T03:07:31Z");
  CHECK(info.not_after == "2036-11-19T03:07:31Z");
  CHECK(info.serial_number == "0A1B2C3D");
}

TEST_CASE("Certificate: an issued certificate quotes a value with a comma and names the state S") {
  CertificateInfo info = MustParse(Fixture("mail-contoso-com.der"));
  CHECK(info.thumbprint == "BE9C3A298A820F755D4195F9611057C5B200F0FC");
  CHECK(info.subject == "CN=mail.contoso.com, OU=Messaging, O=\"Contoso, Ltd.\", L=Redmond, S=Washington, C=US");
  CHECK(info.issuer == "CN=Contoso Issuing CA 01, O=Contoso Test CA, C=US");
  CHECK(info.not_before == "2026-11-22T03:07:31Z");
  CHECK(info.not_after == "2029-02-24T03:07:31Z");
  // High bit set: .NET keeps the DER sign byte.
  CHECK(info.serial_number == "008F00AA11BB22CC33");
}

TEST_CASE("Certificate: the thumbprint is the SHA-1 of the base64 RawData's DER") {
  CertificateInfo info = MustParse(MustDecode(Fixture("mail-contoso-com.b64")));
  CHECK(info.thumbprint == "BE9C3A298A820F755D4195F9611057C5B200F0FC");
}

TEST_CASE("Certificate: names use Windows keys, OID.x for the rest, and quote special values") {
  // RDNs most specific first; the attributes of one RDN stay in DER order
  // (as Windows CertNameToStr with CERT_NAME_STR_REVERSE_FLAG writes them).
  CertificateInfo info = MustParse(Fixture("odd-names.der"));
  CHECK(info.thumbprint == "4B989245054040B3D9A1381F4E8D36AE05D448E4");
  const std::string expected =
      "L=\" Leading space\", E=admin@contoso.com, OU=Exchange + CN=Hybrid Agent, O=\"Quote \"\"Q\"\" Co\", "
      "OID.2.5.4.15=Private Organization, OID.1.3.6.1.4.1.311.60.2.1.3=US, C=US, DC=contoso, DC=com";
  CHECK(info.subject == expected);
  CHECK(info.issuer == expected);
  CHECK(info.not_before == "2026-11-22T03:08:33Z");
  CHECK(info.not_after == "2027-11-22T03:08:33Z");
  CHECK(info.serial_number == "FB");  // -5 in two's complement
}

TEST_CASE("Certificate: garbage is not a certificate") {
  const std::string expected = "RawData is not a DER-encoded X.509 certificate";
  CHECK(ParseError("") == expected);
  CHECK(ParseError("not a certificate") == expected);
  CHECK(ParseError("\x30\x82\x01\x00\x00\x00"s) == expected);
  std::string der = Fixture("mail-contoso-com.der");
  CHECK(ParseError(der.substr(0, der.size() - 1)) == expected);
  std::string corrupted = der;
  corrupted[4] = '\x05';  // the TBSCertificate tag becomes NULL
  CHECK(ParseError(corrupted) == expected);
}

TEST_CASE("Certificate: bytes after the DER fail rather than give a wrong thumbprint") {
  std::string der = Fixture("contoso-issuing-ca.der");
  CHECK(ParseError(der + "\n") == "RawData has 1 byte after the DER-encoded certificate");
  CHECK(ParseError(der + der) == "RawData has 867 bytes after the DER-encoded certificate");
}

}  // namespace
}  // namespace lint
