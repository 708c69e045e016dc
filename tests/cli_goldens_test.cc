// fixtures/cli/<case>/args (one argument per line) -> stdout, stderr,
// status: the whole user-visible behaviour of a command line, in process.
#include <algorithm>
#include <filesystem>
#include <sstream>

#include <doctest/doctest.h>

#include "lint/cli/cli.h"
#include "tests/golden.h"

namespace lint {

namespace fs = std::filesystem;

TEST_CASE("CliGoldens: every command-line case matches its stdout, stderr and status") {
  fs::path root = testing::SourceDir();
  fs::current_path(root);
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(root / "fixtures" / "cli")) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  CHECK(!cases.empty());
  for (const fs::path& dir : cases) {
    INFO("cli case " << dir.filename().string());
    std::string args_text = testing::ReadFile(dir / "args");
    std::vector<std::string> args;
    std::stringstream ss(args_text);
    std::string line;
    while (std::getline(ss, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) args.push_back(line);
    }
    std::vector<std::string_view> views(args.begin(), args.end());
    std::ostringstream out, err;
    RealFileSystem real;
    int status = cli::Run(views, real, out, err, "2026-11-22");
    testing::CheckGolden(dir / "stdout", out.str());
    testing::CheckGolden(dir / "stderr", err.str());
    testing::CheckGolden(dir / "status", std::to_string(status) + "\n");
  }
}

}  // namespace lint
