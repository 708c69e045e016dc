#include "lint/diagnose/matcher.h"

#include <algorithm>
#include <set>
#include <utility>

namespace lint {

namespace {

using Interval = std::pair<size_t, size_t>;  // [begin, end) in ErrorText::raw

// A log can repeat one error thousands of times; counting stops here.
constexpr size_t kMaxOccurrences = 1000;

// Every non-overlapping match of `re` in `text`, as ranges of `text`.
// RE2 finds the leftmost match; with a {gap} that can start at an earlier
// occurrence of the first part (an earlier log line) and run to this one,
// so each match is narrowed to the last start that still matches inside it.
std::vector<Interval> FindAll(const RE2& re, std::string_view text) {
  std::vector<Interval> out;
  size_t pos = 0;
  re2::StringPiece m;
  while (pos <= text.size() && out.size() < kMaxOccurrences &&
         re.Match(text, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    size_t b = m.data() - text.data(), e = b + m.size();
    re2::StringPiece inner;
    while (b + 1 < e && re.Match(text, b + 1, e, RE2::UNANCHORED, &inner, 1) && !inner.empty()) {
      b = inner.data() - text.data();
      e = b + inner.size();
    }
    out.emplace_back(b, e);
    pos = e > b ? e : b + 1;
  }
  return out;
}

std::vector<Interval> Merge(std::vector<Interval> v) {
  std::sort(v.begin(), v.end());
  std::vector<Interval> out;
  for (const Interval& i : v) {
    if (!out.empty() && i.first <= out.back().second) {
      out.back().second = std::max(out.back().second, i.second);
    } else {
      out.push_back(i);
    }
  }
  return out;
}

// True when every interval of `inner` lies inside one interval of the
// merged `outer`.
bool Within(const std::vector<Interval>& inner, const std::vector<Interval>& outer) {
  for (const Interval& i : inner) {
    bool inside = std::any_of(outer.begin(), outer.end(),
                              [&](const Interval& o) { return o.first <= i.first && i.second <= o.second; });
    if (!inside) return false;
  }
  return true;
}

// Words that say nothing about which failure a text is.
const std::set<std::string>& StopWords() {
  static const std::set<std::string> kWords = {
      "the", "and", "for", "with", "from", "this", "that", "not", "can", "could", "has", "have", "had",
      "does", "did", "its", "are", "was", "were", "been", "when", "while", "your", "you", "into", "than",
      "error", "errors", "exception", "system", "net", "microsoft", "exchange", "message", "occurred"};
  return kWords;
}

// Lower-case ASCII words of three or more letters or digits, in order of
// first appearance, without stop words or repeats.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 3 && !StopWords().count(word) && seen.insert(word).second) out.push_back(word);
    word.clear();
  };
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += c;
    } else if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else {
      flush();
    }
  }
  flush();
  return out;
}

std::vector<NearEntry> Nearest(const std::vector<CatalogEntry>& catalog, const ErrorText& text) {
  std::vector<std::string> input = Words(text.words);
  std::set<std::string> have(input.begin(), input.end());
  std::vector<NearEntry> out;
  for (const CatalogEntry& entry : catalog) {
    std::string vocabulary = entry.section + " " + entry.message;
    for (const Keyword& k : entry.keywords) vocabulary += " " + k.text;
    std::vector<std::string> words = Words(vocabulary);
    if (words.empty()) continue;
    NearEntry near{&entry, 0, {}};
    size_t shared = 0;
    for (const std::string& w : words) {
      if (!have.count(w)) continue;
      ++shared;
      if (near.shared_words.size() < 8) near.shared_words.push_back(w);
    }
    if (shared == 0) continue;
    near.percent = static_cast<int>((100 * shared + words.size() / 2) / words.size());
    if (near.percent == 0) continue;
    out.push_back(std::move(near));
  }
  std::stable_sort(out.begin(), out.end(), [](const NearEntry& a, const NearEntry& b) {
    if (a.percent != b.percent) return a.percent > b.percent;
    return a.entry->id < b.entry->id;
  });
  if (out.size() > 3) out.resize(3);
  return out;
}

}  // namespace

MatchResult MatchErrorText(const std::vector<CatalogEntry>& catalog, const ErrorText& text) {
  struct Candidate {
    EntryMatch match;
    std::vector<Interval> evidence;  // what the signatures matched: merged, raw offsets
  };
  std::vector<Candidate> candidates;
  for (const CatalogEntry& entry : catalog) {
    Candidate c;
    c.match.entry = &entry;
    std::vector<Interval> evidence;
    for (const Signature& sig : entry.signatures) {
      std::vector<Interval> found = FindAll(*sig.regex, text.text);
      if (found.empty()) continue;
      SignatureHit hit{&sig, 0, 0, found.size()};
      std::tie(hit.raw_begin, hit.raw_end) = text.RawRange(found.front().first, found.front().second);
      c.match.signatures.push_back(hit);
      c.match.score += sig.weight;
      for (const Interval& i : found) evidence.push_back(text.RawRange(i.first, i.second));
    }
    if (c.match.signatures.empty()) continue;
    for (const Keyword& k : entry.keywords) {
      std::vector<Interval> found = FindAll(*k.regex, text.text);
      if (found.empty()) continue;
      KeywordHit hit{&k, 0, 0};
      std::tie(hit.raw_begin, hit.raw_end) = text.RawRange(found.front().first, found.front().second);
      c.match.keywords.push_back(hit);
      c.match.score += 1;
    }
    for (int lid : entry.lids) {
      bool found = false;
      for (const LidMarker& m : text.lids) {
        if (m.value != lid) continue;
        found = true;
      }
      if (found) {
        c.match.lids.push_back(lid);
        c.match.score += 2;
      }
    }
    c.evidence = Merge(std::move(evidence));
    candidates.push_back(std::move(c));
  }

  MatchResult result;
  for (const Candidate& c : candidates) {
    bool subsumed = std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& other) {
      return &other != &c && other.match.score > c.match.score && Within(c.evidence, other.evidence);
    });
    if (!subsumed) result.matches.push_back(c.match);
  }
  std::stable_sort(result.matches.begin(), result.matches.end(), [](const EntryMatch& a, const EntryMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.entry->id < b.entry->id;
  });
  if (result.matches.empty()) result.nearest = Nearest(catalog, text);
  return result;
}

}  // namespace lint
