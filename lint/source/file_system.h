#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace lint {

/// The only way the library reaches the file system. Abstract so tests can
/// use an in-memory fake (tests/fake_file_system.h).
class FileSystem {
 public:
  virtual ~FileSystem() = default;

  /// Reads a whole file. Fails with a one-line reason ("No such file or
  /// directory", or for a file larger than `max_bytes` lint/util/limits.h's
  /// FileSizeLimitMessage: "file is N bytes; the limit is 256 MiB (raise it
  /// with --max-file-size)").
  virtual std::expected<std::string, std::string> ReadFile(const std::string& path,
                                                            size_t max_bytes) = 0;
  /// True when `path` names a directory.
  virtual bool IsDirectory(const std::string& path) = 0;
  /// True when `path` exists (file or directory).
  virtual bool Exists(const std::string& path) = 0;
  /// Every regular file below `dir`, recursively, sorted by path; paths are
  /// `dir` joined with the relative path using '/'.
  virtual std::expected<std::vector<std::string>, std::string> ListFilesRecursive(
      const std::string& dir) = 0;
  /// The names (not paths) of the directories directly in `dir`, symbolic
  /// links to directories included, in no particular order. Fails with a
  /// one-line reason. Fakes that need no batch mode may keep this default,
  /// which fails.
  virtual std::expected<std::vector<std::string>, std::string> ListSubdirectories(const std::string& dir) {
    return std::unexpected("cannot list the directories in '" + dir + "'");
  }
  /// Writes `contents` to `path` whole or not at all: a temporary file in the
  /// same directory, then rename. On failure nothing is left behind.
  virtual std::expected<void, std::string> WriteFileAtomic(const std::string& path,
                                                           std::string_view contents) = 0;
};

/// The real file system.
class RealFileSystem final : public FileSystem {
 public:
  std::expected<std::string, std::string> ReadFile(const std::string& path,
                                                    size_t max_bytes) override;
  bool IsDirectory(const std::string& path) override;
  bool Exists(const std::string& path) override;
  std::expected<std::vector<std::string>, std::string> ListFilesRecursive(
      const std::string& dir) override;
  std::expected<std::vector<std::string>, std::string> ListSubdirectories(const std::string& dir) override;
  std::expected<void, std::string> WriteFileAtomic(const std::string& path,
                                                   std::string_view contents) override;
};

}  // namespace lint
