#pragma once

#include <string>
#include <vector>

#include "lint/source/file_system.h"

namespace lint::testing {

/// The real file system for reads, with every write recorded (and, when
/// `block_writes` is set, refused) so tests can prove what the tool writes.
class RecordingFileSystem final : public FileSystem {
 public:
  std::expected<std::string, std::string> ReadFile(const std::string& path, size_t max_bytes) override {
    reads.push_back(path);
    return real_.ReadFile(path, max_bytes);
  }
  bool IsDirectory(const std::string& path) override { return real_.IsDirectory(path); }
  bool Exists(const std::string& path) override { return real_.Exists(path); }
  std::expected<std::vector<std::string>, std::string> ListFilesRecursive(const std::string& dir) override {
    return real_.ListFilesRecursive(dir);
  }
  std::expected<void, std::string> WriteFileAtomic(const std::string& path, std::string_view contents) override {
    writes.push_back(path);
    if (block_writes) return std::unexpected(std::string("writes are blocked in this test"));
    return real_.WriteFileAtomic(path, contents);
  }

  std::vector<std::string> reads;
  std::vector<std::string> writes;
  bool block_writes = false;

 private:
  RealFileSystem real_;
};

}  // namespace lint::testing
