// The combined reports of `hybridlint lint --each DIR`: one per format,
// made of the single-organization renderers' pieces (AddFragments).
#include <deque>
#include <string>

#include "lint/batch/batch.h"
#include "lint/diag/html_renderer.h"
#include "lint/diag/junit_renderer.h"
#include "lint/diag/markdown_renderer.h"
#include "lint/diag/render.h"
#include "lint/diag/sarif_renderer.h"

namespace lint::batch {

namespace {

using Json = nlohmann::ordered_json;

std::string N(size_t n) { return std::to_string(n); }

// "ok", "fails the gate" or "could not be read".
std::string StatusWords(const OrgReport& r) {
  if (!r.ok) return "could not be read";
  return r.gate_fail ? "fails the gate" : "ok";
}

std::string CountsText(const ReportCounts& c) {
  std::string out = N(c.error) + " error(s), " + N(c.warning) + " warning(s), " + N(c.info) + " info";
  if (c.waived > 0) out += ", " + N(c.waived) + " waived";
  if (c.baselined > 0) out += ", " + N(c.baselined) + " baselined";
  return out;
}

std::string Headline(const BatchTotals& t) {
  std::string out = N(t.organizations) + " organization(s): " + N(t.ok) + " linted";
  if (t.broken > 0) out += ", " + N(t.broken) + " could not be read";
  out += "; " + N(t.failing_gate) + " fail the gate";
  return out;
}

std::string RenderBatchText(const BatchInput& in) {
  std::string out;
  for (const OrgReport& r : in.orgs) {
    out += "== " + r.org.name + " (" + r.org.path + "): " + StatusWords(r) + " ==\n";
    if (r.ok) {
      out += r.text;
    } else {
      for (const std::string& e : r.errors) out += e + "\n";
    }
    out += "\n";
  }
  BatchTotals t = Totals(in.orgs);
  out += "totals: " + Headline(t) + "\n";
  size_t width = 0;
  for (const OrgReport& r : in.orgs) width = std::max(width, r.org.name.size());
  for (const OrgReport& r : in.orgs) {
    out += "  " + r.org.name + std::string(width - r.org.name.size() + 2, ' ');
    if (r.ok) {
      out += CountsText(r.counts) + (r.gate_fail ? " (fails the gate" + (r.gate_reason.empty() ? "" : ": " + r.gate_reason) + ")" : "");
    } else {
      out += "could not be read (" + N(r.errors.size()) + " input error(s))";
    }
    out += "\n";
  }
  out += CountsText(t.counts) + "; " + N(t.passed) + " check(s) passed, " + N(t.not_evaluated) + " not evaluated\n";
  return out;
}

// `text` (lines of a JSON document dumped with a two-space indent) moved
// right by `indent` spaces, except its first line (it follows a key).
// JSON strings never hold a raw line break, so every '\n' is a line.
void AppendReindented(std::string& out, std::string_view text, size_t indent) {
  std::string pad(indent, ' ');
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size() - 1;
    out.append(text.substr(start, end - start + 1));
    if (text[end] == '\n') out += pad;
    start = end + 1;
  }
}

std::string Reindent(std::string_view text, size_t indent) {
  std::string out;
  AppendReindented(out, text, indent);
  return out;
}

std::string Dumped(const Json& j) {
  std::string text = DumpReportJson(j);
  text.pop_back();  // its newline
  return text;
}

// The document `head` with an array member `key` appended whose items are
// the dumped `items` (each already an indented JSON value), then `tail`'s
// members: the same text DumpReportJson gives for the whole document,
// without holding every item parsed at once.
std::string SpliceArray(const Json& head, std::string_view key, const std::vector<std::string_view>& items,
                        const Json& tail) {
  size_t size = 0;
  for (std::string_view item : items) size += item.size() + item.size() / 4;
  std::string out;
  out.reserve(size + 4096);
  out = Dumped(head);
  out.pop_back();  // the closing brace
  while (!out.empty() && out.back() == '\n') out.pop_back();
  out += ",\n  " + Dumped(Json(std::string(key))) + ": [";
  for (size_t i = 0; i < items.size(); ++i) {
    out += i ? ",\n    " : "\n    ";
    AppendReindented(out, items[i], 4);
  }
  out += items.empty() ? "]" : "\n  ]";
  for (const auto& member : tail.items()) {
    out += ",\n  " + Dumped(Json(member.key())) + ": " + Reindent(Dumped(member.value()), 2);
  }
  return out + "\n}\n";
}

std::string RenderBatchJson(const BatchInput& in) {
  BatchTotals t = Totals(in.orgs);
  Json head;
  head["tool"] = {{"name", "hybridlint"}, {"version", in.tool_version}};
  head["schema_version"] = kBatchJsonVersion;
  head["now"] = in.now;
  head["directory"] = in.dir;
  std::vector<std::string> orgs;
  orgs.reserve(in.orgs.size());
  for (const OrgReport& r : in.orgs) {
    Json o;
    o["name"] = r.org.name;
    o["path"] = r.org.path;
    o["status"] = r.ok ? "ok" : "error";
    if (!r.ok) {
      o["errors"] = r.errors;
      orgs.push_back(Dumped(o));
      continue;
    }
    o["gate"] = {{"fail", r.gate_fail}, {"reason", r.gate_reason}};
    // "report" last: its value is the organization's dumped report.
    std::string entry = Dumped(o);
    entry.resize(entry.size() - 2);  // "\n}"
    entry += ",\n  \"report\": " + Reindent(r.json, 2) + "\n}";
    orgs.push_back(std::move(entry));
  }
  Json tail;
  tail["totals"] = {{"organizations", t.organizations}, {"ok", t.ok},
                    {"broken", t.broken},               {"failing_gate", t.failing_gate},
                    {"error", t.counts.error},          {"warning", t.counts.warning},
                    {"info", t.counts.info},            {"waived", t.counts.waived},
                    {"baselined", t.counts.baselined},  {"passed", t.passed},
                    {"not_evaluated", t.not_evaluated}};
  return SpliceArray(head, "organizations", std::vector<std::string_view>(orgs.begin(), orgs.end()), tail);
}

// A broken organization's run: no results, the input errors as error
// notifications, executionSuccessful false.
Json BrokenSarifRun(const BatchInput& in, const OrgReport& r) {
  Json notes = Json::array();
  for (const std::string& e : r.errors) {
    notes.push_back({{"level", "error"}, {"message", {{"text", e}}}});
  }
  Json driver = {{"name", "hybridlint"},
                 {"version", in.tool_version},
                 {"semanticVersion", in.tool_version},
                 {"informationUri", "https://hybridlint.invalid/"},
                 {"rules", Json::array()}};
  Json invocation = {{"executionSuccessful", false},
                     {"toolExecutionNotifications", notes},
                     {"properties", {{"now", in.now}}}};
  Json run;
  run["tool"] = {{"driver", driver}};
  run["invocations"] = Json::array({invocation});
  run["results"] = Json::array();
  run["columnKind"] = "unicodeCodePoints";
  run["automationDetails"] = {{"id", r.org.name}};
  run["properties"] = {{"organization", r.org.name}, {"path", r.org.path}, {"status", "error"}};
  return run;
}

std::string RenderBatchSarif(const BatchInput& in) {
  // Views of the organizations' runs: a SARIF run holds every rule's
  // documentation, so copying them would double the memory.
  std::deque<std::string> broken;
  std::vector<std::string_view> runs;
  for (const OrgReport& r : in.orgs) {
    if (!r.ok) broken.push_back(Dumped(BrokenSarifRun(in, r)));
    runs.push_back(r.ok ? std::string_view(r.sarif_run) : std::string_view(broken.back()));
  }
  Json log = SarifLog(Json::array());
  log.erase("runs");
  return SpliceArray(log, "runs", runs, Json::object());
}

std::string Attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + EscapeXml(value) + "\"";
}

std::string RenderBatchJunit(const BatchInput& in) {
  size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  std::string suites;
  for (const OrgReport& r : in.orgs) {
    if (r.ok) {
      tests += r.junit.tests;
      failures += r.junit.failures;
      errors += r.junit.errors;
      skipped += r.junit.skipped;
      suites += r.junit.xml;
      continue;
    }
    // A broken organization: one test case in error with its input errors.
    ++tests;
    ++errors;
    std::string body;
    for (const std::string& e : r.errors) body += e + "\n";
    suites += "  <testsuite" + Attr("name", r.org.name) + Attr("tests", "1") + Attr("failures", "0") +
              Attr("errors", "1") + Attr("skipped", "0") + Attr("time", "0") + ">\n";
    suites += "    <properties>\n      <property" + Attr("name", "snapshot") + Attr("value", r.org.path) +
              "/>\n    </properties>\n";
    suites += "    <testcase" + Attr("classname", "LINT-INPUT") + Attr("name", r.org.name + " could not be read") +
              Attr("time", "0") + ">\n";
    suites += "      <error" + Attr("message", N(r.errors.size()) + " input error(s)") + Attr("type", "input") + ">" +
              EscapeXml(body) + "</error>\n    </testcase>\n  </testsuite>\n";
  }
  return JunitSuitesOpen("hybridlint", tests, failures, errors, skipped) + suites + "</testsuites>\n";
}

std::string Anchor(size_t i) { return "org-" + N(i + 1); }

std::string RenderBatchMarkdown(const BatchInput& in) {
  BatchTotals t = Totals(in.orgs);
  std::string out = "### hybridlint: " + EscapeMarkdown(Headline(t)) + "\n\n";
  out += "| organization | status | error | warning | info | waived | baselined | not evaluated |\n";
  out += "|---|---|---|---|---|---|---|---|\n";
  for (size_t i = 0; i < in.orgs.size(); ++i) {
    const OrgReport& r = in.orgs[i];
    out += "| [" + EscapeMarkdown(r.org.name) + "](#" + Anchor(i) + ") | " + StatusWords(r) + " | ";
    if (r.ok) {
      out += N(r.counts.error) + " | " + N(r.counts.warning) + " | " + N(r.counts.info) + " | " + N(r.counts.waived) +
             " | " + N(r.counts.baselined) + " | " + N(r.not_evaluated) + " |\n";
    } else {
      out += "– | – | – | – | – | – |\n";
    }
  }
  out += "| **totals** | " + N(t.ok) + " ok, " + N(t.broken) + " broken | " + N(t.counts.error) + " | " +
         N(t.counts.warning) + " | " + N(t.counts.info) + " | " + N(t.counts.waived) + " | " + N(t.counts.baselined) +
         " | " + N(t.not_evaluated) + " |\n";
  for (size_t i = 0; i < in.orgs.size(); ++i) {
    const OrgReport& r = in.orgs[i];
    out += "\n<a id=\"" + Anchor(i) + "\"></a>\n\n## " + EscapeMarkdown(r.org.name) + "\n\n" + MarkdownCode(r.org.path) +
           ": " + StatusWords(r) + "\n\n";
    if (r.ok) {
      out += r.markdown;
    } else {
      for (const std::string& e : r.errors) out += "- " + MarkdownCode(e) + "\n";
    }
  }
  return out;
}

// Prefixes every id of one organization's HTML sections (and the
// references to them) so that several organizations fit in one document.
// The fragment is ours: strings from the inputs are escaped, so a quote
// never appears inside them and the patterns only match our own markup.
std::string PrefixIds(std::string html, const std::string& prefix) {
  for (std::string_view pattern : {"id=\"", "aria-labelledby=\"", "url(#"}) {
    size_t at = 0;
    while ((at = html.find(pattern, at)) != std::string::npos) {
      at += pattern.size();
      html.insert(at, prefix);
      at += prefix.size();
    }
  }
  return html;
}

std::string RenderBatchHtml(const BatchInput& in) {
  BatchTotals t = Totals(in.orgs);
  std::string out = HtmlDocumentStart("hybridlint report: " + in.dir, in.tool_version);
  out += "<header class=\"top\">\n<h1>hybridlint report: " + HtmlEscape(in.dir) + "</h1>\n<p>" +
         HtmlEscape(Headline(t)) + " · dates measured against " + HtmlEscape(in.now) + " · hybridlint " +
         HtmlEscape(in.tool_version) + "</p>\n</header>\n<main>\n";
  out += "<section id=\"organizations\">\n<h2>Organizations (" + N(in.orgs.size()) + ")</h2>\n<table>\n";
  out += "<thead><tr><th>organization</th><th>status</th><th>error</th><th>warning</th><th>info</th><th>waived</th>"
         "<th>baselined</th><th>not evaluated</th></tr></thead>\n<tbody>\n";
  for (size_t i = 0; i < in.orgs.size(); ++i) {
    const OrgReport& r = in.orgs[i];
    out += "<tr><td><a href=\"#" + Anchor(i) + "\">" + HtmlEscape(r.org.name) + "</a></td><td>" + StatusWords(r) + "</td>";
    if (r.ok) {
      for (size_t n : {r.counts.error, r.counts.warning, r.counts.info, r.counts.waived, r.counts.baselined, r.not_evaluated}) {
        out += "<td>" + N(n) + "</td>";
      }
    } else {
      out += "<td colspan=\"6\">" + N(r.errors.size()) + " input error(s)</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n<tfoot><tr><th>totals</th><th>" + N(t.ok) + " ok, " + N(t.broken) + " broken</th>";
  for (size_t n : {t.counts.error, t.counts.warning, t.counts.info, t.counts.waived, t.counts.baselined, t.not_evaluated}) {
    out += "<th>" + N(n) + "</th>";
  }
  out += "</tr></tfoot>\n</table>\n</section>\n";
  for (size_t i = 0; i < in.orgs.size(); ++i) {
    const OrgReport& r = in.orgs[i];
    out += "<section class=\"organization\" id=\"" + Anchor(i) + "\">\n<h2>" + HtmlEscape(r.org.name) + "</h2>\n<p><code>" +
           HtmlEscape(r.org.path) + "</code> · " + StatusWords(r) + "</p>\n";
    if (r.ok) {
      out += PrefixIds(r.html, Anchor(i) + "-");
    } else {
      out += "<ul>\n";
      for (const std::string& e : r.errors) out += "<li><code>" + HtmlEscape(e) + "</code></li>\n";
      out += "</ul>\n";
    }
    out += "</section>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace

std::string RenderBatch(std::string_view format, const BatchInput& input) {
  if (format == "json") return RenderBatchJson(input);
  if (format == "sarif") return RenderBatchSarif(input);
  if (format == "junit") return RenderBatchJunit(input);
  if (format == "markdown") return RenderBatchMarkdown(input);
  if (format == "html") return RenderBatchHtml(input);
  return RenderBatchText(input);
}

}  // namespace lint::batch
