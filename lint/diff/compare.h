#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lint/model/kind_schema.h"
#include "lint/model/value.h"

/// How `hybridlint diff` decides whether one property of one object changed
/// between two snapshots. Values are already normalized by the loader
/// (schema/model), so the same setting exported as CLIXML and as JSON reads
/// the same; this file adds what normalization cannot: which properties are
/// noise between two exports, which lists are sets, which strings ignore
/// case, and when two dates cannot be told apart.
///
///   const PropertyType* type = kind_schema->FindProperty("DomainNames");
///   ValueComparison c = CompareValues(old_value, new_value, type, /*ordered=*/false);
///   if (c.result == Comparison::kChanged) { ... c.added, c.removed ... }
namespace lint {

/// The outcome of comparing two values of one property.
enum class Comparison {
  kSame,       ///< equal after normalization (including both blank)
  kChanged,    ///< different
  kUncertain,  ///< the exports cannot tell (a date without a time zone)
};

/// The result of CompareValues.
struct ValueComparison {
  Comparison result = Comparison::kSame;
  /// kUncertain: why the values could not be compared, in words.
  std::string reason;
  /// kChanged on a list compared as a set: the items only NEW has and the
  /// items only OLD has (NEW's and OLD's spelling, in their list order).
  bool as_set = false;
  std::vector<Value> added;
  std::vector<Value> removed;
};

/// Properties that change between two exports of the same, unchanged
/// object, and are therefore never reported: AD replication stamps
/// (WhenChanged, WhenChangedUTC), the domain controller that answered
/// (OriginatingServer), the session's view of the object (ObjectState,
/// CurrentDomainControllers, CurrentGlobalCatalogs,
/// CurrentConfigDomainController), a countdown (RemainingTrialPeriod) and
/// the remoting session's own fields (RunspaceId, PSComputerName,
/// PSShowComputerName, PSSourceJobInstanceId, SerializationData; the loader
/// drops these already). Guid, ExchangeObjectId and WhenCreated are NOT
/// noise: a different value means the object was deleted and created again.
/// The one list; README and tests refer to it.
const std::vector<std::string_view>& NoiseProperties();

/// True when `property` (any case) is in NoiseProperties().
bool IsNoiseProperty(std::string_view property);

/// True for the few list properties whose order is meaningful and is kept
/// by every export (MailboxCalendarConfiguration WeatherLocations: the order
/// Outlook shows). Every other list of the model is compared as a set:
/// domains (DomainNames, TargetAddressDomains, Domains, HybridDomains...),
/// authentication methods, flags, SPNs, permissions, servers, ObjectClass.
bool IsOrderedList(std::string_view kind, std::string_view property);

/// Why a property of a recreated object differs, for the few identity
/// properties (Guid, ExchangeObjectId, WhenCreated, WhenCreatedUTC): "a
/// different Guid: the object was deleted and created again with the same
/// name". Empty for any other property.
std::string RecreatedNote(std::string_view property);

/// Compares OLD's and NEW's value of one property. `type` is the property's
/// type from schema/model (nullptr: compared structurally, strings exactly).
/// Blank (null, "" or an empty list) equals blank. Strings of the types
/// Exchange compares case-insensitively (domain, smtpaddress, adobjectid,
/// guid, enum and flags names) ignore ASCII case; every other string
/// (names, URLs, tokens such as EmailAddresses' SMTP:/smtp: prefix) is
/// compared exactly. Dates compare as instants to the second; a date
/// without a time zone (Format-List, Export-Csv) that is a whole number of
/// quarter hours, at most 14 hours, away from the other is kUncertain.
/// Lists are compared as sets unless `ordered`. Objects (certificates) are
/// not compared here: callers compare their fields one by one. Values whose
/// `loss` is not kNone are the caller's business too (see snapshot_diff).
ValueComparison CompareValues(const Value& old_value, const Value& new_value, const PropertyType* type,
                              bool ordered);

/// True for null, the empty string and the empty list.
bool IsBlank(const Value& value);

}  // namespace lint
