#include "lint/diag/junit_renderer.h"

#include <algorithm>
#include <tuple>

#include "lint/diag/render.h"

namespace lint {

namespace {

enum class Outcome { kPassed, kFailed, kError, kSkipped };

struct TestCase {
  std::string classname;
  std::string name;
  Outcome outcome = Outcome::kPassed;
  std::string type;     ///< failure/error type
  std::string message;  ///< failure/error/skipped message
  std::string body;     ///< failure/error text
  std::string system_out;
  // Sort key parts.
  std::string rule_id;
  int side = 0;
  std::string kind, object;
};

std::string CaseName(Side side, const std::string& kind, const std::string& object) {
  std::string name = SideName(side);
  if (!kind.empty()) name += "/" + kind;
  if (!object.empty()) name += "/" + object;
  return name;
}

std::string Classname(const Rule& r) { return r.id + "." + r.name; }

// The finding as the lines a reader of the test result needs.
std::string FindingBody(const Finding& f, const Snapshot& snapshot) {
  std::string out;
  std::string where = LocationText(snapshot.sources, f.span);
  out += "location: " + (where.empty() ? std::string("(the ") + SideWords(f.side) + " side as a whole)" : where) + "\n";
  out += "severity: " + std::string(SeverityName(f.severity)) + (f.inactive_path ? " (not on the active path)" : "") + "\n";
  if (!f.kind.empty()) {
    out += "object: " + std::string(SideWords(f.side)) + " " + f.kind + (f.object.empty() ? "" : " '" + f.object + "'") +
           (f.property.empty() ? "" : " " + f.property) + "\n";
  }
  out += "expected: " + (f.expected.empty() ? std::string("(see the rule)") : f.expected) + "\n";
  if (!f.property.empty() && !f.kind.empty()) {
    out += "actual: " + (f.actual.is_null() ? std::string("(blank)") : f.actual.ToDisplay()) + "\n";
  }
  if (!f.rule->docs.error.empty() && !f.inactive_path) {
    std::string error = f.rule->docs.error;
    std::replace(error.begin(), error.end(), '\n', ' ');
    while (!error.empty() && error.back() == ' ') error.pop_back();
    out += "users see: " + error + "\n";
  }
  for (const Note& n : f.notes) {
    std::string nw = LocationText(snapshot.sources, n.span);
    out += "note: " + n.message + (nw.empty() ? "" : " (" + nw + ")") + "\n";
  }
  out += "fix: " + f.fix + "\n";
  out += "fingerprint: " + f.fingerprint + "\n";
  return out;
}

std::string WaiverLine(const WaiverInfo& w) {
  std::string out = "waived: " + w.reason;
  if (!w.owner.empty()) out += " (owner " + w.owner;
  if (!w.expires.empty()) out += std::string(w.owner.empty() ? " (" : ", ") + "expires " + w.expires;
  if (!w.owner.empty() || !w.expires.empty()) out += ")";
  return out;
}

void Attr(std::string& out, std::string_view name, std::string_view value) {
  out += " ";
  out += name;
  out += "=\"" + EscapeXml(value) + "\"";
}

// Newlines inside attribute values are normalized away by XML parsers;
// messages are one line anyway, but keep them so on purpose.
std::string OneLine(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

std::string Property(std::string_view name, std::string_view value) {
  std::string out = "      <property";
  Attr(out, "name", name);
  Attr(out, "value", OneLine(std::string(value)));
  return out + "/>\n";
}

std::string PathValue(const PathResult& p) {
  std::string out = std::string(MechanismWords(p.mechanism));
  if (!p.reason.empty()) out += " (" + p.reason + ")";
  for (const auto& [domain, m] : p.domains) {
    if (p.mechanism == "mixed") out += "; " + domain + ": " + std::string(MechanismWords(m));
  }
  return out;
}

}  // namespace

JunitSuite RenderJunitSuite(const ReportInput& input, std::string_view name) {
  const LintResult& result = input.result;
  const Snapshot& snapshot = input.snapshot;
  std::vector<TestCase> cases;
  auto base = [](const Rule& r, Side side, const std::string& kind, const std::string& object) {
    TestCase c;
    c.classname = Classname(r);
    c.name = CaseName(side, kind, object);
    c.rule_id = r.id;
    c.side = static_cast<int>(side);
    c.kind = kind;
    c.object = object;
    return c;
  };
  for (const PassedCheck& p : result.passed_checks) cases.push_back(base(*p.rule, p.side, p.kind, p.object));
  for (const Finding& f : result.findings) {
    TestCase c = base(*f.rule, f.side, f.kind, f.object);
    std::string body = FindingBody(f, snapshot);
    if (IsActive(f)) {
      c.outcome = Outcome::kFailed;
      c.type = SeverityName(f.severity);
      c.message = f.message;
      c.body = body;
    } else {
      c.outcome = Outcome::kSkipped;
      c.message = f.waived ? WaiverLine(f.waiver) : "baselined: recorded in the baseline, so it does not fail the gate";
      c.system_out = f.message + "\n" + (f.waived && !f.waiver.source.empty() ? "waiver: " + f.waiver.source + "\n" : "") + body;
    }
    cases.push_back(c);
  }
  for (const NotEvaluated& n : result.not_evaluated) {
    TestCase c = base(*n.rule, n.side, n.kind, n.object);
    c.outcome = Outcome::kSkipped;
    c.message = "not evaluated: " + n.reason;
    cases.push_back(c);
  }
  std::stable_sort(cases.begin(), cases.end(), [](const TestCase& a, const TestCase& b) {
    return std::tie(a.rule_id, a.side, a.kind, a.object) < std::tie(b.rule_id, b.side, b.kind, b.object);
  });
  // Tool diagnostics come last, in the order the run reported them.
  for (const Diagnostic& d : result.tool_diagnostics) {
    TestCase c;
    c.classname = d.code;
    std::string where = LocationText(snapshot.sources, d.span);
    c.name = !where.empty() ? where : !d.path.empty() ? d.path : "hybridlint";
    std::string body = d.message + "\n";
    if (!where.empty() || !d.path.empty()) body += "location: " + (where.empty() ? d.path : where) + "\n";
    for (const Note& n : d.notes) body += "note: " + n.message + "\n";
    if (!d.help.empty()) body += "help: " + d.help + "\n";
    if (d.severity == Severity::kInfo) {
      c.system_out = body;
    } else {
      c.outcome = d.severity == Severity::kError ? Outcome::kError : Outcome::kFailed;
      c.type = d.code;
      c.message = d.message;
      c.body = body;
    }
    cases.push_back(c);
  }

  size_t failures = 0, errors = 0, skipped = 0;
  for (const TestCase& c : cases) {
    if (c.outcome == Outcome::kFailed) ++failures;
    if (c.outcome == Outcome::kError) ++errors;
    if (c.outcome == Outcome::kSkipped) ++skipped;
  }
  auto counts = [&](std::string& out) {
    Attr(out, "tests", std::to_string(cases.size()));
    Attr(out, "failures", std::to_string(failures));
    Attr(out, "errors", std::to_string(errors));
    Attr(out, "skipped", std::to_string(skipped));
    Attr(out, "time", "0");
  };

  std::string out = "  <testsuite";
  Attr(out, "name", name.empty() ? SnapshotName(snapshot) : std::string(name));
  counts(out);
  out += ">\n    <properties>\n";
  out += Property("hybridlint.version", input.tool_version);
  out += Property("now", input.now);
  std::string root = CommonInputRoot(snapshot);
  if (!root.empty()) out += Property("snapshot", root);
  out += Property("path.onprem_to_cloud", PathValue(result.paths.onprem_to_cloud));
  out += Property("path.cloud_to_onprem", PathValue(result.paths.cloud_to_onprem));
  out += Property("cloud_instance", result.facts.cloud_instance);
  out += "    </properties>\n";
  for (const TestCase& c : cases) {
    out += "    <testcase";
    Attr(out, "classname", OneLine(c.classname));
    Attr(out, "name", OneLine(c.name));
    Attr(out, "time", "0");
    if (c.outcome == Outcome::kPassed && c.system_out.empty()) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    if (c.outcome == Outcome::kFailed || c.outcome == Outcome::kError) {
      const char* element = c.outcome == Outcome::kFailed ? "failure" : "error";
      out += std::string("      <") + element;
      Attr(out, "message", OneLine(c.message));
      Attr(out, "type", c.type);
      out += ">" + EscapeXml(c.body) + "</" + element + ">\n";
    }
    if (c.outcome == Outcome::kSkipped) {
      out += "      <skipped";
      Attr(out, "message", OneLine(c.message));
      out += "/>\n";
    }
    if (!c.system_out.empty()) out += "      <system-out>" + EscapeXml(c.system_out) + "</system-out>\n";
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n";
  return JunitSuite{out, cases.size(), failures, errors, skipped};
}

std::string JunitSuitesOpen(std::string_view name, size_t tests, size_t failures, size_t errors, size_t skipped) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites";
  Attr(out, "name", std::string(name));
  Attr(out, "tests", std::to_string(tests));
  Attr(out, "failures", std::to_string(failures));
  Attr(out, "errors", std::to_string(errors));
  Attr(out, "skipped", std::to_string(skipped));
  Attr(out, "time", "0");
  return out + ">\n";
}

std::string RenderJunit(const ReportInput& input) {
  JunitSuite suite = RenderJunitSuite(input, "");
  return JunitSuitesOpen("hybridlint", suite.tests, suite.failures, suite.errors, suite.skipped) + suite.xml +
         "</testsuites>\n";
}

}  // namespace lint
