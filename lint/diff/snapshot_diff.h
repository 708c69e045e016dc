#pragma once

#include <string>
#include <vector>

#include "lint/model/snapshot.h"
#include "lint/model/value.h"

/// The settings that changed between two snapshots of one organization.
///
///   SnapshotDiff diff = DiffSnapshots(old_snapshot, new_snapshot);
///   for (const ObjectChange& c : diff.changes) ...
///
/// Objects are matched by side, kind and identity (ASCII case ignored),
/// never by file name, position or format. Only the properties of the
/// object model (schema/model) are compared, because only they are
/// normalized the same whatever the format; see compare.h for noise, sets
/// and dates. WhenCreated (local time, written without a zone by
/// Format-List and Export-Csv) is left to WhenCreatedUTC when both objects
/// have it.
namespace lint {

/// What happened to an object.
enum class ChangeType { kAdded, kRemoved, kChanged };

/// "added", "removed", "changed".
const char* ChangeTypeName(ChangeType change);

/// One property of a matched object that differs.
struct PropertyChange {
  /// The property; a field of a structured value is dotted
  /// ("OrgCertificate.NotAfter").
  std::string property;
  Value old_value;  ///< null when blank or absent
  Value new_value;
  SourceSpan old_span;  ///< OLD's value, else OLD's object
  SourceSpan new_span;  ///< NEW's value, else NEW's object
  /// A list compared as a set: what NEW added and OLD had that NEW lacks.
  bool as_set = false;
  std::vector<Value> added;
  std::vector<Value> removed;
  /// Why the change matters beyond its value ("a different Guid: the
  /// object was deleted and created again with the same name"), or empty.
  std::string note;
};

/// One object added, removed or changed. Pointers refer into the snapshots
/// given to DiffSnapshots, which must outlive this value.
struct ObjectChange {
  ChangeType change = ChangeType::kChanged;
  Side side = Side::kUnknown;
  std::string kind;
  std::string object;  ///< identity ("" when the object has none)
  const Object* old_object = nullptr;  ///< null when added
  const Object* new_object = nullptr;  ///< null when removed
  std::vector<PropertyChange> properties;  ///< kChanged: at least one
};

/// A comparison that the exports cannot decide, reported instead of being
/// counted as "no change": a property one export lost or does not hold, a
/// date without a time zone, a whole missing export.
struct NotCompared {
  Side side = Side::kUnknown;
  std::string kind;
  std::string object;    ///< empty: every object of the kind on the side
  std::string property;  ///< empty: the whole object
  std::string reason;
  SourceSpan old_span;
  SourceSpan new_span;
};

/// Everything DiffSnapshots found, ordered by side (on-premises, cloud,
/// unknown), kind, identity.
struct SnapshotDiff {
  std::vector<ObjectChange> changes;
  std::vector<NotCompared> not_compared;
  /// How objects were paired when identities repeat ("2 on-premises
  /// ExchangeCertificate objects share the identity 'X' ...").
  std::vector<std::string> notes;
  size_t matched = 0;    ///< objects present in both
  size_t unchanged = 0;  ///< of those, the ones with no change
  /// Objects whose kind the loader could not tell (not compared; the
  /// loader reported them as input warnings), OLD and NEW together.
  size_t unknown_kind = 0;
};

/// Compares two snapshots object by object. Never fails: what cannot be
/// compared is listed in `not_compared`.
SnapshotDiff DiffSnapshots(const Snapshot& old_snapshot, const Snapshot& new_snapshot);

}  // namespace lint
