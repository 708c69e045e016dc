#pragma once

#include <string>
#include <string_view>

#include "lint/diag/renderer.h"

namespace lint {

/// The report as JUnit XML, in the shape Azure DevOps' PublishTestResults
/// (testResultsFormat JUnit), GitLab and Jenkins read: a <testsuites> root
/// holding one <testsuite> for the snapshot, with one <testcase> per rule ×
/// object, sorted by rule id, side, kind and object:
///   - classname "ORG003.cloud-target-application-uri" (rule id and name),
///     name "cloud/OrganizationRelationship/O365 to On-premises - 3f2a"
///     (side/kind/object; side-level checks have no kind or object);
///   - passed: a check of passed_checks (an empty <testcase/>);
///   - failed: an active finding, <failure type="error|warning|info">
///     with the message as its `message` and location, object, expected,
///     actual, notes and the fix in its text;
///   - skipped: a waived or baselined finding (<skipped> with the waiver's
///     reason, owner and expiry; the finding in <system-out>), or a check
///     that was not evaluated (<skipped> with the reason);
///   - tool diagnostics (an expired or unused waiver) are test cases of
///     classname = their code: severity error is an <error>, warning a
///     <failure>, info a passed case with the notice in <system-out>.
/// The tests/failures/errors/skipped counts of both elements match the
/// test cases; time is always "0" (the output is deterministic). Strings
/// from the inputs are escaped; characters XML 1.0 forbids become U+FFFD.
std::string RenderJunit(const ReportInput& input);

/// One <testsuite> element of RenderJunit (indented by two spaces, ending
/// in a newline) and its counts, for reports that hold several snapshots
/// (`lint --each`).
struct JunitSuite {
  std::string xml;
  size_t tests = 0;
  size_t failures = 0;
  size_t errors = 0;
  size_t skipped = 0;
};
/// `name` replaces the suite's name (the snapshot's) when not empty.
JunitSuite RenderJunitSuite(const ReportInput& input, std::string_view name);

/// The XML declaration and the opening <testsuites> tag with these counts.
std::string JunitSuitesOpen(std::string_view name, size_t tests, size_t failures, size_t errors, size_t skipped);

}  // namespace lint
