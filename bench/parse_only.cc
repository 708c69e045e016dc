// parse_only: the floor that `hybridlint lint` is measured against.
//
//   parse_only [--level raw|import] [--repeat N] PATH...
//
// Reads the same files `hybridlint lint PATH...` reads (directories searched
// recursively; hidden files, *.md and snapshot.yaml skipped) and parses them
// with the same libraries, but builds no snapshot, normalizes nothing and
// runs no rule:
//
//   raw     read + decode (lint::DecodeText, UTF-16 -> UTF-8) + the format's
//           library parse: pugixml's DOM with the CLIXML importer's flags,
//           nlohmann::json's SAX parser with a handler that only counts,
//           yaml-cpp's event parser with a handler that only counts. Format-
//           List and CSV have no library: hybridlint's own importer is their
//           parser. The format comes from the file extension (the benchmark
//           corpus names its files truthfully; detecting it is hybridlint's
//           work).
//   import  read + decode + hybridlint's importer for the detected format
//           (lint::DetectImporter, ImporterInfo::import): raw objects with
//           spans, the step before the snapshot is built.
//
// Prints one line (files, bytes, objects or events) so that no work can be
// optimized away. Exit 2 when a file cannot be read or parsed.

#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include "lint/import/importer.h"
#include "lint/source/encoding.h"
#include "lint/source/file_system.h"
#include "lint/source/source_file.h"

namespace {

struct CountingSax {
  size_t events = 0;
  bool null() { return ++events; }
  bool boolean(bool) { return ++events; }
  bool number_integer(nlohmann::json::number_integer_t) { return ++events; }
  bool number_unsigned(nlohmann::json::number_unsigned_t) { return ++events; }
  bool number_float(nlohmann::json::number_float_t, const std::string&) { return ++events; }
  bool string(std::string&) { return ++events; }
  bool binary(nlohmann::json::binary_t&) { return ++events; }
  bool start_object(std::size_t) { return ++events; }
  bool key(std::string&) { return ++events; }
  bool end_object() { return ++events; }
  bool start_array(std::size_t) { return ++events; }
  bool end_array() { return ++events; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }
};

class CountingYaml : public YAML::EventHandler {
 public:
  size_t events = 0;
  void OnDocumentStart(const YAML::Mark&) override { ++events; }
  void OnDocumentEnd() override { ++events; }
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override { ++events; }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnSequenceEnd() override { ++events; }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnMapEnd() override { ++events; }
};

size_t CountXmlNodes(pugi::xml_node node) {
  size_t n = 1;
  for (pugi::xml_node child : node.children()) n += CountXmlNodes(child);
  return n;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// The files `hybridlint lint` reads below `root` (snapshot_loader.cc's
// IsSkipped and IsManifest).
bool IsExport(const std::string& root, const std::string& path) {
  std::string rel = path.substr(std::min(path.size(), root.size()));
  size_t pos = 0;
  while (pos < rel.size()) {
    size_t next = rel.find('/', pos);
    if (next == std::string::npos) next = rel.size();
    if (next > pos && rel[pos] == '.') return false;
    pos = next + 1;
  }
  std::string base = Lower(path.substr(path.find_last_of('/') + 1));
  return !EndsWith(base, ".md") && base != "snapshot.yaml" && base != "snapshot.yml";
}

struct Totals {
  size_t files = 0;
  size_t bytes = 0;
  size_t units = 0;  // objects (import) or nodes/events (raw)
};

bool ParseRaw(const std::string& path, lint::DecodedText& decoded, Totals& totals) {
  const std::string& text = decoded.text;
  std::string ext = Lower(path.substr(path.find_last_of('.') + 1));
  if (ext == "xml") {
    pugi::xml_document doc;
    pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size(),
                                                    pugi::parse_default | pugi::parse_ws_pcdata_single,
                                                    pugi::encoding_utf8);
    if (!parsed) return false;
    totals.units += CountXmlNodes(doc);
    return true;
  }
  if (ext == "json") {
    CountingSax sax;
    bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &sax, nlohmann::json::input_format_t::json,
                                        /*strict=*/true, /*ignore_comments=*/false);
    totals.units += sax.events;
    return ok;
  }
  if (ext == "yaml" || ext == "yml") {
    CountingYaml handler;
    try {
      std::istringstream stream(text);
      YAML::Parser parser(stream);
      while (parser.HandleNextDocument(handler)) {
      }
    } catch (const std::exception&) {
      return false;
    }
    totals.units += handler.events;
    return true;
  }
  // Format-List (.txt) and CSV: hybridlint's importer is the parser.
  lint::SourceFile file(0, path, decoded.encoding, std::move(decoded.text));
  const lint::ImporterInfo* importer = nullptr;
  for (const lint::ImporterInfo& info : lint::AllImporters()) {
    if ((ext == "csv" && info.name == "csv") || (ext != "csv" && info.name == "format-list")) importer = &info;
  }
  auto result = importer->import(file, lint::ImportLimits{});
  if (!result) return false;
  totals.units += result->objects.size();
  return true;
}

bool ParseImport(const lint::SourceFile& file, Totals& totals) {
  const lint::ImporterInfo* importer = lint::DetectImporter(file);
  if (importer == nullptr) return false;
  auto result = importer->import(file, lint::ImportLimits{});
  if (!result) return false;
  totals.units += result->objects.size();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string level = "raw";
  int repeat = 1;
  std::vector<std::string> roots;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--level" && i + 1 < argc) {
      level = argv[++i];
    } else if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "parse_only: unknown option '%s'\nusage: parse_only [--level raw|import] [--repeat N] PATH...\n",
                   argv[i]);
      return 2;
    } else {
      roots.emplace_back(arg);
    }
  }
  if (roots.empty() || (level != "raw" && level != "import") || repeat < 1) {
    std::fprintf(stderr, "usage: parse_only [--level raw|import] [--repeat N] PATH...\n");
    return 2;
  }

  lint::RealFileSystem fs;
  std::vector<std::string> paths;
  for (const std::string& root : roots) {
    if (!fs.IsDirectory(root)) {
      paths.push_back(root);
      continue;
    }
    auto listed = fs.ListFilesRecursive(root);
    if (!listed) {
      std::fprintf(stderr, "parse_only: %s: %s\n", root.c_str(), listed.error().c_str());
      return 2;
    }
    for (const std::string& f : *listed) {
      if (IsExport(root, f)) paths.push_back(f);
    }
  }

  Totals totals;
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& path : paths) {
      auto raw = fs.ReadFile(path, size_t{256} << 20);
      if (!raw) {
        std::fprintf(stderr, "parse_only: %s: %s\n", path.c_str(), raw.error().c_str());
        return 2;
      }
      auto decoded = lint::DecodeText(*raw);
      if (!decoded) {
        std::fprintf(stderr, "parse_only: %s: %s\n", path.c_str(), decoded.error().message.c_str());
        return 2;
      }
      bool ok = false;
      if (level == "raw") {
        ok = ParseRaw(path, *decoded, totals);
      } else {
        lint::SourceFile file(0, path, decoded->encoding, std::move(decoded->text));
        ok = ParseImport(file, totals);
      }
      if (!ok) {
        std::fprintf(stderr, "parse_only: %s: could not be parsed\n", path.c_str());
        return 2;
      }
      ++totals.files;
      totals.bytes += raw->size();
    }
  }
  std::printf("%s: %zu file(s), %zu byte(s), %zu %s\n", level.c_str(), totals.files, totals.bytes, totals.units,
              level == "raw" ? "node(s)/event(s)/object(s)" : "object(s)");
  return 0;
}
