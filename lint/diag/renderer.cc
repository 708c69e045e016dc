#include "lint/diag/renderer.h"

#include <algorithm>

#include "lint/diag/html_renderer.h"
#include "lint/diag/junit_renderer.h"
#include "lint/diag/markdown_renderer.h"
#include "lint/diag/render.h"
#include "lint/diag/sarif_renderer.h"

namespace lint {

namespace {

std::string RenderTextReport(const ReportInput& input) {
  return RenderText(input.result, input.snapshot, TextOptions{});
}

std::string RenderJsonReport(const ReportInput& input) { return DumpReportJson(RenderJson(input)); }

// The only list of output formats.
constexpr RendererInfo kRenderers[] = {
    {"text", ".txt", "compiler-style text: source line, caret, expected vs actual, fix", RenderTextReport},
    {"json", ".json", "the contract's JSON report (schema/output.schema.json)", RenderJsonReport},
    {"sarif", ".sarif", "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers", RenderSarif},
    {"junit", ".junit.xml", "JUnit XML: one test case per rule and object (Azure DevOps, GitLab, Jenkins)",
     RenderJunit},
    {"markdown", ".md", "a short Markdown summary for a pull-request comment", RenderMarkdown},
    {"html", ".html", "one self-contained HTML report for auditors", RenderHtml},
};

// Decodes one UTF-8 sequence at `i`; returns its length, or 0 when the
// bytes there are not valid UTF-8 (overlong, surrogate, truncated).
size_t Utf8Length(std::string_view s, size_t i, char32_t& cp) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  if (len == 1) {
    cp = c;
    return 1;
  }
  cp = c & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::span<const RendererInfo> AllRenderers() { return kRenderers; }

const RendererInfo* FindRenderer(std::string_view name) {
  for (const RendererInfo& r : kRenderers) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

std::vector<std::string> RendererNames() {
  std::vector<std::string> names;
  for (const RendererInfo& r : kRenderers) names.emplace_back(r.name);
  return names;
}

bool IsActive(const Finding& finding) { return !finding.waived && !finding.baselined; }

ReportCounts CountFindings(const LintResult& result) {
  ReportCounts counts;
  for (const Finding& f : result.findings) {
    if (f.waived) ++counts.waived;
    else if (f.baselined) ++counts.baselined;
    else if (f.severity == Severity::kError) ++counts.error;
    else if (f.severity == Severity::kWarning) ++counts.warning;
    else ++counts.info;
  }
  return counts;
}

std::string CommonInputRoot(const Snapshot& snapshot) {
  if (snapshot.inputs.empty()) return "";
  auto dir_of = [](const std::string& path) {
    auto slash = path.find_last_of('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
  };
  std::string root = dir_of(snapshot.inputs.front().path);
  for (const InputFile& in : snapshot.inputs) {
    // Shorten `root` one component at a time until it prefixes this path.
    while (!root.empty() && !(in.path.size() > root.size() && in.path.starts_with(root) && in.path[root.size()] == '/')) {
      root = dir_of(root);
    }
  }
  return root;
}

std::string SnapshotName(const Snapshot& snapshot) {
  if (!snapshot.manifest.organization.empty()) return snapshot.manifest.organization;
  std::string root = CommonInputRoot(snapshot);
  return root.empty() ? "snapshot" : root;
}

std::string_view MechanismWords(std::string_view m) {
  if (m == "oauth") return "OAuth via intra-organization connector";
  if (m == "dauth") return "DAuth via organization relationship";
  if (m == "aas") return "availability address space";
  if (m == "none") return "no path";
  if (m == "mixed") return "mixed";
  return "unknown";
}

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    size_t len = Utf8Length(text, i, cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    if (len == 1) {
      char c = text[i];
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default:
          if (cp < 0x20 && c != '\t' && c != '\n' && c != '\r') out += "\xEF\xBF\xBD";
          else out += c;
      }
    } else if (cp == 0xFFFE || cp == 0xFFFF) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::vector<const Rule*> SortedRules(const ReportInput& input) {
  std::vector<const Rule*> rules = input.rules_run;
  std::sort(rules.begin(), rules.end(), [](const Rule* a, const Rule* b) { return a->id < b->id; });
  rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
  return rules;
}

}  // namespace lint
