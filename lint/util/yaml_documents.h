#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <yaml-cpp/node/node.h>

namespace lint {

/// How deep a rule, waiver, config, baseline or snapshot.yaml file may nest:
/// far above what they need (a rule's 32 levels of nested conditions take
/// about 65), far below yaml-cpp's own guard (500).
inline constexpr size_t kSettingsFileMaxDepth = 128;

/// YAML::LoadAll without its endless loop: yaml-cpp 0.7 (Debian 12) never
/// returns, and allocates until the machine runs out of memory, when a
/// stray `,` stands where a document's value is expected (for example a
/// file holding just `,`; jbeder/yaml-cpp#1040, found by fuzz/). This runs
/// yaml-cpp's event parser first and, when a document would start where
/// the previous one started (nothing was consumed), throws
/// YAML::ParserException at that character; otherwise it returns what
/// YAML::LoadAll returns. Throws whatever YAML::LoadAll throws: callers
/// keep catching YAML::Exception.
///
/// It also bounds nesting: a collection opened more than `max_depth`
/// levels deep throws YAML::ParserException at its first character
/// ("values nest more than 128 levels deep; the limit for this file is 128"),
/// before yaml-cpp's own recursion guard (which says "bad file") or the
/// stack is reached. Rule, waiver, config and baseline files are a few
/// levels deep.
std::vector<YAML::Node> LoadAllYamlDocuments(const std::string& text, size_t max_depth = kSettingsFileMaxDepth);

}  // namespace lint
