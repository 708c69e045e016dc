#pragma once

// Batch mode (`hybridlint lint --each DIR`): many organizations in one run.
//
//   auto orgs = batch::DiscoverOrganizations("exports", fs);        // sorted subdirectories
//   batch::Progress progress(std::cerr, isatty(2), orgs->size());
//   std::vector<batch::OrgReport> reports = batch::RunEach(*orgs, jobs, lint_one, print_diagnostics, &progress);
//   std::string sarif = batch::RenderBatch("sarif", {"exports", now, version, reports});
//
// `lint_one` (lint/cli/lint_each.cc) reads one organization, runs the
// shared, read-only rules on it and keeps only what the reports need
// (AddFragments): its snapshot is freed before the worker takes the next
// organization, so at most `jobs` snapshots are in memory at once. Results
// are handed back in the organizations' order whatever the number of jobs,
// so every report is byte-identical for any --jobs.

#include <cstddef>
#include <expected>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lint/diag/junit_renderer.h"
#include "lint/diag/renderer.h"
#include "lint/source/file_system.h"

namespace lint::batch {

/// One organization: a subdirectory of the batch directory.
struct Organization {
  std::string name;  ///< the subdirectory's name ("contoso")
  std::string path;  ///< DIR/name as the user spelled DIR ("exports/contoso")
};

/// The immediate subdirectories of `dir` (symbolic links to directories
/// included), sorted by name in byte order; hidden ones (".git") are
/// skipped. An error when `dir` is missing, not a directory, unreadable or
/// has no subdirectory. A trailing '/' of `dir` is dropped from the paths.
std::expected<std::vector<Organization>, std::string> DiscoverOrganizations(const std::string& dir, FileSystem& fs);

/// What the combined reports keep of one organization: the fragments of
/// the requested formats and the counts, never the snapshot.
struct OrgReport {
  Organization org;
  bool ok = false;           ///< false: its input could not be read (broken)
  std::string diagnostics;   ///< what reading and linting it printed (stderr)
  std::vector<std::string> errors;  ///< broken: its input errors, one line each
  ReportCounts counts;
  size_t passed = 0;
  size_t not_evaluated = 0;
  bool gate_fail = false;    ///< its findings fail the gate (its own fail_on / max_warnings)
  std::string gate_reason;   ///< why, when gate_fail ("2 finding(s) at or above error")
  // Fragments, filled only for the formats asked for.
  std::string text;          ///< the single-organization text report
  std::string markdown;      ///< the single-organization Markdown report
  std::string html;          ///< its HTML sections (ids not yet prefixed)
  // JSON fragments are kept as text (two-space indent, no final newline):
  // a parsed document takes several times the memory of its text.
  std::string json;                  ///< the single-organization JSON report
  std::string sarif_run;             ///< its SARIF run (automationDetails.id = name), URIs relative to DIR
  JunitSuite junit;                  ///< its <testsuite>
};

/// Fills `report`'s counts and the fragments of `formats` (renderer names)
/// from one organization's run (`report.org` already set). `dir` is the
/// batch directory (SARIF URIs are made relative to it).
void AddFragments(const ReportInput& input, const std::vector<std::string>& formats, std::string_view dir,
                  OrgReport& report);

/// The input error lines of a broken organization's printed diagnostics:
/// the lines that state an error ("path:1:2: error[LINT-IMPORT]: ...",
/// "hybridlint: ..."), or every non-empty line when none does.
std::vector<std::string> ErrorLines(std::string_view diagnostics);

/// A progress bar redrawn in place on a terminal:
/// "\r[#####...............] 5/20 organizations, 1 broken". Draws nothing
/// when not enabled (stderr is not a terminal), so logs and goldens stay clean.
class Progress {
 public:
  Progress(std::ostream& out, bool enabled, size_t total) : out_(out), enabled_(enabled), total_(total) {}
  /// Redraws the bar after `done` organizations, `broken` of them broken.
  void Update(size_t done, size_t broken);
  /// Erases the bar (before other text is printed, and at the end).
  void Clear();

 private:
  std::ostream& out_;
  bool enabled_;
  size_t total_;
  size_t shown_ = 0;  ///< length of the line on screen, 0 when none
};

/// Runs `lint_one` on every organization on `jobs` threads (at least 1, at
/// most one per organization). `done` is called on the calling thread for
/// each report in the organizations' order, as soon as it and every one
/// before it are finished (the caller prints its diagnostics there). Never
/// stops early: a broken organization is a report like the others.
/// `lint_one` must be safe to call from several threads at once.
std::vector<OrgReport> RunEach(const std::vector<Organization>& orgs, size_t jobs,
                               const std::function<OrgReport(const Organization&)>& lint_one,
                               const std::function<void(const OrgReport&)>& done, Progress* progress);

/// Everything a combined report is made from.
struct BatchInput {
  std::string dir;           ///< the batch directory as given
  std::string now;           ///< YYYY-MM-DD
  std::string tool_version;
  const std::vector<OrgReport>& orgs;
};

/// Totals over every organization.
struct BatchTotals {
  size_t organizations = 0;
  size_t ok = 0;
  size_t broken = 0;
  size_t failing_gate = 0;
  ReportCounts counts;
  size_t passed = 0;
  size_t not_evaluated = 0;
};
BatchTotals Totals(const std::vector<OrgReport>& orgs);

/// The combined report in `format` (a renderer name: text, json, sarif,
/// junit, markdown, html), ending in a newline.
std::string RenderBatch(std::string_view format, const BatchInput& input);

/// The JSON schema version of the combined JSON report (schema/batch.schema.json).
constexpr int kBatchJsonVersion = 1;

}  // namespace lint::batch
