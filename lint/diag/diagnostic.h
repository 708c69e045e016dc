#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lint/source/source_span.h"

namespace lint {

enum class Severity { kInfo, kWarning, kError };

/// "error", "warning", "info".
const char* SeverityName(Severity severity);

/// A secondary location: "the on-premises account namespace is here".
struct Note {
  std::string message;
  SourceSpan span;  ///< may be invalid (no location)
};

/// A problem in an input: an export, a rule file, a config file. Tool
/// problems use codes such as LINT-IMPORT, LINT-RULE, LINT-CONFIG.
struct Diagnostic {
  std::string code;
  Severity severity = Severity::kError;
  std::string message;  ///< one line, lower-case start, no final period
  SourceSpan span;      ///< invalid: the input as a whole (see `path`)
  std::string path;     ///< used when there is no span (file never decoded)
  std::vector<Note> notes;
  std::string help;
};

/// Collects diagnostics; never prints.
class DiagnosticSink {
 public:
  void Add(Diagnostic d) { diagnostics_.push_back(std::move(d)); }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  bool has_errors() const {
    for (const auto& d : diagnostics_) {
      if (d.severity == Severity::kError) return true;
    }
    return false;
  }
  void Clear() { diagnostics_.clear(); }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace lint
