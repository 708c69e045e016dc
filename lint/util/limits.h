#pragma once

// The limits that keep hostile or broken input from exhausting the
// machine: each is an input error (exit 2) with the limit and the flag that
// raises it, never a crash, a hang or a silent cut.
//
//   hybridlint lint exports/ --max-file-size 1GiB --max-objects 500000
//   # .hybridlint.yaml
//   limits: {max_file_size: 1GiB, max_depth: 512}

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace lint {

/// Every limit with its default. The defaults are far above real exports
/// (the largest real export we have seen is a few MiB, 10 levels deep).
struct Limits {
  size_t max_file_bytes = size_t{256} << 20;   ///< --max-file-size: bytes per input file
  size_t max_depth = 256;                      ///< --max-depth: nesting of XML elements, JSON and YAML values
  size_t max_objects = 100000;                 ///< --max-objects: objects per export file
  size_t max_string_bytes = size_t{16} << 20;  ///< --max-string-size: bytes of one value
  size_t max_rules = 10000;                    ///< --max-rules: rule files under --rules directories
};

/// Limits a command line or config file set; unset members keep the value
/// underneath.
struct LimitOverrides {
  std::optional<size_t> max_file_bytes, max_depth, max_objects, max_string_bytes, max_rules;

  Limits Apply(Limits base) const;
};

/// The deepest --max-depth accepted: the importers and the object model
/// recurse once per level, so more would risk the stack, not the limit.
inline constexpr size_t kMaxSupportedDepth = 1000;

/// yaml-cpp's own recursion guard (Debian 12's yaml-cpp 0.7 stops after
/// 500 nested collections and throws YAML::DeepRecursion, whose message is
/// a misleading "bad file"). Every YAML file is bounded by it.
inline constexpr size_t kYamlReaderMaxDepth = 500;

/// "512MiB", "1GiB", "64KiB", "16MB" (decimal), "1048576" (bytes). At
/// least 1, at most 2^62. The error says what was expected.
std::expected<size_t, std::string> ParseByteSize(std::string_view text);

/// A whole number from 1 to `max` ("256"). The error says what was expected.
std::expected<size_t, std::string> ParseCount(std::string_view text, size_t max);

/// "256 MiB", "16 MiB", "1536 KiB", "1000 bytes": exact, in the largest
/// binary unit that divides it.
std::string ByteSizeText(size_t bytes);

/// The same as ParseByteSize reads it back: "256MiB", "1000".
std::string ByteSizeValue(size_t bytes);

/// The one shape of every limit message:
///   "<what>; the limit is <limit> (raise it with --<flag>)"
std::string LimitMessage(const std::string& what, const std::string& limit, std::string_view flag);

/// The messages every importer gives (`detail` goes after the what):
///   "values nest more than 256 levels deep; the limit is 256 (raise it with --max-depth)"
///   "more than 100000 objects in one file; the limit is 100000 (raise it with --max-objects)"
///   "a string of more than 16777216 bytes; the limit is 16 MiB (raise it with --max-string-size)"
///   "file is 300000000 bytes; the limit is 256 MiB (raise it with --max-file-size)"
std::string DepthLimitMessage(size_t limit, const std::string& detail = "");
std::string ObjectLimitMessage(size_t limit);
std::string StringLimitMessage(size_t limit);
std::string FileSizeLimitMessage(size_t size, size_t limit);

}  // namespace lint
