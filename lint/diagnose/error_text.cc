#include "lint/diagnose/error_text.h"

#include <algorithm>

#include <re2/re2.h>

namespace lint {

namespace {

// A .NET stack frame inside a line: "at Namespace.Type.Method(args)" with an
// optional " in C:\path\file.cs:line 12". Dots may be followed by spaces
// (text copied from a web page: "System.Web. Services.Protocols").
const RE2& InlineFrame() {
  static const RE2 kRe(
      R"((?i)\bat\s+[a-z_][\w`]*(?:\s?\.\s?[a-z_<][\w`<>\[\],]*)+\s*\([^()]*\)(?:\s+in\s+\S+?:line\s+\d+)?)");
  return kRe;
}

// A line that is only a frame, possibly cut before its argument list:
// "   at Microsoft.Exchange.InfoWorker.Common.Availability.ProxyWebRequest.EndInvoke".
const RE2& WholeLineFrame() {
  static const RE2 kRe(R"((?i)^\s*at\s+[a-z_][\w`]*(?:\.[\w`<>\[\],]+){2,}.*$)");
  return kRe;
}

// "--->" between an exception and its inner exception, and the markers
// .NET writes between stack traces.
const RE2& TraceMarker() {
  static const RE2 kRe(R"((?i)--->|---\s*end of (?:inner exception )?stack trace[^-]*---|\bserver stack trace:|exception rethrown at \[\d+\]:)");
  return kRe;
}

// LID markers, as Exchange writes them in availability errors and as people
// copy them: "LID: 43532", "LID=43532", "[LID 43532]", "<LID>43532</LID>"
// (also XML-escaped).
const RE2& LidMarkerRe() {
  static const RE2 kRe(
      R"((?i)(?:<|&lt;)lid(?:>|&gt;)\s*(\d{2,7})\s*(?:<|&lt;)/lid(?:>|&gt;)|[\[(]?\blid\b\s*[:=#]?\s*(\d{3,7})\b[\])]?)");
  return kRe;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

// What raw[i...] stands for once entities and typographic characters are
// made plain: `replacement` (may be " " for any whitespace, or empty) and
// how many bytes it consumed. Plain bytes stand for themselves.
struct Decoded {
  std::string_view replacement;
  size_t consumed = 1;
};

Decoded DecodeAt(std::string_view raw, size_t i) {
  static const std::pair<std::string_view, std::string_view> kTable[] = {
      {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
      {"&#39;", "'"}, {"&#34;", "\""}, {"&#x27;", "'"}, {"&#x22;", "\""},
      {"&#xD;", " "}, {"&#xA;", " "}, {"&#13;", " "}, {"&#10;", " "}, {"&#x9;", " "},
      {"\\r\\n", " "}, {"\\\"", "\""}, {"\\u0027", "'"}, {"\\u0022", "\""},
      {"\xE2\x80\x98", "'"}, {"\xE2\x80\x99", "'"}, {"\xE2\x80\x9C", "\""}, {"\xE2\x80\x9D", "\""},
      {"\xE2\x80\x93", "-"}, {"\xE2\x80\x94", "-"}, {"\xE2\x80\xA6", "..."}, {"\xC2\xA0", " "},
      {"\xE2\x80\x8B", ""}, {"\xEF\xBB\xBF", ""},
  };
  char c = raw[i];
  if (c == '&' || c == '\\' || static_cast<unsigned char>(c) >= 0xC2) {
    for (const auto& [from, to] : kTable) {
      if (raw.substr(i, from.size()) == from) return {to, from.size()};
    }
  }
  if (IsSpace(c)) return {" ", 1};
  return {raw.substr(i, 1), 1};
}

}  // namespace

ErrorText NormalizeErrorText(std::string raw) {
  ErrorText out;
  out.raw = std::move(raw);
  std::string_view all = out.raw;
  out.text.reserve(all.size());
  out.origin.reserve(all.size() + 1);
  out.words.reserve(all.size());

  std::vector<std::pair<size_t, size_t>> drop;  // byte ranges of the current line to leave out
  size_t line_begin = 0;
  while (line_begin <= all.size()) {
    size_t line_end = all.find_first_of("\r\n", line_begin);
    if (line_end == std::string_view::npos) line_end = all.size();
    std::string_view line = all.substr(line_begin, line_end - line_begin);

    drop.clear();
    if (RE2::FullMatch(line, WholeLineFrame())) {
      drop.emplace_back(0, line.size());
    } else {
      for (const RE2* re : {&InlineFrame(), &TraceMarker()}) {
        size_t pos = 0;
        while (pos < line.size()) {
          re2::StringPiece m;
          if (!re->Match(line, pos, line.size(), RE2::UNANCHORED, &m, 1) || m.empty()) break;
          size_t b = m.data() - line.data();
          drop.emplace_back(b, b + m.size());
          pos = b + m.size();
        }
      }
      size_t pos = 0;
      re2::StringPiece groups[3];
      while (pos < line.size() && LidMarkerRe().Match(line, pos, line.size(), RE2::UNANCHORED, groups, 3)) {
        if (groups[0].empty()) break;
        size_t b = groups[0].data() - line.data();
        re2::StringPiece digits = !groups[1].empty() ? groups[1] : groups[2];
        out.lids.push_back({std::stoi(std::string(digits.data(), digits.size())), line_begin + b, line_begin + b + groups[0].size()});
        drop.emplace_back(b, b + groups[0].size());
        pos = b + groups[0].size();
      }
      std::sort(drop.begin(), drop.end());
    }

    // Emit the kept bytes: whitespace runs become one space, none at the
    // line's start or end.
    bool pending_space = false, line_has_text = false;
    size_t next_drop = 0;
    for (size_t i = 0; i < line.size();) {
      while (next_drop < drop.size() && drop[next_drop].second <= i) ++next_drop;
      if (next_drop < drop.size() && drop[next_drop].first <= i) {
        i = drop[next_drop].second;
        pending_space = line_has_text;
        continue;
      }
      Decoded d = DecodeAt(line, i);
      size_t at = line_begin + i;
      i += d.consumed;
      if (d.replacement.empty()) continue;
      if (d.replacement == " ") {
        pending_space = line_has_text;
        continue;
      }
      if (pending_space) {
        out.text += ' ';
        out.origin.push_back(static_cast<uint32_t>(at));
        out.words += ' ';
        pending_space = false;
      }
      if (!line_has_text && !out.words.empty() && out.words.back() != ' ') out.words += ' ';
      line_has_text = true;
      for (char c : d.replacement) {
        out.text += c;
        out.origin.push_back(static_cast<uint32_t>(at));
        out.words += c;
      }
    }
    if (line_end >= all.size()) break;
    line_begin = line_end + ((all[line_end] == '\r' && line_end + 1 < all.size() && all[line_end + 1] == '\n') ? 2 : 1);
  }
  out.origin.push_back(static_cast<uint32_t>(all.size()));
  return out;
}

LineColumn ErrorText::Locate(size_t raw_offset) const {
  LineIndex index(raw);
  return index.Locate(raw, static_cast<uint32_t>(std::min(raw_offset, raw.size())));
}

std::pair<size_t, size_t> ErrorText::RawRange(size_t begin, size_t end) const {
  if (begin >= text.size()) return {raw.size(), raw.size()};
  end = std::min(end, text.size());
  size_t raw_begin = origin[begin];
  size_t raw_end = end > begin ? origin[end - 1] + 1 : raw_begin;
  // Extend to the end of a multi-byte character or entity the last byte
  // came from.
  while (raw_end < raw.size() && (static_cast<unsigned char>(raw[raw_end]) & 0xC0) == 0x80) ++raw_end;
  return {raw_begin, std::max(raw_begin, raw_end)};
}

std::string ErrorText::Excerpt(size_t raw_begin, size_t raw_end, size_t max_bytes) const {
  std::string out;
  bool space = false;
  raw_end = std::min(raw_end, raw.size());
  for (size_t i = raw_begin; i < raw_end; ++i) {
    char c = raw[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > max_bytes) {
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "...";
  }
  return out;
}

}  // namespace lint
