#pragma once

// The error catalog of `hybridlint diagnose`: one YAML file per documented
// free/busy failure under checks/errors/<name>.yaml (schema:
// schema/error.schema.json). Each entry holds the message users see as RE2
// signatures, the direction of the failing lookup, the causes the source
// gives with the rules that test them, and the steps no export can check.
//
//   DiagnosticSink sink;
//   std::vector<CatalogEntry> catalog =
//       LoadCatalog(BuiltinCatalogSources(), rule_ids, sink);
//   if (sink.has_errors()) ...  // LINT-CATALOG diagnostics with file:line:col
//
// To add an entry: write checks/errors/<name>.yaml with the next free id
// (FB037, ...) and at least two realistic variants of its message as
// fixtures/diagnose/messages/<name>/*.txt, then run the tests: every
// variant must match that entry and no other.

#include <expected>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "lint/diag/diagnostic.h"

namespace lint {

/// The free/busy direction a failure concerns, seen from the user who asks.
enum class ErrorDirection { kUnknown, kOnPremToCloud, kCloudToOnPrem, kBoth };

/// "unknown", "onprem_to_cloud", "cloud_to_onprem", "both".
const char* ErrorDirectionName(ErrorDirection direction);

/// One RE2 signature of a message. The pattern as written may use macros
/// ({smtp}, {host}, {gap}, ...) and a space means "any whitespace or none";
/// `regex` is the expanded, case-insensitive pattern, compiled once.
struct Signature {
  std::string pattern;               ///< as written in the YAML file
  int weight = 10;                   ///< added to the score when it matches
  std::shared_ptr<const RE2> regex;  ///< never null in a loaded entry
  std::string location;              ///< "checks/errors/x.yaml:12:5"
};

/// A word or phrase that, near the message, makes the entry more likely.
/// Keywords add 1 each to the score but never make an entry match alone.
struct Keyword {
  std::string text;
  std::shared_ptr<const RE2> regex;  ///< the literal, case-insensitive, whitespace-tolerant
};

/// One cause the source gives for the failure.
struct Cause {
  std::string text;
  std::vector<std::string> rules;  ///< rule ids whose findings confirm it (empty when !checkable)
  bool checkable = true;           ///< false: no export can show it (firewall, DNS, passwords, IIS ...)
  std::string why;                 ///< why it cannot be checked (when !checkable)
};

/// One documented error message.
struct CatalogEntry {
  std::string id;        ///< "FB001", stable forever
  std::string name;      ///< the file stem, "verifying-security-for-the-message"
  std::string file;      ///< "checks/errors/verifying-security-for-the-message.yaml"
  std::string section;   ///< the heading of the source section, verbatim
  std::string source;    ///< "seed 000" (free/busy error guide) or "seed 003" (TLS 1.2)
  std::vector<int> lids; ///< the LIDs the section lists
  ErrorDirection direction = ErrorDirection::kUnknown;
  std::string issue;     ///< who cannot see whose free/busy, as the source puts it
  std::string message;   ///< the message as the source quotes it
  std::vector<Signature> signatures;
  std::vector<Keyword> keywords;
  std::vector<Cause> causes;
  std::vector<std::string> manual_steps;  ///< steps no export can check

  /// Every rule id the causes link to, in first-mention order, no repeats.
  std::vector<std::string> LinkedRules() const;
};

/// One catalog file's text.
struct CatalogSource {
  std::string path;  ///< "checks/errors/x.yaml"
  std::string contents;
};

/// The catalog files embedded in the binary (checks/errors/*.yaml).
std::vector<CatalogSource> BuiltinCatalogSources();

/// Parses and validates catalog files: YAML syntax, unknown keys (with a
/// did-you-mean), ids (FB and three digits, unique), unique sections,
/// kebab-case file stems, directions, signatures (macros, RE2 syntax, never
/// matching the empty text), causes (rule ids must be in `rule_ids`, with
/// a did-you-mean; an uncheckable cause needs `why`). Every problem is a
/// LINT-CATALOG error in `sink` with file:line:col; broken entries are left
/// out. The result is sorted by id.
std::vector<CatalogEntry> LoadCatalog(const std::vector<CatalogSource>& sources,
                                      std::span<const std::string> rule_ids, DiagnosticSink& sink);

/// The keys an entry may have (schema/error.schema.json lists the same; a
/// test keeps them equal).
const std::vector<std::string>& CatalogEntryKeys();
/// The keys of one `causes` item.
const std::vector<std::string>& CatalogCauseKeys();
/// The keys of one `signatures` item written as a mapping.
const std::vector<std::string>& CatalogSignatureKeys();

/// The macro names a signature may use, such as "smtp" for {smtp}.
const std::vector<std::string>& SignatureMacros();

/// Turns a signature as written into the RE2 pattern that is compiled:
/// macros expanded, each literal space (outside a character class) made
/// `\s*`. Fails with a message for an unknown macro.
std::expected<std::string, std::string> ExpandSignature(std::string_view pattern);

}  // namespace lint
