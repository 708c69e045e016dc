#include "lint/source/file_system.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

#include "lint/util/limits.h"

namespace lint {

namespace fs = std::filesystem;

std::expected<std::string, std::string> RealFileSystem::ReadFile(const std::string& path,
                                                                  size_t max_bytes) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return std::unexpected(std::string("is a directory"));
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(std::string(std::strerror(errno)));
  in.seekg(0, std::ios::end);
  auto size = static_cast<std::streamoff>(in.tellg());
  if (size < 0) return std::unexpected(std::string("cannot determine the file size"));
  if (static_cast<size_t>(size) > max_bytes) {
    return std::unexpected(FileSizeLimitMessage(static_cast<size_t>(size), max_bytes));
  }
  in.seekg(0);
  std::string data(static_cast<size_t>(size), '\0');
  in.read(data.data(), size);
  if (!in) return std::unexpected(std::string("read error"));
  return data;
}

bool RealFileSystem::IsDirectory(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

std::expected<std::vector<std::string>, std::string> RealFileSystem::ListSubdirectories(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code entry_ec;
    if (it->is_directory(entry_ec)) names.push_back(it->path().filename().string());
  }
  if (ec) return std::unexpected("cannot read the directory '" + dir + "': " + ec.message());
  return names;
}

bool RealFileSystem::Exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

std::expected<std::vector<std::string>, std::string> RealFileSystem::ListFilesRecursive(
    const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return std::unexpected(ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return std::unexpected(ec.message());
    if (it->is_regular_file(ec)) {
      std::string rel = fs::relative(it->path(), dir, ec).generic_string();
      std::string base = dir;
      while (base.size() > 1 && base.back() == '/') base.pop_back();
      out.push_back(base + "/" + rel);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::expected<void, std::string> RealFileSystem::WriteFileAtomic(const std::string& path,
                                                                 std::string_view contents) {
  fs::path target(path);
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::random_device rd;
  std::string tmp = (dir / ("." + target.filename().string() + ".tmp-" + std::to_string(rd()))).string();
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return std::unexpected("cannot write '" + path + "': " + std::strerror(errno));
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return std::unexpected("cannot write '" + path + "': write failed");
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string why = std::strerror(errno);
    std::remove(tmp.c_str());
    return std::unexpected("cannot write '" + path + "': " + why);
  }
  return {};
}

}  // namespace lint
