#include "lint/rules/facts.h"

#include <algorithm>

#include "lint/rules/rule_pack.h"

namespace lint {

namespace {

struct CloudProfile {
  std::string name;
  std::map<std::string, Value> values;
  std::vector<std::string> hosts;  // every host named in the profile
};

std::string HostOf(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return ToLowerAscii(url);
  url.remove_prefix(scheme + 3);
  auto end = url.find_first_of("/:?#");
  return ToLowerAscii(url.substr(0, end));
}

const std::vector<CloudProfile>& Profiles() {
  static const std::vector<CloudProfile> profiles = [] {
    std::vector<CloudProfile> out;
    for (const CloudProfileText& cloud : BuiltinCloudProfiles()) {
      CloudProfile p;
      p.name = cloud.name;
      for (const CloudValue& entry : cloud.values) {
        const std::string& key = entry.key;
        if (entry.list) {
          Value list = Value::List({});
          for (const std::string& item : entry.items) {
            list.items.push_back(Value::String(item));
            p.hosts.push_back(HostOf(item));
          }
          p.values[key] = list;
        } else {
          const std::string& v = entry.items.front();
          p.values[key] = Value::String(v);
          if (key.find("host") != std::string::npos) p.hosts.push_back(ToLowerAscii(v));
          else if (v.find("://") != std::string::npos) p.hosts.push_back(HostOf(v));
        }
      }
      out.push_back(std::move(p));
    }
    return out;
  }();
  return profiles;
}

void CollectStrings(const Value& v, std::vector<std::string>& out) {
  if (v.is_list()) {
    for (const Value& item : v.items) CollectStrings(item, out);
  } else if (v.is_string() && !v.text.empty()) {
    out.push_back(v.text);
  }
}

std::string DomainOf(const std::string& address) {
  auto at = address.rfind('@');
  return ToLowerAscii(at == std::string::npos ? address : address.substr(at + 1));
}

bool IsTenantDomain(const std::string& domain) {
  std::string d = ToLowerAscii(domain);
  return d.ends_with(".onmicrosoft.com") || d.ends_with(".onmicrosoft.us") || d.ends_with(".onmschina.cn");
}

bool IsRoutingDomain(const std::string& domain) {
  std::string d = ToLowerAscii(domain);
  return d.ends_with(".mail.onmicrosoft.com") || d.ends_with(".mail.onmicrosoft.us") ||
         d.ends_with(".mail.partner.onmschina.cn");
}

}  // namespace

Facts DeriveFacts(const Snapshot& snapshot, const std::string& cloud_override) {
  Facts facts;
  auto add_list = [&](const std::string& name, const std::vector<std::string>& items, std::string source, SourceSpan span) {
    Value list = Value::List({}, span);
    for (const std::string& i : items) list.items.push_back(Value::String(i, span));
    facts.facts[name] = Fact{list, std::move(source), span};
  };

  // Tenant routing domain: the most frequent *.mail.onmicrosoft.* domain in
  // the objects that point at the tenant.
  struct Source {
    const char* kind;
    Side side;
    const char* property;
    bool address;
  };
  static const Source kRouting[] = {
      {"OrganizationRelationship", Side::kOnPrem, "DomainNames", false},
      {"IntraOrganizationConnector", Side::kOnPrem, "TargetAddressDomains", false},
      {"AvailabilityAddressSpace", Side::kOnPrem, "ForestName", false},
      {"IntraOrganizationConfiguration", Side::kCloud, "OnlineTargetAddress", false},
      {"FederatedOrganizationIdentifier", Side::kCloud, "Domains", false},
      {"RemoteMailbox", Side::kOnPrem, "RemoteRoutingAddress", true},
  };
  std::map<std::string, std::pair<int, std::pair<std::string, SourceSpan>>> routing_votes;
  for (const Source& s : kRouting) {
    for (const Object* o : snapshot.Find(s.kind, s.side)) {
      const Value* v = o->Get(s.property);
      if (!v) continue;
      std::vector<std::string> values;
      CollectStrings(*v, values);
      for (const std::string& value : values) {
        std::string d = s.address ? DomainOf(value) : ToLowerAscii(value);
        if (!IsRoutingDomain(d)) continue;
        auto& vote = routing_votes[d];
        if (vote.first++ == 0) {
          vote.second = {std::string(SideWords(s.side)) + " " + s.kind + " '" + o->identity + "' " + s.property, v->span};
        }
      }
    }
  }
  if (!snapshot.manifest.tenant.empty()) {
    std::string t = ToLowerAscii(snapshot.manifest.tenant);
    if (t.find('.') == std::string::npos) t += ".mail.onmicrosoft.com";
    routing_votes[t].first += 1000;
    routing_votes[t].second = {"snapshot.yaml tenant", SourceSpan{}};
  }
  if (!routing_votes.empty()) {
    auto best = std::max_element(routing_votes.begin(), routing_votes.end(),
                                 [](const auto& a, const auto& b) { return a.second.first < b.second.first; });
    std::string routing = best->first;
    const auto& [source, span] = best->second.second;
    facts.facts["tenant_routing_domain"] = Fact{Value::String(routing, span), source, span};
    std::string initial = routing;
    if (auto pos = initial.find(".mail."); pos != std::string::npos) initial.erase(pos, 5);
    facts.facts["tenant_initial_domain"] = Fact{Value::String(initial, span), source, span};
    add_list("tenant_domains", {routing, initial}, source, span);
  } else {
    std::string why = "the tenant routing domain (*.mail.onmicrosoft.com) could not be derived from the exports "
                      "(on-premises OrganizationRelationship, IntraOrganizationConnector or AvailabilityAddressSpace, "
                      "or cloud IntraOrganizationConfiguration)";
    for (const char* f : {"tenant_routing_domain", "tenant_initial_domain", "tenant_domains"}) facts.missing_reason[f] = why;
  }

  // On-premises hybrid domains.
  std::vector<std::string> onprem;
  std::string onprem_source;
  SourceSpan onprem_span;
  auto add_domains = [&](const Object* o, const char* property) {
    const Value* v = o->Get(property);
    if (!v) return;
    std::vector<std::string> values;
    CollectStrings(*v, values);
    for (const std::string& value : values) {
      std::string d = ToLowerAscii(value);
      if (d.empty() || IsTenantDomain(d)) continue;
      if (std::find(onprem.begin(), onprem.end(), d) == onprem.end()) onprem.push_back(d);
    }
    if (onprem_source.empty() && !onprem.empty()) {
      onprem_source = std::string(SideWords(o->side)) + " " + o->kind + " '" + o->identity + "' " + property;
      onprem_span = v->span;
    }
  };
  if (!snapshot.manifest.onprem_domains.empty()) {
    for (const std::string& d : snapshot.manifest.onprem_domains) onprem.push_back(ToLowerAscii(d));
    onprem_source = "snapshot.yaml onprem_domains";
  } else {
    for (const Object* o : snapshot.Find("FederatedOrganizationIdentifier", Side::kOnPrem)) add_domains(o, "Domains");
    for (const Object* o : snapshot.Find("HybridConfiguration", Side::kOnPrem)) add_domains(o, "Domains");
    for (const Object* o : snapshot.Find("OnPremisesOrganization", Side::kCloud)) add_domains(o, "HybridDomains");
  }
  if (!onprem.empty()) {
    add_list("onprem_domains", onprem, onprem_source, onprem_span);
  } else {
    facts.missing_reason["onprem_domains"] =
        "the on-premises hybrid domains could not be derived (export the on-premises Get-FederatedOrganizationIdentifier "
        "or Get-HybridConfiguration, the cloud Get-OnPremisesOrganization, or list onprem_domains in snapshot.yaml)";
  }

  for (const Object* o : snapshot.Find("FederatedOrganizationIdentifier", Side::kOnPrem)) {
    const Value* v = o->Get("AccountNamespace");
    if (v && v->is_string()) {
      facts.facts["account_namespace"] = Fact{*v, "on-premises FederatedOrganizationIdentifier '" + o->identity + "' AccountNamespace", v->span};
      break;
    }
  }
  if (!facts.Find("account_namespace")) {
    facts.missing_reason["account_namespace"] = "no on-premises Get-FederatedOrganizationIdentifier export with an AccountNamespace";
  }

  // Cloud instance: configuration, manifest, else the Microsoft endpoints seen.
  const auto& profiles = Profiles();
  std::map<std::string, int> votes;
  std::vector<std::pair<std::string, std::string>> seen;  // host, where
  static const Source kEndpoints[] = {
      {"OrganizationRelationship", Side::kOnPrem, "TargetAutodiscoverEpr", false},
      {"OrganizationRelationship", Side::kOnPrem, "TargetSharingEpr", false},
      {"IntraOrganizationConnector", Side::kOnPrem, "DiscoveryEndpoint", false},
      {"AuthServer", Side::kOnPrem, "AuthMetadataUrl", false},
      {"AuthServer", Side::kOnPrem, "TokenIssuingEndpoint", false},
      {"IntraOrganizationConfiguration", Side::kCloud, "OnlineDiscoveryEndpoint", false},
  };
  for (const Source& s : kEndpoints) {
    for (const Object* o : snapshot.Find(s.kind, s.side)) {
      const Value* v = o->Get(s.property);
      if (!v || !v->is_string()) continue;
      std::string host = HostOf(v->text);
      for (const CloudProfile& p : profiles) {
        if (std::find(p.hosts.begin(), p.hosts.end(), host) != p.hosts.end()) {
          ++votes[p.name];
          seen.emplace_back(host, p.name);
        }
      }
    }
  }
  if (const Fact* routing = facts.Find("tenant_routing_domain")) {
    std::string d = routing->value.text;
    if (d.ends_with(".us")) ++votes["gcchigh"];
    if (d.ends_with(".cn")) ++votes["china"];
  }
  for (const Object* o : snapshot.Find("HybridConfiguration", Side::kOnPrem)) {
    if (const Value* v = o->Get("ServiceInstance"); v && v->type == ValueType::kInt && v->integer == 1) votes["china"] += 10;
  }
  if (!cloud_override.empty()) {
    facts.cloud_instance = cloud_override;
    facts.cloud_instance_reason = "set in the configuration";
  } else if (!snapshot.manifest.cloud_instance.empty()) {
    facts.cloud_instance = snapshot.manifest.cloud_instance;
    facts.cloud_instance_reason = "set in snapshot.yaml";
  } else if (!votes.empty()) {
    // Ties go to the order of checks/clouds.yaml (worldwide first), not to
    // the alphabet: GCC High and DoD share most hosts.
    std::string best;
    int best_votes = 0;
    for (const CloudProfile& p : profiles) {
      auto it = votes.find(p.name);
      if (it != votes.end() && it->second > best_votes) {
        best = p.name;
        best_votes = it->second;
      }
    }
    facts.cloud_instance = best;
    facts.cloud_instance_reason = "inferred from " + std::to_string(best_votes) + " Microsoft endpoint(s) in the exports";
  } else {
    facts.cloud_instance = "worldwide";
    facts.cloud_instance_reason = "assumed: no Microsoft endpoint in the exports names another cloud";
  }
  for (const auto& [host, cloud] : seen) {
    bool also_in_chosen = false;
    for (const CloudProfile& p : profiles) {
      if (p.name == facts.cloud_instance && std::find(p.hosts.begin(), p.hosts.end(), host) != p.hosts.end()) also_in_chosen = true;
    }
    if (!also_in_chosen) facts.mixed_cloud_notes.push_back(host + " belongs to the " + cloud + " cloud");
  }
  facts.facts["cloud_instance"] = Fact{Value::String(facts.cloud_instance), facts.cloud_instance_reason, SourceSpan{}};
  bool found = false;
  for (const CloudProfile& p : profiles) {
    if (p.name != facts.cloud_instance) continue;
    found = true;
    for (const auto& [key, value] : p.values) {
      facts.facts["cloud." + key] = Fact{value, "cloud profile " + p.name + " (checks/clouds.yaml)", SourceSpan{}};
    }
  }
  if (!found) facts.missing_reason["cloud_instance"] = "unknown cloud instance '" + facts.cloud_instance + "'";
  return facts;
}

}  // namespace lint
