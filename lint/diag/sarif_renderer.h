#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lint/diag/renderer.h"

namespace lint {

/// The report as SARIF 2.1.0: one run whose tool.driver lists every rule
/// that ran (descriptions and help from the rule's docs), one result per
/// finding, and the invocation's notifications for what was not evaluated,
/// input warnings and tool diagnostics. Built to pass the official SARIF
/// 2.1.0 JSON Schema (schema/vendor/) and GitHub code scanning's upload
/// rules:
///   - every result has a location whose region starts at line >= 1; a
///     finding without a span points at line 1 of the first input of its
///     side (else of the snapshot);
///   - lines and columns are 1-based, columns count Unicode code points
///     (run.columnKind "unicodeCodePoints"), endColumn is exclusive;
///   - artifact URIs are relative with forward slashes and uriBaseId
///     %SRCROOT% (absolute paths become file:// URIs);
///   - partialFingerprints["hybridlint/v1"] is the finding's stable
///     fingerprint (rule + side + kind + object + property);
///   - a waived or baselined finding carries suppressions[] of kind
///     "external" with the waiver's reason as justification.
std::string RenderSarif(const ReportInput& input);

/// The one run of RenderSarif, for logs that hold several snapshots (`lint
/// --each`). Artifact URIs are made relative to `uri_root` when a path lies
/// under it ("" keeps the paths as given).
nlohmann::ordered_json SarifRun(const ReportInput& input, std::string_view uri_root);

/// A SARIF 2.1.0 log ($schema, version) holding `runs`.
nlohmann::ordered_json SarifLog(nlohmann::ordered_json runs);

/// A display path as a SARIF artifact URI: relative paths keep their
/// segments with '/' separators ("./" dropped), absolute ones become
/// file:// URIs; bytes outside RFC 3986's unreserved and sub-delimiter
/// sets are percent-encoded ("Zoë" -> "Zo%C3%AB").
std::string SarifUri(std::string_view path);

/// The first sentence of `text` (up to and including the first ". "
/// followed by an upper-case letter, or the whole trimmed text).
std::string FirstSentence(std::string_view text);

}  // namespace lint
