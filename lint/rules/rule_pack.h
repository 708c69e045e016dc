#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lint/model/kind_schema.h"
#include "lint/rules/rule.h"

namespace lint {

/// The built-in rule pack and object model, loaded from checks/ and
/// schema/model at BUILD time by build_pack_main.cc (the real loaders: a
/// broken built-in rule fails the build with the loader's messages) and
/// embedded in compact binary form, so that start-up reads it instead of
/// parsing 175 YAML files. Empty when the binary was linked without it (the
/// pack tool itself, fuzz targets, bench/parse_only): the loaders then parse
/// the embedded YAML as before.
std::string_view PrecompiledPack();

/// One cloud instance of checks/clouds.yaml: its keys in file order. A
/// scalar is one item with `list` false; null values are left out.
struct CloudValue {
  std::string key;
  bool list = false;
  std::vector<std::string> items;
};
struct CloudProfileText {
  std::string name;
  std::vector<CloudValue> values;
};
/// Parses checks/clouds.yaml; throws YAML::Exception when it is malformed.
std::vector<CloudProfileText> ParseCloudProfiles(const std::string& yaml);
/// checks/clouds.yaml from the pack, or parsed from the embedded YAML (empty
/// if it is malformed, which the tests and build_pack rule out).
const std::vector<CloudProfileText>& BuiltinCloudProfiles();

/// The parts of a pack written by SerializePack.
struct PackContents {
  ModelSchema schema;
  std::vector<CloudProfileText> clouds;
  std::vector<Rule> rules;
};

/// The pack: the object model, the cloud profiles, then the rules as
/// LoadRules returns them.
std::string SerializePack(const ModelSchema& schema, const std::vector<CloudProfileText>& clouds,
                          const std::vector<Rule>& rules);
/// The parts of a pack to read (each is a length-prefixed section, so the
/// others are skipped).
enum PackPart : unsigned { kPackSchema = 1, kPackClouds = 2, kPackRules = 4, kPackAll = 7 };
/// Reads the `parts` of a pack; throws std::runtime_error when malformed.
PackContents DeserializePack(std::string_view pack, unsigned parts = kPackAll);

/// The built-in rules: the precompiled pack's, or LoadRules over the
/// embedded YAML when there is none (problems then go to `sink`).
std::vector<Rule> LoadBuiltinRules(DiagnosticSink& sink);

}  // namespace lint
