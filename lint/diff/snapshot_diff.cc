#include "lint/diff/snapshot_diff.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "lint/diff/compare.h"
#include "lint/model/kind_schema.h"

namespace lint {

namespace {

using Base = PropertyType::Base;

int SideRank(Side side) {
  switch (side) {
    case Side::kOnPrem: return 0;
    case Side::kCloud: return 1;
    case Side::kUnknown: return 2;
  }
  return 2;
}

std::string Quoted(const std::string& identity) { return identity.empty() ? "(no identity)" : "'" + identity + "'"; }

class Differ {
 public:
  Differ(const Snapshot& old_snapshot, const Snapshot& new_snapshot, SnapshotDiff& out)
      : old_(old_snapshot), new_(new_snapshot), out_(out) {}

  void Run();

 private:
  void Group(std::vector<const Object*> olds, std::vector<const Object*> news, Side side, const std::string& kind);
  void Pair(const Object& a, const Object& b);
  void CompareProperty(const std::string& path, const std::string& top, const Value* a, const Value* b,
                       const PropertyType* type, bool ordered, const Object& old_object, const Object& new_object,
                       ObjectChange& change);
  void NotComparable(const Object& a, const Object& b, const std::string& property, std::string reason,
                     const Value* va, const Value* vb);

  const Snapshot& old_;
  const Snapshot& new_;
  SnapshotDiff& out_;
};

void Differ::NotComparable(const Object& a, const Object& b, const std::string& property, std::string reason,
                           const Value* va, const Value* vb) {
  out_.not_compared.push_back({a.side, a.kind, a.identity, property, std::move(reason),
                               va && va->span.valid() ? va->span : a.span, vb && vb->span.valid() ? vb->span : b.span});
}

// Why one side's value cannot be compared: the input warning the loader
// left on that value (a collection Export-Csv wrote as its type name, a
// JSON value cut by -Depth, a Format-List list cut at '...'), else the
// reason it recorded on the object (a certificate exported as RawData
// only), else what the value's loss says.
std::string LossText(const Snapshot& snapshot, const Object& object, const std::string& top, const Value* value) {
  if (value && object.input < snapshot.inputs.size()) {
    for (const InputWarning& w : snapshot.inputs[object.input].warnings) {
      if (EqualsIgnoreCase(w.property, top) && w.span.file_id == value->span.file_id &&
          w.span.begin == value->span.begin) {
        return w.message;
      }
    }
  }
  if (auto it = object.missing_reasons.find(top); it != object.missing_reasons.end()) return it->second;
  if (!value) return "";
  if (value->loss == Loss::kTruncated) {
    return "the list was cut at '...' (export with $FormatEnumerationLimit = -1, or with Export-Clixml)";
  }
  return "the value was lost";
}

void Differ::CompareProperty(const std::string& path, const std::string& top, const Value* a, const Value* b,
                             const PropertyType* type, bool ordered, const Object& old_object,
                             const Object& new_object, ObjectChange& change) {
  if (!a && !b) return;
  if (!a || !b) {
    const Value* present = a ? a : b;
    if (present->loss == Loss::kNone && IsBlank(*present)) return;
    std::string which = a ? "NEW" : "OLD";
    const Object& absent = a ? new_object : old_object;
    const KindSchema* kind = ModelSchema::Builtin().FindKind(absent.kind);
    if (kind && !kind->certificate_from.empty() && absent.missing_reasons.count(top)) {
      // One reason for every property a plain Export-Clixml of a
      // certificate drops, so they share a line.
      NotComparable(old_object, new_object, path,
                    "the " + which + " export holds only the certificate's " + kind->certificate_from +
                        ": a plain Export-Clixml drops every other property; export the Select-Object projection of examples/collect",
                    a, b);
      return;
    }
    std::string why = LossText(a ? new_ : old_, absent, top, nullptr);
    NotComparable(old_object, new_object, path, "the " + which + " export does not hold it" + (why.empty() ? "" : ": " + why),
                  a, b);
    return;
  }
  if (a->loss != Loss::kNone || b->loss != Loss::kNone) {
    std::string reason;
    if (a->loss != Loss::kNone && b->loss != Loss::kNone) {
      reason = "both exports lost the value: " + LossText(old_, old_object, top, a);
    } else if (a->loss != Loss::kNone) {
      reason = "the OLD export lost the value: " + LossText(old_, old_object, top, a);
    } else {
      reason = "the NEW export lost the value: " + LossText(new_, new_object, top, b);
    }
    NotComparable(old_object, new_object, path, reason, a, b);
    return;
  }
  // Structured values (certificates): field by field, so the change names
  // the field (OrgCertificate.NotAfter).
  if (a->is_object() && b->is_object() && !a->has_text && !b->has_text) {
    static const PropertyType kDate{Base::kDate, "", {}};
    std::vector<std::string> fields;
    for (const Value& f : a->items) fields.push_back(f.name);
    for (const Value& f : b->items) {
      if (!a->Field(f.name)) fields.push_back(f.name);
    }
    for (const std::string& field : fields) {
      const PropertyType* field_type = nullptr;
      if (EqualsIgnoreCase(field, "NotBefore") || EqualsIgnoreCase(field, "NotAfter")) field_type = &kDate;
      CompareProperty(path + "." + field, top, a->Field(field), b->Field(field), field_type, false, old_object,
                      new_object, change);
    }
    return;
  }
  ValueComparison c = CompareValues(*a, *b, type, ordered);
  if (c.result == Comparison::kSame) return;
  if (c.result == Comparison::kUncertain) {
    NotComparable(old_object, new_object, path, c.reason, a, b);
    return;
  }
  PropertyChange p;
  p.property = path;
  p.old_value = IsBlank(*a) ? Value::Null(a->span) : *a;
  p.new_value = IsBlank(*b) ? Value::Null(b->span) : *b;
  p.old_span = a->span.valid() ? a->span : old_object.span;
  p.new_span = b->span.valid() ? b->span : new_object.span;
  p.as_set = c.as_set;
  p.added = std::move(c.added);
  p.removed = std::move(c.removed);
  p.note = RecreatedNote(path);
  change.properties.push_back(std::move(p));
}

void Differ::Pair(const Object& a, const Object& b) {
  ++out_.matched;
  ObjectChange change;
  change.change = ChangeType::kChanged;
  change.side = a.side;
  change.kind = a.kind;
  change.object = b.identity.empty() ? a.identity : b.identity;
  change.old_object = &a;
  change.new_object = &b;
  const KindSchema* kind = ModelSchema::Builtin().FindKind(a.kind);
  if (kind) {
    // WhenCreated is local time, which Format-List and Export-Csv write
    // without a zone; its UTC twin, when both exports have it, says the same
    // exactly.
    auto has_utc = [](const Object& o) {
      const Value* v = o.Get("WhenCreatedUTC");
      return v && !IsBlank(*v);
    };
    bool skip_local_created = has_utc(a) && has_utc(b);
    for (const auto& [name, type] : kind->properties) {
      if (IsNoiseProperty(name) || type.base == Base::kBytes) continue;
      if (skip_local_created && name == "WhenCreated") continue;
      CompareProperty(name, name, a.Get(name), b.Get(name), &type, IsOrderedList(a.kind, name), a, b, change);
    }
  }
  if (change.properties.empty()) {
    ++out_.unchanged;
    return;
  }
  out_.changes.push_back(std::move(change));
}

// Objects of one side, kind and identity. One each: a pair. Several (the
// same certificate on two servers): pair by the Identity property when it
// tells them apart (SERVER\THUMBPRINT), then in export order.
void Differ::Group(std::vector<const Object*> olds, std::vector<const Object*> news, Side side,
                   const std::string& kind) {
  if (olds.size() > 1 || news.size() > 1) {
    auto sub = [](const Object* o) {
      const Value* v = o->Get("Identity");
      return v ? ToLowerAscii(v->ToDisplay()) : std::string();
    };
    for (auto it = olds.begin(); it != olds.end();) {
      std::string key = sub(*it);
      auto match = key.empty() ? news.end()
                               : std::find_if(news.begin(), news.end(), [&](const Object* n) { return sub(n) == key; });
      if (match == news.end()) {
        ++it;
        continue;
      }
      Pair(**it, **match);
      news.erase(match);
      it = olds.erase(it);
    }
    if (!olds.empty() && !news.empty() && (olds.size() > 1 || news.size() > 1)) {
      const std::string& identity = olds.front()->identity;
      out_.notes.push_back(std::to_string(olds.size()) + " OLD and " + std::to_string(news.size()) + " NEW " +
                           SideWords(side) + " " + kind + " objects share the identity " + Quoted(identity) +
                           " and nothing else tells them apart: paired in the order of the exports");
    }
  }
  size_t n = std::min(olds.size(), news.size());
  for (size_t i = 0; i < n; ++i) Pair(*olds[i], *news[i]);
  for (size_t i = n; i < olds.size(); ++i) {
    out_.changes.push_back({ChangeType::kRemoved, side, kind, olds[i]->identity, olds[i], nullptr, {}});
  }
  for (size_t i = n; i < news.size(); ++i) {
    out_.changes.push_back({ChangeType::kAdded, side, kind, news[i]->identity, nullptr, news[i], {}});
  }
}

void Differ::Run() {
  using Key = std::tuple<int, std::string, std::string>;  // side, kind, identity (lower case)
  std::map<Key, std::pair<std::vector<const Object*>, std::vector<const Object*>>> groups;
  std::map<std::pair<int, std::string>, Side> kinds;
  for (const Object& o : old_.objects) {
    if (o.kind.empty()) { ++out_.unknown_kind; continue; }
    groups[{SideRank(o.side), o.kind, ToLowerAscii(o.identity)}].first.push_back(&o);
    kinds[{SideRank(o.side), o.kind}] = o.side;
  }
  for (const Object& o : new_.objects) {
    if (o.kind.empty()) { ++out_.unknown_kind; continue; }
    groups[{SideRank(o.side), o.kind, ToLowerAscii(o.identity)}].second.push_back(&o);
    kinds[{SideRank(o.side), o.kind}] = o.side;
  }
  // A kind exported on one side only is not "all added" or "all removed":
  // the other snapshot simply has no export of it.
  std::map<std::pair<int, std::string>, std::string> missing;
  for (const auto& [key, side] : kinds) {
    const std::string& kind = key.second;
    bool in_old = old_.HasExport(kind, side), in_new = new_.HasExport(kind, side);
    if (in_old && in_new) continue;
    std::string which = in_old ? "NEW" : "OLD";
    missing[key] = "no " + std::string(SideWords(side)) + " " + old_.CmdletOf(kind) + " export in " + which +
                   ", so its objects are not compared";
    out_.not_compared.push_back({side, kind, "", "", missing[key], {}, {}});
  }
  for (auto& [key, group] : groups) {
    const auto& [rank, kind, identity] = key;
    if (missing.count({rank, kind})) continue;
    Side side = !group.first.empty() ? group.first.front()->side : group.second.front()->side;
    Group(group.first, group.second, side, kind);
  }
}

}  // namespace

const char* ChangeTypeName(ChangeType change) {
  switch (change) {
    case ChangeType::kAdded: return "added";
    case ChangeType::kRemoved: return "removed";
    case ChangeType::kChanged: return "changed";
  }
  return "changed";
}

SnapshotDiff DiffSnapshots(const Snapshot& old_snapshot, const Snapshot& new_snapshot) {
  SnapshotDiff out;
  Differ(old_snapshot, new_snapshot, out).Run();
  return out;
}

}  // namespace lint
