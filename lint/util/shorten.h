#pragma once

#include <string>
#include <string_view>

namespace lint {

/// `text` for a message: at most about 60 bytes, cut at a UTF-8 boundary
/// and marked with "..." when cut.
std::string ShortenForMessage(std::string_view text);

}  // namespace lint
