// Export-Clixml reader (MS-PSRP object serialization, serialization-reference
// B.1). Spans: pugixml only gives the start offset of a node, so an element's
// span is its start tag and a primitive's span is its text content (an enum's
// is its <ToString> text, the name a reader looks for).
#include "lint/import/clixml_importer.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include <pugixml.hpp>

#include "lint/source/encoding.h"
#include "lint/util/limits.h"

namespace lint {

namespace {

// The offset of the '>' that ends the tag scanned from `pos`: the first one
// outside quotes, since attribute values may hold '>'. text.size() if none.
size_t TagEnd(std::string_view text, size_t pos) {
  char quote = 0;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      break;
    }
  }
  return pos;
}

constexpr char32_t kReplacement = 0xFFFD;

bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// _xHHHH_ escapes: every control char, surrogate and "_x" is written this
// way (XmlConvert.EncodeName style). Surrogate pairs are re-paired; a
// surrogate without its partner cannot be UTF-8 and becomes U+FFFD.
std::string DecodeEscapes(std::string_view s) {
  if (s.find("_x") == std::string_view::npos && s.find("_X") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  char16_t pending_high = 0;
  auto flush_high = [&] {
    if (pending_high) AppendUtf8(out, kReplacement);
    pending_high = 0;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && (s[i + 1] == 'x' || s[i + 1] == 'X') && s[i + 6] == '_' &&
        IsHexDigit(s[i + 2]) && IsHexDigit(s[i + 3]) && IsHexDigit(s[i + 4]) && IsHexDigit(s[i + 5])) {
      unsigned value = 0;
      std::from_chars(s.data() + i + 2, s.data() + i + 6, value, 16);
      auto unit = static_cast<char16_t>(value);
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        flush_high();
        pending_high = unit;
      } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
        if (pending_high) {
          AppendUtf8(out, 0x10000 + ((static_cast<char32_t>(pending_high) - 0xD800) << 10) + (unit - 0xDC00));
          pending_high = 0;
        } else {
          AppendUtf8(out, kReplacement);
        }
      } else {
        flush_high();
        AppendUtf8(out, unit);
      }
      i += 6;
      continue;
    }
    flush_high();
    out += s[i];
  }
  flush_high();
  return out;
}

// "Deserialized." (re-exported remoting objects) and "Selected." (Select-Object)
// may stack: Selected.Deserialized.X, Deserialized.Selected.X.
std::string StripTypePrefix(std::string name) {
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (std::string_view prefix : {"Deserialized.", "Selected."}) {
      if (std::string_view(name).starts_with(prefix)) {
        name = name.substr(prefix.size());
        stripped = true;
      }
    }
  }
  return name;
}

bool IsPrimitiveTag(std::string_view tag) {
  static constexpr std::string_view kTags[] = {"S", "C", "B", "DT", "TS", "By", "SB", "U16", "I16",
                                               "U32", "I32", "U64", "I64", "Sg", "Db", "D", "G",
                                               "URI", "Version", "SemanticVersion", "BA", "XD",
                                               "SBK", "SS", "Nil"};
  for (std::string_view t : kTags) {
    if (t == tag) return true;
  }
  return false;
}

// pugixml's status as what was expected at the error position.
struct OpenElement {
  std::string_view name;
  size_t offset = 0;  // of its '<'
};

// The innermost element still open at `end` (a '<' of a closing tag), found
// by a light re-scan: pugixml reports a mismatched closing tag but not which
// element it should have closed. The text before `end` parsed, so it is
// well-formed enough for this.
std::optional<OpenElement> InnermostOpenElement(std::string_view text, size_t end) {
  std::vector<OpenElement> open;
  size_t i = 0;
  while ((i = text.find('<', i)) < end) {
    std::string_view rest = text.substr(i);
    std::string_view skip_to;
    if (rest.starts_with("<!--")) skip_to = "-->";
    else if (rest.starts_with("<![CDATA[")) skip_to = "]]>";
    else if (rest.starts_with("<?")) skip_to = "?>";
    else if (rest.starts_with("<!")) skip_to = ">";
    if (!skip_to.empty()) {
      size_t e = text.find(skip_to, i + 2);
      if (e == std::string_view::npos) break;
      i = e + skip_to.size();
      continue;
    }
    bool closing = rest.starts_with("</");
    size_t name_begin = i + (closing ? 2 : 1);
    size_t name_end = name_begin;
    while (name_end < text.size() && !std::isspace(static_cast<unsigned char>(text[name_end])) &&
           text[name_end] != '/' && text[name_end] != '>') {
      ++name_end;
    }
    size_t j = TagEnd(text, name_end);
    if (closing) {
      if (!open.empty()) open.pop_back();
    } else if (j >= text.size() || text[j - 1] != '/') {
      open.push_back({text.substr(name_begin, name_end - name_begin), i});
    }
    i = j + 1;
  }
  if (open.empty()) return std::nullopt;
  return open.back();
}

std::string XmlErrorMessage(const pugi::xml_parse_result& parsed, const SourceFile& file, size_t offset) {
  size_t size = file.text().size();
  if (parsed.status == pugi::status_end_element_mismatch && offset >= 2 && offset < size &&
      file.text().compare(offset - 2, 2, "</") == 0) {
    // "expected </Props> to close <Props> from line 9, found </Prop>".
    std::string_view text = file.text();
    size_t found_end = offset;
    while (found_end < size && text[found_end] != '>' && !std::isspace(static_cast<unsigned char>(text[found_end]))) {
      ++found_end;
    }
    std::string found(text.substr(offset, found_end - offset));
    if (auto open = InnermostOpenElement(text, offset - 2)) {
      return "malformed XML: expected </" + std::string(open->name) + "> to close <" + std::string(open->name) +
             "> from line " + std::to_string(file.Locate(static_cast<uint32_t>(open->offset)).line) + ", found </" +
             found + ">";
    }
    return "malformed XML: found </" + found + "> but no element is open";
  }
  if (offset + 2 >= size && parsed.status != pugi::status_no_document_element) {
    return "malformed XML: unexpected end of file (the export is truncated; expected the closing </Objs>)";
  }
  switch (parsed.status) {
    case pugi::status_unrecognized_tag: return "malformed XML: expected an element name after '<'";
    case pugi::status_bad_start_element: return "malformed XML: expected '>' or '/>' to end the start tag";
    case pugi::status_bad_attribute: return "malformed XML: expected an attribute value in quotes";
    case pugi::status_bad_end_element: return "malformed XML: expected '>' to end a closing tag";
    case pugi::status_end_element_mismatch:
      return "malformed XML: expected the closing tag of the element open here (a closing tag is missing, "
             "misspelt or not ended with '>')";
    case pugi::status_no_document_element: return "malformed XML: expected the root element <Objs>";
    case pugi::status_bad_pcdata: return "malformed XML: expected text or an element";
    case pugi::status_bad_comment: return "malformed XML: expected the end of a comment '-->'";
    default: return std::string("malformed XML: ") + parsed.description();
  }
}

class Reader {
 public:
  Reader(const SourceFile& file, const ImportLimits& limits) : file_(file), limits_(limits) {}

  std::expected<ImportResult, ImportError> Run() {
    pugi::xml_document doc;
    // parse_ws_pcdata_single keeps <S>   </S> as three spaces, not as empty.
    pugi::xml_parse_result parsed = doc.load_buffer(file_.text().data(), file_.text().size(),
                                                    pugi::parse_default | pugi::parse_ws_pcdata_single,
                                                    pugi::encoding_utf8);
    if (!parsed) {
      // pugixml can put the error of a truncated document one past its end
      // (found by fuzz/: fixtures/fuzz-regressions/clixml/).
      size_t offset = std::min(parsed.offset < 0 ? size_t{0} : static_cast<size_t>(parsed.offset),
                               file_.text().size());
      return std::unexpected(ImportError{XmlErrorMessage(parsed, file_, offset), file_.Span(offset, offset)});
    }
    pugi::xml_node root = doc.document_element();
    if (std::string_view(root.name()) != "Objs") {
      return std::unexpected(ImportError{"expected the Export-Clixml root element <Objs>, found <" +
                                             std::string(root.name()) + ">",
                                         ElementSpan(root)});
    }
    CollectReferencedIds(root);
    ImportResult result;
    for (pugi::xml_node child : root.children()) {
      if (child.type() != pugi::node_element) continue;
      if (std::string_view(child.name()) != "Obj") {
        result.warnings.push_back({"top-level <" + std::string(child.name()) +
                                       "> is not an object; skipped",
                                   "", ElementSpan(child)});
        continue;
      }
      if (result.objects.size() >= limits_.max_objects) {
        return std::unexpected(ImportError{ObjectLimitMessage(limits_.max_objects),
                                           ElementSpan(child)});
      }
      auto value = ReadElement(child, 1);
      if (!value) return std::unexpected(value.error());
      RawObject obj;
      obj.type_names = value->type_names;
      obj.span = value->span;
      if (value->is_object()) {
        obj.properties = std::move(*value);
        obj.properties.name.clear();
      } else {
        // A bare string or number exported: not an object we can check.
        obj.properties = Value::Object({}, value->span);
        obj.properties.SetField("Value", *value);
      }
      result.objects.push_back(std::move(obj));
    }
    for (auto& w : warnings_) result.warnings.push_back(std::move(w));
    return result;
  }

 private:
  SourceSpan ElementSpan(pugi::xml_node node) const {
    ptrdiff_t offset = node.offset_debug();
    if (offset <= 0) return file_.Span(0, 0);
    size_t begin = static_cast<size_t>(offset);
    const std::string& text = file_.text();
    if (begin > 0 && text[begin - 1] == '<') --begin;
    size_t end = TagEnd(text, begin);
    end = end == text.size() ? text.size() : end + 1;
    return file_.Span(begin, end);
  }

  // The span of an element's text content (or its start tag if empty).
  SourceSpan TextSpan(pugi::xml_node node) const {
    pugi::xml_node text_node = node.first_child();
    if (text_node && (text_node.type() == pugi::node_pcdata || text_node.type() == pugi::node_cdata)) {
      ptrdiff_t offset = text_node.offset_debug();
      if (offset > 0) {
        size_t begin = static_cast<size_t>(offset);
        size_t end = file_.text().find('<', begin);
        if (end == std::string::npos) end = file_.text().size();
        return file_.Span(begin, end);
      }
    }
    return ElementSpan(node);
  }

  std::vector<std::string> ReadTypeNames(pugi::xml_node obj) {
    if (pugi::xml_node tn = obj.child("TN")) {
      std::vector<std::string> names;
      for (pugi::xml_node t : tn.children("T")) names.push_back(StripTypePrefix(DecodeEscapes(t.child_value())));
      if (pugi::xml_attribute ref = tn.attribute("RefId")) type_names_[ref.value()] = names;
      return names;
    }
    if (pugi::xml_node tnref = obj.child("TNRef")) {
      auto it = type_names_.find(tnref.attribute("RefId").value());
      if (it != type_names_.end()) return it->second;
      warnings_.push_back({"<TNRef RefId=\"" + std::string(tnref.attribute("RefId").value()) +
                               "\"> names no earlier <TN>",
                           "", ElementSpan(tnref)});
    }
    return {};
  }

  std::expected<Value, ImportError> ReadPrimitive(pugi::xml_node node) {
    std::string_view tag = node.name();
    SourceSpan span = TextSpan(node);
    std::string text = node.child_value();
    if (tag == "Nil") return Value::Null(ElementSpan(node));
    if (tag == "S" || tag == "SBK" || tag == "XD") {
      Value v = Value::String(DecodeEscapes(text), span);
      if (!node.first_child()) v.span = ElementSpan(node);
      if (v.text.size() > limits_.max_string_bytes) {
        return std::unexpected(ImportError{StringLimitMessage(limits_.max_string_bytes), span});
      }
      return v;
    }
    // Every other primitive too: a <BA> certificate or a <URI> can be as
    // long as the file.
    if (text.size() > limits_.max_string_bytes) {
      return std::unexpected(ImportError{StringLimitMessage(limits_.max_string_bytes), span});
    }
    if (tag == "B") {
      if (text == "true") return Value::Bool(true, span);
      if (text == "false") return Value::Bool(false, span);
      return std::unexpected(ImportError{"expected 'true' or 'false' in <B>, found '" + text + "'", span});
    }
    if (tag == "By" || tag == "SB" || tag == "U16" || tag == "I16" || tag == "U32" || tag == "I32" ||
        tag == "U64" || tag == "I64") {
      int64_t v = 0;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || p != text.data() + text.size()) {
        if (tag == "U64") {  // beyond int64: keep the digits as text
          return Value::String(text, span);
        }
        return std::unexpected(ImportError{"expected an integer in <" + std::string(tag) + ">, found '" + text + "'", span});
      }
      return Value::Int(v, span);
    }
    if (tag == "Sg" || tag == "Db" || tag == "D") {
      // XmlConvert writes INF, -INF and NaN; keep them as text (JSON-like
      // dumps have no infinity).
      if (text == "INF" || text == "-INF" || text == "NaN") return Value::String(text, span);
      double d = 0;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
      if (ec != std::errc() || p != text.data() + text.size() || text.empty() || !std::isfinite(d)) {
        return std::unexpected(ImportError{"expected a number in <" + std::string(tag) + ">, found '" + text + "'", span});
      }
      return Value::Double(d, span);
    }
    if (tag == "C") {
      unsigned code = 0;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), code);
      if (ec != std::errc() || p != text.data() + text.size() || code > 0xFFFF) {
        return std::unexpected(ImportError{"expected a UTF-16 code unit in <C>, found '" + text + "'", span});
      }
      std::string s;
      AppendUtf8(s, code >= 0xD800 && code <= 0xDFFF ? kReplacement : code);  // half a pair
      return Value::String(s, span);
    }
    if (tag == "BA") {
      Value v = Value::String(text, span);
      v.type_names = {"System.Byte[]"};
      return v;
    }
    if (tag == "SS") {
      Value v = Value::String("(SecureString)", span);
      v.loss = Loss::kLost;
      return v;
    }
    // DT, TS, G, URI, Version, SemanticVersion: keep the text; the builder
    // types it by schema.
    return Value::String(DecodeEscapes(text), span);
  }

  std::expected<Value, ImportError> ReadElement(pugi::xml_node node, size_t depth) {
    if (depth > limits_.max_depth) {
      return std::unexpected(ImportError{DepthLimitMessage(limits_.max_depth),
                                         ElementSpan(node)});
    }
    std::string_view tag = node.name();
    if (tag == "Ref") {
      auto it = objects_.find(node.attribute("RefId").value());
      if (it == objects_.end()) {
        warnings_.push_back({"<Ref RefId=\"" + std::string(node.attribute("RefId").value()) +
                                 "\"> refers to no earlier object; read as null",
                             "", ElementSpan(node)});
        return Value::Null(ElementSpan(node));
      }
      // Each Ref is a copy: limit how deep and how large copies make the
      // tree, or a file of Refs to Refs could nest or grow without bound.
      const Stored& stored = it->second;
      if (depth - 1 + stored.height > limits_.max_depth) {
        return std::unexpected(ImportError{DepthLimitMessage(limits_.max_depth, " through this <Ref>"),
                                           ElementSpan(node)});
      }
      copied_values_ += stored.values;
      if (copied_values_ > CopyBudget()) {
        return std::unexpected(ImportError{"<Ref> elements expand to more than " + std::to_string(CopyBudget()) +
                                               " values (limit)",
                                           ElementSpan(node)});
      }
      Value v = stored.value;
      v.span = ElementSpan(node);
      return v;
    }
    if (IsPrimitiveTag(tag)) return ReadPrimitive(node);
    if (tag == "LST" || tag == "IE" || tag == "STK" || tag == "QUE") return ReadList(node, depth);
    if (tag == "DCT") return ReadDictionary(node, depth);
    if (tag == "MS") {
      // A property set (PSMemberSet) nested in <MS>: an object of its members.
      std::vector<Value> members;
      if (auto read = ReadBag(node, depth, members); !read) return std::unexpected(read.error());
      return Value::Object(std::move(members), ElementSpan(node));
    }
    if (tag != "Obj") {
      warnings_.push_back({"unknown CLIXML element <" + std::string(tag) + ">; read as null", "", ElementSpan(node)});
      return Value::Null(ElementSpan(node));
    }

    std::vector<std::string> type_names = ReadTypeNames(node);
    SourceSpan span = ElementSpan(node);
    std::optional<std::string> to_string;
    if (pugi::xml_node ts = node.child("ToString")) to_string = DecodeEscapes(ts.child_value());

    Value result;
    bool have_payload = false;
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      std::string_view ctag = child.name();
      if (ctag == "TN" || ctag == "TNRef" || ctag == "ToString" || ctag == "Props" || ctag == "MS") continue;
      if (have_payload) continue;
      if (IsPrimitiveTag(ctag)) {
        // An enum or a boxed primitive: the name is in <ToString>.
        auto prim = ReadPrimitive(child);
        if (!prim) return std::unexpected(prim.error());
        if (to_string) {
          result = Value::String(*to_string, TextSpan(node.child("ToString")));
          result.integer = prim->type == ValueType::kInt ? prim->integer : 0;
        } else {
          result = std::move(*prim);
        }
        have_payload = true;
      } else if (ctag == "LST" || ctag == "IE" || ctag == "STK" || ctag == "QUE" || ctag == "DCT") {
        auto container = ReadElement(child, depth + 1);
        if (!container) return std::unexpected(container.error());
        result = std::move(*container);
        have_payload = true;
      } else {
        // Export-Clixml never writes this; say so rather than drop it silently.
        warnings_.push_back({"unexpected <" + std::string(ctag) + "> inside <Obj>; ignored", "", ElementSpan(child)});
      }
    }
    // Property bags: adapted (Props) then extended (MS) members.
    std::vector<Value> fields;
    for (const char* bag : {"Props", "MS"}) {
      if (auto read = ReadBag(node.child(bag), depth, fields); !read) return std::unexpected(read.error());
    }
    if (!have_payload) {
      result = Value::Object(std::move(fields), span);
      if (to_string) {
        result.text = *to_string;
        result.has_text = true;
      }
    } else if (!fields.empty() && result.is_list()) {
      // IE with Props (rare): keep the items; properties are dropped.
    }
    result.span = have_payload && result.is_string() ? result.span : span;
    result.type_names = std::move(type_names);
    if (pugi::xml_attribute ref = node.attribute("RefId"); ref && referenced_.count(ref.value())) {
      Stored& stored = objects_[ref.value()];
      stored.value = result;
      stored.values = 0;
      stored.height = 0;
      Measure(result, 1, stored.values, stored.height);
    }
    return result;
  }

  // The named members of <Props> or <MS>, appended to `fields`.
  std::expected<void, ImportError> ReadBag(pugi::xml_node bag, size_t depth, std::vector<Value>& fields) {
    for (pugi::xml_node prop : bag.children()) {
      if (prop.type() != pugi::node_element) continue;
      auto v = ReadElement(prop, depth + 1);
      if (!v) return std::unexpected(v.error());
      v->name = DecodeEscapes(prop.attribute("N").value());
      if (v->name.empty()) continue;
      fields.push_back(std::move(*v));
    }
    return {};
  }

  std::expected<Value, ImportError> ReadList(pugi::xml_node node, size_t depth) {
    Value list = Value::List({}, ElementSpan(node));
    for (pugi::xml_node item : node.children()) {
      if (item.type() != pugi::node_element) continue;
      auto v = ReadElement(item, depth + 1);
      if (!v) return std::unexpected(v.error());
      v->name.clear();
      list.items.push_back(std::move(*v));
    }
    return list;
  }

  std::expected<Value, ImportError> ReadDictionary(pugi::xml_node node, size_t depth) {
    Value dict = Value::Object({}, ElementSpan(node));
    for (pugi::xml_node entry : node.children("En")) {
      Value key, value;
      for (pugi::xml_node part : entry.children()) {
        if (part.type() != pugi::node_element) continue;
        auto v = ReadElement(part, depth + 1);
        if (!v) return std::unexpected(v.error());
        std::string_view n = part.attribute("N").value();
        if (n == "Key") key = std::move(*v);
        else if (n == "Value") value = std::move(*v);
      }
      dict.SetField(key.ToDisplay(), std::move(value));
    }
    return dict;
  }

  // Only objects that some <Ref> names are kept for reuse; copying every
  // object would double the memory of a large file. Iterative: the
  // document may be deeper than the stack allows.
  void CollectReferencedIds(pugi::xml_node root) {
    pugi::xml_node node = root.first_child();
    while (node && node != root) {
      if (node.type() == pugi::node_element && std::string_view(node.name()) == "Ref") {
        referenced_.insert(node.attribute("RefId").value());
      }
      if (node.first_child()) {
        node = node.first_child();
        continue;
      }
      while (node && node != root && !node.next_sibling()) node = node.parent();
      if (node && node != root) node = node.next_sibling();
    }
  }

  const SourceFile& file_;
  const ImportLimits& limits_;
  std::set<std::string> referenced_;
  std::map<std::string, std::vector<std::string>> type_names_;
  // Copies made for <Ref> may not exceed one value per byte of the file (far
  // more than real exports need: a Ref copies a small Identity).
  size_t CopyBudget() const { return file_.text().size() + 100000; }

  // Values and height of a tree; stored trees obey max_depth, so this
  // recursion is bounded.
  static void Measure(const Value& v, size_t level, size_t& values, size_t& height) {
    ++values;
    height = std::max(height, level);
    for (const Value& item : v.items) Measure(item, level + 1, values, height);
  }

  struct Stored {
    Value value;
    size_t values = 0;  ///< nodes in `value`
    size_t height = 0;  ///< levels in `value` (a scalar is 1)
  };
  std::map<std::string, Stored> objects_;
  size_t copied_values_ = 0;
  std::vector<ImportWarning> warnings_;
};

}  // namespace

Recognition RecognizeClixml(const SourceFile& file) {
  std::string_view text = file.text();
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  std::string_view head = text.substr(i, 512);
  if (!head.starts_with("<")) return Recognition::kNo;
  if (head.find("<Objs") != std::string_view::npos) return Recognition::kYes;
  return head.starts_with("<?xml") ? Recognition::kMaybe : Recognition::kNo;
}

std::expected<ImportResult, ImportError> ImportClixml(const SourceFile& file, const ImportLimits& limits) {
  try {
    Reader reader(file, limits);
    return reader.Run();
  } catch (const std::exception& e) {
    return std::unexpected(ImportError{std::string("cannot read CLIXML: ") + e.what(), file.Span(0, 0)});
  }
}

}  // namespace lint
