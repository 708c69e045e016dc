#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lint/model/snapshot.h"

namespace lint {

/// The canonical text dump (`hybridlint dump`, importer goldens): one block
/// per input with its warnings, then one line per object and one per
/// property with its location, e.g.
///   cloud OrganizationRelationship 'O365 to On-premises - 3f2a' @cloud/x.xml:3:3
///     DomainNames = [contoso.com, fabrikam.com] @12:7
std::string DumpText(const Snapshot& snapshot);

/// `dump --format json`: {"inputs": [...], "objects": [...]} per the contract.
nlohmann::ordered_json DumpJson(const Snapshot& snapshot);

/// A normalized value as JSON (strings, numbers, booleans, lists, null).
nlohmann::ordered_json ValueToJson(const Value& value);

/// {path, line, column} of a span, or null.
nlohmann::ordered_json LocationJson(const Snapshot& snapshot, SourceSpan span);

}  // namespace lint
