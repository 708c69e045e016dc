#include "lint/rules/engine.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

#include "lint/model/normalize.h"
#include "lint/util/civil_date.h"
#include "lint/util/sha256.h"

namespace lint {

namespace {

enum class Tri { kFalse, kTrue, kUnknown };

struct Outcome {
  Tri value = Tri::kTrue;
  std::string reason;  // for kUnknown
};

Outcome True() { return {Tri::kTrue, ""}; }
Outcome False() { return {Tri::kFalse, ""}; }
Outcome Unknown(std::string reason) { return {Tri::kUnknown, std::move(reason)}; }

// What a failing leaf tells the finding.
struct LeafFailure {
  const Condition* leaf = nullptr;
  std::string expected;
  std::string missing;  // contains/contains_all: the items not found
  std::vector<Note> notes;
};

struct Resolved {
  std::vector<const Value*> values;  // flattened scalars and whole lists
  std::vector<Note> notes;
  std::string text;                  // for {expected}
};

// Seconds since the epoch of ISO text (the zone, if any, is ignored).
std::optional<int64_t> IsoSeconds(const std::string& iso) {
  int y, m, d, hh = 0, mm = 0, ss = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &m, &d, &hh, &mm, &ss) < 3) return std::nullopt;
  return DaysFromCivil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
}

bool StrEq(const std::string& a, const std::string& b, bool cs) { return cs ? a == b : EqualsIgnoreCase(a, b); }

bool ScalarEquals(const Value& a, const Value& b, bool cs) {
  if (a.type == ValueType::kBool || b.type == ValueType::kBool) {
    return a.type == b.type && a.boolean == b.boolean;
  }
  if ((a.type == ValueType::kInt || a.type == ValueType::kDouble) &&
      (b.type == ValueType::kInt || b.type == ValueType::kDouble)) {
    double x = a.type == ValueType::kInt ? static_cast<double>(a.integer) : a.real;
    double y = b.type == ValueType::kInt ? static_cast<double>(b.integer) : b.real;
    return x == y;
  }
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  std::string x = a.ToDisplay(), y = b.ToDisplay();
  if (!cs && (x.ends_with("/") != y.ends_with("/")) && x.find("://") != std::string::npos) {
    // URLs: a trailing slash does not make a different endpoint.
    while (x.ends_with("/")) x.pop_back();
    while (y.ends_with("/")) y.pop_back();
  }
  return StrEq(x, y, cs);
}

const Value* GetPath(const Value& props, const std::string& path) {
  const Value* v = &props;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    v = v->Field(part);
    if (!v) return nullptr;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return v;
}

struct Url {
  std::string scheme, host, path;
};
std::optional<Url> ParseUrl(const std::string& text) {
  auto pos = text.find("://");
  if (pos == std::string::npos || pos == 0) return std::nullopt;
  Url u;
  u.scheme = ToLowerAscii(text.substr(0, pos));
  std::string rest = text.substr(pos + 3);
  auto slash = rest.find_first_of("/?#");
  std::string authority = rest.substr(0, slash);
  u.path = slash == std::string::npos ? "/" : rest.substr(slash);
  if (auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  if (auto colon = authority.find(':'); colon != std::string::npos) authority = authority.substr(0, colon);
  u.host = ToLowerAscii(authority);
  if (u.host.empty()) return std::nullopt;
  return u;
}

bool IsGuid(std::string_view s) {
  if (s.size() == 38 && s.front() == '{' && s.back() == '}') s = s.substr(1, 36);
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return false;
    } else if (!std::isxdigit(static_cast<unsigned char>(s[i]))) {
      return false;
    }
  }
  return true;
}

class Evaluator {
 public:
  Evaluator(const Snapshot& snapshot, const Facts& facts, const EngineOptions& options)
      : snapshot_(snapshot), facts_(facts) {
    int y = 1970, m = 1, d = 1;
    std::sscanf(options.now.c_str(), "%4d-%2d-%2d", &y, &m, &d);
    now_seconds_ = DaysFromCivil(y, m, d) * 86400;
  }

  /// The rule being evaluated (for same_as_peers).
  void SetRule(const Rule* rule) { rule_ = rule; }

  // Evaluates `c` on `self` (`outer` is the object of an enclosing exists).
  Outcome Eval(const Condition& c, const Object& self, const Object* outer, LeafFailure* failure) {
    switch (c.type) {
      case Condition::Type::kAll: {
        Outcome result = True();
        for (const Condition& child : c.children) {
          Outcome o = Eval(child, self, outer, failure);
          if (o.value == Tri::kFalse) return o;
          if (o.value == Tri::kUnknown && result.value == Tri::kTrue) result = o;
        }
        return result;
      }
      case Condition::Type::kAny: {
        Outcome result = False();
        LeafFailure first;
        bool have_first = false;
        for (const Condition& child : c.children) {
          LeafFailure local;
          Outcome o = Eval(child, self, outer, &local);
          if (o.value == Tri::kTrue) return o;
          if (o.value == Tri::kUnknown) result = o;
          if (!have_first && local.leaf) { first = local; have_first = true; }
        }
        if (failure && have_first && result.value == Tri::kFalse) *failure = first;
        return result;
      }
      case Condition::Type::kNot: {
        Outcome o = Eval(c.children.front(), self, outer, nullptr);
        if (o.value == Tri::kUnknown) return o;
        Outcome flipped = o.value == Tri::kTrue ? False() : True();
        if (flipped.value == Tri::kFalse && failure && !failure->leaf) {
          failure->leaf = FirstLeaf(c.children.front());
          failure->expected = "not " + (failure->leaf ? failure->leaf->op + " " + failure->leaf->operand.text : "");
        }
        return flipped;
      }
      case Condition::Type::kExists: return EvalExists(c, self, failure);
      case Condition::Type::kLeaf: return EvalLeaf(c, self, outer, failure);
    }
    return Unknown("internal: unknown condition");
  }

 private:
  static const Condition* FirstLeaf(const Condition& c) {
    if (c.type == Condition::Type::kLeaf) return &c;
    for (const Condition& child : c.children) {
      if (const Condition* l = FirstLeaf(child)) return l;
    }
    return nullptr;
  }

  Outcome EvalExists(const Condition& c, const Object& self, LeafFailure* failure) {
    if (!HasExport(c.exists_kind, c.exists_side)) {
      return Unknown("no " + std::string(SideWords(c.exists_side)) + " " + snapshot_.CmdletOf(c.exists_kind) + " export");
    }
    Outcome result = False();
    for (const Object* o : Objects(c.exists_kind, c.exists_side)) {
      if (!c.exists_where) return True();
      Outcome r = Eval(*c.exists_where, *o, &self, nullptr);
      if (r.value == Tri::kTrue) return r;
      if (r.value == Tri::kUnknown) result = r;
    }
    if (result.value == Tri::kFalse && failure && !failure->leaf) {
      failure->leaf = &c;
      failure->expected = "a " + std::string(SideWords(c.exists_side)) + " " + c.exists_kind + " that matches";
    }
    return result;
  }

  // Resolves an operand to candidate values.
  std::optional<Resolved> Resolve(const Operand& op, const Object& self, const Object* outer, std::string& reason) {
    Resolved r;
    switch (op.kind) {
      case Operand::Kind::kNone: return r;
      case Operand::Kind::kLiteral:
        r.values.push_back(&op.literal);
        r.text = op.literal.ToDisplay();
        return r;
      case Operand::Kind::kSelf: {
        const Object* base = outer ? outer : &self;
        const Value* v = GetPath(base->properties, op.property);
        if (!v || v->loss == Loss::kLost) {
          reason = MissingReason(*base, op.property);
          return std::nullopt;
        }
        r.values.push_back(v);
        r.text = v->ToDisplay();
        return r;
      }
      case Operand::Kind::kFact: {
        const Fact* f = facts_.Find(op.fact);
        if (!f) {
          auto it = facts_.missing_reason.find(op.fact);
          reason = it != facts_.missing_reason.end() ? it->second : "the fact '" + op.fact + "' is not known for this cloud";
          return std::nullopt;
        }
        r.values.push_back(&f->value);
        r.text = f->value.is_list() ? JoinList(f->value) : f->value.ToDisplay();
        if (f->span.valid()) r.notes.push_back({op.fact + " comes from " + f->source, f->span});
        return r;
      }
      case Operand::Kind::kRef: {
        if (!HasExport(op.ref_kind, op.side)) {
          reason = "no " + std::string(SideWords(op.side)) + " " + snapshot_.CmdletOf(op.ref_kind) + " export";
          return std::nullopt;
        }
        std::vector<std::string> texts;
        for (const Object* o : Objects(op.ref_kind, op.side)) {
          if (op.where) {
            Outcome w = Eval(*op.where, *o, &self, nullptr);
            if (w.value != Tri::kTrue) continue;
          }
          const Value* v = GetPath(o->properties, op.property);
          if (!v || v->is_null()) continue;
          if (v->loss == Loss::kLost) {
            reason = MissingReason(*o, op.property);
            return std::nullopt;
          }
          r.values.push_back(v);
          texts.push_back(v->is_list() ? JoinList(*v) : v->ToDisplay());
          if (r.notes.size() < 3) {
            r.notes.push_back({std::string(SideWords(o->side)) + " " + o->kind + " '" + o->identity + "' has " +
                                   op.property + " '" + texts.back() + "'",
                               v->span});
          }
        }
        for (size_t i = 0; i < texts.size(); ++i) r.text += (i ? " or " : "") + texts[i];
        return r;
      }
    }
    return r;
  }

  static std::string JoinList(const Value& list) {
    std::string out;
    for (size_t i = 0; i < list.items.size(); ++i) out += (i ? ", " : "") + list.items[i].ToDisplay();
    return out;
  }

  std::string MissingReason(const Object& o, const std::string& property) const {
    std::string first = property.substr(0, property.find('.'));
    auto it = o.missing_reasons.find(first);
    if (it != o.missing_reasons.end()) return it->second;
    const InputFile& in = snapshot_.inputs[o.input];
    return "property " + property + " is not in the export " + in.path;
  }

  // Flattens resolved operand values into scalars.
  static std::vector<const Value*> Scalars(const Resolved& r) {
    std::vector<const Value*> out;
    for (const Value* v : r.values) {
      if (v->is_list()) {
        for (const Value& item : v->items) out.push_back(&item);
      } else {
        out.push_back(v);
      }
    }
    return out;
  }

  Outcome EvalLeaf(const Condition& c, const Object& self, const Object* outer, LeafFailure* failure) {
    const Value* actual = GetPath(self.properties, c.property);
    const std::string& op = c.op;
    if (!actual) return Unknown(MissingReason(self, c.property));
    if (actual->loss == Loss::kLost) return Unknown(MissingReason(self, c.property));
    std::string reason;
    std::optional<Resolved> resolved;
    if (op != "url") {
      resolved = Resolve(c.operand, self, outer, reason);
      if (!resolved) return Unknown(reason);
    }
    bool cs = op.ends_with("_cs");
    bool truncated = actual->is_list() && actual->loss == Loss::kTruncated;
    auto fail = [&](std::string expected) {
      if (failure && !failure->leaf) {
        failure->leaf = &c;
        failure->expected = std::move(expected);
        if (resolved) failure->notes = resolved->notes;
      }
      return False();
    };
    auto list_items = [&]() {
      std::vector<const Value*> items;
      if (actual->is_list()) {
        for (const Value& i : actual->items) items.push_back(&i);
      } else if (!actual->is_null()) {
        items.push_back(actual);
      }
      return items;
    };
    auto truncated_unknown = [&]() {
      return Unknown("the list " + c.property + " was truncated in the export (Format-List shows only the first items); "
                     "it cannot be decided whether the rest holds the value");
    };

    if (op == "equals" || op == "equals_cs" || op == "in") {
      auto candidates = op == "in" ? Scalars(*resolved) : resolved->values;
      if (op != "in" && resolved->values.size() == 1 && resolved->values[0]->is_list() &&
          c.operand.kind != Operand::Kind::kLiteral) {
        candidates = Scalars(*resolved);
      }
      if (candidates.empty()) return fail(c.operand.kind == Operand::Kind::kRef ? "(no value in " + c.operand.text + ")" : resolved->text);
      for (const Value* cand : candidates) {
        if (actual->is_list() && cand->is_list()) {
          if (actual->items.size() == cand->items.size() &&
              std::all_of(actual->items.begin(), actual->items.end(), [&](const Value& a) {
                return std::any_of(cand->items.begin(), cand->items.end(), [&](const Value& b) { return ScalarEquals(a, b, cs); });
              })) {
            return True();
          }
        } else if (ScalarEquals(*actual, *cand, cs)) {
          return True();
        }
      }
      std::string expected = resolved->text;
      if (op == "in") expected = "one of " + JoinList(*resolved->values[0]);
      return fail(expected);
    }
    if (op == "matches") {
      if (actual->is_null()) return fail("a value matching " + c.operand.text);
      std::string text = actual->is_list() ? JoinList(*actual) : actual->ToDisplay();
      if (RE2::PartialMatch(text, c.regex->get())) return True();
      return fail("a value matching " + c.operand.text);
    }
    if (op == "blank") {
      bool blank = actual->is_null() || (actual->is_string() && Trim(actual->text).empty()) ||
                   (actual->is_list() && actual->items.empty() && !truncated);
      bool want = c.operand.literal.boolean;
      if (blank == want) return True();
      return fail(want ? "blank" : "a value");
    }
    if (op == "at_least" || op == "at_most" || op == "greater_than" || op == "less_than") {
      double x;
      if (actual->type == ValueType::kInt) x = static_cast<double>(actual->integer);
      else if (actual->type == ValueType::kDouble) x = actual->real;
      else return Unknown("property " + c.property + " is not a number");
      double y = c.operand.literal.type == ValueType::kInt ? static_cast<double>(c.operand.literal.integer) : c.operand.literal.real;
      bool ok = op == "at_least" ? x >= y : op == "at_most" ? x <= y : op == "greater_than" ? x > y : x < y;
      if (ok) return True();
      std::string words = op == "at_least" ? "at least " : op == "at_most" ? "at most " : op == "greater_than" ? "greater than " : "less than ";
      return fail(words + c.operand.text);
    }
    if (op == "date_before_days" || op == "date_after_days") {
      if (actual->is_null()) return fail("a date");
      auto seconds = actual->is_string() ? IsoSeconds(actual->text) : std::nullopt;
      if (!seconds) return Unknown("property " + c.property + " is not a date: '" + actual->ToDisplay() + "'");
      int64_t days = c.operand.literal.type == ValueType::kInt ? c.operand.literal.integer
                                                              : static_cast<int64_t>(c.operand.literal.real);
      int64_t limit = now_seconds_ + days * 86400;
      bool ok = op == "date_before_days" ? *seconds < limit : *seconds > limit;
      if (ok) return True();
      return fail((op == "date_before_days" ? "a date before " : "a date after ") + FormatCivilDate(limit / 86400));
    }
    if (op == "contains" || op == "contains_all" || op == "contains_any" || op == "intersects" || op == "subset_of") {
      auto items = list_items();
      auto wanted = Scalars(*resolved);
      auto has = [&](const Value* w) {
        return std::any_of(items.begin(), items.end(), [&](const Value* i) { return ScalarEquals(*i, *w, cs); });
      };
      if (op == "contains" || op == "contains_all") {
        std::vector<std::string> missing;
        for (const Value* w : wanted) {
          if (!has(w)) missing.push_back(w->ToDisplay());
        }
        if (missing.empty()) return True();
        if (truncated) return truncated_unknown();
        std::string m;
        for (size_t i = 0; i < missing.size(); ++i) m += (i ? ", " : "") + missing[i];
        if (failure && !failure->leaf) failure->missing = m;
        return fail(m);
      }
      if (op == "contains_any" || op == "intersects") {
        if (std::any_of(wanted.begin(), wanted.end(), has)) return True();
        if (truncated) return truncated_unknown();
        return fail("one of " + resolved->text);
      }
      // subset_of
      for (const Value* i : items) {
        if (!std::any_of(wanted.begin(), wanted.end(), [&](const Value* w) { return ScalarEquals(*i, *w, cs); })) {
          return fail("only values from " + resolved->text);
        }
      }
      if (truncated) return truncated_unknown();
      return True();
    }
    if (op == "empty") {
      bool empty = actual->is_null() || (actual->is_list() && actual->items.empty());
      if (truncated) empty = false;
      if (empty == c.operand.literal.boolean) return True();
      return fail(c.operand.literal.boolean ? "an empty list" : "at least one item");
    }
    if (op == "is_guid") {
      bool guid = actual->is_string() && IsGuid(actual->text);
      if (guid == c.operand.literal.boolean) return True();
      return fail(c.operand.literal.boolean ? "a GUID" : "not a GUID");
    }
    if (op == "url") return EvalUrl(c, *actual, self, outer, failure);
    if (op == "same_as_peers") return EvalPeers(c, *actual, self, failure);
    return Unknown("internal: unknown operator " + op);
  }

  Outcome EvalUrl(const Condition& c, const Value& actual, const Object& self, const Object* outer, LeafFailure* failure) {
    const Value& spec = c.operand.literal;
    auto fail = [&](std::string expected) {
      if (failure && !failure->leaf) {
        failure->leaf = &c;
        failure->expected = std::move(expected);
      }
      return False();
    };
    if (actual.is_null() || !actual.is_string()) return fail("a URL");
    auto url = ParseUrl(actual.text);
    if (!url) return fail("an absolute URL");
    if (const Value* s = spec.Field("scheme"); s && !EqualsIgnoreCase(url->scheme, s->ToDisplay())) {
      return fail("a URL with scheme " + s->ToDisplay());
    }
    if (const Value* h = spec.Field("host"); h && !EqualsIgnoreCase(url->host, h->ToDisplay())) {
      return fail("a URL on host " + h->ToDisplay());
    }
    if (const Value* p = spec.Field("path"); p && !EqualsIgnoreCase(url->path, p->ToDisplay())) {
      return fail("a URL with path " + p->ToDisplay());
    }
    if (spec.Field("path_matches") && c.regex && !RE2::PartialMatch(url->path, c.regex->get())) {
      return fail("a URL path matching " + spec.Field("path_matches")->ToDisplay());
    }
    for (const char* part : {"host_in", "host_under"}) {
      const Value* literal = spec.Field(part);
      if (!literal) continue;
      std::vector<std::string> hosts;
      std::string text;
      if (!c.children.empty() && c.children.front().operand.kind != Operand::Kind::kNone &&
          c.children.front().operand.text == literal->ToDisplay()) {
        std::string reason;
        auto r = Resolve(c.children.front().operand, self, outer, reason);
        if (!r) return Unknown(reason);
        for (const Value* v : Scalars(*r)) hosts.push_back(v->ToDisplay());
        text = r->text;
      } else {
        if (literal->is_list()) {
          for (const Value& v : literal->items) hosts.push_back(v.ToDisplay());
        } else {
          hosts.push_back(literal->ToDisplay());
        }
        text = literal->ToDisplay();
      }
      bool under = std::string_view(part) == "host_under";
      bool ok = std::any_of(hosts.begin(), hosts.end(), [&](std::string h) {
        // A host from a URL or a bare host name.
        if (auto u = ParseUrl(h)) h = u->host;
        h = ToLowerAscii(h);
        return url->host == h || (under && url->host.ends_with("." + h));
      });
      if (!ok) return fail(under ? "a host under " + text : "one of the hosts " + text);
    }
    return True();
  }

  Outcome EvalPeers(const Condition& c, const Value& actual, const Object& self, LeafFailure* failure) {
    auto key = [](const Value& v) {
      std::vector<std::string> parts;
      if (v.is_list()) {
        for (const Value& i : v.items) parts.push_back(ToLowerAscii(i.ToDisplay()));
        std::sort(parts.begin(), parts.end());
      } else {
        parts.push_back(ToLowerAscii(v.ToDisplay()));
      }
      std::string out;
      for (const auto& p : parts) out += p + "\x1f";
      return out;
    };
    if (actual.loss != Loss::kNone) return Unknown(MissingReason(self, c.property));
    // The majority depends only on the rule, the condition and the kind and
    // side, so it is computed once per rule run, not once per object (that
    // was quadratic in the number of servers).
    PeerKey cache_key{rule_, &c, self.kind, self.side};
    auto cached = peer_cache_.find(cache_key);
    if (cached == peer_cache_.end()) {
      std::map<std::string, std::pair<int, const Value*>> counts;
      std::vector<std::string> order;
      for (const Object* o : Objects(self.kind, self.side)) {
        // Peers are the objects the rule checks: its where and unless apply.
        if (rule_ && rule_->where && Eval(*rule_->where, *o, nullptr, nullptr).value != Tri::kTrue) continue;
        if (rule_ && rule_->unless && Eval(*rule_->unless, *o, nullptr, nullptr).value != Tri::kFalse) continue;
        const Value* v = GetPath(o->properties, c.property);
        if (!v || v->loss != Loss::kNone) continue;
        std::string k = key(*v);
        if (counts[k].first++ == 0) {
          counts[k].second = v;
          order.push_back(k);
        }
      }
      Majority majority;
      for (const std::string& k : order) {
        if (counts[k].first > majority.count) {
          majority = {k, counts[k].first, counts[k].second};
        }
      }
      cached = peer_cache_.emplace(cache_key, majority).first;
    }
    const std::string& best = cached->second.key;
    int best_count = cached->second.count;
    if (best.empty() || key(actual) == best) return True();
    if (failure && !failure->leaf) {
      failure->leaf = &c;
      failure->expected = cached->second.value->ToDisplay() + " (as on " + std::to_string(best_count) + " other " + self.kind + " objects)";
    }
    return False();
  }

  struct PeerKey {
    const Rule* rule;
    const Condition* condition;
    std::string kind;
    Side side;
    bool operator<(const PeerKey& o) const {
      return std::tie(rule, condition, kind, side) < std::tie(o.rule, o.condition, o.kind, o.side);
    }
  };
  struct Majority {
    std::string key;
    int count = 0;
    const Value* value = nullptr;
  };

  // Snapshot::Find and HasExport scan every object; a reference or an
  // exists inside a per-object rule asked them once per object (quadratic
  // in the size of the snapshot). The answers do not change during a run.
  const std::vector<const Object*>& Objects(std::string_view kind, Side side) {
    auto key = std::make_pair(ToLowerAscii(kind), side);
    auto it = objects_cache_.find(key);
    if (it == objects_cache_.end()) it = objects_cache_.emplace(key, snapshot_.Find(kind, side)).first;
    return it->second;
  }
  bool HasExport(std::string_view kind, Side side) {
    auto key = std::make_pair(ToLowerAscii(kind), side);
    auto it = export_cache_.find(key);
    if (it == export_cache_.end()) it = export_cache_.emplace(key, snapshot_.HasExport(kind, side)).first;
    return it->second;
  }

  const Snapshot& snapshot_;
  const Facts& facts_;
  const Rule* rule_ = nullptr;
  int64_t now_seconds_ = 0;
  std::map<PeerKey, Majority> peer_cache_;
  std::map<std::pair<std::string, Side>, std::vector<const Object*>> objects_cache_;
  std::map<std::pair<std::string, Side>, bool> export_cache_;
};

std::string RenderTemplate(const std::string& templ, const Object* obj, const std::string& actual,
                           const std::string& expected, const Facts& facts, Side side, const std::string& kind,
                           const std::string& missing = "") {
  std::string out;
  for (size_t i = 0; i < templ.size(); ++i) {
    if (templ[i] != '{') {
      out += templ[i];
      continue;
    }
    size_t close = templ.find('}', i);
    if (close == std::string::npos) {
      out += templ.substr(i);
      break;
    }
    std::string name = templ.substr(i + 1, close - i - 1);
    // Only {Name}, {Dotted.Path} and {fact:x} are placeholders; any other
    // brace is text, such as PowerShell's @{Add='{missing}'}.
    bool is_name = !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
      return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.' || ch == ':';
    });
    if (!is_name) {
      out += '{';
      continue;
    }
    if (name == "object") out += obj ? obj->identity : "";
    else if (name == "actual") out += actual;
    else if (name == "expected") out += expected;
    else if (name == "missing") out += missing;
    else if (name == "side") out += SideWords(side);
    else if (name == "kind") out += kind;
    else if (name.starts_with("fact:")) {
      const Fact* f = facts.Find(name.substr(5));
      if (f) out += f->value.is_list() ? [&] {
        std::string s;
        for (size_t k = 0; k < f->value.items.size(); ++k) s += (k ? ", " : "") + f->value.items[k].ToDisplay();
        return s;
      }() : f->value.ToDisplay();
      else out += "<" + name.substr(5) + " unknown>";
    } else if (obj && GetPath(obj->properties, name)) {
      out += GetPath(obj->properties, name)->ToDisplay();
    } else {
      out += "{" + name + "}";
    }
    i = close;
  }
  return out;
}

bool DirectionUses(const ResolvedPaths& paths, Direction d, FbPath path, bool& known) {
  auto matches = [&](const PathResult& r) {
    if (r.mechanism == "unknown") return true;
    if (r.mechanism == "mixed") {
      return std::any_of(r.domains.begin(), r.domains.end(),
                         [&](const auto& p) { return p.second == FbPathName(path); });
    }
    return r.mechanism == FbPathName(path);
  };
  known = true;
  switch (d) {
    case Direction::kNone: return true;
    case Direction::kOnPremToCloud:
      known = paths.onprem_to_cloud.mechanism != "unknown";
      return matches(paths.onprem_to_cloud);
    case Direction::kCloudToOnPrem:
      known = paths.cloud_to_onprem.mechanism != "unknown";
      return matches(paths.cloud_to_onprem);
    case Direction::kBoth:
      return matches(paths.onprem_to_cloud) || matches(paths.cloud_to_onprem);
  }
  return true;
}

const Condition* FindExists(const Condition& c) {
  if (c.type == Condition::Type::kExists) return &c;
  for (const Condition& child : c.children) {
    if (const Condition* e = FindExists(child)) return e;
  }
  return nullptr;
}

// Where a side-level rule's finding points: the export of the kind its
// `exists` looks for (its first object, or the start of the empty file),
// else the first file of that side.
SourceSpan SideRuleSpan(const Rule& rule, const Snapshot& snapshot) {
  if (const Condition* e = FindExists(rule.assertion)) {
    auto objects = snapshot.Find(e->exists_kind, e->exists_side);
    if (!objects.empty()) return objects.front()->span;
    for (const InputFile& in : snapshot.inputs) {
      if (EqualsIgnoreCase(in.file_kind, e->exists_kind) && in.side == e->exists_side) {
        return SourceSpan{in.file_id, 0, 0};
      }
    }
  }
  for (const InputFile& in : snapshot.inputs) {
    if (in.side == rule.applies_side) return SourceSpan{in.file_id, 0, 0};
  }
  for (const Object& o : snapshot.objects) {
    if (o.side == rule.applies_side) return o.span;
  }
  return {};
}

}  // namespace

std::string Fingerprint(const std::string& rule, Side side, const std::string& kind, const std::string& object,
                        const std::string& property) {
  std::string key = rule + "\x1f" + SideName(side) + "\x1f" + kind + "\x1f" + ToLowerAscii(object) + "\x1f" + property;
  std::array<uint8_t, 32> md = Sha256(key);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < 8; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 0xF];
  }
  return out;
}

LintResult RunRules(const std::vector<const Rule*>& rules, const Snapshot& snapshot, const EngineOptions& options) {
  LintResult result;
  result.facts = DeriveFacts(snapshot);
  result.paths = ResolvePaths(snapshot, result.facts);
  Evaluator eval(snapshot, result.facts, options);
  Object side_object;  // for side-level rules
  side_object.properties = Value::Object({});

  for (const Rule* rule : rules) {
    ++result.rules_run;
    eval.SetRule(rule);
    std::vector<const Object*> targets;
    if (rule->applies_kind.empty()) {
      bool any = std::any_of(snapshot.objects.begin(), snapshot.objects.end(),
                             [&](const Object& o) { return o.side == rule->applies_side; });
      if (!any) {
        result.not_evaluated.push_back({rule, rule->applies_side, "", "",
                                        "no " + std::string(SideWords(rule->applies_side)) + " exports", {}});
        continue;
      }
      side_object.side = rule->applies_side;
      targets.push_back(&side_object);
    } else {
      if (!snapshot.HasExport(rule->applies_kind, rule->applies_side)) {
        result.not_evaluated.push_back({rule, rule->applies_side, rule->applies_kind, "",
                                        "no " + std::string(SideWords(rule->applies_side)) + " " +
                                            snapshot.CmdletOf(rule->applies_kind) + " export",
                                        {}});
        continue;
      }
      targets = snapshot.Find(rule->applies_kind, rule->applies_side);
    }
    for (const Object* obj : targets) {
      auto not_evaluated = [&](const std::string& reason) {
        result.not_evaluated.push_back({rule, obj->side, obj->kind, obj->identity, reason, obj->span});
      };
      if (rule->where) {
        Outcome w = eval.Eval(*rule->where, *obj, nullptr, nullptr);
        if (w.value == Tri::kFalse) continue;
        if (w.value == Tri::kUnknown) { not_evaluated(w.reason); continue; }
      }
      if (rule->unless) {
        Outcome u = eval.Eval(*rule->unless, *obj, nullptr, nullptr);
        if (u.value == Tri::kTrue) {
          ++result.passed;
          result.passed_checks.push_back({rule, obj->side, obj->kind, obj->identity});
          continue;
        }
        if (u.value == Tri::kUnknown) { not_evaluated(u.reason); continue; }
      }
      LeafFailure failure;
      Outcome a = eval.Eval(rule->assertion, *obj, nullptr, &failure);
      if (a.value == Tri::kTrue) {
        ++result.passed;
        result.passed_checks.push_back({rule, obj->side, obj->kind, obj->identity});
        continue;
      }
      if (a.value == Tri::kUnknown) { not_evaluated(a.reason); continue; }

      Finding f;
      f.rule = rule;
      f.severity = rule->severity;
      f.side = rule->applies_side;
      f.kind = rule->applies_kind;
      f.object = obj->identity;
      f.property = rule->property;
      const Value* actual = rule->property.empty() ? nullptr : GetPath(obj->properties, rule->property);
      if (actual) f.actual = *actual;
      f.span = actual && actual->span.valid() ? actual->span : obj->span;
      if (obj == &side_object) f.span = SideRuleSpan(*rule, snapshot);
      std::string actual_text = actual ? (actual->is_list() ? actual->ToDisplay() : actual->ToDisplay()) : "";
      f.expected = rule->expected.empty()
                       ? failure.expected
                       : RenderTemplate(rule->expected, obj, actual_text, failure.expected, result.facts, f.side, f.kind);
      f.notes = failure.notes;
      f.message = RenderTemplate(rule->message, obj, actual_text, f.expected, result.facts, f.side, f.kind, failure.missing);
      f.fix = RenderTemplate(rule->fix, obj, actual_text, f.expected, result.facts, f.side, f.kind, failure.missing);
      bool known = true;
      if (rule->path != FbPath::kAny && !DirectionUses(result.paths, rule->direction, rule->path, known)) {
        f.severity = Severity::kInfo;
        f.inactive_path = true;
        std::string dir = rule->direction == Direction::kBoth ? "neither direction" : DirectionName(rule->direction);
        auto words = [](const std::string& m) -> std::string {
          if (m == "oauth") return "OAuth (intra-organization connector)";
          if (m == "dauth") return "DAuth (organization relationship)";
          if (m == "aas") return "the availability address space";
          if (m == "none") return "no path";
          return m;
        };
        std::string used =
            rule->direction == Direction::kCloudToOnPrem ? "cloud-to-on-premises lookups use " + words(result.paths.cloud_to_onprem.mechanism)
            : rule->direction == Direction::kOnPremToCloud ? "on-premises-to-cloud lookups use " + words(result.paths.onprem_to_cloud.mechanism)
            : "neither direction uses it (on-premises to cloud: " + words(result.paths.onprem_to_cloud.mechanism) +
                  ", cloud to on-premises: " + words(result.paths.cloud_to_onprem.mechanism) + ")";
        f.notes.push_back({"not on the active path, so reported as info: this setting matters for " +
                               words(FbPathName(rule->path)) + " lookups, and " + used,
                           {}});
        (void)dir;
      }
      f.fingerprint = Fingerprint(rule->id, f.side, f.kind, f.object, f.property);
      result.findings.push_back(std::move(f));
    }
  }
  auto key = [&](const Finding& f) {
    const SourceFile* file = snapshot.sources.Find(f.span.file_id);
    return std::make_tuple(file ? file->display_path() : std::string("~"), f.span.begin,
                           -static_cast<int>(f.severity), f.rule->id, f.message);
  };
  std::stable_sort(result.findings.begin(), result.findings.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
  return result;
}

}  // namespace lint
