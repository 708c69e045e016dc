#include "lint/model/kind_schema.h"

#include <yaml-cpp/yaml.h>

#include "lint/model/value.h"
#include "lint/rules/rule_pack.h"
#include "lint/util/embedded.h"

namespace lint {

std::optional<PropertyType> ParsePropertyType(std::string_view text) {
  text = Trim(text);
  PropertyType t;
  auto inner = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (text.size() > prefix.size() + 2 && text.substr(0, prefix.size()) == prefix &&
        text[prefix.size()] == '<' && text.back() == '>') {
      return text.substr(prefix.size() + 1, text.size() - prefix.size() - 2);
    }
    return std::nullopt;
  };
  if (auto e = inner("list")) {
    auto element = ParsePropertyType(*e);
    if (!element) return std::nullopt;
    t.base = PropertyType::Base::kList;
    t.element.push_back(*element);
    return t;
  }
  if (auto e = inner("enum")) {
    t.base = PropertyType::Base::kEnum;
    t.enum_name = std::string(*e);
    return t;
  }
  if (auto e = inner("flags")) {
    t.base = PropertyType::Base::kFlags;
    t.enum_name = std::string(*e);
    return t;
  }
  static const std::pair<std::string_view, PropertyType::Base> kSimple[] = {
      {"string", PropertyType::Base::kString},   {"token", PropertyType::Base::kToken},   {"bool", PropertyType::Base::kBool},
      {"int", PropertyType::Base::kInt},         {"double", PropertyType::Base::kDouble},
      {"guid", PropertyType::Base::kGuid},       {"uri", PropertyType::Base::kUri},
      {"domain", PropertyType::Base::kDomain},   {"smtpaddress", PropertyType::Base::kSmtpAddress},
      {"adobjectid", PropertyType::Base::kAdObjectId}, {"version", PropertyType::Base::kVersion},
      {"date", PropertyType::Base::kDate},       {"timespan", PropertyType::Base::kTimeSpan},
      {"certificate", PropertyType::Base::kCertificate}, {"bytes", PropertyType::Base::kBytes},
      {"any", PropertyType::Base::kAny},
  };
  for (const auto& [name, base] : kSimple) {
    if (text == name) {
      t.base = base;
      return t;
    }
  }
  return std::nullopt;
}

size_t KindSchema::CaseInsensitiveHash::operator()(std::string_view s) const {
  size_t h = 14695981039346656037ull;  // FNV-1a over the lower-cased bytes
  for (char c : s) {
    h ^= static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    h *= 1099511628211ull;
  }
  return h;
}

bool KindSchema::CaseInsensitiveEqual::operator()(std::string_view a, std::string_view b) const {
  return EqualsIgnoreCase(a, b);
}

void KindSchema::BuildIndex() {
  index_.clear();
  for (size_t i = 0; i < properties.size(); ++i) index_.emplace(properties[i].first, i);
}

const std::pair<std::string, PropertyType>* KindSchema::FindEntry(std::string_view name) const {
  if (!index_.empty()) {
    auto it = index_.find(name);
    return it == index_.end() ? nullptr : &properties[it->second];
  }
  for (const auto& entry : properties) {
    if (EqualsIgnoreCase(entry.first, name)) return &entry;
  }
  return nullptr;
}

const PropertyType* KindSchema::FindProperty(std::string_view name) const {
  const auto* entry = FindEntry(name);
  return entry ? &entry->second : nullptr;
}

std::string KindSchema::CanonicalName(std::string_view name) const {
  const auto* entry = FindEntry(name);
  return entry ? entry->first : std::string();
}

std::optional<std::string> EnumTable::Canonical(std::string_view name) const {
  std::string_view trimmed = Trim(name);
  for (const auto& [member, value] : members) {
    if (EqualsIgnoreCase(member, trimmed)) return member;
  }
  if (auto it = aliases.find(ToLowerAscii(trimmed)); it != aliases.end()) return it->second;
  return std::nullopt;
}

std::optional<std::string> EnumTable::NameOf(int64_t value) const {
  for (const auto& [member, v] : members) {
    if (v == value) return member;
  }
  return std::nullopt;
}

namespace {

Diagnostic ModelError(const std::string& path, const YAML::Mark& mark, std::string message) {
  Diagnostic d;
  d.code = "LINT-MODEL";
  d.path = path + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  d.message = std::move(message);
  return d;
}

std::vector<std::string> StringList(const YAML::Node& node) {
  std::vector<std::string> out;
  if (node && node.IsSequence()) {
    for (const auto& item : node) out.push_back(item.as<std::string>());
  } else if (node && node.IsScalar()) {
    out.push_back(node.as<std::string>());
  }
  return out;
}

void LoadEnums(const std::string& path, const YAML::Node& root, std::vector<EnumTable>& enums,
               DiagnosticSink& sink) {
  for (const char* section : {"enums", "flags"}) {
    YAML::Node tables = root[section];
    if (!tables) continue;
    for (const auto& entry : tables) {
      EnumTable table;
      table.name = entry.first.as<std::string>();
      table.flags = std::string_view(section) == "flags";
      if (!entry.second.IsMap()) {
        sink.Add(ModelError(path, entry.second.Mark(), "expected a mapping of member: number"));
        continue;
      }
      for (const auto& member : entry.second) {
        try {
          table.members.emplace_back(member.first.as<std::string>(), member.second.as<int64_t>());
        } catch (const YAML::Exception&) {
          sink.Add(ModelError(path, member.second.Mark(), "expected an integer enum value"));
        }
      }
      enums.push_back(std::move(table));
    }
  }
  if (YAML::Node aliases = root["aliases"]) {
    for (const auto& entry : aliases) {
      std::string name = entry.first.as<std::string>();
      for (EnumTable& table : enums) {
        if (table.name != name) continue;
        for (const auto& alias : entry.second) {
          table.aliases[ToLowerAscii(alias.first.as<std::string>())] = alias.second.as<std::string>();
        }
      }
    }
  }
}

}  // namespace

ModelSchema ModelSchema::Load(const std::vector<std::pair<std::string, std::string>>& files,
                              DiagnosticSink& sink) {
  ModelSchema schema;
  for (const auto& [path, contents] : files) {
    YAML::Node root;
    try {
      root = YAML::Load(contents);
    } catch (const YAML::Exception& e) {
      sink.Add(ModelError(path, e.mark, "invalid YAML: " + e.msg));
      continue;
    }
    try {
      if (root["enums"] || root["flags"]) {
        LoadEnums(path, root, schema.enums_, sink);
        continue;
      }
      if (!root["kind"]) {
        sink.Add(ModelError(path, root.Mark(), "expected a 'kind' key"));
        continue;
      }
      KindSchema kind;
      kind.kind = root["kind"].as<std::string>();
      if (root["cmdlet"]) kind.cmdlet = root["cmdlet"].as<std::string>();
      kind.sides = StringList(root["sides"]);
      kind.type_names = StringList(root["type_names"]);
      if (root["identity"]) kind.identity = root["identity"].as<std::string>();
      kind.signature = StringList(root["signature"]);
      kind.file_names = StringList(root["file_names"]);
      if (root["certificate_from"]) kind.certificate_from = root["certificate_from"].as<std::string>();
      if (YAML::Node props = root["properties"]) {
        for (const auto& p : props) {
          std::string type_text = p.second.as<std::string>();
          auto type = ParsePropertyType(type_text);
          if (!type) {
            sink.Add(ModelError(path, p.second.Mark(), "unknown property type '" + type_text + "'"));
            continue;
          }
          kind.properties.emplace_back(p.first.as<std::string>(), *type);
        }
      }
      schema.kinds_.push_back(std::move(kind));
    } catch (const YAML::Exception& e) {
      sink.Add(ModelError(path, e.mark, "unexpected value: " + e.msg));
    }
  }
  for (KindSchema& kind : schema.kinds_) kind.BuildIndex();
  // Check every enum reference resolves.
  for (const KindSchema& kind : schema.kinds_) {
    for (const auto& [name, type] : kind.properties) {
      const PropertyType* t = &type;
      while (t->base == PropertyType::Base::kList) t = &t->element.front();
      if ((t->base == PropertyType::Base::kEnum || t->base == PropertyType::Base::kFlags) &&
          schema.FindEnum(t->enum_name) == nullptr) {
        Diagnostic d;
        d.code = "LINT-MODEL";
        d.path = "schema/model (" + kind.kind + "." + name + ")";
        d.message = "unknown enum '" + t->enum_name + "'";
        sink.Add(d);
      }
    }
  }
  return schema;
}

const ModelSchema& ModelSchema::Builtin() {
  static const ModelSchema schema = [] {
    // Precompiled at build time (lint/rules/rule_pack.h) from these files.
    if (std::string_view pack = PrecompiledPack(); !pack.empty()) return DeserializePack(pack, kPackSchema).schema;
    std::vector<std::pair<std::string, std::string>> files;
    for (const EmbeddedFile& f : EmbeddedFiles()) {
      if (f.path.starts_with("schema/model/") && f.path.ends_with(".yaml")) {
        files.emplace_back(std::string(f.path), std::string(f.contents));
      }
    }
    DiagnosticSink sink;
    return Load(files, sink);
  }();
  return schema;
}

const KindSchema* ModelSchema::FindKind(std::string_view kind) const {
  for (const KindSchema& k : kinds_) {
    if (EqualsIgnoreCase(k.kind, kind)) return &k;
  }
  return nullptr;
}

const KindSchema* ModelSchema::FindByTypeName(std::string_view type_name) const {
  for (std::string_view prefix : {"Deserialized.", "Selected."}) {
    if (type_name.starts_with(prefix)) type_name.remove_prefix(prefix.size());
  }
  for (const KindSchema& k : kinds_) {
    for (const std::string& t : k.type_names) {
      if (EqualsIgnoreCase(t, type_name)) return &k;
    }
  }
  return nullptr;
}

const KindSchema* ModelSchema::FindByFileStem(std::string_view stem) const {
  for (const KindSchema& k : kinds_) {
    if (EqualsIgnoreCase(k.cmdlet, stem) || EqualsIgnoreCase(k.kind, stem)) return &k;
    for (const std::string& f : k.file_names) {
      if (EqualsIgnoreCase(f, stem)) return &k;
    }
  }
  return nullptr;
}

const EnumTable* ModelSchema::FindEnum(std::string_view name) const {
  for (const EnumTable& e : enums_) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

}  // namespace lint
