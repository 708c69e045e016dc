#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lint/diag/diagnostic.h"

namespace lint {

/// A property type from schema/model (see schema/model/README.md).
struct PropertyType {
  enum class Base {
    kString, kToken, kBool, kInt, kDouble, kGuid, kUri, kDomain, kSmtpAddress, kAdObjectId,
    kVersion, kDate, kTimeSpan, kEnum, kFlags, kCertificate, kBytes, kList, kAny
  };
  Base base = Base::kAny;
  std::string enum_name;           ///< kEnum / kFlags
  std::vector<PropertyType> element;  ///< kList: exactly one element type
};

/// Parses "list<enum<AuthenticationMethod>>"; nullopt when malformed.
std::optional<PropertyType> ParsePropertyType(std::string_view text);

/// One kind (cmdlet output object) from schema/model/<kind>.yaml.
struct KindSchema {
  std::string kind;     ///< "OrganizationRelationship"
  std::string cmdlet;   ///< "Get-OrganizationRelationship"
  std::vector<std::string> sides;  ///< "onprem", "cloud"
  std::vector<std::string> type_names;
  std::string identity;            ///< template, e.g. "{Server}\\{Name}"
  std::vector<std::string> signature;
  std::vector<std::string> file_names;
  std::string certificate_from;    ///< property holding DER, or empty
  /// Property name (canonical casing) -> type, in file order.
  std::vector<std::pair<std::string, PropertyType>> properties;

  const PropertyType* FindProperty(std::string_view name) const;
  /// The canonical spelling of a property name, or empty.
  std::string CanonicalName(std::string_view name) const;
  /// The property entry for a name (ASCII case-insensitive), or nullptr.
  const std::pair<std::string, PropertyType>* FindEntry(std::string_view name) const;

  /// Indexes `properties` by name; ModelSchema does it once they are
  /// final. Without it the lookups scan the list.
  void BuildIndex();

 private:
  struct CaseInsensitiveHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const;
  };
  struct CaseInsensitiveEqual {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const;
  };
  /// Property name -> position in `properties`; the first of equal names.
  std::unordered_map<std::string, size_t, CaseInsensitiveHash, CaseInsensitiveEqual> index_;
};

/// An enum or flags table from schema/model/enums.yaml.
struct EnumTable {
  std::string name;
  bool flags = false;
  std::vector<std::pair<std::string, int64_t>> members;
  std::map<std::string, std::string> aliases;  ///< lower-case alias -> member

  /// The member for a name (case-insensitive, aliases applied), or nullopt.
  std::optional<std::string> Canonical(std::string_view name) const;
  std::optional<std::string> NameOf(int64_t value) const;
};

/// Every kind and enum. Loaded once from embedded files or a directory.
class ModelSchema {
 public:
  /// Loads schema/model/*.yaml from the embedded copy. Problems (a broken
  /// model file is a build error in practice) go to `sink`.
  static const ModelSchema& Builtin();
  /// Loads from (path, contents) pairs; exposed for tests.
  static ModelSchema Load(const std::vector<std::pair<std::string, std::string>>& files,
                          DiagnosticSink& sink);

  const KindSchema* FindKind(std::string_view kind) const;
  /// By CLIXML/CSV type name (any in the chain), `Deserialized.` stripped.
  const KindSchema* FindByTypeName(std::string_view type_name) const;
  /// By a file stem like "Get-OrganizationRelationship" or a kind name.
  const KindSchema* FindByFileStem(std::string_view stem) const;
  const EnumTable* FindEnum(std::string_view name) const;
  const std::vector<KindSchema>& kinds() const { return kinds_; }
  const std::vector<EnumTable>& enums() const { return enums_; }
  /// A schema from its parts (the precompiled pack, lint/rules/rule_pack.h).
  static ModelSchema FromParts(std::vector<KindSchema> kinds, std::vector<EnumTable> enums) {
    ModelSchema schema;
    schema.kinds_ = std::move(kinds);
    schema.enums_ = std::move(enums);
    for (KindSchema& k : schema.kinds_) k.BuildIndex();
    return schema;
  }

 private:
  std::vector<KindSchema> kinds_;
  std::vector<EnumTable> enums_;
};

}  // namespace lint
