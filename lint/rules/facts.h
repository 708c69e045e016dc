#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lint/model/snapshot.h"
#include "lint/model/value.h"

namespace lint {

/// A fact derived from the whole snapshot, with where it came from.
struct Fact {
  Value value;          ///< string or list of strings
  std::string source;   ///< "on-premises OrganizationRelationship 'x' DomainNames"
  SourceSpan span;
};

/// Facts rules read with {fact: NAME} (checks/README.md). A fact that
/// cannot be derived is absent, and the rules that need it are not
/// evaluated, with `missing_reason`.
struct Facts {
  std::map<std::string, Fact> facts;
  std::map<std::string, std::string> missing_reason;
  std::string cloud_instance;        ///< "worldwide", ...
  std::string cloud_instance_reason; ///< how it was decided
  std::vector<std::string> mixed_cloud_notes;  ///< endpoints of another cloud

  const Fact* Find(const std::string& name) const {
    auto it = facts.find(name);
    return it == facts.end() ? nullptr : &it->second;
  }
};

/// Derives every fact. `cloud_override` (config) wins over the manifest and
/// the endpoints.
Facts DeriveFacts(const Snapshot& snapshot, const std::string& cloud_override = "");

}  // namespace lint
