// Unit tests of tests/format_writers.h: the exact text each writer gives for
// small objects, laid out as Windows PowerShell 5.1 writes it
// (serialization-reference.md Part B).
#include <initializer_list>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "lint/model/kind_schema.h"
#include "tests/format_writers.h"
#include "tests/golden.h"

namespace lint::testing {
namespace {

/// Raw string literals have LF line ends; the writers write CRLF.
std::string Crlf(std::string_view text) { return ReplaceAll(std::string(text), "\n", "\r\n"); }

Value Strings(std::initializer_list<const char*> items) {
  Value list = Value::List({});
  for (const char* item : items) list.items.push_back(Value::String(item));
  return list;
}

Object Make(std::string kind, Side side, std::string identity,
            std::initializer_list<std::pair<const char*, Value>> properties) {
  Object o;
  o.kind = std::move(kind);
  o.side = side;
  o.identity = std::move(identity);
  o.properties = Value::Object({});
  for (const auto& [name, value] : properties) o.properties.SetField(name, value);
  return o;
}

/// A cloud organization relationship: escaping, a list of domains, an enum,
/// null, a relative Uri, a date.
Object Relationship() {
  return Make("OrganizationRelationship", Side::kCloud, "Contoso's <EWS> & more",
              {{"Name", Value::String("Contoso's <EWS> & more")},
               {"DomainNames", Strings({"contoso.com", "fabrikam.com"})},
               {"FreeBusyAccessEnabled", Value::Bool(true)},
               {"FreeBusyAccessLevel", Value::String("LimitedDetails")},
               {"FreeBusyAccessScope", Value::Null()},
               {"TargetApplicationUri", Value::String("outlook.com")},
               {"WhenChanged", Value::String("2026-03-07T21:13:41Z")}});
}

/// An EWS virtual directory: ADObjectId, a list of enums, the
/// ExtendedProtectionFlag MVP, ServerVersion, an absolute Uri.
Object EwsDirectory() {
  return Make("WebServicesVirtualDirectory", Side::kOnPrem, "EX01\\EWS (Default Web Site)",
              {{"Server", Value::String("EX01")},
               {"Name", Value::String("EWS (Default Web Site)")},
               {"InternalAuthenticationMethods", Strings({"Ntlm", "WSSecurity", "OAuth"})},
               {"ExtendedProtectionFlags", Strings({"Proxy", "AllowDotlessSpn"})},
               {"AdminDisplayVersion", Value::String("Version 15.2 (Build 1544.4)")},
               {"ExternalUrl", Value::String("https://mail.contoso.com/EWS/Exchange.asmx")}});
}

/// Two certificates: a flags enum, an empty and a one-item list, a date and
/// null, integers.
std::vector<Object> Certificates() {
  return {Make("ExchangeCertificate", Side::kOnPrem, "AAA1",
               {{"Thumbprint", Value::String("AAA1")},
                {"Services", Strings({"IMAP", "POP", "IIS", "SMTP"})},
                {"CertificateDomains", Value::List({})},
                {"NotAfter", Value::String("2026-12-20T21:13:41Z")},
                {"PublicKeySize", Value::Int(2048)}}),
          Make("ExchangeCertificate", Side::kOnPrem, "BBB2",
               {{"Thumbprint", Value::String("BBB2")},
                {"Services", Strings({"None"})},
                {"CertificateDomains", Strings({"mail.contoso.com"})},
                {"NotAfter", Value::Null()},
                {"PublicKeySize", Value::Int(4096)}})};
}

std::vector<const Object*> Pointers(const std::vector<Object>& objects) {
  std::vector<const Object*> out;
  for (const Object& o : objects) out.push_back(&o);
  return out;
}

}  // namespace

TEST_CASE("FormatWriters: Export-Clixml of an organization relationship") {
  Object o = Relationship();
  CHECK(WriteClixml({&o}) == Crlf(R"--(<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
  <Obj RefId="0">
    <TN RefId="0">
      <T>Microsoft.Exchange.Data.Directory.SystemConfiguration.OrganizationRelationship</T>
      <T>System.Object</T>
    </TN>
    <ToString>Contoso's &lt;EWS&gt; &amp; more</ToString>
    <Props>
      <S N="Name">Contoso's &lt;EWS&gt; &amp; more</S>
      <Obj N="DomainNames" RefId="1">
        <TN RefId="1">
          <T>Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.SmtpDomain, Microsoft.Exchange.Data, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]</T>
          <T>Microsoft.Exchange.Data.MultiValuedPropertyBase</T>
          <T>System.Object</T>
        </TN>
        <LST>
          <Obj RefId="2">
            <TN RefId="2">
              <T>Microsoft.Exchange.Data.SmtpDomain</T>
              <T>System.Object</T>
            </TN>
            <ToString>contoso.com</ToString>
            <Props>
              <S N="Domain">contoso.com</S>
            </Props>
          </Obj>
          <Obj RefId="3">
            <TNRef RefId="2" />
            <ToString>fabrikam.com</ToString>
            <Props>
              <S N="Domain">fabrikam.com</S>
            </Props>
          </Obj>
        </LST>
      </Obj>
      <B N="FreeBusyAccessEnabled">true</B>
      <Obj N="FreeBusyAccessLevel" RefId="4">
        <TN RefId="3">
          <T>Microsoft.Exchange.Data.Directory.SystemConfiguration.FreeBusyAccessLevel</T>
          <T>System.Enum</T>
          <T>System.ValueType</T>
          <T>System.Object</T>
        </TN>
        <ToString>LimitedDetails</ToString>
        <I32>2</I32>
      </Obj>
      <Nil N="FreeBusyAccessScope" />
      <URI N="TargetApplicationUri">outlook.com</URI>
      <DT N="WhenChanged">2026-03-07T21:13:41Z</DT>
    </Props>
  </Obj>
</Objs>
)--"));
}

TEST_CASE("FormatWriters: ConvertTo-Json (5.1) of an organization relationship") {
  Object o = Relationship();
  CHECK(WriteJson({&o}) == Crlf(R"--({
    "Name":  "Contoso\u0027s \u003cEWS\u003e \u0026 more",
    "DomainNames":  [
                        {
                            "Domain":  "contoso.com"
                        },
                        {
                            "Domain":  "fabrikam.com"
                        }
                    ],
    "FreeBusyAccessEnabled":  true,
    "FreeBusyAccessLevel":  2,
    "FreeBusyAccessScope":  null,
    "TargetApplicationUri":  {
                                 "OriginalString":  "outlook.com",
                                 "IsAbsoluteUri":  false,
                                 "UserEscaped":  false
                             },
    "WhenChanged":  "\/Date(1772918021000)\/"
}
)--"));
}

TEST_CASE("FormatWriters: Format-List of an organization relationship") {
  Object o = Relationship();
  CHECK(WriteFormatList({&o}) == Crlf(R"--(
Name                  : Contoso's <EWS> & more
DomainNames           : {contoso.com, fabrikam.com}
FreeBusyAccessEnabled : True
FreeBusyAccessLevel   : LimitedDetails
FreeBusyAccessScope   : 
TargetApplicationUri  : outlook.com
WhenChanged           : 3/7/2026 9:13:41 PM


)--"));
}

TEST_CASE("FormatWriters: Export-Csv of an organization relationship") {
  Object o = Relationship();
  CHECK(WriteCsv({&o}) == Crlf(R"--(#TYPE Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration.OrganizationRelationship
"Name","DomainNames","FreeBusyAccessEnabled","FreeBusyAccessLevel","FreeBusyAccessScope","TargetApplicationUri","WhenChanged"
"Contoso's <EWS> & more","contoso.com fabrikam.com","True","LimitedDetails",,"outlook.com","3/7/2026 9:13:41 PM"
)--"));
}

TEST_CASE("FormatWriters: Export-Clixml of an EWS virtual directory") {
  Object o = EwsDirectory();
  CHECK(WriteClixml({&o}) == Crlf(R"--(<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
  <Obj RefId="0">
    <TN RefId="0">
      <T>Microsoft.Exchange.Data.Directory.SystemConfiguration.ADWebServicesVirtualDirectory</T>
      <T>System.Object</T>
    </TN>
    <ToString>EX01\EWS (Default Web Site)</ToString>
    <Props>
      <Obj N="Server" RefId="1">
        <TN RefId="1">
          <T>Microsoft.Exchange.Data.Directory.ADObjectId</T>
          <T>System.Object</T>
        </TN>
        <ToString>EX01</ToString>
        <Props>
          <S N="Name">EX01</S>
        </Props>
      </Obj>
      <S N="Name">EWS (Default Web Site)</S>
      <Obj N="InternalAuthenticationMethods" RefId="2">
        <TN RefId="2">
          <T>Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthenticationMethod, Microsoft.Exchange.Data, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]</T>
          <T>Microsoft.Exchange.Data.MultiValuedPropertyBase</T>
          <T>System.Object</T>
        </TN>
        <LST>
          <Obj RefId="3">
            <TN RefId="3">
              <T>Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthenticationMethod</T>
              <T>System.Enum</T>
              <T>System.ValueType</T>
              <T>System.Object</T>
            </TN>
            <ToString>Ntlm</ToString>
            <I32>2</I32>
          </Obj>
          <Obj RefId="4">
            <TNRef RefId="3" />
            <ToString>WSSecurity</ToString>
            <I32>7</I32>
          </Obj>
          <Obj RefId="5">
            <TNRef RefId="3" />
            <ToString>OAuth</ToString>
            <I32>10</I32>
          </Obj>
        </LST>
      </Obj>
      <Obj N="ExtendedProtectionFlags" RefId="6">
        <TN RefId="4">
          <T>Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.Directory.SystemConfiguration.ExtendedProtectionFlag, Microsoft.Exchange.Data, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]</T>
          <T>Microsoft.Exchange.Data.MultiValuedPropertyBase</T>
          <T>System.Object</T>
        </TN>
        <LST>
          <Obj RefId="7">
            <TN RefId="5">
              <T>Microsoft.Exchange.Data.Directory.SystemConfiguration.ExtendedProtectionFlag</T>
              <T>System.Enum</T>
              <T>System.ValueType</T>
              <T>System.Object</T>
            </TN>
            <ToString>Proxy</ToString>
            <I32>1</I32>
          </Obj>
          <Obj RefId="8">
            <TNRef RefId="5" />
            <ToString>AllowDotlessSpn</ToString>
            <I32>4</I32>
          </Obj>
        </LST>
      </Obj>
      <Obj N="AdminDisplayVersion" RefId="9">
        <TN RefId="6">
          <T>Microsoft.Exchange.Data.ServerVersion</T>
          <T>System.Object</T>
        </TN>
        <ToString>Version 15.2 (Build 1544.4)</ToString>
        <Props>
          <I32 N="Major">15</I32>
          <I32 N="Minor">2</I32>
          <I32 N="Build">1544</I32>
          <I32 N="Revision">4</I32>
        </Props>
      </Obj>
      <URI N="ExternalUrl">https://mail.contoso.com/EWS/Exchange.asmx</URI>
    </Props>
  </Obj>
</Objs>
)--"));
}

TEST_CASE("FormatWriters: ConvertTo-Json (5.1) of an EWS virtual directory") {
  Object o = EwsDirectory();
  CHECK(WriteJson({&o}) == Crlf(R"--({
    "Server":  {
                   "Rdn":  "CN=EX01",
                   "Parent":  "contoso.com/Configuration/Services/Microsoft Exchange/Contoso/Administrative Groups/Exchange Administrative Group (FYDIBOHF23SPDLT)/Servers",
                   "Depth":  11,
                   "DistinguishedName":  "CN=EX01,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com",
                   "IsRelativeDn":  false,
                   "DomainId":  "contoso.com",
                   "Name":  "EX01"
               },
    "Name":  "EWS (Default Web Site)",
    "InternalAuthenticationMethods":  [
                                          2,
                                          7,
                                          10
                                      ],
    "ExtendedProtectionFlags":  [
                                    1,
                                    4
                                ],
    "AdminDisplayVersion":  {
                                "Major":  15,
                                "Minor":  2,
                                "Build":  1544,
                                "Revision":  4,
                                "FilePatchLevelDescription":  ""
                            },
    "ExternalUrl":  {
                        "AbsolutePath":  "/EWS/Exchange.asmx",
                        "AbsoluteUri":  "https://mail.contoso.com/EWS/Exchange.asmx",
                        "LocalPath":  "/EWS/Exchange.asmx",
                        "Authority":  "mail.contoso.com",
                        "HostNameType":  2,
                        "IsDefaultPort":  true,
                        "IsFile":  false,
                        "IsLoopback":  false,
                        "PathAndQuery":  "/EWS/Exchange.asmx",
                        "Segments":  [
                                         "/",
                                         "EWS/",
                                         "Exchange.asmx"
                                     ],
                        "IsUnc":  false,
                        "Host":  "mail.contoso.com",
                        "Port":  443,
                        "Query":  "",
                        "Fragment":  "",
                        "Scheme":  "https",
                        "OriginalString":  "https://mail.contoso.com/EWS/Exchange.asmx",
                        "DnsSafeHost":  "mail.contoso.com",
                        "IdnHost":  "mail.contoso.com",
                        "IsAbsoluteUri":  true,
                        "UserEscaped":  false,
                        "UserInfo":  ""
                    }
}
)--"));
}

TEST_CASE("FormatWriters: Format-List and Export-Csv of an EWS virtual directory") {
  Object o = EwsDirectory();
  CHECK(WriteFormatList({&o}) == Crlf(R"--(
Server                        : EX01
Name                          : EWS (Default Web Site)
InternalAuthenticationMethods : {Ntlm, WSSecurity, OAuth}
ExtendedProtectionFlags       : {Proxy, AllowDotlessSpn}
AdminDisplayVersion           : Version 15.2 (Build 1544.4)
ExternalUrl                   : https://mail.contoso.com/EWS/Exchange.asmx


)--"));
  CHECK(WriteCsv({&o}) == Crlf(R"--(#TYPE Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration.ADWebServicesVirtualDirectory
"Server","Name","InternalAuthenticationMethods","ExtendedProtectionFlags","AdminDisplayVersion","ExternalUrl"
"EX01","EWS (Default Web Site)","Ntlm WSSecurity OAuth","Proxy AllowDotlessSpn","Version 15.2 (Build 1544.4)","https://mail.contoso.com/EWS/Exchange.asmx"
)--"));
}

TEST_CASE("FormatWriters: Export-Clixml of two certificates shares type names") {
  std::vector<Object> objects = Certificates();
  CHECK(WriteClixml(Pointers(objects)) == Crlf(R"--(<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
  <Obj RefId="0">
    <TN RefId="0">
      <T>Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate</T>
      <T>System.Object</T>
    </TN>
    <ToString>AAA1</ToString>
    <Props>
      <S N="Thumbprint">AAA1</S>
      <Obj N="Services" RefId="1">
        <TN RefId="1">
          <T>Microsoft.Exchange.Data.Directory.SystemConfiguration.AllowedServices</T>
          <T>System.Enum</T>
          <T>System.ValueType</T>
          <T>System.Object</T>
        </TN>
        <ToString>IMAP, POP, IIS, SMTP</ToString>
        <I32>27</I32>
      </Obj>
      <Obj N="CertificateDomains" RefId="2">
        <TN RefId="2">
          <T>Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.SmtpDomain, Microsoft.Exchange.Data, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]</T>
          <T>Microsoft.Exchange.Data.MultiValuedPropertyBase</T>
          <T>System.Object</T>
        </TN>
        <LST />
      </Obj>
      <DT N="NotAfter">2026-12-20T21:13:41Z</DT>
      <I32 N="PublicKeySize">2048</I32>
    </Props>
  </Obj>
  <Obj RefId="3">
    <TNRef RefId="0" />
    <ToString>BBB2</ToString>
    <Props>
      <S N="Thumbprint">BBB2</S>
      <Obj N="Services" RefId="4">
        <TNRef RefId="1" />
        <ToString>None</ToString>
        <I32>0</I32>
      </Obj>
      <Obj N="CertificateDomains" RefId="5">
        <TNRef RefId="2" />
        <LST>
          <Obj RefId="6">
            <TN RefId="3">
              <T>Microsoft.Exchange.Data.SmtpDomain</T>
              <T>System.Object</T>
            </TN>
            <ToString>mail.contoso.com</ToString>
            <Props>
              <S N="Domain">mail.contoso.com</S>
            </Props>
          </Obj>
        </LST>
      </Obj>
      <Nil N="NotAfter" />
      <I32 N="PublicKeySize">4096</I32>
    </Props>
  </Obj>
</Objs>
)--"));
}

TEST_CASE("FormatWriters: ConvertTo-Json (5.1) of two certificates is an array") {
  std::vector<Object> objects = Certificates();
  CHECK(WriteJson(Pointers(objects)) == Crlf(R"--([
    {
        "Thumbprint":  "AAA1",
        "Services":  27,
        "CertificateDomains":  [

                               ],
        "NotAfter":  "\/Date(1797801221000)\/",
        "PublicKeySize":  2048
    },
    {
        "Thumbprint":  "BBB2",
        "Services":  0,
        "CertificateDomains":  [
                                   {
                                       "Domain":  "mail.contoso.com"
                                   }
                               ],
        "NotAfter":  null,
        "PublicKeySize":  4096
    }
]
)--"));
}

TEST_CASE("FormatWriters: Format-List and Export-Csv of two certificates") {
  std::vector<Object> objects = Certificates();
  CHECK(WriteFormatList(Pointers(objects)) == Crlf(R"--(
Thumbprint         : AAA1
Services           : IMAP, POP, IIS, SMTP
CertificateDomains : {}
NotAfter           : 12/20/2026 9:13:41 PM
PublicKeySize      : 2048

Thumbprint         : BBB2
Services           : None
CertificateDomains : {mail.contoso.com}
NotAfter           : 
PublicKeySize      : 4096


)--"));
  CHECK(WriteCsv(Pointers(objects)) == Crlf(R"--(#TYPE Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate
"Thumbprint","Services","CertificateDomains","NotAfter","PublicKeySize"
"AAA1","IMAP, POP, IIS, SMTP","","12/20/2026 9:13:41 PM","2048"
"BBB2","None","mail.contoso.com",,"4096"
)--"));
}

TEST_CASE("FormatWriters: a certificate property is an object in CLIXML and JSON, left out of FL and CSV") {
  Value certificate = Value::Object({});
  certificate.SetField("Thumbprint", Value::String("8F4E"));
  certificate.SetField("NotAfter", Value::String("2026-12-20T21:13:41Z"));
  Object o = Make("FederationTrust", Side::kOnPrem, "Microsoft Federation Gateway",
                  {{"Name", Value::String("Microsoft Federation Gateway")}, {"OrgCertificate", certificate}});
  std::string xml = WriteClixml({&o});
  CHECK(xml.find(Crlf(R"--(      <Obj N="OrgCertificate" RefId="1">
        <TN RefId="1">
          <T>System.Security.Cryptography.X509Certificates.X509Certificate2</T>
          <T>System.Security.Cryptography.X509Certificates.X509Certificate</T>
          <T>System.Object</T>
        </TN>
        <Props>
          <S N="Thumbprint">8F4E</S>
          <DT N="NotAfter">2026-12-20T21:13:41Z</DT>
        </Props>
      </Obj>
)--")) != std::string::npos);
  CHECK(WriteJson({&o}) == Crlf(R"--({
    "Name":  "Microsoft Federation Gateway",
    "OrgCertificate":  {
                           "Thumbprint":  "8F4E",
                           "NotAfter":  "\/Date(1797801221000)\/"
                       }
}
)--"));
  CHECK(WriteFormatList({&o}) == Crlf("\nName : Microsoft Federation Gateway\n\n\n"));
  CHECK(WriteCsv({&o}) == Crlf(R"--(#TYPE Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration.FederationTrust
"Name"
"Microsoft Federation Gateway"
)--"));
}

TEST_CASE("FormatWriters: ConvertTo-Json rebuilds on-premises ADObjectIds, keeps cloud ones as names") {
  Object onprem = Make("OrganizationRelationship", Side::kOnPrem, "x",
                       {{"FreeBusyAccessScope", Value::String("contoso.com/Groups/FB, Pilot")}});
  CHECK(WriteJson({&onprem}) == Crlf(R"--({
    "FreeBusyAccessScope":  {
                                "Rdn":  "CN=FB\\, Pilot",
                                "Parent":  "contoso.com/Groups",
                                "Depth":  5,
                                "DistinguishedName":  "CN=FB\\, Pilot,CN=Groups,DC=contoso,DC=com",
                                "IsRelativeDn":  false,
                                "DomainId":  "contoso.com",
                                "Name":  "FB, Pilot"
                            }
}
)--"));
  Object cloud = Make("OrganizationRelationship", Side::kCloud, "x",
                      {{"FreeBusyAccessScope", Value::String("FB-Pilot-Users")}});
  CHECK(WriteJson({&cloud}) == Crlf("{\n    \"FreeBusyAccessScope\":  \"FB-Pilot-Users\"\n}\n"));
}

TEST_CASE("FormatWriters: escaping of strings in each format") {
  // Control characters, _x, a character outside the BMP, XML/JS specials.
  std::string text = "a\r\nb_x \"q\" \\ <&> \xF0\x9F\x98\x80";
  CHECK(EncodeClixmlString(text) == "a_x000D__x000A_b_x005F_x \"q\" \\ &lt;&amp;&gt; _xD83D__xDE00_");
  Object o = Make("OrganizationRelationship", Side::kCloud, "x", {{"OrganizationContact", Value::String(text)}});
  CHECK(WriteJson({&o}) ==
        Crlf("{\n    \"OrganizationContact\":  \"a\\r\\nb_x \\\"q\\\" \\\\ \\u003c\\u0026\\u003e \xF0\x9F\x98\x80\"\n}\n"));
  CHECK(WriteCsv({&o}) == "#TYPE Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration."
                          "OrganizationRelationship\r\n\"OrganizationContact\"\r\n\"a\r\nb_x \"\"q\"\" \\ <&> "
                          "\xF0\x9F\x98\x80\"\r\n");
  // Format-List continues a multi-line value at the value column.
  CHECK(WriteFormatList({&o}) ==
        "\r\nOrganizationContact : a\r\n                      b_x \"q\" \\ <&> \xF0\x9F\x98\x80\r\n\r\n\r\n");
}

TEST_CASE("FormatWriters: no objects is what PowerShell writes for an empty pipeline") {
  CHECK(WriteClixml({}) == "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\" />\r\n");
  CHECK(WriteJson({}).empty());
  CHECK(WriteFormatList({}).empty());
  CHECK(WriteCsv({}).empty());
}

TEST_CASE("FormatWriters: flags, culture dates and UTF-16") {
  const ModelSchema& schema = ModelSchema::Builtin();
  const EnumTable* services = schema.FindEnum("AllowedServices");
  const EnumTable* remote = schema.FindEnum("RemoteRecipientType");
  const EnumTable* days = schema.FindEnum("DaysOfWeek");
  REQUIRE(services);
  REQUIRE(remote);
  REQUIRE(days);
  CHECK(FlagsToString(*services, 27) == "IMAP, POP, IIS, SMTP");
  CHECK(FlagsToString(*services, 0) == "None");
  CHECK(FlagsToString(*services, 256) == "256");
  CHECK(FlagsToString(*remote, 100) == "Migrated, SharedMailbox");
  CHECK(FlagsToString(*days, 62) == "Weekdays");
  CHECK(FlagsToString(*days, 63) == "Sunday, Weekdays");
  CHECK(FlagsValue(*days, {"Monday", "weekenddays"}) == 67);
  CHECK_FALSE(FlagsValue(*days, {"Someday"}).has_value());

  CHECK(CultureDate("2026-12-20T21:13:41Z") == "12/20/2026 9:13:41 PM");
  CHECK(CultureDate("2026-01-05T00:05:09") == "1/5/2026 12:05:09 AM");
  CHECK(CultureDate("2026-01-05T12:00:00.5Z") == "1/5/2026 12:00:00 PM");
  CHECK_FALSE(CultureDate("next Tuesday").has_value());

  CHECK(Utf16LeWithBom("A\xC3\xA9\xF0\x9F\x98\x80") == std::string("\xFF\xFE" "A\0\xE9\0\x3D\xD8\x00\xDE", 10));
}

}  // namespace lint::testing
