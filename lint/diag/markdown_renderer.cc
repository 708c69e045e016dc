#include "lint/diag/markdown_renderer.h"

#include <algorithm>
#include <cctype>

#include "lint/diag/render.h"

namespace lint {

namespace {

const char* SeverityBadge(Severity s) {
  switch (s) {
    case Severity::kError: return "🔴 error";
    case Severity::kWarning: return "🟠 warning";
    case Severity::kInfo: return "🔵 info";
  }
  return "";
}

// Cuts `text` after `max` code points, marking the cut with "…".
std::string CutCodePoints(std::string_view text, size_t max) {
  size_t points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (points++ == max) return std::string(text.substr(0, i)) + "…";
  }
  return std::string(text);
}

std::string Plural(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string ObjectText(Side side, const std::string& kind, const std::string& object) {
  std::string out = SideWords(side);
  if (!kind.empty()) out += " " + kind;
  if (!object.empty()) out += " " + MarkdownCode(object);
  return out;
}

std::string Fence(const std::string& text, std::string_view info) {
  size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(std::max<size_t>(3, longest + 1), '`');
  return fence + std::string(info) + "\n" + text + "\n" + fence + "\n";
}

std::string PathCell(const PathResult& p) {
  std::string out = EscapeMarkdown(std::string(MechanismWords(p.mechanism)));
  if (p.mechanism == "mixed") {
    std::string parts;
    for (const auto& [domain, m] : p.domains) {
      parts += (parts.empty() ? "" : "; ") + EscapeMarkdown(domain) + ": " + EscapeMarkdown(std::string(MechanismWords(m)));
    }
    out += " — " + parts;
  }
  return out;
}

}  // namespace

std::string EscapeMarkdown(std::string_view text) {
  // Only what can start markup inside a line; a list item or table cell
  // never starts with the escaped text.
  static constexpr std::string_view kPunct = "\\`*_[]|~#";
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r' || c == '\t') out += ' ';
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '@') {
      // "@name" would notify a GitHub user or team; a word joiner after
      // the '@' keeps the text readable and inert.
      auto before = i > 0 ? static_cast<unsigned char>(text[i - 1]) : 0;
      bool word_before = before >= 0x80 || std::isalnum(before) != 0;
      out += word_before ? "@" : "@\u2060";
    } else if (kPunct.find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string MarkdownCode(std::string_view text) {
  std::string t(text);
  std::replace(t.begin(), t.end(), '\n', ' ');
  std::replace(t.begin(), t.end(), '\r', ' ');
  size_t longest = 0, run = 0;
  for (char c : t) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  // In a GFM table a '|' ends the cell even inside a code span unless escaped.
  std::string escaped;
  for (char c : t) {
    if (c == '|') escaped += '\\';
    escaped += c;
  }
  std::string fence(longest + 1, '`');
  bool pad = !escaped.empty() && (escaped.front() == '`' || escaped.back() == '`');
  return fence + (pad ? " " : "") + escaped + (pad ? " " : "") + fence;
}

std::string RenderMarkdown(const ReportInput& input) {
  const LintResult& result = input.result;
  const Snapshot& snapshot = input.snapshot;
  ReportCounts counts = CountFindings(result);
  std::string out;

  std::string headline = counts.error > 0 ? "❌" : counts.warning > 0 ? "⚠️" : "✅";
  headline += " " + Plural(counts.error, "error", "errors") + " · " + Plural(counts.warning, "warning", "warnings") + " · " +
              std::to_string(counts.info) + " info";
  if (counts.waived > 0) headline += " · " + std::to_string(counts.waived) + " waived";
  if (counts.baselined > 0) headline += " · " + std::to_string(counts.baselined) + " baselined";
  out += "### hybridlint: " + headline + "\n\n";
  out += "**" + EscapeMarkdown(SnapshotName(snapshot)) + "** · " + Plural(input.rules_run.size(), "rule", "rules") +
         " over " + Plural(snapshot.objects.size(), "object", "objects") + " in " +
         Plural(snapshot.inputs.size(), "file", "files") + " · " + std::to_string(result.passed) + " passed · " +
         std::to_string(result.not_evaluated.size()) + " not evaluated · dates measured against " +
         EscapeMarkdown(input.now) + " · hybridlint " + EscapeMarkdown(input.tool_version) + "\n\n";

  out += "#### Free/busy paths\n\n| direction | path | why |\n|---|---|---|\n";
  out += "| on-premises → cloud | " + PathCell(result.paths.onprem_to_cloud) + " | " +
         EscapeMarkdown(result.paths.onprem_to_cloud.reason) + " |\n";
  out += "| cloud → on-premises | " + PathCell(result.paths.cloud_to_onprem) + " | " +
         EscapeMarkdown(result.paths.cloud_to_onprem.reason) + " |\n\n";

  if (!result.findings.empty()) {
    out += "#### Findings\n\n| severity | rule | object | message | location |\n|---|---|---|---|---|\n";
    // Active findings first (they fail the gate), then waived and baselined.
    std::vector<const Finding*> ordered;
    for (const Finding& f : result.findings) {
      if (IsActive(f)) ordered.push_back(&f);
    }
    for (const Finding& f : result.findings) {
      if (!IsActive(f)) ordered.push_back(&f);
    }
    size_t shown = std::min(ordered.size(), kMarkdownMaxFindings);
    for (size_t i = 0; i < shown; ++i) {
      const Finding& f = *ordered[i];
      std::string severity = SeverityBadge(f.severity);
      if (f.waived) severity = "⚪ waived (" + std::string(SeverityName(f.severity)) + ")";
      else if (f.baselined) severity = "⚪ baselined (" + std::string(SeverityName(f.severity)) + ")";
      std::string where = LocationText(snapshot.sources, f.span);
      out += "| " + severity + " | " + MarkdownCode(f.rule->id) + " | " + ObjectText(f.side, f.kind, f.object) + " | " +
             EscapeMarkdown(CutCodePoints(f.message, kMarkdownMaxMessage)) + " | " +
             (where.empty() ? std::string("—") : MarkdownCode(where)) + " |\n";
    }
    if (ordered.size() > shown) {
      out += "\n… and " + Plural(ordered.size() - shown, "more finding", "more findings") +
             ": see the full report (--format html or json).\n";
    }
    out += "\n<details><summary>Fixes</summary>\n\n";
    for (size_t i = 0; i < shown; ++i) {
      const Finding& f = *ordered[i];
      if (!IsActive(f)) continue;
      out += "- " + MarkdownCode(f.rule->id) + " " + ObjectText(f.side, f.kind, f.object) + "\n\n" +
             Fence(f.fix, "powershell") + "\n";
    }
    out += "</details>\n\n";
  }

  if (!result.not_evaluated.empty()) {
    out += "#### Not evaluated (" + std::to_string(result.not_evaluated.size()) + ")\n\n";
    std::vector<std::pair<std::string, std::vector<std::string>>> groups;  // reason -> what
    for (const NotEvaluated& n : result.not_evaluated) {
      std::string what = MarkdownCode(n.rule->id);
      if (!n.object.empty()) what += " on " + ObjectText(n.side, n.kind, n.object);
      auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == n.reason; });
      if (it == groups.end()) groups.push_back({n.reason, {what}});
      else it->second.push_back(what);
    }
    for (const auto& [reason, what] : groups) {
      std::string list;
      for (const std::string& w : what) list += (list.empty() ? "" : ", ") + w;
      out += "- " + EscapeMarkdown(reason) + ": " + list + "\n";
    }
    out += "\n";
  }

  if (counts.waived > 0) {
    out += "#### Waivers\n\n| rule | object | reason | owner | expires |\n|---|---|---|---|---|\n";
    for (const Finding& f : result.findings) {
      if (!f.waived) continue;
      out += "| " + MarkdownCode(f.rule->id) + " | " + ObjectText(f.side, f.kind, f.object) + " | " +
             EscapeMarkdown(f.waiver.reason) + " | " + EscapeMarkdown(f.waiver.owner) + " | " +
             EscapeMarkdown(f.waiver.expires) + " |\n";
    }
    out += "\n";
  }

  if (!result.tool_diagnostics.empty()) {
    out += "#### Notices\n\n";
    for (const Diagnostic& d : result.tool_diagnostics) {
      std::string where = LocationText(snapshot.sources, d.span);
      if (where.empty()) where = d.path;
      out += "- " + std::string(SeverityBadge(d.severity)) + " " + MarkdownCode(d.code) +
             (where.empty() ? "" : " " + MarkdownCode(where)) + ": " + EscapeMarkdown(d.message) + "\n";
    }
    out += "\n";
  }
  while (out.size() >= 2 && out.ends_with("\n\n")) out.pop_back();
  return out;
}

}  // namespace lint
