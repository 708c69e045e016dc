#pragma once

#include <ostream>
#include <span>
#include <string_view>

#include "lint/source/file_system.h"

namespace lint::cli {

/// Runs one hybridlint command line (`args` excludes the program name) and
/// returns the exit code: 0 no finding at or above --fail-on, 1 such
/// findings, 2 usage error or unreadable input / rule / config.
/// `now` (YYYY-MM-DD) is today's date unless --now overrides it.
int Run(std::span<const std::string_view> args, FileSystem& fs, std::ostream& out,
        std::ostream& err, std::string_view today);

}  // namespace lint::cli
