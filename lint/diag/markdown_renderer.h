#pragma once

#include <string>
#include <string_view>

#include "lint/diag/renderer.h"

namespace lint {

/// The report as GitHub-flavoured Markdown short enough for a pull-request
/// comment: a headline with the counts, the resolved free/busy paths, a
/// findings table (severity, rule, object, message, location; at most
/// kMarkdownMaxFindings rows, messages cut at kMarkdownMaxMessage code
/// points), the fixes in a collapsed block, what was not evaluated grouped
/// by reason, the waivers and the tool diagnostics. Every string from the
/// inputs is escaped: it can neither add markup, break the table nor
/// mention anyone.
std::string RenderMarkdown(const ReportInput& input);

/// Rows of the findings table before it says "and N more".
constexpr size_t kMarkdownMaxFindings = 50;
/// Code points of a message in the table before it is cut with "…".
constexpr size_t kMarkdownMaxMessage = 200;

/// `text` as plain Markdown inline text: Markdown punctuation is
/// backslash-escaped, < > & become entities, line breaks become spaces and
/// '|' is escaped so it cannot end a table cell.
std::string EscapeMarkdown(std::string_view text);

/// `text` as a Markdown code span that survives any backticks or pipes in it.
std::string MarkdownCode(std::string_view text);

}  // namespace lint
