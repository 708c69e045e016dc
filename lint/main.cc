// hybridlint: wires the real file system and streams into cli::Run.
#include <ctime>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "lint/cli/cli.h"
#include "lint/source/file_system.h"

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  std::time_t now = std::time(nullptr);
  char today[16];
  std::strftime(today, sizeof today, "%Y-%m-%d", std::gmtime(&now));
  lint::RealFileSystem fs;
  return lint::cli::Run(args, fs, std::cout, std::cerr, today);
}
