#pragma once

// Matches a normalized error text against the catalog.
//
//   ErrorText text = NormalizeErrorText(pasted);
//   MatchResult r = MatchErrorText(catalog, text);
//   for (const EntryMatch& m : r.matches) ...   // best first
//   if (r.matches.empty()) ... r.nearest ...     // what it resembles
//
// Scoring: an entry matches when at least one of its signatures matches.
// Its score is the sum of the weights of the signatures that matched (10
// for a whole message unless the entry says otherwise, less for a fragment
// several messages share), plus 1 per keyword and 2 per LID of its section
// found in the text. An entry whose evidence (the text its signatures
// matched; keywords and LIDs only add to the score) lies wholly inside the
// evidence of a higher-scoring entry is left out: "Proxy web request
// failed ... HTTP status 401" inside the longer message about an ambiguous
// user-context is that message, not a second failure. Equal scores keep
// both (the text does not tell them apart) and sort by id.

#include <string>
#include <vector>

#include "lint/diagnose/catalog.h"
#include "lint/diagnose/error_text.h"

namespace lint {

/// One signature that matched.
struct SignatureHit {
  const Signature* signature = nullptr;
  size_t raw_begin = 0;  ///< the first occurrence, byte offsets in ErrorText::raw
  size_t raw_end = 0;
  size_t count = 0;      ///< occurrences in the text
};

/// One keyword found in the text.
struct KeywordHit {
  const Keyword* keyword = nullptr;
  size_t raw_begin = 0;
  size_t raw_end = 0;
};

/// A catalog entry the text matches, with why.
struct EntryMatch {
  const CatalogEntry* entry = nullptr;
  int score = 0;
  std::vector<SignatureHit> signatures;  ///< in the entry's order
  std::vector<KeywordHit> keywords;
  std::vector<int> lids;                 ///< LIDs of the section found in the text
};

/// An entry the text resembles when nothing matched.
struct NearEntry {
  const CatalogEntry* entry = nullptr;
  int percent = 0;                        ///< share of the entry's words found in the text
  std::vector<std::string> shared_words;  ///< up to 8, in the entry's order
};

/// What one text matched.
struct MatchResult {
  std::vector<EntryMatch> matches;  ///< best first
  std::vector<NearEntry> nearest;   ///< only when `matches` is empty; at most 3, best first
};

/// Matches `text` against every entry of `catalog` (which must outlive the
/// result).
MatchResult MatchErrorText(const std::vector<CatalogEntry>& catalog, const ErrorText& text);

}  // namespace lint
