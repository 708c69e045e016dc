#include "tests/golden.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

namespace lint::testing {

std::filesystem::path SourceDir() { return HYBRIDLINT_SOURCE_DIR; }

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool UpdatingGoldens() {
  const char* v = std::getenv("HYBRIDLINT_UPDATE_GOLDENS");
  return v != nullptr && std::string_view(v) == "1";
}

void CheckGolden(const std::filesystem::path& expected_path, std::string_view actual) {
  if (UpdatingGoldens()) {
    std::ofstream out(expected_path, std::ios::binary | std::ios::trunc);
    out << actual;
    return;
  }
  INFO("golden file: " << expected_path.string() << " (regenerate with HYBRIDLINT_UPDATE_GOLDENS=1)");
  REQUIRE_MESSAGE(std::filesystem::exists(expected_path), "missing golden " << expected_path.string());
  std::string expected = ReadFile(expected_path);
  CHECK(expected == std::string(actual));
}

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  if (from.empty()) return text;
  size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

}  // namespace lint::testing
