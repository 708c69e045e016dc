#pragma once

#include <span>
#include <string>
#include <string_view>

namespace lint {

/// Levenshtein distance, ASCII case-insensitive.
size_t EditDistance(std::string_view a, std::string_view b);

/// The candidate closest to `word` within distance 3 (ninja's
/// SpellcheckString), or empty.
std::string ClosestMatch(std::string_view word, std::span<const std::string> candidates);

/// " (did you mean 'x'?)" or "".
std::string DidYouMean(std::string_view word, std::span<const std::string> candidates);

}  // namespace lint
