#include "lint/model/snapshot_dump.h"

namespace lint {

namespace {

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    if (c == '\r') { out += "\\r"; continue; }
    out += c;
  }
  return out + "\"";
}

std::string ValueText(const Value& v) {
  std::string suffix;
  if (v.loss == Loss::kTruncated) suffix = " (truncated)";
  if (v.loss == Loss::kLost) suffix = " (lost)";
  switch (v.type) {
    case ValueType::kNull: return "null" + suffix;
    case ValueType::kString: return Quote(v.text) + suffix;
    case ValueType::kBool: return (v.boolean ? "true" : "false") + suffix;
    case ValueType::kInt:
    case ValueType::kDouble: return v.ToDisplay() + suffix;
    case ValueType::kList: {
      std::string out = "[";
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ", ";
        out += ValueText(v.items[i]);
      }
      return out + "]" + suffix;
    }
    case ValueType::kObject: {
      std::string out = "{";
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ", ";
        out += v.items[i].name + ": " + ValueText(v.items[i]);
      }
      return out + "}" + suffix;
    }
  }
  return "";
}

std::string LineCol(const Snapshot& snapshot, SourceSpan span) {
  const SourceFile* file = snapshot.sources.Find(span.file_id);
  if (!file) return "";
  LineColumn lc = file->Locate(span.begin);
  return std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

}  // namespace

std::string DumpText(const Snapshot& snapshot) {
  std::string out;
  for (size_t i = 0; i < snapshot.inputs.size(); ++i) {
    const InputFile& in = snapshot.inputs[i];
    out += "input " + in.path + " (" + in.format + ", " + in.encoding + ")\n";
    for (const InputWarning& w : in.warnings) {
      out += "  warning @" + LineCol(snapshot, w.span) + ": " +
             (w.property.empty() ? "" : w.property + ": ") + w.message + "\n";
    }
    for (const Object& o : snapshot.objects) {
      if (o.input != i) continue;
      out += "  " + std::string(SideName(o.side)) + " " + (o.kind.empty() ? "(unknown)" : o.kind) + " '" +
             o.identity + "' @" + LineCol(snapshot, o.span) + "\n";
      for (const Value& p : o.properties.items) {
        out += "    " + p.name + " = " + ValueText(p) + " @" + LineCol(snapshot, p.span) + "\n";
      }
    }
  }
  return out;
}

nlohmann::ordered_json ValueToJson(const Value& v) {
  switch (v.type) {
    case ValueType::kNull: return nullptr;
    case ValueType::kString: return v.text;
    case ValueType::kBool: return v.boolean;
    case ValueType::kInt: return v.integer;
    case ValueType::kDouble: return v.real;
    case ValueType::kList: {
      nlohmann::ordered_json arr = nlohmann::ordered_json::array();
      for (const Value& item : v.items) arr.push_back(ValueToJson(item));
      return arr;
    }
    case ValueType::kObject: {
      nlohmann::ordered_json obj = nlohmann::ordered_json::object();
      for (const Value& f : v.items) obj[f.name] = ValueToJson(f);
      return obj;
    }
  }
  return nullptr;
}

nlohmann::ordered_json LocationJson(const Snapshot& snapshot, SourceSpan span) {
  const SourceFile* file = snapshot.sources.Find(span.file_id);
  if (!file) return nullptr;
  LineColumn lc = file->Locate(span.begin);
  return {{"path", file->display_path()}, {"line", lc.line}, {"column", lc.column}};
}

nlohmann::ordered_json DumpJson(const Snapshot& snapshot) {
  nlohmann::ordered_json out;
  out["inputs"] = nlohmann::ordered_json::array();
  for (const InputFile& in : snapshot.inputs) {
    nlohmann::ordered_json j;
    j["path"] = in.path;
    j["format"] = in.format;
    j["encoding"] = in.encoding;
    j["warnings"] = nlohmann::ordered_json::array();
    for (const InputWarning& w : in.warnings) {
      nlohmann::ordered_json wj;
      wj["message"] = w.message;
      if (!w.property.empty()) wj["property"] = w.property;
      wj["location"] = LocationJson(snapshot, w.span);
      j["warnings"].push_back(wj);
    }
    out["inputs"].push_back(j);
  }
  out["objects"] = nlohmann::ordered_json::array();
  for (const Object& o : snapshot.objects) {
    nlohmann::ordered_json j;
    j["side"] = SideName(o.side);
    j["kind"] = o.kind.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(o.kind);
    j["identity"] = o.identity;
    j["location"] = LocationJson(snapshot, o.span);
    nlohmann::ordered_json props = nlohmann::ordered_json::object();
    nlohmann::ordered_json lost = nlohmann::ordered_json::array();
    for (const Value& p : o.properties.items) {
      props[p.name] = ValueToJson(p);
      if (p.loss != Loss::kNone) lost.push_back(p.name);
    }
    j["properties"] = props;
    if (!lost.empty()) j["incomplete_properties"] = lost;
    out["objects"].push_back(j);
  }
  return out;
}

}  // namespace lint
