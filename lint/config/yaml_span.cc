#include "lint/config/yaml_span.h"

#include <algorithm>
#include <string>

namespace lint {

SourceSpan YamlMarkSpan(const SourceFile& file, const YAML::Mark& mark, size_t length) {
  if (mark.is_null() || mark.pos < 0) return file.Span(0, 0);
  const std::string& text = file.text();
  size_t begin = std::min(static_cast<size_t>(mark.pos), text.size());
  size_t line_end = text.find_first_of("\r\n", begin);
  if (line_end == std::string::npos) line_end = text.size();
  // yaml-cpp can mark the end of the text ("end of sequence flow not
  // found" in `[`): the span is then empty, never past the end (found by
  // fuzz/: fixtures/fuzz-regressions/waivers/unclosed-flow-list.yaml).
  size_t end = std::min(begin + std::max<size_t>(length, 1), std::max(line_end, begin + 1));
  return file.Span(begin, std::min(end, text.size()));
}

SourceSpan YamlNodeSpan(const SourceFile& file, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.pos < 0) return file.Span(0, 0);
  const std::string& text = file.text();
  size_t begin = std::min(static_cast<size_t>(mark.pos), text.size());
  if (node.IsScalar() && begin < text.size()) {
    char q = text[begin];
    if (q == '"' || q == '\'') {
      size_t i = begin + 1;
      while (i < text.size() && text[i] != q && text[i] != '\n') i += (q == '"' && text[i] == '\\') ? 2 : 1;
      return YamlMarkSpan(file, mark, std::min(i + 1, text.size()) - begin);
    }
    return YamlMarkSpan(file, mark, node.Scalar().size());
  }
  size_t line_end = text.find_first_of("\r\n", begin);
  if (line_end == std::string::npos) line_end = text.size();
  while (line_end > begin + 1 && text[line_end - 1] == ' ') --line_end;
  return YamlMarkSpan(file, mark, line_end - begin);
}

}  // namespace lint
