#include "lint/import/format_list_importer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "lint/source/encoding.h"
#include "lint/source/source_file.h"

namespace lint {
namespace {

#ifdef HYBRIDLINT_SOURCE_DIR
constexpr std::string_view kSourceDir = HYBRIDLINT_SOURCE_DIR;
#else
constexpr std::string_view kSourceDir = ".";
#endif

ImportResult ImportOk(const SourceFile& file, const ImportLimits& limits = {}) {
  std::expected<ImportResult, ImportError> result = ImportFormatList(file, limits);
  if (!result) FAIL("unexpected ImportError: " << result.error().message);
  return *result;
}

ImportError ImportFails(const SourceFile& file, const ImportLimits& limits = {}) {
  std::expected<ImportResult, ImportError> result = ImportFormatList(file, limits);
  if (result) FAIL("expected an ImportError, got " << result->objects.size() << " objects");
  return result.error();
}

std::string_view SpanText(const SourceFile& file, SourceSpan span) {
  return std::string_view(file.text()).substr(span.begin, span.end - span.begin);
}

std::vector<std::string> Names(const Value& object) {
  std::vector<std::string> names;
  for (const Value& field : object.items) names.push_back(field.name);
  return names;
}

std::vector<std::string> Items(const Value& list) {
  std::vector<std::string> items;
  for (const Value& item : list.items) items.push_back(item.text);
  return items;
}

const Value& FieldOf(const RawObject& object, std::string_view name) {
  const Value* field = object.properties.Field(name);
  REQUIRE_MESSAGE(field != nullptr, "no field " << name);
  return *field;
}

}  // namespace

TEST_CASE("FormatListImporter: reads one object's fields in order as untyped strings") {
  SourceFile file(
      0, "x.txt", Encoding::kUtf8,
      "Name                 : HybridIOC - 88cc2846-bc16-463d-ba4f-ea3fedfc739d\n"
      "TargetAddressDomains : {IronmailSYstems.onmicrosoft.com, IronmailSYstems.mail.onmicrosoft.com}\n"
      "DiscoveryEndpoint    : https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc\n"
      "Enabled              : True\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(result.warnings.empty());
  const RawObject& object = result.objects[0];
  CHECK(object.type_names.empty());
  CHECK(object.kind.empty());
  CHECK(object.properties.is_object());
  CHECK(Names(object.properties) ==
        std::vector<std::string>{"Name", "TargetAddressDomains", "DiscoveryEndpoint", "Enabled"});
  const Value& name = FieldOf(object, "Name");
  CHECK(name.is_string());
  CHECK(name.untyped);
  CHECK(name.text == "HybridIOC - 88cc2846-bc16-463d-ba4f-ea3fedfc739d");
  CHECK(SpanText(file, name.span) == name.text);
  const Value& enabled = FieldOf(object, "Enabled");
  CHECK(enabled.is_string());  // the builder parses True/False later
  CHECK(enabled.untyped);
  CHECK(enabled.text == "True");
  CHECK(SpanText(file, object.span) == std::string_view(file.text()).substr(0, file.text().size() - 1));
  CHECK(object.properties.span == object.span);
}

TEST_CASE("FormatListImporter: reads a blank value as null at the position after the separator") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "AuthMetadataUrl     :\n"
                  "TargetSharingEpr    : \n"
                  "FreeBusyAccessScope :    \n"
                  "Enabled             : True\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  const RawObject& object = result.objects[0];
  const Value& auth = FieldOf(object, "AuthMetadataUrl");
  CHECK(auth.is_null());
  CHECK(auth.span.begin == auth.span.end);
  CHECK(auth.span.begin == 21);  // right after " :"
  const Value& epr = FieldOf(object, "TargetSharingEpr");
  CHECK(epr.is_null());
  CHECK(epr.span == file.Span(22 + 22, 22 + 22));  // right after " : "
  const Value& scope = FieldOf(object, "FreeBusyAccessScope");
  CHECK(scope.is_null());
  CHECK(scope.span.begin == scope.span.end);
  CHECK(file.Locate(scope.span.begin).column == 23);
}

TEST_CASE("FormatListImporter: splits braced values into lists of untyped strings") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "ObjectClass        : {top, msExchFedSharingRelationship}\n"
                  "CertificateStrings : {}\n"
                  "DomainNames        : {contoso.mail.onmicrosoft.com}\n"
                  "UserAccountControl : AccountDisabled, PasswordNotRequired, NormalAccount\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  const RawObject& object = result.objects[0];

  const Value& classes = FieldOf(object, "ObjectClass");
  REQUIRE(classes.is_list());
  CHECK(classes.loss == Loss::kNone);
  CHECK(Items(classes) == std::vector<std::string>{"top", "msExchFedSharingRelationship"});
  CHECK(SpanText(file, classes.span) == "{top, msExchFedSharingRelationship}");
  CHECK(classes.text == "{top, msExchFedSharingRelationship}");
  for (const Value& item : classes.items) {
    CHECK(item.is_string());
    CHECK(item.untyped);
    CHECK(SpanText(file, item.span) == item.text);
  }

  const Value& empty = FieldOf(object, "CertificateStrings");
  REQUIRE(empty.is_list());
  CHECK(empty.items.empty());
  CHECK(empty.loss == Loss::kNone);

  CHECK(Items(FieldOf(object, "DomainNames")) == std::vector<std::string>{"contoso.mail.onmicrosoft.com"});

  // A flags enum has no braces: it stays one string.
  const Value& flags = FieldOf(object, "UserAccountControl");
  CHECK(flags.is_string());
  CHECK(flags.text == "AccountDisabled, PasswordNotRequired, NormalAccount");
  CHECK(result.warnings.empty());
}

TEST_CASE("FormatListImporter: marks a list cut with ASCII dots as truncated") {
  // Real Windows PowerShell 5.1 transcript shape (anchor section 11).
  SourceFile file(
      0, "x.txt", Encoding::kUtf8,
      "Name                          : EWS (Default Web Site)\n"
      "InternalAuthenticationMethods : {Basic, Ntlm, WindowsIntegrated, WSSecurity...}\n"
      "SerializationData             : {0, 1, 0, 0, 0, 255, 255, 255, 255, 1, 0, 0, 0, 0, 0, 0...}\n"
      "ExternalAuthenticationMethods : {...}\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  const RawObject& object = result.objects[0];

  const Value& internal = FieldOf(object, "InternalAuthenticationMethods");
  REQUIRE(internal.is_list());
  CHECK(internal.loss == Loss::kTruncated);
  CHECK(Items(internal) == std::vector<std::string>{"Basic", "Ntlm", "WindowsIntegrated", "WSSecurity"});
  CHECK(SpanText(file, internal.items.back().span) == "WSSecurity");
  CHECK(SpanText(file, internal.span) == "{Basic, Ntlm, WindowsIntegrated, WSSecurity...}");

  const Value& data = FieldOf(object, "SerializationData");
  CHECK(data.loss == Loss::kTruncated);
  CHECK(data.items.size() == 16);

  const Value& external = FieldOf(object, "ExternalAuthenticationMethods");
  CHECK(external.loss == Loss::kTruncated);
  CHECK(external.items.empty());

  REQUIRE(result.warnings.size() == 3);
  CHECK(result.warnings[0].message ==
        "list was truncated by $FormatEnumerationLimit; only 4 items are visible "
        "(set $FormatEnumerationLimit = -1 and export again)");
  CHECK(result.warnings[0].property == "InternalAuthenticationMethods");
  CHECK(result.warnings[0].span == internal.span);
  CHECK(result.warnings[1].property == "SerializationData");
  CHECK(result.warnings[2].message.find("only 0 items are visible") != std::string::npos);
}

TEST_CASE("FormatListImporter: marks a list cut with U+2026 as truncated") {
  // Real PowerShell 7 transcript shape (anchor section 11).
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "DomainNames : {munich.microsoft.com, video2brain.com, exchange.microsoft.com, "
                  "preonboarding.microsoft.com\xE2\x80\xA6}\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  const Value& domains = FieldOf(result.objects[0], "DomainNames");
  REQUIRE(domains.is_list());
  CHECK(domains.loss == Loss::kTruncated);
  CHECK(Items(domains) == std::vector<std::string>{"munich.microsoft.com", "video2brain.com",
                                                   "exchange.microsoft.com", "preonboarding.microsoft.com"});
  CHECK(SpanText(file, domains.items.back().span) == "preonboarding.microsoft.com");
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].property == "DomainNames");
  CHECK(result.warnings[0].message.find("only 4 items are visible") != std::string::npos);
}

TEST_CASE("FormatListImporter: leaves a scalar ending in dots as a string") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "Comment : see ticket 4711...\n"
                  "Notes   : waiting\xE2\x80\xA6\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(FieldOf(result.objects[0], "Comment").is_string());
  CHECK(FieldOf(result.objects[0], "Comment").text == "see ticket 4711...");
  CHECK(FieldOf(result.objects[0], "Comment").loss == Loss::kNone);
  CHECK(FieldOf(result.objects[0], "Notes").text == "waiting\xE2\x80\xA6");
  CHECK(result.warnings.empty());
}

TEST_CASE("FormatListImporter: joins wrapped continuation lines") {
  // The real mid-word wrap from anchor section 11.
  SourceFile file(
      0, "x.txt", Encoding::kUtf8,
      "Name                 : HybridIOC - 550d3715-58c4-4079-af8e-b45162205800\n"
      "DistinguishedName    : CN=HybridIOC - 550d3715-58c4-4079-af8e-b45162205800,CN=Intra Organization "
      "Connectors,CN=Configur\n"
      "                       ation,CN=contosoru.onmicrosoft.com,CN=ConfigurationUnits,DC=EURPR05A010,"
      "DC=PROD,DC=OUTLOOK,DC=COM\n"
      "Enabled              : True\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  const RawObject& object = result.objects[0];
  CHECK(Names(object.properties) == std::vector<std::string>{"Name", "DistinguishedName", "Enabled"});
  const Value& dn = FieldOf(object, "DistinguishedName");
  CHECK(dn.text ==
        "CN=HybridIOC - 550d3715-58c4-4079-af8e-b45162205800,CN=Intra Organization Connectors,"
        "CN=Configuration,CN=contosoru.onmicrosoft.com,CN=ConfigurationUnits,DC=EURPR05A010,DC=PROD,"
        "DC=OUTLOOK,DC=COM");
  // From the value on the first line to the end of the continuation.
  LineColumn begin = file.Locate(dn.span.begin);
  LineColumn end = file.Locate(dn.span.end);
  CHECK(begin.line == 2);
  CHECK(begin.column == 24);
  CHECK(end.line == 3);
  CHECK(end.column == 24 + std::string_view("ation,CN=contosoru.onmicrosoft.com,CN=ConfigurationUnits,"
                                            "DC=EURPR05A010,DC=PROD,DC=OUTLOOK,DC=COM")
                               .size());
  CHECK(FieldOf(object, "Enabled").text == "True");
}

TEST_CASE("FormatListImporter: keeps the space a word-boundary wrap left at the end of the line") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "Identity : contoso.com/Configuration/On-premises to O365 \n"
                  "           - 0fbd5031-5c4d-4e3f-9a8b-7c6d5e4f3a2b\n"
                  "Lost     : CN=On-premises to O365 -\n"
                  "           0fbd5031\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(FieldOf(result.objects[0], "Identity").text ==
        "contoso.com/Configuration/On-premises to O365 - 0fbd5031-5c4d-4e3f-9a8b-7c6d5e4f3a2b");
  // Copy/paste trimmed the breaking space: the join cannot restore it.
  CHECK(FieldOf(result.objects[0], "Lost").text == "CN=On-premises to O365 -0fbd5031");
}

TEST_CASE("FormatListImporter: joins a multi-line certificate value into one field") {
  // PowerShell pads the empty lines inside a multi-line value to the value
  // column; those lines must not split the object.
  std::string pad(17, ' ');
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "Name           : Microsoft Federation Gateway\n"
                  "OrgCertificate : [Subject]\n" +
                      pad + "  CN=Federation\n" + pad + "\n" + pad + "[Thumbprint]\n" + pad +
                      "  D6E1B2A3C4F5061728394A5B6C7D8E9F00112233\n" + pad +
                      "\n"
                      "IsValid        : True\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  const RawObject& object = result.objects[0];
  CHECK(Names(object.properties) == std::vector<std::string>{"Name", "OrgCertificate", "IsValid"});
  const Value& certificate = FieldOf(object, "OrgCertificate");
  // Concatenated; only the indentation up to the value column is removed.
  CHECK(certificate.text == "[Subject]  CN=Federation[Thumbprint]  D6E1B2A3C4F5061728394A5B6C7D8E9F00112233");
  CHECK(file.Locate(certificate.span.begin).line == 2);
  CHECK(file.Locate(certificate.span.end).line == 6);
  CHECK(SpanText(file, certificate.span).ends_with("D6E1B2A3C4F5061728394A5B6C7D8E9F00112233"));
}

TEST_CASE("FormatListImporter: rejoins a multi-line value whose padding lines were trimmed") {
  // Copied from a console: the padding-only lines became empty lines.
  std::string pad(17, ' ');
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "Name           : Microsoft Federation Gateway\n"
                  "OrgCertificate : [Subject]\n" +
                      pad + "  CN=Federation\n\n" + pad + "[Thumbprint]\n" + pad + "  D6E1\n\n" +
                      "IsValid        : True\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 2);
  CHECK(FieldOf(result.objects[0], "OrgCertificate").text == "[Subject]  CN=Federation[Thumbprint]  D6E1");
  // The blank line before `IsValid` is a real separator: FL cannot tell.
  CHECK(Names(result.objects[1].properties) == std::vector<std::string>{"IsValid"});
}

TEST_CASE("FormatListImporter: separates objects at lines padded to the console width") {
  std::string padded(120, ' ');
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "Name    : a\n" + padded + "\n" + "Enabled : True\n" + padded + "\n" + padded + "\n" +
                      "Server  : EX01\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 3);
  CHECK(Names(result.objects[0].properties) == std::vector<std::string>{"Name"});
  CHECK(Names(result.objects[1].properties) == std::vector<std::string>{"Enabled"});
  CHECK(Names(result.objects[2].properties) == std::vector<std::string>{"Server"});
}

TEST_CASE("FormatListImporter: separates objects at blank lines") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "\n\n"
                  "Name    : EWS (Default Web Site)\n"
                  "Server  : EX01\n"
                  "\n"
                  "Name    : EWS (Default Web Site)\n"
                  "Server  : EX02\n"
                  "\n\n\n"
                  "Name : Autodiscover (Default Web Site)\n"
                  "\n\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 3);
  CHECK(FieldOf(result.objects[0], "Server").text == "EX01");
  CHECK(FieldOf(result.objects[1], "Server").text == "EX02");
  CHECK(FieldOf(result.objects[2], "Name").text == "Autodiscover (Default Web Site)");
  CHECK(SpanText(file, result.objects[0].span) == "Name    : EWS (Default Web Site)\nServer  : EX01");
  CHECK(SpanText(file, result.objects[2].span) == "Name : Autodiscover (Default Web Site)");
  CHECK(file.Locate(result.objects[1].span.begin).line == 6);
}

TEST_CASE("FormatListImporter: locates spans exactly on CRLF input") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "\r\n"
                  "Name              : HybridIOC - 550d\r\n"
                  "DistinguishedName : CN=HybridIOC - 550d,CN=Intra Organization Connectors,CN=Configur\r\n"
                  "                    ation,CN=contoso.onmicrosoft.com\r\n"
                  "TargetSharingEpr  : \r\n"
                  "ObjectClass       : {top, msExchIntraOrganizationConnector}\r\n"
                  "\r\n"
                  "Name              : Second\r\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 2);
  const RawObject& object = result.objects[0];

  const Value& name = FieldOf(object, "Name");
  CHECK(file.Locate(name.span.begin).line == 2);
  CHECK(file.Locate(name.span.begin).column == 21);
  CHECK(file.Locate(name.span.end).column == 21 + 16);
  CHECK(SpanText(file, name.span) == "HybridIOC - 550d");

  const Value& dn = FieldOf(object, "DistinguishedName");
  CHECK(dn.text ==
        "CN=HybridIOC - 550d,CN=Intra Organization Connectors,CN=Configuration,CN=contoso.onmicrosoft.com");
  CHECK(file.Locate(dn.span.begin).line == 3);
  CHECK(file.Locate(dn.span.begin).column == 21);
  CHECK(file.Locate(dn.span.end).line == 4);
  CHECK(file.Locate(dn.span.end).column == 21 + 32);
  CHECK(SpanText(file, dn.span).find('\r') != std::string_view::npos);  // the CRLF lies inside the span

  const Value& epr = FieldOf(object, "TargetSharingEpr");
  CHECK(epr.is_null());
  CHECK(file.Locate(epr.span.begin).line == 5);
  CHECK(file.Locate(epr.span.begin).column == 21);
  CHECK(epr.span.begin == epr.span.end);

  const Value& classes = FieldOf(object, "ObjectClass");
  CHECK(file.Locate(classes.items[1].span.begin).column == 27);
  CHECK(SpanText(file, classes.items[1].span) == "msExchIntraOrganizationConnector");

  LineColumn object_begin = file.Locate(object.span.begin);
  LineColumn object_end = file.Locate(object.span.end);
  CHECK(object_begin.line == 2);
  CHECK(object_begin.column == 1);
  CHECK(object_end.line == 6);
  CHECK(SpanText(file, object.span).ends_with("msExchIntraOrganizationConnector}"));
  CHECK(file.Locate(result.objects[1].span.begin).line == 8);
}

TEST_CASE("FormatListImporter: splits lines at a lone CR too") {
  SourceFile file(0, "x.txt", Encoding::kUtf8, "Name : a\rServer : EX01\r\rName : b\r");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 2);
  CHECK(FieldOf(result.objects[0], "Server").text == "EX01");
  CHECK(FieldOf(result.objects[1], "Name").text == "b");
}

TEST_CASE("FormatListImporter: strips ANSI escape sequences") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "\x1b[32;1mName    : \x1b[0mHybridIOC\n"
                  "\x1b[32;1mEnabled : \x1b[0m\x1b[31mTr\x1b[0mue\n"
                  "\x1b[32;1mScope   : \x1b[0m\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  const RawObject& object = result.objects[0];
  CHECK(Names(object.properties) == std::vector<std::string>{"Name", "Enabled", "Scope"});
  const Value& name = FieldOf(object, "Name");
  CHECK(name.text == "HybridIOC");
  CHECK(SpanText(file, name.span) == "HybridIOC");
  const Value& enabled = FieldOf(object, "Enabled");
  CHECK(enabled.text == "True");
  // The span runs over the raw text, escapes inside the value included.
  CHECK(SpanText(file, enabled.span) == "Tr\x1b[0mue");
  CHECK(FieldOf(object, "Scope").is_null());
}

TEST_CASE("FormatListImporter: skips transcript header, footer and prompt lines") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "**********************\n"
                  "Windows PowerShell transcript start\n"
                  "Start time: 20200316162759\n"
                  "Username: CONTOSO\\admin\n"
                  "Machine: EX01 (Microsoft Windows NT 10.0.14393.0)\n"
                  "PSVersion: 5.1.14393.5582\n"
                  "**********************\n"
                  "Transcript started, output file is C:\\temp\\hybrid.txt\n"
                  "PS C:\\> Get-IntraOrganizationConnector | fl\n"
                  "\n"
                  "Name    : HybridIOC - 88cc2846\n"
                  "Enabled : True\n"
                  "\n"
                  "[PS] C:\\Windows\\system32>Get-OrganizationRelationship | fl Name\n"
                  "Name : On-premises to O365 - 88cc2846\n"
                  "**********************\n"
                  "Windows PowerShell transcript end\n"
                  "End time: 20200316163012\n"
                  "**********************\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 2);
  CHECK(Names(result.objects[0].properties) == std::vector<std::string>{"Name", "Enabled"});
  CHECK(Names(result.objects[1].properties) == std::vector<std::string>{"Name"});
  CHECK(SpanText(file, result.objects[1].span) == "Name : On-premises to O365 - 88cc2846");
  CHECK(result.warnings.empty());
}

TEST_CASE("FormatListImporter: skips error records and warns") {
  SourceFile file(
      0, "x.txt", Encoding::kUtf8,
      "Name   : EWS (Default Web Site)\n"
      "Server : EX01\n"
      "Get-WebServicesVirtualDirectory : An IIS directory entry couldn't be created. The error message "
      "is Access is denied.\n"
      "HResult = -2147024891\n"
      "    + CategoryInfo          : NotSpecified: (0:Int32) [Get-WebServicesVirtualDirectory], "
      "ADOperationException\n"
      "    + FullyQualifiedErrorId : [Server=EX01] 8B6A9A3E,Microsoft.Exchange.Management."
      "SystemConfigurationTasks.GetWebServicesVirtualDirectory\n"
      "    + PSComputerName        : ex01.contoso.com\n"
      "Name   : EWS (Default Web Site)\n"
      "Server : EX03\n"
      "\n"
      "Get-Mailbox : The operation couldn't be performed because object 'x' couldn't be found.\n"
      "At line:1 char:1\n"
      "+ Get-Mailbox x | fl\n"
      "+ ~~~~~~~~~~~~~~~~~~\n"
      "    + CategoryInfo          : NotSpecified: (:) [Get-Mailbox], ManagementObjectNotFoundException\n"
      "    + FullyQualifiedErrorId : 1A2B3C4D,Microsoft.Exchange.Management.RecipientTasks.GetMailbox\n"
      "\n"
      "Test-OAuthConnectivity : The remote server returned an error: (401) Unauthorized.\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 2);
  CHECK(FieldOf(result.objects[0], "Server").text == "EX01");
  CHECK(Names(result.objects[0].properties) == std::vector<std::string>{"Name", "Server"});
  CHECK(FieldOf(result.objects[1], "Server").text == "EX03");
  CHECK(Names(result.objects[1].properties) == std::vector<std::string>{"Name", "Server"});
  REQUIRE(result.warnings.size() == 3);
  CHECK(
      result.warnings[0].message ==
      "skipped an error record of Get-WebServicesVirtualDirectory ('An IIS directory entry couldn't be "
      "created. "
      "The error message is Access is denied.'); the objects it failed to read are missing from this export");
  CHECK(result.warnings[0].property.empty());
  CHECK(file.Locate(result.warnings[0].span.begin).line == 3);
  CHECK(result.warnings[1].message.starts_with("skipped an error record of Get-Mailbox ("));
  // Only the first line survived in this paste: the verb alone decides.
  CHECK(result.warnings[2].message.starts_with("skipped an error record of Test-OAuthConnectivity ("));
}

TEST_CASE("FormatListImporter: keeps a hyphenated label that is not an error record") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "Pre-Auth : Enabled\n"
                  "msDS-Foo : 1\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(Names(result.objects[0].properties) == std::vector<std::string>{"Pre-Auth", "msDS-Foo"});
  CHECK(result.warnings.empty());
}

TEST_CASE("FormatListImporter: skips table output") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "Name ServerRole\n"
                  "---- ----------\n"
                  "EX01 Mailbox\n"
                  "\n"
                  "Name   : EX01\n"
                  "Edition : Enterprise\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(Names(result.objects[0].properties) == std::vector<std::string>{"Name", "Edition"});
}

TEST_CASE("FormatListImporter: ignores comment lines") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "# what this case pins: a comment before and inside the block\n"
                  "Name    : a\n"
                  "# not a property : no\n"
                  "Enabled : True\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(Names(result.objects[0].properties) == std::vector<std::string>{"Name", "Enabled"});
}

TEST_CASE("FormatListImporter: ends an object at a noise line") {
  // A web paste (seed 002): padding collapsed, no blank lines, the command
  // line between two objects.
  SourceFile file(
      0, "x.txt", Encoding::kUtf8,
      "Get-IntraOrganizationConnector | fl Name,TargetAddressDomains,DiscoveryEndpoint,Enabled\n"
      "Name : ExchangeHybridOnPremisesToOnline\n"
      "TargetAddressDomains : {contoso.mail.onmicrosoft.com}\n"
      "Enabled : True\n"
      "ORGANIZATION RELATIONSHIP IN ON-PREM\n"
      "Get-OrganizationRelationship \"On Premises to Exchange Online Organization Relationship\" | fl "
      "DomainNames,FreeBusy*,Target*,Enabled\n"
      "DomainNames : {contoso.mail.onmicrosoft.com}\n"
      "FreeBusyAccessScope :\n"
      "TargetApplicationUri : Outlook.com\n"
      "Note: In practice, the endpoint is more likely https://mail.contoso.com : see below\n"
      "Joe\xE2\x80\x99s Exchange server deciding whether to use Oauth or Dauth : 2. Jane\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 2);
  CHECK(Names(result.objects[0].properties) ==
        std::vector<std::string>{"Name", "TargetAddressDomains", "Enabled"});
  CHECK(Names(result.objects[1].properties) ==
        std::vector<std::string>{"DomainNames", "FreeBusyAccessScope", "TargetApplicationUri"});
  CHECK(FieldOf(result.objects[1], "FreeBusyAccessScope").is_null());
}

TEST_CASE("FormatListImporter: treats an indented line short of the value column as noise") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "Name    : a\n"
                  "   stray\n"
                  "Enabled : True\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 2);
  CHECK(FieldOf(result.objects[0], "Name").text == "a");
  CHECK(FieldOf(result.objects[1], "Enabled").text == "True");
}

TEST_CASE("FormatListImporter: starts a new object when a label repeats") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "Name    : EWS (Default Web Site)\n"
                  "Server  : EX01\n"
                  "name    : EWS (Default Web Site)\n"
                  "Server  : EX02\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 2);
  CHECK(FieldOf(result.objects[0], "Server").text == "EX01");
  CHECK(FieldOf(result.objects[1], "Server").text == "EX02");
}

TEST_CASE("FormatListImporter: keeps culture-formatted dates as strings") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "WhenChanged : 3/16/2020 4:27:59 PM\n"
                  "WhenCreated : 24.09.2020 14:00:52\n"
                  "NotAfter    : 3/7/2028 9:13:41 PM\n"
                  "Status      : \xD0\x9E\xD1\x88\xD0\xB8\xD0\xB1\xD0\xBA\xD0\xB0\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(FieldOf(result.objects[0], "WhenChanged").is_string());
  CHECK(FieldOf(result.objects[0], "WhenChanged").text == "3/16/2020 4:27:59 PM");
  CHECK(FieldOf(result.objects[0], "WhenCreated").text == "24.09.2020 14:00:52");
  CHECK(FieldOf(result.objects[0], "NotAfter").text == "3/7/2028 9:13:41 PM");
  CHECK(FieldOf(result.objects[0], "Status").text == "\xD0\x9E\xD1\x88\xD0\xB8\xD0\xB1\xD0\xBA\xD0\xB0");
}

TEST_CASE("FormatListImporter: accepts labels with spaces from calculated properties") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "Server       : EX01\n"
                  "Auth Methods : {Ntlm, OAuth}\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(Names(result.objects[0].properties) == std::vector<std::string>{"Server", "Auth Methods"});
}

TEST_CASE("FormatListImporter: skips a UTF-8 BOM left in the text") {
  SourceFile file(0, "x.txt", Encoding::kUtf8, "\xEF\xBB\xBFName : a\n");
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 1);
  CHECK(FieldOf(result.objects[0], "Name").text == "a");
  CHECK(RecognizeFormatList(file) == Recognition::kMaybe);
}

TEST_CASE("FormatListImporter: recognizes Format-List text as maybe") {
  CHECK(RecognizeFormatList(SourceFile(0, "x.txt", Encoding::kUtf8, "\n\nName    : a\nEnabled : True\n")) ==
        Recognition::kMaybe);
  CHECK(RecognizeFormatList(SourceFile(0, "x.txt", Encoding::kUtf8,
                                       "**********************\nWindows PowerShell transcript start\n"
                                       "PSVersion: 5.1.14393.5582\n[PS] C:\\>Get-X | fl\n\nName : a\n")) ==
        Recognition::kMaybe);
  CHECK(RecognizeFormatList(SourceFile(0, "x.txt", Encoding::kUtf8, "[PS] C:\\>Get-X | fl\nName : a\n")) ==
        Recognition::kMaybe);
  CHECK(RecognizeFormatList(SourceFile(0, "x.txt", Encoding::kUtf8, "# comment\nAuthMetadataUrl :\n")) ==
        Recognition::kMaybe);
}

TEST_CASE("FormatListImporter: does not recognize JSON, XML, CSV, binary or prose") {
  auto recognize = [](std::string text) {
    return RecognizeFormatList(SourceFile(0, "x.txt", Encoding::kUtf8, std::move(text)));
  };
  CHECK(recognize("{\n  \"Name\" : \"a\"\n}\n") == Recognition::kNo);
  CHECK(recognize("[\n  {\"Name\" : \"a\"}\n]\n") == Recognition::kNo);
  CHECK(recognize("<Objs Version=\"1.1.0.1\">\n<S N=\"Name\"> a : b</S>\n") == Recognition::kNo);
  CHECK(recognize("#TYPE Deserialized.X\n\"Name\",\"Enabled\"\n\"a\",\"True\"\n") == Recognition::kNo);
  CHECK(recognize(std::string("Name : a\0\x01\x02", 11)) == Recognition::kNo);
  CHECK(recognize("objects:\n  - kind: OrganizationRelationship\n") == Recognition::kNo);
  CHECK(recognize("Just some prose: nothing here.\n") == Recognition::kNo);
  CHECK(recognize("Get-WebServicesVirtualDirectory : Access is denied.\n    + CategoryInfo : x\n") ==
        Recognition::kNo);
  CHECK(recognize("") == Recognition::kNo);
}

TEST_CASE("FormatListImporter: fails when there is no property line") {
  SourceFile file(0, "x.txt", Encoding::kUtf8,
                  "\n"
                  "# a table, not a list\n"
                  "\n"
                  "Name         DomainNames\n"
                  "----         -----------\n"
                  "O365 to x    {contoso.com}\n");
  ImportError error = ImportFails(file);
  CHECK(error.message == "expected Format-List output ('Name : Value' lines), found no property line");
  CHECK(SpanText(file, error.span) == "Name         DomainNames");
  CHECK(file.Locate(error.span.begin).line == 4);

  SourceFile empty(0, "x.txt", Encoding::kUtf8, "");
  ImportError empty_error = ImportFails(empty);
  CHECK(empty_error.span == empty.Span(0, 0));

  SourceFile only_comment(0, "x.txt", Encoding::kUtf8, "\n# nothing else\n");
  CHECK(SpanText(only_comment, ImportFails(only_comment).span) == "# nothing else");
}

TEST_CASE("FormatListImporter: fails beyond max_objects") {
  SourceFile file(0, "x.txt", Encoding::kUtf8, "Name : a\n\nName : b\n\nName : c\n");
  ImportLimits limits;
  limits.max_objects = 2;
  ImportError error = ImportFails(file, limits);
  CHECK(error.message == "more than 2 objects in one file; the limit is 2 (raise it with --max-objects)");
  CHECK(SpanText(file, error.span) == "Name : c");
  limits.max_objects = 3;
  CHECK(ImportOk(file, limits).objects.size() == 3);
}

TEST_CASE("FormatListImporter: fails on a value longer than max_string_bytes") {
  ImportLimits limits;
  limits.max_string_bytes = 10;
  SourceFile one_line(0, "x.txt", Encoding::kUtf8, "Name : 0123456789A\n");
  ImportError error = ImportFails(one_line, limits);
  CHECK(error.message == "the value of 'Name' is a string of more than 10 bytes; the limit is 10 bytes (raise it with --max-string-size)");
  CHECK(SpanText(one_line, error.span) == "0123456789A");

  SourceFile wrapped(0, "x.txt", Encoding::kUtf8, "Name : 012345\n       6789AB\n");
  ImportError wrapped_error = ImportFails(wrapped, limits);
  CHECK(wrapped_error.message == "the value of 'Name' is a string of more than 10 bytes; the limit is 10 bytes (raise it with --max-string-size)");
  CHECK(wrapped.Locate(wrapped_error.span.begin).line == 1);
  CHECK(wrapped.Locate(wrapped_error.span.end).line == 2);

  SourceFile fits(0, "x.txt", Encoding::kUtf8, "Name : 0123456789\n");
  CHECK(ImportOk(fits, limits).objects.size() == 1);
}

TEST_CASE("FormatListImporter: reads large inputs in one pass") {
  // Quadratic joining or look-ahead would not finish: 200k continuation
  // lines of one value, and 50k objects.
  std::string text = "Name : start\n";
  text.reserve(200000 * 30 + 50000 * 60);
  for (int i = 0; i < 200000; ++i) text += "       continuation-of-the-value\n";
  text += "\n";
  for (int i = 0; i < 50000; ++i) {
    text += "Name    : EWS (Default Web Site)\nServer  : EX" + std::to_string(i) +
            "\nMethods : {a, b, c, d...}\n\n";
  }
  SourceFile file(0, "x.txt", Encoding::kUtf8, std::move(text));
  ImportResult result = ImportOk(file);
  REQUIRE(result.objects.size() == 50001);
  CHECK(FieldOf(result.objects[0], "Name").text.size() == 5 + 200000 * 25);
  CHECK(result.warnings.size() == 50000);
}

TEST_CASE("FormatListImporter: never crashes on arbitrary text") {
  // A small deterministic fuzz over the pieces the scanner cares about.
  const std::vector<std::string> pieces = {"Name",
                                           " : ",
                                           " :",
                                           "\n",
                                           "\r\n",
                                           "\r",
                                           "   ",
                                           "\t",
                                           "{",
                                           "}",
                                           ", ",
                                           "...",
                                           "\xE2\x80\xA6",
                                           "\x1b[",
                                           "\x1b]",
                                           "m",
                                           "\x1b",
                                           "Get-X",
                                           "+ CategoryInfo",
                                           "#",
                                           "a",
                                           "\xEF\xBB\xBF",
                                           "At line:",
                                           "\xC3"};
  uint32_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    int count = static_cast<int>(state % 40);
    for (int i = 0; i < count; ++i) {
      state = state * 1664525u + 1013904223u;
      text += pieces[(state >> 8) % pieces.size()];
    }
    SourceFile file(0, "x.txt", Encoding::kUtf8, text);
    (void)RecognizeFormatList(file);
    std::expected<ImportResult, ImportError> result = ImportFormatList(file, ImportLimits{});
    if (result) {
      for (const RawObject& object : result->objects) {
        CHECK(object.span.begin <= object.span.end);
        CHECK(object.span.end <= file.text().size());
        for (const Value& field : object.properties.items) {
          CHECK(field.span.begin <= field.span.end);
          CHECK(field.span.end <= file.text().size());
        }
      }
    } else {
      CHECK(result.error().span.end <= file.text().size());
    }
  }
}

TEST_CASE("FormatListImporter: reads every fixture") {
  std::filesystem::path dir = std::filesystem::path(kSourceDir) / "fixtures/importers/format-list";
  REQUIRE(std::filesystem::is_directory(dir));
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    ++count;
    std::string stem = entry.path().stem().string();
    CAPTURE(stem);
    std::ifstream in(entry.path(), std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::expected<DecodedText, DecodeError> decoded = DecodeText(raw);
    REQUIRE(decoded.has_value());
    CHECK(decoded->text.starts_with("# "));  // every fixture says what it pins
    SourceFile file(0, stem + ".txt", decoded->encoding, std::move(decoded->text));
    std::expected<ImportResult, ImportError> result = ImportFormatList(file, ImportLimits{});
    if (stem.starts_with("bad-")) {
      CHECK_FALSE(result.has_value());
      CHECK(RecognizeFormatList(file) == Recognition::kNo);
      continue;
    }
    REQUIRE(result.has_value());
    CHECK(RecognizeFormatList(file) == Recognition::kMaybe);
    CHECK_FALSE(result->objects.empty());

    if (stem == "utf16le-crlf-vdir") {
      CHECK(file.encoding() == Encoding::kUtf16LeBom);
      CHECK(file.text().find("\r\n") != std::string::npos);
      REQUIRE(result->objects.size() == 2);
      CHECK(FieldOf(result->objects[0], "InternalNLBBypassUrl").is_null());
      CHECK(FieldOf(result->objects[1], "ExternalUrl").is_null());
      CHECK(Items(FieldOf(result->objects[0], "InternalAuthenticationMethods")) ==
            std::vector<std::string>{"Ntlm", "WindowsIntegrated", "WSSecurity", "OAuth"});
      CHECK(SpanText(file, FieldOf(result->objects[1], "Name").span) == "EWS (Exchange Back End)");
    } else if (stem == "ems-orgrel-two-objects") {
      REQUIRE(result->objects.size() == 2);
      CHECK(Names(result->objects[0].properties).front() == "RunspaceId");
      CHECK(Items(FieldOf(result->objects[1], "DomainNames")) ==
            std::vector<std::string>{"fabrikam.com", "sales.fabrikam.com"});
    } else if (stem == "pwsh7-unicode-ellipsis") {
      CHECK(FieldOf(result->objects[0], "DomainNames").loss == Loss::kTruncated);
      CHECK(FieldOf(result->objects[0], "Comment").text == "see ticket 4711...");
      CHECK(result->warnings.size() == 1);
    } else if (stem == "ps51-ascii-dots-truncation") {
      REQUIRE(result->objects.size() == 2);
      CHECK(FieldOf(result->objects[0], "InternalAuthenticationMethods").loss == Loss::kTruncated);
      CHECK(FieldOf(result->objects[1], "ExternalAuthenticationMethods").items.empty());
      CHECK(result->warnings.size() == 2);
    } else if (stem == "wrapped-distinguishedname") {
      REQUIRE(result->objects.size() == 1);
      CHECK(FieldOf(result->objects[0], "DistinguishedName").text.find("CN=Configuration,") !=
            std::string::npos);
      CHECK(FieldOf(result->objects[0], "Identity")
                .text.ends_with("/HybridIOC - 550d3715-58c4-4079-af8e-b45162205800"));
    } else if (stem == "transcript-with-noise") {
      REQUIRE(result->objects.size() == 2);
      CHECK(result->warnings.size() == 1);
    } else if (stem == "ru-culture-dates") {
      REQUIRE(result->objects.size() == 1);
      CHECK(FieldOf(result->objects[0], "WhenChanged").text == "24.09.2020 14:00:52");
      CHECK(
          FieldOf(result->objects[0], "OrgCertificate").text.starts_with("[Subject]  CN=Federation[Issuer]"));
      CHECK(FieldOf(result->objects[0], "OrgNextCertificate").is_null());
    } else if (stem == "pwsh74-ansi-accent") {
      REQUIRE(result->objects.size() == 1);
      CHECK(FieldOf(result->objects[0], "Enabled").text == "True");
    }
  }
  CHECK(count >= 9);
}

}  // namespace lint
