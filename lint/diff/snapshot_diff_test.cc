#include "lint/diff/snapshot_diff.h"

#include <doctest/doctest.h>

namespace lint {

namespace {

Object Make(Side side, const char* kind, const char* identity, std::vector<std::pair<std::string, Value>> props) {
  Object o;
  o.side = side;
  o.kind = kind;
  o.identity = identity;
  o.properties = Value::Object({});
  for (auto& [name, value] : props) o.properties.SetField(name, value);
  return o;
}

Value Domains(std::initializer_list<const char*> items) {
  std::vector<Value> v;
  for (const char* s : items) v.push_back(Value::String(s));
  return Value::List(v);
}

Object OrgRel(const char* name, Value domains, bool enabled = true) {
  return Make(Side::kCloud, "OrganizationRelationship", name,
              {{"Name", Value::String(name)}, {"DomainNames", domains}, {"Enabled", Value::Bool(enabled)},
               {"Guid", Value::String("711f291b-a291-4700-a703-edb0449233eb")},
               {"WhenChanged", Value::String("2025-06-12T13:44:02Z")}});
}

}  // namespace

TEST_CASE("DiffSnapshots: objects match by identity whatever their order and case") {
  Snapshot a, b;
  a.objects = {OrgRel("O365 to On-premises", Domains({"contoso.com"})), OrgRel("Partner", Domains({"fabrikam.com"}))};
  b.objects = {OrgRel("partner", Domains({"fabrikam.com"})), OrgRel("O365 TO ON-PREMISES", Domains({"contoso.com"}))};
  SnapshotDiff d = DiffSnapshots(a, b);
  CHECK(d.matched == 2);
  CHECK(d.not_compared.empty());
  // Matched, not added and removed; the new spelling of the Name is a change.
  REQUIRE(d.changes.size() == 2);
  for (const ObjectChange& c : d.changes) {
    CHECK(c.change == ChangeType::kChanged);
    REQUIRE(c.properties.size() == 1);
    CHECK(c.properties[0].property == "Name");
  }
  b.objects[0].properties.SetField("Name", Value::String("Partner"));
  b.objects[1].properties.SetField("Name", Value::String("O365 to On-premises"));
  SnapshotDiff same = DiffSnapshots(a, b);
  CHECK(same.changes.empty());
  CHECK(same.unchanged == 2);
}

TEST_CASE("DiffSnapshots: added, removed and changed objects, with the changed properties") {
  Snapshot a, b;
  a.objects = {OrgRel("O365 to On-premises", Domains({"contoso.com"})), OrgRel("Old partner", Domains({"tailspin.com"}))};
  b.objects = {OrgRel("O365 to On-premises", Domains({"contoso.com", "fabrikam.com"}), false),
               OrgRel("New partner", Domains({"wingtip.com"}))};
  b.objects[0].properties.SetField("WhenChanged", Value::String("2026-10-14T09:09:51Z"));  // noise
  SnapshotDiff d = DiffSnapshots(a, b);
  REQUIRE(d.changes.size() == 3);
  // Sorted by side, kind, identity: New partner, O365..., Old partner.
  CHECK(d.changes[0].change == ChangeType::kAdded);
  CHECK(d.changes[0].object == "New partner");
  CHECK(d.changes[1].change == ChangeType::kChanged);
  CHECK(d.changes[1].object == "O365 to On-premises");
  REQUIRE(d.changes[1].properties.size() == 2);
  CHECK(d.changes[1].properties[0].property == "DomainNames");  // schema order
  CHECK(d.changes[1].properties[0].as_set);
  REQUIRE(d.changes[1].properties[0].added.size() == 1);
  CHECK(d.changes[1].properties[0].added[0].text == "fabrikam.com");
  CHECK(d.changes[1].properties[1].property == "Enabled");
  CHECK(d.changes[2].change == ChangeType::kRemoved);
  CHECK(d.changes[2].old_object == &a.objects[1]);
  CHECK(std::string(ChangeTypeName(d.changes[2].change)) == "removed");
}

TEST_CASE("DiffSnapshots: a different Guid is reported as a recreated object") {
  Snapshot a, b;
  a.objects = {OrgRel("O365 to On-premises", Domains({"contoso.com"}))};
  b.objects = {OrgRel("O365 to On-premises", Domains({"contoso.com"}))};
  b.objects[0].properties.SetField("Guid", Value::String("0c5e7a92-5d1b-4f36-8e07-2b9d4a61c3f8"));
  SnapshotDiff d = DiffSnapshots(a, b);
  REQUIRE(d.changes.size() == 1);
  REQUIRE(d.changes[0].properties.size() == 1);
  CHECK(d.changes[0].properties[0].property == "Guid");
  CHECK(d.changes[0].properties[0].note.starts_with("a different Guid"));
}

TEST_CASE("DiffSnapshots: a kind exported on one side only is not compared, not 'all removed'") {
  Snapshot a, b;
  a.objects = {OrgRel("O365 to On-premises", Domains({"contoso.com"})),
               Make(Side::kOnPrem, "AuthConfig", "Auth Configuration", {{"Name", Value::String("Auth Configuration")}})};
  b.objects = {OrgRel("O365 to On-premises", Domains({"contoso.com"}))};
  SnapshotDiff d = DiffSnapshots(a, b);
  CHECK(d.changes.empty());
  REQUIRE(d.not_compared.size() == 1);
  CHECK(d.not_compared[0].kind == "AuthConfig");
  CHECK(d.not_compared[0].reason == "no on-premises Get-AuthConfig export in NEW, so its objects are not compared");
  // An export that is there but empty does remove the objects.
  b.inputs.push_back(InputFile{});
  b.inputs.back().file_kind = "AuthConfig";
  b.inputs.back().side = Side::kOnPrem;
  SnapshotDiff d2 = DiffSnapshots(a, b);
  REQUIRE(d2.changes.size() == 1);
  CHECK(d2.changes[0].change == ChangeType::kRemoved);
}

TEST_CASE("DiffSnapshots: a lost or absent value is not compared, and says why") {
  Snapshot a, b;
  a.objects = {OrgRel("O365 to On-premises", Domains({"contoso.com"}))};
  b.objects = {OrgRel("O365 to On-premises", Domains({}))};
  b.objects[0].properties.Field("DomainNames")->loss = Loss::kLost;
  b.objects[0].missing_reasons["DomainNames"] = "the export lost the value of DomainNames";
  // Absent in NEW with a value in OLD: not compared; absent with a blank: equal.
  a.objects[0].properties.SetField("TargetApplicationUri", Value::String("FYDIBOHF25SPDLT.contoso.com"));
  a.objects[0].properties.SetField("TargetSharingEpr", Value::Null());
  SnapshotDiff d = DiffSnapshots(a, b);
  CHECK(d.changes.empty());
  REQUIRE(d.not_compared.size() == 2);
  CHECK(d.not_compared[0].property == "DomainNames");
  CHECK(d.not_compared[0].reason == "the NEW export lost the value: the export lost the value of DomainNames");
  CHECK(d.not_compared[1].property == "TargetApplicationUri");
  CHECK(d.not_compared[1].reason == "the NEW export does not hold it");
}

TEST_CASE("DiffSnapshots: one certificate on two servers pairs by its Identity (SERVER\\THUMBPRINT)") {
  auto cert = [](const char* server, const char* status) {
    std::string identity = std::string(server) + "\\CEBEBB58F10A9DE68AC7DFA3C51DCC6004F04C40";
    return Make(Side::kOnPrem, "ExchangeCertificate", "CEBEBB58F10A9DE68AC7DFA3C51DCC6004F04C40",
                {{"Thumbprint", Value::String("CEBEBB58F10A9DE68AC7DFA3C51DCC6004F04C40")},
                 {"Identity", Value::String(identity)},
                 {"Status", Value::String(status)}});
  };
  Snapshot a, b;
  a.objects = {cert("EX01.corp.contoso.com", "Valid"), cert("EX02.corp.contoso.com", "Valid")};
  b.objects = {cert("EX02.corp.contoso.com", "DateInvalid"), cert("EX01.corp.contoso.com", "Valid")};
  SnapshotDiff d = DiffSnapshots(a, b);
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0].old_object == &a.objects[1]);
  CHECK(d.changes[0].new_object == &b.objects[0]);
  CHECK(d.notes.empty());
  // Without an Identity to tell them apart: paired in order, and said so.
  for (Object& o : a.objects) o.properties.items.erase(o.properties.items.begin() + 1);
  for (Object& o : b.objects) o.properties.items.erase(o.properties.items.begin() + 1);
  SnapshotDiff d2 = DiffSnapshots(a, b);
  REQUIRE(d2.notes.size() == 1);
  CHECK(d2.notes[0].find("paired in the order of the exports") != std::string::npos);
}

TEST_CASE("DiffSnapshots: certificates inside an object compare field by field") {
  auto trust = [](const char* not_after) {
    Value cert = Value::Object({});
    cert.SetField("Thumbprint", Value::String("D6E1B2A3C4F5061728394A5B6C7D8E9F00112233"));
    cert.SetField("NotAfter", Value::String(not_after));
    return Make(Side::kOnPrem, "FederationTrust", "Microsoft Federation Gateway", {{"OrgCertificate", cert}});
  };
  Snapshot a, b;
  a.objects = {trust("2025-09-24T11:00:52Z")};
  b.objects = {trust("2025-09-24T14:00:52")};  // Format-List: local time, no zone
  SnapshotDiff d = DiffSnapshots(a, b);
  CHECK(d.changes.empty());
  REQUIRE(d.not_compared.size() == 1);
  CHECK(d.not_compared[0].property == "OrgCertificate.NotAfter");
  b.objects = {trust("2027-09-24T11:00:52Z")};
  SnapshotDiff d2 = DiffSnapshots(a, b);
  REQUIRE(d2.changes.size() == 1);
  REQUIRE(d2.changes[0].properties.size() == 1);
  CHECK(d2.changes[0].properties[0].property == "OrgCertificate.NotAfter");
}

TEST_CASE("DiffSnapshots: WhenCreated without a zone defers to WhenCreatedUTC") {
  Snapshot a, b;
  a.objects = {OrgRel("O365 to On-premises", Domains({"contoso.com"}))};
  b.objects = {OrgRel("O365 to On-premises", Domains({"contoso.com"}))};
  // CLIXML (offset known) against Format-List (local time, no zone).
  a.objects[0].properties.SetField("WhenCreated", Value::String("2025-06-12T13:44:02Z"));
  a.objects[0].properties.SetField("WhenCreatedUTC", Value::String("2025-06-12T13:44:02Z"));
  b.objects[0].properties.SetField("WhenCreated", Value::String("2025-06-12T15:44:02"));
  b.objects[0].properties.SetField("WhenCreatedUTC", Value::String("2025-06-12T13:44:02"));
  SnapshotDiff d = DiffSnapshots(a, b);
  CHECK(d.changes.empty());
  CHECK(d.not_compared.empty());
  // Without the UTC twin the local time cannot be told apart from a change.
  b.objects[0].properties.SetField("WhenCreatedUTC", Value::Null());
  SnapshotDiff d2 = DiffSnapshots(a, b);
  REQUIRE(d2.not_compared.size() == 1);
  CHECK(d2.not_compared[0].property == "WhenCreated");
  // A different creation time is a recreated object.
  b.objects[0].properties.SetField("WhenCreatedUTC", Value::String("2026-01-05T10:00:00Z"));
  SnapshotDiff d3 = DiffSnapshots(a, b);
  REQUIRE(d3.changes.size() == 1);
  REQUIRE(d3.changes[0].properties.size() == 1);
  CHECK(d3.changes[0].properties[0].property == "WhenCreatedUTC");
  CHECK(d3.changes[0].properties[0].note.starts_with("a different WhenCreatedUTC"));
}

TEST_CASE("DiffSnapshots: objects of unknown kind are counted, not compared") {
  Snapshot a, b;
  a.objects = {Make(Side::kCloud, "", "x", {})};
  SnapshotDiff d = DiffSnapshots(a, b);
  CHECK(d.changes.empty());
  CHECK(d.unknown_kind == 1);
}

}  // namespace lint
