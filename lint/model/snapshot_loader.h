#pragma once

#include <string>
#include <vector>

#include "lint/diag/diagnostic.h"
#include "lint/import/importer.h"
#include "lint/model/snapshot.h"
#include "lint/source/file_system.h"
#include "lint/util/limits.h"

namespace lint {

/// Limits and switches for reading a snapshot.
struct LoadOptions {
  size_t max_file_bytes = Limits{}.max_file_bytes;  ///< a larger file is an input error
  ImportLimits import_limits;
};

/// The options that enforce `limits`.
LoadOptions LoadOptionsFor(const Limits& limits);

/// Reads every file of a snapshot (directories are searched recursively;
/// hidden files, *.md and snapshot.yaml manifests are not exports), decodes
/// and imports each with the detected format, and builds the normalized
/// objects: kind, side, identity, typed properties, warnings.
///
/// Unreadable or unparseable files become LINT-IMPORT errors in `sink`
/// (the caller exits 2); the other files are still read so that one run
/// reports every broken file. Nothing is ever written.
Snapshot LoadSnapshot(const std::vector<std::string>& paths, FileSystem& fs,
                      const LoadOptions& options, DiagnosticSink& sink);

/// Builds one object from a raw imported object (exposed for tests).
/// `input_side` is the side decided for the file (manifest or path).
Object BuildObject(const RawObject& raw, const InputFile& input, size_t input_index,
                   Side input_side, std::vector<InputWarning>& warnings);

}  // namespace lint
