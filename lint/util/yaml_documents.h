#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/node/node.h>

namespace lint {

/// YAML::LoadAll without its endless loop: yaml-cpp 0.7 (Debian 12) never
/// returns, and allocates until the machine runs out of memory, when a
/// stray `,` stands where a document's value is expected (for example a
/// file holding just `,`; jbeder/yaml-cpp#1040, found by fuzz/). This runs
/// yaml-cpp's event parser first and, when a document would start where
/// the previous one started (nothing was consumed), throws
/// YAML::ParserException at that character; otherwise it returns what
/// YAML::LoadAll returns. Throws whatever YAML::LoadAll throws: callers
/// keep catching YAML::Exception.
std::vector<YAML::Node> LoadAllYamlDocuments(const std::string& text);

}  // namespace lint
