#include "lint/diag/html_renderer.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "lint/diag/render.h"
#include "lint/util/civil_date.h"

namespace lint {

namespace {

// Everything the page needs; nothing is fetched. Colours follow the
// severity badges of the text report's users (red, amber, blue, green).
constexpr std::string_view kStyle = R"css(
:root { --error: #cf222e; --warning: #9a6700; --info: #0969da; --ok: #1a7f37; --muted: #57606a; --waived: #8250df;
        --line: #d0d7de; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; background: #fff; }
header.top { padding: 20px 32px; border-bottom: 1px solid var(--line); background: var(--soft); }
header.top h1 { margin: 0 0 4px; font-size: 22px; }
header.top p { margin: 0; color: var(--muted); }
main { padding: 8px 32px 32px; max-width: 1280px; }
h2 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 8px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
code { background: var(--soft); padding: 1px 4px; border-radius: 4px; overflow-wrap: break-word; }
pre { background: var(--soft); padding: 8px 10px; border-radius: 6px; overflow-x: auto; margin: 6px 0; white-space: pre; }
pre code { background: none; padding: 0; }
pre.fix { white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { text-align: left; vertical-align: top; padding: 4px 10px; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; }
td { overflow-wrap: break-word; }
table.wide { width: 100%; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 120px; }
.card .n { font-size: 24px; font-weight: 600; display: block; }
.card.error .n { color: var(--error); } .card.warning .n { color: var(--warning); } .card.info .n { color: var(--info); }
.card.waived .n { color: var(--waived); } .card.ok .n { color: var(--ok); }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); } .badge.info { background: var(--info); }
.badge.waived, .badge.baselined { background: var(--waived); } .badge.inactive { background: var(--muted); }
.object { border: 1px solid var(--line); border-radius: 8px; margin: 10px 0; }
.object > h4 { margin: 0; padding: 8px 12px; background: var(--soft); border-bottom: 1px solid var(--line); font-size: 14px; }
.finding { padding: 10px 12px; border-left: 4px solid var(--line); }
.finding + .finding { border-top: 1px solid var(--line); }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); }
.finding.info { border-left-color: var(--info); } .finding.covered { border-left-color: var(--waived); background: #fbf8ff; }
.finding p.message { margin: 6px 0; font-weight: 500; }
.kv { width: 100%; } .kv th { width: 110px; }
.muted { color: var(--muted); }
svg.paths { width: 100%; max-width: 1200px; height: auto; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
svg.paths text { font-family: -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
.legend span { display: inline-block; margin-right: 14px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 4px; vertical-align: -1px; border: 1px solid; }
.legend i.error { background: #ffebe9; border-color: var(--error); } .legend i.warning { background: #fff8c5; border-color: var(--warning); }
.legend i.info { background: #ddf4ff; border-color: var(--info); } .legend i.ok { background: #dafbe1; border-color: var(--ok); }
.legend i.not-evaluated { background: var(--soft); border-color: var(--muted); border-style: dashed; }
details > summary { cursor: pointer; }
@media print { details { display: block; } .object, .finding { break-inside: avoid; } }
)css";

constexpr std::string_view kPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

std::string Escape(std::string_view s) { return EscapeXml(s); }

std::string CutPoints(std::string_view text, size_t max) {
  size_t points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (points++ == max) return std::string(text.substr(0, i)) + "…";
  }
  return std::string(text);
}

const char* SeverityClass(Severity s) { return SeverityName(s); }

// ---- the free/busy drawing ------------------------------------------------

Side SourceSide(Direction d) { return d == Direction::kOnPremToCloud ? Side::kOnPrem : Side::kCloud; }

const PathResult& PathOf(const ReportInput& input, Direction d) {
  return d == Direction::kOnPremToCloud ? input.result.paths.onprem_to_cloud : input.result.paths.cloud_to_onprem;
}

// The mechanisms a direction uses: its own, or each domain's when mixed;
// every mechanism when there is no path to judge by.
std::set<std::string> ActiveMechanisms(const PathResult& p) {
  if (p.mechanism == "mixed") {
    std::set<std::string> out;
    for (const auto& [domain, m] : p.domains) out.insert(m);
    return out;
  }
  if (p.mechanism == "none" || p.mechanism == "unknown") return {"oauth", "dauth", "aas"};
  return {p.mechanism};
}

bool Serves(const Rule& r, Direction d, const std::set<std::string>& mechanisms) {
  if (r.direction != d && r.direction != Direction::kBoth) return false;
  return r.path == FbPath::kAny || mechanisms.count(FbPathName(r.path)) > 0;
}

size_t HopIndex(const Rule& r, Side side, Direction d) {
  const std::string& c = r.category;
  const bool asking = side == SourceSide(d);
  if (c == "federation" || c == "oauth" || c == "certificate" || c == "hybrid") return 1;
  if (c == "recipient") return 3;
  // A server's own directories belong to its side; a connector's or
  // relationship's endpoint URLs (VDR011, VDR012) to the side they reach.
  const std::string& k = r.applies_kind;
  bool server_side = k == "WebServicesVirtualDirectory" || k == "AutodiscoverVirtualDirectory" || k == "ExchangeServer";
  if (c == "vdir") return server_side && asking ? 0 : 2;
  return asking ? 0 : 2;  // orgrel, ioc, aas, and user categories
}

std::string MechanismShort(const std::string& m) {
  if (m == "oauth") return "OAuth";
  if (m == "dauth") return "DAuth";
  if (m == "aas") return "availability address space";
  if (m == "none") return "no path";
  return m;
}

std::string HopDetail(size_t hop, const PathResult& p, Direction d) {
  const bool from_onprem = d == Direction::kOnPremToCloud;
  std::set<std::string> ms = ActiveMechanisms(p);
  switch (hop) {
    case 0:
      if (!p.via_object.empty()) return p.via_kind + " '" + p.via_object + "'";
      if (p.mechanism == "mixed") {
        std::string out;
        for (const auto& [domain, m] : p.domains) out += (out.empty() ? "" : ", ") + domain + " " + MechanismShort(m);
        return out;
      }
      return p.reason.empty() ? "no connector or relationship" : p.reason;
    case 1: {
      std::string out;
      if (ms.count("oauth")) out += "auth servers, partner application, auth certificate";
      if (ms.count("dauth")) out += std::string(out.empty() ? "" : "; ") + "federation trust and identifier";
      if (ms.count("aas") && out.empty()) out = "availability address space credentials";
      return out;
    }
    case 2:
      return std::string(from_onprem ? "Exchange Online" : "on-premises") + " Autodiscover and EWS" +
             (ms.count("dauth") ? " (and its organization relationship)" : "");
    default:
      return from_onprem ? "cloud mailboxes and their calendar permissions"
                         : "on-premises mailboxes and their calendar permissions";
  }
}

const char* HopFill(HopStatus s) {
  switch (s) {
    case HopStatus::kError: return "#ffebe9";
    case HopStatus::kWarning: return "#fff8c5";
    case HopStatus::kInfo: return "#ddf4ff";
    case HopStatus::kOk: return "#dafbe1";
    default: return "#f6f8fa";
  }
}

const char* HopStroke(HopStatus s) {
  switch (s) {
    case HopStatus::kError: return "#cf222e";
    case HopStatus::kWarning: return "#9a6700";
    case HopStatus::kInfo: return "#0969da";
    case HopStatus::kOk: return "#1a7f37";
    default: return "#6e7781";
  }
}

// One line per severity: "2 errors: IOC001, ORG003" (rule ids, each
// once), each with the colour of what it counts.
std::vector<std::pair<std::string, HopStatus>> HopLines(const PathHop& hop) {
  std::vector<std::pair<std::string, HopStatus>> lines;
  for (Severity s : {Severity::kError, Severity::kWarning, Severity::kInfo}) {
    std::vector<std::string> ids;
    for (const Finding* f : hop.findings) {
      if (f->severity == s && std::find(ids.begin(), ids.end(), f->rule->id) == ids.end()) ids.push_back(f->rule->id);
    }
    if (ids.empty()) continue;
    size_t n = std::count_if(hop.findings.begin(), hop.findings.end(), [&](const Finding* f) { return f->severity == s; });
    std::string line = std::to_string(n) + " " + SeverityName(s) + (n > 1 && s != Severity::kInfo ? "s" : "") + ": ";
    for (size_t i = 0; i < ids.size(); ++i) line += (i ? ", " : "") + ids[i];
    lines.emplace_back(line, s == Severity::kError ? HopStatus::kError
                             : s == Severity::kWarning ? HopStatus::kWarning
                                                       : HopStatus::kInfo);
  }
  if (!hop.covered.empty()) {
    lines.emplace_back(std::to_string(hop.covered.size()) + " waived or baselined", HopStatus::kNotEvaluated);
  }
  if (!hop.not_evaluated.empty()) {
    lines.emplace_back(std::to_string(hop.not_evaluated.size()) + " not evaluated", HopStatus::kNotEvaluated);
  }
  if (lines.empty()) lines.emplace_back(hop.status == HopStatus::kNoPath ? "no path" : "no finding", hop.status);
  return lines;
}

// `text` in at most `lines` lines of about `width` code points, broken at
// spaces; the last line is cut with "…" when the text does not fit.
std::vector<std::string> WrapWords(const std::string& text, size_t width, size_t lines) {
  std::vector<std::string> out;
  std::string rest = text;
  while (!rest.empty() && out.size() + 1 < lines) {
    if (CutPoints(rest, width) == rest) break;
    // The last space within the first `width` code points.
    std::string head = CutPoints(rest, width);
    head.resize(head.size() - std::string("…").size());
    auto space = head.find_last_of(' ');
    if (space == std::string::npos || space == 0) break;
    out.push_back(rest.substr(0, space));
    rest = rest.substr(space + 1);
  }
  if (!rest.empty()) out.push_back(CutPoints(rest, width));
  return out;
}

void SvgText(std::string& out, int x, int y, std::string_view text, std::string_view attrs) {
  out += "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" " + std::string(attrs) + ">" +
         Escape(text) + "</text>\n";
}

std::string PathsSvg(const ReportInput& input) {
  constexpr int kBoxW = 250, kBoxH = 162, kGap = 50, kLeft = 20, kLaneH = 230, kWidth = 1200;
  const Direction directions[] = {Direction::kOnPremToCloud, Direction::kCloudToOnPrem};
  std::string out = "<svg class=\"paths\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(kWidth) +
                    " " + std::to_string(kLaneH * 2 + 10) +
                    "\" role=\"img\" aria-labelledby=\"paths-title\">\n<title id=\"paths-title\">free/busy paths in both "
                    "directions, each hop coloured by the worst finding on it</title>\n";
  out += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" "
         "orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#57606a\"/></marker></defs>\n";
  for (int lane = 0; lane < 2; ++lane) {
    Direction d = directions[lane];
    const PathResult& p = PathOf(input, d);
    int top = 10 + lane * kLaneH;
    std::string title = std::string(d == Direction::kOnPremToCloud ? "On-premises → cloud" : "Cloud → on-premises") +
                        ": " + std::string(MechanismWords(p.mechanism));
    SvgText(out, kLeft, top + 18, CutPoints(title, 150), "font-size=\"15\" font-weight=\"600\" fill=\"#1f2328\"");
    std::vector<PathHop> hops = FreeBusyHops(input, d);
    for (size_t i = 0; i < hops.size(); ++i) {
      const PathHop& h = hops[i];
      int x = kLeft + static_cast<int>(i) * (kBoxW + kGap), y = top + 32;
      bool dashed = h.status == HopStatus::kNotEvaluated || h.status == HopStatus::kNoPath;
      out += "<g class=\"hop " + std::string(HopStatusName(h.status)) + "\">\n";
      out += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(kBoxW) +
             "\" height=\"" + std::to_string(kBoxH) + "\" rx=\"10\" fill=\"" + HopFill(h.status) + "\" stroke=\"" +
             HopStroke(h.status) + "\" stroke-width=\"" + (h.breaks ? "3" : "1.5") + "\"" +
             (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n";
      SvgText(out, x + 12, y + 22, h.title, "font-size=\"14\" font-weight=\"600\" fill=\"#1f2328\"");
      std::vector<std::string> detail = WrapWords(h.detail, 36, 2);
      for (size_t k = 0; k < detail.size(); ++k) {
        SvgText(out, x + 12, y + 40 + static_cast<int>(k) * 15, detail[k], "font-size=\"11.5\" fill=\"#57606a\"");
      }
      int line_y = y + 78;
      auto lines = HopLines(h);
      for (size_t k = 0; k < lines.size() && k < 4; ++k, line_y += 17) {
        SvgText(out, x + 12, line_y, CutPoints(lines[k].first, 36),
                std::string("font-size=\"12.5\" fill=\"") + HopStroke(lines[k].second) + "\"");
      }
      if (h.breaks) {
        SvgText(out, x + kBoxW - 12, y + kBoxH - 10, "✕ breaks here",
                "font-size=\"12.5\" font-weight=\"700\" fill=\"#cf222e\" text-anchor=\"end\"");
      }
      out += "</g>\n";
      if (i + 1 < hops.size()) {
        int ay = y + kBoxH / 2;
        out += "<line x1=\"" + std::to_string(x + kBoxW + 4) + "\" y1=\"" + std::to_string(ay) + "\" x2=\"" +
               std::to_string(x + kBoxW + kGap - 6) + "\" y2=\"" + std::to_string(ay) +
               "\" stroke=\"#57606a\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>\n";
      }
    }
  }
  out += "</svg>\n";
  return out;
}

// ---- sections -------------------------------------------------------------

std::string Location(const Snapshot& snapshot, SourceSpan span) {
  std::string where = LocationText(snapshot.sources, span);
  return where.empty() ? "<span class=\"muted\">(no location)</span>" : "<code>" + Escape(where) + "</code>";
}

std::string ObjectTitle(Side side, const std::string& kind, const std::string& object) {
  std::string out = Escape(SideWords(side));
  if (kind.empty()) return out + " side as a whole";
  out += " " + Escape(kind);
  if (!object.empty()) out += " <code>" + Escape(object) + "</code>";
  return out;
}

// Days from `now` to `date` (both YYYY-MM-DD), or nothing when either is malformed.
std::optional<int64_t> DaysUntil(const std::string& now, const std::string& date) {
  auto parse = [](const std::string& s) -> std::optional<int64_t> {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
    }
    return DaysFromCivil(std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2)));
  };
  auto a = parse(now), b = parse(date);
  if (!a || !b) return std::nullopt;
  return *b - *a;
}

std::string ExpiryText(const ReportInput& input, const std::string& expires) {
  std::string out = Escape(expires);
  if (auto days = DaysUntil(input.now, expires)) {
    if (*days < 0) out += " <span class=\"badge error\">expired</span>";
    else if (*days <= 30) out += " <span class=\"badge warning\">expires in " + std::to_string(*days) + " day" + (*days == 1 ? "" : "s") + "</span>";
    else out += " <span class=\"muted\">(in " + std::to_string(*days) + " days)</span>";
  }
  return out;
}

std::string FindingHtml(const ReportInput& input, const Finding& f) {
  const Snapshot& snapshot = input.snapshot;
  std::string cls = IsActive(f) ? SeverityClass(f.severity) : std::string("covered");
  std::string out = "<article class=\"finding " + cls + "\" id=\"f-" + Escape(f.fingerprint) + "\">\n<div>";
  out += "<span class=\"badge " + std::string(SeverityClass(f.severity)) + "\">" + SeverityName(f.severity) + "</span> ";
  out += "<code>" + Escape(f.rule->id) + "</code> <span class=\"muted\">" + Escape(f.rule->name) + "</span>";
  if (f.waived) out += " <span class=\"badge waived\">waived</span>";
  if (f.baselined) out += " <span class=\"badge baselined\">baselined</span>";
  if (f.inactive_path) out += " <span class=\"badge inactive\">not on the active path</span>";
  out += "</div>\n<p class=\"message\">" + Escape(f.message) + "</p>\n";
  std::string excerpt = SourceExcerpt(snapshot.sources, f.span);
  if (!excerpt.empty()) out += "<pre><code>" + Escape(excerpt) + "</code></pre>\n";
  out += "<table class=\"kv\">\n<tr><th>location</th><td>" + Location(snapshot, f.span) + "</td></tr>\n";
  if (!f.property.empty()) out += "<tr><th>property</th><td><code>" + Escape(f.property) + "</code></td></tr>\n";
  out += "<tr><th>expected</th><td>" + (f.expected.empty() ? std::string("(see the rule)") : Escape(f.expected)) + "</td></tr>\n";
  if (!f.property.empty() && !f.kind.empty()) {
    out += "<tr><th>actual</th><td>" +
           (f.actual.is_null() ? std::string("<span class=\"muted\">(blank)</span>") : "<code>" + Escape(f.actual.ToDisplay()) + "</code>") +
           "</td></tr>\n";
  }
  if (!f.rule->docs.error.empty() && !f.inactive_path) {
    out += "<tr><th>users see</th><td>" + Escape(f.rule->docs.error) + "</td></tr>\n";
  }
  for (const Note& n : f.notes) {
    std::string where = LocationText(snapshot.sources, n.span);
    out += "<tr><th>note</th><td>" + Escape(n.message) + (where.empty() ? "" : " <code>" + Escape(where) + "</code>") + "</td></tr>\n";
  }
  if (f.waived) {
    out += "<tr><th>waiver</th><td>" + Escape(f.waiver.reason) + " <span class=\"muted\">— owner " + Escape(f.waiver.owner) +
           ", expires " + ExpiryText(input, f.waiver.expires) + (f.waiver.source.empty() ? "" : ", <code>" + Escape(f.waiver.source) + "</code>") +
           "</span></td></tr>\n";
  }
  if (f.baselined) out += "<tr><th>baseline</th><td>recorded in the baseline, so it does not fail the gate</td></tr>\n";
  out += "<tr><th>fingerprint</th><td><code>" + Escape(f.fingerprint) + "</code></td></tr>\n</table>\n";
  out += "<div class=\"muted\">fix</div>\n<pre class=\"fix\"><code>" + Escape(f.fix) + "</code></pre>\n</article>\n";
  return out;
}

std::string FindingsSection(const ReportInput& input) {
  const LintResult& result = input.result;
  std::string out = "<section id=\"findings\">\n<h2>Findings (" + std::to_string(result.findings.size()) + ")</h2>\n";
  if (result.findings.empty()) return out + "<p>No finding.</p>\n</section>\n";
  for (Side side : {Side::kOnPrem, Side::kCloud, Side::kUnknown}) {
    // Objects in the order their first finding appears in the report.
    std::vector<std::tuple<std::string, std::string>> objects;
    for (const Finding& f : result.findings) {
      if (f.side != side) continue;
      auto key = std::make_tuple(f.kind, f.object);
      if (std::find(objects.begin(), objects.end(), key) == objects.end()) objects.push_back(key);
    }
    if (objects.empty()) continue;
    std::string heading = side == Side::kOnPrem ? "On-premises" : side == Side::kCloud ? "Exchange Online (cloud)" : "Side unknown";
    out += "<h3>" + heading + "</h3>\n";
    for (const auto& [kind, object] : objects) {
      out += "<div class=\"object\">\n<h4>" + ObjectTitle(side, kind, object) + "</h4>\n";
      for (const Finding& f : result.findings) {
        if (f.side == side && f.kind == kind && f.object == object) out += FindingHtml(input, f);
      }
      out += "</div>\n";
    }
  }
  return out + "</section>\n";
}

std::string WaiversSection(const ReportInput& input) {
  const LintResult& result = input.result;
  std::string out = "<section id=\"waivers\">\n<h2>Waivers and notices</h2>\n";
  bool any_waived = std::any_of(result.findings.begin(), result.findings.end(), [](const Finding& f) { return f.waived; });
  if (any_waived) {
    out += "<table class=\"wide\">\n<tr><th>rule</th><th>object</th><th>reason</th><th>owner</th><th>expires</th><th>waiver</th></tr>\n";
    for (const Finding& f : result.findings) {
      if (!f.waived) continue;
      out += "<tr><td><code>" + Escape(f.rule->id) + "</code></td><td>" + ObjectTitle(f.side, f.kind, f.object) + "</td><td>" +
             Escape(f.waiver.reason) + "</td><td>" + Escape(f.waiver.owner) + "</td><td>" + ExpiryText(input, f.waiver.expires) +
             "</td><td>" + (f.waiver.source.empty() ? "" : "<code>" + Escape(f.waiver.source) + "</code>") + "</td></tr>\n";
    }
    out += "</table>\n";
  } else {
    out += "<p>No finding is waived.</p>\n";
  }
  if (!result.tool_diagnostics.empty()) {
    out += "<h3>Notices of the run</h3>\n<ul>\n";
    for (const Diagnostic& d : result.tool_diagnostics) {
      std::string where = LocationText(input.snapshot.sources, d.span);
      if (where.empty()) where = d.path;
      out += "<li><span class=\"badge " + std::string(SeverityClass(d.severity)) + "\">" + SeverityName(d.severity) +
             "</span> <code>" + Escape(d.code) + "</code> " + (where.empty() ? "" : "<code>" + Escape(where) + "</code> ") +
             Escape(d.message) + (d.help.empty() ? "" : "<br><span class=\"muted\">" + Escape(d.help) + "</span>") + "</li>\n";
    }
    out += "</ul>\n";
  }
  return out + "</section>\n";
}

std::string NotEvaluatedSection(const ReportInput& input) {
  const LintResult& result = input.result;
  std::string out = "<section id=\"not-evaluated\">\n<h2>Not evaluated (" + std::to_string(result.not_evaluated.size()) +
                    ")</h2>\n";
  if (result.not_evaluated.empty()) return out + "<p>Every check could be evaluated.</p>\n</section>\n";
  out += "<p class=\"muted\">A check that could not run is never counted as passed: the export is missing or its format "
         "lost the information.</p>\n<ul>\n";
  std::vector<std::pair<std::string, std::vector<const NotEvaluated*>>> groups;
  for (const NotEvaluated& n : result.not_evaluated) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == n.reason; });
    if (it == groups.end()) groups.push_back({n.reason, {&n}});
    else it->second.push_back(&n);
  }
  for (const auto& [reason, items] : groups) {
    out += "<li>" + Escape(reason) + ":";
    for (size_t i = 0; i < items.size(); ++i) {
      out += std::string(i ? "," : "") + " <code>" + Escape(items[i]->rule->id) + "</code>";
      if (!items[i]->object.empty()) out += " on " + ObjectTitle(items[i]->side, items[i]->kind, items[i]->object);
    }
    out += "</li>\n";
  }
  return out + "</ul>\n</section>\n";
}

std::string InputsSection(const ReportInput& input) {
  const Snapshot& snapshot = input.snapshot;
  std::string out = "<section id=\"inputs\">\n<h2>Input files (" + std::to_string(snapshot.inputs.size()) + ")</h2>\n";
  out += "<table class=\"wide\">\n<tr><th>file</th><th>side</th><th>format</th><th>encoding</th><th>objects</th><th>warnings</th></tr>\n";
  for (size_t i = 0; i < snapshot.inputs.size(); ++i) {
    const InputFile& in = snapshot.inputs[i];
    size_t objects = std::count_if(snapshot.objects.begin(), snapshot.objects.end(), [&](const Object& o) { return o.input == i; });
    out += "<tr><td><code>" + Escape(in.path) + "</code></td><td>" + Escape(SideWords(in.side)) + "</td><td>" + Escape(in.format) +
           "</td><td>" + Escape(in.encoding) + "</td><td>" + std::to_string(objects) + "</td><td>";
    for (const InputWarning& w : in.warnings) {
      std::string where;
      if (const SourceFile* file = snapshot.sources.Find(w.span.file_id)) {
        LineColumn lc = file->Locate(w.span.begin);
        where = "line " + std::to_string(lc.line) + ":" + std::to_string(lc.column);
      }
      out += "<div>" + (where.empty() ? "" : Escape(where) + " ") +
             (w.property.empty() ? "" : "<code>" + Escape(w.property) + "</code> ") + Escape(w.message) + "</div>";
    }
    out += "</td></tr>\n";
  }
  return out + "</table>\n</section>\n";
}

std::string RulesSection(const ReportInput& input) {
  const LintResult& result = input.result;
  std::vector<const Rule*> rules = SortedRules(input);
  std::map<const Rule*, std::array<size_t, 3>> counts;  // passed, findings, not evaluated
  for (const PassedCheck& p : result.passed_checks) ++counts[p.rule][0];
  for (const Finding& f : result.findings) ++counts[f.rule][1];
  for (const NotEvaluated& n : result.not_evaluated) ++counts[n.rule][2];
  std::string out = "<section id=\"rules\">\n<h2>Rules run (" + std::to_string(rules.size()) + ")</h2>\n<details>\n"
                    "<summary>every rule with its passed checks, findings and checks not evaluated</summary>\n<table>\n"
                    "<tr><th>rule</th><th>name</th><th>severity</th><th>path</th><th>passed</th><th>findings</th>"
                    "<th>not evaluated</th></tr>\n";
  for (const Rule* r : rules) {
    auto c = counts[r];
    out += "<tr><td><code>" + Escape(r->id) + "</code></td><td>" + Escape(r->name) + "</td><td>" + SeverityName(r->severity) +
           "</td><td>" + FbPathName(r->path) + "</td><td>" + std::to_string(c[0]) + "</td><td>" + std::to_string(c[1]) +
           "</td><td>" + std::to_string(c[2]) + "</td></tr>\n";
  }
  return out + "</table>\n</details>\n</section>\n";
}

std::string PathsSection(const ReportInput& input) {
  const LintResult& result = input.result;
  std::string out = "<section id=\"paths\">\n<h2>Free/busy paths</h2>\n" + PathsSvg(input);
  out += "<p class=\"legend\"><span><i class=\"error\"></i>error: lookups break</span><span><i class=\"warning\"></i>warning"
         "</span><span><i class=\"info\"></i>info</span><span><i class=\"ok\"></i>no finding</span><span><i "
         "class=\"not-evaluated\"></i>not evaluated or no path</span></p>\n";
  out += "<table>\n<tr><th>direction</th><th>path</th><th>why</th></tr>\n";
  auto row = [&](const char* label, const PathResult& p) {
    std::string domains;
    if (p.mechanism == "mixed") {
      for (const auto& [domain, m] : p.domains) {
        domains += "<div><code>" + Escape(domain) + "</code>: " + Escape(MechanismWords(m)) + "</div>";
      }
    }
    out += std::string("<tr><td>") + label + "</td><td>" + Escape(MechanismWords(p.mechanism)) + domains + "</td><td>" +
           Escape(p.reason) + "</td></tr>\n";
  };
  row("on-premises → cloud", result.paths.onprem_to_cloud);
  row("cloud → on-premises", result.paths.cloud_to_onprem);
  out += "<tr><td>cloud instance</td><td>" + Escape(result.facts.cloud_instance) + "</td><td>" +
         Escape(result.facts.cloud_instance_reason) + "</td></tr>\n</table>\n</section>\n";
  return out;
}

std::string SummarySection(const ReportInput& input) {
  const LintResult& result = input.result;
  ReportCounts counts = CountFindings(result);
  auto card = [](const char* cls, size_t n, const char* label) {
    return std::string("<div class=\"card ") + cls + "\"><span class=\"n\">" + std::to_string(n) + "</span>" + label + "</div>\n";
  };
  std::string out = "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n";
  out += card("error", counts.error, "errors");
  out += card("warning", counts.warning, "warnings");
  out += card("info", counts.info, "info");
  out += card("waived", counts.waived + counts.baselined, "waived or baselined");
  out += card("ok", result.passed, "checks passed");
  out += card("muted", result.not_evaluated.size(), "not evaluated");
  out += "</div>\n<p>" + std::to_string(input.rules_run.size()) + " rules over " + std::to_string(input.snapshot.objects.size()) +
         " objects in " + std::to_string(input.snapshot.inputs.size()) + " files. Waived and baselined findings are "
         "listed with the others but never fail the gate.</p>\n</section>\n";
  return out;
}

}  // namespace

const char* HopStatusName(HopStatus status) {
  switch (status) {
    case HopStatus::kOk: return "ok";
    case HopStatus::kInfo: return "info";
    case HopStatus::kWarning: return "warning";
    case HopStatus::kError: return "error";
    case HopStatus::kNotEvaluated: return "not-evaluated";
    case HopStatus::kNoPath: return "no-path";
  }
  return "ok";
}

std::vector<PathHop> FreeBusyHops(const ReportInput& input, Direction direction) {
  const bool from_onprem = direction == Direction::kOnPremToCloud;
  const PathResult& path = PathOf(input, direction);
  std::set<std::string> mechanisms = ActiveMechanisms(path);
  std::vector<PathHop> hops(4);
  hops[0].title = from_onprem ? "On-premises connector" : "Exchange Online connector";
  hops[1].title = "Federation / OAuth";
  hops[2].title = from_onprem ? "Exchange Online endpoints" : "On-premises endpoints";
  hops[3].title = from_onprem ? "Cloud mailbox" : "On-premises mailbox";
  for (size_t i = 0; i < hops.size(); ++i) hops[i].detail = HopDetail(i, path, direction);

  for (const Finding& f : input.result.findings) {
    if (f.inactive_path || !Serves(*f.rule, direction, mechanisms)) continue;
    PathHop& hop = hops[HopIndex(*f.rule, f.side, direction)];
    (IsActive(f) ? hop.findings : hop.covered).push_back(&f);
  }
  for (const NotEvaluated& n : input.result.not_evaluated) {
    if (!Serves(*n.rule, direction, mechanisms)) continue;
    hops[HopIndex(*n.rule, n.side, direction)].not_evaluated.push_back(&n);
  }
  bool no_path = path.mechanism == "none" || path.mechanism == "unknown";
  bool broken = false;
  for (PathHop& hop : hops) {
    Severity worst = Severity::kInfo;
    for (const Finding* f : hop.findings) worst = std::max(worst, f->severity);
    if (!hop.findings.empty()) {
      hop.status = worst == Severity::kError ? HopStatus::kError
                   : worst == Severity::kWarning ? HopStatus::kWarning
                                                 : HopStatus::kInfo;
    } else if (no_path) {
      hop.status = HopStatus::kNoPath;
    } else if (!hop.not_evaluated.empty()) {
      hop.status = HopStatus::kNotEvaluated;
    }
    if (hop.status == HopStatus::kError && !broken) hop.breaks = broken = true;
  }
  return hops;
}

std::string HtmlDocumentStart(std::string_view title, std::string_view tool_version) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + std::string(kPolicy) + "\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"hybridlint " + Escape(tool_version) + "\">\n";
  out += "<title>" + Escape(title) + "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  return out;
}

std::string HtmlEscape(std::string_view text) { return Escape(text); }

std::string RenderHtmlSections(const ReportInput& input) {
  std::string out = SummarySection(input);
  out += PathsSection(input);
  out += FindingsSection(input);
  out += WaiversSection(input);
  out += NotEvaluatedSection(input);
  out += InputsSection(input);
  out += RulesSection(input);
  return out;
}

std::string RenderHtml(const ReportInput& input) {
  const Snapshot& snapshot = input.snapshot;
  std::string name = SnapshotName(snapshot);
  std::string out = HtmlDocumentStart("hybridlint report: " + name, input.tool_version);
  out += "<header class=\"top\">\n<h1>hybridlint report: " + Escape(name) + "</h1>\n<p>";
  std::string root = CommonInputRoot(snapshot);
  if (!root.empty()) out += "<code>" + Escape(root) + "</code> · ";
  if (!snapshot.manifest.collected_at.empty()) out += "collected " + Escape(snapshot.manifest.collected_at) + " · ";
  if (!snapshot.manifest.collected_by.empty()) out += "by " + Escape(snapshot.manifest.collected_by) + " · ";
  out += "dates measured against " + Escape(input.now) + " · hybridlint " + Escape(input.tool_version) + "</p>\n</header>\n<main>\n";
  out += RenderHtmlSections(input);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace lint
