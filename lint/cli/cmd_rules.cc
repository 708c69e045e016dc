// hybridlint rules and hybridlint explain.
#include <algorithm>
#include <sstream>

#include "lint/cli/command.h"
#include "lint/diag/render.h"
#include "lint/model/snapshot_dump.h"
#include "lint/rules/engine.h"
#include "lint/rules/rule_loader.h"
#include "lint/util/edit_distance.h"

namespace lint::cli {

int CmdRules(Context& ctx) {
  Parsed p = ParseArgs(std::span(ctx.args).subspan(1), {"format", "rules", "max-rules"}, {});
  if (!p.error.empty()) return Usage(ctx, p.error);
  LimitOverrides limits;
  if (std::string error = ParseLimitFlags(p, limits); !error.empty()) return Usage(ctx, error);
  std::string format = p.Last("format", "text");
  if (format != "text" && format != "json") return Usage(ctx, "unknown --format '" + format + "' (expected text or json)");
  std::vector<Rule> rules;
  if (!LoadAllRules(ctx, p.All("rules"), rules, limits.Apply({}))) return kExitUsage;
  if (format == "json") {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const Rule& r : rules) {
      arr.push_back({{"id", r.id}, {"name", r.name}, {"category", r.category}, {"severity", SeverityName(r.severity)},
                     {"path", FbPathName(r.path)}, {"direction", DirectionName(r.direction)},
                     {"kind", r.applies_kind}, {"side", SideName(r.applies_side)}, {"what", r.docs.what},
                     {"user_error", r.docs.error}, {"builtin", r.builtin}});
    }
    ctx.out << arr.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  for (const Rule& r : rules) {
    std::string what = r.docs.what;
    std::replace(what.begin(), what.end(), '\n', ' ');
    while (!what.empty() && what.back() == ' ') what.pop_back();
    ctx.out << r.id << "  " << SeverityName(r.severity) << "  " << r.name << "  [" << SideName(r.applies_side)
            << (r.applies_kind.empty() ? "" : " " + r.applies_kind) << ", " << FbPathName(r.path) << "]\n    " << what << "\n";
  }
  ctx.out << rules.size() << " rule(s)\n";
  return kExitOk;
}

namespace {

std::string Indent(const std::string& text, const std::string& prefix) {
  std::string out;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) out += prefix + line + "\n";
  return out;
}

// Word-wraps prose (folded YAML) at `width` columns; each input line is a
// paragraph.
std::string Wrap(const std::string& text, const std::string& prefix, size_t width = 88) {
  std::string out;
  std::stringstream paragraphs(text);
  std::string paragraph;
  while (std::getline(paragraphs, paragraph)) {
    std::stringstream words(paragraph);
    std::string word, line;
    while (words >> word) {
      if (!line.empty() && prefix.size() + line.size() + 1 + word.size() > width) {
        out += prefix + line + "\n";
        line.clear();
      }
      line += (line.empty() ? "" : " ") + word;
    }
    out += prefix + line + "\n";
  }
  return out;
}

}  // namespace

int CmdExplain(Context& ctx) {
  Parsed p = ParseArgs(std::span(ctx.args).subspan(1), {"rules", "max-rules"}, {});
  if (!p.error.empty()) return Usage(ctx, p.error);
  LimitOverrides limits;
  if (std::string error = ParseLimitFlags(p, limits); !error.empty()) return Usage(ctx, error);
  if (p.positionals.size() != 1) return Usage(ctx, "explain needs one rule id, such as ORG001");
  std::vector<Rule> rules;
  if (!LoadAllRules(ctx, p.All("rules"), rules, limits.Apply({}))) return kExitUsage;
  const std::string& want = p.positionals.front();
  for (const Rule& r : rules) {
    if (!EqualsIgnoreCase(r.id, want) && r.name != want) continue;
    ctx.out << r.id << " " << r.name << " (" << SeverityName(r.severity) << ")\n";
    ctx.out << "applies to: " << SideWords(r.applies_side) << " " << (r.applies_kind.empty() ? "exports" : r.applies_kind)
            << "; free/busy path: " << FbPathName(r.path) << "; direction: " << DirectionName(r.direction) << "\n\n";
    ctx.out << "What it checks\n" << Wrap(r.docs.what, "  ") << "\n";
    ctx.out << "Why it matters\n" << Wrap(r.docs.why, "  ") << "\n";
    if (!r.docs.error.empty()) ctx.out << "What users see when it is wrong\n" << Wrap(r.docs.error, "  ") << "\n";
    if (!r.docs.example.empty()) ctx.out << "Example\n" << Indent(r.docs.example, "  ") << "\n";
    ctx.out << "Fix\n" << Indent(r.fix, "  ") << "\n";
    ctx.out << "References\n";
    for (const std::string& ref : r.docs.references) ctx.out << "  - " << ref << "\n";
    ctx.out << "\nSource: " << r.file << "\n";
    return kExitOk;
  }
  std::vector<std::string> ids;
  for (const Rule& r : rules) ids.push_back(r.id);
  ctx.err << "hybridlint: no rule '" << want << "'" << DidYouMean(want, ids) << "\n";
  return kExitUsage;
}

}  // namespace lint::cli
