// Which mechanism each free/busy direction uses, per seed 002: the side of
// the person asking looks for (1) an enabled intra-organization connector
// holding the target domain (OAuth), else (2) an organization relationship
// holding it (DAuth), else (3, on-premises only) an availability address
// space for it.
#include <algorithm>

#include "lint/rules/engine.h"

namespace lint {

namespace {

bool ListHas(const Value* v, const std::string& domain) {
  if (!v) return false;
  if (v->is_list()) {
    return std::any_of(v->items.begin(), v->items.end(),
                       [&](const Value& i) { return EqualsIgnoreCase(i.ToDisplay(), domain); });
  }
  return EqualsIgnoreCase(v->ToDisplay(), domain);
}

bool IsTrue(const Value* v) { return v && v->type == ValueType::kBool && v->boolean; }

// The Hybrid Agent publishes on-premises EWS/Autodiscover through Azure
// Application Proxy (serialization-reference A.1).
bool IsHybridAgent(const Value* v) {
  return v && v->is_string() &&
         ToLowerAscii(v->text).find(".resource.mailboxmigration.his.msappproxy.net") != std::string::npos;
}

std::string Mechanism(const Snapshot& snapshot, Side side, const std::string& domain, PathResult& detail) {
  bool ioc_export = snapshot.HasExport("IntraOrganizationConnector", side);
  bool orgrel_export = snapshot.HasExport("OrganizationRelationship", side);
  for (const Object* o : snapshot.Find("IntraOrganizationConnector", side)) {
    if (ListHas(o->Get("TargetAddressDomains"), domain) && IsTrue(o->Get("Enabled"))) {
      std::string agent = IsHybridAgent(o->Get("DiscoveryEndpoint")) || IsHybridAgent(o->Get("TargetSharingEpr"))
                              ? "; through the Hybrid Agent" : "";
      detail = {"oauth", "the enabled intra-organization connector '" + o->identity + "' holds " + domain + agent,
                o->kind, o->identity, side, o->span, {}};
      return "oauth";
    }
  }
  std::string disabled_ioc;
  for (const Object* o : snapshot.Find("IntraOrganizationConnector", side)) {
    if (ListHas(o->Get("TargetAddressDomains"), domain)) disabled_ioc = o->identity;
  }
  for (const Object* o : snapshot.Find("OrganizationRelationship", side)) {
    const Value* enabled = o->Get("Enabled");
    if (ListHas(o->Get("DomainNames"), domain) && (!enabled || IsTrue(enabled))) {
      std::string why = "the organization relationship '" + o->identity + "' holds " + domain;
      if (!disabled_ioc.empty()) why += "; the intra-organization connector '" + disabled_ioc + "' is disabled";
      else if (!ioc_export) why += "; no intra-organization connector export, so OAuth could not be ruled out";
      else why += " and no enabled intra-organization connector does";
      if (IsHybridAgent(o->Get("TargetSharingEpr"))) why += "; through the Hybrid Agent";
      detail = {"dauth", why, o->kind, o->identity, side, o->span, {}};
      return "dauth";
    }
  }
  if (side == Side::kOnPrem) {
    for (const Object* o : snapshot.Find("AvailabilityAddressSpace", side)) {
      if (EqualsIgnoreCase(o->Get("ForestName") ? o->Get("ForestName")->ToDisplay() : "", domain)) {
        detail = {"aas", "no connector or relationship holds " + domain + "; the availability address space '" +
                             o->identity + "' does",
                  o->kind, o->identity, side, o->span, {}};
        return "aas";
      }
    }
  }
  if (!ioc_export && !orgrel_export) {
    detail = {"unknown", "no " + std::string(SideWords(side)) + " Get-IntraOrganizationConnector or Get-OrganizationRelationship export", "", "", side, {}, {}};
    return "unknown";
  }
  detail = {"none", "nothing on the " + std::string(SideWords(side)) + " side holds " + domain + ": lookups find no path", "", "", side, {}, {}};
  return "none";
}

// Exchange 2010 servers ("Version 14.x") do not use intra-organization
// connectors (seed 002): lookups from mailboxes on them take the
// relationship or the availability address space.
bool HasExchange2010(const Snapshot& snapshot) {
  for (const Object* o : snapshot.Find("ExchangeServer", Side::kOnPrem)) {
    const Value* v = o->Get("AdminDisplayVersion");
    if (v && v->is_string() && StartsWithIgnoreCase(v->text, "Version 14.")) return true;
  }
  return false;
}

PathResult Resolve(const Snapshot& snapshot, Side side, const std::vector<std::string>& domains,
                   const std::string& missing) {
  PathResult result;
  if (domains.empty()) {
    result.reason = missing;
    return result;
  }
  std::vector<PathResult> details;
  for (const std::string& d : domains) {
    PathResult detail;
    std::string m = Mechanism(snapshot, side, d, detail);
    result.domains.emplace_back(d, m);
    details.push_back(detail);
  }
  if (side == Side::kOnPrem && HasExchange2010(snapshot)) {
    // Mailboxes on Exchange 2010 ask without the connector.
    Snapshot without_ioc;  // a view without intra-organization connectors
    for (const Object& o : snapshot.objects) {
      if (o.kind != "IntraOrganizationConnector") without_ioc.objects.push_back(o);
    }
    without_ioc.inputs = snapshot.inputs;
    for (const std::string& d : domains) {
      PathResult detail;
      std::string m = Mechanism(without_ioc, side, d, detail);
      if (m == "unknown") m = "none";
      result.domains.emplace_back(d + " (from Exchange 2010 mailboxes)", m);
      details.push_back(detail);
    }
  }
  bool same = std::all_of(result.domains.begin(), result.domains.end(),
                          [&](const auto& p) { return p.second == result.domains.front().second; });
  if (same) {
    result = PathResult{details.front().mechanism, details.front().reason, details.front().via_kind,
                        details.front().via_object, details.front().via_side, details.front().span, result.domains};
  } else {
    result.mechanism = "mixed";
    result.reason = "different lookups take different paths";
  }
  return result;
}

}  // namespace

ResolvedPaths ResolvePaths(const Snapshot& snapshot, const Facts& facts) {
  ResolvedPaths paths;
  // On-premises to cloud: the target is the tenant's routing domain.
  std::vector<std::string> cloud_targets;
  if (const Fact* f = facts.Find("tenant_routing_domain")) cloud_targets.push_back(f->value.text);
  auto missing = [&](const char* fact) {
    auto it = facts.missing_reason.find(fact);
    return it == facts.missing_reason.end() ? std::string() : it->second;
  };
  auto has_side = [&](Side side) {
    return std::any_of(snapshot.objects.begin(), snapshot.objects.end(), [&](const Object& o) { return o.side == side; }) ||
           std::any_of(snapshot.inputs.begin(), snapshot.inputs.end(), [&](const InputFile& in) { return in.side == side; });
  };
  bool has_onprem = has_side(Side::kOnPrem);
  bool has_cloud = has_side(Side::kCloud);
  if (has_onprem) {
    paths.onprem_to_cloud = Resolve(snapshot, Side::kOnPrem, cloud_targets, missing("tenant_routing_domain"));
  } else {
    paths.onprem_to_cloud.reason = "no on-premises exports";
  }
  std::vector<std::string> onprem_targets;
  if (const Fact* f = facts.Find("onprem_domains")) {
    for (const Value& v : f->value.items) onprem_targets.push_back(v.text);
  }
  if (has_cloud) {
    paths.cloud_to_onprem = Resolve(snapshot, Side::kCloud, onprem_targets, missing("onprem_domains"));
  } else {
    paths.cloud_to_onprem.reason = "no cloud exports";
  }
  return paths;
}

}  // namespace lint
