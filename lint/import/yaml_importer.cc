#include "lint/import/yaml_importer.h"
#include "lint/util/shorten.h"
#include "lint/util/limits.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

// The YAML snapshot: hand-written snapshots and rule test fixtures.
//
//   # one comment line on what the case pins
//   side: cloud                      # optional: default side (onprem|cloud)
//   kind: OrganizationRelationship   # optional: default kind
//   objects:                         # required: a list, may be empty
//     - kind: OrganizationRelationship   # required unless the file sets one
//       side: cloud                      # optional, overrides the file's
//       properties:                      # required mapping: name -> value
//         Name: O365 to On-premises - 7c1e8a55-2f0c-4d3e-9d7b-1f2a3b4c5d6e
//         DomainNames: [contoso.com, fabrikam.com]
//         FreeBusyAccessEnabled: true
//         TargetSharingEpr: null
//
// One document per file. No other keys are allowed at the top level or in
// an object (a misspelt key is an error with a suggestion).
//
// Values are typed by YAML (YAML 1.2 core schema, `untyped` stays false):
// plain `true`/`false` (also `True`, `TRUE`, ...) are booleans; plain
// integers (decimal, 0x, 0o) that fit in 64 bits are Int; plain floats,
// `.inf` and `.nan` are Double; `null`, `~` and nothing are Null. YAML 1.1
// `yes`/`no`/`on`/`off` stay strings. Quoted and block scalars, and
// `!!str`, are always strings. Sequences are lists, mappings objects whose
// fields are named. A property name given twice in one mapping (compared
// case-insensitively, as PowerShell does) is a warning; the first wins.
// `<<: *anchor` merges a mapping into a property mapping (explicit keys
// win).
//
// Anchors and aliases are allowed, but bounded: an alias copies its node,
// and once aliases have expanded the document past kMaxExpandedValues
// values, or nest values deeper than limits.max_depth, the file is refused
// (a "billion laughs" bomb stops after a few levels). An alias may not
// point into the node that contains it.
//
// Spans. We drive yaml-cpp's event parser (not YAML::Load) so that every
// node, key, alias and null is seen with its Mark, whose `pos` is a byte
// offset into the UTF-8 text we handed over, i.e. into file.text(). A span
// starts at the node's content (after any `&anchor`/`!tag`). yaml-cpp
// gives no end, so we compute it from the text:
//   - plain scalars: matched against the parsed value, folding line breaks
//     of multi-line scalars: the end of the last character;
//   - quoted scalars: through the closing quote (yaml-cpp accepts a
//     missing closing quote at the end of the file; we do not);
//   - block scalars (`|`, `>`): the end of the last content line, the
//     content being the lines indented at least as much as the first one;
//   - block collections: the end of their last child; flow collections:
//     through the closing bracket;
//   - aliases: the `*name` token; an empty value (`Key:` and nothing):
//     an empty span right after the `:`.

namespace lint {

namespace {

// Values an alias-expanded document may hold. Far above any real snapshot,
// far below what a billion-laughs file asks for (10^9).
constexpr uint64_t kMaxExpandedValues = 1u << 20;

// yaml-cpp's own recursion guard stops at 500 levels (kYamlReaderMaxDepth)
// with a misleading "bad file"; stop well before it, whatever --max-depth
// says, and say so.
constexpr size_t kYamlMaxDepth = 400;

std::string YamlDepthMessage(size_t max_depth) {
  if (max_depth <= kYamlMaxDepth) return DepthLimitMessage(max_depth);
  return "values nest more than " + std::to_string(kYamlMaxDepth) +
         " levels deep, the most this YAML reader supports (yaml-cpp); export in another format";
}

// Distances up to this give a "did you mean".
constexpr size_t kMaxSuggestionDistance = 3;

constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";

// Thrown by the event handler to stop yaml-cpp's parse with our own error;
// caught in ImportYaml and never leaves this file.
struct StopParse {
  ImportError error;
};

enum class NodeKind { kNull, kScalar, kSequence, kMapping, kAlias };

// One node of the document, as the events gave it.
struct Node {
  NodeKind kind = NodeKind::kNull;
  // Scalars: the type is resolved from the text (plain style, no explicit
  // string tag).
  bool resolve = false;
  bool flow = false;
  bool complete = false;
  std::string text;
  size_t begin = 0;
  size_t end = 0;
  // Sequence items; mapping keys and values, alternating.
  std::vector<size_t> children;
  // Aliases: the anchored node.
  size_t target = 0;
  // Values after expanding aliases, saturating at kMaxExpandedValues + 1.
  uint64_t expanded_size = 1;
  // Container levels after expanding aliases (scalars 0).
  size_t expanded_depth = 0;
};

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsFlowIndicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

size_t LineEndAt(std::string_view text, size_t pos) {
  size_t end = text.find_first_of("\r\n", pos);
  return end == std::string_view::npos ? text.size() : end;
}

size_t NextLineStart(std::string_view text, size_t pos) {
  size_t end = LineEndAt(text, pos);
  if (end < text.size() && text[end] == '\r') ++end;
  if (end < text.size() && text[end] == '\n') ++end;
  return end;
}

// Skips node properties (`&anchor`, `!tag`, `!<verbatim>`) and the space
// after them.
size_t SkipProperties(std::string_view text, size_t pos) {
  while (pos < text.size() && (text[pos] == '&' || text[pos] == '!')) {
    if (text.substr(pos).starts_with("!<")) {
      size_t close = text.find('>', pos);
      pos = close == std::string_view::npos ? text.size() : close + 1;
    } else {
      while (pos < text.size() && !IsSpace(text[pos]) && !IsFlowIndicator(text[pos])) ++pos;
    }
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
  }
  return pos;
}

// End of the token that starts at `pos`: up to a space or flow indicator.
size_t TokenEnd(std::string_view text, size_t pos) {
  while (pos < text.size() && !IsSpace(text[pos]) && !IsFlowIndicator(text[pos])) ++pos;
  return pos;
}

// End of a plain scalar whose parsed value is `value`: walk both, letting
// any run of white space (line folding) in one match a run in the other.
size_t PlainScalarEnd(std::string_view text, size_t pos, std::string_view value) {
  size_t j = 0;
  while (j < value.size() && pos < text.size()) {
    if (IsSpace(value[j]) && IsSpace(text[pos])) {
      while (j < value.size() && IsSpace(value[j])) ++j;
      while (pos < text.size() && IsSpace(text[pos])) ++pos;
    } else if (value[j] == text[pos]) {
      ++j;
      ++pos;
    } else {
      break;
    }
  }
  return pos;
}

// End of a block scalar whose indicator (`|` or `>`) is at `pos`: the end
// of the last non-blank line indented at least as far as the first one.
size_t BlockScalarEnd(std::string_view text, size_t pos, bool empty) {
  size_t end = TokenEnd(text, pos);  // the header: `|`, `>-`, `|2`...
  if (empty) return end;
  size_t indent = 0;
  for (size_t line = NextLineStart(text, pos); line < text.size(); line = NextLineStart(text, line)) {
    size_t first = line;
    while (first < text.size() && text[first] == ' ') ++first;
    size_t line_end = LineEndAt(text, line);
    size_t content_end = line_end;
    while (content_end > first && IsBlank(text[content_end - 1])) --content_end;
    if (content_end == first) continue;  // blank line: part of the block, ends nothing
    if (indent == 0) indent = std::max<size_t>(first - line, 1);
    if (first - line < indent) break;
    end = content_end;
  }
  return end;
}

// Offset just after the quote closing the scalar that opens at `pos`, or
// npos.
size_t QuotedScalarEnd(std::string_view text, size_t pos) {
  char quote = text[pos];
  for (size_t i = pos + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  return std::string_view::npos;
}

bool IsNullLiteral(std::string_view s) { return s == "~" || s == "null" || s == "Null" || s == "NULL"; }

// Builds a Node tree from yaml-cpp's events, computing spans and enforcing
// the depth and alias limits as it goes.
class TreeBuilder : public YAML::EventHandler {
 public:
  /// `base`: where yaml-cpp's input starts in file.text() (see ImportYaml).
  TreeBuilder(const SourceFile& file, const ImportLimits& limits, size_t base)
      : file_(file),
        text_(file.text()),
        base_(base),
        max_depth_(std::min(limits.max_depth, kYamlMaxDepth)),
        limit_depth_(limits.max_depth),
        max_string_bytes_(limits.max_string_bytes) {}

  std::vector<Node>& nodes() { return nodes_; }
  /// The root node, or npos for an empty stream.
  size_t root() const { return root_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1) {
      size_t pos = Clamp(mark.pos);
      Stop("a snapshot holds one YAML document; a second one starts here", pos, TokenEnd(text_, pos));
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node node;
    size_t pos = SkipProperties(text_, Clamp(mark.pos));
    size_t end = TokenEnd(text_, pos);
    size_t after = end;
    while (after < text_.size() && IsBlank(text_[after])) ++after;
    bool literal = pos >= last_end_ && IsNullLiteral(text_.substr(pos, end - pos)) &&
                   (after >= text_.size() || text_[after] != ':');
    if (literal) {
      node.begin = pos;
      node.end = end;
    } else {
      // Nothing was written (`Key:` or `- `): the mark is at the next
      // token. Point just after the `:` or `-` that precedes the missing
      // value.
      size_t at = last_end_;
      while (at < text_.size() && IsBlank(text_[at])) ++at;
      if (at < text_.size() && text_[at] == ':') ++at;
      if (!stack_.empty() && nodes_[stack_.back()].kind == NodeKind::kSequence && !nodes_[stack_.back()].flow) {
        size_t dash = at;
        while (dash < text_.size() && IsSpace(text_[dash])) ++dash;
        if (dash < text_.size() && text_[dash] == '-') at = dash + 1;
      }
      node.begin = node.end = at;
    }
    Add(std::move(node), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    size_t pos = Clamp(mark.pos);
    size_t end = TokenEnd(text_, pos);
    if (anchor >= anchors_.size() || anchors_[anchor] == kNone) {
      Stop("alias to an unknown anchor", pos, end);
    }
    size_t target = anchors_[anchor];
    if (!nodes_[target].complete) Stop("an alias cannot point into the node that contains it", pos, end);
    const Node& anchored = nodes_[target];
    if (stack_.size() + anchored.expanded_depth > max_depth_) {
      Stop("through this alias, " + YamlDepthMessage(limit_depth_), pos, end);
    }
    expanded_total_ += anchored.expanded_size;
    if (expanded_total_ > kMaxExpandedValues) {
      Stop("aliases expand the document to more than " + std::to_string(kMaxExpandedValues) +
               " values; refusing it (an alias bomb?)",
           pos, end);
    }
    Node node;
    node.kind = NodeKind::kAlias;
    node.target = target;
    node.begin = pos;
    node.end = end;
    node.expanded_size = anchored.expanded_size;
    node.expanded_depth = anchored.expanded_depth;
    node.complete = true;
    Add(std::move(node), 0, /*counted=*/true);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    size_t pos = SkipProperties(text_, Clamp(mark.pos));
    if (value.size() > max_string_bytes_) {
      Stop(StringLimitMessage(max_string_bytes_), pos, pos + 1);
    }
    Node node;
    node.kind = NodeKind::kScalar;
    node.text = value;
    node.begin = pos;
    char first = pos < text_.size() ? text_[pos] : '\0';
    if (first == '"' || first == '\'') {
      node.end = QuotedScalarEnd(text_, pos);
      if (node.end == std::string_view::npos) {
        Stop(std::string("expected a closing '") + first + "' for the string that starts here", pos, pos + 1);
      }
    } else if (first == '|' || first == '>') {
      node.end = BlockScalarEnd(text_, pos, value.empty());
    } else {
      node.end = PlainScalarEnd(text_, pos, value);
      node.resolve = tag != "!" && tag != kStrTag;
    }
    Add(std::move(node), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    Open(NodeKind::kSequence, mark, anchor, style);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    Open(NodeKind::kMapping, mark, anchor, style);
  }
  void OnMapEnd() override { Close(); }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  [[noreturn]] void Stop(std::string message, size_t begin, size_t end) const {
    throw StopParse{ImportError{std::move(message), file_.Span(begin, std::max(begin, end))}};
  }

  size_t Clamp(int pos) const {
    return pos < 0 ? base_ : std::min(static_cast<size_t>(pos) + base_, text_.size());
  }

  void Add(Node node, YAML::anchor_t anchor, bool counted = false) {
    if (!counted) ++expanded_total_;
    if (node.kind != NodeKind::kSequence && node.kind != NodeKind::kMapping) {
      node.complete = true;
      last_end_ = node.end;
    }
    size_t index = nodes_.size();
    nodes_.push_back(std::move(node));
    if (stack_.empty()) {
      root_ = index;
    } else {
      nodes_[stack_.back()].children.push_back(index);
    }
    if (anchor != 0) {
      if (anchor >= anchors_.size()) anchors_.resize(anchor + 1, kNone);
      anchors_[anchor] = index;
    }
  }

  void Open(NodeKind kind, const YAML::Mark& mark, YAML::anchor_t anchor, YAML::EmitterStyle::value style) {
    size_t pos = SkipProperties(text_, Clamp(mark.pos));
    if (stack_.size() + 1 > max_depth_) {
      Stop(YamlDepthMessage(limit_depth_), pos, pos + 1);
    }
    Node node;
    node.kind = kind;
    node.flow = style == YAML::EmitterStyle::Flow;
    node.begin = node.end = pos;
    Add(std::move(node), anchor);
    stack_.push_back(nodes_.size() - 1);
  }

  void Close() {
    if (stack_.empty()) return;
    size_t index = stack_.back();
    stack_.pop_back();
    Node& node = nodes_[index];
    size_t end = node.begin;
    uint64_t size = 1;
    size_t depth = 0;
    for (size_t child : node.children) {
      end = std::max(end, nodes_[child].end);
      size = std::min<uint64_t>(size + nodes_[child].expanded_size, kMaxExpandedValues + 1);
      depth = std::max(depth, nodes_[child].expanded_depth);
    }
    if (node.flow) end = FlowEnd(node.children.empty() ? node.begin + 1 : end, node.kind, end);
    node.end = end;
    node.expanded_size = size;
    node.expanded_depth = depth + 1;
    node.complete = true;
    last_end_ = end;
  }

  // Offset after the `]` or `}` that closes a flow collection, searching
  // from `pos` past commas, colons (`{a: }`) and comments; `fallback` if
  // anything else comes first.
  size_t FlowEnd(size_t pos, NodeKind kind, size_t fallback) const {
    char close = kind == NodeKind::kSequence ? ']' : '}';
    while (pos < text_.size()) {
      char c = text_[pos];
      if (c == close) return pos + 1;
      if (c == '#') {
        pos = LineEndAt(text_, pos);
      } else if (IsSpace(c) || c == ',' || c == ':' || c == '?') {
        ++pos;
      } else {
        break;
      }
    }
    return fallback;
  }

  const SourceFile& file_;
  std::string_view text_;
  size_t base_;
  size_t max_depth_;
  size_t limit_depth_;  // --max-depth, for the message
  size_t max_string_bytes_;
  std::vector<Node> nodes_;
  std::vector<size_t> stack_;       // open collections
  std::vector<size_t> anchors_;     // anchor id -> node index
  size_t root_ = kNone;
  size_t documents_ = 0;
  size_t last_end_ = 0;  // end of the last finished node
  uint64_t expanded_total_ = 0;
};

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Edit distance counting an insertion, deletion, substitution or swap of
// two neighbours as one (optimal string alignment), ASCII case-insensitive:
// "sied" is one step from "side".
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && Lower(a[i - 1]) == Lower(b[j - 2]) && Lower(a[i - 2]) == Lower(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::string Shorten(std::string_view text) { return ShortenForMessage(text); }

// "unknown key 'x' <where>; did you mean 'y'?" or "...; expected 'a', 'b' or 'c'".
std::string UnknownKeyMessage(std::string_view key, std::string_view where,
                              std::initializer_list<std::string_view> known) {
  std::string message = "unknown key '" + Shorten(key) + "' " + std::string(where);
  std::string_view best;
  size_t best_distance = kMaxSuggestionDistance + 1;
  for (std::string_view candidate : known) {
    size_t longer = std::max(key.size(), candidate.size());
    size_t shorter = std::min(key.size(), candidate.size());
    if (longer - shorter > kMaxSuggestionDistance) continue;  // and no huge table
    size_t distance = EditDistance(key, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  if (!best.empty()) return message + "; did you mean '" + std::string(best) + "'?";
  message += "; expected ";
  size_t i = 0;
  for (std::string_view candidate : known) {
    if (i > 0) message += i + 1 == known.size() ? " or " : ", ";
    message += "'" + std::string(candidate) + "'";
    ++i;
  }
  return message;
}

bool IsDigits(std::string_view s, int base) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = base == 16 ? ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
              : base == 8 ? (c >= '0' && c <= '7')
                          : (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// YAML 1.2 core schema integers; false when out of range (left a string).
bool ParseInt(std::string_view s, int64_t& out) {
  bool negative = false;
  std::string_view digits = s;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  int base = 10;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'o')) {
    if (digits.size() != s.size()) return false;  // no sign on 0x/0o
    base = digits[1] == 'x' ? 16 : 8;
    digits.remove_prefix(2);
  }
  if (!IsDigits(digits, base)) return false;
  uint64_t magnitude = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return false;
  constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (negative) {
    if (magnitude > kMax + 1) return false;
    out = magnitude == kMax + 1 ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(magnitude);
  } else {
    if (magnitude > kMax) return false;
    out = static_cast<int64_t>(magnitude);
  }
  return true;
}

// YAML 1.2 core schema floats: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?,
// .inf, .nan.
bool ParseFloat(std::string_view s, double& out) {
  std::string_view body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  size_t i = 0;
  size_t int_digits = 0, frac_digits = 0;
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++int_digits;
  bool dot = i < body.size() && body[i] == '.';
  if (dot) {
    ++i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  bool exponent = i < body.size() && (body[i] == 'e' || body[i] == 'E');
  if (exponent) {
    ++i;
    if (i < body.size() && (body[i] == '-' || body[i] == '+')) ++i;
    size_t exp_digits = 0;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  if (i != body.size() || (!dot && !exponent)) return false;
  double value = 0;
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (ptr != body.data() + body.size() || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
    return false;
  }
  out = negative ? -value : value;
  return true;
}

Value ResolveScalar(const Node& node, SourceSpan span) {
  if (!node.resolve) return Value::String(node.text, span);
  std::string_view s = node.text;
  if (s == "true" || s == "True" || s == "TRUE") return Value::Bool(true, span);
  if (s == "false" || s == "False" || s == "FALSE") return Value::Bool(false, span);
  if (s.empty() || IsNullLiteral(s)) return Value::Null(span);
  int64_t integer = 0;
  if (ParseInt(s, integer)) return Value::Int(integer, span);
  double real = 0;
  if (ParseFloat(s, real)) return Value::Double(real, span);
  return Value::String(node.text, span);
}

// Turns the Node tree into RawObjects, checking the snapshot's shape.
class SnapshotReader {
 public:
  SnapshotReader(const SourceFile& file, const std::vector<Node>& nodes, const ImportLimits& limits)
      : file_(file), nodes_(nodes), limits_(limits) {}

  std::expected<ImportResult, ImportError> Read(size_t root) {
    if (root >= nodes_.size()) {
      return Fail("the file holds no YAML document; expected a mapping with an 'objects' list", 0, 0);
    }
    const Node& top = Deref(root);
    if (top.kind != NodeKind::kMapping) {
      return Fail("expected a mapping with an 'objects' list at the top level", top);
    }
    std::string file_side, file_kind;
    const Node* objects = nullptr;
    const Node* seen_side = nullptr;
    const Node* seen_kind = nullptr;
    for (size_t i = 0; i + 1 < top.children.size(); i += 2) {
      const Node& key = Deref(top.children[i]);
      const Node& value = Deref(top.children[i + 1]);
      auto name = KeyName(key);
      if (!name) return std::unexpected(name.error());
      if (*name == "side" || *name == "kind" || *name == "objects") {
        const Node*& seen = *name == "side" ? seen_side : *name == "kind" ? seen_kind : objects;
        if (seen != nullptr) return Fail("duplicate key '" + Shorten(*name) + "'", key);
        seen = &value;
      } else {
        return Fail(UnknownKeyMessage(*name, "at the top level", {"side", "kind", "objects"}), key);
      }
    }
    if (seen_side != nullptr) {
      auto side = Side(*seen_side);
      if (!side) return std::unexpected(side.error());
      file_side = *side;
    }
    if (seen_kind != nullptr) {
      auto kind = Kind(*seen_kind);
      if (!kind) return std::unexpected(kind.error());
      file_kind = *kind;
    }
    if (objects == nullptr) {
      return Fail("missing top-level key 'objects' (the list of objects)", top.begin, top.begin);
    }
    if (objects->kind != NodeKind::kSequence) {
      return Fail("expected a list of objects under 'objects'", *objects);
    }
    for (size_t item : objects->children) {
      if (result_.objects.size() >= limits_.max_objects) {
        return Fail(ObjectLimitMessage(limits_.max_objects), Deref(item));
      }
      auto added = ReadObject(Deref(item), file_side, file_kind);
      if (!added) return std::unexpected(added.error());
    }
    DropRepeatedWarnings();
    return std::move(result_);
  }

 private:
  std::unexpected<ImportError> Fail(std::string message, size_t begin, size_t end) const {
    return std::unexpected(ImportError{std::move(message), file_.Span(begin, end)});
  }
  std::unexpected<ImportError> Fail(std::string message, const Node& node) const {
    return Fail(std::move(message), node.begin, node.end);
  }

  SourceSpan Span(const Node& node) const { return file_.Span(node.begin, node.end); }

  // An anchored mapping is read once where it stands and again at each
  // alias or merge; report each of its duplicates once.
  void DropRepeatedWarnings() {
    std::set<std::tuple<uint32_t, uint32_t, std::string>> seen;
    std::vector<ImportWarning> unique;
    for (ImportWarning& warning : result_.warnings) {
      if (seen.emplace(warning.span.begin, warning.span.end, warning.message).second) {
        unique.push_back(std::move(warning));
      }
    }
    result_.warnings = std::move(unique);
  }

  const Node& Deref(size_t index) const {
    while (nodes_[index].kind == NodeKind::kAlias) index = nodes_[index].target;
    return nodes_[index];
  }

  std::expected<std::string, ImportError> KeyName(const Node& key) const {
    if (key.kind != NodeKind::kScalar || key.text.empty()) {
      return Fail("expected a name (a string) as the key here", key);
    }
    return key.text;
  }

  std::expected<std::string, ImportError> Side(const Node& node) const {
    if (node.kind == NodeKind::kScalar && (node.text == "onprem" || node.text == "cloud")) return node.text;
    std::string given = node.kind == NodeKind::kScalar ? ", not '" + Shorten(node.text) + "'" : "";
    return Fail("side must be 'onprem' or 'cloud'" + given, node);
  }

  std::expected<std::string, ImportError> Kind(const Node& node) const {
    if (node.kind == NodeKind::kScalar && !Trim(node.text).empty()) return node.text;
    return Fail("kind must name the object kind, such as 'OrganizationRelationship'", node);
  }

  std::expected<void, ImportError> ReadObject(const Node& item, const std::string& file_side,
                                              const std::string& file_kind) {
    if (item.kind != NodeKind::kMapping) {
      return Fail("expected an object: a mapping with 'kind' and 'properties'", item);
    }
    RawObject object;
    object.side = file_side;
    object.kind = file_kind;
    object.span = Span(item);
    const Node* properties = nullptr;
    const Node* seen_side = nullptr;
    const Node* seen_kind = nullptr;
    for (size_t i = 0; i + 1 < item.children.size(); i += 2) {
      const Node& key = Deref(item.children[i]);
      const Node& value = Deref(item.children[i + 1]);
      auto name = KeyName(key);
      if (!name) return std::unexpected(name.error());
      if (*name != "side" && *name != "kind" && *name != "properties") {
        return Fail(UnknownKeyMessage(*name, "in an object", {"kind", "side", "properties"}), key);
      }
      const Node*& seen = *name == "side" ? seen_side : *name == "kind" ? seen_kind : properties;
      if (seen != nullptr) return Fail("duplicate key '" + Shorten(*name) + "'", key);
      seen = &value;
    }
    if (seen_side != nullptr) {
      auto side = Side(*seen_side);
      if (!side) return std::unexpected(side.error());
      object.side = *side;
    }
    if (seen_kind != nullptr) {
      auto kind = Kind(*seen_kind);
      if (!kind) return std::unexpected(kind.error());
      object.kind = *kind;
    }
    if (object.kind.empty()) {
      return Fail("object has no 'kind' (and the file sets no default 'kind')", item.begin, item.begin);
    }
    if (properties == nullptr) return Fail("object has no 'properties' mapping", item.begin, item.begin);
    if (properties->kind != NodeKind::kMapping) {
      return Fail("'properties' must be a mapping of property name to value", *properties);
    }
    auto fields = Fields(*properties);
    if (!fields) return std::unexpected(fields.error());
    object.properties = Value::Object(std::move(*fields), Span(*properties));
    result_.objects.push_back(std::move(object));
    return {};
  }

  std::expected<Value, ImportError> Convert(size_t index) {
    const Node& node = nodes_[index];
    SourceSpan span = Span(node);
    switch (node.kind) {
      case NodeKind::kAlias: {
        auto value = Convert(node.target);
        if (value) value->span = span;  // inner values keep the anchor's spans
        return value;
      }
      case NodeKind::kNull: return Value::Null(span);
      case NodeKind::kScalar: return ResolveScalar(node, span);
      case NodeKind::kSequence: {
        std::vector<Value> items;
        items.reserve(node.children.size());
        for (size_t child : node.children) {
          auto item = Convert(child);
          if (!item) return item;
          items.push_back(std::move(*item));
        }
        return Value::List(std::move(items), span);
      }
      case NodeKind::kMapping: {
        auto fields = Fields(node);
        if (!fields) return std::unexpected(fields.error());
        return Value::Object(std::move(*fields), span);
      }
    }
    return Value::Null(span);
  }

  // The fields of a mapping, named; `<<` merges, duplicates warn.
  std::expected<std::vector<Value>, ImportError> Fields(const Node& mapping) {
    std::vector<Value> fields;
    std::unordered_map<std::string, size_t> index;  // lower-case name -> field
    std::vector<Value> merged;
    for (size_t i = 0; i + 1 < mapping.children.size(); i += 2) {
      const Node& key = Deref(mapping.children[i]);
      if (key.kind == NodeKind::kScalar && key.resolve && key.text == "<<") {
        auto merge = Merge(mapping.children[i + 1], merged);
        if (!merge) return std::unexpected(merge.error());
        continue;
      }
      auto name = KeyName(key);
      if (!name) return std::unexpected(name.error());
      auto [first, added] = index.emplace(ToLowerAscii(*name), fields.size());
      if (!added) {
        LineColumn at = file_.Locate(fields[first->second].span.begin);
        result_.warnings.push_back(ImportWarning{
            "duplicate property '" + Shorten(*name) + "' (property names are case-insensitive); the first value, at line " +
                std::to_string(at.line) + ", is kept",
            *name, Span(nodes_[mapping.children[i]])});
        continue;
      }
      auto value = Convert(mapping.children[i + 1]);
      if (!value) return std::unexpected(value.error());
      value->name = *name;
      fields.push_back(std::move(*value));
    }
    for (Value& field : merged) {
      if (index.emplace(ToLowerAscii(field.name), fields.size()).second) fields.push_back(std::move(field));
    }
    return fields;
  }

  // `<<: *base` or `<<: [*a, *b]`: appends the fields to `merged`, earlier
  // ones winning.
  std::expected<void, ImportError> Merge(size_t index, std::vector<Value>& merged) {
    const Node& source = Deref(index);
    std::vector<size_t> mappings;
    std::unordered_set<std::string> merged_names;
    for (const Value& field : merged) merged_names.insert(ToLowerAscii(field.name));
    if (source.kind == NodeKind::kMapping) {
      mappings.push_back(index);
    } else if (source.kind == NodeKind::kSequence) {
      mappings = source.children;
    } else {
      return Fail("expected a mapping or a list of mappings after '<<'", nodes_[index]);
    }
    for (size_t m : mappings) {
      const Node& mapping = Deref(m);
      if (mapping.kind != NodeKind::kMapping) {
        return Fail("expected a mapping or a list of mappings after '<<'", nodes_[m]);
      }
      auto fields = Fields(mapping);
      if (!fields) return std::unexpected(fields.error());
      for (Value& field : *fields) {
        if (merged_names.insert(ToLowerAscii(field.name)).second) merged.push_back(std::move(field));
      }
    }
    return {};
  }

  const SourceFile& file_;
  const std::vector<Node>& nodes_;
  const ImportLimits& limits_;
  ImportResult result_;
};

size_t BomSize(const SourceFile& file) { return file.text().starts_with("\xEF\xBB\xBF") ? 3 : 0; }

// The error span for a yaml-cpp exception: one character at its mark.
SourceSpan ExceptionSpan(const SourceFile& file, const YAML::Mark& mark, size_t base) {
  size_t size = file.text().size();
  if (mark.is_null() || mark.pos < 0) return file.Span(0, 0);
  size_t pos = std::min(static_cast<size_t>(mark.pos) + base, size);
  bool one_char = pos < size && file.text()[pos] != '\r' && file.text()[pos] != '\n';
  return file.Span(pos, one_char ? pos + 1 : pos);
}

}  // namespace

Recognition RecognizeYaml(const SourceFile& file) {
  // A top-level `objects:` key within the first 64 KiB.
  std::string_view text = file.text();
  text = text.substr(0, std::min<size_t>(text.size(), 64 * 1024));
  for (size_t line = BomSize(file); line < text.size(); line = NextLineStart(text, line)) {
    std::string_view rest = text.substr(line);
    if (!rest.starts_with("objects")) continue;
    rest.remove_prefix(7);
    while (!rest.empty() && IsBlank(rest.front())) rest.remove_prefix(1);
    if (rest.empty() || rest.front() != ':') continue;
    rest.remove_prefix(1);
    if (rest.empty() || IsSpace(rest.front()) || rest.front() == '#') return Recognition::kYes;
  }
  return Recognition::kNo;
}

std::expected<ImportResult, ImportError> ImportYaml(const SourceFile& file, const ImportLimits& limits) {
  try {
    if (Trim(file.text()).empty()) {
      return std::unexpected(
          ImportError{"the file is empty; expected a mapping with an 'objects' list", file.Span(0, 0)});
    }
    // yaml-cpp drops a UTF-8 BOM without counting it in Mark::pos. The
    // decoder already removed the file's BOM, so this is a second one;
    // start the parse after it and add it back to every offset.
    size_t base = BomSize(file);
    TreeBuilder builder(file, limits, base);
    std::istringstream stream(file.text().substr(base));
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
    }
    SnapshotReader reader(file, builder.nodes(), limits);
    return reader.Read(builder.root());
  } catch (const StopParse& stop) {
    return std::unexpected(stop.error);
  } catch (const YAML::DeepRecursion& e) {
    // Not reached while kYamlMaxDepth < yaml-cpp's guard; its own message is "bad file".
    return std::unexpected(ImportError{YamlDepthMessage(limits.max_depth), ExceptionSpan(file, e.mark, BomSize(file))});
  } catch (const YAML::Exception& e) {
    return std::unexpected(
        ImportError{"invalid YAML: " + ToValidUtf8(e.msg), ExceptionSpan(file, e.mark, BomSize(file))});
  } catch (const std::exception& e) {
    return std::unexpected(ImportError{"invalid YAML: " + ToValidUtf8(e.what()), file.Span(0, 0)});
  } catch (...) {
    return std::unexpected(ImportError{"invalid YAML: unknown error", file.Span(0, 0)});
  }
}

}  // namespace lint
